/**
 * Every data path of a rendered environment, declared from the rendered objects: the namespaces and their roles, the
 * chart values in the Argo CD Applications, the operator settings in Subscriptions and custom resources, and the
 * upstream code that turns those values into listeners and clients (cited where used).
 */
import { KubeObject } from '../lib/render';
import { MeshFacts } from './mesh';
import { AppTls, ClientEnd, Credential, DataPath, KafkaUse, ServerEnd } from './model';
import { arr, at, RenderIndex, str } from './render-index';

const ROLE = 'seldon-platform.io/namespace-role';
const INJECT = 'sidecar.istio.io/inject';

/** Chart names of the Applications the paths read. */
const CHART = { deploy: 'seldon-deploy', coreV1: 'seldon-core-operator', coreV2: 'seldon-core-v2-setup', promStack: 'kube-prometheus-stack' } as const;

/** Pod labels fixed by upstream charts. */
export const PODS = {
  /** seldon-deploy 2.4.0 templates/deployment.yaml:21-23 (labels) and :20 (`sidecar.istio.io/inject: "false"`). */
  deploy: { 'app.kubernetes.io/name': 'seldon-deploy', [INJECT]: 'false' },
  /** seldon-deploy 2.4.0 templates/request-logger.yaml:58-59. */
  requestLogger: { app: 'seldon-request-logger' },
  /** The ingress gateway (src/concerns/ingress.ts INGRESS_GATEWAY_SELECTOR). */
  gateway: { istio: 'ingressgateway' },
  /** Pods the Core v1 operator creates (SeldonIO/seldon-core@v1.18.2 operator/controllers/seldondeployment_controller.go labels). */
  coreV1: { 'app.kubernetes.io/managed-by': 'seldon-core' },
  /** Strimzi broker pods. */
  kafka: { 'strimzi.io/kind': 'Kafka' },
} as const;

/**
 * Ports of Core 2 (seldon-core-v2-setup 2.9.1 templates/seldon-v2-components.yaml:581-591 scheduler: 9004 controller,
 * 9044 controller mTLS, 9005 agent, 9055 agent mTLS; :999 envoy 9000; :1317 server metrics 9006).
 */
export const CORE_V2_PORTS = { scheduler: 9004, schedulerTls: 9044, agent: 9005, agentTls: 9055, envoy: 9000, metrics: 9006 } as const;
/** Core v1 executor REST port and model metrics port (src/concerns/model-auth.ts SELDON_METRICS). */
const CORE_V1_PORTS = { executor: 8000, metrics: 6000 } as const;

/** `<service>.<namespace>[.svc…]:<port>` of a URL, with its scheme. */
export function endpointOf(url: string | undefined): { scheme: string; service: string; namespace: string; port: number } | undefined {
  const m = /^(https?):\/\/([a-z0-9-]+)\.([a-z0-9-]+)(?:\.svc(?:\.cluster\.local)?)?(?::(\d+))?(\/|$)/.exec(url ?? '');
  if (!m) return undefined;
  return { scheme: m[1], service: m[2], namespace: m[3], port: m[4] ? Number(m[4]) : m[1] === 'https' ? 443 : 80 };
}

/** Everything the builders share. */
interface Ctx {
  readonly index: RenderIndex;
  readonly mesh: MeshFacts;
  readonly models: readonly string[];
  readonly system?: string;
  readonly logs?: string;
  /** Memoised per render (computed once, used by every builder). */
  readonly memo: Map<string, unknown>;
}

function memo<T>(ctx: Ctx, key: string, compute: () => T): T {
  if (!ctx.memo.has(key)) ctx.memo.set(key, compute());
  return ctx.memo.get(key) as T;
}

/** Every data path of the render, allowed and forbidden. */
export function dataPaths(index: RenderIndex, mesh: MeshFacts): DataPath[] {
  const models = index.namespacesLabelled(ROLE, 'models').sort();
  const deploy = index.helmValues(CHART.deploy);
  const operator = index.kind('SeldonOperator')[0];
  const system = deploy?.namespace ?? operator?.metadata.namespace ?? index.namespacesLabelled(ROLE, 'platform').find((n) => n === 'seldon-system');
  const logs = deploy ? str(deploy.values, 'requestLogger', 'namespace', 'name') ?? 'seldon-logs' : index.find('Broker', undefined, 'default')?.metadata.namespace;
  const ctx: Ctx = { index, mesh, models, system, logs, memo: new Map() };
  return [...ingressPaths(ctx), ...deployPaths(ctx), ...requestLogPaths(ctx), ...coreV2Paths(ctx), ...kafkaPaths(ctx), ...observabilityPaths(ctx), ...knativePaths(ctx), ...metaOperatorPaths(ctx), ...forbiddenPaths(ctx)];
}

// ── helpers ──────────────────────────────────────────────────────────────────────────────────────────────────────────

function client(ctx: Ctx, name: string, namespace: string, labels: Record<string, string>, tls: AppTls, source: string, extra: Partial<ClientEnd> = {}): ClientEnd {
  return { name, namespace, labels, sidecar: ctx.mesh.sidecar(namespace, labels), tls, source, ...extra };
}

function server(ctx: Ctx, name: string, namespace: string, labels: Record<string, string>, port: number, tls: AppTls, source: string, extra: Partial<ServerEnd> = {}): ServerEnd {
  return { name, namespace, labels, port, sidecar: ctx.mesh.sidecar(namespace, labels), tls, source, ...extra };
}

function gatewayClient(ctx: Ctx, extra: Partial<ClientEnd> = {}): ClientEnd | undefined {
  const gw = ctx.index.kind('Gateway').find((g) => str(g, 'spec', 'selector', 'istio') === 'ingressgateway');
  if (!gw) return undefined;
  // Where the gateway pods run: a rendered gateway Deployment (Service Mesh 3), the namespace of the Istio gateway
  // chart (Kubernetes), else the control plane's (OpenShift Service Mesh 2 deploys it there).
  const deployment = ctx.index.kind('Deployment').find((d) => str(d, 'spec', 'template', 'metadata', 'labels', 'istio') === 'ingressgateway');
  const ns = deployment?.metadata.namespace ?? ctx.index.helmValues('gateway')?.namespace ?? ctx.mesh.controlPlaneNamespace ?? 'istio-system';
  // An Envoy gateway originates Istio mTLS like a sidecar does.
  return { name: 'Istio ingress gateway', namespace: ns, labels: PODS.gateway, sidecar: true, tls: 'plaintext', source: `Gateway ${gw.metadata.namespace}/${gw.metadata.name}`, ...extra };
}

/** The Core v1 operator's DestinationRule TLS mode (`ISTIO_TLS_MODE`), from whichever install renders it. */
function coreV1TlsMode(ctx: Ctx): { mode?: string; source: string } | undefined {
  return memo(ctx, 'coreV1TlsMode', () => readCoreV1TlsMode(ctx));
}

function readCoreV1TlsMode(ctx: Ctx): { mode?: string; source: string } | undefined {
  const cite = 'written into every DestinationRule when non-empty: SeldonIO/seldon-core@v1.18.2:operator/controllers/seldondeployment_controller.go:242,337-342';
  const env = ctx.index.subscriptionEnv('seldon-operator-certified');
  if (env) return { mode: env.ISTIO_TLS_MODE || undefined, source: `Subscription seldon-operator-certified env ISTIO_TLS_MODE=${JSON.stringify(env.ISTIO_TLS_MODE ?? '')}, ${cite}` };
  const helm = ctx.index.helmValues(CHART.coreV1);
  if (helm) return { mode: str(helm.values, 'istio', 'tlsMode') || undefined, source: `seldon-core-operator value istio.tlsMode=${JSON.stringify(str(helm.values, 'istio', 'tlsMode') ?? '')} (chart → ISTIO_TLS_MODE), ${cite}` };
  const op = ctx.index.kind('SeldonOperator')[0];
  if (op) return { mode: str(op, 'spec', 'core', 'values', 'istio', 'tlsMode') || undefined, source: `SeldonOperator spec.core.values.istio.tlsMode=${JSON.stringify(str(op, 'spec', 'core', 'values', 'istio', 'tlsMode') ?? '')}, ${cite}` };
  return undefined;
}

/** Predictor pods per model namespace: those of rendered SeldonDeployments, and those Seldon Deploy creates (no labels). */
function predictorPods(ctx: Ctx, ns: string): { name: string; labels: Record<string, string> }[] {
  const rendered = ctx.index.kind('SeldonDeployment', ns).flatMap((sd) =>
    arr(sd, 'spec', 'predictors').map((p) => ({ name: `SeldonDeployment ${sd.metadata.name} predictor ${str(p, 'name')}`, labels: { ...PODS.coreV1, ...((at(p, 'labels') as Record<string, string>) ?? {}) } })),
  );
  return [...rendered, { name: 'SeldonDeployments created by Seldon Deploy (no pod labels)', labels: { ...PODS.coreV1 } }];
}

function coreV2Namespaces(ctx: Ctx): ReadonlySet<string> {
  return memo(ctx, 'coreV2Namespaces', () => new Set(ctx.models.filter((ns) => ctx.index.kind('SeldonRuntime', ns).length > 0)));
}

function coreV1Namespaces(ctx: Ctx): ReadonlySet<string> {
  return memo(ctx, 'coreV1Namespaces', () => new Set(coreV1TlsMode(ctx) ? ctx.models : []));
}

function coreV2Security(ctx: Ctx): Record<string, unknown> | undefined {
  return at(ctx.index.helmValues(CHART.coreV2)?.values, 'security') as Record<string, unknown> | undefined;
}

function envoyServerTls(ctx: Ctx): AppTls {
  const sec = coreV2Security(ctx);
  if (str(sec, 'envoy', 'protocol') !== 'SSL') return 'plaintext';
  return at(sec, 'envoy', 'ssl', 'downstream', 'client', 'mtls') === true ? 'mtls' : 'tls';
}

/**
 * Envoy's downstream listener: `security.envoy.protocol` → `ENVOY_SECURITY_PROTOCOL` and `ENVOY_DOWNSTREAM_*` of the
 * scheduler, which configures Envoy over xDS (seldon-core-v2-setup 2.9.1 templates/seldon-v2-components.yaml:523-549);
 * `downstream.client.mtls` → `ENVOY_DOWNSTREAM_CLIENT_MTLS` (client certificates required).
 */
const ENVOY_SOURCE = 'seldon-core-v2-setup value security.envoy.protocol (ENVOY_SECURITY_PROTOCOL, ENVOY_DOWNSTREAM_*: templates/seldon-v2-components.yaml:523-549)';

// ── ingress ──────────────────────────────────────────────────────────────────────────────────────────────────────────

function ingressPaths(ctx: Ctx): DataPath[] {
  const paths: DataPath[] = [];
  const tls = coreV1TlsMode(ctx);
  for (const ns of coreV1Namespaces(ctx)) {
    for (const pod of predictorPods(ctx, ns)) {
      const gw = gatewayClient(ctx, { destinationRuleTls: tls?.mode, destinationRuleSource: tls?.source });
      if (!gw) continue;
      paths.push({
        id: `gateway->core-v1/${ns}/${pod.name.startsWith('SeldonDeployment ') ? pod.name.split(' ')[1] + '/' + pod.name.split(' ')[3] : 'deploy-created'}`,
        title: `ingress gateway → Core v1 ${pod.name} in ${ns}`,
        expect: 'open',
        protocol: 'http',
        client: gw,
        server: server(ctx, 'Core v1 executor', ns, pod.labels, CORE_V1_PORTS.executor, 'plaintext', 'executor REST port 8000, plaintext'),
        credentials: [],
      });
    }
  }
  for (const ns of coreV2Namespaces(ctx)) {
    const host = `seldon-mesh.${ns}.svc.cluster.local`;
    const dr = ctx.index.kind('DestinationRule').find((d) => str(d, 'spec', 'host') === host);
    const drMode = str(dr, 'spec', 'trafficPolicy', 'tls', 'mode');
    const gw = gatewayClient(ctx, { destinationRuleTls: drMode, destinationRuleSource: dr ? `DestinationRule ${dr.metadata.namespace}/${dr.metadata.name}` : undefined });
    if (!gw || ctx.index.find('VirtualService', ns, 'seldon-mesh') === undefined) continue;
    const credentialName = str(dr, 'spec', 'trafficPolicy', 'tls', 'credentialName');
    paths.push({
      id: `gateway->core-v2/${ns}`,
      title: `ingress gateway → Core 2 seldon-mesh (Envoy) in ${ns}`,
      expect: 'open',
      protocol: 'http/grpc',
      client: gw,
      server: server(ctx, 'Core 2 Envoy (seldon-mesh)', ns, {}, CORE_V2_PORTS.envoy, envoyServerTls(ctx), ENVOY_SOURCE),
      credentials: credentialName ? [{ secret: credentialName, namespace: gw.namespace, keys: ['tls.crt', 'tls.key', 'ca.crt'] }] : [],
    });
  }
  return paths;
}

// ── Seldon Deploy ────────────────────────────────────────────────────────────────────────────────────────────────────

function deployPaths(ctx: Ctx): DataPath[] {
  const deploy = ctx.index.helmValues(CHART.deploy);
  if (!deploy || !ctx.system) return [];
  const v = deploy.values;
  const sys = ctx.system;
  const me = (tls: AppTls, source: string, extra: Partial<ClientEnd> = {}) => client(ctx, 'Seldon Deploy', sys, PODS.deploy, tls, source, extra);
  const paths: DataPath[] = [];
  if (at(v, 'seldonCoreV2', 'enabled') === true) {
    // seldon-deploy 2.4.0 templates/configmap_seldon-deploy.yaml:31-34: requests go to {{protocol}}://seldon-mesh.<ns>.
    const protocol = str(v, 'seldonCoreV2', 'protocol') ?? 'http';
    for (const ns of coreV2Namespaces(ctx)) {
      paths.push({
        id: `deploy->core-v2/${ns}`,
        title: `Seldon Deploy → Core 2 seldon-mesh in ${ns}`,
        expect: 'open',
        protocol: 'http',
        client: me(protocol === 'https' ? 'tls' : 'plaintext', `seldon-deploy value seldonCoreV2.protocol=${JSON.stringify(protocol)} (chart default "http"; templates/configmap_seldon-deploy.yaml:31)`),
        server: server(ctx, 'Core 2 Envoy (seldon-mesh)', ns, {}, CORE_V2_PORTS.envoy, envoyServerTls(ctx), ENVOY_SOURCE),
        credentials: [],
      });
    }
  }
  if (at(v, 'seldon', 'enabled') === true) {
    const gw = gatewayClient(ctx);
    if (gw) {
      paths.push({
        id: 'deploy->gateway',
        title: 'Seldon Deploy → ingress gateway (Core v1 predictions and canaries)',
        expect: 'open',
        protocol: 'http',
        client: me('plaintext', 'Deploy calls SeldonDeployments through the gateway service'),
        // A gateway is a standalone Envoy: PeerAuthentication does not apply to its Gateway listeners.
        server: { ...server(ctx, 'Istio ingress gateway', gw.namespace, PODS.gateway, 8080, 'plaintext', gw.source), sidecar: false },
        credentials: [],
      });
    }
  }
  const es = endpointOf(str(v, 'elasticsearch', 'url'));
  if (es) {
    paths.push({
      id: 'deploy->elasticsearch',
      title: 'Seldon Deploy → Elasticsearch (request logs, application logs)',
      expect: 'open',
      protocol: 'https',
      client: me(es.scheme === 'https' ? 'tls' : 'plaintext', 'seldon-deploy value elasticsearch.url'),
      server: elasticsearchServer(ctx, es.namespace, es.port),
      credentials: [secretCred(str(v, 'elasticsearch', 'secret', 'name'), sys, [str(v, 'elasticsearch', 'secret', 'userKey'), str(v, 'elasticsearch', 'secret', 'passwordKey')])].filter(isCred),
    });
  }
  for (const [key, url, what] of [
    ['prometheus', str(v, 'prometheus', 'seldon', 'url'), 'Prometheus / Thanos querier (model metrics)'],
    ['alertmanager', str(v, 'env', 'ALERTMANAGER_URL'), 'Alertmanager (alerts)'],
  ] as const) {
    const ep = endpointOf(url);
    if (!ep) continue;
    const token = str(v, 'prometheus', 'seldon', 'jwtSecretName');
    paths.push({
      id: `deploy->${key}`,
      title: `Seldon Deploy → ${what}`,
      expect: 'open',
      protocol: ep.scheme,
      client: me(ep.scheme === 'https' ? 'tls' : 'plaintext', `seldon-deploy value ${key === 'prometheus' ? 'prometheus.seldon.url' : 'env.ALERTMANAGER_URL'}=${url}`),
      server: server(ctx, ep.service, ep.namespace, {}, ep.port, ep.scheme === 'https' ? 'tls' : 'plaintext', `the monitoring stack's ${ep.service} service`, { external: ctx.index.find('Namespace', undefined, ep.namespace) === undefined }),
      credentials: key === 'prometheus' && token ? [{ secret: token, namespace: sys, keys: [str(v, 'prometheus', 'seldon', 'jwtSecretKey') ?? ''] }] : [],
    });
  }
  const pg = str(v, 'metadata', 'pg', 'secret');
  if (at(v, 'metadata', 'pg', 'enabled') === true && pg) {
    const trial = ctx.index.kind('StatefulSet').find((s) => s.metadata.labels?.['app.kubernetes.io/name'] === 'postgresql');
    paths.push({
      id: 'deploy->postgresql',
      title: 'Seldon Deploy → PostgreSQL (model catalogue)',
      expect: 'open',
      protocol: 'postgres',
      client: me('tls', `seldon-deploy value metadata.pg.secret=${pg} (host, port, sslmode from the secret)`),
      server: trial
        ? server(ctx, 'trial PostgreSQL', trial.metadata.namespace as string, { 'app.kubernetes.io/name': 'postgresql' }, 5432, 'tls', `StatefulSet ${trial.metadata.namespace}/${trial.metadata.name}`)
        : server(ctx, 'PostgreSQL (host from the secret)', '(external)', {}, 5432, 'tls', 'a managed PostgreSQL named in the secret', { external: true }),
      credentials: [{ secret: pg, namespace: sys, keys: ['host', 'port', 'user', 'password', 'dbname', 'sslmode'] }],
    });
  }
  const argoNs = str(v, 'gitops', 'argocd', 'namespace');
  if (at(v, 'gitops', 'argocd', 'enabled') === true && argoNs) {
    paths.push({
      id: 'deploy->argocd',
      title: `Seldon Deploy → Argo CD server in ${argoNs}`,
      expect: 'open',
      protocol: 'https',
      client: me('tls', 'seldon-deploy value gitops.argocd.namespace'),
      server: server(ctx, 'Argo CD server', argoNs, { 'app.kubernetes.io/name': `${ctx.index.kind('ArgoCD', argoNs)[0]?.metadata.name ?? 'argocd'}-server` }, 8080, 'tls', 'Argo CD API server (TLS on 8080)'),
      credentials: [],
    });
  }
  return paths;
}

function elasticsearchServer(ctx: Ctx, ns: string, port: number): ServerEnd {
  const es = ctx.index.kind('Elasticsearch', ns)[0];
  const tlsOff = at(es, 'spec', 'http', 'tls', 'selfSignedCertificate', 'disabled') === true;
  return server(ctx, 'Elasticsearch', ns, es ? { 'elasticsearch.k8s.elastic.co/cluster-name': es.metadata.name as string } : {}, port, tlsOff ? 'plaintext' : 'tls', es ? `Elasticsearch ${ns}/${es.metadata.name} (ECK serves HTTPS on 9200 unless spec.http.tls.selfSignedCertificate.disabled)` : 'Elasticsearch', { external: !es });
}

function secretCred(name: string | undefined, namespace: string, keys: (string | undefined)[]): Credential | undefined {
  return name ? { secret: name, namespace, keys: keys.filter((k): k is string => !!k) } : undefined;
}

function isCred(c: Credential | undefined): c is Credential {
  return c !== undefined;
}

// ── request logging (Core v1 → broker → request logger → Elasticsearch) ──────────────────────────────────────────────

function requestLogPaths(ctx: Ctx): DataPath[] {
  const paths: DataPath[] = [];
  const deploy = ctx.index.helmValues(CHART.deploy);
  const broker = ctx.index.kind('Broker')[0];
  const loggerNs = deploy && at(deploy.values, 'requestLogger', 'create') === true ? ctx.logs : undefined;
  const endpoint = coreV1LoggerEndpoint(ctx);
  const brokerEp = endpointOf(endpoint);
  if (broker && brokerEp) {
    for (const ns of coreV1Namespaces(ctx)) {
      for (const pod of predictorPods(ctx, ns).slice(-1)) {
        paths.push({
          id: `core-v1/${ns}->broker`,
          title: `Core v1 executor in ${ns} → Knative broker ingress`,
          expect: 'open',
          protocol: 'http (CloudEvents)',
          client: client(ctx, 'Core v1 executor', ns, pod.labels, 'plaintext', `EXECUTOR_REQUEST_LOGGER_DEFAULT_ENDPOINT=${endpoint}`),
          server: server(ctx, 'Knative broker ingress', brokerEp.namespace, { 'eventing.knative.dev/brokerRole': 'ingress' }, 8080, 'plaintext', `Broker ${broker.metadata.namespace}/${broker.metadata.name}`),
          credentials: [],
        });
      }
    }
  }
  if (loggerNs && broker) {
    paths.push({
      id: 'broker->request-logger',
      title: `Knative broker (filter) → Seldon Deploy request logger in ${loggerNs}`,
      expect: 'open',
      protocol: 'http (CloudEvents)',
      client: client(ctx, 'Knative broker filter', 'knative-eventing', { 'eventing.knative.dev/brokerRole': 'filter' }, 'plaintext', 'the Trigger seldon-request-logger-trigger (seldon-deploy 2.4.0 templates/request-logger.yaml:20-37)'),
      server: server(ctx, 'request logger', loggerNs, PODS.requestLogger, 8080, 'plaintext', 'METRONOME_SERVER_HTTP_PORT=8080 (templates/request-logger.yaml:70-72)'),
      credentials: [],
    });
    const es = endpointOf(`https://${str(deploy?.values, 'requestLogger', 'elasticsearch', 'host') ?? ''}:${str(deploy?.values, 'requestLogger', 'elasticsearch', 'port') ?? '9200'}`);
    if (es) {
      paths.push({
        id: 'request-logger->elasticsearch',
        title: `request logger in ${loggerNs} → Elasticsearch`,
        expect: 'open',
        protocol: 'https',
        client: client(ctx, 'request logger', loggerNs, PODS.requestLogger, (str(deploy?.values, 'requestLogger', 'elasticsearch', 'protocol') ?? 'https') === 'https' ? 'tls' : 'plaintext', 'seldon-deploy values requestLogger.elasticsearch.* (chart default protocol https)'),
        server: elasticsearchServer(ctx, es.namespace, es.port),
        credentials: [secretCred(str(deploy?.values, 'elasticsearch', 'secret', 'name'), loggerNs, ['username', 'password'])].filter(isCred),
      });
    }
  }
  return paths;
}

function coreV1LoggerEndpoint(ctx: Ctx): string | undefined {
  const env = ctx.index.subscriptionEnv('seldon-operator-certified');
  if (env) return env.EXECUTOR_REQUEST_LOGGER_DEFAULT_ENDPOINT;
  const helm = ctx.index.helmValues(CHART.coreV1);
  if (helm) return str(helm.values, 'executor', 'requestLogger', 'defaultEndpoint');
  const op = ctx.index.kind('SeldonOperator')[0];
  // The Meta-Operator configures Core with the broker of the logs namespace (seed 003).
  if (op) return str(op, 'spec', 'core', 'values', 'executor', 'requestLogger', 'defaultEndpoint') ?? `http://broker-ingress.knative-eventing.svc.cluster.local/${ctx.logs}/default`;
  return undefined;
}

// ── Core 2 control plane ─────────────────────────────────────────────────────────────────────────────────────────────

function coreV2Paths(ctx: Ctx): DataPath[] {
  const setup = ctx.index.helmValues(CHART.coreV2);
  if (!setup) return [];
  const sec = coreV2Security(ctx);
  const ssl = str(sec, 'controlplane', 'protocol') === 'SSL';
  const tls: AppTls = ssl ? 'mtls' : 'plaintext';
  const cpSource = `seldon-core-v2-setup value security.controlplane.protocol=${str(sec, 'controlplane', 'protocol')} (CONTROL_PLANE_SECURITY_PROTOCOL; scheduler ports 9004/9044, 9005/9055: templates/seldon-v2-components.yaml:581-591)`;
  const clientSecret = str(sec, 'controlplane', 'ssl', 'client', 'secret');
  const serverSecret = str(sec, 'controlplane', 'ssl', 'server', 'secret');
  const paths: DataPath[] = [];
  for (const ns of coreV2Namespaces(ctx)) {
    paths.push({
      id: `controller->scheduler/${ns}`,
      title: `Core 2 controller (${setup.namespace}) → scheduler in ${ns}`,
      expect: 'open',
      protocol: 'grpc',
      client: client(ctx, 'Core 2 controller', setup.namespace, { 'control-plane': 'seldon-controller-manager' }, tls, cpSource),
      server: server(ctx, 'Core 2 scheduler', ns, {}, ssl ? CORE_V2_PORTS.schedulerTls : CORE_V2_PORTS.scheduler, tls, cpSource),
      credentials: ssl && clientSecret && serverSecret ? [{ secret: clientSecret, namespace: setup.namespace, keys: ['tls.crt', 'tls.key', 'ca.crt'] }, { secret: serverSecret, namespace: ns, keys: ['tls.crt', 'tls.key', 'ca.crt'] }] : [],
    });
    paths.push({
      id: `agents->scheduler/${ns}`,
      title: `Core 2 server agents, gateways and dataflow engine → scheduler in ${ns}`,
      expect: 'open',
      protocol: 'grpc',
      client: client(ctx, 'Core 2 agents and gateways', ns, {}, tls, cpSource),
      server: server(ctx, 'Core 2 scheduler', ns, {}, ssl ? CORE_V2_PORTS.agentTls : CORE_V2_PORTS.agent, tls, cpSource),
      credentials: ssl && clientSecret ? [{ secret: clientSecret, namespace: ns, keys: ['tls.crt', 'tls.key', 'ca.crt'] }] : [],
    });
  }
  return paths;
}

// ── Kafka ────────────────────────────────────────────────────────────────────────────────────────────────────────────

/** The Kafka listener clients connect to, from the Strimzi `Kafka` or, for managed Kafka, the client settings alone. */
interface Listener {
  readonly namespace: string;
  readonly port: number;
  readonly tls: AppTls;
  readonly sasl?: string;
  /** Managed Kafka: the SASL mechanisms the provider accepts (`[]`: none; undefined: unknown, taken from the client). */
  readonly saslOptions?: readonly string[];
  readonly acl: boolean;
  readonly external: boolean;
  readonly source: string;
  readonly generated: { user?: string; ca?: string; operatorNamespace: string };
}

function listenerOf(ctx: Ctx, bootstrap: string | undefined): Listener | undefined {
  const m = /^([a-z0-9-]+)-kafka-bootstrap\.([a-z0-9-]+)(?:\.svc[a-z.]*)?:(\d+)/.exec(bootstrap ?? '');
  const kafka = m ? ctx.index.find('Kafka', m[2], m[1]) : undefined;
  if (!m || !kafka) return bootstrap ? managedListener(bootstrap) : undefined;
  const port = Number(m[3]);
  const l = arr(kafka, 'spec', 'kafka', 'listeners').find((x) => at(x, 'port') === port);
  if (!l) return { namespace: m[2], port, tls: 'plaintext', acl: false, external: false, source: `Kafka ${m[2]}/${m[1]} has no listener on ${port}`, generated: { operatorNamespace: m[2] } };
  const auth = str(l, 'authentication', 'type');
  const tls: AppTls = at(l, 'tls') === true ? (auth === 'tls' ? 'mtls' : 'tls') : 'plaintext';
  return {
    namespace: m[2],
    port,
    tls,
    sasl: auth === 'scram-sha-512' ? 'SCRAM-SHA-512' : undefined,
    acl: str(kafka, 'spec', 'kafka', 'authorization', 'type') === 'simple',
    external: false,
    source: `Kafka ${m[2]}/${m[1]} listener ${str(l, 'name')} (tls: ${at(l, 'tls')}, authentication: ${auth ?? 'none'})`,
    generated: { ca: `${m[1]}-cluster-ca-cert`, operatorNamespace: m[2] },
  };
}

/**
 * Managed Kafka: the listener is the provider's, identified by its bootstrap host and port. Documented facts:
 * AWS MSK serves TLS on 9094 (client certificates when the cluster enables TLS client authentication), SASL/SCRAM-SHA-512
 * over TLS on 9096 and IAM on 9098 (MSK developer guide, "Port information"); Confluent Cloud SASL_SSL on 9092 with
 * PLAIN API keys or OAUTHBEARER; Azure Event Hubs SASL_SSL on 9093 with PLAIN (`$ConnectionString`) or OAUTHBEARER.
 * Anything else is outside the render and taken as the client says (marked external).
 */
function managedListener(bootstrap: string): Listener {
  const port = Number(/:(\d+)/.exec(bootstrap)?.[1] ?? 9092);
  const known: { test: RegExp; tls: AppTls; sasl: string[]; what: string }[] = [
    { test: /\.amazonaws\.com:9094/, tls: 'tls', sasl: [], what: 'AWS MSK TLS listener (9094)' },
    { test: /\.amazonaws\.com:9096/, tls: 'tls', sasl: ['SCRAM-SHA-512'], what: 'AWS MSK SASL/SCRAM listener (9096)' },
    { test: /\.confluent\.cloud:9092/, tls: 'tls', sasl: ['PLAIN', 'OAUTHBEARER'], what: 'Confluent Cloud SASL_SSL (9092)' },
    { test: /\.servicebus\.windows\.net:9093/, tls: 'tls', sasl: ['PLAIN', 'OAUTHBEARER'], what: 'Azure Event Hubs Kafka endpoint SASL_SSL (9093)' },
  ];
  const hit = known.find((k) => k.test.test(bootstrap));
  return {
    namespace: '(managed)',
    port,
    tls: hit?.tls ?? 'tls',
    saslOptions: hit?.sasl,
    acl: false,
    external: true,
    source: hit ? `${hit.what} at ${bootstrap}` : `managed Kafka at ${bootstrap} (not verifiable from the render)`,
    generated: { operatorNamespace: '' },
  };
}

/** Client TLS and credentials from a Core 2-style `security.kafka` block (also the Deploy consumer's `kafka_consumer`). */
function kafkaClientOf(sec: unknown): { tls: AppTls; sasl?: string; secrets: { name: string; keys: string[] }[]; username?: string } {
  const protocol = str(sec, 'protocol') ?? 'PLAINTEXT';
  const secrets: { name: string; keys: string[] }[] = [];
  const clientSecret = str(sec, 'ssl', 'client', 'secret');
  const broker = str(sec, 'ssl', 'client', 'brokerValidationSecret');
  const base = (p: string | undefined) => (p ?? '').split('/').pop() ?? '';
  if (protocol === 'SSL' && clientSecret) secrets.push({ name: clientSecret, keys: [base(str(sec, 'ssl', 'client', 'keyPath')), base(str(sec, 'ssl', 'client', 'crtPath')), base(str(sec, 'ssl', 'client', 'caPath'))] });
  if (protocol === 'SASL_SSL' && str(sec, 'sasl', 'client', 'secret')) secrets.push({ name: str(sec, 'sasl', 'client', 'secret') as string, keys: [base(str(sec, 'sasl', 'client', 'passwordPath')) || 'password'] });
  if (protocol !== 'PLAINTEXT' && broker) secrets.push({ name: broker, keys: ['ca.crt'] });
  const tls: AppTls = protocol === 'PLAINTEXT' ? 'plaintext' : protocol === 'SSL' && clientSecret ? 'mtls' : 'tls';
  return { tls, sasl: protocol === 'SASL_SSL' ? str(sec, 'sasl', 'mechanism') : undefined, secrets, username: str(sec, 'sasl', 'client', 'username') };
}

function kafkaPaths(ctx: Ctx): DataPath[] {
  const paths: DataPath[] = [];
  const setup = ctx.index.helmValues(CHART.coreV2);
  const user = ctx.index.kind('KafkaUser')[0];
  if (setup) {
    const kv = at(setup.values, 'kafka');
    const listener = listenerOf(ctx, str(kv, 'bootstrap'));
    const c = kafkaClientOf(at(setup.values, 'security', 'kafka'));
    const prefix = str(kv, 'topicPrefix') || 'seldon';
    const gp = str(kv, 'consumerGroupIdPrefix') ?? '';
    for (const ns of coreV2Namespaces(ctx)) {
      if (!listener) continue;
      // Topics: SeldonIO/seldon-core@v2.9.1:scheduler/pkg/kafka/topics.go:60-96 (<prefix>.<ns>.model|pipeline.<name>.inputs|outputs,
      // <prefix>.<ns>.errors.errors). Kafka Streams application id and so its internal changelog/repartition topics and
      // consumer group: [<groupPrefix>-]<ns>-seldon-dataflow-<pipeline> (scheduler/data-flow/src/main/kotlin/io/seldon/dataflow/kafka/Configuration.kt:200-215).
      const appId = `${gp ? `${gp}-` : ''}${ns}-seldon-dataflow-`;
      const principal = user ? `User:${principalOf(user)}` : c.username ?? '(managed credentials)';
      const groups = gp ? `${gp}*` : '*';
      const t = { model: `${prefix}.${ns}.model.*`, pipeline: `${prefix}.${ns}.pipeline.*`, errors: `${prefix}.${ns}.errors.errors` };
      // Each component with the topics it reads or writes: the model gateway serves models from their topics, the
      // pipeline gateway feeds and reads pipeline topics, the dataflow engine joins them all (plus its internal topics).
      const components: [string, string, KafkaUse][] = [
        ['model-gateway', 'Core 2 model gateway', { principal, topics: [t.model, t.errors], groups: [groups] }],
        ['pipeline-gateway', 'Core 2 pipeline gateway', { principal, topics: [t.pipeline], groups: [groups] }],
        ['dataflow-engine', 'Core 2 dataflow engine (Kafka Streams)', { principal, topics: [t.model, t.pipeline, t.errors, `${appId}*`], groups: [`${appId}*`] }],
      ];
      for (const [id, name, kafka] of components) {
        paths.push(kafkaPath(ctx, `core-v2/${ns}/${id}->kafka`, `${name} in ${ns} → Kafka`, ns, {}, c, listener, kafka, `seldon-core-v2-setup values kafka.bootstrap, security.kafka (KAFKA_SECURITY_PROTOCOL)`));
      }
    }
  }
  const deploy = ctx.index.helmValues(CHART.deploy);
  const consumer = at(deploy?.values, 'requestLogger', 'kafka_consumer');
  if (deploy && ctx.logs && at(deploy.values, 'requestLogger', 'create') === true && setup) {
    const enabled = at(consumer, 'enabled') === true;
    const prefix = str(setup.values, 'kafka', 'topicPrefix') || 'seldon';
    const listener = listenerOf(ctx, enabled ? str(consumer, 'bootstrap_servers') : str(setup.values, 'kafka', 'bootstrap'));
    // seldon-deploy 2.4.0 templates/request-logger.yaml:74-86 (bootstrap, group) and :117-190 (protocol, ssl.client.*,
    // sasl.* → METRONOME_SERVER_KAFKA_CONSUMER_*): the chart's default protocol is PLAINTEXT (values.yaml:275).
    const c = enabled ? kafkaClientOf(consumer) : undefined;
    if (listener) {
      paths.push(
        kafkaPath(
          ctx,
          'request-logger->kafka',
          `Seldon Deploy request logger (Core 2 payloads) in ${ctx.logs} → Kafka`,
          ctx.logs,
          PODS.requestLogger,
          c ?? { tls: 'plaintext', secrets: [] },
          listener,
          { principal: user ? `User:${principalOf(user)}` : '(managed credentials)', topics: [`${prefix}.*.model.*`, `${prefix}.*.pipeline.*`], groups: [str(consumer, 'group_id') ?? 'metronome'] },
          `seldon-deploy values requestLogger.kafka_consumer (enabled: ${enabled}, protocol: ${str(consumer, 'protocol') ?? 'PLAINTEXT (chart default)'})`,
          enabled ? undefined : 'the consumer is disabled (requestLogger.kafka_consumer.enabled: false): Core 2 payloads never reach Elasticsearch',
        ),
      );
    }
  }
  return paths;
}

function principalOf(user: KubeObject): string {
  // Strimzi: a tls user is CN=<name>, a scram user is <name>.
  return str(user, 'spec', 'authentication', 'type') === 'tls' ? `CN=${user.metadata.name}` : (user.metadata.name as string);
}

function kafkaPath(
  ctx: Ctx,
  id: string,
  title: string,
  ns: string,
  labels: Record<string, string>,
  c: ReturnType<typeof kafkaClientOf>,
  listener: Listener,
  kafka: KafkaUse,
  source: string,
  disabled?: string,
): DataPath {
  const generatedBy = (name: string) =>
    !listener.external && (name === listener.generated.ca || ctx.index.find('KafkaUser', listener.namespace, name)) ? { operator: 'Strimzi', namespace: listener.namespace } : undefined;
  return {
    id,
    title,
    expect: 'open',
    protocol: 'kafka',
    client: client(ctx, title.split(' in ')[0].split(' → ')[0], ns, labels, c.tls, source, { sasl: c.sasl, ...(disabled ? { disabled } : {}) }),
    server: server(ctx, 'Kafka brokers', listener.namespace, PODS.kafka, listener.port, listener.external && listener.saslOptions === undefined ? c.tls : listener.tls, listener.source, {
      external: listener.external,
      sasl: listener.saslOptions === undefined ? (listener.external ? c.sasl : listener.sasl) : c.sasl && listener.saslOptions.includes(c.sasl) ? c.sasl : listener.saslOptions[0],
      aclEnforced: listener.acl,
    }),
    credentials: c.secrets.map((s) => ({ secret: s.name, namespace: ns, keys: s.keys, generatedBy: generatedBy(s.name) })),
    kafka,
  };
}

// ── monitoring, alerting, logs ───────────────────────────────────────────────────────────────────────────────────────

function scrapeNamespace(ctx: Ctx): string | undefined {
  if (ctx.index.find('ConfigMap', 'openshift-monitoring', 'cluster-monitoring-config')) return 'openshift-user-workload-monitoring';
  return ctx.index.helmValues(CHART.promStack)?.namespace;
}

/**
 * Which Alertmanager reads the AlertmanagerConfig: on OpenShift the user-workload one when
 * `user-workload-monitoring-config` enables it (`alertmanager: {enabled: true, enableAlertmanagerConfig: true}`), else the
 * platform one in openshift-monitoring (`alertmanagerMain.enableUserAlertmanagerConfig`); on Kubernetes the stack's.
 */
function alertmanagerNamespace(ctx: Ctx): string {
  const cluster = ctx.index.find('ConfigMap', 'openshift-monitoring', 'cluster-monitoring-config');
  if (!cluster) return scrapeNamespace(ctx) ?? 'monitoring';
  const uwm = str(ctx.index.find('ConfigMap', 'openshift-user-workload-monitoring', 'user-workload-monitoring-config'), 'data', 'config.yaml') ?? '';
  return /alertmanager:\s*\n\s+enabled:\s*true/.test(uwm) ? 'openshift-user-workload-monitoring' : 'openshift-monitoring';
}

function observabilityPaths(ctx: Ctx): DataPath[] {
  const paths: DataPath[] = [];
  const scraper = scrapeNamespace(ctx);
  if (scraper && ctx.index.kind('PodMonitor').length > 0) {
    const prom = (ns: string) => client(ctx, 'Prometheus', scraper, { 'app.kubernetes.io/name': 'prometheus' }, 'plaintext', `PodMonitors in ${ns}; Prometheus runs in ${scraper}, outside the mesh`);
    for (const ns of ctx.models) {
      if (ctx.index.kind('PodMonitor', ns).length === 0) continue;
      for (const pod of coreV1Namespaces(ctx).has(ns) ? predictorPods(ctx, ns) : []) {
        for (const port of [CORE_V1_PORTS.metrics, CORE_V1_PORTS.executor]) {
          paths.push({
            id: `monitoring->core-v1/${ns}/${pod.name.startsWith('SeldonDeployment ') ? pod.name.split(' ')[1] + '/' + pod.name.split(' ')[3] : 'deploy-created'}:${port}`,
            title: `Prometheus → Core v1 metrics port ${port} of ${pod.name} in ${ns}`,
            expect: 'open',
            protocol: 'http',
            client: prom(ns),
            server: server(ctx, 'Core v1 pod metrics', ns, pod.labels, port, 'plaintext', 'PodMonitor seldon-podmonitor (/prometheus on ports named metrics)'),
            credentials: [],
          });
        }
      }
      if (coreV2Namespaces(ctx).has(ns)) {
        paths.push({
          id: `monitoring->core-v2/${ns}`,
          title: `Prometheus → Core 2 server metrics in ${ns}`,
          expect: 'open',
          protocol: 'http',
          client: prom(ns),
          server: server(ctx, 'Core 2 server metrics', ns, {}, CORE_V2_PORTS.metrics, 'plaintext', 'seldon-core-v2-setup 2.9.1 templates/seldon-v2-components.yaml:1317 (metrics 9006)'),
          credentials: [],
        });
      }
    }
    if (ctx.system && ctx.index.kind('PodMonitor', ctx.system).length > 0 && ctx.index.helmValues(CHART.deploy)) {
      paths.push({
        id: 'monitoring->deploy',
        title: 'Prometheus → Seldon Deploy metrics',
        expect: 'open',
        protocol: 'http',
        client: prom(ctx.system),
        server: server(ctx, 'Seldon Deploy', ctx.system, PODS.deploy, 8000, 'plaintext', 'PodMonitor seldon-deploy-monitor'),
        credentials: [],
      });
    }
  }
  const am = ctx.index.kind('AlertmanagerConfig')[0];
  if (am && ctx.system) {
    const url = str(arr(am, 'spec', 'receivers')[0], 'webhookConfigs', 0, 'url');
    const amNs = alertmanagerNamespace(ctx);
    const ep = endpointOf(url);
    paths.push({
      id: 'alertmanager->deploy',
      title: 'Alertmanager → Seldon Deploy alert webhook',
      expect: 'open',
      protocol: ep?.scheme ?? 'http',
      client: client(ctx, 'Alertmanager', amNs, { 'app.kubernetes.io/name': 'alertmanager' }, ep?.scheme === 'https' ? 'tls' : 'plaintext', `AlertmanagerConfig ${am.metadata.namespace}/${am.metadata.name} webhook ${url}`),
      server: server(ctx, 'Seldon Deploy', ctx.system, PODS.deploy, ep?.port === 80 ? 8000 : ep?.port ?? 8000, 'plaintext', 'the seldon-deploy Service'),
      credentials: [],
    });
  }
  const forwarder = ctx.index.kind('ClusterLogForwarder')[0];
  if (forwarder) {
    const out = arr(forwarder, 'spec', 'outputs').find((o) => str(o, 'type') === 'elasticsearch');
    const url = str(out, 'url') ?? str(out, 'elasticsearch', 'url');
    const ep = endpointOf(url);
    const secret = str(out, 'secret', 'name') ?? str(out, 'elasticsearch', 'authentication', 'username', 'secretName');
    if (ep) {
      paths.push({
        id: 'log-collector->elasticsearch',
        title: 'OpenShift Logging collector → Elasticsearch (container logs)',
        expect: 'open',
        protocol: ep.scheme,
        client: client(ctx, 'log collector', forwarder.metadata.namespace as string, { 'app.kubernetes.io/component': 'collector' }, ep.scheme === 'https' ? 'tls' : 'plaintext', `ClusterLogForwarder ${forwarder.metadata.namespace}/${forwarder.metadata.name}`),
        server: elasticsearchServer(ctx, ep.namespace, ep.port),
        credentials: secret ? [{ secret, namespace: forwarder.metadata.namespace as string, keys: ['username', 'password'] }] : [],
      });
    }
  }
  return paths;
}

// ── Knative and Argo CD ──────────────────────────────────────────────────────────────────────────────────────────────

function knativePaths(ctx: Ctx): DataPath[] {
  if (!ctx.index.kind('KnativeServing').length) return [];
  const paths: DataPath[] = [];
  for (const ns of coreV1Namespaces(ctx)) {
    for (const [from, what] of [['knative-serving', 'Knative Serving activator'], ['knative-eventing', 'Knative broker filter (trigger delivery)']] as const) {
      paths.push({
        id: `${from}->detectors/${ns}`,
        title: `${what} → detectors in ${ns}`,
        expect: 'open',
        protocol: 'http',
        client: client(ctx, what, from, {}, 'plaintext', 'Knative data plane'),
        server: server(ctx, 'detector (Knative Service)', ns, { 'serving.knative.dev/service': 'detector' }, 8080, 'plaintext', 'Knative queue-proxy / user port'),
        credentials: [],
      });
    }
  }
  const project = ctx.index.kind('AppProject').find((p) => arr(p, 'spec', 'destinations').length > 0 && p.metadata.namespace !== undefined && ctx.index.kind('ArgoCD', p.metadata.namespace).length > 0);
  for (const app of ctx.index.kind('Application').filter((a) => ctx.models.includes(str(a, 'spec', 'destination', 'namespace') ?? ''))) {
    const ns = str(app, 'spec', 'destination', 'namespace') as string;
    const proj = ctx.index.find('AppProject', app.metadata.namespace, str(app, 'spec', 'project') ?? 'default') ?? project;
    const allowed = arr(proj, 'spec', 'destinations').some((d) => str(d, 'namespace') === ns || str(d, 'namespace') === '*');
    paths.push({
      id: `argocd->${ns}`,
      title: `Argo CD (${app.metadata.namespace}) → manages ${ns} (Application ${app.metadata.name}, via the API server)`,
      expect: 'open',
      protocol: 'kubernetes-api',
      client: client(ctx, 'Argo CD application controller', app.metadata.namespace as string, {}, 'tls', `Application ${app.metadata.namespace}/${app.metadata.name}`, allowed ? {} : { disabled: `AppProject ${proj?.metadata.name ?? '(none)'} has no destination for ${ns}` }),
      server: { ...server(ctx, 'Kubernetes API server', '(API server)', {}, 443, 'tls', 'the API server; the AppProject destinations admit the namespace', { external: true }), sidecar: false },
      credentials: [],
    });
  }
  return paths;
}

// ── Meta-Operator mode ───────────────────────────────────────────────────────────────────────────────────────────────

function metaOperatorPaths(ctx: Ctx): DataPath[] {
  const op = ctx.index.kind('SeldonOperator')[0];
  if (!op || !ctx.system) return [];
  const paths: DataPath[] = [];
  const sys = ctx.system;
  // The Meta-Operator runs the request logger in the system namespace (seed 003); the detectors reply to
  // seldon-request-logger.<logs>, an ExternalName alias to it (src/concerns/meta-operator.ts).
  if (at(op, 'spec', 'enable', 'payloadstore') === true || at(op, 'spec', 'enable', 'detectors') === true) {
    paths.push({
      id: 'broker->request-logger',
      title: `Knative broker (filter) → Meta-Operator request logger in ${sys}`,
      expect: 'open',
      protocol: 'http (CloudEvents)',
      client: client(ctx, 'Knative broker filter', 'knative-eventing', { 'eventing.knative.dev/brokerRole': 'filter' }, 'plaintext', 'Trigger to the request logger'),
      server: server(ctx, 'request logger', sys, PODS.requestLogger, 8080, 'plaintext', 'SeldonOperator request logger'),
      credentials: [],
    });
  }
  if (at(op, 'spec', 'enable', 'detectors') === true) {
    for (const ns of ctx.models) {
      const alias = ctx.logs ? ctx.index.find('Service', ctx.logs, 'seldon-request-logger') : undefined;
      paths.push({
        id: `detectors/${ns}->request-logger`,
        title: `detectors in ${ns} → Meta-Operator request logger in ${sys} (replies)`,
        expect: 'open',
        protocol: 'http (CloudEvents)',
        client: client(ctx, 'detector', ns, {}, 'plaintext', alias ? `reply URL seldon-request-logger.${ctx.logs} → ExternalName ${str(alias, 'spec', 'externalName')}` : 'detector reply URL'),
        server: server(ctx, 'request logger', sys, PODS.requestLogger, 8080, 'plaintext', 'SeldonOperator request logger'),
        credentials: [],
      });
    }
  }
  const es = endpointOf(str(op, 'spec', 'enterprise', 'values', 'elasticsearch', 'url'));
  if (es) {
    paths.push({
      id: 'request-logger->elasticsearch',
      title: `Meta-Operator request logger in ${sys} → Elasticsearch`,
      expect: 'open',
      protocol: 'https',
      client: client(ctx, 'request logger', sys, PODS.requestLogger, 'tls', 'SeldonOperator spec.enterprise.values.requestLogger.elasticsearch'),
      server: elasticsearchServer(ctx, es.namespace, es.port),
      credentials: [],
    });
  }
  return paths;
}

// ── forbidden ────────────────────────────────────────────────────────────────────────────────────────────────────────

function forbiddenPaths(ctx: Ctx): DataPath[] {
  const paths: DataPath[] = [];
  // Seldon's Argo CD (the ArgoCD instances whose namespace this render creates; the bootstrap one of the cluster is not ours).
  const argo = ctx.index.kind('ArgoCD').map((a) => a.metadata.namespace);
  const targets = [...new Set([ctx.system, ...argo])].filter((n): n is string => !!n && ctx.index.find('Namespace', undefined, n) !== undefined);
  for (const ns of ctx.models) {
    const from = client(ctx, 'any model pod', ns, {}, 'plaintext', `model namespace ${ns}`);
    for (const target of targets) {
      paths.push({
        id: `forbidden:${ns}->${target}`,
        title: `model namespace ${ns} → ${target} (any pod)`,
        expect: 'denied',
        protocol: 'any',
        client: from,
        server: server(ctx, `any pod of ${target}`, target, {}, 8080, 'plaintext', 'design: model workloads never reach the platform namespaces'),
        credentials: [],
      });
    }
    const others = ctx.models.filter((o) => o !== ns);
    if (others.length === 0) continue;
    paths.push({
      id: `forbidden:other-models->${ns}`,
      title: `other model namespaces (${others.length}) → model namespace ${ns}`,
      expect: 'denied',
      protocol: 'any',
      client: client(ctx, 'any model pod', others[0], {}, 'plaintext', 'every other model namespace'),
      clientNamespaces: others,
      server: server(ctx, `any pod of ${ns}`, ns, {}, 8080, 'plaintext', 'design: model namespaces are isolated from each other'),
      credentials: [],
    });
  }
  return paths;
}
