import { PlatformConfig } from '../../src/config';
import { CoreV1Options } from '../../src/concerns/core-v1';
import { KubeObject, RenderedObject } from '../../src/lib/render';
import { SeldonPlatform } from '../../src/platform';
import { CHARTS, OPENSHIFT_MATRIX } from '../../src/versions';
import { errorOf, find, render, testConfig } from '../helpers/render';
import { hardenedValues } from '../../src/lib/workload-security';
import { driftHandling } from '../../src/lib/drift';

const kubernetes = (overrides: Partial<PlatformConfig> = {}): PlatformConfig => testConfig({ platform: 'kubernetes', ingressDomain: undefined, logging: false, ...overrides });
const openshift = (coreV1: CoreV1Options, overrides: Partial<PlatformConfig> = {}): PlatformConfig => testConfig({ coreV1, ...overrides });

/** Every object of the Core v1 concern, wherever it is written (its chart, applications/). */
const coreV1Objects = (objects: readonly RenderedObject[]): KubeObject[] => objects.filter((o) => o.object.metadata.labels?.['app.kubernetes.io/component'] === 'seldon-core-v1').map((o) => o.object);

const valuesOf = (objects: readonly RenderedObject[]) => (find(objects, 'Application', 'seldon-core').spec as { source: { helm: { valuesObject: Record<string, unknown> } } }).source.helm.valuesObject;

describe('Seldon Core v1 on OpenShift (the version matrix\'s install)', () => {
  const objects = render(testConfig());

  test('GIVEN the seed defaults on the oldest matrix minor WHEN rendered THEN the objects match the snapshot', () => {
    expect(coreV1Objects(objects)).toMatchSnapshot();
  });

  test.each(OPENSHIFT_MATRIX.map((l) => [`4.${l.minor}`, l.coreV1Install] as const))('GIVEN OpenShift %s THEN Core v1 installs as the matrix says (%s)', (version, install) => {
    const kinds = coreV1Objects(render(openshift({}, { openshiftVersion: version }))).map((o) => o.kind).sort();
    expect(kinds).toEqual(install === 'olm' ? ['Subscription'] : ['Application', 'NetworkPolicy']);
  });

  test('GIVEN OpenShift 4.16 THEN the chart is installed, with blank user IDs for the restricted SCC, the platform gateway and auto mTLS (no tlsMode)', () => {
    const helm = render(openshift({}, { openshiftVersion: '4.16.3' }));
    expect(valuesOf(helm)).toMatchObject({ defaultUserID: '', managerUserID: '', istio: { enabled: true, gateway: 'istio-system/seldon-gateway' } });
    expect((valuesOf(helm) as { istio: Record<string, unknown> }).istio.tlsMode).toBeUndefined();
  });

  test('GIVEN a permissive mesh, a custom gateway, SIMPLE TLS and another logger THEN the chart values follow', () => {
    const custom = render(openshift({ istio: { gateway: 'istio-system/mygateway', tlsMode: 'SIMPLE' }, requestLoggerEndpoint: 'http://logger.example.svc:8080' }, { serviceMesh: { mtls: 'PERMISSIVE' } }));
    expect(valuesOf(custom)).toMatchObject({ istio: { gateway: 'istio-system/mygateway', tlsMode: 'SIMPLE' }, executor: { requestLogger: { defaultEndpoint: 'http://logger.example.svc:8080' } } });
    expect(valuesOf(render(testConfig({ namespaces: { logs: 'request-logs' } })))).toMatchObject({ executor: { requestLogger: { defaultEndpoint: 'http://broker-ingress.knative-eventing.svc.cluster.local/request-logs/default' } } });
  });

  test('GIVEN Istio off THEN the chart disables Istio', () => {
    expect(valuesOf(render(openshift({ istio: false }, { serverless: false })))).toMatchObject({ istio: { enabled: false } });
  });
});

describe('Seldon Core v1 on Kubernetes (Helm chart)', () => {
  const objects = render(kubernetes());

  test('GIVEN the defaults WHEN rendered THEN the objects match the snapshot', () => {
    expect(coreV1Objects(objects)).toMatchSnapshot();
  });

  test('THEN an Application installs the pinned seldon-core-operator chart into seldon-system, server-side applied', () => {
    const app = find(objects, 'Application', 'seldon-core');
    expect(app.spec).toMatchObject({
      source: { repoURL: CHARTS.seldonCoreV1.repoURL, chart: CHARTS.seldonCoreV1.chart, targetRevision: CHARTS.seldonCoreV1.version, helm: { releaseName: 'seldon-core' } },
      destination: { namespace: 'seldon-system' },
      syncPolicy: { syncOptions: ['CreateNamespace=true', 'RespectIgnoreDifferences=true', 'ServerSideApply=true'] },
    });
    expect(app.metadata.annotations?.['argocd.argoproj.io/sync-wave']).toBe('5');
  });

  test('THEN the values are typed: Istio with auto mTLS (no tlsMode), the broker, no usage metrics, cert-manager webhook certs, the CRD', () => {
    // The chart's workload hardening (src/lib/workload-security.ts, proven in test/lib/workload-security.test.ts) underneath.
    expect(valuesOf(objects)).toEqual(hardenedValues({ chart: 'seldon-core-operator' }, { platform: 'kubernetes' }, {
      istio: { enabled: true, gateway: 'istio-system/seldon-gateway' },
      executor: { requestLogger: { defaultEndpoint: 'http://broker-ingress.knative-eventing.svc.cluster.local/seldon-logs/default' } },
      usageMetrics: { enabled: false },
      certManager: { enabled: true },
      crd: { create: true },
      webhook: { port: 4443 },
    }));
    // With cert-manager, cainjector writes the webhook caBundle; on AKS the Admissions Enforcer adds selectors (src/lib/drift.ts).
    expect((find(objects, 'Application', 'seldon-core').spec as { ignoreDifferences?: unknown }).ignoreDifferences).toEqual([
      ...driftHandling(['coreV1InjectedCa'], { namespace: 'seldon-system', release: 'seldon-core' }).ignoreDifferences,
      ...driftHandling(['aksWebhookSelectors'], { namespace: 'seldon-system', release: 'seldon-core' }).ignoreDifferences,
    ]);
    expect(JSON.stringify((find(objects, 'Application', 'seldon-core').spec as { ignoreDifferences?: unknown }).ignoreDifferences)).not.toContain('seldon-webhook-server-cert');
  });

  test('THEN the API server may reach the admission webhook through the seldon-system NetworkPolicies', () => {
    expect(find(objects, 'NetworkPolicy', 'seldon-core-webhook', 'seldon-system').spec).toEqual({
      podSelector: { matchLabels: { 'control-plane': 'seldon-controller-manager' } },
      policyTypes: ['Ingress'],
      ingress: [{ ports: [{ protocol: 'TCP', port: 4443 }] }],
    });
  });

  test('GIVEN no cert-manager THEN the chart\'s generated webhook CA is ignored so Argo CD stays in sync', () => {
    const app = find(render(kubernetes({ tls: false, coreV2: false })), 'Application', 'seldon-core');
    expect(app.spec).toMatchObject({
      source: { helm: { valuesObject: { certManager: { enabled: false } } } },
      ignoreDifferences: [
        { group: 'admissionregistration.k8s.io', kind: 'ValidatingWebhookConfiguration', name: 'seldon-validating-webhook-configuration-seldon-system', jqPathExpressions: ['.webhooks[]?.clientConfig.caBundle'] },
        { kind: 'Secret', name: 'seldon-webhook-server-cert', jqPathExpressions: ['.data'] },
        { group: 'admissionregistration.k8s.io', kind: 'ValidatingWebhookConfiguration', name: 'seldon-validating-webhook-configuration-seldon-system' },
      ],
      syncPolicy: { syncOptions: ['CreateNamespace=true', 'RespectIgnoreDifferences=true', 'ServerSideApply=true'] },
    });
  });

  test('GIVEN usage metrics opted in THEN the chart reports usage', () => {
    expect(valuesOf(render(kubernetes({ coreV1: { usageMetrics: true } })))).toMatchObject({ usageMetrics: { enabled: true } });
  });
});

describe('Seldon Core v1 rejects', () => {
  const reject = (config: PlatformConfig) => errorOf(() => SeldonPlatform.validate(config));

  test('tlsMode STRICT, explaining it is a PeerAuthentication mode', () => {
    expect(reject(openshift({ istio: { tlsMode: 'STRICT' as never } }))).toContain('coreV1.istio.tlsMode ("STRICT"): STRICT is a PeerAuthentication (server-side) mTLS mode, not a DestinationRule TLS mode');
  });

  test('an unknown tlsMode', () => {
    expect(reject(openshift({ istio: { tlsMode: 'ISTIO_MUTAL' as never } }))).toContain('coreV1.istio.tlsMode ("ISTIO_MUTAL"): is not one of DISABLE, SIMPLE, MUTUAL, ISTIO_MUTUAL; did you mean ISTIO_MUTUAL?');
  });

  test('OLM on OpenShift 4.14 or later', () => {
    expect(reject(openshift({ install: 'olm' }, { openshiftVersion: '4.14' }))).toContain('coreV1.install ("olm"): the certified operator seldon-operator-certified supports OpenShift 4.10-4.13 only');
  });

  test('OLM on Kubernetes', () => {
    expect(reject(kubernetes({ coreV1: { install: 'olm' } }))).toContain('coreV1.install ("olm"): OLM (OperatorHub) exists only on OpenShift');
  });

  test('an OpenShift version that is not 4.x, and one on Kubernetes', () => {
    expect(reject(openshift({}, { openshiftVersion: '14' }))).toContain('openshiftVersion ("14"): is not an OpenShift 4.x version');
    expect(reject(kubernetes({ openshiftVersion: '4.13' }))).toContain('openshiftVersion ("4.13"): only applies on OpenShift');
  });

  test('an unknown install method', () => {
    expect(reject(openshift({ install: 'kustomize' as never }))).toContain('coreV1.install ("kustomize"): is not one of olm, helm');
  });

  test('a request logger endpoint that is not a URL', () => {
    expect(reject(openshift({ requestLoggerEndpoint: 'broker-ingress/seldon-logs' }))).toContain('coreV1.requestLoggerEndpoint ("broker-ingress/seldon-logs"): is not an http(s) URL');
  });

  test('Istio routing without the service mesh and without a gateway', () => {
    expect(reject(testConfig({ serviceMesh: false }))).toContain('coreV1.istio (undefined): Core v1 routes through an Istio gateway (the default), but serviceMesh is disabled');
  });

  test('a malformed gateway reference', () => {
    expect(reject(openshift({ istio: { gateway: 'istio-system/Seldon_Gateway' } }))).toContain('coreV1.istio.gateway ("istio-system/Seldon_Gateway"): is not an Istio gateway reference');
  });

  test('an unknown install plan approval', () => {
    expect(reject(openshift({ installPlanApproval: 'manual' as never }))).toContain('coreV1.installPlanApproval ("manual"): is not one of Automatic, Manual');
  });

  test('GIVEN the service mesh off, a gateway of your own Istio is accepted', () => {
    expect(() => SeldonPlatform.validate(testConfig({ serviceMesh: false, coreV1: { istio: { gateway: 'istio-system/mygateway' } } }))).not.toThrow();
  });
});
