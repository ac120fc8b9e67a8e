/**
 * Steady-state health of everything the platform renders, judged by Argo CD's own health scripts
 * (../shared/argocd, v3.5.1) plus the bootstrap's overrides, in the Lua VM that reproduces Argo CD's. Every kind with
 * a script must be Healthy once its controller works, in both reference environments and the examples; the statuses
 * the models build must be valid against the CRDs' status schemas (../shared/crds). Skipped with a note when ../shared
 * is absent.
 */
import { App } from 'cdk8s';
import { PlatformConfig } from '../../src/config';
import { ENVIRONMENTS } from '../../src/environments';
import { RenderedObject } from '../../src/lib/render';
import { SeldonPlatform } from '../../src/platform';
import { ManifestValidator } from '../../src/validation';
import { ArgoCdLuaVm, HealthScripts } from '../../src/validation/argocd-health';
import { argoCdScripts, bootstrapOverrides, steadyStateHealth, steadyStateTable } from '../../src/validation/argocd-health-steady';
import * as metaOperator from '../../examples/meta-operator';
import * as confluentOauth from '../../examples/kafka/confluent-oauth';
import * as confluentSaslPlain from '../../examples/kafka/confluent-sasl-plain';
import * as eventHubSasl from '../../examples/kafka/event-hub-sasl';
import * as mskMtls from '../../examples/kafka/msk-mtls';
import * as mskScram from '../../examples/kafka/msk-scram';
import * as oneWayTls from '../../examples/kafka/one-way-tls';
import * as strimziMtls from '../../examples/kafka/strimzi-mtls';
import * as strimziScram from '../../examples/kafka/strimzi-scram';
import * as addNamespace from '../../examples/docs/add-namespace';
import * as concerns from '../../examples/docs/concerns';
import * as kafkaEventHub from '../../examples/docs/kafka-event-hub';
import * as kafkaMsk from '../../examples/docs/kafka-msk-scram';
import * as kafkaStrimzi from '../../examples/docs/kafka-strimzi';
import * as modelNamespaces from '../../examples/docs/model-namespaces';
import * as multiCluster from '../../examples/docs/multi-cluster';
import * as seldonDeployment from '../../examples/docs/seldon-deployment';
import { sharedFolder } from '../helpers/shared';

const ARGOCD = sharedFolder('argocd', 'the steady-state health checks');
const CRDS = sharedFolder('crds', 'the CRD status-schema checks of the steady states');

let vm: ArgoCdLuaVm;
beforeAll(async () => {
  vm = await ArgoCdLuaVm.create();
});
afterAll(() => vm.close());

function renderOf(build: (app: App) => SeldonPlatform): RenderedObject[] {
  return build(new App()).render();
}
const fromConfig = (config: PlatformConfig) => (app: App) => new SeldonPlatform(app, config.name, config);

const RENDERS: Array<[string, () => RenderedObject[]]> = [
  ...ENVIRONMENTS.map((build, i): [string, () => RenderedObject[]] => [['openshift', 'kubernetes', 'openshift-4-14'][i] ?? `environment ${i}`, () => renderOf(build)]),
  ['example meta-operator', () => renderOf((app) => metaOperator.metaOperator(app))],
  ...Object.entries({ confluentOauth, confluentSaslPlain, eventHubSasl, mskMtls, mskScram, oneWayTls, strimziMtls, strimziScram }).map(
    ([name, m]): [string, () => RenderedObject[]] => [`example kafka ${name}`, () => renderOf(fromConfig(m.config))],
  ),
  ...Object.entries({
    addNamespace: addNamespace.prod,
    concerns: concerns.tuned,
    kafkaEventHub: kafkaEventHub.kafkaEventHub,
    kafkaMsk: kafkaMsk.kafkaMsk,
    kafkaStrimzi: kafkaStrimzi.kafkaStrimzi,
    modelNamespaces: modelNamespaces.teams,
    multiClusterStaging: multiCluster.staging,
    multiClusterProd: multiCluster.prod,
    seldonDeployment: seldonDeployment.models,
  }).map(([name, build]): [string, () => RenderedObject[]] => [`example docs ${name}`, () => renderOf((app) => build(app))]),
];

(ARGOCD ? describe : describe.skip)('steady state: every kind with an Argo CD health script is Healthy', () => {
  const builtIn = ARGOCD ? argoCdScripts(ARGOCD) : new HealthScripts(new Map());

  test.each(RENDERS)('%s', (_name, render) => {
    const objects = render();
    const scripts = builtIn.withOverrides(bootstrapOverrides(objects));
    const { results, problems } = steadyStateHealth(vm, scripts, objects);
    expect(problems).toEqual([]);
    expect(results.length).toBeGreaterThan(0);
    // Certificates and child Applications exist in every render; say which kinds were judged.
    expect(steadyStateTable(results).join('\n')).toMatch(/argoproj\.io\/Application/);
  });

  test('the reference environments cover the kinds the issue names', () => {
    const kinds = (i: number): string[] => {
      const objects = renderOf(ENVIRONMENTS[i]);
      return [...new Set(steadyStateHealth(vm, builtIn.withOverrides(bootstrapOverrides(objects)), objects).results.map((r) => r.key))].sort();
    };
    expect(kinds(0)).toEqual(expect.arrayContaining([
      'argoproj.io/Application', 'cert-manager.io/Certificate', 'cert-manager.io/ClusterIssuer', 'elasticsearch.k8s.elastic.co/Elasticsearch',
      'kafka.strimzi.io/Kafka', 'kafka.strimzi.io/KafkaUser', 'operator.knative.dev/KnativeEventing', 'operator.knative.dev/KnativeServing',
      'operators.coreos.com/Subscription', 'route.openshift.io/Route', 'sailoperator.io/Istio', 'sailoperator.io/IstioCNI',
    ]));
    expect(kinds(1)).toEqual(expect.arrayContaining(['argoproj.io/Application', 'elasticsearch.k8s.elastic.co/Elasticsearch', 'kafka.strimzi.io/Kafka']));
    // OpenShift 4.14: Service Mesh 2.x, whose control plane and member roll have the bootstrap's checks.
    expect(kinds(2)).toEqual(expect.arrayContaining(['maistra.io/ServiceMeshControlPlane', 'maistra.io/ServiceMeshMemberRoll']));
    expect(kinds(2)).not.toContain('sailoperator.io/Istio');
  });

  test("without the bootstrap's override, Argo CD's own Elasticsearch check keeps the one-node cluster Progressing (the defect it fixes)", () => {
    const objects = renderOf(ENVIRONMENTS[0]);
    const { problems } = steadyStateHealth(vm, builtIn, objects);
    expect(problems.map((p) => p.key)).toContain('elasticsearch.k8s.elastic.co/Elasticsearch');
    expect(problems.find((p) => p.key === 'elasticsearch.k8s.elastic.co/Elasticsearch')?.message).toMatch(/reports Progressing \("Elasticsearch Cluster status is Yellow/);
  });

  test('three nodes are green with the built-in check alone', () => {
    const es = renderOf(ENVIRONMENTS[0]).find((o) => o.object.kind === 'Elasticsearch') as RenderedObject;
    const three = { ...es, object: { ...es.object, spec: { ...(es.object.spec as object), nodeSets: [{ name: 'default', count: 3 }] } } };
    const { results, problems } = steadyStateHealth(vm, builtIn, [three]);
    expect(problems).toEqual([]);
    expect(results.map((r) => r.health.status)).toEqual(['Healthy']);
  });

  test('a kind with a script but no steady-state model is a problem, not a silent pass', () => {
    const widget = { file: 'x/widget.yaml', object: { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'n' } } };
    const scripts = builtIn.withOverrides([{ key: 'example.com/Widget', lua: 'return { status = "Healthy" }', useOpenLibs: false, source: 'test' }]);
    expect(steadyStateHealth(vm, scripts, [widget]).problems.map((p) => p.message)).toEqual([expect.stringContaining('has no steady-state model')]);
  });

  test('a Subscription on Manual approval is judged in both working states, each by the bootstrap override', () => {
    const objects = renderOf(ENVIRONMENTS[0]);
    const sub = objects.find((o) => o.object.kind === 'Subscription') as RenderedObject;
    const manual = { ...sub, object: { ...sub.object, spec: { ...(sub.object.spec as object), installPlanApproval: 'Manual', startingCSV: 'x.v1.0.0' } } };
    const { results } = steadyStateHealth(vm, builtIn.withOverrides(bootstrapOverrides(objects)), [manual]);
    expect(results.map((r) => [r.variant, r.script, r.health.status])).toEqual([
      ['installed, at the latest known version', 'bootstrap override', 'Healthy'],
      ['installed, an upgrade awaiting manual approval', 'bootstrap override', 'Healthy'],
    ]);
  });

  (CRDS ? test : test.skip)('the modelled statuses are valid against the CRDs\' status schemas', () => {
    const validator = new ManifestValidator({ crdDir: CRDS as string });
    for (const [, render] of RENDERS.slice(0, ENVIRONMENTS.length)) {
      const objects = render();
      const { results } = steadyStateHealth(vm, builtIn.withOverrides(bootstrapOverrides(objects)), objects);
      const findings = validator.validate(results.map((r) => ({ file: r.file, object: r.object }))).filter((f) => f.path.startsWith('status') || f.path.startsWith('.status') || f.path.includes('status'));
      expect(findings.map((f) => `${f.file} ${f.path}: ${f.message}`)).toEqual([]);
    }
  });
});

(ARGOCD ? describe : describe.skip)('model-namespace GitOps Applications', () => {
  test('before the first model the namespace Application has no folder to sync; without its opt-out the last wave would wait for ever', () => {
    const builtIn = argoCdScripts(ARGOCD as string);
    const objects = renderOf(ENVIRONMENTS[0]);
    const scripts = builtIn.withOverrides(bootstrapOverrides(objects));
    const gitopsApps = objects.filter((o) => o.object.kind === 'Application' && o.object.metadata.labels?.['app.kubernetes.io/component'] === 'gitops');
    expect(gitopsApps.length).toBeGreaterThan(0);
    expect(steadyStateHealth(vm, scripts, gitopsApps).problems).toEqual([]);
    const stripped = gitopsApps.map((o) => ({ ...o, object: { ...o.object, metadata: { ...o.object.metadata, annotations: {} } } }));
    expect(steadyStateHealth(vm, scripts, stripped).problems.map((p) => p.message)).toEqual(gitopsApps.map(() => expect.stringContaining('models repository without the namespace folder yet')));
  });
});

(ARGOCD ? describe : describe.skip)('root Applications', () => {
  test('a root applies itself: without its opt-out it would wait for itself for ever in its own sync', () => {
    const builtIn = argoCdScripts(ARGOCD as string);
    for (const build of ENVIRONMENTS) {
      const objects = renderOf(build);
      const scripts = builtIn.withOverrides(bootstrapOverrides(objects));
      const roots = objects.filter((o) => o.file.startsWith('delivery/'));
      expect(roots.length).toBeGreaterThan(0);
      expect(steadyStateHealth(vm, scripts, roots).problems).toEqual([]);
      const stripped = roots.map((o) => ({ ...o, object: { ...o.object, metadata: { ...o.object.metadata, annotations: {} } } }));
      expect(steadyStateHealth(vm, scripts, stripped).problems.map((p) => p.message)).toEqual(roots.map(() => expect.stringContaining('a root during its own sync')));
    }
  });
});
