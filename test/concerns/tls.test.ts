import { PlatformConfig } from '../../src/config';
import { TlsOptions } from '../../src/concerns/tls';
import { KubeObject, RenderedObject } from '../../src/lib/render';
import { SeldonPlatform } from '../../src/platform';
import { errorOf, find, render, testConfig } from '../helpers/render';
import { hardenedValues } from '../../src/lib/workload-security';
import { CHARTS } from '../../src/versions';

const kubernetes = (overrides: Partial<PlatformConfig> = {}): PlatformConfig => testConfig({ platform: 'kubernetes', ingressDomain: undefined, ...overrides });
const rejected = (tls: TlsOptions) => errorOf(() => SeldonPlatform.validate(testConfig({ tls })));

/** Every object the TLS concern renders, wherever it is written (its chart, Core 2's namespaces). */
const tlsObjects = (objects: readonly RenderedObject[]) => objects.filter((o) => o.object.metadata.labels?.['app.kubernetes.io/component'] === 'tls');
const spec = (o: KubeObject) => o.spec as Record<string, any>;
const certificatesIn = (objects: readonly RenderedObject[], namespace: string) =>
  objects.filter((o) => o.object.kind === 'Certificate' && o.object.metadata.namespace === namespace).map((o) => o.object.metadata.name).sort();

describe('TLS on OpenShift (cert-manager Operator for Red Hat OpenShift)', () => {
  const objects = render(testConfig(), { seldon: {} });

  test('GIVEN the defaults WHEN rendered THEN the objects match the snapshot', () => {
    expect(tlsObjects(objects)).toMatchSnapshot();
  });

  test('THEN the operator is subscribed on stable-v1 in its own namespace and OperatorGroup', () => {
    expect(spec(find(objects, 'Subscription', 'openshift-cert-manager-operator', 'cert-manager-operator'))).toMatchObject({ channel: 'stable-v1', source: 'redhat-operators' });
    expect(spec(find(objects, 'OperatorGroup', 'openshift-cert-manager-operator', 'cert-manager-operator'))).toEqual({ targetNamespaces: ['cert-manager-operator'] });
  });

  test('THEN the self-signed chain has the upstream names: seldon-issuer → seldon-ca (secret cacert, ECDSA 256) → seldon-ca-issuer', () => {
    expect(spec(find(objects, 'ClusterIssuer', 'seldon-issuer'))).toEqual({ selfSigned: {} });
    expect(spec(find(objects, 'Certificate', 'seldon-ca', 'cert-manager'))).toEqual({
      isCA: true,
      commonName: 'seldon-ca',
      secretName: 'cacert',
      duration: '87600h',
      privateKey: { algorithm: 'ECDSA', size: 256 },
      issuerRef: { group: 'cert-manager.io', kind: 'ClusterIssuer', name: 'seldon-issuer' },
    });
    expect(spec(find(objects, 'ClusterIssuer', 'seldon-ca-issuer'))).toEqual({ ca: { secretName: 'cacert' } });
  });

  test('THEN the CA comes after the operator that serves it', () => {
    for (const o of [find(objects, 'ClusterIssuer', 'seldon-issuer'), find(objects, 'Certificate', 'seldon-ca')]) {
      expect(Number(o.metadata.annotations?.['argocd.argoproj.io/sync-wave'])).toBeGreaterThan(2);
    }
  });

  test('THEN each Core 2 namespace gets the control-plane, upstream and downstream certificates, with upstream durations and usages', () => {
    expect(certificatesIn(objects, 'seldon')).toEqual(['seldon-controlplane-client', 'seldon-controlplane-server', 'seldon-downstream-server', 'seldon-upstream-client', 'seldon-upstream-server']);
    expect(spec(find(objects, 'Certificate', 'seldon-controlplane-server', 'seldon'))).toEqual({
      secretName: 'seldon-controlplane-server',
      duration: '2160h',
      renewBefore: '360h',
      dnsNames: ['seldon-scheduler', 'seldon-scheduler.seldon', 'seldon-scheduler.seldon.svc', 'seldon-scheduler.svc', 'localhost'],
      usages: ['server auth', 'client auth'],
      issuerRef: { group: 'cert-manager.io', kind: 'ClusterIssuer', name: 'seldon-ca-issuer' },
    });
    expect(spec(find(objects, 'Certificate', 'seldon-upstream-client', 'seldon')).dnsNames).toEqual(['seldon', '*.seldon', '*.seldon.svc', 'localhost']);
    expect(spec(find(objects, 'Certificate', 'seldon-downstream-server', 'seldon')).dnsNames).toEqual([
      'seldon',
      'seldon.svc',
      'seldon-mesh',
      'seldon-mesh.seldon',
      'seldon-mesh.seldon.svc',
      'seldon-mesh.seldon.svc.cluster.local',
      'localhost',
    ]);
  });

  test('THEN the cluster-wide controller gets its control-plane certificates in seldon-system, from the same CA', () => {
    expect(certificatesIn(objects, 'seldon-system')).toEqual(['seldon-controlplane-client', 'seldon-controlplane-server']);
    expect(spec(find(objects, 'Certificate', 'seldon-controlplane-client', 'seldon-system')).issuerRef.name).toBe('seldon-ca-issuer');
  });

  test('THEN the mesh gateway gets a client certificate whose ca.crt verifies Envoy', () => {
    expect(spec(find(objects, 'Certificate', 'seldon-mesh-gateway', 'istio-system'))).toMatchObject({ secretName: 'seldon-mesh-gateway', usages: ['client auth'] });
  });
});

describe('TLS on Kubernetes (cert-manager chart)', () => {
  const objects = render(kubernetes(), { seldon: {} });

  test('GIVEN the defaults WHEN rendered THEN the objects match the snapshot', () => {
    expect(tlsObjects(objects)).toMatchSnapshot();
  });

  test('THEN cert-manager is installed from its pinned chart with its CRDs', () => {
    const app = find(objects, 'Application', 'cert-manager');
    expect(spec(app).source).toEqual({ repoURL: 'https://charts.jetstack.io', chart: 'cert-manager', targetRevision: CHARTS.certManager.version, helm: { releaseName: 'cert-manager', valuesObject: hardenedValues({ chart: 'cert-manager' }, { platform: 'kubernetes' }, { crds: { enabled: true } }) } });
    expect(spec(app).destination.namespace).toBe('cert-manager');
  });
});

describe('TLS options', () => {
  test('GIVEN an existing ClusterIssuer THEN no CA chain is rendered and every certificate uses it', () => {
    const objects = render(testConfig({ tls: { issuer: { type: 'cluster-issuer', name: 'corporate-ca' } } }), { seldon: {} });
    expect(objects.filter((o) => o.object.kind === 'ClusterIssuer')).toEqual([]);
    const issuers = new Set(objects.filter((o) => o.object.kind === 'Certificate' && o.object.metadata.labels?.['app.kubernetes.io/component'] === 'tls').map((o) => spec(o.object).issuerRef.name));
    expect([...issuers]).toEqual(['corporate-ca']);
  });

  test('GIVEN cert-manager already installed and other lifetimes THEN no operator is rendered and the leaves use the lifetimes', () => {
    const objects = render(testConfig({ tls: { install: false, duration: '720h', renewBefore: '240h' } }), { seldon: {} });
    expect(objects.filter((o) => o.object.kind === 'Subscription' && o.object.metadata.name === 'openshift-cert-manager-operator')).toEqual([]);
    expect(spec(find(objects, 'Certificate', 'seldon-upstream-server', 'seldon'))).toMatchObject({ duration: '720h', renewBefore: '240h' });
  });

  test('GIVEN Core 2 all PLAINTEXT THEN no leaf certificate is rendered', () => {
    const objects = render(testConfig({ coreV2: { security: { controlPlane: 'PLAINTEXT', envoy: 'PLAINTEXT' } } }), { seldon: {} });
    expect(objects.filter((o) => o.object.kind === 'Certificate').map((o) => o.object.metadata.name)).toEqual(['seldon-ca']);
  });
});

describe('TLS configuration is rejected with field, value and fix', () => {
  test('a duration that is not a Go duration', () => {
    expect(rejected({ duration: '90 days' })).toContain('tls.duration ("90 days"): is not a Go duration; use hours, e.g. "2160h"');
  });

  test('a renewal window as long as the certificate', () => {
    expect(rejected({ duration: '360h', renewBefore: '360h' })).toContain('tls.renewBefore ("360h"): is not shorter than the certificate duration (360h)');
  });

  test('an existing issuer without a valid name', () => {
    expect(rejected({ issuer: { type: 'cluster-issuer', name: 'Corporate CA' } })).toContain('tls.issuer.name ("Corporate CA"): is not a ClusterIssuer name');
  });

  test('an unknown issuer type', () => {
    expect(rejected({ issuer: { type: 'self-sign' } as never })).toContain('tls.issuer.type ("self-sign"): is not one of self-signed, cluster-issuer; did you mean self-signed?');
  });
});
