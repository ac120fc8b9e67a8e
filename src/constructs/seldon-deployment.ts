/**
 * `src/constructs/` holds the constructs users instantiate themselves in an environment file, for the things they own
 * (models), as opposed to `src/concerns/`, which SeldonPlatform builds from the typed config. A construct here renders
 * into the scope it is given, typically a model namespace:
 *
 * ```ts
 * const models = platform.addModelNamespace('fraud-models');
 * new SeldonDeployment(models.scope, 'iris', { name: 'iris', predictors: [...] });
 * ```
 *
 * so its objects land in `dist/<env>/model-namespaces/<namespace>/` and sync after the platform.
 */
import { ApiObject, Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { checkGatewayRef } from '../concerns/core-v1';
import { ModelNamespace } from '../concerns/model-namespace';
import { checkUserInput } from '../lib/config-schema';
import { checkAll, Checks, ConfigError, isDnsLabel, named, raise } from '../lib/errors';
import { standardLabels } from '../lib/names';
import { API_VERSIONS } from '../versions';
import { HOST, HTTP_URL } from '../lib/formats';

const COMPONENT = 'seldon-deployment';

/** The Istio annotations Seldon Core v1 reads from `spec.annotations` (then `metadata.annotations`). */
export const ISTIO_ANNOTATIONS = {
  gateway: 'seldon.io/istio-gateway',
  retries: 'seldon.io/istio-retries',
  retriesTimeout: 'seldon.io/istio-retries-timeout',
  host: 'seldon.io/istio-host',
} as const;

/** The per-predictor annotation that names the predictor's Service. */
export const SVC_NAME_ANNOTATION = 'seldon.io/svc-name';

/** Istio's special gateway name: routing rules apply to traffic inside the mesh, without an ingress gateway. */
export const MESH_GATEWAY = 'mesh';

export type SeldonProtocol = 'seldon' | 'tensorflow' | 'kfserving' | 'v2';
export type SeldonTransport = 'rest' | 'grpc';
export type PredictiveUnitType = 'MODEL' | 'ROUTER' | 'COMBINER' | 'TRANSFORMER' | 'OUTPUT_TRANSFORMER' | 'UNKNOWN_TYPE';

/**
 * A prepackaged server (from the operator's `seldon-config` ConfigMap) or a built-in unit. Custom server names added to
 * that ConfigMap are accepted as any other string.
 */
export type PredictiveUnitImplementation =
  | 'SKLEARN_SERVER'
  | 'XGBOOST_SERVER'
  | 'TENSORFLOW_SERVER'
  | 'MLFLOW_SERVER'
  | 'TRITON_SERVER'
  | 'HUGGINGFACE_SERVER'
  | 'TEMPO_SERVER'
  | 'SIMPLE_MODEL'
  | 'SIMPLE_ROUTER'
  | 'RANDOM_ABTEST'
  | 'AVERAGE_COMBINER'
  | 'UNKNOWN_IMPLEMENTATION'
  | (string & Record<never, never>);

/** A node of an inference graph (`PredictiveUnit`). */
export interface PredictiveUnit {
  /** The node name; for a custom container, the name of the container in `componentSpecs` that serves it. */
  readonly name: string;
  readonly type?: PredictiveUnitType;
  readonly implementation?: PredictiveUnitImplementation;
  /** Where a prepackaged server loads the model from, e.g. `gs://seldon-models/v1.18.2/sklearn/iris`. */
  readonly modelUri?: string;
  /** Secret with the storage credentials (`RCLONE_CONFIG_*` or AWS/GCS variables) the storage initializer reads. */
  readonly envSecretRefName?: string;
  readonly endpoint?: { readonly type: 'REST' | 'GRPC' };
  readonly parameters?: ReadonlyArray<{ readonly name: string; readonly type: 'INT' | 'FLOAT' | 'DOUBLE' | 'STRING' | 'BOOL'; readonly value: string }>;
  /** Payload logging of this node; `url` defaults to the operator's request logger endpoint (the Knative broker). */
  readonly logger?: { readonly mode: 'all' | 'request' | 'response'; readonly url?: string };
  readonly children?: readonly PredictiveUnit[];
}

/** A pod of a predictor: the containers of graph nodes with custom images. */
export interface SeldonPodSpec {
  readonly metadata?: { readonly labels?: Record<string, string>; readonly annotations?: Record<string, string> };
  readonly spec: k8s.PodSpec;
  readonly replicas?: number;
}

/** One predictor: a graph with its pods, and its share of the traffic. */
export interface SeldonPredictor {
  /** DNS-1123 label, unique within the deployment. */
  readonly name: string;
  readonly graph: PredictiveUnit;
  readonly componentSpecs?: readonly SeldonPodSpec[];
  /** @default 1 */
  readonly replicas?: number;
  /**
   * Percentage of the traffic (0–100). The traffic of the non-shadow predictors must add up to 100 when there is more
   * than one, or when any sets it (canary, A/B).
   */
  readonly traffic?: number;
  /** Receive a mirrored copy of the traffic; its responses are discarded (Istio `mirror`). @default false */
  readonly shadow?: boolean;
  /** Labels for the predictor's pods (e.g. `version`). */
  readonly labels?: Record<string, string>;
  /** Other predictor annotations (not `seldon.io/svc-name`: use `svcName`). */
  readonly annotations?: Record<string, string>;
  /**
   * Name of the predictor's Service (`seldon.io/svc-name`) instead of the generated `<deployment>-<predictor>`. It must
   * not collide with any other Service in the namespace. Required on the main (first) predictor with the `mesh` gateway.
   */
  readonly svcName?: string;
}

/** The typed Istio annotations of a SeldonDeployment (seed 002 "Istio Configuration Annotation Reference"). */
export interface SeldonDeploymentIstio {
  /**
   * `seldon.io/istio-gateway`: `<namespace>/<name>` (without a namespace, the deployment's own), or `mesh` to route
   * traffic inside the mesh instead of through an ingress gateway (then `host` and the main predictor's `svcName` are
   * required, and the client must run in the mesh).
   * @default the operator's gateway (`istio-system/seldon-gateway`)
   */
  readonly gateway?: string;
  /** `seldon.io/istio-retries`: retries on gateway errors, connect failures and refused streams. @default none */
  readonly retries?: number;
  /** `seldon.io/istio-retries-timeout`: per-try timeout in seconds, with `retries`. @default 1 (the operator's) */
  readonly retriesTimeout?: number;
  /**
   * `seldon.io/istio-host`: the VirtualService host(s); a list is joined with commas. With the `mesh` gateway, exactly
   * one host, normally the main predictor's `svcName` (Istio applies a mesh VirtualService to one host only).
   * @default "*"
   */
  readonly host?: string | readonly string[];
}

/** A Seldon Core v1 `SeldonDeployment` (`machinelearning.seldon.io/v1`). */
export interface SeldonDeploymentProps {
  /** `metadata.name` and `spec.name`. A DNS-1123 label. */
  readonly name: string;
  /** @default the model namespace the construct is created in */
  readonly namespace?: string;
  /** @default "seldon" (the operator's) */
  readonly protocol?: SeldonProtocol;
  /** @default "rest" (the operator's) */
  readonly transport?: SeldonTransport;
  readonly predictors: readonly SeldonPredictor[];
  readonly istio?: SeldonDeploymentIstio;
  /** Labels of the SeldonDeployment object (seed 002 uses `app: seldon`); the platform's standard labels are kept. */
  readonly labels?: Record<string, string>;
  /** Other `spec.annotations` (the Istio ones are typed in `istio`). */
  readonly annotations?: Record<string, string>;
  /**
   * Label every predictor's pods `sidecar.istio.io/inject: "true"` (seed 002): the gateway then reaches them over
   * Istio mutual TLS (auto mTLS) and the namespace's STRICT PeerAuthentication applies. Without a sidecar the gateway
   * reaches them in plaintext, within the namespace's NetworkPolicies (docs/data-paths.md).
   * @default true
   */
  readonly sidecar?: boolean;
}

/**
 * A SeldonDeployment for model owners: predictors with traffic splits (canary, A/B), shadows, typed Istio annotations
 * and per-predictor Service names, validated before anything is rendered. The props are typed by hand because the
 * upstream CRD is 1 MB (3.3 MB of generated code); `npm run validate` checks the output against it.
 *
 * Istio annotations go to `spec.annotations`, which the operator reads before `metadata.annotations`.
 */
export class SeldonDeployment extends Construct {
  /** The rendered object (absent when the synth collected a problem with the props instead of throwing). */
  public readonly resource!: ApiObject;
  public readonly namespace: string;
  /** The Service names the predictors set (`seldon.io/svc-name`). */
  public readonly svcNames: readonly string[];

  constructor(scope: Construct, id: string, props: SeldonDeploymentProps) {
    super(scope, id);
    const home = enclosingModelNamespace(scope);
    this.namespace = props.namespace ?? home?.name ?? '';
    this.svcNames = (Array.isArray(props?.predictors) ? props.predictors : []).flatMap((p) => (p.svcName ? [p.svcName] : []));
    const issues = checkAll(
      (checks) => checkUserInput(checks, 'seldonDeploymentProps', props, ''),
      (checks) => {
        checkPlacement(checks, props, home);
        checkSeldonDeployment(checks, props);
        this.checkUniqueInNamespace(checks, props.name);
      },
    );
    // With the synth's problem collector, the problems are reported with all others and nothing is rendered.
    if (issues.length > 0 && raise(this, new ConfigError(issues, named('SeldonDeployment', `${this.namespace}/${props?.name}`)))) return;

    const annotations = { ...props.annotations, ...istioAnnotations(props.istio ?? {}) };
    this.resource = new ApiObject(this, 'Resource', {
      apiVersion: API_VERSIONS.SeldonDeployment,
      kind: 'SeldonDeployment',
      metadata: { name: props.name, namespace: this.namespace, labels: { ...props.labels, ...standardLabels(COMPONENT) } },
      spec: {
        name: props.name,
        protocol: props.protocol,
        transport: props.transport,
        ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
        predictors: props.predictors.map((p) => predictorJson(p, props.sidecar ?? true)),
      },
    });
  }

  /** The name and Service names must be unique in the namespace, also across the SeldonDeployments rendered next to this one. */
  private checkUniqueInNamespace(checks: Checks, deploymentName: string): void {
    const others = Chart.of(this)
      .node.findAll()
      .filter((c): c is SeldonDeployment => c instanceof SeldonDeployment && c !== this && c.namespace === this.namespace);
    for (const other of others) {
      if (other.resource?.name === deploymentName) {
        checks.fail('name', deploymentName, `is also the name of another SeldonDeployment in namespace ${JSON.stringify(this.namespace)}: both would be written to the same file and the same object`, 'give each SeldonDeployment of a namespace its own name');
      }
      for (const name of this.svcNames.filter((n) => other.svcNames.includes(n))) {
        checks.fail('predictors[].svcName', name, `is also a Service name of SeldonDeployment ${JSON.stringify(other.resource.name)} in this namespace`, 'give each predictor Service a name unique in the namespace');
      }
    }
  }
}

function enclosingModelNamespace(scope: IConstruct): ModelNamespace | undefined {
  return scope.node.scopes.reverse().find((c): c is ModelNamespace => c instanceof ModelNamespace);
}

function checkPlacement(checks: Checks, props: SeldonDeploymentProps, home: ModelNamespace | undefined): void {
  if (home === undefined) {
    checks.expect(props.namespace !== undefined && isDnsLabel(props.namespace), 'namespace', props.namespace, 'is required outside a model namespace and must be a DNS-1123 label', 'create the SeldonDeployment in a model namespace (new SeldonDeployment(ns.scope, ...)) or set namespace');
    return;
  }
  if (props.namespace !== undefined && props.namespace !== home.name) {
    checks.fail('namespace', props.namespace, `differs from the model namespace ${JSON.stringify(home.name)} it is created in (its file would be written there)`, `remove namespace, or create it in the scope of model namespace ${JSON.stringify(props.namespace)}`);
  }
  if (!home.options.coreV1) {
    checks.fail('namespace', home.name, 'does not serve Seldon Core v1 (coreV1 is off for this model namespace)', 'add the namespace with coreV1: true, or enable coreV1 (or metaOperator) in the environment');
  }
}

/** Validates SeldonDeployment props: names, traffic, shadows, Istio annotations, Service names and images. */
export function checkSeldonDeployment(checks: Checks, props: SeldonDeploymentProps): void {
  checks.dnsLabel('name', props.name);
  if (props.protocol !== undefined) checks.oneOf('protocol', props.protocol, ['seldon', 'tensorflow', 'kfserving', 'v2'] as const);
  if (props.transport !== undefined) checks.oneOf('transport', props.transport, ['rest', 'grpc'] as const);
  if (!checks.expect(Array.isArray(props.predictors) && props.predictors.length > 0, 'predictors', props.predictors, 'is empty: a SeldonDeployment needs at least one predictor', 'add a predictor with a graph')) return;
  checkPredictorNames(checks, props.predictors);
  checkTraffic(checks, props.predictors);
  checkIstio(checks, props.istio ?? {}, props.predictors);
  checkReservedAnnotations(checks, 'annotations', props.annotations, Object.values(ISTIO_ANNOTATIONS), 'set it through the typed istio field');
  props.predictors.forEach((p, i) => {
    checkReservedAnnotations(checks, `predictors[${i}].annotations`, p.annotations, [SVC_NAME_ANNOTATION], 'set it with svcName');
    if (p.replicas !== undefined) checks.integer(`predictors[${i}].replicas`, p.replicas, 0);
    checkGraph(checks, `predictors[${i}].graph`, p.graph);
    (p.componentSpecs ?? []).forEach((c, j) => checkImages(checks, `predictors[${i}].componentSpecs[${j}].spec`, c.spec));
  });
}

function checkPredictorNames(checks: Checks, predictors: readonly SeldonPredictor[]): void {
  const names = new Set<string>();
  const svcNames = new Set<string>();
  predictors.forEach((p, i) => {
    if (checks.dnsLabel(`predictors[${i}].name`, p.name) && names.has(p.name)) {
      checks.fail(`predictors[${i}].name`, p.name, 'is the name of another predictor of this deployment', 'give each predictor a unique name, e.g. "main" and "canary"');
    }
    names.add(p.name);
    if (p.svcName === undefined) return;
    if (checks.dnsLabel(`predictors[${i}].svcName`, p.svcName) && svcNames.has(p.svcName)) {
      checks.fail(`predictors[${i}].svcName`, p.svcName, 'is the Service name of another predictor: the operator\'s webhook rejects duplicates', 'give each predictor a unique svcName');
    }
    svcNames.add(p.svcName);
  });
}

function checkTraffic(checks: Checks, predictors: readonly SeldonPredictor[]): void {
  predictors.forEach((p, i) => {
    if (p.traffic !== undefined) checks.integer(`predictors[${i}].traffic`, p.traffic, 0, 100);
  });
  const live = predictors.filter((p) => !p.shadow);
  if (!checks.expect(live.length > 0, 'predictors', predictors.map((p) => p.name), 'are all shadows: a shadow only mirrors the traffic of a non-shadow predictor', 'make the main predictor shadow: false')) return;
  if (live.length === 1 && live[0].traffic === undefined) return;
  const sum = live.reduce((total, p) => total + (p.traffic ?? 0), 0);
  if (sum !== 100) {
    const split = live.map((p) => `${p.name}=${p.traffic ?? 'unset'}`).join(', ');
    checks.fail('predictors[].traffic', split, `of the non-shadow predictors adds up to ${sum}, not 100: Istio would route the rest nowhere`, 'set traffic on every non-shadow predictor so that they add up to 100, e.g. 75 and 25 for a canary');
  }
}


function checkIstio(checks: Checks, istio: SeldonDeploymentIstio, predictors: readonly SeldonPredictor[]): void {
  if (istio.gateway !== undefined) {
    checkGatewayRef(checks, 'istio.gateway', istio.gateway, 'use "<namespace>/<name>" (e.g. "istio-system/seldon-gateway"), a gateway name in the deployment\'s namespace, or "mesh"');
  }
  if (istio.retries !== undefined) checks.integer('istio.retries', istio.retries, 0);
  if (istio.retriesTimeout !== undefined) {
    checks.integer('istio.retriesTimeout', istio.retriesTimeout, 1);
    checks.expect((istio.retries ?? 0) > 0, 'istio.retriesTimeout', istio.retriesTimeout, 'is the per-try timeout of retries, but no retries are set: the operator ignores it', 'set istio.retries (e.g. 3) or remove retriesTimeout');
  }
  const hosts = hostList(istio.host);
  hosts.forEach((h, i) => checks.expect(HOST.test(h), typeof istio.host === 'string' ? 'istio.host' : `istio.host[${i}]`, h, 'is not a host name (a list is joined with commas, so a host cannot contain one)', 'use a DNS name such as "iris.models.svc.cluster.local", a short Service name, or "*"'));
  if (istio.host !== undefined) checks.expect(hosts.length > 0, 'istio.host', istio.host, 'is empty', 'set at least one host, or remove host for "*"');
  if (istio.gateway === MESH_GATEWAY) checkMeshRouting(checks, hosts, predictors);
}

/** Seed 002 "Using the Istio Service Mesh": a mesh VirtualService applies to one host, the main predictor's Service. */
function checkMeshRouting(checks: Checks, hosts: readonly string[], predictors: readonly SeldonPredictor[]): void {
  if (hosts.length !== 1 || hosts[0] === '*') {
    checks.fail('istio.host', hosts.length ? hosts.join(',') : undefined, 'must be exactly one host with the mesh gateway: Istio applies a mesh VirtualService to one host only, and "*" matches nothing inside the mesh', 'set istio.host to the main predictor\'s svcName, e.g. "canary-example-1"');
  }
  if (predictors[0]?.svcName === undefined) {
    checks.fail('predictors[0].svcName', undefined, 'is required on the main (first) predictor with the mesh gateway: it creates the unique Service the mesh VirtualService is attached to', 'set svcName to a Service name unique in the namespace, and istio.host to the same name');
  }
}

function checkReservedAnnotations(checks: Checks, path: string, annotations: Record<string, string> | undefined, reserved: readonly string[], fix: string): void {
  for (const key of Object.keys(annotations ?? {}).filter((k) => reserved.includes(k))) {
    checks.fail(`${path}.${key}`, annotations?.[key], 'is a typed setting of this construct', fix);
  }
}

function checkGraph(checks: Checks, path: string, unit: PredictiveUnit): void {
  checks.nonEmpty(`${path}.name`, unit?.name, 'name the graph node; for a custom image, after its container');
  if (unit?.logger !== undefined) checks.oneOf(`${path}.logger.mode`, unit.logger.mode, ['all', 'request', 'response'] as const);
  if (unit?.logger?.url !== undefined) checks.expect(HTTP_URL.test(unit.logger.url), `${path}.logger.url`, unit.logger.url, 'is not an http(s) URL', 'use the request logger URL, or remove url for the operator\'s default');
  (unit?.children ?? []).forEach((child, i) => checkGraph(checks, `${path}.children[${i}]`, child));
}

/** Images must be pinned: no `:latest` and no missing tag (which means latest). */
function checkImages(checks: Checks, path: string, spec: k8s.PodSpec): void {
  const containers = [...(spec?.initContainers ?? []).map((c, i) => [`initContainers[${i}]`, c] as const), ...(spec?.containers ?? []).map((c, i) => [`containers[${i}]`, c] as const)];
  for (const [where, container] of containers) {
    if (container.image === undefined) continue;
    const lastSegment = container.image.split('/').pop() ?? '';
    const pinned = container.image.includes('@sha256:') || (lastSegment.includes(':') && !lastSegment.endsWith(':latest'));
    checks.expect(pinned, `${path}.${where}.image`, container.image, 'is not pinned (no tag, or :latest): every sync could run a different model server', 'use a version tag or digest, e.g. "seldonio/mock_classifier:1.18.2"');
  }
}

function hostList(host: string | readonly string[] | undefined): string[] {
  if (host === undefined) return [];
  return typeof host === 'string' ? [host] : [...host];
}

function istioAnnotations(istio: SeldonDeploymentIstio): Record<string, string> {
  const hosts = hostList(istio.host);
  return {
    ...(istio.gateway !== undefined ? { [ISTIO_ANNOTATIONS.gateway]: istio.gateway } : {}),
    ...(istio.retries !== undefined ? { [ISTIO_ANNOTATIONS.retries]: String(istio.retries) } : {}),
    ...(istio.retriesTimeout !== undefined ? { [ISTIO_ANNOTATIONS.retriesTimeout]: String(istio.retriesTimeout) } : {}),
    ...(hosts.length > 0 ? { [ISTIO_ANNOTATIONS.host]: hosts.join(',') } : {}),
  };
}

function predictorJson(p: SeldonPredictor, sidecar: boolean): Record<string, unknown> {
  const labels = { ...(sidecar ? { 'sidecar.istio.io/inject': 'true' } : {}), ...p.labels };
  const annotations = { ...p.annotations, ...(p.svcName ? { [SVC_NAME_ANNOTATION]: p.svcName } : {}) };
  return {
    name: p.name,
    graph: graphJson(p.graph),
    ...(p.componentSpecs?.length ? { componentSpecs: p.componentSpecs.map(componentSpecJson) } : {}),
    replicas: p.replicas ?? 1,
    traffic: p.traffic,
    shadow: p.shadow,
    ...(Object.keys(labels).length > 0 ? { labels } : {}),
    ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
  };
}

function componentSpecJson(c: SeldonPodSpec): Record<string, unknown> {
  return { metadata: c.metadata, spec: k8s.toJson_PodSpec(c.spec), replicas: c.replicas };
}

function graphJson(unit: PredictiveUnit): Record<string, unknown> {
  return {
    name: unit.name,
    type: unit.type,
    implementation: unit.implementation,
    modelUri: unit.modelUri,
    envSecretRefName: unit.envSecretRefName,
    endpoint: unit.endpoint,
    parameters: unit.parameters,
    logger: unit.logger,
    ...(unit.children?.length ? { children: unit.children.map(graphJson) } : {}),
  };
}
