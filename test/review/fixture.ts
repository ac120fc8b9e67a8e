/**
 * A hand-made render with every kind the review files read (gateways, routes, brokers, Kafka, Core 2 runtimes,
 * subscriptions, Helm Applications with Core 2 security values, Istio policies, monitors, secrets), so the generators
 * are tested independently of what the concerns render today.
 */
import { SYNC_WAVE } from '../../src/lib/argo';
import { fileFor, KubeObject, RenderedObject } from '../../src/lib/render';
import { computeTopicBudget } from '../../src/review/kafka-topics';
import { ReviewInput } from '../../src/review/model';

function obj(apiVersion: string, kind: string, name: string, namespace: string | undefined, wave: number, rest: Record<string, unknown> = {}, labels?: Record<string, string>): KubeObject {
  return {
    apiVersion,
    kind,
    metadata: { name, ...(namespace ? { namespace } : {}), annotations: { [SYNC_WAVE]: String(wave) }, ...(labels ? { labels } : {}) },
    ...rest,
  };
}

function inDir(dir: string, objects: KubeObject[]): RenderedObject[] {
  return objects.map((object) => ({ file: fileFor(dir, object), object }));
}

function modelNamespace(name: string, options: { gitops?: boolean; coreV2?: boolean; auth?: boolean }): RenderedObject[] {
  const wave = 10;
  return inDir(`model-namespaces/${name}`, [
    obj('v1', 'Namespace', name, undefined, wave, {}, options.gitops ? { 'seldon.gitops': 'enabled' } : {}),
    obj('networking.k8s.io/v1', 'NetworkPolicy', 'allow-same-namespace', name, wave + 1),
    obj('networking.k8s.io/v1', 'NetworkPolicy', 'seldon-detectors', name, wave + 1),
    obj('monitoring.coreos.com/v1', 'PodMonitor', 'seldon-podmonitor', name, wave + 4),
    obj('monitoring.coreos.com/v1', 'PrometheusRule', 'seldon-model-usage-rules', name, wave + 4),
    ...(options.coreV2
      ? [obj('mlops.seldon.io/v1alpha1', 'SeldonRuntime', 'seldon', name, wave + 6, { spec: { seldonConfig: 'default', overrides: [{ name: 'seldon-dataflow-engine', disable: true }], config: { kafkaConfig: { topics: { numPartitions: 4 } } } } })]
      : []),
    ...(options.auth
      ? [
          obj('security.istio.io/v1beta1', 'RequestAuthentication', 'seldon-jwt', name, wave + 4),
          obj('security.istio.io/v1beta1', 'AuthorizationPolicy', 'require-jwt', name, wave + 4),
        ]
      : []),
  ]);
}

/** The objects of the fixture environment, sorted by file like a real render. */
export function fixtureObjects(): RenderedObject[] {
  const target = { server: 'https://kubernetes.default.svc' };
  const objects = [
    ...inDir('delivery', [
      obj('argoproj.io/v1alpha1', 'Application', 'seldon-platform-fixture', 'openshift-gitops', -1, { spec: { source: { repoURL: 'https://git.example.com/p.git', path: 'dist/fixture', directory: { recurse: true } }, destination: target } }),
    ]),
    ...inDir('namespaces', [
      obj('v1', 'Namespace', 'seldon-system', undefined, 0),
      obj('v1', 'Namespace', 'seldon-logs', undefined, 0),
      obj('networking.k8s.io/v1', 'NetworkPolicy', 'allow-from-platform-namespaces', 'seldon-system', 1),
    ]),
    ...inDir('service-mesh', [
      obj('operators.coreos.com/v1alpha1', 'Subscription', 'servicemeshoperator', 'openshift-operators', 2, { spec: { name: 'servicemeshoperator', channel: 'stable' } }),
      obj('v1', 'Namespace', 'istio-system', undefined, 0),
      obj('maistra.io/v2', 'ServiceMeshControlPlane', 'basic', 'istio-system', 3, { spec: { security: { dataPlane: { mtls: true } } } }),
      obj('maistra.io/v1', 'ServiceMeshMemberRoll', 'default', 'istio-system', 4, { spec: { members: ['seldon', 'seldon-logs'] } }),
      obj('networking.istio.io/v1beta1', 'Gateway', 'seldon-gateway', 'istio-system', 4),
      obj('route.openshift.io/v1', 'Route', 'seldon-route', 'istio-system', 4),
      obj('security.istio.io/v1beta1', 'PeerAuthentication', 'default', 'istio-system', 4, { spec: { mtls: { mode: 'STRICT' } } }),
      obj('networking.istio.io/v1beta1', 'DestinationRule', 'seldon-mesh', 'istio-system', 4, { spec: { host: '*.local', trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } } } }),
    ]),
    ...inDir('serverless', [obj('eventing.knative.dev/v1', 'Broker', 'default', 'seldon-logs', 4)]),
    ...inDir('kafka', [
      obj('kafka.strimzi.io/v1beta2', 'Kafka', 'seldon', 'seldon-kafka', 3, {
        spec: { kafka: { listeners: [{ name: 'tls', port: 9093, type: 'internal', tls: true, authentication: { type: 'scram-sha-512' } }] } },
      }),
    ]),
    ...inDir('seldon-core-v1', [
      obj('argoproj.io/v1alpha1', 'Application', 'seldon-core-v1', 'openshift-gitops', 5, {
        spec: { source: { repoURL: 'https://storage.googleapis.com/seldon-charts', chart: 'seldon-core-operator', targetRevision: '1.18.2', helm: { valuesObject: { istio: { enabled: true, tlsMode: 'ISTIO_MUTUAL' } } } }, destination: { ...target, namespace: 'seldon-system' } },
      }),
    ]),
    ...inDir('seldon-core-v2', [
      obj('argoproj.io/v1alpha1', 'Application', 'seldon-core-v2-setup', 'openshift-gitops', 5, {
        spec: {
          source: {
            repoURL: 'https://seldonio.github.io/helm-charts',
            chart: 'seldon-core-v2-setup',
            targetRevision: '2.9.1',
            helm: {
              valuesObject: {
                kafka: { bootstrap: 'seldon-kafka-bootstrap.seldon-kafka.svc:9093', topics: { numPartitions: 2 } },
                security: { controlplane: { protocol: 'SSL' }, envoy: { protocol: 'SSL' }, kafka: { protocol: 'SASL_SSL', sasl: { mechanism: 'SCRAM-SHA-512' } } },
              },
            },
          },
          destination: { ...target, namespace: 'seldon-system' },
        },
      }),
      obj('cert-manager.io/v1', 'Certificate', 'seldon-controlplane-server', 'seldon-system', 1, { spec: { issuerRef: { name: 'seldon-ca-issuer' } } }),
      obj('external-secrets.io/v1', 'ExternalSecret', 'seldon-kafka-user', 'seldon-system', 1),
    ]),
    ...modelNamespace('seldon', { coreV2: true, auth: true }),
    ...modelNamespace('seldon-gitops', { gitops: true }),
  ];
  return objects.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** The fixture environment as review input. */
export function fixtureInput(overrides: Partial<ReviewInput> = {}): ReviewInput {
  return {
    environment: 'fixture',
    platform: 'openshift',
    delivery: {
      repoURL: 'https://git.example.com/p.git',
      targetRevision: 'main',
      path: 'dist/fixture',
      argoNamespace: 'openshift-gitops',
      project: 'default',
      destinationServer: 'https://kubernetes.default.svc',
    },
    objects: fixtureObjects(),
    secrets: [
      { name: 'seldon-kafka-user', namespace: 'seldon-system', keys: ['password'], purpose: 'Kafka SCRAM credentials of Core 2', external: true },
      { name: 'elastic-credentials', namespace: 'seldon-logs', keys: ['username', 'password'], purpose: 'Elasticsearch login of the request logger', external: false },
    ],
    topicBudget: computeTopicBudget([{ namespace: 'seldon', models: 10, pipelines: 5 }]),
    ...overrides,
  };
}
