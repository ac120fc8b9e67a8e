import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { PlatformNamespaces, reservedNamespace } from '../config';
import { addSyncOptions } from '../lib/argo';
import { ModelNamespaceContext, ResolvedModelNamespaceOptions } from '../lib/concern';
import { Checks } from '../lib/errors';
import { namespaceRole, standardLabels } from '../lib/names';
import { GIT_URL, QUANTITY, quantityValue } from '../lib/formats';

/** What `SeldonPlatform.addModelNamespace(name, options)` accepts. Every field is optional. */
export interface ModelNamespaceOptions {
  /**
   * Seldon Deploy GitOps for this namespace: labels `seldon.gitops=enabled`, annotation `git-repo`, label
   * `argocd.argoproj.io/managed-by`, an AppProject destination and an Application `seldon-gitops-<namespace>`.
   * @default false
   */
  readonly gitops?: boolean;
  /** The Git repository Seldon Deploy writes this namespace's deployments to. @default the gitops concern's repository */
  readonly gitRepo?: string;
  /** Name of the Argo CD Application, when it is not `seldon-gitops-<namespace>` (sets the `argocdapp` label). */
  readonly argocdApp?: string;
  /** Serve Seldon Core v1 SeldonDeployments here. @default true when Core v1 is enabled */
  readonly coreV1?: boolean;
  /** Run a Seldon Core 2 runtime here (SeldonRuntime, TLS certificates, Kafka credentials, mesh route). @default true when Core 2 is enabled */
  readonly coreV2?: boolean;
  /** Require a valid JWT from this issuer for inference requests (Istio RequestAuthentication + AuthorizationPolicy). */
  readonly auth?: { readonly issuer: string; readonly jwksUri: string; readonly audiences?: readonly string[] };
  /** A ResourceQuota for the namespace. */
  readonly quota?: { readonly cpu: string; readonly memory: string; readonly pods?: number };
  /** A LimitRange with container defaults. */
  readonly limits?: { readonly defaultCpu: string; readonly defaultMemory: string; readonly defaultRequestCpu: string; readonly defaultRequestMemory: string };
  /** Core 2 models planned here, for the Kafka topic budget. @default 10 */
  readonly plannedModels?: number;
  /** Core 2 pipelines planned here, for the Kafka topic budget. @default 5 */
  readonly plannedPipelines?: number;
  /**
   * Protect the namespace from automatic deletion: when its call is removed (or the root Application is deleted),
   * Argo CD deletes the rendered objects in it but waits for a confirmation (`Prune=confirm`, `Delete=confirm`: the
   * UI's "Confirm Pruning", the CLI, or the `argocd.argoproj.io/deletion-approved` annotation on the Application)
   * before deleting the Namespace itself, and with it everything else inside (models Seldon Deploy synced through
   * GitOps, secrets created by hand, volumes). Recommended for production.
   * @default false
   */
  readonly confirmPrune?: boolean;
}

/** Which platform components a namespace can use. */
export interface ModelNamespaceDefaults {
  readonly coreV1: boolean;
  readonly coreV2: boolean;
  readonly gitops: boolean;
  /** Istio (OpenShift Service Mesh or upstream), which the auth policies need. */
  readonly serviceMesh: boolean;
}

/** Applies defaults to the options of one namespace. */
export function resolveModelNamespaceOptions(options: ModelNamespaceOptions, available: ModelNamespaceDefaults): ResolvedModelNamespaceOptions {
  return {
    gitops: options.gitops ?? false,
    gitRepo: options.gitRepo,
    argocdApp: options.argocdApp,
    coreV1: options.coreV1 ?? available.coreV1,
    coreV2: options.coreV2 ?? available.coreV2,
    auth: options.auth,
    quota: options.quota,
    limits: options.limits,
    plannedModels: options.plannedModels ?? 10,
    plannedPipelines: options.plannedPipelines ?? 5,
    confirmPrune: options.confirmPrune ?? false,
  };
}


/** Validates a namespace name and its options against what the platform has enabled. */
export function checkModelNamespace(
  checks: Checks,
  path: string,
  name: string,
  options: ModelNamespaceOptions,
  ctx: { namespaces: PlatformNamespaces; existing: ReadonlySet<string>; available: ModelNamespaceDefaults; componentNamespaces?: readonly string[] },
): void {
  if (checks.dnsLabel(`${path}.name`, name)) {
    const reserved = reservedNamespace(name, ctx.namespaces, ctx.componentNamespaces);
    if (reserved) checks.fail(`${path}.name`, name, `is reserved: ${reserved}`, 'choose another name for the model namespace, e.g. "models-team-a"');
    if (ctx.existing.has(name)) checks.fail(`${path}.name`, name, 'was added twice', 'add each model namespace once; pass all its options in one addModelNamespace call');
  }
  if (options.gitops && !ctx.available.gitops) checks.fail(`${path}.gitops`, true, 'needs the gitops component, which is disabled', 'enable gitops in the environment or drop gitops: true');
  if (options.coreV1 && !ctx.available.coreV1) checks.fail(`${path}.coreV1`, true, 'needs Seldon Core v1, which is disabled', 'enable coreV1 in the environment or drop coreV1: true');
  if (options.coreV2 && !ctx.available.coreV2) checks.fail(`${path}.coreV2`, true, 'needs Seldon Core 2, which is disabled', 'enable coreV2 in the environment or drop coreV2: true');
  if (options.argocdApp !== undefined) checks.dnsLabel(`${path}.argocdApp`, options.argocdApp);
  if (options.gitRepo !== undefined) {
    checks.expect(GIT_URL.test(options.gitRepo), `${path}.gitRepo`, options.gitRepo, 'is not a Git URL', 'use an https://, ssh:// or git@ URL');
  }
  if (options.auth && !ctx.available.serviceMesh) {
    checks.fail(`${path}.auth`, options.auth, 'needs the service mesh (RequestAuthentication and AuthorizationPolicy are Istio policies), which is disabled', 'enable serviceMesh in the environment or drop auth');
  }
  if (options.auth) {
    checks.expect(/^https:\/\/\S+$/.test(options.auth.issuer ?? ''), `${path}.auth.issuer`, options.auth.issuer, 'is not an https issuer URL', 'set the OIDC issuer, e.g. "https://keycloak.example.com/auth/realms/deploy-realm"');
    checks.expect(/^https:\/\/\S+$/.test(options.auth.jwksUri ?? ''), `${path}.auth.jwksUri`, options.auth.jwksUri, 'is not an https JWKS URL', 'set the issuer\'s JWKS endpoint (…/protocol/openid-connect/certs)');
  }
  checkRequiredQuantities(checks, path, options);
  // Only the keys a quota and limits have: an unknown key is the schema's to name (with "did you mean").
  if (options.quota?.pods !== undefined) checks.integer(`${path}.quota.pods`, options.quota.pods, 1);
  for (const field of ['quota', 'limits'] as const) {
    for (const key of Object.keys(REQUIRED_QUANTITIES[field])) {
      const value = (options[field] as Record<string, unknown> | undefined)?.[key];
      if (value !== undefined) checks.expect(typeof value === 'string' && QUANTITY.test(value), `${path}.${field}.${key}`, value, 'is not a Kubernetes quantity', 'use a quantity such as "4", "500m" or "8Gi"');
    }
  }
  checkPlannedCount(checks, `${path}.plannedModels`, options.plannedModels ?? 10);
  checkPlannedCount(checks, `${path}.plannedPipelines`, options.plannedPipelines ?? 5);
  if (typeof options.quota?.pods === 'number' && options.quota.pods > MAX_PODS) {
    checks.fail(`${path}.quota.pods`, options.quota.pods, `is above ${MAX_PODS}, the most pods Kubernetes supports in a whole cluster ("No more than 150,000 total pods", kubernetes.io/docs/setup/best-practices/cluster-large/), so the quota limits nothing`, `set the pods this namespace may really run, e.g. 200, or drop pods`);
  }
  checkLimitsOrder(checks, path, options.limits);
  const audiences = options.auth?.audiences;
  if (Array.isArray(audiences) && audiences.length === 0) {
    checks.fail(`${path}.auth.audiences`, audiences, 'is empty, which renders the RequestAuthentication without audiences (src/concerns/model-auth.ts): the audience restriction the list asks for is silently dropped and a token of the issuer for any audience is accepted', 'list the audiences a token must carry, e.g. ["seldon"], or remove audiences to accept any audience of the issuer explicitly');
  }
  if (Array.isArray(audiences)) audiences.forEach((a, i) => checks.expect(typeof a === 'string' && a.trim() !== '', `${path}.auth.audiences[${i}]`, a, 'is empty: an audience must be a non-empty string (the CRD requires minLength 1)', 'give the audience a token must carry, e.g. "seldon"'));
}

/** More pods than any Kubernetes cluster supports: kubernetes.io/docs/setup/best-practices/cluster-large/. */
const MAX_PODS = 150_000;

/**
 * A planned count of Core 2 models or pipelines above this is not a plan: each is a Kubernetes object in etcd (2 GiB
 * default storage, 8 GiB suggested maximum: etcd.io/docs/v3.4/dev-guide/limit/) and brings 2 Kafka topics of
 * `numPartitions` partitions each. A sanity bound, far above any real namespace, that catches typos such as 1e12.
 */
const MAX_PLANNED = 100_000;

function checkPlannedCount(checks: Checks, path: string, value: unknown): void {
  if (!checks.integer(path, value, 0)) return;
  checks.expect((value as number) <= MAX_PLANNED, path, value, `is above ${MAX_PLANNED}, a count no cluster could hold: each is a Kubernetes object in etcd and 2 Kafka topics of numPartitions partitions each, and the topic budget is computed from it`, `plan the models and pipelines this namespace will really serve, e.g. 10 (at most ${MAX_PLANNED})`);
}

/** A LimitRange's default request above its default limit: every container given both defaults would be refused. */
function checkLimitsOrder(checks: Checks, path: string, limits: ModelNamespaceOptions['limits']): void {
  if (!limits) return;
  for (const [request, limit, resource] of [['defaultRequestCpu', 'defaultCpu', 'cpu'], ['defaultRequestMemory', 'defaultMemory', 'memory']] as const) {
    const r = typeof limits[request] === 'string' ? quantityValue(limits[request]) : undefined;
    const l = typeof limits[limit] === 'string' ? quantityValue(limits[limit]) : undefined;
    if (r !== undefined && l !== undefined && r > l) {
      checks.fail(`${path}.limits.${request}`, limits[request], `is above limits.${limit} (${JSON.stringify(limits[limit])}): a container without explicit ${resource} would get a request above its limit, which the API server's pod validation refuses ("must be less than or equal to ${resource} limit")`, `set ${request} <= ${limit}, e.g. ${request}: ${JSON.stringify(limits[limit])} or lower`);
    }
  }
}

/** Examples of the quantities a ResourceQuota (`quota`) and a LimitRange (`limits`) need, all of them. */
const REQUIRED_QUANTITIES = {
  quota: { cpu: '4', memory: '8Gi' },
  limits: { defaultCpu: '1', defaultMemory: '1Gi', defaultRequestCpu: '100m', defaultRequestMemory: '256Mi' },
} as const;

/** A quota or limits given in part would render an incomplete (unserialisable) object: name each missing value. */
function checkRequiredQuantities(checks: Checks, path: string, options: ModelNamespaceOptions): void {
  for (const [field, examples] of Object.entries(REQUIRED_QUANTITIES) as [keyof typeof REQUIRED_QUANTITIES, Record<string, string>][]) {
    const given: Record<string, unknown> | undefined = options[field];
    if (given === undefined) continue;
    for (const [key, example] of Object.entries(examples).filter(([k]) => given[k] === undefined)) {
      checks.fail(`${path}.${field}.${key}`, undefined, `is required when ${field} is set: the ${field === 'quota' ? 'ResourceQuota' : 'LimitRange'} needs every value`, `set ${key}, e.g. ${JSON.stringify(example)}, or remove ${field}`);
    }
  }
  if (options.quota !== undefined && options.limits === undefined) {
    checks.fail(`${path}.limits`, undefined, 'is required with a quota: the quota covers limits.cpu and limits.memory, so Kubernetes rejects every container without explicit limits (predictors, Knative queue-proxy) unless a LimitRange sets defaults', 'set limits: { defaultCpu: "1", defaultMemory: "2Gi", defaultRequestCpu: "100m", defaultRequestMemory: "256Mi" }');
  }
}

/**
 * A namespace where models run: the Namespace (`seldon.restricted=false`), traffic within the namespace, and optional
 * quota and limits. Concerns add the rest through their `addModelNamespace` hooks (policies, monitors, rules, mesh
 * membership, GitOps, Core 2 runtime).
 */
export class ModelNamespace extends Construct implements ModelNamespaceContext {
  public readonly name: string;
  public readonly options: ResolvedModelNamespaceOptions;
  public readonly namespace: k8s.KubeNamespace;

  constructor(scope: Construct, id: string, name: string, options: ResolvedModelNamespaceOptions) {
    super(scope, id);
    this.name = name;
    this.options = options;
    const labels = standardLabels('model-namespace');
    this.namespace = new k8s.KubeNamespace(this, 'Namespace', {
      metadata: { name, labels: { ...labels, ...namespaceRole('models'), 'seldon.restricted': 'false' } },
    });
    if (options.confirmPrune) addSyncOptions(this.namespace, 'Prune=confirm', 'Delete=confirm');
    new k8s.KubeNetworkPolicy(this, 'SameNamespace', {
      metadata: { name: 'allow-same-namespace', namespace: name, labels },
      spec: { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: {} }] }] },
    });
    if (options.quota) {
      new k8s.KubeResourceQuota(this, 'Quota', {
        metadata: { name: 'seldon-models', namespace: name, labels },
        spec: {
          hard: {
            'requests.cpu': k8s.Quantity.fromString(options.quota.cpu),
            'requests.memory': k8s.Quantity.fromString(options.quota.memory),
            'limits.cpu': k8s.Quantity.fromString(options.quota.cpu),
            'limits.memory': k8s.Quantity.fromString(options.quota.memory),
            ...(options.quota.pods !== undefined ? { pods: k8s.Quantity.fromNumber(options.quota.pods) } : {}),
          },
        },
      });
    }
    if (options.limits) {
      new k8s.KubeLimitRange(this, 'Limits', {
        metadata: { name: 'seldon-models', namespace: name, labels },
        spec: {
          limits: [
            {
              type: 'Container',
              default: { cpu: k8s.Quantity.fromString(options.limits.defaultCpu), memory: k8s.Quantity.fromString(options.limits.defaultMemory) },
              defaultRequest: { cpu: k8s.Quantity.fromString(options.limits.defaultRequestCpu), memory: k8s.Quantity.fromString(options.limits.defaultRequestMemory) },
            },
          ],
        },
      });
    }
  }

  /** The scope concerns render this namespace's objects into. */
  public get scope(): Construct {
    return this;
  }
}
