/**
 * What the platform intends must appear in the chart's OUTPUT, not just in our values: the Core 2 security protocols
 * and TLS secret names in every component that uses them, Kafka bootstrap and mechanisms, Seldon Deploy's wiring to
 * Kafka, Elasticsearch, Prometheus, Argo CD, Knative and Core 2, Core v1's gateway and request logger.
 *
 * The table is declarative. An expectation is either a path into the Application's values (the value as we render it
 * from our config, never a literal copy of it here) or derived from the rest of the environment's render (the
 * Certificates the TLS concern issues, the Brokers the serverless concern renders, the Argo CD instances, the other
 * chart Applications). A row whose expectation is undefined (the value is not set, the component is off) does not
 * apply and is not counted. Each row is checked in each component it names; each (row, component) is one setting.
 */
import type { ChartSource } from './chart-render';
import { Component, componentsOf, configMapValue, envValues, valueAt } from './chart-workloads';

export interface IntendedResult {
  readonly setting: string;
  readonly found: boolean;
  readonly problem?: string;
}

/** What an expectation is computed from. */
export interface IntendedContext {
  readonly source: ChartSource;
  /** The environment's objects (ours, as rendered), for derived expectations. */
  readonly environment: ReadonlyArray<Record<string, any>>;
}

/** The intended value: equal to one value, or one of several (derived sets, e.g. issued certificate secrets). */
type Expected = string | { readonly oneOf: readonly string[] } | undefined;

interface Row {
  readonly chart: string;
  readonly setting: string;
  readonly expected: (ctx: IntendedContext) => Expected;
  /** Where the chart's output must show it. */
  readonly at:
    | { readonly env: string; readonly in: readonly string[]; readonly field?: 'value' | 'secret' }
    | { readonly configMap: string; readonly key: string }
    | { readonly seldonConfig: readonly string[] };
}

// ---- expectation sources -------------------------------------------------------------------------------------------

/** The value we render at a values path, as the chart will print it (strings, numbers, booleans); undefined if unset. */
const values = (path: string) => (ctx: IntendedContext): Expected => {
  const v = valueAt(ctx.source.values, path);
  return v === undefined || v === null || typeof v === 'object' ? undefined : String(v);
};
/** Like `values`, but only when another values path is truthy (a switch). */
const valuesWhen = (path: string, when: string) => (ctx: IntendedContext): Expected => (valueAt(ctx.source.values, when) ? values(path)(ctx) : undefined);
/** Derived from our value: a function of it. */
const fromValue = (path: string, f: (v: string) => string | undefined) => (ctx: IntendedContext): Expected => {
  const v = values(path)(ctx);
  return typeof v === 'string' ? f(v) : undefined;
};

const ofKind = (ctx: IntendedContext, kind: string) => ctx.environment.filter((o) => o?.kind === kind);
/** Namespaces that run a Core 2 runtime (a `SeldonRuntime`). */
const runtimeNamespaces = (ctx: IntendedContext): string[] => [...new Set(ofKind(ctx, 'SeldonRuntime').map((o) => String(o.metadata?.namespace)))];
/** Certificate secret names issued in every one of `namespaces` (the TLS concern's Certificates); undefined if none. */
const issuedInAll = (namespaces: (ctx: IntendedContext) => string[]) => (ctx: IntendedContext): Expected => {
  const list = namespaces(ctx);
  if (list.length === 0) return undefined;
  const inNamespace = (ns: string) => new Set(ofKind(ctx, 'Certificate').filter((c) => c.metadata?.namespace === ns).map((c) => String(c.spec?.secretName)));
  const sets = list.map(inNamespace);
  return { oneOf: [...sets[0]].filter((name) => sets.every((s) => s.has(name))) };
};
/** The secret must be issued by a Certificate in the controller's namespace and in every runtime namespace. */
const issuedForControlPlane = issuedInAll((ctx) => (runtimeNamespaces(ctx).length ? [ctx.source.namespace, ...runtimeNamespaces(ctx)] : []));
/** The secret must be issued by a Certificate in every runtime namespace (the Envoy data plane runs there). */
const issuedForDataPlane = issuedInAll(runtimeNamespaces);
/** Only when our value says TLS (`SSL`/`SASL_SSL`) at `protocolPath`. */
const whenTls = (protocolPath: string, expected: (ctx: IntendedContext) => Expected) => (ctx: IntendedContext): Expected =>
  /SSL$/.test(String(valueAt(ctx.source.values, protocolPath))) ? expected(ctx) : undefined;
const whenSasl = (path: string) => (ctx: IntendedContext): Expected => (String(valueAt(ctx.source.values, 'security.kafka.protocol')).startsWith('SASL') ? values(path)(ctx) : undefined);
/** True/false: whether the environment installs a chart (by chart name) or an OLM package (by Subscription name). */
const installs = (chart: string, olmPackage: RegExp) => (ctx: IntendedContext): Expected =>
  String(ctx.environment.some((o) => (o?.kind === 'Application' && o.spec?.source?.chart === chart) || (o?.kind === 'Subscription' && olmPackage.test(String(o.spec?.name)))));
/** The namespaces that run an Argo CD: `ArgoCD` instances and the namespace our Applications live in. */
const argoNamespaces = (ctx: IntendedContext): Expected => ({
  oneOf: [...new Set([...ofKind(ctx, 'ArgoCD'), ...ofKind(ctx, 'Application')].map((o) => String(o.metadata?.namespace)))],
});
/** Names of the Knative Brokers rendered in the namespace our value names. */
const brokersIn = (namespacePath: string) => (ctx: IntendedContext): Expected => {
  if (!valueAt(ctx.source.values, 'requestLogger.create')) return undefined;
  const ns = valueAt(ctx.source.values, namespacePath) ?? 'seldon-logs'; // the chart default, values.yaml:266
  return { oneOf: ofKind(ctx, 'Broker').filter((b) => b.metadata?.namespace === ns).map((b) => String(b.metadata?.name)) };
};
/** `<namespace>/<name>` of every Istio Gateway rendered in the environment. */
const gateways = (ctx: IntendedContext): Expected =>
  valueAt(ctx.source.values, 'istio.enabled') ? { oneOf: ofKind(ctx, 'Gateway').map((g) => `${g.metadata?.namespace}/${g.metadata?.name}`) } : undefined;
/** Parts of a URL we render. */
const urlPart = (part: 'protocol' | 'hostname' | 'port') => (v: string): string | undefined => {
  try {
    const url = new URL(v);
    if (part === 'protocol') return url.protocol.replace(/:$/, '');
    if (part === 'port') return url.port || (url.protocol === 'https:' ? '443' : '80');
    return url.hostname;
  } catch {
    return undefined;
  }
};

// ---- the table -----------------------------------------------------------------------------------------------------

const CORE2 = 'seldon-core-v2-setup';
/** Core 2 components, as seldon-core-v2-setup 2.9.1 names them (templates/seldon-v2-components.yaml). */
const CONTROLLER = 'seldon-v2-controller-manager';
const SCHEDULER = 'seldon-scheduler';
const PIPELINE_GW = 'seldon-pipelinegateway';
const MODEL_GW = 'seldon-modelgateway';
const DATAFLOW = 'seldon-dataflow-engine';
const ENVOY = 'seldon-envoy';
const SERVERS = ['mlserver', 'triton'];
/** Every component that talks to the scheduler's control plane. */
const CONTROL_PLANE_USERS = [CONTROLLER, SCHEDULER, PIPELINE_GW, MODEL_GW, 'hodometer', ...SERVERS];
/** Every component on Envoy's data plane. */
const ENVOY_USERS = [SCHEDULER, PIPELINE_GW, MODEL_GW, ENVOY, ...SERVERS];
/** Components behind Envoy (upstream TLS) and Envoy's downstream clients. */
const UPSTREAM = [SCHEDULER, PIPELINE_GW, ...SERVERS];
const DOWNSTREAM = [SCHEDULER, PIPELINE_GW, MODEL_GW];
const KAFKA_GATEWAYS = [PIPELINE_GW, MODEL_GW];

const DEPLOY = 'seldon-deploy';
const DEPLOY_SERVER = ['seldon-deploy'];
const REQUEST_LOGGER = ['seldon-request-logger'];
const DEPLOY_CONFIG = 'seldon-deploy-config';

const CORE1 = 'seldon-core-operator';
const CORE1_MANAGER = ['seldon-controller-manager'];

const env = (name: string, components: readonly string[], field: 'value' | 'secret' = 'value') => ({ env: name, in: components, field });

export const INTENDED: readonly Row[] = [
  // Core 2: control plane
  { chart: CORE2, setting: 'control-plane security protocol', expected: values('security.controlplane.protocol'), at: env('CONTROL_PLANE_SECURITY_PROTOCOL', CONTROL_PLANE_USERS) },
  { chart: CORE2, setting: 'control-plane client TLS secret', expected: values('security.controlplane.ssl.client.secret'), at: env('CONTROL_PLANE_CLIENT_TLS_SECRET_NAME', CONTROL_PLANE_USERS) },
  { chart: CORE2, setting: 'control-plane server TLS secret', expected: values('security.controlplane.ssl.server.secret'), at: env('CONTROL_PLANE_SERVER_TLS_SECRET_NAME', CONTROL_PLANE_USERS) },
  { chart: CORE2, setting: 'control-plane client TLS secret is issued (a Certificate in seldon-system and every runtime namespace)', expected: whenTls('security.controlplane.protocol', issuedForControlPlane), at: env('CONTROL_PLANE_CLIENT_TLS_SECRET_NAME', CONTROL_PLANE_USERS) },
  { chart: CORE2, setting: 'control-plane server TLS secret is issued (a Certificate in seldon-system and every runtime namespace)', expected: whenTls('security.controlplane.protocol', issuedForControlPlane), at: env('CONTROL_PLANE_SERVER_TLS_SECRET_NAME', CONTROL_PLANE_USERS) },
  { chart: CORE2, setting: "Envoy's xDS client certificate is the control-plane client secret", expected: whenTls('security.controlplane.protocol', values('security.controlplane.ssl.client.secret')), at: env('ENVOY_XDS_CLIENT_TLS_CRT', [ENVOY], 'secret') },
  // Core 2: data plane (Envoy)
  { chart: CORE2, setting: 'Envoy security protocol', expected: values('security.envoy.protocol'), at: env('ENVOY_SECURITY_PROTOCOL', ENVOY_USERS) },
  { chart: CORE2, setting: 'Envoy upstream server TLS secret', expected: values('security.envoy.ssl.upstream.server.secret'), at: env('ENVOY_UPSTREAM_SERVER_TLS_SECRET_NAME', UPSTREAM) },
  { chart: CORE2, setting: 'Envoy upstream client TLS secret', expected: values('security.envoy.ssl.upstream.client.secret'), at: env('ENVOY_UPSTREAM_CLIENT_TLS_SECRET_NAME', UPSTREAM) },
  { chart: CORE2, setting: 'Envoy upstream server TLS secret is issued in every runtime namespace', expected: whenTls('security.envoy.protocol', issuedForDataPlane), at: env('ENVOY_UPSTREAM_SERVER_TLS_SECRET_NAME', UPSTREAM) },
  { chart: CORE2, setting: 'Envoy upstream client TLS secret is issued in every runtime namespace', expected: whenTls('security.envoy.protocol', issuedForDataPlane), at: env('ENVOY_UPSTREAM_CLIENT_TLS_SECRET_NAME', UPSTREAM) },
  { chart: CORE2, setting: 'Envoy downstream server TLS secret', expected: values('security.envoy.ssl.downstream.server.secret'), at: env('ENVOY_DOWNSTREAM_SERVER_TLS_SECRET_NAME', DOWNSTREAM) },
  { chart: CORE2, setting: 'Envoy downstream server TLS secret is issued in every runtime namespace', expected: whenTls('security.envoy.protocol', issuedForDataPlane), at: env('ENVOY_DOWNSTREAM_SERVER_TLS_SECRET_NAME', DOWNSTREAM) },
  { chart: CORE2, setting: 'Envoy downstream client mTLS', expected: values('security.envoy.ssl.downstream.client.mtls'), at: env('ENVOY_DOWNSTREAM_CLIENT_MTLS', [PIPELINE_GW, MODEL_GW]) },
  // Core 2: Kafka
  { chart: CORE2, setting: 'Kafka bootstrap (SeldonConfig kafkaConfig)', expected: values('kafka.bootstrap'), at: { seldonConfig: ['kafkaConfig', 'bootstrap.servers'] } },
  { chart: CORE2, setting: 'Kafka bootstrap (dataflow engine)', expected: values('kafka.bootstrap'), at: env('SELDON_KAFKA_BOOTSTRAP_SERVERS', [DATAFLOW]) },
  { chart: CORE2, setting: 'Kafka topic prefix', expected: values('kafka.topicPrefix'), at: { seldonConfig: ['kafkaConfig', 'topicPrefix'] } },
  { chart: CORE2, setting: 'Kafka security protocol (gateways)', expected: values('security.kafka.protocol'), at: env('KAFKA_SECURITY_PROTOCOL', KAFKA_GATEWAYS) },
  { chart: CORE2, setting: 'Kafka security protocol (dataflow engine)', expected: values('security.kafka.protocol'), at: env('SELDON_KAFKA_SECURITY_PROTOCOL', [DATAFLOW]) },
  { chart: CORE2, setting: 'Kafka SASL mechanism (gateways)', expected: whenSasl('security.kafka.sasl.mechanism'), at: env('KAFKA_SASL_MECHANISM', KAFKA_GATEWAYS) },
  { chart: CORE2, setting: 'Kafka SASL mechanism (dataflow engine)', expected: whenSasl('security.kafka.sasl.mechanism'), at: env('SELDON_KAFKA_SASL_MECHANISM', [DATAFLOW]) },
  { chart: CORE2, setting: 'Kafka SASL username', expected: whenSasl('security.kafka.sasl.client.username'), at: env('KAFKA_CLIENT_SASL_USERNAME', KAFKA_GATEWAYS) },
  { chart: CORE2, setting: 'Kafka SASL password secret', expected: whenSasl('security.kafka.sasl.client.secret'), at: env('KAFKA_CLIENT_SASL_SECRET_NAME', KAFKA_GATEWAYS) },
  { chart: CORE2, setting: 'Kafka client TLS secret (gateways)', expected: values('security.kafka.ssl.client.secret'), at: env('KAFKA_CLIENT_TLS_SECRET_NAME', KAFKA_GATEWAYS) },
  { chart: CORE2, setting: 'Kafka client TLS secret (dataflow engine)', expected: values('security.kafka.ssl.client.secret'), at: env('SELDON_KAFKA_TLS_CLIENT_SECRET', [DATAFLOW]) },
  { chart: CORE2, setting: 'Kafka broker CA secret (gateways)', expected: values('security.kafka.ssl.client.brokerValidationSecret'), at: env('KAFKA_BROKER_TLS_SECRET_NAME', KAFKA_GATEWAYS) },
  { chart: CORE2, setting: 'Kafka broker CA secret (dataflow engine)', expected: values('security.kafka.ssl.client.brokerValidationSecret'), at: env('SELDON_KAFKA_TLS_BROKER_SECRET', [DATAFLOW]) },
  { chart: CORE2, setting: 'Kafka TLS endpoint identification', expected: values('security.kafka.ssl.client.endpointIdentificationAlgorithm'), at: env('KAFKA_CLIENT_TLS_ENDPOINT_IDENTIFICATION_ALGORITHM', KAFKA_GATEWAYS) },
  // Core 2: services and tracing
  { chart: CORE2, setting: 'gRPC service port prefix (Istio protocol selection)', expected: values('services.serviceGRPCPrefix'), at: { seldonConfig: ['serviceConfig', 'grpcServicePrefix'] } },
  { chart: CORE2, setting: 'default service type', expected: values('services.defaultServiceType'), at: { seldonConfig: ['serviceConfig', 'serviceType'] } },
  { chart: CORE2, setting: 'tracing switch', expected: values('opentelemetry.disable'), at: { seldonConfig: ['tracingConfig', 'disable'] } },
  { chart: CORE2, setting: 'cluster-wide controller', expected: values('controller.clusterwide'), at: env('CLUSTERWIDE', [CONTROLLER]) },

  // Seldon Deploy: Prometheus
  { chart: DEPLOY, setting: 'Prometheus URL', expected: values('prometheus.seldon.url'), at: { configMap: DEPLOY_CONFIG, key: 'prometheusSeldonUrl' } },
  { chart: DEPLOY, setting: 'Prometheus resource-metrics URL', expected: values('prometheus.seldon.resourceMetricsUrl'), at: { configMap: DEPLOY_CONFIG, key: 'prometheusSeldonResourceUrl' } },
  { chart: DEPLOY, setting: 'Prometheus namespace metric name', expected: values('prometheus.seldon.namespaceMetricName'), at: { configMap: DEPLOY_CONFIG, key: 'prometheusNamespaceMetricName' } },
  { chart: DEPLOY, setting: 'Prometheus service metric name', expected: values('prometheus.seldon.serviceMetricName'), at: { configMap: DEPLOY_CONFIG, key: 'prometheusServiceMetricName' } },
  { chart: DEPLOY, setting: 'Prometheus bearer-token secret', expected: values('prometheus.seldon.jwtSecretName'), at: env('PROMETHEUS_SELDON_TOKEN', DEPLOY_SERVER, 'secret') },
  { chart: DEPLOY, setting: 'Alertmanager URL', expected: values('env.ALERTMANAGER_URL'), at: env('ALERTMANAGER_URL', DEPLOY_SERVER) },
  { chart: DEPLOY, setting: 'user-id claim', expected: values('env.USERID_CLAIM_KEY'), at: env('USERID_CLAIM_KEY', DEPLOY_SERVER) },
  // Seldon Deploy: Elasticsearch
  { chart: DEPLOY, setting: 'Elasticsearch URL', expected: values('elasticsearch.url'), at: { configMap: DEPLOY_CONFIG, key: 'elasticsearchUrl' } },
  { chart: DEPLOY, setting: 'Elasticsearch credentials secret (Deploy)', expected: valuesWhen('elasticsearch.secret.name', 'elasticsearch.basicAuth'), at: env('ELASTICSEARCH_USER', DEPLOY_SERVER, 'secret') },
  { chart: DEPLOY, setting: 'Elasticsearch credentials secret (request logger)', expected: (ctx) => (valueAt(ctx.source.values, 'requestLogger.create') ? valuesWhen('elasticsearch.secret.name', 'elasticsearch.basicAuth')(ctx) : undefined), at: env('ELASTICSEARCH_USER', REQUEST_LOGGER, 'secret') },
  { chart: DEPLOY, setting: 'request logger Elasticsearch host = the host of Deploy\'s Elasticsearch URL', expected: (ctx) => (valueAt(ctx.source.values, 'requestLogger.create') ? fromValue('elasticsearch.url', urlPart('hostname'))(ctx) : undefined), at: env('ELASTICSEARCH_HOST', REQUEST_LOGGER) },
  { chart: DEPLOY, setting: 'request logger Elasticsearch port = the port of Deploy\'s Elasticsearch URL', expected: (ctx) => (valueAt(ctx.source.values, 'requestLogger.create') ? fromValue('elasticsearch.url', urlPart('port'))(ctx) : undefined), at: env('ELASTICSEARCH_PORT', REQUEST_LOGGER) },
  { chart: DEPLOY, setting: 'request logger Elasticsearch protocol = the scheme of Deploy\'s Elasticsearch URL', expected: (ctx) => (valueAt(ctx.source.values, 'requestLogger.create') ? fromValue('elasticsearch.url', urlPart('protocol'))(ctx) : undefined), at: env('ELASTICSEARCH_PROTOCOL', REQUEST_LOGGER) },
  // Seldon Deploy: Kafka (the request logger's consumer)
  { chart: DEPLOY, setting: 'request logger Kafka bootstrap', expected: (ctx) => (valueAt(ctx.source.values, 'requestLogger.create') ? valuesWhen('requestLogger.kafka_consumer.bootstrap_servers', 'requestLogger.kafka_consumer.enabled')(ctx) : undefined), at: env('METRONOME_SERVER_KAFKA_CONSUMER_BOOTSTRAP_SERVERS', REQUEST_LOGGER) },
  // Seldon Deploy: Argo CD and Git
  { chart: DEPLOY, setting: 'Argo CD switch', expected: values('gitops.argocd.enabled'), at: { configMap: DEPLOY_CONFIG, key: 'argocdEnabled' } },
  { chart: DEPLOY, setting: 'Argo CD namespace', expected: valuesWhen('gitops.argocd.namespace', 'gitops.argocd.enabled'), at: env('ARGOCD_NAMESPACE', DEPLOY_SERVER) },
  { chart: DEPLOY, setting: 'Argo CD namespace runs an Argo CD of this environment', expected: (ctx) => (valueAt(ctx.source.values, 'gitops.argocd.enabled') ? argoNamespaces(ctx) : undefined), at: env('ARGOCD_NAMESPACE', DEPLOY_SERVER) },
  { chart: DEPLOY, setting: 'Git credentials secret', expected: (ctx) => (valueAt(ctx.source.values, 'gitops.argocd.enabled') ? values('gitops.git.secret')(ctx) : undefined), at: env('GIT_USER', DEPLOY_SERVER, 'secret') },
  // Seldon Deploy: Knative (request logger broker)
  { chart: DEPLOY, setting: 'Knative broker of the request logger is rendered in its namespace', expected: brokersIn('requestLogger.namespace.name'), at: env('KNATIVE_BROKER', DEPLOY_SERVER) },
  // Seldon Deploy: Core v1 and Core 2
  { chart: DEPLOY, setting: 'Core v1 switch', expected: values('seldon.enabled'), at: env('CORE_V1_CRD_AVAILABLE', DEPLOY_SERVER) },
  { chart: DEPLOY, setting: 'Core v1 switch = the environment installs Core v1', expected: installs('seldon-core-operator', /^seldon-operator/), at: env('CORE_V1_CRD_AVAILABLE', DEPLOY_SERVER) },
  { chart: DEPLOY, setting: 'Core 2 switch', expected: values('seldonCoreV2.enabled'), at: env('CORE_V2_CRD_AVAILABLE', DEPLOY_SERVER) },
  { chart: DEPLOY, setting: 'Core 2 switch = the environment installs Core 2', expected: installs('seldon-core-v2-setup', /^seldon-core-v2/), at: env('CORE_V2_CRD_AVAILABLE', DEPLOY_SERVER) },
  { chart: DEPLOY, setting: 'model catalogue database secret', expected: valuesWhen('metadata.pg.secret', 'metadata.pg.enabled'), at: env('METADATA_PG_HOST', DEPLOY_SERVER, 'secret') },
  { chart: DEPLOY, setting: 'curl example (Core v1 REST)', expected: values('seldon.curlForm'), at: { configMap: DEPLOY_CONFIG, key: 'seldonCurlForm' } },
  { chart: DEPLOY, setting: 'curl example (TensorFlow)', expected: values('seldon.tensorFlowCurlForm'), at: { configMap: DEPLOY_CONFIG, key: 'seldonTensorflowCurlForm' } },
  { chart: DEPLOY, setting: 'curl example (V2 protocol)', expected: values('seldon.v2CurlForm'), at: { configMap: DEPLOY_CONFIG, key: 'seldonV2CurlForm' } },

  // Seldon Core v1
  { chart: CORE1, setting: 'Istio gateway', expected: valuesWhen('istio.gateway', 'istio.enabled'), at: env('ISTIO_GATEWAY', CORE1_MANAGER) },
  { chart: CORE1, setting: 'Istio gateway is rendered in this environment', expected: gateways, at: env('ISTIO_GATEWAY', CORE1_MANAGER) },
  { chart: CORE1, setting: 'Istio TLS mode', expected: valuesWhen('istio.tlsMode', 'istio.enabled'), at: env('ISTIO_TLS_MODE', CORE1_MANAGER) },
  { chart: CORE1, setting: 'request logger endpoint', expected: values('executor.requestLogger.defaultEndpoint'), at: env('EXECUTOR_REQUEST_LOGGER_DEFAULT_ENDPOINT', CORE1_MANAGER) },

  // kube-prometheus-stack: Grafana admin from our secret
  { chart: 'kube-prometheus-stack', setting: 'Grafana admin password from the referenced secret', expected: values('grafana.admin.existingSecret'), at: env('GF_SECURITY_ADMIN_PASSWORD', ['kube-prometheus-stack-grafana'], 'secret') },
];

/** Every applicable intended setting of one chart Application, checked against its output. */
export function intendedSettings(source: ChartSource, output: ReadonlyArray<Record<string, any>>, environment: ReadonlyArray<Record<string, any>>, table: readonly Row[] = INTENDED): IntendedResult[] {
  const ctx: IntendedContext = { source, environment };
  const components = componentsOf(output);
  const results: IntendedResult[] = [];
  for (const row of table.filter((r) => r.chart === source.chart)) {
    const expected = row.expected(ctx);
    if (expected === undefined) continue;
    const matches = (actual: string) => (typeof expected === 'string' ? actual === expected : expected.oneOf.includes(actual));
    const wanted = typeof expected === 'string' ? JSON.stringify(expected) : `one of ${JSON.stringify(expected.oneOf)}`;
    const at = row.at;
    if ('env' in at) {
      for (const name of at.in) {
        const setting = `${row.setting}: ${at.env} in ${name}`;
        const actual = envValues(components.get(name) as Component | undefined, at.env, at.field ?? 'value');
        if (!components.has(name)) results.push({ setting, found: false, problem: `the chart renders no component ${name}` });
        else if (actual.length === 0) results.push({ setting, found: false, problem: `${name} has no ${at.field === 'secret' ? 'secret-sourced ' : ''}${at.env}; expected ${wanted}` });
        else if (!actual.every(matches)) results.push({ setting, found: false, problem: `${name} has ${at.env}=${JSON.stringify(actual.join(', '))}; expected ${wanted}` });
        else results.push({ setting, found: true });
      }
    } else if ('configMap' in at) {
      const setting = `${row.setting}: ConfigMap ${at.configMap} ${at.key}`;
      const actual = configMapValue(output, at.configMap, at.key);
      results.push(actual !== undefined && matches(actual) ? { setting, found: true } : { setting, found: false, problem: `is ${JSON.stringify(actual)}; expected ${wanted}` });
    } else {
      const setting = `${row.setting}: SeldonConfig spec.config.${at.seldonConfig.join('.')}`;
      const config = output.find((o) => o?.kind === 'SeldonConfig')?.spec?.config;
      const raw = at.seldonConfig.reduce<any>((node, key) => (node && typeof node === 'object' ? node[key] : undefined), config);
      const actual = raw === undefined || raw === null ? undefined : String(raw);
      results.push(actual !== undefined && matches(actual) ? { setting, found: true } : { setting, found: false, problem: `is ${JSON.stringify(actual)}; expected ${wanted}` });
    }
  }
  return results;
}
