import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { Application } from '../../imports/argo-application-argoproj.io';
import { AppProject } from '../../imports/argo-appproject-argoproj.io';
import {
  ArgoCdv1Beta1,
  ArgoCdv1Beta1SpecServerRouteTlsInsecureEdgeTerminationPolicy,
  ArgoCdv1Beta1SpecServerRouteTlsTermination,
} from '../../imports/argocd-operator-argoproj.io';
import type { PlatformConfig } from '../config';
import { addSyncOptions, setSyncWave, Wave } from '../lib/argo';
import { Concern, ModelNamespaceContext, PlatformContext } from '../lib/concern';
import { Checks, ConfigError, isDnsSubdomain } from '../lib/errors';
import { IN_CLUSTER, standardLabels } from '../lib/names';
import { OperatorInstall } from '../lib/operator';
import { Registry, stringRegistry } from '../lib/registry';
import { checkSecretSource, SecretSource } from '../lib/secrets';
import { olmPackage } from '../lib/openshift-matrix';
import { OLM_HEALTH_CHECKS, WAVE_HEALTH_ANNOTATION, WAVE_HEALTH_IGNORE } from './gitops-health-checks';
import type { ModelNamespace } from './model-namespace';
import { GIT_URL } from '../lib/formats';

const COMPONENT = 'gitops';

/** A secret the GitOps wiring needs: its name, keys and source. */
export interface GitOpsSecretOptions {
  readonly secretName?: string;
  readonly keys?: readonly string[];
  /** @default the platform's secrets setting */
  readonly source?: SecretSource;
}

/** Options of Seldon Deploy's GitOps (seed 004, "ArgoCD" and "Adding new namespace"). */
export interface GitOpsOptions {
  /**
   * The Git repository Seldon Deploy writes model deployments to (the seed's `https://github.com/<org>/<private-repo>`):
   * each GitOps-enabled namespace syncs the folder `<namespace>` of it. Required as soon as a model namespace has
   * `gitops: true` without its own `gitRepo`.
   */
  readonly repoURL?: string;
  /** Branch or tag the namespace Applications track. @default unset: Argo CD's default, HEAD (as the seed) */
  readonly targetRevision?: string;
  /**
   * OpenShift: install the OpenShift GitOps operator from the render. By default it is a prerequisite: the operator
   * runs the Argo CD that applies this render, so the render must not install (or upgrade, or prune) it;
   * `dist/<env>/bootstrap/README.md` says how to install it (package, channel, namespace, approval) and `preflight.sh`
   * checks it. `true` renders its Namespace, OperatorGroup and Subscription with the names of Red Hat's CLI install
   * (namespace, OperatorGroup and Subscription `openshift-gitops-operator`), marked Prune=false and Delete=false; the
   * bootstrap applies them before the first sync and its preflight refuses a cluster where the operator was installed
   * otherwise (from the console: an OperatorGroup with a generated name; OLM allows one OperatorGroup per namespace).
   * Its default instance in `openshift-gitops` stays (no DISABLE_DEFAULT_ARGOCD_INSTANCE): it runs the root Application.
   * @default false
   */
  readonly installOperator?: boolean;
  /** OpenShift: name of Seldon's own ArgoCD instance (in `namespaces.argocd`). @default "seldon-argocd" */
  readonly instanceName?: string;
  /**
   * OpenShift: `ArgoCD.spec.rbac.policy`. The seed: the default `g, system:cluster-admins, role:admin` does not give
   * OpenShift admins the admin role in some configurations. @default "g, cluster-admins, role:admin"
   */
  readonly rbacPolicy?: string;
  /** OpenShift: `ArgoCD.spec.rbac.scopes`. @default "[groups]" */
  readonly rbacScopes?: string;
  /**
   * OpenShift: TLS termination of the Argo CD server route; `reencrypt` reuses the cluster's ingress certificate
   * (seed). HTTP is redirected to HTTPS. @default "reencrypt"
   */
  readonly routeTermination?: 'reencrypt' | 'passthrough';
  /** Argo CD project of the namespace Applications. @default "seldon" */
  readonly project?: string;
  /** Cluster-scoped kinds the project may deploy. @default [{ group: "*", kind: "*" }] (seed) */
  readonly clusterResourceWhitelist?: ReadonlyArray<{ readonly group: string; readonly kind: string }>;
  /** Namespace Applications delete what Git no longer has. @default false (seed: `automated: {}`) */
  readonly prune?: boolean;
  /** Namespace Applications revert changes made outside Git. @default false (seed: `automated: {}`) */
  readonly selfHeal?: boolean;
  /**
   * Argo CD's credentials for the repository: a secret labelled `argocd.argoproj.io/secret-type: repository` in the
   * Argo CD namespace (an ExternalSecret sets the label; an existing secret must carry it). `false` for a public
   * repository. @default secretName "seldon-gitops-repository", keys type, url, username, password (seed, HTTPS)
   */
  readonly repositoryCredentials?: GitOpsSecretOptions | false;
  /**
   * Seldon Deploy's credentials for pushing to the repository (`gitops.git.secret`) in the Seldon system namespace.
   * For HTTPS use keys such as ["username", "password", "email"].
   * @default secretName "git-creds", keys id_rsa, known_hosts, passphrase, username, email (seed, SSH)
   */
  readonly gitCredentials?: GitOpsSecretOptions;
}

/** What Seldon Deploy needs from GitOps (its `gitops.*` values). */
export interface GitOpsWiring {
  /** The namespace of the Argo CD instance Deploy creates Applications with. */
  readonly argocdNamespace: string;
  /** Deploy's Git credentials secret. */
  readonly gitSecret: string;
}

const REPOSITORY_KEYS = ['type', 'url', 'username', 'password'];
const GIT_KEYS = ['id_rsa', 'known_hosts', 'passphrase', 'username', 'email'];

/** One AppProject destination. */
interface Destination {
  readonly namespace: string;
  readonly server: string;
}

/**
 * Seldon Deploy's GitOps: an Argo CD instance, the `seldon` AppProject, repository and Git credentials, and per
 * GitOps-enabled model namespace the labels, project destination and `seldon-gitops-<namespace>` Application.
 *
 * OpenShift: a dedicated `ArgoCD` (seed: `seldon-argocd`), served by the OpenShift GitOps operator that also runs the
 * Argo CD applying this render (a prerequisite unless `installOperator`), whose Applications deploy to its own cluster. Kubernetes: no second instance; Seldon uses the Argo CD that applies this platform (its
 * namespace, `delivery.argoNamespace`), deploying to `delivery.destinationServer`.
 */
export class GitOps extends Construct implements Concern {
  public readonly wiring: GitOpsWiring;
  private readonly ctx: PlatformContext;
  private readonly options: GitOpsOptions;
  private readonly dedicated: boolean;
  private readonly argocdNamespace: string;
  /** Where Argo CD objects of the instance are rendered (the platform instance's may live in another cluster). */
  private readonly argoScope: Construct;
  private readonly project: string;
  private readonly server: string;
  private readonly repos = stringRegistry();
  private readonly destinations = new Registry<Destination>((d) => `${d.server} ${d.namespace}`);

  constructor(scope: Construct, id: string, ctx: PlatformContext, options: GitOpsOptions) {
    super(scope, id);
    this.ctx = ctx;
    this.options = options;
    this.dedicated = ctx.platform === 'openshift';
    this.argocdNamespace = this.dedicated ? ctx.namespaces.argocd : ctx.target.argoNamespace;
    this.argoScope = this.dedicated ? this : (ctx.target.applications ?? this);
    this.server = this.dedicated ? IN_CLUSTER : ctx.target.destinationServer;
    this.project = options.project ?? 'seldon';
    if (options.repoURL) this.repos.add(options.repoURL);
    if (this.dedicated) this.renderInstance();
    this.renderProject();
    this.renderRepositoryCredentials();
    const git = options.gitCredentials ?? {};
    const gitSecret = ctx.secret(this, 'GitCredentials', {
      name: git.secretName ?? 'git-creds',
      namespace: ctx.namespaces.system,
      keys: git.keys ?? GIT_KEYS,
      purpose: 'Seldon Deploy pushes model deployments to the GitOps repository with these credentials (SSH key or user/password)',
      component: COMPONENT,
      source: git.source,
    });
    this.wiring = { argocdNamespace: this.argocdNamespace, gitSecret: gitSecret.name };
  }

  /**
   * A GitOps-enabled model namespace (`gitops: true`): labels `seldon.gitops=enabled` (and, for the operator-managed
   * instance, `argocd.argoproj.io/managed-by`), annotation `git-repo`, the project destination, and its Application.
   */
  public addModelNamespace(ns: ModelNamespaceContext): void {
    if (!ns.options.gitops) return;
    const repo = ns.options.gitRepo ?? this.options.repoURL;
    if (!repo) {
      throw new ConfigError([
        {
          path: 'gitops.repoURL',
          value: undefined,
          problem: `is required: model namespace ${JSON.stringify(ns.name)} has gitops: true, and Seldon Deploy needs the repository it writes deployments to`,
          fix: `set gitops: { repoURL: "https://git.example.com/models/seldon-gitops.git" } or addModelNamespace(${JSON.stringify(ns.name)}, { gitops: true, gitRepo: "..." })`,
        },
      ]);
    }
    const appName = ns.options.argocdApp ?? `seldon-gitops-${ns.name}`;
    const namespace = (ns as ModelNamespace).namespace.metadata;
    namespace.addLabel('seldon.gitops', 'enabled');
    namespace.addAnnotation('git-repo', repo);
    if (this.dedicated) namespace.addLabel('argocd.argoproj.io/managed-by', this.argocdNamespace);
    if (ns.options.argocdApp) namespace.addLabel('argocdapp', ns.options.argocdApp);
    this.repos.add(repo);
    this.destinations.add({ namespace: ns.name, server: this.server });
    this.renderApplication(this.applicationScope(ns), appName, ns.name, repo);
  }

  /** In-cluster, a namespace's Application lives in its own folder; for a remote cluster, with the Argo CD objects. */
  private applicationScope(ns: ModelNamespaceContext): Construct {
    return this.dedicated || this.server === IN_CLUSTER ? ns.scope : this.argoScope;
  }

  private renderApplication(scope: Construct, name: string, namespace: string, repoURL: string): void {
    const automated = { ...(this.options.prune ? { prune: true } : {}), ...(this.options.selfHeal ? { selfHeal: true } : {}) };
    // The models repository belongs to the model teams and has no folder for a namespace before its first model:
    // this Application must not hold up the platform's sync waves (see gitops-health-checks.ts).
    const app = new Application(scope, scope === this.argoScope ? name : 'GitOpsApplication', {
      metadata: { name, namespace: this.argocdNamespace, labels: standardLabels(COMPONENT), annotations: { [WAVE_HEALTH_ANNOTATION]: WAVE_HEALTH_IGNORE } },
      spec: {
        project: this.project,
        destination: { namespace, server: this.server },
        source: {
          repoUrl: repoURL,
          path: namespace,
          directory: { recurse: true },
          ...(this.options.targetRevision ? { targetRevision: this.options.targetRevision } : {}),
        },
        syncPolicy: { automated },
      },
    });
    setSyncWave(app, Wave.MODEL_NAMESPACES + Wave.SELDON_RESOURCES);
  }

  /**
   * OpenShift: Seldon's `ArgoCD` (and the GitOps operator only with `installOperator: true`). The seed's v1alpha1 top-level `dex` moved under `sso` in
   * v1beta1 (`sso: { provider: dex, dex: { openShiftOAuth } }`). Annotation tracking and an installation id keep this
   * instance and the platform's from claiming each other's objects. The OLM health checks serve Seldon Deploy's
   * GitOps when model repositories hold Subscriptions; the waves of this render wait on the health checks of the
   * Argo CD that applies it, rendered into `dist/<env>/bootstrap/` (src/concerns/bootstrap.ts, docs/bootstrap.md).
   */
  private renderInstance(): void {
    const o = this.options;
    if (o.installOperator === true) {
      const operator = new OperatorInstall(this, 'Operator', { platform: 'openshift', olm: olmPackage(this.ctx.openshift, 'gitops'), target: this.ctx.target, component: COMPONENT });
      // Never pruned, never deleted with the root Application: this operator runs the Argo CD that applies the render.
      for (const child of operator.node.findAll()) if (child instanceof ApiObject) addSyncOptions(child, 'Prune=false', 'Delete=false');
    }
    const name = o.instanceName ?? 'seldon-argocd';
    const labels = standardLabels(COMPONENT);
    new ArgoCdv1Beta1(this, 'Instance', {
      metadata: { name, namespace: this.argocdNamespace, labels },
      spec: {
        server: {
          route: {
            enabled: true,
            tls: {
              termination: o.routeTermination === 'passthrough' ? ArgoCdv1Beta1SpecServerRouteTlsTermination.PASSTHROUGH : ArgoCdv1Beta1SpecServerRouteTlsTermination.REENCRYPT,
              insecureEdgeTerminationPolicy: ArgoCdv1Beta1SpecServerRouteTlsInsecureEdgeTerminationPolicy.REDIRECT,
            },
          },
        },
        sso: { provider: 'dex', dex: { openShiftOAuth: true } },
        rbac: { policy: o.rbacPolicy ?? 'g, cluster-admins, role:admin', scopes: o.rbacScopes ?? '[groups]' },
        resourceTrackingMethod: 'annotation',
        installationId: name,
        resourceHealthChecks: OLM_HEALTH_CHECKS.map((c) => ({ ...c })),
      },
    });
    // The namespace admits only platform namespaces; the OpenShift router must reach the Argo CD server for its route.
    new k8s.KubeNetworkPolicy(this, 'AllowRouter', {
      metadata: { name: 'allow-openshift-ingress', namespace: this.argocdNamespace, labels },
      spec: {
        podSelector: { matchLabels: { 'app.kubernetes.io/name': `${name}-server` } },
        policyTypes: ['Ingress'],
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'network.openshift.io/policy-group': 'ingress' } } }] }],
      },
    });
  }

  /** The seed's AppProject: its repositories and destinations grow with each GitOps-enabled namespace. */
  private renderProject(): void {
    const p = this.project;
    new AppProject(this.argoScope, this.argoScope === this ? 'Project' : `appproject-${p}`, {
      metadata: { name: p, namespace: this.argocdNamespace, labels: standardLabels(COMPONENT) },
      spec: {
        description: 'Seldon Deploy Project',
        sourceRepos: this.repos.lazy((repos) => repos),
        destinations: this.destinations.lazy((ds) => ds.map((d) => ({ namespace: d.namespace, server: d.server }))),
        clusterResourceWhitelist: (this.options.clusterResourceWhitelist ?? [{ group: '*', kind: '*' }]).map((r) => ({ group: r.group, kind: r.kind })),
        roles: [
          {
            name: 'seldon-admin',
            policies: ['get', 'create', 'update', 'delete', 'sync'].map((action) => `p, proj:${p}:seldon-admin, applications, ${action}, ${p}/*, allow`),
          },
        ],
      },
    });
  }

  /** Argo CD's repository secret, labelled as a repository (seed: `seldon-gitops-repository`). */
  private renderRepositoryCredentials(): void {
    const repo = this.options.repositoryCredentials;
    if (repo === false) return;
    this.ctx.secret(this.argoScope, 'RepositoryCredentials', {
      name: repo?.secretName ?? 'seldon-gitops-repository',
      namespace: this.argocdNamespace,
      keys: repo?.keys ?? REPOSITORY_KEYS,
      purpose: 'Argo CD reads the Seldon GitOps repository with these credentials; the secret carries the label argocd.argoproj.io/secret-type=repository',
      component: COMPONENT,
      source: repo?.source,
      targetLabels: { 'argocd.argoproj.io/secret-type': 'repository' },
    });
  }
}

/** Validates the Seldon Deploy GitOps (Argo CD) options. */
export function checkGitOps(checks: Checks, options: GitOpsOptions, config: PlatformConfig): void {
  const store = config.secrets?.store;
  if (options.repoURL !== undefined) {
    checks.expect(GIT_URL.test(options.repoURL), 'gitops.repoURL', options.repoURL, 'is not a Git URL Argo CD can clone', 'use an https://, ssh:// or git@ URL, e.g. "https://git.example.com/models/seldon-gitops.git"');
  }
  if (config.platform === 'kubernetes') {
    for (const field of ['installOperator', 'instanceName', 'rbacPolicy', 'rbacScopes', 'routeTermination'] as const) {
      if (options[field] !== undefined) {
        checks.fail(`gitops.${field}`, options[field], 'configures the dedicated OpenShift GitOps instance; on Kubernetes Seldon uses the Argo CD that applies the platform', `remove gitops.${field}`);
      }
    }
  }
  if (options.instanceName !== undefined) checks.dnsLabel('gitops.instanceName', options.instanceName);
  if (options.routeTermination !== undefined) checks.oneOf('gitops.routeTermination', options.routeTermination, ['reencrypt', 'passthrough'] as const, 'the Argo CD server serves TLS itself');
  if (options.project !== undefined && checks.dnsLabel('gitops.project', options.project)) {
    const platformProject = config.delivery?.project ?? 'default';
    checks.expect(
      options.project !== 'default' && options.project !== platformProject,
      'gitops.project',
      options.project,
      `would replace the Argo CD project ${options.project === 'default' ? '"default"' : 'of the platform\'s own Applications (delivery.project)'}: its repositories and destinations are only the models repository and namespaces, so the platform could no longer sync itself`,
      'use a project of its own, e.g. "seldon" (the default)',
    );
  }
  for (const [field, secret] of [['repositoryCredentials', options.repositoryCredentials], ['gitCredentials', options.gitCredentials]] as const) {
    if (!secret) continue;
    if (secret.secretName !== undefined) checks.expect(isDnsSubdomain(secret.secretName), `gitops.${field}.secretName`, secret.secretName, 'is not a valid secret name', 'use a DNS-1123 name such as "git-creds"');
    if (secret.keys !== undefined) checks.expect(secret.keys.length > 0, `gitops.${field}.keys`, secret.keys, 'is empty', 'list the keys the secret holds');
    checkSecretSource(checks, `gitops.${field}.source`, secret.source, store);
  }
}
