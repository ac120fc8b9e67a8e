import { App } from 'cdk8s';
import { SeldonPlatform } from '../src/platform';
import { ConfigError } from '../src/lib/errors';
import { errorOf, render, testConfig } from './helpers/render';

describe('platform configuration is rejected with field, value and fix', () => {
  test('an environment name that is not DNS-1123', () => {
    expect(errorOf(() => SeldonPlatform.validate(testConfig({ name: 'Prod_1' })))).toContain('name ("Prod_1"): is not a DNS-1123 label');
  });

  test('an unknown platform, with a suggestion for a typo', () => {
    expect(errorOf(() => SeldonPlatform.validate(testConfig({ platform: 'openshfit' as never })))).toContain('platform ("openshfit"): is not one of openshift, kubernetes; did you mean openshift?');
  });

  test('a missing delivery repository', () => {
    expect(errorOf(() => SeldonPlatform.validate(testConfig({ delivery: { repoURL: 'not a url' } })))).toContain('delivery.repoURL ("not a url"): is not a Git URL');
  });

  test('OpenShift without an ingress domain', () => {
    expect(errorOf(() => SeldonPlatform.validate(testConfig({ ingressDomain: undefined })))).toContain('ingressDomain (undefined): is required on OpenShift');
  });

  test('two platform namespaces with the same name', () => {
    expect(errorOf(() => SeldonPlatform.validate(testConfig({ namespaces: { logs: 'seldon-system' } })))).toContain('namespaces.logs ("seldon-system"): is also namespaces.system');
  });

  test('a platform namespace in openshift-*', () => {
    expect(errorOf(() => SeldonPlatform.validate(testConfig({ namespaces: { system: 'openshift-seldon' } })))).toContain('namespaces.system ("openshift-seldon"): openshift-* and kube-* namespaces belong to the cluster');
  });

  test('every problem is reported at once', () => {
    let error: unknown;
    try {
      SeldonPlatform.validate(testConfig({ name: 'A', ingressDomain: 'x' }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues.map((i) => i.path)).toEqual(['name', 'ingressDomain']);
  });
});

describe('model namespaces are rejected with field, value and fix', () => {
  const platform = () => new SeldonPlatform(new App(), 'test', testConfig());

  test('a duplicate namespace', () => {
    const p = platform();
    p.addModelNamespace('models-a');
    expect(errorOf(() => p.addModelNamespace('models-a'))).toContain('addModelNamespace("models-a").name ("models-a"): was added twice');
  });

  test('a name that is not DNS-1123', () => {
    expect(errorOf(() => platform().addModelNamespace('Models_A'))).toContain('addModelNamespace("Models_A").name ("Models_A"): is not a DNS-1123 label');
  });

  test.each(['openshift-models', 'kube-system', 'istio-system', 'seldon-system', 'seldon-logs', 'default'])('the reserved name %s', (name) => {
    expect(errorOf(() => platform().addModelNamespace(name))).toMatch(new RegExp(`name \\("${name}"\\): is reserved`));
  });

  test('a quota that is not a quantity', () => {
    expect(errorOf(() => platform().addModelNamespace('models-a', { quota: { cpu: 'lots', memory: '8Gi' } }))).toContain('quota.cpu ("lots"): is not a Kubernetes quantity');
  });

  test('GitOps on a namespace when the gitops component is off', () => {
    const p = new SeldonPlatform(new App(), 'test', testConfig({ gitops: false }));
    expect(errorOf(() => p.addModelNamespace('models-a', { gitops: true }))).toContain('addModelNamespace("models-a").gitops (true): needs the gitops component, which is disabled');
  });

  test('authn/authz on a namespace when the service mesh is off', () => {
    const p = new SeldonPlatform(new App(), 'test', testConfig({ serviceMesh: false, coreV1: false }));
    const auth = { issuer: 'https://idp.example.com/realms/seldon', jwksUri: 'https://idp.example.com/realms/seldon/certs' };
    expect(errorOf(() => p.addModelNamespace('models-a', { auth }))).toContain('addModelNamespace("models-a").auth ({"issuer":"https://idp.example.com/realms/seldon"');
    expect(errorOf(() => p.addModelNamespace('models-a', { auth }))).toContain('needs the service mesh');
  });

  test('a rejected namespace leaves nothing behind', () => {
    const p = platform();
    errorOf(() => p.addModelNamespace('Bad'));
    expect(p.modelNamespaces).toEqual([]);
    expect(render(testConfig()).some((o) => o.file.startsWith('model-namespaces/'))).toBe(false);
  });
});

describe('review fixes: inputs that used to render something broken', () => {
  test('a model namespace in a namespace an operator is installed into', () => {
    const p = new SeldonPlatform(new App(), 'test', testConfig({ platform: 'kubernetes', ingressDomain: undefined }));
    for (const name of ['monitoring', 'elastic-system', 'knative-operator', 'cert-manager-operator', 'openshift-gitops-operator']) {
      expect(errorOf(() => p.addModelNamespace(name))).toContain(`name ("${name}"): is reserved`);
    }
  });

  test('a model namespace named like the platform\'s Argo CD namespace', () => {
    const p = new SeldonPlatform(new App(), 'test', testConfig({ delivery: { repoURL: 'https://git.example.com/p.git', argoNamespace: 'gitops-ops' } }));
    expect(errorOf(() => p.addModelNamespace('gitops-ops'))).toContain('name ("gitops-ops"): is reserved: the platform installs an operator or component there');
  });

  test('a quota without limits', () => {
    const p = new SeldonPlatform(new App(), 'test', testConfig());
    expect(errorOf(() => p.addModelNamespace('models-a', { quota: { cpu: '8', memory: '32Gi' } }))).toContain('addModelNamespace("models-a").limits (undefined): is required with a quota');
  });

  test('a GitOps project that would replace the platform\'s own Argo CD project', () => {
    expect(errorOf(() => SeldonPlatform.validate(testConfig({ gitops: { repoURL: 'https://git.example.com/m.git', project: 'default' } })))).toContain('gitops.project ("default"): would replace the Argo CD project "default"');
    expect(errorOf(() => SeldonPlatform.validate(testConfig({ delivery: { repoURL: 'https://git.example.com/p.git', project: 'platform' }, gitops: { repoURL: 'https://git.example.com/m.git', project: 'platform' } })))).toContain("gitops.project (\"platform\"): would replace the Argo CD project of the platform's own Applications");
  });

  test('a gateway namespace nothing creates', () => {
    expect(errorOf(() => SeldonPlatform.validate(testConfig({ serviceMesh: { ingress: { namespace: 'seldon-gateways' } } })))).toContain('serviceMesh.ingress.namespace ("seldon-gateways"): is not one of istio-system');
  });
});
