import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { isBuiltInGroup } from '../validation/kinds';

/**
 * Argo CD applies by sync wave, not by file order. Every object gets an explicit wave: namespaces and operators first,
 * their custom resources after, Seldon after its dependencies, model namespaces last.
 */
export enum Wave {
  /** The root Application and bootstrap objects. */
  BOOTSTRAP = -1,
  NAMESPACES = 0,
  /** OperatorGroups, ServiceAccounts, RBAC, ConfigMaps, secret references: what operators and instances need first. */
  PREREQUISITES = 1,
  /** Subscriptions and operator Helm Applications. */
  OPERATORS = 2,
  /** Operator instances: control planes, Knative, Kafka, Elasticsearch, Argo CD, logging. */
  INSTANCES = 3,
  /** Objects configuring an instance: member rolls, gateways, routes, brokers, users, monitors, rules, projects. */
  INSTANCE_CONFIG = 4,
  /** Seldon operators and charts (Core v1, Core 2, Deploy). */
  SELDON = 5,
  /** Seldon custom resources and routing (runtimes, mesh virtual services). */
  SELDON_RESOURCES = 6,
  /** Model namespaces render from here on (their own objects offset from this). */
  MODEL_NAMESPACES = 10,
}

/** The wave of each kind when its construct does not set one. A kind missing here must be given a wave explicitly. */
const WAVE_BY_KIND: Readonly<Record<string, Wave>> = {
  Namespace: Wave.NAMESPACES,
  OperatorGroup: Wave.PREREQUISITES,
  ServiceAccount: Wave.PREREQUISITES,
  Role: Wave.PREREQUISITES,
  RoleBinding: Wave.PREREQUISITES,
  ClusterRole: Wave.PREREQUISITES,
  ClusterRoleBinding: Wave.PREREQUISITES,
  ConfigMap: Wave.PREREQUISITES,
  ExternalSecret: Wave.PREREQUISITES,
  NetworkPolicy: Wave.PREREQUISITES,
  ResourceQuota: Wave.PREREQUISITES,
  LimitRange: Wave.PREREQUISITES,
  Subscription: Wave.OPERATORS,
  ServiceMeshControlPlane: Wave.INSTANCES,
  /** OpenShift Service Mesh 3 (Sail operator) control plane and CNI. */
  Istio: Wave.INSTANCES,
  IstioCNI: Wave.INSTANCES,
  KnativeServing: Wave.INSTANCES,
  KnativeEventing: Wave.INSTANCES,
  Kafka: Wave.INSTANCES,
  KafkaNodePool: Wave.INSTANCES,
  Elasticsearch: Wave.INSTANCES,
  /** cert-manager objects come after the operator that serves them (wave 2 on Kubernetes). */
  Issuer: Wave.INSTANCES,
  ClusterIssuer: Wave.INSTANCES,
  Certificate: Wave.INSTANCES,
  ArgoCD: Wave.INSTANCES,
  ClusterLogging: Wave.INSTANCES,
  Service: Wave.INSTANCES,
  Deployment: Wave.INSTANCES,
  StatefulSet: Wave.INSTANCES,
  PersistentVolumeClaim: Wave.INSTANCES,
  ServiceMeshMemberRoll: Wave.INSTANCE_CONFIG,
  Gateway: Wave.INSTANCE_CONFIG,
  Route: Wave.INSTANCE_CONFIG,
  Broker: Wave.INSTANCE_CONFIG,
  KafkaUser: Wave.INSTANCE_CONFIG,
  ClusterLogForwarder: Wave.INSTANCE_CONFIG,
  PodMonitor: Wave.INSTANCE_CONFIG,
  ServiceMonitor: Wave.INSTANCE_CONFIG,
  PrometheusRule: Wave.INSTANCE_CONFIG,
  AlertmanagerConfig: Wave.INSTANCE_CONFIG,
  AppProject: Wave.INSTANCE_CONFIG,
  PeerAuthentication: Wave.INSTANCE_CONFIG,
  RequestAuthentication: Wave.INSTANCE_CONFIG,
  AuthorizationPolicy: Wave.INSTANCE_CONFIG,
  DestinationRule: Wave.INSTANCE_CONFIG,
  SeldonOperator: Wave.SELDON,
  SeldonRuntime: Wave.SELDON_RESOURCES,
  Server: Wave.SELDON_RESOURCES,
  VirtualService: Wave.SELDON_RESOURCES,
  SeldonDeployment: Wave.SELDON_RESOURCES,
};

export const SYNC_WAVE = 'argocd.argoproj.io/sync-wave';
export const SYNC_OPTIONS = 'argocd.argoproj.io/sync-options';

/** The annotations an object has so far. */
function annotationsOf(obj: ApiObject): Record<string, string> {
  return (obj.metadata.toJson() as { annotations?: Record<string, string> }).annotations ?? {};
}

/** Sets an object's sync wave explicitly (the final pass keeps it). */
export function setSyncWave(obj: ApiObject, wave: number): void {
  obj.metadata.addAnnotation(SYNC_WAVE, String(wave));
}

/** Adds Argo CD sync options to an object (merged with any it has). */
export function addSyncOptions(obj: ApiObject, ...options: string[]): void {
  const current = annotationsOf(obj)[SYNC_OPTIONS];
  const merged = new Set([...(current ? current.split(',') : []), ...options]);
  obj.metadata.addAnnotation(SYNC_OPTIONS, [...merged].sort().join(','));
}


/** The API group of an apiVersion (`''` for the core group). */
export function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
}

/** Options for the final Argo CD pass. */
export interface ArgoPassOptions {
  /**
   * `group/Kind` pairs (or `group/*`) whose CRDs exist before Argo CD syncs this render, so they need no
   * `SkipDryRunOnMissingResource`: e.g. OLM and routes on OpenShift, Argo CD's own Application and AppProject.
   */
  readonly preinstalled: readonly string[];
}

/** Objects in a chart that implements this are offset by `waveOffset` (model namespaces render last). */
export interface WaveOffsetChart {
  readonly waveOffset: number;
}

function waveOffsetOf(obj: IConstruct): number {
  const chart = Chart.of(obj) as Partial<WaveOffsetChart>;
  return typeof chart.waveOffset === 'number' ? chart.waveOffset : 0;
}

/**
 * The final pass over every object of an app: gives each a sync wave (its own, else by kind, plus its chart's offset)
 * and adds `SkipDryRunOnMissingResource=true` to custom resources whose CRD an operator installs during the same sync.
 * Throws when a kind has no wave: every object must be ordered on purpose.
 */
export function applyArgoConventions(root: IConstruct, options: ArgoPassOptions): void {
  const preinstalled = new Set(options.preinstalled);
  for (const obj of root.node.findAll().filter(ApiObject.isApiObject)) {
    const annotations = annotationsOf(obj);
    if (annotations[SYNC_WAVE] === undefined) {
      const wave = WAVE_BY_KIND[obj.kind];
      if (wave === undefined) {
        throw new Error(`${obj.kind} ${obj.node.path} has no sync wave: set one with setSyncWave() or add ${obj.kind} to WAVE_BY_KIND in src/lib/argo.ts`);
      }
      setSyncWave(obj, wave + waveOffsetOf(obj));
    }
    const group = groupOf(obj.apiVersion);
    if (!isBuiltInGroup(group) && !preinstalled.has(`${group}/${obj.kind}`) && !preinstalled.has(`${group}/*`)) {
      addSyncOptions(obj, 'SkipDryRunOnMissingResource=true');
    }
  }
}
