import { App } from 'cdk8s';
import { PlatformConfig } from '../../src/config';
import { KubeObject, RenderedObject } from '../../src/lib/render';
import { SeldonPlatform } from '../../src/platform';
import { SYNC_OPTIONS, SYNC_WAVE } from '../../src/lib/argo';
import { OLM, OPENSHIFT_MATRIX } from '../../src/versions';
import { errorOf, find, render, testConfig } from '../helpers/render';
import { hardenedValues } from '../../src/lib/workload-security';
import { INSTANCE_VERSIONS } from '../../src/versions';

const kubernetes = (overrides: Partial<PlatformConfig> = {}): PlatformConfig => testConfig({ platform: 'kubernetes', ingressDomain: undefined, ...overrides });

/** Every object the service mesh concern renders, wherever it is written (its chart, applications/, model namespaces). */
function meshObjects(objects: readonly RenderedObject[]): Array<{ file: string; object: KubeObject }> {
  return objects.filter((o) => o.object.metadata.labels?.['app.kubernetes.io/component'] === 'service-mesh');
}

const subscriptions = (objects: readonly RenderedObject[]) => meshObjects(objects).filter((o) => o.object.kind === 'Subscription').map((o) => (o.object.spec as { name: string }).name);

describe('service mesh on OpenShift with Service Mesh 3 (the newest matrix minor)', () => {
  const newest = OPENSHIFT_MATRIX[OPENSHIFT_MATRIX.length - 1];
  const objects = render(testConfig({ openshiftVersion: `4.${newest.minor}` }), { models: {}, 'team-a': {} });

  test('GIVEN the defaults WHEN rendered THEN the objects match the snapshot', () => {
    expect(newest.serviceMesh.default).toBe(3);
    expect(meshObjects(objects)).toMatchSnapshot();
  });

  test('THEN the Service Mesh 3 operator replaces the 2.x one, beside Kiali and the tracing operators', () => {
    expect(subscriptions(objects).sort()).toEqual(['kiali-ossm', 'opentelemetry-product', OLM.serviceMesh3.name, 'tempo-product'].sort());
  });

  /**
   * The gateway pods keep `image: auto` unless istiod's injection webhook exists when they are created. Waves order
   * objects within the one root Application, and the bootstrap's Istio health check (gitops-health-checks.ts, SAIL)
   * holds the next wave until istiod is ready: so everything asking for injection must come in a later wave than the
   * `Istio`, and the `Istio`/`IstioCNI` after the Subscription whose operator serves their CRDs.
   */
  test('THEN the waves make injection wait for istiod: Subscription < Istio/IstioCNI < everything asking for injection', () => {
    const wave = (o: RenderedObject) => Number(o.object.metadata.annotations?.[SYNC_WAVE] ?? 0);
    const one = (kind: string, name?: string) => objects.filter((o) => o.object.kind === kind && (name === undefined || (o.object.spec as { name?: string }).name === name));
    const [subscription] = one('Subscription', OLM.serviceMesh3.name);
    const sail = [...one('Istio'), ...one('IstioCNI')];
    expect(sail).toHaveLength(2);
    const istioWave = wave(one('Istio')[0]);
    for (const o of sail) {
      expect([o.object.kind, wave(o)]).toEqual([o.object.kind, istioWave]);
      expect(o.object.metadata.annotations?.[SYNC_OPTIONS]).toContain('SkipDryRunOnMissingResource=true');
    }
    expect(wave(subscription)).toBeLessThan(istioWave);
    // Anything injected: pod templates and Seldon resources with the injection label or gateway template, and the
    // chart Applications with workloads (their pods may be injected through values; a CRD-only chart has no pods).
    const chartWithPods = (o: RenderedObject) => o.object.kind === 'Application' && o.object.metadata.labels?.['app.kubernetes.io/component'] !== 'delivery' && !(o.object.metadata.name ?? '').endsWith('-crds');
    const injected = objects.filter((o) => /"(sidecar\.istio\.io\/inject|inject\.istio\.io\/templates)"/.test(JSON.stringify(o.object)) || chartWithPods(o));
    expect(injected.map((o) => o.file)).toEqual(expect.arrayContaining(['service-mesh/deployment.istio-ingress.istio-ingressgateway.yaml']));
    expect(injected.filter((o) => wave(o) <= istioWave).map((o) => `${o.file} (wave ${wave(o)})`)).toEqual([]);
  });
});

describe('service mesh on OpenShift', () => {
  const objects = render(testConfig(), { models: {}, 'team-a': {} });

  test('GIVEN the seed defaults WHEN rendered THEN the objects match the snapshot', () => {
    expect(meshObjects(objects)).toMatchSnapshot();
  });

  test('THEN the Service Mesh, Kiali and tracing operators are subscribed, Tempo and OpenTelemetry replacing the retired Jaeger', () => {
    expect(subscriptions(objects).sort()).toEqual(['kiali-ossm', 'opentelemetry-product', 'servicemeshoperator', 'tempo-product']);
    expect(find(objects, 'Subscription', 'servicemeshoperator').metadata.namespace).toBe('openshift-operators');
    expect(find(objects, 'OperatorGroup', 'tempo-product').metadata.namespace).toBe('openshift-tempo-operator');
  });

  test(`THEN the control plane "basic" runs ${INSTANCE_VERSIONS.serviceMeshControlPlane} in istio-system with strict mTLS, Kiali, no Jaeger and no automatic routes`, () => {
    const smcp = find(objects, 'ServiceMeshControlPlane', 'basic', 'istio-system');
    expect(smcp.apiVersion).toBe('maistra.io/v2');
    expect(smcp.spec).toEqual({
      version: INSTANCE_VERSIONS.serviceMeshControlPlane,
      tracing: { type: 'None' },
      // manageNetworkPolicy off: the operator's istio-mesh policy would admit every member into every other (docs/data-paths.md).
      security: { dataPlane: { mtls: true, automtls: true }, manageNetworkPolicy: false },
      gateways: { ingress: { enabled: true }, openshiftRoute: { enabled: false } },
      addons: { kiali: { enabled: true } },
    });
    expect(smcp.metadata.annotations?.['argocd.argoproj.io/sync-wave']).toBe('3');
    expect(find(objects, 'Namespace', 'istio-system').metadata.labels?.['app.kubernetes.io/component']).toBe('service-mesh');
  });

  /**
   * Service Mesh 2.x injects only pods in member namespaces (the webhook selects maistra.io/member-of,
   * maistra/istio-operator@maistra-2.5:resources/helm/v2.5/istio-control/istio-discovery/templates/mutatingwebhook.yaml:38-43)
   * and only once istiod serves the webhook. The bootstrap's ServiceMeshControlPlane and ServiceMeshMemberRoll checks
   * (gitops-health-checks.ts) hold the next wave until both are done: so the operator's Subscription comes first, then
   * the control plane, then the roll, and everything that may ask for injection after both.
   */
  test('THEN the waves make injection wait for the 2.x control plane: Subscription < SMCP < SMMR < everything asking for injection', () => {
    const wave = (o: RenderedObject) => Number(o.object.metadata.annotations?.[SYNC_WAVE] ?? 0);
    const [subscription] = objects.filter((o) => o.object.kind === 'Subscription' && (o.object.spec as { name?: string }).name === OLM.serviceMesh.name);
    const [smcp] = objects.filter((o) => o.object.kind === 'ServiceMeshControlPlane');
    const [smmr] = objects.filter((o) => o.object.kind === 'ServiceMeshMemberRoll');
    expect(wave(subscription)).toBeLessThan(wave(smcp));
    expect(wave(smcp)).toBeLessThan(wave(smmr));
    const chartWithPods = (o: RenderedObject) => o.object.kind === 'Application' && o.object.metadata.labels?.['app.kubernetes.io/component'] !== 'delivery' && !(o.object.metadata.name ?? '').endsWith('-crds');
    const injected = objects.filter((o) => /"(sidecar\.istio\.io\/inject|inject\.istio\.io\/templates)":"true"/.test(JSON.stringify(o.object)) || chartWithPods(o));
    expect(injected.length).toBeGreaterThan(0);
    expect(injected.filter((o) => wave(o) <= wave(smmr)).map((o) => `${o.file} (wave ${wave(o)})`)).toEqual([]);
  });

  test('THEN the member roll "default" lists the platform namespaces and every model namespace, sorted, without Seldon\'s Argo CD', () => {
    const smmr = find(objects, 'ServiceMeshMemberRoll', 'default', 'istio-system');
    expect(smmr.spec).toEqual({ members: ['models', 'seldon-kafka', 'seldon-logs', 'seldon-system', 'team-a'] });
  });

  test('GIVEN kafka off and extra members THEN seldon-kafka leaves the roll and the extras join it', () => {
    const smmr = find(render(testConfig({ kafka: false, coreV2: false, serviceMesh: { members: ['legacy-apps'] } })), 'ServiceMeshMemberRoll', 'default');
    expect(smmr.spec).toEqual({ members: ['legacy-apps', 'seldon-logs', 'seldon-system'] });
  });

  test('THEN the seed\'s Gateway and edge-TLS Route expose the mesh at seldon.<ingressDomain>', () => {
    expect(find(objects, 'Gateway', 'seldon-gateway', 'istio-system').spec).toEqual({
      selector: { istio: 'ingressgateway' },
      servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }],
    });
    expect(find(objects, 'Route', 'seldon-route', 'istio-system').spec).toEqual({
      host: 'seldon.apps.test.example.com',
      port: { targetPort: 'http2' },
      tls: { insecureEdgeTerminationPolicy: 'Redirect', termination: 'edge' },
      to: { kind: 'Service', name: 'istio-ingressgateway', weight: 100 },
    });
  });

  test('THEN each model namespace admits the gateway pods from istio-system', () => {
    const policy = find(objects, 'NetworkPolicy', 'allow-from-ingress-gateway', 'team-a');
    expect(policy.spec).toEqual({
      podSelector: {},
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'istio-system' } }, podSelector: { matchLabels: { istio: 'ingressgateway' } } }] }],
    });
    expect(find(objects, 'Namespace', 'team-a').metadata.labels?.['istio-injection']).toBeUndefined();
  });

  test('GIVEN no Kiali, no tracing operators, another name and version THEN the control plane follows', () => {
    const custom = render(testConfig({ serviceMesh: { kiali: false, tracingOperators: false, controlPlaneName: 'seldon', controlPlaneVersion: 'v2.5', mtls: 'PERMISSIVE' } }));
    expect(subscriptions(custom)).toEqual(['servicemeshoperator']);
    expect(find(custom, 'ServiceMeshControlPlane', 'seldon').spec).toMatchObject({ version: 'v2.5', security: { dataPlane: { mtls: false } }, addons: { kiali: { enabled: false } } });
  });

  test('GIVEN a custom gateway name THEN gatewayRef names it for the Seldon operators', () => {
    const platform = new SeldonPlatform(new App(), 'test', testConfig({ serviceMesh: { ingress: { name: 'mygateway' } } }));
    expect(platform.serviceMesh?.gatewayRef).toBe('istio-system/mygateway');
    expect(platform.serviceMesh?.gateway).toEqual({ namespace: 'istio-system', name: 'mygateway' });
  });
});

describe('service mesh on Kubernetes', () => {
  const objects = render(kubernetes(), { models: { coreV2: false }, 'core2-models': {} });

  test('GIVEN the defaults WHEN rendered THEN the objects match the snapshot', () => {
    expect(meshObjects(objects)).toMatchSnapshot();
  });

  test('THEN Istio base, istiod and the gateway chart install in waves, with validation rendered as Fail', () => {
    const app = (name: string) => find(objects, 'Application', name);
    const summary = ['istio-base', 'istiod', 'istio-ingressgateway'].map((name) => {
      const spec = app(name).spec as { source: { chart: string; targetRevision: string; helm: { releaseName: string; valuesObject: unknown } }; destination: { namespace: string } };
      return [name, spec.source.chart, spec.destination.namespace, spec.source.helm.valuesObject, app(name).metadata.annotations?.['argocd.argoproj.io/sync-wave']];
    });
    expect(summary).toEqual([
      ['istio-base', 'base', 'istio-system', { base: { validationFailurePolicy: 'Fail' } }, '1'],
      ['istiod', 'istiod', 'istio-system', hardenedValues({ chart: 'istiod' }, { platform: 'kubernetes' }, { base: { validationFailurePolicy: 'Fail' } }), '2'],
      ['istio-ingressgateway', 'gateway', 'istio-ingress', hardenedValues({ chart: 'gateway' }, { platform: 'kubernetes' }, { labels: { istio: 'ingressgateway' } }), '3'],
    ]);
  });

  test('THEN mesh-wide mTLS is STRICT and the gateway namespace is injected', () => {
    expect(find(objects, 'PeerAuthentication', 'default', 'istio-system').spec).toEqual({ mtls: { mode: 'STRICT' } });
    expect(find(objects, 'Namespace', 'istio-ingress').metadata.labels?.['istio-injection']).toBe('enabled');
    expect(objects.some((o) => o.object.kind === 'ServiceMeshMemberRoll' || o.object.kind === 'Subscription')).toBe(false);
  });

  test('THEN model namespaces get sidecar injection and admit the gateway pods from istio-ingress', () => {
    expect(find(objects, 'Namespace', 'models').metadata.labels?.['istio-injection']).toBe('enabled');
    expect(find(objects, 'NetworkPolicy', 'allow-from-ingress-gateway', 'core2-models')).toBeDefined();
    const policy = find(objects, 'NetworkPolicy', 'allow-from-ingress-gateway', 'models');
    expect((policy.spec as { ingress: unknown }).ingress).toEqual([{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'istio-ingress' } }, podSelector: { matchLabels: { istio: 'ingressgateway' } } }] }]);
  });

  test('GIVEN a Core 2 runtime namespace THEN it is not injected namespace-wide (Core 2 breaks behind sidecars)', () => {
    expect(find(objects, 'Namespace', 'core2-models').metadata.labels?.['istio-injection']).toBeUndefined();
  });

  test('GIVEN mtls PERMISSIVE THEN the mesh-wide PeerAuthentication is permissive', () => {
    expect(find(render(kubernetes({ serviceMesh: { mtls: 'PERMISSIVE' } })), 'PeerAuthentication', 'default', 'istio-system').spec).toEqual({ mtls: { mode: 'PERMISSIVE' } });
  });
});

describe('service mesh configuration errors', () => {
  const rejects = (config: PlatformConfig) => errorOf(() => SeldonPlatform.validate(config));

  test('GIVEN the seed\'s control plane v2.0 THEN it is rejected as no longer run by the operator', () => {
    expect(rejects(testConfig({ serviceMesh: { controlPlaneVersion: 'v2.0' as never } }))).toContain('serviceMesh.controlPlaneVersion ("v2.0"): is not one of v2.4, v2.5, v2.6 (the Service Mesh 2.6 operator runs only these; the seed\'s v2.0 is end of life)');
  });

  test('GIVEN a control plane version on Kubernetes THEN it is rejected', () => {
    expect(rejects(kubernetes({ serviceMesh: { controlPlaneVersion: 'v2.6' } }))).toContain('serviceMesh.controlPlaneVersion ("v2.6"): only applies on OpenShift');
  });

  test('GIVEN an invalid control plane name THEN it is rejected', () => {
    expect(rejects(testConfig({ serviceMesh: { controlPlaneName: 'Basic' } }))).toContain('serviceMesh.controlPlaneName ("Basic"): is not a DNS-1123 label');
  });

  test('GIVEN a lower-case mTLS mode THEN the upper-case one is suggested', () => {
    expect(rejects(testConfig({ serviceMesh: { mtls: 'strict' as never } }))).toContain('serviceMesh.mtls ("strict"): is not one of STRICT, PERMISSIVE; did you mean STRICT?');
  });

  test('GIVEN kiali or tracingOperators on Kubernetes THEN they are rejected as OLM-only', () => {
    const message = rejects(kubernetes({ serviceMesh: { kiali: true, tracingOperators: false } }));
    expect(message).toContain('serviceMesh.kiali (true): only applies on OpenShift (an OLM operator)');
    expect(message).toContain('serviceMesh.tracingOperators (false): only applies on OpenShift (an OLM operator)');
  });

  test('GIVEN members on Kubernetes THEN the label is suggested instead', () => {
    expect(rejects(kubernetes({ serviceMesh: { members: ['apps'] } }))).toContain('serviceMesh.members[0] ("apps"): member rolls exist only on OpenShift Service Mesh; label the namespace istio-injection=enabled instead');
  });

  test('GIVEN istio-system or an invalid name as a member THEN each is rejected', () => {
    const message = rejects(testConfig({ serviceMesh: { members: ['istio-system', 'Apps'] } }));
    expect(message).toContain('serviceMesh.members[0] ("istio-system"): is the control plane namespace, which cannot be a member of its own mesh; remove it');
    expect(message).toContain('serviceMesh.members[1] ("Apps"): is not a DNS-1123 label');
  });
});
