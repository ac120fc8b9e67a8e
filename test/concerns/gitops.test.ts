import { App } from 'cdk8s';
import { PlatformConfig } from '../../src/config';
import { GitOpsOptions } from '../../src/concerns/gitops';
import { OLM_HEALTH_CHECKS } from '../../src/concerns/gitops-health-checks';
import { RenderedObject } from '../../src/lib/render';
import { SeldonPlatform } from '../../src/platform';
import { errorOf, find, render, testConfig } from '../helpers/render';
import { olmPackage, openshiftLine } from '../../src/lib/openshift-matrix';

const REPO = 'https://git.example.com/models/seldon-gitops.git';
const kubernetes = (overrides: Partial<PlatformConfig> = {}): PlatformConfig => testConfig({ platform: 'kubernetes', ingressDomain: undefined, ...overrides });
const mine = (objects: readonly RenderedObject[]) => objects.filter((o) => o.object.metadata.labels?.['app.kubernetes.io/component'] === 'gitops');
const VAULT = { store: { kind: 'ClusterSecretStore' as const, name: 'vault' } };
const SEED_POLICIES = [
  'p, proj:seldon:seldon-admin, applications, get, seldon/*, allow',
  'p, proj:seldon:seldon-admin, applications, create, seldon/*, allow',
  'p, proj:seldon:seldon-admin, applications, update, seldon/*, allow',
  'p, proj:seldon:seldon-admin, applications, delete, seldon/*, allow',
  'p, proj:seldon:seldon-admin, applications, sync, seldon/*, allow',
];

describe('GitOps on OpenShift', () => {
  const objects = render(testConfig({ secrets: VAULT, gitops: { repoURL: REPO } }), { 'seldon-gitops': { gitops: true }, seldon: {} });

  test('GIVEN the seed defaults WHEN rendered THEN the objects match the snapshot', () => {
    expect(mine(objects)).toMatchSnapshot();
  });

  test('THEN the OpenShift GitOps operator that runs Argo CD is a prerequisite, not installed by the render', () => {
    expect(objects.filter((o) => ['Subscription', 'OperatorGroup', 'Namespace'].includes(o.object.kind) && JSON.stringify(o.object.metadata).includes('openshift-gitops-operator'))).toEqual([]);
  });

  test('GIVEN installOperator: true THEN Red Hat\'s CLI-install names, an explicit channel, never pruned or deleted', () => {
    const config = testConfig({ gitops: { installOperator: true } });
    const own = render(config);
    const sub = find(own, 'Subscription', 'openshift-gitops-operator', 'openshift-gitops-operator');
    expect(sub.spec).toMatchObject({ name: 'openshift-gitops-operator', channel: olmPackage(openshiftLine(config.openshiftVersion), 'gitops').channel, source: 'redhat-operators', installPlanApproval: 'Automatic' });
    expect(JSON.stringify(sub.spec)).not.toContain('DISABLE_DEFAULT_ARGOCD_INSTANCE');
    expect(find(own, 'OperatorGroup', 'openshift-gitops-operator', 'openshift-gitops-operator').spec).toEqual({});
    for (const o of [sub, find(own, 'OperatorGroup', 'openshift-gitops-operator', 'openshift-gitops-operator'), find(own, 'Namespace', 'openshift-gitops-operator')]) {
      expect(o.metadata.annotations?.['argocd.argoproj.io/sync-options']).toEqual(expect.stringMatching(/(^|,)Delete=false(,|$)/));
      expect(o.metadata.annotations?.['argocd.argoproj.io/sync-options']).toEqual(expect.stringMatching(/(^|,)Prune=false(,|$)/));
    }
  });

  test('THEN seldon-argocd is a v1beta1 ArgoCD with the seed route, OpenShift OAuth under sso, RBAC and OLM health checks', () => {
    const argocd = find(objects, 'ArgoCD', 'seldon-argocd', 'seldon-argocd');
    expect(argocd.apiVersion).toBe('argoproj.io/v1beta1');
    expect(argocd.spec).toMatchObject({
      server: { route: { enabled: true, tls: { termination: 'reencrypt', insecureEdgeTerminationPolicy: 'Redirect' } } },
      sso: { provider: 'dex', dex: { openShiftOAuth: true } },
      rbac: { policy: 'g, cluster-admins, role:admin', scopes: '[groups]' },
      resourceTrackingMethod: 'annotation',
      installationID: 'seldon-argocd',
    });
    expect(argocd.spec).not.toHaveProperty('dex');
    const checks = (argocd.spec as { resourceHealthChecks: Array<{ group: string; kind: string; check: string }> }).resourceHealthChecks;
    expect(checks.map((c) => `${c.group}/${c.kind}`)).toEqual(['operators.coreos.com/Subscription', 'operators.coreos.com/InstallPlan']);
    expect(checks[0].check).toContain('InstallPlanPending');
    expect(checks[1].check).toContain('"Complete"');
  });

  test('THEN the OpenShift router may reach the Argo CD server', () => {
    expect(find(objects, 'NetworkPolicy', 'allow-openshift-ingress', 'seldon-argocd').spec).toMatchObject({
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'seldon-argocd-server' } },
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'network.openshift.io/policy-group': 'ingress' } } }] }],
    });
  });

  test('THEN the AppProject is the seed: repository, GitOps namespaces only, cluster whitelist and the five seldon-admin policies', () => {
    expect(find(objects, 'AppProject', 'seldon', 'seldon-argocd').spec).toEqual({
      description: 'Seldon Deploy Project',
      sourceRepos: [REPO],
      destinations: [{ namespace: 'seldon-gitops', server: 'https://kubernetes.default.svc' }],
      clusterResourceWhitelist: [{ group: '*', kind: '*' }],
      roles: [{ name: 'seldon-admin', policies: SEED_POLICIES }],
    });
  });

  test('THEN a GitOps namespace is labelled, annotated and managed by seldon-argocd; a plain one is not', () => {
    const gitops = find(objects, 'Namespace', 'seldon-gitops');
    expect(gitops.metadata.labels).toMatchObject({ 'seldon.gitops': 'enabled', 'argocd.argoproj.io/managed-by': 'seldon-argocd', 'seldon.restricted': 'false' });
    expect(gitops.metadata.annotations?.['git-repo']).toBe(REPO);
    const plain = find(objects, 'Namespace', 'seldon');
    expect(plain.metadata.labels?.['seldon.gitops']).toBeUndefined();
    expect(objects.filter((o) => o.object.metadata.name === 'seldon-gitops-seldon')).toEqual([]);
  });

  test('THEN the namespace Application is the seed: project seldon, folder <namespace>, recurse, automated sync, after the namespace', () => {
    const app = find(objects, 'Application', 'seldon-gitops-seldon-gitops', 'seldon-argocd');
    expect(app.spec).toEqual({
      project: 'seldon',
      destination: { namespace: 'seldon-gitops', server: 'https://kubernetes.default.svc' },
      source: { repoURL: REPO, path: 'seldon-gitops', directory: { recurse: true } },
      syncPolicy: { automated: {} },
    });
    expect(Number(app.metadata.annotations?.['argocd.argoproj.io/sync-wave'])).toBeGreaterThan(10);
    expect(objects.find((o) => o.object === app)?.file).toBe('model-namespaces/seldon-gitops/application.seldon-argocd.seldon-gitops-seldon-gitops.yaml');
  });

  test('THEN Argo CD gets the repository secret (labelled as a repository) and Seldon Deploy its git-creds', () => {
    const repo = find(objects, 'ExternalSecret', 'seldon-gitops-repository', 'seldon-argocd');
    expect(repo.spec).toMatchObject({ target: { name: 'seldon-gitops-repository', template: { metadata: { labels: { 'argocd.argoproj.io/secret-type': 'repository' } } } } });
    expect((repo.spec as { data: Array<{ secretKey: string }> }).data.map((d) => d.secretKey)).toEqual(['type', 'url', 'username', 'password']);
    const git = find(objects, 'ExternalSecret', 'git-creds', 'seldon-system');
    expect((git.spec as { data: Array<{ secretKey: string }> }).data.map((d) => d.secretKey)).toEqual(['id_rsa', 'known_hosts', 'passphrase', 'username', 'email']);
  });

  test('THEN Seldon Deploy is wired to seldon-argocd and git-creds', () => {
    const platform = new SeldonPlatform(new App(), 'test', testConfig({ gitops: { repoURL: REPO } }));
    expect(platform.gitops?.wiring).toEqual({ argocdNamespace: 'seldon-argocd', gitSecret: 'git-creds' });
  });

  test('THEN the Lua health checks are self-contained scripts returning a status', () => {
    for (const c of OLM_HEALTH_CHECKS) expect(c.check).toMatch(/^local hs = \{ status = "Progressing"[\s\S]*\nreturn hs\n$/);
  });
});

describe('GitOps options', () => {
  test('GIVEN a custom Application name, repository and sync options THEN the namespace carries argocdapp and the Application uses them', () => {
    const own = 'ssh://git@git.example.com/team-a/models.git';
    const objects = render(testConfig({ gitops: { repoURL: REPO, prune: true, selfHeal: true, targetRevision: 'main' } }), { 'team-a': { gitops: true, gitRepo: own, argocdApp: 'team-a-models' } });
    expect(find(objects, 'Namespace', 'team-a').metadata.labels?.argocdapp).toBe('team-a-models');
    expect(find(objects, 'Namespace', 'team-a').metadata.annotations?.['git-repo']).toBe(own);
    expect(find(objects, 'Application', 'team-a-models').spec).toMatchObject({ source: { repoURL: own, targetRevision: 'main' }, syncPolicy: { automated: { prune: true, selfHeal: true } } });
    expect((find(objects, 'AppProject', 'seldon').spec as { sourceRepos: string[] }).sourceRepos).toEqual([REPO, own]);
  });

  test('GIVEN a public repository THEN no repository secret is requested', () => {
    const objects = render(testConfig({ secrets: VAULT, gitops: { repoURL: REPO, repositoryCredentials: false } }));
    expect(objects.filter((o) => o.object.metadata.name === 'seldon-gitops-repository')).toEqual([]);
  });

  test('GIVEN installOperator: false (the default, explicit) THEN only the instance is rendered', () => {
    const objects = render(testConfig({ gitops: { installOperator: false } }));
    expect(objects.filter((o) => o.object.kind === 'Subscription' && o.object.metadata.name === 'openshift-gitops-operator')).toEqual([]);
    expect(find(objects, 'ArgoCD', 'seldon-argocd')).toBeDefined();
  });
});

describe('GitOps on Kubernetes', () => {
  const objects = render(kubernetes({ secrets: VAULT, gitops: { repoURL: REPO } }), { models: { gitops: true } });

  test('GIVEN the defaults WHEN rendered THEN the objects match the snapshot', () => {
    expect(mine(objects)).toMatchSnapshot();
  });

  test('THEN there is no second Argo CD: project, repository secret and Applications use the platform instance in argocd', () => {
    expect(objects.filter((o) => ['ArgoCD', 'Subscription'].includes(o.object.kind))).toEqual([]);
    expect(find(objects, 'AppProject', 'seldon', 'argocd')).toBeDefined();
    expect(find(objects, 'ExternalSecret', 'seldon-gitops-repository', 'argocd')).toBeDefined();
    const app = find(objects, 'Application', 'seldon-gitops-models', 'argocd');
    expect(objects.find((o) => o.object === app)?.file).toMatch(/^model-namespaces\/models\//);
    const ns = find(objects, 'Namespace', 'models');
    expect(ns.metadata.labels?.['seldon.gitops']).toBe('enabled');
    expect(ns.metadata.labels?.['argocd.argoproj.io/managed-by']).toBeUndefined();
  });

  test('GIVEN another target cluster THEN the namespace Application stays with Argo CD and deploys to the target', () => {
    const server = 'https://api.prod.example.com:6443';
    const remote = render(kubernetes({ delivery: { repoURL: 'https://git.example.com/p.git', destinationServer: server }, gitops: { repoURL: REPO } }), { models: { gitops: true } });
    const app = find(remote, 'Application', 'seldon-gitops-models');
    expect(remote.find((o) => o.object === app)?.file).toBe('applications/application.argocd.seldon-gitops-models.yaml');
    expect(app.spec).toMatchObject({ destination: { namespace: 'models', server } });
    expect((find(remote, 'AppProject', 'seldon').spec as { destinations: unknown }).destinations).toEqual([{ namespace: 'models', server }]);
  });
});

describe('GitOps rejects', () => {
  const run = (gitops: GitOpsOptions, config: (o: Partial<PlatformConfig>) => PlatformConfig = testConfig) => errorOf(() => SeldonPlatform.validate(config({ gitops })));

  test('GIVEN a GitOps namespace and no repository THEN adding it fails naming gitops.repoURL', () => {
    const platform = new SeldonPlatform(new App(), 'test', testConfig({ gitops: {} }));
    expect(errorOf(() => platform.addModelNamespace('models', { gitops: true }))).toContain('environment "test": gitops.repoURL (undefined): is required: model namespace "models" has gitops: true');
  });

  test.each<[string, () => string, string]>([
    ['a repository that is not a Git URL', () => run({ repoURL: 'git.example.com/models' }), 'gitops.repoURL ("git.example.com/models"): is not a Git URL Argo CD can clone'],
    ['instance options on Kubernetes', () => run({ instanceName: 'argo' }, kubernetes), 'gitops.instanceName ("argo"): configures the dedicated OpenShift GitOps instance'],
    ['a bad instance name', () => run({ instanceName: 'Seldon_ArgoCD' }), 'gitops.instanceName ("Seldon_ArgoCD"): is not a DNS-1123 label'],
    ['edge termination', () => run({ routeTermination: 'edge' as 'reencrypt' }), 'gitops.routeTermination ("edge"): is not one of reencrypt, passthrough'],
    ['a bad project name', () => run({ project: 'Seldon' }), 'gitops.project ("Seldon"): is not a DNS-1123 label'],
    ['a bad secret name', () => run({ gitCredentials: { secretName: 'git_creds' } }), 'gitops.gitCredentials.secretName ("git_creds"): is not a valid secret name'],
    ['no keys', () => run({ repositoryCredentials: { keys: [] } }), 'gitops.repositoryCredentials.keys ([]): is empty'],
    ['an external secret without a store', () => run({ gitCredentials: { source: { from: 'external-secret' } } }), 'gitops.gitCredentials.source.from ("external-secret"): an ExternalSecret needs a secret store'],
  ])('GIVEN %s THEN validation names the field, value and fix', (_name, check, message) => {
    expect(check()).toContain(message);
  });
});
