/** dist/<env>/bootstrap/: the Argo CD configuration the render needs, never applied by the root Application. */
import { parse } from 'yaml';
import { APPLICATION_HEALTH_CHECK, ELASTICSEARCH_HEALTH_CHECK, MAISTRA_HEALTH_CHECKS, OLM_HEALTH_CHECKS, SAIL_HEALTH_CHECKS } from '../../src/concerns/gitops-health-checks';
import { synthesizeEnvironments } from '../../src/synth';
import { SeldonPlatform } from '../../src/platform';
import { PlatformConfig } from '../../src/config';
import { bootstrapOverrides } from '../../src/validation/argocd-health-steady';
import { render, testConfig } from '../helpers/render';
import { olmPackage, openshiftLine } from '../../src/lib/openshift-matrix';

const kubernetes = (overrides: Partial<PlatformConfig> = {}): PlatformConfig => testConfig({ platform: 'kubernetes', ingressDomain: undefined, ...overrides });

function files(config: PlatformConfig): Map<string, string> {
  const [env] = synthesizeEnvironments([(app) => new SeldonPlatform(app, config.name, config)]);
  return new Map(env.output.files);
}

describe('bootstrap on OpenShift (OpenShift GitOps)', () => {
  const objects = render(testConfig());
  const own = objects.filter((o) => o.file.startsWith('bootstrap/'));

  test('the ArgoCD of the instance that applies the render gets the health checks, and nothing else', () => {
    expect(own.map((o) => o.file)).toEqual(['bootstrap/argocd.openshift-gitops.openshift-gitops.yaml']);
    const argocd = own[0].object;
    expect(argocd.apiVersion).toBe('argoproj.io/v1beta1');
    expect(Object.keys(argocd.spec as object)).toEqual(['resourceHealthChecks']);
    const checks = (argocd.spec as { resourceHealthChecks: Array<{ group: string; kind: string; check: string }> }).resourceHealthChecks;
    // The test config's OpenShift line defaults to Service Mesh 2.x: its control-plane checks come last.
    expect(objects.some((o) => o.object.kind === 'ServiceMeshControlPlane')).toBe(true);
    expect(checks).toEqual([APPLICATION_HEALTH_CHECK, ...OLM_HEALTH_CHECKS, ELASTICSEARCH_HEALTH_CHECK, ...MAISTRA_HEALTH_CHECKS].map((c) => ({ group: c.group, kind: c.kind, check: c.check })));
  });

  test('Service Mesh 3: the Sail Istio and IstioCNI checks are added (Argo CD has none), and only with it', () => {
    const keysOf = (config: PlatformConfig) => bootstrapOverrides(render(config).filter((o) => o.file.startsWith('bootstrap/'))).map((o) => o.key);
    const mesh3 = render(testConfig({ openshiftVersion: '4.20' }));
    const checks = (mesh3.find((o) => o.file.startsWith('bootstrap/'))?.object.spec as { resourceHealthChecks: Array<{ group: string; kind: string; check: string }> }).resourceHealthChecks;
    expect(checks.slice(-2)).toEqual(SAIL_HEALTH_CHECKS.map((c) => ({ group: c.group, kind: c.kind, check: c.check })));
    expect(mesh3.some((o) => o.object.kind === 'Istio')).toBe(true);
    expect(keysOf(testConfig())).not.toContain('sailoperator.io/Istio');
    expect(keysOf(testConfig({ openshiftVersion: '4.20', serviceMesh: { version: 2 } }))).not.toContain('sailoperator.io/Istio');
  });

  test('Service Mesh 2.x: the ServiceMeshControlPlane and ServiceMeshMemberRoll checks are added (Argo CD has none), and only with it', () => {
    const checksOf = (config: PlatformConfig) => (render(config).find((o) => o.file.startsWith('bootstrap/'))?.object.spec as { resourceHealthChecks: Array<{ group: string; kind: string; check: string }> }).resourceHealthChecks;
    const mesh2 = checksOf(testConfig({ openshiftVersion: '4.20', serviceMesh: { version: 2 } }));
    expect(mesh2.slice(-2)).toEqual(MAISTRA_HEALTH_CHECKS.map((c) => ({ group: c.group, kind: c.kind, check: c.check })));
    expect(mesh2.map((c) => c.group)).not.toContain('sailoperator.io');
    expect(checksOf(testConfig({ openshiftVersion: '4.20' })).map((c) => c.group)).not.toContain('maistra.io');
    const kubernetesKeys = bootstrapOverrides(render(kubernetes()).filter((o) => o.file.startsWith('bootstrap/'))).map((o) => o.key);
    expect(kubernetesKeys.filter((k) => k.startsWith('maistra.io/'))).toEqual([]);
  });

  test('the validator reads the same overrides back (what Argo CD will run)', () => {
    expect(bootstrapOverrides(own).map((o) => [o.key, o.useOpenLibs])).toEqual([
      ['argoproj.io/Application', false],
      ['operators.coreos.com/Subscription', false],
      ['operators.coreos.com/InstallPlan', false],
      ['elasticsearch.k8s.elastic.co/Elasticsearch', false],
      ['maistra.io/ServiceMeshControlPlane', false],
      ['maistra.io/ServiceMeshMemberRoll', false],
    ]);
  });

  test('the root Application never applies bootstrap/', () => {
    const root = objects.find((o) => o.file.startsWith('delivery/'))?.object.spec as { source: { directory: { exclude?: string } } };
    expect(root.source.directory.exclude).toBe('bootstrap/*');
  });

  test('the README gives the commands in order: operator prerequisite, preflight, health checks, root Application', () => {
    const readme = files(testConfig()).get('bootstrap/README.md') as string;
    const order = ['## 1. Prerequisite: the OpenShift GitOps operator', `channel: ${olmPackage(openshiftLine(testConfig().openshiftVersion), 'gitops').channel}`, 'bash dist/test/bootstrap/preflight.sh', '## 2. Give the Argo CD instance the health checks', 'oc apply --server-side --field-manager=seldon-platform-bootstrap --force-conflicts -f dist/test/bootstrap/argocd.openshift-gitops.openshift-gitops.yaml', '## 3. Prerequisite: the External Secrets operator', 'oc get crd clustersecretstores.external-secrets.io externalsecrets.external-secrets.io', '## 4. Apply the root Application', 'oc apply -f dist/test/delivery/application.openshift-gitops.seldon-platform-test.yaml'];
    const at = order.map((s) => readme.indexOf(s));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(readme).toContain('| installed namespace | `openshift-gitops-operator`');
  });

  test('GIVEN no external-secrets.io object in the render (no in-cluster Kafka, no secret store) THEN the README asks for no External Secrets operator', () => {
    const rendered = render(testConfig({ kafka: false, coreV2: false }));
    expect(rendered.some((o) => String(o.object.apiVersion).startsWith('external-secrets.io/'))).toBe(false);
    expect(files(testConfig({ kafka: false, coreV2: false })).get('bootstrap/README.md')).not.toContain('External Secrets operator');
  });

  test('GIVEN gitops.installOperator: true THEN the README installs it from the render, preflight first', () => {
    const readme = files(testConfig({ gitops: { installOperator: true } })).get('bootstrap/README.md') as string;
    const preflight = readme.indexOf('bash dist/test/bootstrap/preflight.sh');
    const apply = readme.indexOf('oc apply -f dist/test/gitops/namespace.openshift-gitops-operator.yaml -f dist/test/gitops/operatorgroup.openshift-gitops-operator.openshift-gitops-operator.yaml -f dist/test/gitops/subscription.openshift-gitops-operator.openshift-gitops-operator.yaml');
    expect(preflight).toBeGreaterThan(0);
    expect(apply).toBeGreaterThan(preflight);
    expect(files(testConfig({ gitops: { installOperator: true } })).get('bootstrap/preflight.sh')).toContain('INSTALLS=true');
  });
});

describe('bootstrap on Kubernetes (upstream Argo CD)', () => {
  const objects = render(kubernetes());
  const own = objects.filter((o) => o.file.startsWith('bootstrap/'));

  test('argocd-cm keys resource.customizations.health.<group>_<kind>, labelled as Argo CD reads it', () => {
    expect(own.map((o) => o.file)).toEqual(['bootstrap/configmap.argocd.argocd-cm.yaml']);
    const cm = own[0].object as unknown as { metadata: { labels: Record<string, string> }; data: Record<string, string> };
    expect(cm.metadata.labels).toEqual({ 'app.kubernetes.io/name': 'argocd-cm', 'app.kubernetes.io/part-of': 'argocd' });
    expect(Object.keys(cm.data)).toEqual(['resource.customizations.health.argoproj.io_Application', 'resource.customizations.health.elasticsearch.k8s.elastic.co_Elasticsearch']);
    expect(cm.data['resource.customizations.health.argoproj.io_Application']).toBe(APPLICATION_HEALTH_CHECK.check);
    expect(bootstrapOverrides(own).map((o) => o.key)).toEqual(['argoproj.io/Application', 'elasticsearch.k8s.elastic.co/Elasticsearch']);
  });

  test('the README applies them server-side, then the root; no preflight (no OLM)', () => {
    const out = files(kubernetes());
    const readme = out.get('bootstrap/README.md') as string;
    expect(readme).toContain('kubectl apply --server-side --field-manager=seldon-platform-bootstrap -f dist/test/bootstrap/configmap.argocd.argocd-cm.yaml');
    expect(readme.indexOf('--server-side')).toBeLessThan(readme.indexOf('kubectl apply -f dist/test/delivery/'));
    expect(out.has('bootstrap/preflight.sh')).toBe(false);
    // The YAML renders as Argo CD expects the ConfigMap: multi-line Lua values.
    expect(parse(out.get('bootstrap/configmap.argocd.argocd-cm.yaml') as string).data['resource.customizations.health.argoproj.io_Application']).toContain('obj.status.sync');
  });
});
