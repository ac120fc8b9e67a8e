/**
 * The OpenShift version matrix (src/versions.ts) drives the render: for every minor it lists, the Service Mesh line,
 * the operator channels and the Core v1 install follow the row, and the render validates against the CRDs of that line
 * only (../shared/crds without the other mesh's and the other Logging major's CRDs, copied to a temporary folder: the
 * CRD catalog reads regular files only). Expected values come from the
 * matrix itself, never from version strings written here.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { PlatformConfig } from '../../src/config';
import { KubeObject, RenderedObject } from '../../src/lib/render';
import { matrixVersions, nearestLine, openshiftLine, seldonRangeGaps } from '../../src/lib/openshift-matrix';
import { ManifestValidator } from '../../src/validation';
import { API_VERSIONS, INSTANCE_VERSIONS, OLM, OPENSHIFT_MATRIX, OpenShiftLine, SELDON_PUBLISHED_RANGES } from '../../src/versions';
import { errorOf, find, render, testConfig } from '../helpers/render';

/** ../shared/crds beside the repository (CI), or SELDON_SHARED_DIR/crds for a checkout elsewhere. */
const SHARED_CRDS = process.env.SELDON_SHARED_DIR ? resolve(process.env.SELDON_SHARED_DIR, 'crds') : resolve(__dirname, '../../../shared/crds');
const haveCrds = (() => {
  try {
    return statSync(SHARED_CRDS).isDirectory();
  } catch {
    return false;
  }
})();
if (!haveCrds) console.log(`SKIPPED: the per-minor CRD validation needs ${SHARED_CRDS} (CI has it; set SELDON_SHARED_DIR to run it elsewhere)`);

const configFor = (version: string, overrides: Partial<PlatformConfig> = {}): PlatformConfig => testConfig({ openshiftVersion: version, ...overrides });
const renderFor = (line: OpenShiftLine, overrides: Partial<PlatformConfig> = {}): RenderedObject[] => render(configFor(`4.${line.minor}`, overrides), { models: {}, 'core2-models': { coreV2: true } });
const subscription = (objects: readonly RenderedObject[], name: string) => find(objects, 'Subscription', name).spec as { channel: string };
const kinds = (objects: readonly RenderedObject[]): Set<string> => new Set(objects.map((o) => o.object.kind));

/**
 * A CRD folder holding ../shared/crds minus the CRDs of the lines a row does not use: the other Service Mesh major
 * (maistra/ or sail-operator/) and the other Logging major's API group.
 */
const lineCrdDirs = new Map<string, string>();
afterAll(() => {
  for (const dir of lineCrdDirs.values()) rmSync(dir, { recursive: true, force: true });
});

function lineCrdDir(mesh: 2 | 3, logging: 5 | 6): string {
  const key = `${mesh}/${logging}`;
  const cached = lineCrdDirs.get(key);
  if (cached) return cached;
  const excludedDir = mesh === 3 ? 'maistra' : 'sail-operator';
  const excludedGroup = logging === 6 ? '.logging.openshift.io.yaml' : '.observability.openshift.io.yaml';
  const target = mkdtempSync(join(tmpdir(), `crds-ossm${mesh}-logging${logging}-`));
  const copy = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const rel = relative(SHARED_CRDS, path);
      if (statSync(path).isDirectory()) {
        if (rel === excludedDir) continue;
        mkdirSync(join(target, rel), { recursive: true });
        copy(path);
      } else if (!name.endsWith(excludedGroup)) {
        copyFileSync(path, join(target, rel));
      }
    }
  };
  copy(SHARED_CRDS);
  lineCrdDirs.set(key, target);
  return target;
}

describe.each(OPENSHIFT_MATRIX.map((line) => [`4.${line.minor}`, line] as const))('OpenShift %s', (_version, line) => {
  const objects = renderFor(line);

  test('THEN the Service Mesh line is the matrix default, and the other line renders nothing', () => {
    if (line.serviceMesh.default === 3) {
      expect(subscription(objects, OLM.serviceMesh3.name).channel).toBe(OLM.serviceMesh3.channel);
      expect(find(objects, 'Istio', 'default')).toMatchObject({ apiVersion: API_VERSIONS.Istio, spec: { version: INSTANCE_VERSIONS.istio, namespace: 'istio-system' } });
      expect(find(objects, 'IstioCNI', 'default')).toMatchObject({ apiVersion: API_VERSIONS.IstioCNI, spec: { version: INSTANCE_VERSIONS.istio } });
      expect([...kinds(objects)].filter((k) => k.startsWith('ServiceMesh'))).toEqual([]);
    } else {
      expect(subscription(objects, OLM.serviceMesh.name).channel).toBe(OLM.serviceMesh.channel);
      expect(find(objects, 'ServiceMeshControlPlane', 'basic', 'istio-system').spec).toMatchObject({ version: INSTANCE_VERSIONS.serviceMeshControlPlane });
      expect(kinds(objects).has('Istio') || kinds(objects).has('IstioCNI')).toBe(false);
    }
  });

  test('THEN Serverless, GitOps and Logging subscribe on the matrix channels', () => {
    expect(subscription(objects, OLM.serverless.name).channel).toBe(line.channels.serverless);
    // The GitOps operator is a prerequisite by default (bootstrap README); with installOperator it is rendered.
    expect(subscription(renderFor(line, { gitops: { ...testConfig().gitops, installOperator: true } }), OLM.gitops.name).channel).toBe(line.channels.gitops);
    expect(subscription(objects, OLM.logging.name).channel).toBe(line.logging.channels[line.logging.default]);
    const logging6 = objects.some((o) => o.object.apiVersion === 'observability.openshift.io/v1');
    expect(logging6).toBe(line.logging.default === 6);
  });

  test('THEN Core v1 installs as the matrix says', () => {
    const olm = objects.some((o) => o.object.kind === 'Subscription' && (o.object.spec as { name?: string }).name === OLM.seldonCoreV1.name);
    const chart = objects.some((o) => o.object.kind === 'Application' && o.object.metadata.name === 'seldon-core');
    expect({ olm, chart }).toEqual({ olm: line.coreV1Install === 'olm', chart: line.coreV1Install === 'helm' });
  });

  (haveCrds ? test : test.skip)('THEN every object validates against the CRDs of its lines (and not the other lines\')', () => {
    const validator = new ManifestValidator({ crdDir: lineCrdDir(line.serviceMesh.default, line.logging.default) });
    const findings = validator.validate(objects.map((o) => ({ file: o.file, object: o.object }))).filter((f) => f.severity === 'error');
    expect(findings.map((f) => `${f.file} ${f.path}: ${f.message}`)).toEqual([]);
  });

  for (const version of line.serviceMesh.allowed.filter((v) => v !== line.serviceMesh.default)) {
    test(`GIVEN serviceMesh.version ${version} (allowed, not the default) THEN that line renders`, () => {
      const other = renderFor(line, { serviceMesh: { version } });
      expect(kinds(other).has(version === 3 ? 'Istio' : 'ServiceMeshControlPlane')).toBe(true);
      expect(kinds(other).has(version === 3 ? 'ServiceMeshControlPlane' : 'Istio')).toBe(false);
    });
  }

  test('THEN the Seldon range gaps are those of the row\'s Kubernetes version against Seldon\'s published ranges', () => {
    const k8s = Number(line.kubernetes.split('.')[1]);
    const coreV2Max = Number(SELDON_PUBLISHED_RANGES.coreV2.kubernetes.max.split('.')[1]);
    const gaps = seldonRangeGaps(line);
    expect(gaps.some((g) => g.startsWith(SELDON_PUBLISHED_RANGES.coreV2.component))).toBe(k8s > coreV2Max);
    expect(gaps.some((g) => g.startsWith(SELDON_PUBLISHED_RANGES.deploy.component))).toBe(line.minor > SELDON_PUBLISHED_RANGES.deploy.openshift.max);
  });
});

describe('the matrix itself', () => {
  test('lists the seed\'s line (4.14) and at least one minor Red Hat supports, oldest first, one Kubernetes minor apart per release', () => {
    expect(openshiftLine('4.14')).toBeDefined();
    expect(OPENSHIFT_MATRIX.some((l) => l.supported)).toBe(true);
    const minors = OPENSHIFT_MATRIX.map((l) => l.minor);
    expect(minors).toEqual([...minors].sort((a, b) => a - b));
    for (const l of OPENSHIFT_MATRIX) expect(Number(l.kubernetes.split('.')[1]) - l.minor).toBe(13);
  });

  test('every row installs its default Service Mesh and Logging majors, and no row offers the certified Core v1 bundle past 4.13', () => {
    for (const l of OPENSHIFT_MATRIX) {
      expect(l.serviceMesh.allowed).toContain(l.serviceMesh.default);
      expect(l.logging.channels[l.logging.default]).toMatch(/^stable-[56]\.\d+$/);
      if (l.minor > 13) expect(l.coreV1Install).toBe('helm');
    }
  });
});

describe('refused OpenShift versions and combinations', () => {
  const reject = (config: PlatformConfig): string => errorOf(() => render(config));
  const oldest = OPENSHIFT_MATRIX[0];
  const newest = OPENSHIFT_MATRIX[OPENSHIFT_MATRIX.length - 1];

  test('GIVEN no openshiftVersion on OpenShift THEN it is required, with the supported list and how to read it', () => {
    const message = reject(testConfig({ openshiftVersion: undefined }));
    expect(message).toContain('openshiftVersion (undefined): is required on OpenShift');
    expect(message).toContain(matrixVersions().join(', '));
    expect(message).toContain('oc get clusterversion version');
  });

  test.each([
    [oldest.minor - 1, oldest.minor],
    [newest.minor + 1, newest.minor],
    ...[15, 17].filter((m) => !openshiftLine(`4.${m}`)).map((m) => [m, nearestLine(m).minor]),
  ])('GIVEN OpenShift 4.%s (not in the matrix) THEN it is refused with the nearest supported minor 4.%s', (minor, nearest) => {
    const message = reject(testConfig({ openshiftVersion: `4.${minor}.2` }));
    expect(message).toContain(`openshiftVersion ("4.${minor}.2"): OpenShift 4.${minor}`);
    expect(message).toContain(`upgrade to (or render for) OpenShift 4.${nearest}, the nearest supported minor`);
  });

  test('GIVEN a version that is not 4.x THEN it is refused as such', () => {
    expect(reject(testConfig({ openshiftVersion: '5.0' }))).toContain('openshiftVersion ("5.0"): is not an OpenShift 4.x version');
  });

  test.each(OPENSHIFT_MATRIX.flatMap((l) => ([2, 3] as const).filter((v) => !l.serviceMesh.allowed.includes(v)).map((v) => [v, l.minor, l.serviceMesh.default] as const)))(
    'GIVEN serviceMesh.version %s on OpenShift 4.%s (not in the row) THEN it is refused, pointing at %s',
    (version, minor, fallback) => {
      const message = reject(configFor(`4.${minor}`, { serviceMesh: { version } }));
      expect(message).toContain(`serviceMesh.version (${version}): OpenShift Service Mesh ${version} is not supported on OpenShift 4.${minor}`);
      expect(message).toContain(`set serviceMesh.version: ${fallback}`);
    },
  );

  test.each(OPENSHIFT_MATRIX.flatMap((l) => ([5, 6] as const).filter((v) => l.logging.channels[v] === undefined).map((v) => [v, l.minor] as const)))(
    'GIVEN logging.version %s on OpenShift 4.%s (not in the row) THEN it is refused with the other major\'s channel',
    (version, minor) => {
      const line = openshiftLine(`4.${minor}`) as OpenShiftLine;
      const other = version === 5 ? 6 : 5;
      const message = reject(configFor(`4.${minor}`, { logging: { version } }));
      expect(message).toContain(`logging.version (${version}): OpenShift Logging ${version} does not install on OpenShift 4.${minor}`);
      expect(message).toContain(`set logging.version: ${other} (channel ${line.logging.channels[other]})`);
    },
  );

  test('GIVEN Service Mesh 2 settings with Service Mesh 3 THEN they are refused', () => {
    const three = OPENSHIFT_MATRIX.find((l) => l.serviceMesh.default === 3) as OpenShiftLine;
    const message = reject(configFor(`4.${three.minor}`, { serviceMesh: { controlPlaneVersion: 'v2.6' } }));
    expect(message).toContain('serviceMesh.controlPlaneVersion ("v2.6"): is a Service Mesh 2 (ServiceMeshControlPlane) setting');
  });
});

/** Objects labelled by the service mesh concern or the namespaces it enrols. */
const namespaceLabels = (objects: readonly RenderedObject[], name: string): Record<string, string> => find(objects, 'Namespace', name).metadata.labels ?? {};

describe('OpenShift Service Mesh 3 membership, gateway and wiring', () => {
  const three = OPENSHIFT_MATRIX.find((l) => l.serviceMesh.default === 3) as OpenShiftLine;
  const objects = render(configFor(`4.${three.minor}`, { serviceMesh: { members: ['legacy-apps'] } }), { models: {}, 'core2-models': { coreV2: true } });
  const istio = find(objects, 'Istio', 'default');

  test('THEN every platform and model namespace carries the discovery label, and only it (injection stays opt-in per pod)', () => {
    for (const ns of ['istio-system', 'istio-ingress', 'seldon-system', 'seldon-logs', 'seldon-kafka', 'models', 'core2-models']) {
      expect([ns, namespaceLabels(objects, ns)['istio-discovery']]).toEqual([ns, 'enabled']);
      expect([ns, namespaceLabels(objects, ns)['istio-injection']]).toEqual([ns, undefined]);
    }
    expect(namespaceLabels(objects, 'seldon-argocd')['istio-discovery']).toBeUndefined();
  });

  test('THEN istiod discovers the labelled namespaces and the extra members by name', () => {
    expect((istio.spec as { values: unknown }).values).toEqual({
      meshConfig: {
        discoverySelectors: [
          { matchLabels: { 'istio-discovery': 'enabled' } },
          { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['legacy-apps'] }] },
        ],
      },
    });
  });

  test('GIVEN one more addModelNamespace call THEN only that Namespace changes in the mesh (no shared registry object)', () => {
    const more = render(configFor(`4.${three.minor}`), { models: {}, extra: {} });
    const less = render(configFor(`4.${three.minor}`), { models: {} });
    const byFile = (rs: readonly RenderedObject[]) => new Map(rs.map((r) => [r.file, JSON.stringify(r.object)]));
    const [a, b] = [byFile(less), byFile(more)];
    const changed = [...b.keys()].filter((f) => a.get(f) !== b.get(f) && !f.startsWith('model-namespaces/extra/'));
    expect(changed.filter((f) => f.startsWith('service-mesh/'))).toEqual([]);
    expect(namespaceLabels(more, 'extra')['istio-discovery']).toBe('enabled');
  });

  test('THEN the ingress gateway is its own injected Deployment in istio-ingress, with Service, ServiceAccount, SDS Role and NetworkPolicy', () => {
    const deployment = find(objects, 'Deployment', 'istio-ingressgateway', 'istio-ingress') as KubeObject & { spec: { template: { metadata: { labels: Record<string, string>; annotations: Record<string, string> }; spec: { serviceAccountName: string } } } };
    expect(deployment.spec.template.metadata).toEqual({ annotations: { 'inject.istio.io/templates': 'gateway' }, labels: { istio: 'ingressgateway', 'sidecar.istio.io/inject': 'true' } });
    expect(deployment.spec.template.spec.serviceAccountName).toBe('istio-ingressgateway');
    expect(Number(deployment.metadata.annotations?.['argocd.argoproj.io/sync-wave'])).toBeGreaterThan(Number(istio.metadata.annotations?.['argocd.argoproj.io/sync-wave']));
    expect(find(objects, 'Service', 'istio-ingressgateway', 'istio-ingress').spec).toMatchObject({ selector: { istio: 'ingressgateway' }, ports: [{ name: 'http2', port: 80, targetPort: 8080 }, { name: 'https', port: 443, targetPort: 8443 }] });
    expect(find(objects, 'RoleBinding', 'istio-ingressgateway-sds', 'istio-ingress')).toMatchObject({ subjects: [{ kind: 'ServiceAccount', name: 'istio-ingressgateway' }] });
    expect(find(objects, 'NetworkPolicy', 'allow-to-ingress-gateway', 'istio-ingress').spec).toMatchObject({ podSelector: { matchLabels: { istio: 'ingressgateway' } }, policyTypes: ['Ingress'] });
  });

  test('THEN the Route, the Gateway, the model namespaces, Core v1, Core 2 and Seldon Deploy all point at it', () => {
    expect(find(objects, 'Route', 'seldon-route', 'istio-ingress').spec).toMatchObject({ to: { kind: 'Service', name: 'istio-ingressgateway' } });
    expect(find(objects, 'Gateway', 'seldon-gateway', 'istio-system').spec).toMatchObject({ selector: { istio: 'ingressgateway' } });
    expect(find(objects, 'NetworkPolicy', 'allow-from-ingress-gateway', 'models').spec).toMatchObject({ ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'istio-ingress' } } }] }] });
    const values = (name: string) => (find(objects, 'Application', name).spec as { source: { helm: { valuesObject: Record<string, unknown> } } }).source.helm.valuesObject;
    expect(values('seldon-core')).toMatchObject({ istio: { gateway: 'istio-system/seldon-gateway' } });
    expect(values('seldon-deploy')).toMatchObject({ ingressGateway: { ingressNamespace: 'istio-ingress', seldonIngressService: 'istio-ingressgateway' }, virtualService: { gateways: ['istio-system/seldon-gateway'] } });
    expect(find(objects, 'DestinationRule', 'seldon-mesh', 'core2-models').spec).toMatchObject({ exportTo: ['istio-ingress'] });
  });

  test('GIVEN a model namespace named like a Service Mesh 3 namespace THEN it is refused', () => {
    expect(errorOf(() => render(configFor(`4.${three.minor}`), { 'istio-cni': {} }))).toContain('addModelNamespace("istio-cni").name ("istio-cni"): is reserved: it belongs to a cluster component');
  });

  test('THEN mesh-wide mutual TLS is a STRICT PeerAuthentication in istio-system', () => {
    expect(find(objects, 'PeerAuthentication', 'default', 'istio-system').spec).toEqual({ mtls: { mode: 'STRICT' } });
  });
});

describe('OpenShift Service Mesh 2.6 keeps its shape', () => {
  const two = OPENSHIFT_MATRIX.find((l) => l.serviceMesh.default === 2) as OpenShiftLine;
  const objects = render(configFor(`4.${two.minor}`), { models: {} });

  test('THEN membership is the member roll, no namespace carries the discovery label, and the gateway runs in istio-system', () => {
    expect(find(objects, 'ServiceMeshMemberRoll', 'default', 'istio-system').spec).toEqual({ members: ['models', 'seldon-kafka', 'seldon-logs', 'seldon-system'] });
    expect(objects.filter((o) => o.object.kind === 'Namespace' && o.object.metadata.labels?.['istio-discovery'])).toEqual([]);
    expect(find(objects, 'Route', 'seldon-route', 'istio-system').spec).toMatchObject({ to: { name: 'istio-ingressgateway' } });
    const deploy = (find(objects, 'Application', 'seldon-deploy').spec as { source: { helm: { valuesObject: Record<string, unknown> } } }).source.helm.valuesObject;
    expect(deploy.ingressGateway).toBeUndefined();
  });
});
