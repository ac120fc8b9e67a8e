/** Small in-test fixtures for the validator: a CRD folder in a temporary directory and well-formed objects. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A namespaced `example.com` Widget: v1 served with a closed, int-or-string, preserve-unknown schema; v1alpha1 not served. */
export const WIDGET_CRD = `
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names: { kind: Widget, listKind: WidgetList, plural: widgets, singular: widget }
  scope: Namespaced
  versions:
    - name: v1alpha1
      served: false
      storage: false
      schema:
        openAPIV3Schema:
          type: object
          x-kubernetes-preserve-unknown-fields: true
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            apiVersion: { type: string }
            kind: { type: string }
            metadata: { type: object }
            spec:
              type: object
              required: [size]
              properties:
                size: { type: integer, minimum: 1 }
                port:
                  x-kubernetes-int-or-string: true
                  anyOf: [{ type: integer }, { type: string }]
                mode: { type: string, enum: [fast, safe], nullable: true }
                config:
                  type: object
                  x-kubernetes-preserve-unknown-fields: true
                template:
                  type: object
                  x-kubernetes-embedded-resource: true
                  properties:
                    replicas: { type: integer }
                tls:
                  type: object
                  properties:
                    secretName: { type: string }
`;

/** A cluster-scoped Gadget, written as `kubectl get crd -o yaml` prints: a List of CRDs. */
export const GADGET_CRD_LIST = `
apiVersion: v1
kind: List
items:
  - apiVersion: apiextensions.k8s.io/v1
    kind: CustomResourceDefinition
    metadata:
      name: gadgets.example.com
    spec:
      group: example.com
      names: { kind: Gadget, plural: gadgets }
      scope: Cluster
      versions:
        - name: v1
          served: true
          storage: true
          schema:
            openAPIV3Schema:
              type: object
              properties:
                spec:
                  type: object
                  properties:
                    colour: { type: string }
`;

/** A cut-down Kubernetes definitions file: Namespace, ConfigMap, Service (with IntOrString) and ObjectMeta. */
export const K8S_DEFINITIONS = {
  definitions: {
    'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta': {
      type: 'object',
      properties: {
        name: { type: 'string' },
        namespace: { type: 'string' },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        annotations: { type: 'object', additionalProperties: { type: 'string' } },
      },
    },
    'io.k8s.apimachinery.pkg.util.intstr.IntOrString': { oneOf: [{ type: 'string' }, { type: 'integer' }] },
    'io.k8s.api.core.v1.Namespace': {
      type: 'object',
      properties: {
        apiVersion: { type: 'string' },
        kind: { type: 'string' },
        metadata: { $ref: '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' },
      },
      'x-kubernetes-group-version-kind': [{ group: '', kind: 'Namespace', version: 'v1' }],
    },
    'io.k8s.api.core.v1.ConfigMap': {
      type: 'object',
      properties: {
        apiVersion: { type: 'string' },
        kind: { type: 'string' },
        metadata: { $ref: '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' },
        data: { type: 'object', additionalProperties: { type: 'string' } },
      },
      'x-kubernetes-group-version-kind': [{ group: '', kind: 'ConfigMap', version: 'v1' }],
    },
    'io.k8s.api.core.v1.Service': {
      type: 'object',
      properties: {
        apiVersion: { type: 'string' },
        kind: { type: 'string' },
        metadata: { $ref: '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' },
        spec: {
          type: 'object',
          properties: {
            ports: {
              type: 'array',
              items: {
                type: 'object',
                required: ['port'],
                properties: {
                  port: { type: 'integer' },
                  targetPort: { $ref: '#/definitions/io.k8s.apimachinery.pkg.util.intstr.IntOrString' },
                },
              },
            },
          },
        },
      },
      'x-kubernetes-group-version-kind': [{ group: '', kind: 'Service', version: 'v1' }],
    },
  },
};

/** Writes `files` (relative path → content) into a fresh temporary folder and returns its path. */
export function tempFolder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'validation-test-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

/** A CRD folder with the Widget CRD at the top and the Gadget List in a subfolder, plus the cut-down k8s definitions. */
export function crdFolder(): string {
  return tempFolder({
    'widgets.example.com.yaml': WIDGET_CRD,
    'cluster/crds.yml': GADGET_CRD_LIST,
    'k8s/k8s-1.28-definitions.json': JSON.stringify(K8S_DEFINITIONS),
    'README.md': 'not yaml: ignored',
  });
}

/** Removes a folder made by {@link tempFolder}. */
export function removeFolder(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** A well-formed object: name, namespace (unless `null`), sync wave; `extra` is merged at the top level. */
export function manifest(apiVersion: string, kind: string, extra: Record<string, unknown> = {}, namespace: string | null = 'team-a'): Record<string, unknown> {
  return {
    apiVersion,
    kind,
    metadata: {
      name: 'example',
      ...(namespace === null ? {} : { namespace }),
      labels: { 'app.kubernetes.io/part-of': 'seldon-platform' },
      annotations: { 'argocd.argoproj.io/sync-wave': '3' },
    },
    ...extra,
  };
}

/** A valid Widget with the given spec. */
export function widget(spec: Record<string, unknown>, apiVersion = 'example.com/v1'): Record<string, unknown> {
  return manifest(apiVersion, 'Widget', { spec });
}
