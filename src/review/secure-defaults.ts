/**
 * The secure-defaults report: for each rule of the platform's security posture (DESIGN.md principle 3), whether a
 * render keeps it (`on`), breaks it (`off`) or has nothing it applies to (`not-applicable`), with the evidence read from
 * the rendered objects and, when a rule is off, the config option that turned it off (`optIn`).
 *
 * It reads the rendered objects alone (no platform, no config), so `npm run validate` can report on any `dist/`, and a
 * rule that is off without a config opt-in shows up as a violation (no `optIn`). The option names are derived from
 * what the objects carry: e.g. `security.envoy.protocol: PLAINTEXT` in the `seldon-core-v2-setup` values can only come
 * from `coreV2.security.envoy: "PLAINTEXT"`.
 */
import { KubeObject } from '../lib/render';
import { CHARTS, OLM } from '../versions';
import { field, groupInto, list, qualifiedName, sortedUnique, text } from './fields';
import { applicationSources } from './inventory';
import { objectsOfKind } from './kind-index';
import { memberRolls } from './namespace-flags';
import { scanImages, scanInsecureSettings, scanPodSecurity } from './secure-defaults-scans';

export type SecureDefaultStatus = 'on' | 'off' | 'not-applicable';

/** The rules, in report order. */
export const SECURE_DEFAULT_IDS = [
  'core2-control-plane-tls',
  'core2-envoy-tls',
  'kafka-tls',
  'kafka-no-plaintext-listener',
  'core-v1-auto-mtls',
  'istio-strict-mtls',
  'network-policies',
  'non-root-workloads',
  'pinned-images',
  'tls-verification',
] as const;
export type SecureDefaultId = (typeof SECURE_DEFAULT_IDS)[number];

/** One rule of the report. */
export interface SecureDefault {
  readonly id: SecureDefaultId;
  /** What the rule requires, in one sentence. */
  readonly rule: string;
  readonly status: SecureDefaultStatus;
  /** What the status is based on: the offending settings first, then the ones that comply. */
  readonly evidence: readonly string[];
  /** When off: the config option(s) that turned it off, as `path: value` (several joined with "; "). */
  readonly optIn?: string;
}

/** One fact a rule found: a setting that keeps (`ok`) or breaks the rule, and the option that chose it. */
export interface Observation {
  readonly ok: boolean;
  readonly evidence: string;
  readonly optIn?: string;
}

interface RuleDefinition {
  readonly id: SecureDefaultId;
  readonly rule: string;
  /** Why the rule does not apply when it observes nothing. */
  readonly notApplicable: string;
  readonly observe: (objects: readonly KubeObject[]) => Observation[];
}

/** The Core 2 chart whose values carry the `security` and `kafka` blocks (seed 000). */
export const CORE_V2_SETUP_CHART = CHARTS.seldonCoreV2Setup.chart;

/** The values of the Core 2 setup chart's Application, when one is rendered. */
export function coreV2SetupValues(objects: readonly KubeObject[]): unknown {
  for (const app of objectsOfKind(objects, 'Application', 'argoproj.io')) {
    const source = applicationSources(app).find((s) => text(s, 'chart') === CORE_V2_SETUP_CHART);
    if (source) return field(source, 'helm', 'valuesObject') ?? {};
  }
  return undefined;
}

/** The `helm.valuesObject` of every Application of `chart`, with the Application. */
function chartValues(objects: readonly KubeObject[], chart: string): { app: KubeObject; values: unknown }[] {
  return objectsOfKind(objects, 'Application', 'argoproj.io').flatMap((app) =>
    applicationSources(app)
      .filter((s) => text(s, 'chart') === chart)
      .map((s) => ({ app, values: field(s, 'helm', 'valuesObject') ?? {} })),
  );
}

function optionValue(path: string, value: unknown): string {
  return `${path}: ${JSON.stringify(value)}`;
}

/** A Core 2 TLS protocol setting: SSL keeps the rule; PLAINTEXT is the opt-out `option`; unset is the chart's PLAINTEXT. */
function core2Protocol(path: readonly string[], option: string): (objects: readonly KubeObject[]) => Observation[] {
  return (objects) => {
    const values = coreV2SetupValues(objects);
    if (values === undefined) return [];
    const value = text(values, ...path);
    const where = `${CORE_V2_SETUP_CHART} values ${path.join('.')}`;
    if (value === 'SSL') return [{ ok: true, evidence: `${where}: SSL` }];
    if (value === undefined) return [{ ok: false, evidence: `${where}: unset (the chart's default is PLAINTEXT)` }];
    return [{ ok: false, evidence: `${where}: ${value}`, optIn: optionValue(option, value) }];
  };
}

/** The options that make Seldon's Kafka clients plaintext (the objects do not tell the two apart). */
const KAFKA_PLAINTEXT_OPTION = 'kafka.security.mode: "plaintext" (or "custom" with protocol "PLAINTEXT")';

function kafkaClientTls(objects: readonly KubeObject[]): Observation[] {
  const values = coreV2SetupValues(objects);
  if (values === undefined) return [];
  const protocol = text(values, 'security', 'kafka', 'protocol');
  const mechanism = text(values, 'security', 'kafka', 'sasl', 'mechanism');
  const where = `${CORE_V2_SETUP_CHART} values security.kafka.protocol`;
  if (protocol === 'SSL' || protocol === 'SASL_SSL') return [{ ok: true, evidence: `${where}: ${protocol}${mechanism ? ` (${mechanism})` : ''}` }];
  if (protocol === undefined) return [{ ok: false, evidence: `${where}: unset (the chart's default is PLAINTEXT)` }];
  return [{ ok: false, evidence: `${where}: ${protocol}`, optIn: protocol === 'PLAINTEXT' ? KAFKA_PLAINTEXT_OPTION : undefined }];
}

/** One listener of a Strimzi `Kafka` of the render. */
export interface KafkaListener {
  readonly cluster: KubeObject;
  readonly name: string;
  readonly port: number | undefined;
  readonly type: string | undefined;
  readonly tls: boolean;
  /** `authentication.type`, when the listener authenticates clients. */
  readonly authentication: string | undefined;
}

/** Every listener of every Strimzi `Kafka` in the render. */
export function kafkaListeners(objects: readonly KubeObject[]): KafkaListener[] {
  return objectsOfKind(objects, 'Kafka', 'kafka.strimzi.io').flatMap((cluster) =>
    list(cluster, 'spec', 'kafka', 'listeners').map((l) => ({
      cluster,
      name: text(l, 'name') ?? '?',
      port: typeof field(l, 'port') === 'number' ? (field(l, 'port') as number) : undefined,
      type: text(l, 'type'),
      tls: field(l, 'tls') === true,
      authentication: text(l, 'authentication', 'type'),
    })),
  );
}

/** Where Seldon's Kafka clients are told to connect: Core 2's setup values, each SeldonRuntime, Deploy's request logger. */
function seldonBootstraps(objects: readonly KubeObject[]): { source: string; servers: string }[] {
  const runtimes = objectsOfKind(objects, 'SeldonRuntime', 'mlops.seldon.io');
  const deploys = chartValues(objects, CHARTS.seldonDeploy.chart);
  const found: { source: string; servers: string | undefined }[] = [
    { source: `${CORE_V2_SETUP_CHART} values kafka.bootstrap`, servers: text(coreV2SetupValues(objects), 'kafka', 'bootstrap') },
    ...runtimes.map((r) => ({ source: `SeldonRuntime ${qualifiedName(r)} spec.config.kafkaConfig`, servers: text(r, 'spec', 'config', 'kafkaConfig', 'bootstrap.servers') })),
    ...deploys.map(({ app, values }) => ({ source: `Application ${qualifiedName(app)} values requestLogger.kafka_consumer`, servers: requestLoggerBootstrap(values) })),
    ...objectsOfKind(objects, 'SeldonOperator').map((o) => ({
      source: `SeldonOperator ${qualifiedName(o)} enterprise values requestLogger.kafka_consumer`,
      servers: requestLoggerBootstrap(field(o, 'spec', 'enterprise', 'values')),
    })),
  ];
  return found.filter((b): b is { source: string; servers: string } => b.servers !== undefined && b.servers !== '');
}

function requestLoggerBootstrap(values: unknown): string | undefined {
  return field(values, 'requestLogger', 'kafka_consumer', 'enabled') === false ? undefined : text(values, 'requestLogger', 'kafka_consumer', 'bootstrap_servers');
}

/** The Strimzi listener a `host:port` reaches: `<cluster>-kafka-bootstrap` or `-brokers`, short or qualified. */
function listenerFor(server: string, listeners: readonly KafkaListener[]): { cluster: KubeObject; listener?: KafkaListener } | undefined {
  const [host, port] = server.trim().split(':');
  const clusters = [...new Set(listeners.map((l) => l.cluster))];
  const cluster = clusters.find((c) => new RegExp(`^${c.metadata.name}-kafka-(bootstrap|brokers)(\\.${c.metadata.namespace}(\\.svc(\\.cluster\\.local)?)?)?$`).test(host));
  if (!cluster) return undefined;
  return { cluster, listener: listeners.find((l) => l.cluster === cluster && String(l.port) === port) };
}

function kafkaPlaintextListeners(objects: readonly KubeObject[]): Observation[] {
  const listeners = kafkaListeners(objects);
  const used = new Set<KafkaListener>();
  const observations = seldonBootstraps(objects).flatMap(({ source, servers }) =>
    servers.split(',').flatMap((server): Observation[] => {
      const target = listenerFor(server, listeners);
      if (!target) return [];
      if (!target.listener) return [{ ok: false, evidence: `${source} → ${server.trim()}: no listener of Kafka ${qualifiedName(target.cluster)} has that port` }];
      used.add(target.listener);
      const where = `${source} → ${qualifiedName(target.cluster)} listener ${target.listener.name}:${target.listener.port}`;
      return [target.listener.tls ? { ok: true, evidence: `${where} (TLS)` } : { ok: false, evidence: `${where} (plaintext)`, optIn: KAFKA_PLAINTEXT_OPTION }];
    }),
  );
  if (observations.length === 0) return [];
  const idle = listeners.filter((l) => !l.tls && !used.has(l));
  return [
    ...observations,
    ...idle.map((l) => ({
      ok: true,
      evidence: `${qualifiedName(l.cluster)} listener ${l.name}:${l.port} is plaintext but no Seldon client uses it (kafka.provider.cluster.plainListener: true)`,
    })),
  ];
}

/** Core v1's Istio settings, wherever an install carries them. */
interface CoreV1Istio {
  readonly where: string;
  readonly enabled: boolean;
  readonly tlsMode?: string;
  /** The option that sets `tlsMode` there. */
  readonly option: string;
}

function envValue(subscription: KubeObject, name: string): string | undefined {
  return text(list(subscription, 'spec', 'config', 'env').find((e) => text(e, 'name') === name), 'value');
}

/** Core v1 installs: the OLM Subscription's env, the Helm chart's values, the Meta-Operator's core values. */
export function coreV1IstioSettings(objects: readonly KubeObject[]): CoreV1Istio[] {
  const olm = objectsOfKind(objects, 'Subscription', 'operators.coreos.com')
    .filter((s) => text(s, 'spec', 'name') === OLM.seldonCoreV1.name)
    .map((s) => ({
      where: `Subscription ${qualifiedName(s)} env ISTIO_TLS_MODE`,
      enabled: envValue(s, 'ISTIO_ENABLED') === 'true',
      tlsMode: envValue(s, 'ISTIO_TLS_MODE'),
      option: 'coreV1.istio.tlsMode',
    }));
  const fromValues = (where: string, values: unknown, option: string): CoreV1Istio => ({
    where: `${where} istio.tlsMode`,
    enabled: field(values, 'istio', 'enabled') === true,
    tlsMode: text(values, 'istio', 'tlsMode'),
    option,
  });
  const helm = chartValues(objects, CHARTS.seldonCoreV1.chart).map(({ app, values }) => fromValues(`Application ${qualifiedName(app)} values`, values, 'coreV1.istio.tlsMode'));
  const meta = objectsOfKind(objects, 'SeldonOperator').map((o) => fromValues(`SeldonOperator ${qualifiedName(o)} core values`, field(o, 'spec', 'core', 'values'), 'metaOperator.coreValues.istio.tlsMode'));
  return [...olm, ...helm, ...meta];
}

function coreV1AutoMtls(objects: readonly KubeObject[]): Observation[] {
  return coreV1IstioSettings(objects)
    .filter((s) => s.enabled)
    .map((s): Observation => {
      // Unset: the operator's DestinationRules carry no TLS and Istio's auto mTLS gives every predictor with a sidecar
      // mutual TLS (SeldonIO/seldon-core@v1.18.2:operator/controllers/seldondeployment_controller.go:337-342). Any fixed
      // mode overrides that for every predictor: ISTIO_MUTUAL breaks those without a sidecar (docs/data-paths.md).
      if (!s.tlsMode) return { ok: true, evidence: `${s.where}: unset (auto mTLS)` };
      return { ok: false, evidence: `${s.where}: ${s.tlsMode}`, optIn: optionValue(s.option, s.tlsMode) };
    });
}

/** Istio's root namespace (PeerAuthentications there are mesh-wide): `istio-system`, and each OSSM control plane's. */
function meshRootNamespaces(objects: readonly KubeObject[]): Set<string> {
  return new Set(['istio-system', ...objectsOfKind(objects, 'ServiceMeshControlPlane', 'maistra.io').map((s) => s.metadata.namespace ?? '')]);
}

const MESH_MTLS_OPTION = 'serviceMesh.mtls: "PERMISSIVE"';

/** Namespace-wide PeerAuthentications (no workload selector), by namespace. */
function namespacePeerAuthentications(objects: readonly KubeObject[]): Map<string, KubeObject> {
  const byNamespace = new Map<string, KubeObject>();
  for (const pa of objectsOfKind(objects, 'PeerAuthentication', 'security.istio.io')) {
    if (field(pa, 'spec', 'selector') === undefined) byNamespace.set(pa.metadata.namespace ?? '', pa);
  }
  return byNamespace;
}

/** Mesh-wide mTLS: each ServiceMeshControlPlane's `security.dataPlane.mtls` and each root-namespace PeerAuthentication. */
function meshWideMtls(objects: readonly KubeObject[], peers: ReadonlyMap<string, KubeObject>): Observation[] {
  const smcps = objectsOfKind(objects, 'ServiceMeshControlPlane', 'maistra.io').map((smcp): Observation => {
    const mtls = field(smcp, 'spec', 'security', 'dataPlane', 'mtls');
    const where = `ServiceMeshControlPlane ${qualifiedName(smcp)} security.dataPlane.mtls`;
    if (mtls === true) return { ok: true, evidence: `${where}: true (mesh-wide STRICT)` };
    return { ok: false, evidence: `${where}: ${mtls === false ? 'false' : 'unset (OpenShift Service Mesh default: permissive)'}`, optIn: mtls === false ? MESH_MTLS_OPTION : undefined };
  });
  const roots = [...meshRootNamespaces(objects)].flatMap((ns) => {
    const pa = peers.get(ns);
    if (!pa) return [];
    const mode = text(pa, 'spec', 'mtls', 'mode') ?? 'UNSET';
    const where = `PeerAuthentication ${qualifiedName(pa)} (mesh-wide) mtls.mode`;
    return [mode === 'STRICT' ? { ok: true, evidence: `${where}: STRICT` } : { ok: false, evidence: `${where}: ${mode}`, optIn: mode === 'PERMISSIVE' ? MESH_MTLS_OPTION : undefined }];
  });
  return [...smcps, ...roots];
}

/** The label the platform puts on each model namespace (`standardLabels('model-namespace')`). */
const MODEL_NAMESPACE_COMPONENT = 'model-namespace';

/**
 * Namespaces whose pods run Istio sidecars: members of a ServiceMeshMemberRoll or (Service Mesh 3) of the discovery
 * selector `istio-discovery: enabled`, namespaces labelled for injection,
 * namespaces with SeldonDeployments that ask for sidecars, and (when a mesh is rendered) every model namespace, whose
 * Core v1 pods opt in per pod.
 */
function sidecarNamespaces(objects: readonly KubeObject[], meshRendered: boolean): string[] {
  const namespaces = objectsOfKind(objects, 'Namespace', '');
  // OpenShift Service Mesh 3 members carry the discovery label, as 2.x members are listed in a member roll.
  const injected = namespaces.filter((n) => n.metadata.labels?.['istio-injection'] === 'enabled' || n.metadata.labels?.['istio.io/rev'] !== undefined || n.metadata.labels?.['istio-discovery'] === 'enabled');
  const models = meshRendered ? namespaces.filter((n) => n.metadata.labels?.['app.kubernetes.io/component'] === MODEL_NAMESPACE_COMPONENT) : [];
  const sidecarDeployments = objectsOfKind(objects, 'SeldonDeployment').filter((d) => list(d, 'spec', 'predictors').some((p) => text(p, 'labels', 'sidecar.istio.io/inject') === 'true'));
  const roots = meshRootNamespaces(objects);
  const names = [...memberRolls(objects).keys(), ...[...injected, ...models].map((n) => String(n.metadata.name)), ...sidecarDeployments.map((d) => d.metadata.namespace ?? '')];
  return sortedUnique(names).filter((ns) => !roots.has(ns));
}

function istioStrictMtls(objects: readonly KubeObject[]): Observation[] {
  const peers = namespacePeerAuthentications(objects);
  const mesh = meshWideMtls(objects, peers);
  const meshStrict = mesh.length > 0 && mesh.every((o) => o.ok);
  const meshOptIn = mesh.find((o) => o.optIn)?.optIn;
  const strict: string[] = [];
  const inherited: string[] = [];
  const weak: Observation[] = [];
  for (const ns of sidecarNamespaces(objects, mesh.length > 0)) {
    const mode = text(peers.get(ns), 'spec', 'mtls', 'mode') ?? 'UNSET';
    if (mode === 'STRICT') strict.push(ns);
    else if (mode === 'UNSET' && meshStrict) inherited.push(ns);
    else if (mode === 'UNSET') weak.push({ ok: false, evidence: `${ns}: sidecars without STRICT mTLS (no namespace PeerAuthentication, and mesh-wide mTLS is not STRICT)`, optIn: meshOptIn });
    else weak.push({ ok: false, evidence: `${ns}: sidecars without STRICT mTLS (namespace PeerAuthentication ${mode})` });
  }
  return [
    ...mesh,
    ...weak,
    // One line per namespace: adding a namespace adds a line and never rewrites another's.
    ...strict.map((ns) => ({ ok: true, evidence: `${ns}: PeerAuthentication STRICT` })),
    ...inherited.map((ns) => ({ ok: true, evidence: `${ns}: mesh-wide STRICT` })),
  ];
}

/**
 * Kinds that may sit in a namespace without NetworkPolicies when an operator owns it: the operator's install (OLM
 * OperatorGroup and Subscription), the instances it reconciles (mesh control plane and member roll, Knative Serving and
 * Eventing, OpenShift Logging) and the mesh configuration that lives beside them (gateway, route, routing rules,
 * mesh-wide PeerAuthentication, certificates and their secrets). None of them is a workload of ours.
 */
const OPERATOR_NAMESPACE_KINDS: ReadonlySet<string> = new Set([
  'OperatorGroup',
  'Subscription',
  'ServiceMeshControlPlane',
  'ServiceMeshMemberRoll',
  'Istio',
  'IstioCNI',
  'KnativeServing',
  'KnativeEventing',
  'ClusterLogging',
  'ClusterLogForwarder',
  /** Identity for an operator's operand (e.g. Logging 6's collector); not a workload of ours. */
  'ServiceAccount',
  'PeerAuthentication',
  'Gateway',
  'VirtualService',
  'DestinationRule',
  'Route',
  'Certificate',
  'ExternalSecret',
]);

/** Operator instances whose operands (pods) the operator creates and owns. */
const OPERATOR_INSTANCE_KINDS: ReadonlySet<string> = new Set(['ServiceMeshControlPlane', 'Istio', 'IstioCNI', 'KnativeServing', 'KnativeEventing', 'ClusterLogging']);

/** OpenShift Service Mesh 3 (Sail) instances: cluster-scoped, with their operands in `spec.namespace`. */
const SAIL_INSTANCE_KINDS: ReadonlySet<string> = new Set(['Istio', 'IstioCNI']);

/** OpenShift Service Mesh writes NetworkPolicies for its control plane and members unless `manageNetworkPolicy: false`. */
function managesNetworkPolicies(o: KubeObject): boolean {
  return o.kind === 'ServiceMeshControlPlane' && field(o, 'spec', 'security', 'manageNetworkPolicy') !== false;
}

/** NetworkPolicy coverage of one namespace the render creates. */
export interface NamespacePolicies {
  readonly namespace: string;
  /** How it is created: a `Namespace` object, or Argo CD's `CreateNamespace=true` for a Helm Application. */
  readonly createdBy: 'Namespace' | 'CreateNamespace';
  readonly policies: readonly string[];
  /** Why a namespace without policies is exempt (an operator's namespace); undefined when it is not. */
  readonly exemption?: string;
}

/** The namespaces Argo CD creates for Helm Applications (`CreateNamespace=true`), with the charts installed there. */
function helmNamespaces(objects: readonly KubeObject[]): Map<string, { charts: string[]; created: boolean }> {
  const found = new Map<string, { charts: string[]; created: boolean }>();
  for (const app of objectsOfKind(objects, 'Application', 'argoproj.io')) {
    const namespace = text(app, 'spec', 'destination', 'namespace');
    const charts = applicationSources(app).flatMap((s) => (text(s, 'chart') ? [String(text(s, 'chart'))] : []));
    if (!namespace || charts.length === 0) continue;
    const entry = found.get(namespace) ?? { charts: [], created: false };
    entry.charts.push(...charts);
    entry.created ||= list(app, 'spec', 'syncPolicy', 'syncOptions').includes('CreateNamespace=true');
    found.set(namespace, entry);
  }
  return found;
}

/**
 * Why a namespace without NetworkPolicies is acceptable, or undefined. Exempt are only namespaces that hold an
 * operator and what it reconciles, and nothing of Seldon's: an OLM operator's own namespace (OperatorGroup and
 * Subscription), the namespace of a Helm-installed operator or mesh component (cert-manager, ECK, the Knative operator,
 * kube-prometheus-stack, istiod, the ingress gateway), and the namespaces of operator instances (the Service Mesh
 * control plane, Knative Serving and Eventing, OpenShift Logging). Their pods, labels and ports belong to the operator
 * and change with its releases, so a policy written here would break it on upgrade; OpenShift Service Mesh writes its
 * own policies for its control plane; and the gateway and istiod must be reachable from every namespace anyway.
 */
function exemptionOf(inside: readonly KubeObject[], charts: readonly string[]): string | undefined {
  if (charts.some((c) => c.startsWith('seldon'))) return undefined;
  if (inside.some((o) => !OPERATOR_NAMESPACE_KINDS.has(o.kind))) return undefined;
  const subscriptions = objectsOfKind(inside, 'Subscription').map((s) => text(s, 'spec', 'name') ?? String(s.metadata.name));
  const instances = inside.filter((o) => OPERATOR_INSTANCE_KINDS.has(o.kind));
  const reasons = [
    ...(subscriptions.length > 0 ? [`OLM operator namespace (Subscription ${subscriptions.join(', ')})`] : []),
    ...(charts.length > 0 ? [`Helm-installed ${sortedUnique(charts).join(', ')}`] : []),
    ...instances.map((o) => `operands of ${o.kind} ${o.metadata.name}${managesNetworkPolicies(o) ? ' (OpenShift Service Mesh manages its NetworkPolicies)' : ''}`),
  ];
  return reasons.length > 0 ? reasons.join('; ') : undefined;
}

/** Every namespace the render creates, with its NetworkPolicies and, for one without, its exemption if any. */
export function networkPolicyCoverage(objects: readonly KubeObject[]): NamespacePolicies[] {
  const byNamespace = new Map<string, KubeObject[]>();
  for (const o of objects) if (o.metadata.namespace) groupInto(byNamespace, o.metadata.namespace, o);
  // OpenShift Service Mesh 3 instances are cluster-scoped; their operands run in `spec.namespace`.
  for (const o of objects) if (SAIL_INSTANCE_KINDS.has(o.kind) && text(o, 'spec', 'namespace')) groupInto(byNamespace, String(text(o, 'spec', 'namespace')), o);
  const helm = helmNamespaces(objects);
  const declared = new Set(objectsOfKind(objects, 'Namespace', '').map((n) => String(n.metadata.name)));
  const argoCreated = [...helm].filter(([ns, h]) => h.created && !declared.has(ns)).map(([ns]) => ns);
  return sortedUnique([...declared, ...argoCreated]).map((namespace) => {
    const inside = byNamespace.get(namespace) ?? [];
    const policies = sortedUnique(objectsOfKind(inside, 'NetworkPolicy', 'networking.k8s.io').map((p) => String(p.metadata.name)));
    const exemption = policies.length > 0 ? undefined : exemptionOf(inside, helm.get(namespace)?.charts ?? []);
    return { namespace, createdBy: declared.has(namespace) ? 'Namespace' : 'CreateNamespace', policies, ...(exemption ? { exemption } : {}) };
  });
}

function networkPolicies(objects: readonly KubeObject[]): Observation[] {
  const coverage = networkPolicyCoverage(objects);
  const covered = coverage.filter((n) => n.policies.length > 0);
  return [
    ...coverage
      .filter((n) => n.policies.length === 0 && !n.exemption)
      .map((n) => ({ ok: false, evidence: `${n.namespace}: no NetworkPolicy (created by ${n.createdBy === 'Namespace' ? 'a Namespace object' : 'Argo CD CreateNamespace'})` })),
    // One line per namespace: adding a namespace adds a line and never rewrites another's.
    ...covered.map((n) => ({ ok: true, evidence: `${n.namespace}: ${n.policies.length} ${n.policies.length === 1 ? "NetworkPolicy" : "NetworkPolicies"}` })),
    ...coverage.flatMap((n) => (n.exemption ? [{ ok: true, evidence: `${n.namespace} exempt: ${n.exemption}` }] : [])),
  ];
}

/** Core 2's Kafka clients verify the brokers' host names unless `endpointIdentificationAlgorithm` is empty (PR #4916). */
function kafkaHostnameVerification(objects: readonly KubeObject[]): Observation[] {
  const kafka = field(coreV2SetupValues(objects), 'security', 'kafka');
  if (!['SSL', 'SASL_SSL'].includes(text(kafka, 'protocol') ?? '')) return [];
  const algorithm = text(kafka, 'ssl', 'client', 'endpointIdentificationAlgorithm');
  const where = `${CORE_V2_SETUP_CHART} values security.kafka.ssl.client.endpointIdentificationAlgorithm`;
  if (algorithm === 'https') return [{ ok: true, evidence: `${where}: https (broker host names verified)` }];
  if (algorithm === undefined) return [{ ok: false, evidence: `${where}: unset (Core 2 then skips host name verification)` }];
  return [{ ok: false, evidence: `${where}: ${JSON.stringify(algorithm)} (host names not verified)`, optIn: algorithm === '' ? 'kafka.security.endpointIdentification: "none"' : undefined }];
}

/** Rule tls-verification: it holds unless a setting skips verification, so it always applies. */
function tlsVerification(objects: readonly KubeObject[]): Observation[] {
  const found = [...scanInsecureSettings(objects), ...kafkaHostnameVerification(objects)];
  if (objects.length === 0) return [];
  return [...found, { ok: true, evidence: `no insecureSkipVerify, insecure or curl -k setting${found.some((o) => !o.ok) ? ' elsewhere' : ''} in any rendered object` }];
}

const RULES: readonly RuleDefinition[] = [
  {
    id: 'core2-control-plane-tls',
    rule: 'Seldon Core 2 control plane (scheduler, controller, gateways, agents) uses TLS',
    notApplicable: 'no seldon-core-v2-setup Application is rendered',
    observe: core2Protocol(['security', 'controlplane', 'protocol'], 'coreV2.security.controlPlane'),
  },
  {
    id: 'core2-envoy-tls',
    rule: 'Seldon Core 2 data plane through Envoy uses TLS (mutual upstream)',
    notApplicable: 'no seldon-core-v2-setup Application is rendered',
    observe: core2Protocol(['security', 'envoy', 'protocol'], 'coreV2.security.envoy'),
  },
  {
    id: 'kafka-tls',
    rule: 'Seldon connects to Kafka over TLS (protocol SSL or SASL_SSL)',
    notApplicable: 'no seldon-core-v2-setup Application is rendered',
    observe: kafkaClientTls,
  },
  {
    id: 'kafka-no-plaintext-listener',
    rule: 'no Kafka bootstrap Seldon uses points at a plaintext (tls: false) Strimzi listener',
    notApplicable: 'no Seldon Kafka bootstrap points at a Strimzi cluster of this render',
    observe: kafkaPlaintextListeners,
  },
  {
    id: 'core-v1-auto-mtls',
    rule: 'Seldon Core v1 leaves its DestinationRules\' TLS to Istio auto mTLS (ISTIO_TLS_MODE / istio.tlsMode unset): mutual TLS to every predictor with a sidecar',
    notApplicable: 'no Seldon Core v1 install with Istio routing is rendered',
    observe: coreV1AutoMtls,
  },
  {
    id: 'istio-strict-mtls',
    rule: 'sidecars accept only mutual TLS: PeerAuthentication STRICT where sidecars run (or mesh-wide), ServiceMeshControlPlane security.dataPlane.mtls true',
    notApplicable: 'no service mesh is rendered',
    observe: istioStrictMtls,
  },
  {
    id: 'network-policies',
    rule: 'every namespace the render creates has a NetworkPolicy (operator namespaces exempt, named)',
    notApplicable: 'the render creates no namespace',
    observe: networkPolicies,
  },
  {
    id: 'non-root-workloads',
    rule: 'workloads and Helm securityContexts we set run as non-root, without privilege escalation',
    notApplicable: 'no workload, securityContext or user ID is set by the render (the charts keep their defaults)',
    observe: scanPodSecurity,
  },
  {
    id: 'pinned-images',
    rule: 'every image the render sets is pinned (a tag other than latest, or a digest)',
    notApplicable: 'the render sets no image',
    observe: scanImages,
  },
  {
    id: 'tls-verification',
    rule: 'TLS peers are verified: no insecureSkipVerify/insecure, Kafka hostname verification on, no curl -k',
    notApplicable: 'the render has no objects',
    observe: tlsVerification,
  },
];

function resultOf(definition: RuleDefinition, observations: readonly Observation[]): SecureDefault {
  const { id, rule } = definition;
  if (observations.length === 0) return { id, rule, status: 'not-applicable', evidence: [definition.notApplicable] };
  const off = observations.filter((o) => !o.ok);
  const optIns = sortedUnique(off.flatMap((o) => (o.optIn ? [o.optIn] : [])));
  return {
    id,
    rule,
    status: off.length > 0 ? 'off' : 'on',
    evidence: [...off, ...observations.filter((o) => o.ok)].map((o) => o.evidence),
    ...(optIns.length > 0 ? { optIn: optIns.join('; ') } : {}),
  };
}

/** The secure-defaults report of a render: one entry per rule, in `SECURE_DEFAULT_IDS` order. */
export function secureDefaults(objects: readonly KubeObject[]): SecureDefault[] {
  return RULES.map((definition) => resultOf(definition, definition.observe(objects)));
}

/** True for a parsed YAML document shaped like a Kubernetes object (for reports over files of unknown content). */
export function isKubeObject(value: unknown): value is KubeObject {
  if (typeof value !== 'object' || value === null) return false;
  const { kind, apiVersion, metadata } = value as Partial<KubeObject>;
  return typeof kind === 'string' && typeof apiVersion === 'string' && typeof metadata === 'object' && metadata !== null;
}

/**
 * One line for a report: `secure defaults: 9/9 on (not applicable: x)`, or with the rules that are off and the
 * options that turned them off: `secure defaults: 8/9 on (off: kafka-tls by kafka.security.mode: "plaintext")`.
 */
export function secureDefaultsLine(report: readonly SecureDefault[]): string {
  const applicable = report.filter((r) => r.status !== 'not-applicable');
  const on = applicable.filter((r) => r.status === 'on').length;
  const off = applicable.filter((r) => r.status === 'off').map((r) => `${r.id} ${r.optIn ? `by ${r.optIn}` : 'without an opt-in'}`);
  const notApplicable = report.filter((r) => r.status === 'not-applicable').map((r) => r.id);
  const notes = [...(off.length > 0 ? [`off: ${off.join(', ')}`] : []), ...(notApplicable.length > 0 ? [`not applicable: ${notApplicable.join(', ')}`] : [])];
  return `secure defaults: ${on}/${applicable.length} on${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`;
}
