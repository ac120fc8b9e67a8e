import { PlatformConfig } from '../../src/config';
import { CoreV2Options } from '../../src/concerns/core-v2';
import { kubernetesConfig } from '../../src/environments/kubernetes';
import { openshiftConfig } from '../../src/environments/openshift';
import { KubeObject, RenderedObject } from '../../src/lib/render';
import { SeldonPlatform } from '../../src/platform';
import { errorOf, find, render, testConfig } from '../helpers/render';
import { CHARTS } from '../../src/versions';

const kubernetes = (overrides: Partial<PlatformConfig> = {}): PlatformConfig => testConfig({ platform: 'kubernetes', ingressDomain: undefined, ...overrides });
const rejected = (coreV2: CoreV2Options, overrides: Partial<PlatformConfig> = {}) => errorOf(() => SeldonPlatform.validate(testConfig({ coreV2, ...overrides })));

/** Every object the Core 2 concern renders, wherever it is written (its chart, applications/, model namespaces). */
const coreV2Objects = (objects: readonly RenderedObject[]) => objects.filter((o) => o.object.metadata.labels?.['app.kubernetes.io/component'] === 'seldon-core-v2');
const spec = (o: KubeObject) => o.spec as Record<string, any>;
const setupValues = (objects: readonly RenderedObject[]) => spec(find(objects, 'Application', 'seldon-core-v2-setup')).source.helm.valuesObject;

/** Upstream's `k8s/samples/values-tls-dataplane-controlplane-example.yaml`: SSL on the control plane and on Envoy. */
const UPSTREAM_TLS_SAMPLE = {
  controlplane: {
    protocol: 'SSL',
    ssl: {
      server: { secret: 'seldon-controlplane-server', clientValidationSecret: 'seldon-controlplane-client' },
      client: { secret: 'seldon-controlplane-client', serverValidationSecret: 'seldon-controlplane-server' },
    },
  },
  envoy: {
    protocol: 'SSL',
    ssl: {
      upstream: {
        server: { secret: 'seldon-upstream-server', clientValidationSecret: 'seldon-upstream-client' },
        client: { secret: 'seldon-upstream-client', serverValidationSecret: 'seldon-upstream-server' },
      },
      downstream: {
        client: { serverValidationSecret: 'seldon-downstream-server' },
        server: { secret: 'seldon-downstream-server' },
      },
    },
  },
};

describe('Seldon Core 2 on OpenShift (seed 004)', () => {
  const objects = render(testConfig(), { seldon: {}, 'v1-only': { coreV2: false } });
  const values = setupValues(objects);

  test('GIVEN the seed defaults WHEN rendered THEN the objects match the snapshot', () => {
    expect(coreV2Objects(objects)).toMatchSnapshot();
  });

  test('THEN the CRDs chart is pinned and applied server-side (its CRDs exceed the client-side limit), before the setup', () => {
    const crds = find(objects, 'Application', 'seldon-core-v2-crds');
    expect(spec(crds).source).toMatchObject({ repoURL: 'https://seldonio.github.io/helm-charts', chart: 'seldon-core-v2-crds', targetRevision: CHARTS.seldonCoreV2Crds.version });
    expect(spec(crds).syncPolicy.syncOptions).toContain('ServerSideApply=true');
    const wave = (name: string) => Number(find(objects, 'Application', name).metadata.annotations?.['argocd.argoproj.io/sync-wave']);
    expect(wave('seldon-core-v2-crds')).toBeLessThan(wave('seldon-core-v2-setup'));
  });

  test('THEN the setup is one cluster-wide controller in seldon-system', () => {
    const setup = find(objects, 'Application', 'seldon-core-v2-setup');
    expect(spec(setup).destination.namespace).toBe('seldon-system');
    expect(spec(setup).source).toMatchObject({ chart: 'seldon-core-v2-setup', targetRevision: CHARTS.seldonCoreV2Setup.version });
    expect(values.controller.clusterwide).toBe(true);
  });

  test('THEN every component seed 004 lists runs as non-root, and its uid/gid/fsGroup defaults are deleted with --set key=null', () => {
    for (const c of ['controller', 'envoy', 'scheduler', 'dataflow', 'modelgateway', 'hodometer', 'pipelinegateway', 'serverConfig']) {
      // The controller pod also gets the RuntimeDefault seccomp profile (src/lib/workload-security.ts).
      expect([c, values[c].securityContext]).toEqual([c, c === 'controller' ? { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } } : { runAsNonRoot: true }]);
    }
    const parameters = spec(find(objects, 'Application', 'seldon-core-v2-setup')).source.helm.parameters;
    expect(parameters).toHaveLength(24);
    expect(parameters).toContainEqual({ name: 'envoy.securityContext.runAsUser', value: 'null' });
    expect(parameters).toContainEqual({ name: 'serverConfig.securityContext.fsGroup', value: 'null' });
  });

  test('THEN services are ClusterIP and the gRPC prefix sits under services (the seed put it at the top level)', () => {
    // envoy/scheduler.service.type are not setup-chart keys (seldon-core-v2-setup@2.9.1 never reads them): the
    // runtime's overrides carry the service type instead.
    expect(values.envoy).toEqual({ securityContext: { runAsNonRoot: true } });
    expect(values.scheduler).toEqual({ securityContext: { runAsNonRoot: true } });
    expect(values.services).toEqual({ serviceGRPCPrefix: 'http2-', defaultServiceType: 'ClusterIP' });
    expect(values.serviceGRPCPrefix).toBeUndefined();
  });

  test('THEN tracing is off through the chart\'s real key "disable" (the seed\'s "enable: false" is ignored by the chart)', () => {
    expect(values.opentelemetry).toEqual({ disable: true });
  });

  test('THEN Kafka comes from the Kafka concern: the TLS bootstrap, the seed\'s topic sizing, no debug', () => {
    expect(values.kafka).toEqual({ bootstrap: 'seldon-kafka-bootstrap.seldon-kafka.svc:9093', topicPrefix: 'seldon', topics: { replicationFactor: 2, numPartitions: 4 } });
    expect(values.security.kafka.protocol).toBe('SSL');
  });

  test('THEN security is SSL everywhere with the secret names of upstream\'s TLS sample', () => {
    expect(values.security).toMatchObject(UPSTREAM_TLS_SAMPLE);
    expect(values.security.envoy.ssl.downstream.client.mtls).toBe(false);
  });

  test('THEN each Core 2 namespace runs a SeldonRuntime on the "default" SeldonConfig with ClusterIP services', () => {
    expect(spec(find(objects, 'SeldonRuntime', 'seldon', 'seldon'))).toEqual({
      seldonConfig: 'default',
      overrides: [
        { name: 'seldon-envoy', serviceType: 'ClusterIP' },
        { name: 'seldon-scheduler', serviceType: 'ClusterIP' },
        { name: 'hodometer', disable: true },
      ],
    });
    expect(objects.filter((o) => o.object.kind === 'SeldonRuntime' && o.object.metadata.namespace === 'v1-only')).toEqual([]);
  });

  test('THEN each Core 2 namespace runs the servers mlserver and triton with 1 replica each (seed servers-values.yaml)', () => {
    for (const server of ['mlserver', 'triton']) {
      const obj = find(objects, 'Server', server, 'seldon');
      expect(obj.apiVersion).toBe('mlops.seldon.io/v1alpha1');
      expect(spec(obj)).toEqual({ serverConfig: server, replicas: 1 });
    }
    expect(objects.filter((o) => o.object.kind === 'Server' && o.object.metadata.namespace === 'v1-only')).toEqual([]);
  });

  test('THEN the seed\'s seldon-mesh VirtualService routes the namespace and inference headers through the Seldon gateway', () => {
    expect(spec(find(objects, 'VirtualService', 'seldon-mesh', 'seldon'))).toEqual({
      gateways: ['istio-system/seldon-gateway'],
      hosts: ['*'],
      http: [
        {
          name: 'data-plane-seldon',
          match: [{ headers: { namespace: { exact: 'seldon' }, inference: { exact: 'seldon-mesh' } } }],
          route: [{ destination: { host: 'seldon-mesh.seldon.svc.cluster.local', port: { number: 80 } } }],
        },
      ],
    });
  });

  test('THEN the gateway originates TLS to Envoy\'s downstream listener, verifying it with the platform CA', () => {
    expect(spec(find(objects, 'DestinationRule', 'seldon-mesh', 'seldon'))).toEqual({
      host: 'seldon-mesh.seldon.svc.cluster.local',
      exportTo: ['istio-system'],
      trafficPolicy: { tls: { mode: 'SIMPLE', credentialName: 'seldon-mesh-gateway', sni: 'seldon-mesh.seldon.svc.cluster.local' } },
    });
  });

  test('THEN the cluster-wide controller may reach each runtime', () => {
    expect(spec(find(objects, 'NetworkPolicy', 'allow-seldon-core-v2-controller', 'seldon'))).toEqual({
      podSelector: {},
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'seldon-system' } } }] }],
    });
  });
});

describe('Seldon Core 2 on Kubernetes', () => {
  const objects = render(kubernetes(), { seldon: {} });

  test('GIVEN the defaults WHEN rendered THEN the objects match the snapshot', () => {
    expect(coreV2Objects(objects)).toMatchSnapshot();
  });

  test('THEN the chart\'s own non-root securityContext stays (no OpenShift overrides)', () => {
    const setup = find(objects, 'Application', 'seldon-core-v2-setup');
    expect(spec(setup).source.helm.parameters).toBeUndefined();
    expect(setupValues(objects).dataflow).toBeUndefined();
  });

  test('THEN the mesh route and TLS origination target the gateway pods in istio-ingress', () => {
    expect(spec(find(objects, 'DestinationRule', 'seldon-mesh', 'seldon')).exportTo).toEqual(['istio-ingress']);
  });
});

describe('Seldon Core 2 options', () => {
  test('GIVEN downstream mTLS THEN Envoy validates clients, the namespace gets the client certificate and the gateway presents one', () => {
    const objects = render(testConfig({ coreV2: { security: { downstreamMtls: true } } }), { seldon: {} });
    expect(setupValues(objects).security.envoy.ssl.downstream).toEqual({
      server: { secret: 'seldon-downstream-server', clientValidationSecret: 'seldon-downstream-client' },
      client: { mtls: true, secret: 'seldon-downstream-client', serverValidationSecret: 'seldon-downstream-server' },
    });
    expect(find(objects, 'Certificate', 'seldon-downstream-client', 'seldon').kind).toBe('Certificate');
    expect(spec(find(objects, 'DestinationRule', 'seldon-mesh', 'seldon')).trafficPolicy.tls.mode).toBe('MUTUAL');
  });

  test('GIVEN an explicit plaintext opt-in THEN security says PLAINTEXT and no certificate or TLS origination is rendered', () => {
    const objects = render(testConfig({ coreV2: { security: { controlPlane: 'PLAINTEXT', envoy: 'PLAINTEXT' } } }), { seldon: {} });
    expect(setupValues(objects).security.controlplane).toEqual({ protocol: 'PLAINTEXT' });
    expect(setupValues(objects).security.envoy).toEqual({ protocol: 'PLAINTEXT' });
    expect(objects.filter((o) => o.object.kind === 'DestinationRule' && o.object.metadata.name === 'seldon-mesh')).toEqual([]);
  });

  test('GIVEN tracing, servers and telemetry options THEN the values follow', () => {
    const objects = render(testConfig({ coreV2: { tracing: { endpoint: 'otel-collector.observability:4317', ratio: 0.1 }, servers: { triton: { replicas: 0 } }, usageTelemetry: false } }), { seldon: {} });
    expect(setupValues(objects).opentelemetry).toEqual({ disable: false, endpoint: 'otel-collector.observability:4317', ratio: 0.1 });
    expect(spec(find(objects, 'Server', 'triton', 'seldon'))).toEqual({ serverConfig: 'triton', replicas: 0 });
    expect(spec(find(objects, 'SeldonRuntime', 'seldon', 'seldon')).overrides).toContainEqual({ name: 'hodometer', disable: true });
  });

  test('GIVEN no service mesh THEN no VirtualService, DestinationRule or gateway certificate', () => {
    const objects = render(testConfig({ serviceMesh: false, coreV1: false, deploy: false }), { seldon: {} });
    expect(coreV2Objects(objects).filter((o) => ['VirtualService', 'DestinationRule'].includes(o.object.kind))).toEqual([]);
    expect(objects.filter((o) => o.object.metadata.name === 'seldon-mesh-gateway')).toEqual([]);
  });
});

describe('Seldon Core 2 configuration is rejected with field, value and fix', () => {
  test('SSL without the TLS component', () => {
    expect(rejected({}, { tls: false })).toContain('coreV2.security.controlPlane ("SSL"): needs the certificates the tls component issues, and tls is disabled; enable tls, or opt out of TLS explicitly with coreV2.security.controlPlane: "PLAINTEXT"');
  });

  test('a typo in a protocol, with a suggestion', () => {
    expect(rejected({ security: { envoy: 'PLAINTXT' as never } })).toContain('coreV2.security.envoy ("PLAINTXT"): is not one of SSL, PLAINTEXT; did you mean PLAINTEXT?');
  });

  test('downstream mTLS without Envoy TLS', () => {
    expect(rejected({ security: { envoy: 'PLAINTEXT', downstreamMtls: true } })).toContain('coreV2.security.downstreamMtls (true): requires TLS on Envoy');
  });

  test('Core 2 without Kafka', () => {
    expect(rejected({}, { kafka: false })).toContain('kafka (false): is disabled, but Seldon Core 2 needs Kafka');
  });

  test('a negative server count', () => {
    expect(rejected({ servers: { mlserver: { replicas: -1 } } })).toContain('coreV2.servers.mlserver.replicas (-1): must be an integer from 0 up');
  });

  test('a tracing endpoint without a port', () => {
    expect(rejected({ tracing: { endpoint: 'otel-collector' } })).toContain('coreV2.tracing.endpoint ("otel-collector"): is not a host:port OTLP gRPC endpoint');
  });

  test('a gRPC prefix Istio does not recognise', () => {
    expect(rejected({ grpcServicePrefix: 'grpc' as never })).toContain('coreV2.grpcServicePrefix ("grpc"): is not one of http2-, grpc-');
  });
});

describe('the reference environments', () => {
  test.each([
    ['openshift', openshiftConfig],
    ['kubernetes', kubernetesConfig],
  ])('GIVEN %s THEN Kafka is Strimzi with mutual TLS and Core 2 uses TLS everywhere', (_name, config) => {
    const values = setupValues(render(config, { seldon: {} }));
    expect(values.security.controlplane.protocol).toBe('SSL');
    expect(values.security.envoy.protocol).toBe('SSL');
    expect(values.security.kafka).toMatchObject({ protocol: 'SSL', ssl: { client: { secret: 'seldon', brokerValidationSecret: 'seldon-cluster-ca-cert', endpointIdentificationAlgorithm: 'https' } } });
  });
});

describe('Core 2 usage telemetry', () => {
  const overrides = (coreV2: PlatformConfig['coreV2']) => (find(render(testConfig({ coreV2 }), { seldon: {} }), 'SeldonRuntime', 'seldon', 'seldon').spec as { overrides: unknown[] }).overrides;

  test('GIVEN the defaults THEN hodometer is disabled in every runtime (no data to hodometer.seldon.io)', () => {
    expect(overrides({})).toContainEqual({ name: 'hodometer', disable: true });
  });

  test('GIVEN usageTelemetry: true THEN hodometer runs (seed 004)', () => {
    expect(overrides({ usageTelemetry: true })).not.toContainEqual(expect.objectContaining({ name: 'hodometer' }));
  });
});
