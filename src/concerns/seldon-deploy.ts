import { Construct } from 'constructs';
import type { PlatformConfig } from '../config';
import { Wave } from '../lib/argo';
import { Concern, PlatformContext } from '../lib/concern';
import { Checks } from '../lib/errors';
import { HelmApplication } from '../lib/argo-application';
import { CHARTS, HelmChart, IMAGES } from '../versions';
import type { ElasticsearchEndpoint } from './elasticsearch';
import type { GitOpsWiring } from './gitops';
import type { KafkaConnection } from './kafka';
import type { KafkaSecurityValues } from './kafka-security';
import { deepMerge } from '../lib/merge';
import type { MonitoringEndpoints } from './monitoring';
import { HTTP_URL } from '../lib/formats';
import { hardenedValues } from '../lib/workload-security';

const COMPONENT = 'seldon-deploy';

/** Where Seldon Deploy finds OpenShift Logging's container logs in Elasticsearch (`applicationLogs`). */
export interface ApplicationLogsValues {
  /** @default "app-write" */
  readonly elasticIndexPattern: string;
  /** @default "kubernetes.namespace_name" */
  readonly elasticNamespaceField: string;
  /** @default "kubernetes.container_name" */
  readonly elasticContainerNameField: string;
  /** @default "kubernetes.pod_name" */
  readonly elasticPodNameField: string;
}

/** Prometheus and Alertmanager endpoints for Seldon Deploy when the platform's monitoring concern is off. */
export interface DeployPrometheusOptions {
  /** Prometheus query API for model metrics, e.g. `https://thanos-querier.openshift-monitoring.svc:9091/api/v1/`. */
  readonly url: string;
  /** Prometheus query API for resource metrics. @default url */
  readonly resourceMetricsUrl?: string;
  /** Alertmanager alerts API. @default unset (no ALERTMANAGER_URL) */
  readonly alertmanagerUrl?: string;
  /** The secret with the bearer token Deploy sends, if the endpoints need one. @default none */
  readonly token?: { readonly secretName: string; readonly key: string };
}

/**
 * Options of Seldon Deploy (seed 004, "Seldon Deploy" and its Helm values appendix). Seldon Deploy (Seldon Enterprise
 * Platform) is commercial software: running it requires a licence from Seldon, and its chart and image are obtained
 * under that licence.
 */
export interface SeldonDeployOptions {
  /**
   * Where the chart comes from. The Deploy chart is not in a public index you can rely on (the seed installs it from
   * the downloaded `seldon-deploy-install/helm-charts/seldon-deploy`): point this at the repository Seldon gives you.
   * @default CHARTS.seldonDeploy in src/versions.ts
   */
  readonly chart?: Partial<HelmChart>;
  /** Deploy server image (`image.image`), pinned. @default IMAGES.seldonDeploy in src/versions.ts (the seed: 2.0.0) */
  readonly image?: string;
  /** Container-log fields in Elasticsearch. @default the seed's, for OpenShift Logging */
  readonly applicationLogs?: Partial<ApplicationLogsValues>;
  /** @default "" (seed) */
  readonly defaultUserID?: string;
  /**
   * Require users to log in to Deploy (OIDC; configure the provider through the chart's OIDC settings and `env`).
   * The seed turns it off, which leaves the Deploy UI and API open to anyone who reaches the route: turn it on in any
   * shared cluster. @default false (seed)
   */
  readonly enableAppAuth?: boolean;
  /** @default false (seed) */
  readonly enableAppAnalytics?: boolean;
  /** `external.protocol`: the scheme Deploy builds its external links with. @default "http" (seed) */
  readonly externalProtocol?: 'http' | 'https';
  /** `env.USERID_CLAIM_KEY`: the token claim that names the user. @default "name" (seed) */
  readonly userIdClaimKey?: string;
  /** Further `env` entries (non-secret), e.g. OIDC settings. @default {} */
  readonly env?: Readonly<Record<string, string>>;
  /** `prometheus.seldon.namespaceMetricName`. @default "namespace" (seed; cluster-monitoring-operator#768) */
  readonly namespaceMetricName?: string;
  /** `prometheus.seldon.serviceMetricName`. @default "exported_service" (seed) */
  readonly serviceMetricName?: string;
  /** Prometheus endpoints; required when the monitoring concern is off. @default the monitoring concern's endpoints */
  readonly prometheus?: DeployPrometheusOptions;
  /** Install the request logger (needs Elasticsearch). @default true when Elasticsearch is enabled */
  readonly requestLogger?: boolean;
  /**
   * Let the request logger consume Core 2's payload topics from Kafka (`requestLogger.kafka_consumer`), so that Core 2
   * inference payloads reach Elasticsearch. The consumer gets the same bootstrap, protocol, TLS and SASL settings as
   * Core 2 (`protocol`, `ssl.client.*`, `sasl.*`), which chart 2.4.0 maps to `METRONOME_SERVER_KAFKA_CONSUMER_*`
   * (seldon-deploy 2.4.0 templates/request-logger.yaml:117-190; values.yaml:269-290), reading the same secrets in the
   * logs namespace.
   * @default true when the request logger and Kafka are enabled
   */
  readonly kafkaConsumer?: boolean;
  /**
   * The external URL models are reached at, for the curl examples Deploy shows (`seldon.curlForm` and siblings).
   * @default OpenShift: "https://seldon.<ingressDomain>" (the seed's route); Kubernetes: unset (the chart's defaults)
   */
  readonly externalUrl?: string;
  /**
   * Add `-k` (skip certificate verification) to the curl examples, as the seed does. Only for clusters whose ingress
   * certificate is not trusted by clients. @default false
   */
  readonly curlInsecure?: boolean;
  /**
   * Chart values this platform does not type, deep-merged over the typed ones. For instance the TLS or SASL settings
   * of the request logger's Kafka consumer (see `kafkaConsumer`): the seed documents only
   * `requestLogger.kafka_consumer.bootstrap_servers`, so set the keys your Deploy version documents here.
   * Never put secret values here: reference secrets by name.
   */
  readonly values?: Readonly<Record<string, unknown>>;
}

/** What Seldon Deploy is wired to: the contracts of the concerns it depends on (absent when those are off). */
export interface SeldonDeployDependencies {
  readonly monitoring?: MonitoringEndpoints;
  readonly elasticsearch?: ElasticsearchEndpoint;
  readonly kafka?: KafkaConnection;
  readonly gitops?: GitOpsWiring;
  /** The model catalogue's connection secret (`metadata.pg.secret`). */
  readonly modelCatalogueSecret?: string;
  /** Seldon Core v1 is installed (`seldon.enabled`). */
  readonly coreV1: boolean;
  /** Seldon Core 2 is installed (`seldonCoreV2.enabled`). */
  readonly coreV2: boolean;
  /** The scheme of Core 2's `seldon-mesh` (TLS on Envoy's downstream listener or not). */
  readonly coreV2Scheme?: 'http' | 'https';
  /** The Istio gateway the Deploy VirtualService binds to, `<namespace>/<name>` (`virtualService.gateways`). */
  readonly gatewayRef?: string;
  /** The ingress gateway's Service and the namespace of its pods (`ingressGateway`), when the service mesh is on. */
  readonly ingressGateway?: { readonly namespace: string; readonly service: string };
}

/**
 * The chart's `ingressGateway` default: istio-system/istio-ingressgateway, where OpenShift Service Mesh 2 deploys the
 * gateway (seldon-deploy 2.4.0 values.yaml:180-182). Deploy reads it from its ConfigMap (`seldonIngressService`,
 * `ingressNamespace`) and as `OPA_ISTIO_POLICY_SYNC_NAMESPACE` (templates/configmap_seldon-deploy.yaml:19-20,
 * templates/deployment.yaml:271-273).
 */
const CHART_INGRESS_GATEWAY = { namespace: 'istio-system', service: 'istio-ingressgateway' } as const;

/** The Seldon Deploy chart values this platform sets (the seed's appendix, typed). */
export interface SeldonDeployValues {
  readonly image: { readonly image: string };
  readonly applicationLogs: ApplicationLogsValues;
  readonly defaultUserID: string;
  readonly enableAppAuth: boolean;
  readonly enableAppAnalytics: boolean;
  readonly external: { readonly protocol: 'http' | 'https' };
  readonly env: Readonly<Record<string, string>>;
  readonly gitops: { readonly argocd: { readonly enabled: boolean; readonly namespace?: string }; readonly git?: { readonly secret: string } };
  readonly metadata: { readonly pg: { readonly enabled: boolean; readonly secret?: string } };
  readonly prometheus: {
    readonly seldon: {
      readonly namespaceMetricName: string;
      readonly serviceMetricName: string;
      readonly url: string;
      readonly resourceMetricsUrl: string;
      readonly jwtSecretKey?: string;
      readonly jwtSecretName?: string;
    };
  };
  readonly elasticsearch?: {
    readonly url: string;
    readonly basicAuth: boolean;
    readonly secret: { readonly name: string; readonly userKey: string; readonly passwordKey: string };
  };
  readonly requestLogger: {
    readonly create: boolean;
    /** The chart takes the port as a string. */
    readonly elasticsearch?: { readonly host: string; readonly port?: string; readonly protocol?: 'http' | 'https' };
    /** `requestLogger.kafka_consumer`: bootstrap plus Core 2's `security.kafka` block (same keys in chart 2.4.0). */
    readonly kafka_consumer: { readonly enabled: boolean; readonly bootstrap_servers?: string; readonly group_id?: string } & Partial<ConsumerSecurityValues>;
  };
  /**
   * `seldon.v2CurlForm` is the key seldon-deploy@2.4.0 reads (templates/configmap_seldon-deploy.yaml:23); the seed's
   * `kfservingV2CurlForm` is read by no template, so the UI kept the chart default with `curl -k` (values.yaml:152-154).
   */
  readonly seldon: { readonly enabled: boolean; readonly curlForm?: string; readonly tensorFlowCurlForm?: string; readonly v2CurlForm?: string };
  /**
   * `protocol`: the scheme Deploy calls `seldon-mesh.<namespace>` with (chart default `http`;
   * templates/configmap_seldon-deploy.yaml:31-34). `https` whenever Core 2's Envoy has downstream TLS.
   */
  readonly seldonCoreV2: { readonly enabled: boolean; readonly protocol?: 'http' | 'https' };
  /** The `seldon-deploy` Service (set by the Meta-Operator mode; the Helm install keeps the chart's default). */
  readonly service?: { readonly type?: 'ClusterIP' | 'NodePort' | 'LoadBalancer' };
  /** The gateways of the Seldon Deploy VirtualService, `<namespace>/<name>` (set by the Meta-Operator mode). */
  readonly virtualService?: { readonly gateways?: readonly string[] };
  /** Where Deploy reaches the ingress gateway: its Service and namespace. */
  readonly ingressGateway?: { readonly seldonIngressService: string; readonly ingressNamespace: string };
}

const APPLICATION_LOGS: ApplicationLogsValues = {
  elasticIndexPattern: 'app-write',
  elasticNamespaceField: 'kubernetes.namespace_name',
  elasticContainerNameField: 'kubernetes.container_name',
  elasticPodNameField: 'kubernetes.pod_name',
};

/** The inference paths of the curl examples; `{{ .X }}` are Go-template placeholders Deploy fills in. */
const CURL_PATHS = {
  curlForm: 'api/v0.1/predictions',
  tensorFlowCurlForm: 'v1/models/:predict',
  v2CurlForm: 'v2/models/{{ .GraphModelName }}/infer',
} as const;

/**
 * Seldon Deploy: the Deploy Helm chart as an Argo CD Application in the Seldon system namespace (wave SELDON), its
 * values wired to monitoring, Elasticsearch, Kafka, GitOps and the model catalogue. Requires a Seldon licence.
 */
export class SeldonDeploy extends Construct implements Concern {
  public readonly values: SeldonDeployValues;

  constructor(scope: Construct, id: string, ctx: PlatformContext, options: SeldonDeployOptions, deps: SeldonDeployDependencies) {
    super(scope, id);
    this.values = deployValues(ctx, options, deps);
    new HelmApplication(this, 'Chart', {
      name: 'seldon-deploy',
      chart: { ...CHARTS.seldonDeploy, ...options.chart },
      namespace: ctx.namespaces.system,
      values: hardenedValues(CHARTS.seldonDeploy, ctx, deepMerge(this.values as unknown as Record<string, unknown>, options.values)),
      target: ctx.target,
      wave: Wave.SELDON,
      createNamespace: false,
      component: COMPONENT,
    });
  }
}

/** Builds the chart values: user options where the seed has a setting, wiring from the other concerns. */
function deployValues(ctx: PlatformContext, o: SeldonDeployOptions, deps: SeldonDeployDependencies): SeldonDeployValues {
  const prometheus = prometheusEndpoints(o, deps);
  const es = deps.elasticsearch;
  const requestLogger = (o.requestLogger ?? true) && es !== undefined;
  const ingress = deps.ingressGateway;
  const externalUrl = o.externalUrl ?? (ctx.platform === 'openshift' && ctx.ingressDomain ? `https://seldon.${ctx.ingressDomain}` : undefined);
  return {
    image: { image: o.image ?? IMAGES.seldonDeploy },
    applicationLogs: { ...APPLICATION_LOGS, ...o.applicationLogs },
    defaultUserID: o.defaultUserID ?? '',
    enableAppAuth: o.enableAppAuth ?? false,
    enableAppAnalytics: o.enableAppAnalytics ?? false,
    external: { protocol: o.externalProtocol ?? 'http' },
    env: {
      USERID_CLAIM_KEY: o.userIdClaimKey ?? 'name',
      ...(prometheus.alertmanagerUrl ? { ALERTMANAGER_URL: prometheus.alertmanagerUrl } : {}),
      ...o.env,
    },
    gitops: deps.gitops ? { argocd: { enabled: true, namespace: deps.gitops.argocdNamespace }, git: { secret: deps.gitops.gitSecret } } : { argocd: { enabled: false } },
    metadata: { pg: deps.modelCatalogueSecret ? { enabled: true, secret: deps.modelCatalogueSecret } : { enabled: false } },
    // seldon-deploy@2.4.0 reads only `prometheus.seldon.*` (templates/configmap_seldon-deploy.yaml:6-14,
    // templates/deployment.yaml:235-240); the seed's `prometheus.knative.url` is read by no template, so it is not set.
    prometheus: {
      seldon: {
        namespaceMetricName: o.namespaceMetricName ?? 'namespace',
        serviceMetricName: o.serviceMetricName ?? 'exported_service',
        url: prometheus.url,
        resourceMetricsUrl: prometheus.resourceMetricsUrl ?? prometheus.url,
        ...(prometheus.token ? { jwtSecretKey: prometheus.token.key, jwtSecretName: prometheus.token.secretName } : {}),
      },
    },
    ...(es ? { elasticsearch: { url: es.url, basicAuth: true, secret: { name: es.credentialsSecret, userKey: 'username', passwordKey: 'password' } } } : {}),
    requestLogger: {
      create: requestLogger,
      ...(requestLogger && es ? { elasticsearch: { host: es.host } } : {}),
      kafka_consumer: requestLogger && deps.kafka && (o.kafkaConsumer ?? true) ? kafkaConsumerValues(deps.kafka) : { enabled: false },
    },
    seldon: { enabled: deps.coreV1, ...(externalUrl ? curlForms(externalUrl, o.curlInsecure ?? false) : {}) },
    seldonCoreV2: { enabled: deps.coreV2, ...(deps.coreV2 ? { protocol: deps.coreV2Scheme ?? 'http' } : {}) },
    // Seed 003 sets the same chart value; without it a renamed or moved gateway leaves /seldon-deploy/ unrouted.
    ...(deps.gatewayRef ? { virtualService: { gateways: [deps.gatewayRef] } } : {}),
    ...ingressGatewayValues(ingress),
  };
}

/**
 * The request logger's Kafka consumer: Core 2's bootstrap and client security, and, when Seldon's consumer groups carry
 * a prefix (`kafka.consumerGroupIdPrefix`, which the KafkaUser's group ACL is limited to), the chart's group `metronome`
 * (values.yaml:272, → METRONOME_SERVER_KAFKA_CONSUMER_GROUP_ID, templates/request-logger.yaml:79-81) under that prefix.
 */
function kafkaConsumerValues(kafka: KafkaConnection): SeldonDeployValues['requestLogger']['kafka_consumer'] {
  const prefix = kafka.values.consumerGroupIdPrefix;
  return { enabled: true, bootstrap_servers: kafka.bootstrap, ...(prefix ? { group_id: `${prefix}-metronome` } : {}), ...consumerSecurity(kafka.security) };
}

/**
 * Core 2's `security.kafka` values as the request logger's consumer reads them: seldon-deploy 2.4.0 lists
 * `ssl.client.endpointIdentificationAlgorithm` (values.yaml:290) but templates/request-logger.yaml never reads it (it maps
 * protocol, the ssl.client secrets and paths, and sasl.*; lines 117-190), so it is left out rather than set to no effect.
 */
function consumerSecurity(security: KafkaSecurityValues): ConsumerSecurityValues {
  if (!security.ssl) return security;
  const { endpointIdentificationAlgorithm: _notReadByTheChart, ...client } = security.ssl.client;
  return { ...security, ssl: { client } };
}

/** Core 2's Kafka client security without the key the request logger does not read (see consumerSecurity). */
type ConsumerSecurityValues = Omit<KafkaSecurityValues, 'ssl'> & {
  readonly ssl?: { readonly client: Omit<NonNullable<KafkaSecurityValues['ssl']>['client'], 'endpointIdentificationAlgorithm'> };
};

/**
 * Deploy's `ingressGateway` values for the platform's ingress gateway, set only where it is not the chart's default
 * (Service Mesh 3 and Kubernetes run the gateway in istio-ingress). Shared with the Meta-Operator's Deploy values.
 */
export function ingressGatewayValues(ingress: SeldonDeployDependencies['ingressGateway']): Pick<SeldonDeployValues, 'ingressGateway'> {
  if (!ingress || (ingress.namespace === CHART_INGRESS_GATEWAY.namespace && ingress.service === CHART_INGRESS_GATEWAY.service)) return {};
  return { ingressGateway: { seldonIngressService: ingress.service, ingressNamespace: ingress.namespace } };
}

/** The Prometheus endpoints Deploy uses: explicit options first, else the monitoring concern's. */
function prometheusEndpoints(o: SeldonDeployOptions, deps: SeldonDeployDependencies): DeployPrometheusOptions {
  if (o.prometheus) return o.prometheus;
  const m = deps.monitoring;
  if (!m) throw new Error('seldon-deploy: no Prometheus endpoints (validated earlier: deploy.prometheus is required when monitoring is off)');
  return { url: m.prometheusUrl, resourceMetricsUrl: m.resourceMetricsUrl, alertmanagerUrl: m.alertmanagerUrl, token: m.token };
}

/** The seed's three curl examples with the external URL filled in; Deploy's Go-template placeholders stay literal. */
function curlForms(externalUrl: string, insecure: boolean): Pick<SeldonDeployValues['seldon'], 'curlForm' | 'tensorFlowCurlForm' | 'v2CurlForm'> {
  const base = externalUrl.replace(/\/+$/, '');
  const form = (path: string) =>
    `curl${insecure ? ' -k' : ''} -H "{{ .TokenHeader }}: {{ .Token }} " -H "Content-Type: application/json" ${base}/seldon/{{ .Namespace }}/{{ .ModelName }}/${path} -d '{{ .Payload }}'\n`;
  return { curlForm: form(CURL_PATHS.curlForm), tensorFlowCurlForm: form(CURL_PATHS.tensorFlowCurlForm), v2CurlForm: form(CURL_PATHS.v2CurlForm) };
}


/** Validates the Seldon Deploy options. */
export function checkSeldonDeploy(checks: Checks, options: SeldonDeployOptions, config: PlatformConfig): void {
  const url = (path: string, value: string | undefined, example: string) => {
    if (value !== undefined) checks.expect(HTTP_URL.test(value), path, value, 'is not an http(s) URL', `use a URL such as ${JSON.stringify(example)}`);
  };
  if (config.monitoring === false && !options.prometheus) {
    checks.fail('deploy.prometheus', undefined, 'is required when monitoring is off: Seldon Deploy reads model metrics and alerts from Prometheus', 'set deploy.prometheus: { url: "https://thanos-querier.openshift-monitoring.svc:9091/api/v1/" } or enable monitoring');
  }
  if (options.prometheus) {
    checks.nonEmpty('deploy.prometheus.url', options.prometheus.url, 'set the Prometheus query API URL, e.g. "http://prometheus.monitoring.svc:9090/api/v1/"');
    url('deploy.prometheus.url', options.prometheus.url, 'http://prometheus.monitoring.svc:9090/api/v1/');
    url('deploy.prometheus.resourceMetricsUrl', options.prometheus.resourceMetricsUrl, 'http://prometheus.monitoring.svc:9090/api/v1/');
    url('deploy.prometheus.alertmanagerUrl', options.prometheus.alertmanagerUrl, 'http://alertmanager.monitoring.svc:9093/api/v2/alerts');
  }
  url('deploy.externalUrl', options.externalUrl, 'https://seldon.apps.cluster.example.com');
  if (options.externalProtocol !== undefined) checks.oneOf('deploy.externalProtocol', options.externalProtocol, ['http', 'https'] as const, 'the scheme of the links Deploy shows');
  if (options.image !== undefined) {
    checks.expect(/^[^\s:@]+(:[\w][\w.-]*|@sha256:[a-f0-9]{64})$/.test(options.image) && !options.image.endsWith(':latest'), 'deploy.image', options.image, 'is not a pinned image (a tag other than latest, or a digest)', 'pin it, e.g. "seldonio/seldon-deploy-server:2.4.0"');
  }
  if (options.chart) {
    const chart = { ...CHARTS.seldonDeploy, ...options.chart };
    checks.nonEmpty('deploy.chart.chart', chart.chart, 'name the chart, e.g. "seldon-deploy"');
    checks.nonEmpty('deploy.chart.version', chart.version, 'pin the chart version Seldon supplies, e.g. "2.4.0"');
    checks.expect(typeof chart.repoURL === 'string' && /^(https:\/\/\S+|[a-z0-9.-]+(:\d+)?\/\S+)$/.test(chart.repoURL), 'deploy.chart.repoURL', chart.repoURL, 'is not a Helm repository (https://...) or OCI registry path (host/path)', 'use the chart repository Seldon gives you');
  }
  if (options.requestLogger === true && config.elasticsearch === false) {
    checks.fail('deploy.requestLogger', true, 'needs Elasticsearch, which is disabled', 'enable elasticsearch or drop deploy.requestLogger');
  }
  if (options.env) {
    for (const key of Object.keys(options.env)) {
      checks.expect(/^[A-Za-z_][A-Za-z0-9_]*$/.test(key), `deploy.env.${key}`, key, 'is not an environment variable name', 'use letters, digits and "_"');
    }
  }
}

