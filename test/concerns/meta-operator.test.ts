import { App } from 'cdk8s';
import { metaOperator, metaOperatorConfig } from '../../examples/meta-operator';
import { PlatformConfig } from '../../src/config';
import { MetaOperatorOptions, SeldonOperatorSpec } from '../../src/concerns/meta-operator';
import { KubeObject, RenderedObject } from '../../src/lib/render';
import { SeldonPlatform } from '../../src/platform';
import { errorOf, find, render, testConfig } from '../helpers/render';

/** Meta-Operator mode: Core v1 and Deploy off, as the mode requires. */
const openshift = (metaOperator: MetaOperatorOptions = {}, overrides: Partial<PlatformConfig> = {}): PlatformConfig => testConfig({ coreV1: false, deploy: false, metaOperator, ...overrides });
const kubernetes = (metaOperator: MetaOperatorOptions = {}, overrides: Partial<PlatformConfig> = {}): PlatformConfig =>
  openshift(metaOperator, { platform: 'kubernetes', ingressDomain: undefined, logging: false, ...overrides });

const metaObjects = (objects: readonly RenderedObject[]): KubeObject[] => objects.filter((o) => o.object.metadata.labels?.['app.kubernetes.io/component'] === 'meta-operator').map((o) => o.object);
const specOf = (objects: readonly RenderedObject[], name = 'seldon'): SeldonOperatorSpec => find(objects, 'SeldonOperator', name, 'seldon-system').spec as SeldonOperatorSpec;

describe('Meta-Operator mode: the compiled example (examples/meta-operator.ts, Kubernetes)', () => {
  const objects = metaOperator(new App()).render();

  test('GIVEN the example WHEN rendered THEN the Meta-Operator objects match the snapshot', () => {
    expect(metaObjects(objects)).toMatchSnapshot();
  });

  test('THEN Argo CD installs the operator from the Git mirror (wave 2) before the SeldonOperator (wave 5), so it is pruned after it', () => {
    const app = find(objects, 'Application', 'seldon-meta-operator');
    expect(app.spec).toMatchObject({
      source: { repoURL: 'https://git.example.com/platform/vendor.git', path: 'seldon-meta-operator', targetRevision: 'v2024.06.0' },
      destination: { namespace: 'seldon-system' },
      syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ['ServerSideApply=true'] },
    });
    expect(app.metadata.annotations?.['argocd.argoproj.io/sync-wave']).toBe('2');
    const cr = find(objects, 'SeldonOperator', 'seldon', 'seldon-system');
    expect(cr.apiVersion).toBe('operator.seldon.io/v1alpha1');
    expect(cr.metadata.annotations).toEqual({ 'argocd.argoproj.io/sync-wave': '5', 'argocd.argoproj.io/sync-options': 'SkipDryRunOnMissingResource=true' });
  });

  test('THEN routing uses the platform gateway for Core and Deploy (seed 003 custom Gateway), with auto mTLS (no tlsMode)', () => {
    const spec = specOf(objects);
    expect(spec.enable).toEqual({ analytics: true, catalogue: false, payloadstore: true, routing: true, detectors: true });
    expect(spec.routing).toEqual({ create_gateway: false });
    expect(spec.core?.values?.istio).toEqual({ enabled: true, gateway: 'istio-system/seldon-gateway' });
    expect(spec.enterprise?.values?.virtualService).toEqual({ gateways: ['istio-system/seldon-gateway'] });
  });

  test('THEN the platform\'s Elasticsearch is the external payload store (seed 003 values)', () => {
    const spec = specOf(objects);
    expect(spec.payloadstore).toEqual({ internal_elastic: { use_internal: false } });
    expect(spec.enterprise?.values).toMatchObject({
      elasticsearch: { url: 'https://elasticsearch-seldon-es-http.seldon-logs:9200', basicAuth: true, secret: { name: 'elastic-credentials', userKey: 'username', passwordKey: 'password' } },
      requestLogger: { elasticsearch: { host: 'elasticsearch-seldon-es-http.seldon-logs', port: '9200', protocol: 'https' } },
      service: { type: 'ClusterIP' },
    });
  });

  test('THEN pass-through core values merge with the platform\'s, and usage metrics stay off', () => {
    expect(specOf(objects).core?.values).toMatchObject({ executor: { requestLogger: { workQueueSize: 20000 } }, usageMetrics: { enabled: false } });
  });

  test('THEN detectors\' default reply URL in seldon-logs resolves to the logger in seldon-system', () => {
    expect(find(objects, 'Service', 'seldon-request-logger', 'seldon-logs').spec).toEqual({ type: 'ExternalName', externalName: 'seldon-request-logger.seldon-system.svc.cluster.local' });
  });

  test('THEN the API server may reach the Core webhook, and the model namespace serves Core v1', () => {
    expect(find(objects, 'NetworkPolicy', 'seldon-core-webhook', 'seldon-system').metadata.labels?.['app.kubernetes.io/component']).toBe('meta-operator');
    expect(find(objects, 'SeldonDeployment', 'iris', 'models').spec).toMatchObject({ predictors: [{ traffic: 90 }, { traffic: 10 }] });
    expect(objects.filter((o) => o.object.kind === 'Subscription' || (o.object.kind === 'Application' && o.object.metadata.name === 'seldon-core'))).toEqual([]);
  });

  test('THEN the example config validates as it stands', () => {
    expect(() => SeldonPlatform.validate(metaOperatorConfig)).not.toThrow();
  });
});

describe('Meta-Operator mode on OpenShift', () => {
  const objects = render(openshift());

  test('GIVEN the defaults WHEN rendered THEN the objects match the snapshot', () => {
    expect(metaObjects(objects)).toMatchSnapshot();
  });

  test('THEN the operator is a prerequisite (no Application) and Core gets blank user IDs for the restricted SCC', () => {
    expect(objects.filter((o) => o.object.metadata.name === 'seldon-meta-operator')).toEqual([]);
    expect(specOf(objects).core?.values).toMatchObject({ defaultUserID: '', managerUserID: '' });
  });

  test('THEN trial components and analytics are off by default', () => {
    expect(specOf(objects).enable).toMatchObject({ analytics: false, catalogue: false });
  });
});

describe('Meta-Operator options', () => {
  test('GIVEN createGateway THEN the Meta-Operator makes its own gateway and no gateway is passed down', () => {
    const spec = specOf(render(kubernetes({ routing: { createGateway: true } })));
    expect(spec.routing).toEqual({ create_gateway: true });
    expect(spec.core?.values?.istio).toEqual({ enabled: true });
    expect(spec.enterprise?.values?.virtualService).toBeUndefined();
  });

  test('GIVEN a custom gateway THEN Core and Deploy both use it', () => {
    const spec = specOf(render(kubernetes({ routing: { gateway: 'istio-system/mygateway' } })));
    expect(spec.core?.values?.istio?.gateway).toBe('istio-system/mygateway');
    expect(spec.enterprise?.values?.virtualService?.gateways).toEqual(['istio-system/mygateway']);
  });

  test('GIVEN the trial payload store, a LoadBalancer, another name and no reply-URL alias THEN the spec follows', () => {
    const objects = render(kubernetes({ name: 'trial', payloadStore: 'trial', catalogue: true, serviceType: 'LoadBalancer', replyUrlAlias: false }));
    const spec = specOf(objects, 'trial');
    expect(spec.enable).toMatchObject({ payloadstore: true, catalogue: true });
    expect(spec.payloadstore).toEqual({ internal_elastic: { use_internal: true } });
    expect(spec.enterprise?.values).toEqual({
      service: { type: 'LoadBalancer' },
      virtualService: { gateways: ['istio-system/seldon-gateway'] },
      // Deploy reaches the gateway where the Kubernetes gateway chart runs it, not at the chart's istio-system default.
      ingressGateway: { ingressNamespace: 'istio-ingress', seldonIngressService: 'istio-ingressgateway' },
    });
    expect(objects.filter((o) => o.object.kind === 'Service')).toEqual([]);
  });

  test('GIVEN routing off THEN no Istio values, no detectors and no alias', () => {
    const objects = render(kubernetes({ routing: false }));
    const spec = specOf(objects);
    expect(spec.enable).toMatchObject({ routing: false, detectors: false });
    expect(spec.routing).toBeUndefined();
    expect(spec.core?.values?.istio).toBeUndefined();
    expect(objects.filter((o) => o.object.kind === 'Service' && o.object.metadata.name === 'seldon-request-logger')).toEqual([]);
  });

  test('GIVEN the mesh, serverless and Elasticsearch off THEN routing, detectors and the payload store default off', () => {
    const spec = specOf(render(kubernetes({}, { serviceMesh: false, serverless: false, elasticsearch: false })));
    expect(spec.enable).toEqual({ analytics: false, catalogue: false, payloadstore: false, routing: false, detectors: false });
    expect(spec.payloadstore).toBeUndefined();
  });

  test('GIVEN enterprise values THEN they override the platform\'s key by key', () => {
    const spec = specOf(render(kubernetes({ enterpriseValues: { requestLogger: { elasticsearch: { port: '9243' }, image: 'x' }, rbac: { opa: { enabled: true } } } })));
    expect(spec.enterprise?.values).toMatchObject({
      requestLogger: { elasticsearch: { host: 'elasticsearch-seldon-es-http.seldon-logs', port: '9243', protocol: 'https' }, image: 'x' },
      rbac: { opa: { enabled: true } },
    });
  });
});

describe('Meta-Operator rejects', () => {
  const reject = (config: PlatformConfig) => errorOf(() => SeldonPlatform.validate(config));

  test('Core v1 installed beside it', () => {
    expect(reject(testConfig({ deploy: false, metaOperator: {} }))).toContain('coreV1 (undefined): is on (it is unless set to false) together with metaOperator, which installs Seldon Core itself');
  });

  test('Seldon Deploy installed beside it', () => {
    expect(reject(testConfig({ coreV1: false, metaOperator: {} }))).toContain('deploy (undefined): is on (it is unless set to false) together with metaOperator, which installs Seldon Deploy itself');
  });

  test('routing without the service mesh', () => {
    expect(reject(kubernetes({ routing: true, detectors: false }, { serviceMesh: false }))).toContain('metaOperator.routing (true): needs Istio, which the Meta-Operator does not install, and serviceMesh is disabled');
  });

  test('detectors without serverless', () => {
    expect(reject(kubernetes({ detectors: true }, { serverless: false }))).toContain('metaOperator.detectors (true): needs Knative Serving and Eventing, which the Meta-Operator does not install, and serverless is disabled');
  });

  test('detectors without routing', () => {
    expect(reject(kubernetes({ detectors: true, routing: false }))).toContain('metaOperator.detectors (true): needs routing (Istio), which is off');
  });

  test('an external payload store without Elasticsearch', () => {
    expect(reject(kubernetes({ payloadStore: 'external' }, { elasticsearch: false }))).toContain('metaOperator.payloadStore ("external"): points Seldon Deploy at the platform\'s Elasticsearch, but elasticsearch is disabled');
  });

  test('an unknown payload store and service type', () => {
    expect(reject(kubernetes({ payloadStore: 'opensearch' as never }))).toContain('metaOperator.payloadStore ("opensearch"): is not one of external, trial');
    expect(reject(kubernetes({ serviceType: 'Ingress' as never }))).toContain('metaOperator.serviceType ("Ingress"): is not one of ClusterIP, NodePort, LoadBalancer');
  });

  test('a gateway and createGateway together', () => {
    expect(reject(kubernetes({ routing: { gateway: 'istio-system/mygateway', createGateway: true } }))).toContain('metaOperator.routing.createGateway (true): asks the Meta-Operator to create its own gateway, but routing.gateway names an existing one');
  });

  test('the raw install URL instead of a Git mirror, an absolute path and no revision', () => {
    const message = reject(kubernetes({ install: { repoURL: 'https://storage.googleapis.com/seldonoperator/seldonoperator_install.yaml', path: '/vendor', targetRevision: '' } }));
    expect(message).toContain('metaOperator.install.repoURL ("https://storage.googleapis.com/seldonoperator/seldonoperator_install.yaml"): is a manifest URL, not a Git repository');
    expect(message).toContain('metaOperator.install.path ("/vendor"): is not a relative folder inside the repository');
    expect(message).toContain('metaOperator.install.targetRevision (""): is required');
  });

  test('Core values with tlsMode STRICT', () => {
    expect(reject(kubernetes({ coreValues: { istio: { tlsMode: 'STRICT' as never } } }))).toContain('metaOperator.coreValues.istio.tlsMode ("STRICT"): STRICT is a PeerAuthentication (server-side) mTLS mode');
  });

  test('an invalid resource name', () => {
    expect(reject(kubernetes({ name: 'Seldon_Operator' }))).toContain('metaOperator.name ("Seldon_Operator"): is not a DNS-1123 label');
  });
});
