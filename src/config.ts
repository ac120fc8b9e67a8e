/**
 * The configuration a user edits, one typed object per environment (see src/environments/). Each concern owns the
 * documentation and seed defaults of its own options (src/concerns/<concern>.ts); this file composes them, resolves
 * the platform-wide defaults, and validates everything before anything is built or written.
 */
import type { CoreV1Options } from './concerns/core-v1';
import type { CoreV2Options } from './concerns/core-v2';
import type { ElasticsearchOptions } from './concerns/elasticsearch';
import type { GitOpsOptions } from './concerns/gitops';
import type { KafkaOptions } from './concerns/kafka';
import type { LoggingOptions } from './concerns/logging';
import type { MetaOperatorOptions } from './concerns/meta-operator';
import type { ModelCatalogueOptions } from './concerns/model-catalogue';
import type { MonitoringOptions } from './concerns/monitoring';
import type { SeldonDeployOptions } from './concerns/seldon-deploy';
import type { ServerlessOptions } from './concerns/serverless';
import type { ServiceMeshOptions } from './concerns/service-mesh';
import type { TlsOptions } from './concerns/tls';
import { Checks, isDnsLabel, isDnsSubdomain } from './lib/errors';
import { ArgoTarget } from './lib/argo-application';
import { IN_CLUSTER } from './lib/names';
import { checkOperatorPins, OperatorPin, Platform } from './lib/operator';
import { checkSecretSource, SecretsConfig } from './lib/secrets';
import { OLM } from './versions';
import { GIT_URL } from './lib/formats';
import { checkWorkloadValues } from './lib/workload-security';
import { checkOpenShiftVersion } from './lib/openshift-matrix';

/** The namespaces the platform creates and uses. Defaults are the seed's names. */
export interface PlatformNamespaces {
  /** Seldon Deploy, Core v1 operator, alerting rules. @default "seldon-system" */
  readonly system: string;
  /** Request logging, Knative broker, Elasticsearch. @default "seldon-logs" */
  readonly logs: string;
  /** The Kafka cluster. @default "seldon-kafka" */
  readonly kafka: string;
  /** Seldon Deploy's Argo CD instance. @default "seldon-argocd" */
  readonly argocd: string;
}

export const DEFAULT_NAMESPACES: PlatformNamespaces = {
  system: 'seldon-system',
  logs: 'seldon-logs',
  kafka: 'seldon-kafka',
  argocd: 'seldon-argocd',
};

/** How Argo CD picks up this render: the root Application of the environment. */
export interface DeliveryConfig {
  /** Git repository that holds the committed `dist/` (this repository). */
  readonly repoURL: string;
  /** Branch, tag or commit. @default "main" */
  readonly targetRevision?: string;
  /** Folder of this environment's render in the repository. @default "dist/<environment>" */
  readonly path?: string;
  /**
   * Namespace of the Argo CD instance that applies the platform (not Seldon Deploy's own instance).
   * @default "openshift-gitops" on OpenShift, "argocd" on Kubernetes
   */
  readonly argoNamespace?: string;
  /** Argo CD project of the platform's Applications. @default "default" */
  readonly project?: string;
  /** The cluster this environment targets, as Argo CD knows it. @default "https://kubernetes.default.svc" */
  readonly destinationServer?: string;
}

/** One environment: a cluster (or a stage) rendered into `dist/<name>/`. */
export interface PlatformConfig {
  /** Environment name; also the folder under dist/. A DNS-1123 label. */
  readonly name: string;
  readonly platform: Platform;
  readonly delivery: DeliveryConfig;
  /**
   * The cluster's default ingress domain (`oc get ingresses.config/cluster -o jsonpath={.spec.domain}`). Required on
   * OpenShift: the Seldon route is `seldon.<ingressDomain>`.
   */
  readonly ingressDomain?: string;
  /**
   * The cluster's OpenShift version (`oc get clusterversion version -o jsonpath={.status.desired.version}`), e.g.
   * "4.20" or "4.16.3". Required on OpenShift: it selects a row of the version matrix (src/versions.ts
   * `OPENSHIFT_MATRIX`), which decides the Service Mesh line (3 where it is supported, 2.6 otherwise), the Logging line,
   * the operator channels and the Seldon Core v1 install. A minor outside the matrix is refused with the nearest
   * supported one. OpenShift only.
   */
  readonly openshiftVersion?: string;
  readonly namespaces?: Partial<PlatformNamespaces>;
  /**
   * Per chart (by chart name, e.g. `cert-manager`, `seldon-deploy`), Helm values merged over the platform's workload
   * hardening and the concern's values (src/lib/workload-security.ts): resize a workload for this environment, e.g.
   * `{ 'cert-manager': { cainjector: { resources: { limits: { memory: '1Gi' } } } } }`. See docs/security.md.
   * @default none: the hardening's sizes
   */
  readonly workloadValues?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** Secret sources: existing secrets (default) or ExternalSecrets from a store. */
  readonly secrets?: SecretsConfig;
  /** Components. Each is on with seed defaults when omitted or `{}`, and off when `false`. */
  readonly serviceMesh?: ServiceMeshOptions | false;
  readonly serverless?: ServerlessOptions | false;
  readonly elasticsearch?: ElasticsearchOptions | false;
  readonly logging?: LoggingOptions | false;
  readonly monitoring?: MonitoringOptions | false;
  readonly modelCatalogue?: ModelCatalogueOptions | false;
  readonly gitops?: GitOpsOptions | false;
  readonly kafka?: KafkaOptions | false;
  readonly tls?: TlsOptions | false;
  readonly coreV1?: CoreV1Options | false;
  readonly coreV2?: CoreV2Options | false;
  readonly deploy?: SeldonDeployOptions | false;
  /** The Seldon Meta-Operator install mode: replaces the separate Core v1 and Deploy installs. Off by default. */
  readonly metaOperator?: MetaOperatorOptions | false;
  /**
   * OpenShift: OLM operators pinned to an exact version with manual upgrade approval, by package name
   * (`Subscription.spec.name`), e.g. `{ servicemeshoperator: { startingCSV: 'servicemeshoperator.v2.6.5' } }`. A package
   * not listed follows its channel with Automatic approval. See OperatorPin in src/lib/operator.ts and docs/upgrading.md.
   * @default {}
   */
  readonly operators?: Readonly<Record<string, OperatorPin>>;
}

/** The platform-wide settings after defaults. */
export interface ResolvedPlatform {
  readonly namespaces: PlatformNamespaces;
  readonly target: ArgoTarget;
  readonly delivery: Required<DeliveryConfig>;
}

/** Applies the platform-wide defaults. */
export function resolvePlatform(config: PlatformConfig): ResolvedPlatform {
  const argoNamespace = config.delivery?.argoNamespace ?? (config.platform === 'openshift' ? 'openshift-gitops' : 'argocd');
  const delivery: Required<DeliveryConfig> = {
    repoURL: config.delivery?.repoURL,
    targetRevision: config.delivery?.targetRevision ?? 'main',
    path: config.delivery?.path ?? `dist/${config.name}`,
    argoNamespace,
    project: config.delivery?.project ?? 'default',
    destinationServer: config.delivery?.destinationServer ?? IN_CLUSTER,
  };
  return {
    namespaces: { ...DEFAULT_NAMESPACES, ...config.namespaces },
    target: { argoNamespace, project: delivery.project, destinationServer: delivery.destinationServer },
    delivery,
  };
}

/** The minor version of an OpenShift 4.x version string ("4.16.3" → 16), or undefined when it is not one. */
export { openshiftMinor } from './lib/openshift-matrix';

/** Namespaces no model namespace may take: the platform's own, and those of Kubernetes, OpenShift and Istio. */
export function reservedNamespace(name: string, platform: PlatformNamespaces, componentNamespaces: readonly string[] = []): string | undefined {
  if (Object.values(platform).includes(name)) return 'it is one of the platform namespaces';
  if (componentNamespaces.includes(name) || OPERATOR_NAMESPACES.has(name)) return 'the platform installs an operator or component there';
  return clusterNamespace(name);
}

/** Namespaces the platform's operators and upstream charts are installed into (OLM packages and Helm releases). */
const OPERATOR_NAMESPACES: ReadonlySet<string> = new Set([
  ...Object.values(OLM).map((p) => p.namespace),
  'cert-manager',
  'elastic-system',
  'istio-ingress',
  'knative-operator',
  'monitoring',
  'external-secrets',
]);

/** Why a namespace belongs to the cluster or to a component the platform installs there, or undefined. */
function clusterNamespace(name: string): string | undefined {
  if (/^(openshift|kube)(-|$)/.test(name)) return 'openshift-* and kube-* namespaces belong to the cluster';
  if (['default', 'istio-system', 'istio-ingress', 'istio-cni', 'knative-serving', 'knative-eventing', 'cert-manager', 'argocd', 'openshift-gitops'].includes(name)) {
    return 'it belongs to a cluster component (the default namespace, Istio, Knative, cert-manager or Argo CD)';
  }
  return undefined;
}

/** Validates the platform-wide settings; concerns validate their own options (see SeldonPlatform). */
export function checkPlatformConfig(checks: Checks, config: PlatformConfig): void {
  checks.dnsLabel('name', config.name);
  checks.oneOf('platform', config.platform, ['openshift', 'kubernetes'] as const);
  if (checks.expect(typeof config.delivery === 'object' && config.delivery !== null, 'delivery', config.delivery, 'is required: Argo CD needs the repository that holds dist/', 'set delivery: { repoURL: "https://git.example.com/platform/seldon.git" }')) {
    checks.expect(typeof config.delivery.repoURL === 'string' && GIT_URL.test(config.delivery.repoURL), 'delivery.repoURL', config.delivery.repoURL, 'is not a Git URL Argo CD can clone', 'use an https://, ssh:// or git@ URL of the repository that holds dist/');
    if (config.delivery.destinationServer !== undefined) {
      checks.expect(/^https:\/\/\S+$/.test(config.delivery.destinationServer), 'delivery.destinationServer', config.delivery.destinationServer, 'is not an API server URL', 'use the cluster URL registered in Argo CD, e.g. https://kubernetes.default.svc');
    }
    if (config.delivery.argoNamespace !== undefined) checks.dnsLabel('delivery.argoNamespace', config.delivery.argoNamespace);
    checkDeliveryTarget(checks, config.delivery);
  }
  if (config.platform === 'openshift') {
    checks.expect(typeof config.ingressDomain === 'string' && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$/.test(config.ingressDomain), 'ingressDomain', config.ingressDomain, 'is required on OpenShift and must be a DNS domain: the Seldon route is seldon.<ingressDomain>', 'set it to the output of `oc get ingresses.config/cluster -o jsonpath={.spec.domain}`, e.g. "apps.cluster.example.com"');
  }
  if (config.platform === 'kubernetes' && config.ingressDomain !== undefined) {
    checks.fail('ingressDomain', config.ingressDomain, 'has no effect on Kubernetes: it only names the OpenShift Route (seldon.<ingressDomain>) and Seldon Deploy\'s default external URL on OpenShift', 'remove it; on Kubernetes expose the Istio ingress gateway and set serviceMesh.ingress.hosts (and deploy.externalUrl) to the names clients use');
  }
  checkOpenShiftVersion(checks, config.platform, config.openshiftVersion);
  checkWorkloadValues(checks, config.workloadValues);
  // Only the namespaces the platform has: an unknown key is the schema's to name (with "did you mean").
  const namespaces = Object.fromEntries(Object.entries(DEFAULT_NAMESPACES).map(([k, v]) => [k, (config.namespaces as Record<string, string> | undefined)?.[k] ?? v]));
  for (const [key, value] of Object.entries(namespaces)) {
    const cluster = checks.dnsLabel(`namespaces.${key}`, value) ? clusterNamespace(value) : undefined;
    // e.g. istio-system or cert-manager: the concern that installs there renders the same Namespace (or chart) again.
    if (cluster) checks.fail(`namespaces.${key}`, value, cluster, 'choose a name such as "seldon-system"');
  }
  const seen = new Map<string, string>();
  for (const [key, value] of Object.entries(namespaces)) {
    const other = seen.get(value);
    if (other) checks.fail(`namespaces.${key}`, value, `is also namespaces.${other}: each platform namespace has its own role`, 'give each a distinct name');
    seen.set(value, key);
  }
  if (config.secrets?.store) {
    checks.oneOf('secrets.store.kind', config.secrets.store.kind, ['ClusterSecretStore', 'SecretStore'] as const);
    checks.expect(isDnsLabel(config.secrets.store.name ?? ''), 'secrets.store.name', config.secrets.store.name, 'is not a valid store name', 'name the ClusterSecretStore that external-secrets serves, e.g. "vault"');
  }
  checkSecretSource(checks, 'secrets', undefined, config.secrets?.store);
  checkOperatorPins(checks, config.platform, config.operators);
  checkSecretDefaults(checks, config.secrets ?? {});
}

/** The root Application's revision, folder and project, which Argo CD would otherwise reject (or misread) at sync. */
function checkDeliveryTarget(checks: Checks, delivery: DeliveryConfig): void {
  if (delivery.targetRevision !== undefined) checks.nonEmpty('delivery.targetRevision', delivery.targetRevision, 'set a branch, tag or commit, e.g. "main", or remove it');
  if (delivery.path !== undefined) {
    checks.expect(typeof delivery.path === 'string' && delivery.path.length > 0 && !delivery.path.startsWith('/') && !delivery.path.split('/').includes('..'), 'delivery.path', delivery.path, 'is not a folder inside the repository (Argo CD takes paths relative to the repository root)', 'use a relative path such as "dist/prod", or remove it for dist/<environment>');
  }
  if (delivery.project !== undefined) checks.expect(typeof delivery.project === 'string' && isDnsSubdomain(delivery.project), 'delivery.project', delivery.project, 'is not an Argo CD project name (an AppProject is a Kubernetes object: a lower-case DNS name)', 'use the name of an AppProject, e.g. "default" or "platform"');
}

/** Defaults of the ExternalSecrets the platform renders: refresh interval and remote key prefix. */
function checkSecretDefaults(checks: Checks, secrets: SecretsConfig): void {
  if (secrets.refreshInterval !== undefined) {
    checks.expect(typeof secrets.refreshInterval === 'string' && /^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$/.test(secrets.refreshInterval), 'secrets.refreshInterval', secrets.refreshInterval, 'is not a duration the external-secrets operator accepts', 'use a Go duration such as "1h" or "15m"');
  }
  if (secrets.remoteKeyPrefix !== undefined) {
    checks.expect(typeof secrets.remoteKeyPrefix === 'string' && /^[^\s/](\S*[^\s/])?$/.test(secrets.remoteKeyPrefix), 'secrets.remoteKeyPrefix', secrets.remoteKeyPrefix, 'is not a key prefix: remote keys are <prefix>/<namespace>/<name>, so it must be non-empty, without spaces and without a leading or trailing "/"', 'use e.g. "seldon" or "platform/seldon"');
  }
}
