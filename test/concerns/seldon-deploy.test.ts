import { PlatformConfig } from '../../src/config';
import { SeldonDeployOptions, SeldonDeployValues } from '../../src/concerns/seldon-deploy';
import { KubeObject, RenderedObject } from '../../src/lib/render';
import { SeldonPlatform } from '../../src/platform';
import { errorOf, find, render, testConfig } from '../helpers/render';
import { CHARTS, IMAGES } from '../../src/versions';

const REPO = 'https://git.example.com/models/seldon-gitops.git';
const kubernetes = (overrides: Partial<PlatformConfig> = {}): PlatformConfig => testConfig({ platform: 'kubernetes', ingressDomain: undefined, ...overrides });
const mine = (objects: readonly RenderedObject[]) => objects.filter((o) => o.object.metadata.labels?.['app.kubernetes.io/component'] === 'seldon-deploy');
const valuesOf = (app: KubeObject) => (app.spec as { source: { helm: { valuesObject: SeldonDeployValues } } }).source.helm.valuesObject;
const deployApp = (objects: readonly RenderedObject[]) => find(objects, 'Application', 'seldon-deploy');

/** The seed's curl examples with the route host in place of `$DOMAIN` (and without `-k`, see curlInsecure). */
const SEED_CURL = (host: string, path: string) =>
  `curl -H "{{ .TokenHeader }}: {{ .Token }} " -H "Content-Type: application/json" https://${host}/seldon/{{ .Namespace }}/{{ .ModelName }}/${path} -d '{{ .Payload }}'\n`;

describe('Seldon Deploy on OpenShift', () => {
  const objects = render(testConfig({ gitops: { repoURL: REPO } }));
  const app = deployApp(objects);
  const values = valuesOf(app);

  test('GIVEN the seed defaults WHEN rendered THEN the objects match the snapshot', () => {
    expect(mine(objects)).toMatchSnapshot();
  });

  test('THEN the Deploy chart is an Argo CD Application in seldon-system at the SELDON wave', () => {
    expect(app.spec).toMatchObject({
      source: { repoURL: 'https://seldonio.github.io/helm-charts', chart: 'seldon-deploy', targetRevision: CHARTS.seldonDeploy.version, helm: { releaseName: 'seldon-deploy' } },
      destination: { namespace: 'seldon-system' },
    });
    expect(app.metadata.annotations?.['argocd.argoproj.io/sync-wave']).toBe('5');
  });

  test('THEN the seed settings are set: image, application logs, user, auth, analytics, protocol, claim key', () => {
    expect(values).toMatchObject({
      image: { image: IMAGES.seldonDeploy },
      applicationLogs: { elasticIndexPattern: 'app-write', elasticNamespaceField: 'kubernetes.namespace_name', elasticContainerNameField: 'kubernetes.container_name', elasticPodNameField: 'kubernetes.pod_name' },
      defaultUserID: '',
      enableAppAuth: false,
      enableAppAnalytics: false,
      external: { protocol: 'http' },
    });
    expect(values.env.USERID_CLAIM_KEY).toBe('name');
  });

  test('THEN monitoring is wired: Thanos, Prometheus, Alertmanager and the jwt-seldon token', () => {
    expect(values.env.ALERTMANAGER_URL).toBe('https://alertmanager-main.openshift-monitoring:9094/api/v1/alerts');
    expect(values.prometheus).toEqual({
      seldon: {
        namespaceMetricName: 'namespace',
        serviceMetricName: 'exported_service',
        url: 'https://thanos-querier.openshift-monitoring.svc:9091/api/v1/',
        resourceMetricsUrl: 'https://prometheus-k8s.openshift-monitoring.svc:9091/api/v1/',
        jwtSecretKey: 'jwt-seldon.txt',
        jwtSecretName: 'jwt-seldon',
      },
    });
  });

  test('THEN GitOps and the model catalogue are wired', () => {
    expect(values.gitops).toEqual({ argocd: { enabled: true, namespace: 'seldon-argocd' }, git: { secret: 'git-creds' } });
    expect(values.metadata).toEqual({ pg: { enabled: true, secret: 'metadata-postgres' } });
  });

  test('THEN Elasticsearch and the request logger are wired from the Elasticsearch and Kafka concerns', () => {
    expect(values.elasticsearch).toEqual({
      url: 'https://elasticsearch-seldon-es-http.seldon-logs:9200',
      basicAuth: true,
      secret: { name: 'elastic-credentials', userKey: 'username', passwordKey: 'password' },
    });
    expect(values.requestLogger).toMatchObject({ create: true, elasticsearch: { host: 'elasticsearch-seldon-es-http.seldon-logs' } });
  });

  test('THEN the Kafka consumer is on with Core 2\'s TLS settings (chart 2.4.0 templates/request-logger.yaml maps them to METRONOME_SERVER_KAFKA_CONSUMER_*), and can be switched off', () => {
    expect(values.requestLogger.kafka_consumer).toEqual({
      enabled: true,
      bootstrap_servers: 'seldon-kafka-bootstrap.seldon-kafka.svc:9093',
      protocol: 'SSL',
      ssl: {
        client: {
          secret: 'seldon',
          brokerValidationSecret: 'seldon-cluster-ca-cert',
          keyPath: '/tmp/certs/kafka/client/user.key',
          crtPath: '/tmp/certs/kafka/client/user.crt',
          caPath: '/tmp/certs/kafka/client/ca.crt',
          brokerCaPath: '/tmp/certs/kafka/broker/ca.crt',
        },
      },
    });
    // Core 2's endpointIdentificationAlgorithm is not passed on: chart 2.4.0 lists it (values.yaml:290) but no template reads it.
    expect(JSON.stringify(values.requestLogger.kafka_consumer)).not.toContain('endpointIdentificationAlgorithm');
    const off = (find(render(testConfig({ deploy: { kafkaConsumer: false } })), 'Application', 'seldon-deploy').spec as { source: { helm: { valuesObject: SeldonDeployValues } } }).source.helm.valuesObject;
    expect(off.requestLogger.kafka_consumer).toEqual({ enabled: false });
  });

  test('GIVEN a consumer group prefix THEN the consumer\'s group carries it (the KafkaUser grants only prefixed groups)', () => {
    const prefixed = (find(render(testConfig({ kafka: { consumerGroupIdPrefix: 'team1' } })), 'Application', 'seldon-deploy').spec as { source: { helm: { valuesObject: SeldonDeployValues } } }).source.helm.valuesObject;
    expect(prefixed.requestLogger.kafka_consumer.group_id).toBe('team1-metronome');
  });

  test('GIVEN SCRAM Kafka THEN the consumer authenticates with SASL like Core 2', () => {
    const scram = (find(render(testConfig({ kafka: { security: { mode: 'strimzi-scram-sha-512' } } })), 'Application', 'seldon-deploy').spec as { source: { helm: { valuesObject: SeldonDeployValues } } }).source.helm.valuesObject;
    expect(scram.requestLogger.kafka_consumer).toMatchObject({ enabled: true, protocol: 'SASL_SSL', sasl: { mechanism: 'SCRAM-SHA-512', client: { username: 'seldon', secret: 'seldon', passwordPath: 'password' } } });
  });

  test('THEN the Deploy VirtualService binds to the platform gateway, also after a rename', () => {
    expect(values.virtualService).toEqual({ gateways: ['istio-system/seldon-gateway'] });
    const renamed = (find(render(testConfig({ serviceMesh: { ingress: { name: 'models-gw' } } })), 'Application', 'seldon-deploy').spec as { source: { helm: { valuesObject: SeldonDeployValues } } }).source.helm.valuesObject;
    expect(renamed.virtualService).toEqual({ gateways: ['istio-system/models-gw'] });
  });

  test('GIVEN plaintext Kafka (an explicit opt-in) THEN the consumer is on, on the plain listener as in the seed', () => {
    const plain = (find(render(testConfig({ kafka: { security: { mode: 'plaintext' } } })), 'Application', 'seldon-deploy').spec as { source: { helm: { valuesObject: SeldonDeployValues } } }).source.helm.valuesObject;
    expect(plain.requestLogger.kafka_consumer).toEqual({ enabled: true, bootstrap_servers: 'seldon-kafka-bootstrap.seldon-kafka.svc:9092', protocol: 'PLAINTEXT' });
  });

  test('THEN Core v1 and Core 2 are enabled with curl examples on the seldon route, Go-template placeholders kept', () => {
    const host = 'seldon.apps.test.example.com';
    expect(values.seldon).toEqual({
      enabled: true,
      curlForm: SEED_CURL(host, 'api/v0.1/predictions'),
      tensorFlowCurlForm: SEED_CURL(host, 'v1/models/:predict'),
      v2CurlForm: SEED_CURL(host, 'v2/models/{{ .GraphModelName }}/infer'),
    });
    // Envoy serves TLS downstream by default, so Deploy calls seldon-mesh over https (configmap_seldon-deploy.yaml:31).
    expect(values.seldonCoreV2).toEqual({ enabled: true, protocol: 'https' });
    const plain = (find(render(testConfig({ coreV2: { security: { envoy: 'PLAINTEXT' } } })), 'Application', 'seldon-deploy').spec as { source: { helm: { valuesObject: SeldonDeployValues } } }).source.helm.valuesObject;
    expect(plain.seldonCoreV2).toEqual({ enabled: true, protocol: 'http' });
  });
});

describe('Seldon Deploy options', () => {
  test('GIVEN the chart from Seldon, an image and settings THEN they replace the defaults', () => {
    const deploy: SeldonDeployOptions = {
      chart: { repoURL: 'https://charts.example.com/seldon', version: '2.4.1' },
      image: 'registry.example.com/seldon/seldon-deploy-server:2.4.1',
      enableAppAuth: true,
      externalProtocol: 'https',
      userIdClaimKey: 'preferred_username',
      env: { OIDC_PROVIDER: 'https://keycloak.example.com/auth/realms/deploy-realm' },
      curlInsecure: true,
    };
    const app = deployApp(render(testConfig({ deploy })));
    expect(app.spec).toMatchObject({ source: { repoURL: 'https://charts.example.com/seldon', chart: 'seldon-deploy', targetRevision: '2.4.1' } });
    const values = valuesOf(app);
    expect(values).toMatchObject({ image: { image: 'registry.example.com/seldon/seldon-deploy-server:2.4.1' }, enableAppAuth: true, external: { protocol: 'https' } });
    expect(values.env).toMatchObject({ USERID_CLAIM_KEY: 'preferred_username', OIDC_PROVIDER: 'https://keycloak.example.com/auth/realms/deploy-realm' });
    expect(values.seldon.curlForm).toMatch(/^curl -k -H/);
  });

  test('GIVEN GitOps, the catalogue, Elasticsearch, Kafka, Core v1 and Core 2 off THEN Deploy is told so', () => {
    const values = valuesOf(deployApp(render(testConfig({ gitops: false, modelCatalogue: false, elasticsearch: false, logging: false, kafka: false, coreV1: false, coreV2: false }))));
    expect(values.gitops).toEqual({ argocd: { enabled: false } });
    expect(values.metadata).toEqual({ pg: { enabled: false } });
    expect(values.elasticsearch).toBeUndefined();
    expect(values.requestLogger).toEqual({ create: false, kafka_consumer: { enabled: false }, resources: { limits: { cpu: '500m' } } });
    expect(values.seldon.enabled).toBe(false);
    expect(values.seldonCoreV2.enabled).toBe(false);
  });

  test('GIVEN monitoring off and explicit Prometheus endpoints THEN Deploy uses them', () => {
    const prometheus = { url: 'http://prometheus.obs.svc:9090/api/v1/', alertmanagerUrl: 'http://alertmanager.obs.svc:9093/api/v2/alerts' };
    const values = valuesOf(deployApp(render(testConfig({ monitoring: false, deploy: { prometheus } }))));
    expect(values.prometheus.seldon).toMatchObject({ url: prometheus.url, resourceMetricsUrl: prometheus.url });
    expect(values.prometheus.seldon.jwtSecretName).toBeUndefined();
    expect(values.env.ALERTMANAGER_URL).toBe(prometheus.alertmanagerUrl);
  });
});

describe('Seldon Deploy on Kubernetes', () => {
  const objects = render(kubernetes({ gitops: { repoURL: REPO } }));
  const values = valuesOf(deployApp(objects));

  test('GIVEN the defaults WHEN rendered THEN the objects match the snapshot', () => {
    expect(mine(objects)).toMatchSnapshot();
  });

  test('THEN Deploy reads kube-prometheus-stack (no token) and the platform Argo CD, and has no route-based curl examples', () => {
    expect(values.prometheus.seldon).toMatchObject({ url: 'http://kube-prometheus-stack-prometheus.monitoring.svc:9090/api/v1/' });
    expect(values.prometheus.seldon.jwtSecretName).toBeUndefined();
    expect(values.env.ALERTMANAGER_URL).toBe('http://kube-prometheus-stack-alertmanager.monitoring.svc:9093/api/v2/alerts');
    expect(values.gitops.argocd).toEqual({ enabled: true, namespace: 'argocd' });
    expect(values.seldon).toEqual({ enabled: true });
    expect(JSON.stringify(values)).not.toContain('oc get route');
  });

  test('GIVEN an external URL THEN the curl examples use it', () => {
    const v = valuesOf(deployApp(render(kubernetes({ deploy: { externalUrl: 'https://models.example.com/' } }))));
    expect(v.seldon.curlForm).toBe(SEED_CURL('models.example.com', 'api/v0.1/predictions'));
  });
});

describe('Seldon Deploy rejects', () => {
  const run = (deploy: SeldonDeployOptions, overrides: Partial<PlatformConfig> = {}) => errorOf(() => SeldonPlatform.validate(testConfig({ deploy, ...overrides })));

  test.each<[string, () => string, string]>([
    ['monitoring off without Prometheus endpoints', () => run({}, { monitoring: false }), 'deploy.prometheus (undefined): is required when monitoring is off'],
    ['a Prometheus URL that is not http(s)', () => run({ prometheus: { url: 'prometheus:9090' } }), 'deploy.prometheus.url ("prometheus:9090"): is not an http(s) URL'],
    ['an unpinned image', () => run({ image: 'seldonio/seldon-deploy-server:latest' }), 'deploy.image ("seldonio/seldon-deploy-server:latest"): is not a pinned image'],
    ['a chart without a version', () => run({ chart: { version: '' } }), 'deploy.chart.version (""): is required and must be a non-empty string'],
    ['a chart repository that is not one', () => run({ chart: { repoURL: 'seldon charts' } }), 'deploy.chart.repoURL ("seldon charts"): is not a Helm repository'],
    ['a request logger without Elasticsearch', () => run({ requestLogger: true }, { elasticsearch: false, logging: false }), 'deploy.requestLogger (true): needs Elasticsearch, which is disabled'],
    ['a bad env name', () => run({ env: { 'OIDC-PROVIDER': 'x' } }), 'deploy.env.OIDC-PROVIDER ("OIDC-PROVIDER"): is not an environment variable name'],
    ['an external URL without a scheme', () => run({ externalUrl: 'seldon.example.com' }), 'deploy.externalUrl ("seldon.example.com"): is not an http(s) URL'],
  ])('GIVEN %s THEN validation names the field, value and fix', (_name, check, message) => {
    expect(check()).toContain(message);
  });
});

describe('Seldon Deploy chart values pass-through', () => {
  test('GIVEN untyped values THEN they are deep-merged over the typed values', () => {
    const objects = render(testConfig({ deploy: { values: { requestLogger: { kafka_consumer: { security_protocol: 'SSL' } }, image: { pullPolicy: 'Always' } } } }));
    const values = (find(objects, 'Application', 'seldon-deploy').spec as { source: { helm: { valuesObject: Record<string, Record<string, unknown>> } } }).source.helm.valuesObject;
    expect(values.requestLogger.kafka_consumer).toMatchObject({ enabled: true, protocol: 'SSL', security_protocol: 'SSL' });
    expect(values.image).toMatchObject({ pullPolicy: 'Always' });
    expect(typeof values.image.image).toBe('string');
  });

  test('GIVEN a credential in the values THEN it is rejected without echoing it', () => {
    const message = errorOf(() => SeldonPlatform.validate(testConfig({ deploy: { values: { requestLogger: { kafka_consumer: { password: 's3cr3t' } } } } })));
    expect(message).toContain('deploy.values.requestLogger.kafka_consumer.password ("<redacted>"): looks like a secret value (the key "password" names a credential');
    expect(message).not.toContain('s3cr3t');
  });
});
