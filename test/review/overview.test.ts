import { App } from 'cdk8s';
import { ModelNamespaceOptions } from '../../src/concerns/model-namespace';
import { PlatformConfig } from '../../src/config';
import { EnvironmentBuilder } from '../../src/environments';
import { SeldonPlatform } from '../../src/platform';
import { computeTopicBudget, topicsFor } from '../../src/review/kafka-topics';
import { reviewInputOf } from '../../src/review/model';
import { OVERVIEW_FILE, overviewMarkdown } from '../../src/review/overview';
import { VERIFY_FILE } from '../../src/review/verify-script';
import { synthesizeEnvironments } from '../../src/synth';
import { render, testConfig } from '../helpers/render';
import { componentsOf } from '../../src/review/inventory';
import { fixtureInput } from './fixture';
import { CHARTS } from '../../src/versions';

/** The lines of one `## section` of a Markdown document. */
function section(markdown: string, title: string): string {
  const start = markdown.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`no section ${title}`);
  const end = markdown.indexOf('\n## ', start + 1);
  return markdown.slice(start, end < 0 ? undefined : end);
}

/** Every component off: delivery, platform namespaces and model namespaces only (stable while concerns evolve). */
const SMALL: PlatformConfig = testConfig({
  name: 'small',
  serviceMesh: false,
  serverless: false,
  elasticsearch: false,
  logging: false,
  monitoring: false,
  modelCatalogue: false,
  gitops: false,
  kafka: false,
  tls: false,
  coreV1: false,
  coreV2: false,
  deploy: false,
});

function builder(config: PlatformConfig, namespaces: [string, ModelNamespaceOptions][]): EnvironmentBuilder {
  return (scope) => {
    const platform = new SeldonPlatform(scope, config.name, config);
    for (const [name, options] of namespaces) platform.addModelNamespace(name, options);
    return platform;
  };
}

function reviewFilesOf(config: PlatformConfig, namespaces: [string, ModelNamespaceOptions][]): { overview: string; verify: string } {
  const files = synthesizeEnvironments([builder(config, namespaces)])[0].output.files;
  return { overview: files.get(OVERVIEW_FILE) ?? '', verify: files.get(VERIFY_FILE) ?? '' };
}

describe('OVERVIEW.md of the fixture render', () => {
  const overview = overviewMarkdown(fixtureInput());

  test('GIVEN the fixture render WHEN the overview is generated THEN it matches the snapshot', () => {
    expect(overview).toMatchSnapshot();
  });

  test('GIVEN the fixture WHEN generated THEN the header names environment, platform, delivery and destination', () => {
    expect(overview).toContain('# Seldon platform: `fixture`');
    expect(overview).toContain('| Platform | OpenShift |');
    expect(overview).toContain('| Delivery | `https://git.example.com/p.git` at `main`, path `dist/fixture` |');
    expect(overview).toContain('| Destination cluster | `https://kubernetes.default.svc` |');
  });

  test('GIVEN OLM, Helm and plain components WHEN generated THEN each row shows namespaces, install, waves and count', () => {
    const components = section(overview, 'Components');
    expect(components).toContain('| service-mesh | `istio-system`<br>`openshift-operators` | OLM servicemeshoperator @ stable | 0–4 | 8 |');
    expect(components).toContain('| seldon-core-v2 | `openshift-gitops`<br>`seldon-system` | Helm seldon-core-v2-setup 2.9.1 | 1–5 | 3 |');
    expect(components).toContain('| delivery | `openshift-gitops` | manifests | -1 | 1 |');
    expect(components).not.toContain('model-namespaces');
  });

  test('GIVEN model namespaces WHEN generated THEN a summary row with flags and a table of objects by kind per namespace', () => {
    const models = section(overview, 'Model namespaces');
    expect(models).toContain('| `seldon` | 8 | no | member of istio-system/default | yes: seldon (SeldonConfig default) | AuthorizationPolicy ×1, RequestAuthentication ×1 | 2 |');
    expect(models).toContain('| `seldon-gitops` | 5 | yes (seldon.gitops=enabled) | no | no | none | 2 |');
    expect(models).toContain('### `seldon`\n\n| Kind | Names |\n| --- | --- |\n| AuthorizationPolicy | `require-jwt` |');
    expect(models).toContain('| NetworkPolicy | `allow-same-namespace`, `seldon-detectors` |');
  });

  test('GIVEN a Core 2 namespace with 10 models, 5 pipelines and 4 partitions per topic WHEN generated THEN 31 topics and 124 partitions', () => {
    const topics = section(overview, 'Kafka topic budget');
    expect(topics).toContain('| `seldon` | 10 | 5 | 31 | 124 (4 per topic) |');
    expect(topics).toContain('| **total** | 10 | 5 | **31** | **124** |');
    expect(topics).toContain('Kafka cluster: `seldon-kafka/seldon` (Strimzi).');
    expect(topics).not.toContain('seldon-gitops');
  });

  test('GIVEN Core 2 security values, Strimzi listeners and Istio policies WHEN generated THEN the posture shows each plane', () => {
    const security = section(overview, 'Security posture');
    expect(security).toContain('| Core 2 control plane | SSL |');
    expect(security).toContain('| Core 2 data plane (Envoy) | SSL |');
    expect(security).toContain('| Kafka, as Seldon connects | SASL_SSL SCRAM-SHA-512 to seldon-kafka-bootstrap.seldon-kafka.svc:9093 |');
    expect(security).toContain('seldon-kafka/seldon listener tls:9093 (internal): TLS, authentication scram-sha-512');
    expect(security).toContain('| Istio mTLS (PeerAuthentication) | istio-system/default: STRICT |');
    expect(security).toContain('istio-system/seldon-mesh (*.local): ISTIO_MUTUAL');
    expect(security).toContain('| Core v1 Istio TLS mode | Application openshift-gitops/seldon-core-v1 values istio.tlsMode: ISTIO_MUTUAL |');
  });

  test('GIVEN the fixture WHEN generated THEN the secure-defaults table gives each rule its status, evidence and opt-in', () => {
    const security = section(overview, 'Security posture');
    expect(security).toContain('| `kafka-tls` | Seldon connects to Kafka over TLS (protocol SSL or SASL_SSL) | on |  |');
    expect(security).toContain('- `kafka-tls`: seldon-core-v2-setup values security.kafka.protocol: SASL_SSL (SCRAM-SHA-512)\n');
    expect(security).toMatch(/\| `network-policies` \| [^|]+ \| \*\*off\*\* \| \*\*none\*\*: not an opt-in \|/);
    expect(security).toContain('- `network-policies`: seldon-logs: no NetworkPolicy (created by a Namespace object)\n');
  });

  test('GIVEN namespaces with and without NetworkPolicies WHEN generated THEN the ones without are flagged', () => {
    const security = section(overview, 'Security posture');
    expect(security).toContain('| `seldon-logs` | 0 | **none**: traffic is not restricted |');
    expect(security).toContain('| `seldon-system` | 1 | `allow-from-platform-namespaces` |');
  });

  test('GIVEN existing and external secrets WHEN generated THEN each is listed with namespace, keys and source', () => {
    const security = section(overview, 'Security posture');
    expect(security).toContain('| `elastic-credentials` | `seldon-logs` | `password`, `username` | must exist (create out of band) | Elasticsearch login of the request logger |');
    expect(security).toContain('| `seldon-kafka-user` | `seldon-system` | `password` | ExternalSecret | Kafka SCRAM credentials of Core 2 |');
  });

  test('GIVEN the fixture WHEN generated THEN it has a mermaid block of the apply order', () => {
    const diagram = section(overview, 'Apply order');
    expect(diagram).toContain('```mermaid\n%%{init:');
    expect(diagram).toContain('\nflowchart TB\n');
    expect(diagram).toContain('  root_seldon_platform_fixture_wave_5 --> root_seldon_platform_fixture_waves_10');
  });

  test('GIVEN a render without Core 2, Kafka, Istio or secrets WHEN generated THEN those parts say "not rendered" or none', () => {
    const input = fixtureInput();
    const kept = input.objects.filter((o) => ['delivery', 'namespaces'].includes(o.file.split('/')[0]));
    const bare = overviewMarkdown({ ...input, objects: kept, secrets: [], topicBudget: computeTopicBudget([]) });
    expect(bare).toContain('| Core 2 control plane | not rendered |');
    expect(bare).toContain('| Istio mTLS (PeerAuthentication) | not rendered |');
    expect(bare).toContain('No model namespace runs Core 2: no Core 2 topics.');
    expect(bare).toContain('None: add one with `platform.addModelNamespace(name, options)`.');
    expect(section(bare, 'Security posture')).toMatch(/### Secrets the render depends on\n\n.*\n\nNone\.\n$/);
  });
});

describe('Kafka topic budget', () => {
  test('2 x (models + pipelines) + 1 per namespace, summed over namespaces', () => {
    expect(topicsFor(10, 5)).toBe(31);
    expect(topicsFor(0, 0)).toBe(1);
    const budget = computeTopicBudget([
      { namespace: 'b', models: 1, pipelines: 1 },
      { namespace: 'a', models: 2, pipelines: 0 },
    ]);
    expect(budget.namespaces.map((n) => [n.namespace, n.topics])).toEqual([
      ['a', 5],
      ['b', 5],
    ]);
    expect(budget.totalTopics).toBe(10);
  });

  test('GIVEN a platform with the Kafka concern WHEN reviewed THEN only Core 2 namespaces count, totals from the concern', () => {
    const platform = new SeldonPlatform(new App(), 'small', testConfig({ name: 'small' }));
    platform.addModelNamespace('models-a', { plannedModels: 3, plannedPipelines: 1 });
    platform.addModelNamespace('models-b', { coreV2: false });
    const budget = reviewInputOf(platform, []).topicBudget;
    expect(budget.namespaces).toEqual([{ namespace: 'models-a', models: 3, pipelines: 1, topics: 9 }]);
    expect(budget.totalTopics).toBe(9);
    expect(budget.source).toBe('the Kafka concern');
    expect(budget.totalPartitions).toBe(platform.kafka?.topicBudget().partitions);
  });

  test('GIVEN a platform without Kafka (and so without Core 2) WHEN reviewed THEN the budget is empty, from the planned counts', () => {
    const platform = new SeldonPlatform(new App(), 'small', testConfig({ name: 'small', kafka: false, coreV2: false }));
    platform.addModelNamespace('models-a', { plannedModels: 3, plannedPipelines: 1 });
    expect(reviewInputOf(platform, []).topicBudget).toEqual({ namespaces: [], totalTopics: 0, source: 'the planned counts' });
  });

  test('GIVEN a quota the plan exceeds WHEN the overview is generated THEN the exceeded limit is marked', () => {
    const budget = computeTopicBudget([{ namespace: 'seldon', models: 10, pipelines: 5 }], { topics: 31, partitions: 124, quota: { maxTopics: 10, maxPartitions: 200, source: 'Azure Event Hub Basic' } });
    const topics = section(overviewMarkdown(fixtureInput({ topicBudget: budget })), 'Kafka topic budget');
    expect(topics).toContain('Quota (Azure Event Hub Basic): topics 31 of 10 (**exceeded**), partitions 124 of 200.');
    expect(topics).toContain('totals from the Kafka concern');
  });
});

describe('OVERVIEW.md and verify.sh of a real render', () => {
  const namespaces: [string, ModelNamespaceOptions][] = [
    ['models-b', { plannedModels: 2, plannedPipelines: 1 }],
    ['models-a', {}],
  ];

  test('GIVEN a small config (every component off) WHEN synthesised THEN both files match their snapshots', () => {
    const { overview, verify } = reviewFilesOf(SMALL, namespaces);
    expect(overview).toMatchSnapshot('OVERVIEW.md');
    expect(verify).toMatchSnapshot('verify.sh');
  });

  /** No root applies bootstrap/ (src/concerns/delivery.ts excludes it): the overview must not show it as a root's wave. */
  test('GIVEN a render THEN the bootstrap is its own step, applied by hand before the root, never a row or wave of a root', () => {
    const { overview } = reviewFilesOf(SMALL, namespaces);
    const section = (title: string) => overview.split(/^## /m).find((s) => s.startsWith(title)) ?? '';
    expect(section('Components')).not.toMatch(/^\| bootstrap \|/m);
    expect(section('Root Applications')).not.toMatch(/^\| bootstrap \|/m);
    expect(section('Root Applications')).toContain('applies every folder but `bootstrap/`');
    expect(section('Bootstrap: applied by hand before the root Application')).toContain('| `bootstrap/argocd.openshift-gitops.openshift-gitops.yaml` | ArgoCD | `openshift-gitops/openshift-gitops` |');
    const diagram = section('Apply order');
    expect(diagram).toMatch(/^ {2}step_bootstrap\["bootstrap\/ \(1 object\)<br\/>applied by hand before the root Application<br\/>\(bootstrap\/README\.md\)/m);
    expect(diagram).toMatch(/^ {2}step_bootstrap --> root_seldon_platform_small$/m);
    // Inside the root's subgraph (from its `subgraph` line to its closing `  end`) nothing names the bootstrap.
    const root = diagram.slice(diagram.indexOf('  subgraph root_'), diagram.indexOf('\n  end\n'));
    expect(root).not.toContain('bootstrap');
  });

  test('GIVEN the same config WHEN synthesised twice THEN the files are byte-identical', () => {
    expect(reviewFilesOf(testConfig(), namespaces)).toEqual(reviewFilesOf(testConfig(), namespaces));
  });

  test('GIVEN the same namespaces added in another order WHEN synthesised THEN the files are identical', () => {
    expect(reviewFilesOf(testConfig(), [...namespaces].reverse())).toEqual(reviewFilesOf(testConfig(), namespaces));
  });

  test('GIVEN a render WHEN synthesised THEN the review files are outputs but not objects (they are not YAML)', () => {
    const env = synthesizeEnvironments([builder(SMALL, namespaces)])[0];
    const files = [...env.output.files.keys()];
    expect(files).toEqual(expect.arrayContaining([OVERVIEW_FILE, VERIFY_FILE]));
    expect(files.filter((f) => f.endsWith('.yaml'))).toHaveLength(env.objectCount);
  });
});

test('GIVEN chart Applications in applications/ THEN each counts towards the concern that renders it', () => {
  const components = componentsOf(render(testConfig()));
  const names = components.map((c) => c.name);
  expect(names).not.toContain('applications');
  expect(components.find((c) => c.name === 'seldon-core-v2')?.installs).toEqual(expect.arrayContaining([`Helm seldon-core-v2-crds ${CHARTS.seldonCoreV2Crds.version}`, `Helm seldon-core-v2-setup ${CHARTS.seldonCoreV2Setup.version}`]));
  expect(components.find((c) => c.name === 'seldon-deploy')?.installs).toEqual([`Helm seldon-deploy ${CHARTS.seldonDeploy.version}`]);
});

describe('OVERVIEW.md lines are stable per namespace', () => {
  const overviewWith = (namespaces: string[]): string[] => {
    const build: EnvironmentBuilder = (scope) => {
      const platform = new SeldonPlatform(scope, 'stable', testConfig({ name: 'stable' }));
      for (const ns of namespaces) platform.addModelNamespace(ns, {});
      return platform;
    };
    return (synthesizeEnvironments([build])[0].output.files.get(OVERVIEW_FILE) as string).split('\n');
  };
  const before = overviewWith(['models-a']);
  const after = overviewWith(['models-a', 'models-b']);
  const evidence = (lines: string[]) => lines.filter((l) => l.startsWith('- `'));

  test('GIVEN an unrelated model namespace added WHEN regenerated THEN every secure-defaults evidence line is unchanged, and the new namespace only adds lines', () => {
    expect(evidence(before).length).toBeGreaterThan(5);
    expect(evidence(before).filter((l) => !after.includes(l))).toEqual([]);
    const added = evidence(after).filter((l) => !before.includes(l));
    expect(added.length).toBeGreaterThan(0);
    for (const line of added) expect(line).toContain('models-b');
  });

  test('GIVEN the per-namespace evidence THEN each namespace has its own line (not one line naming them all)', () => {
    expect(evidence(after)).toEqual(expect.arrayContaining([expect.stringMatching(/^- `network-policies`: models-a: \d+ NetworkPolic/), expect.stringMatching(/^- `network-policies`: models-b: \d+ NetworkPolic/)]));
    expect(evidence(after).filter((l) => l.includes('models-a') && l.includes('models-b'))).toEqual([]);
  });
});

describe('OVERVIEW.md documents pinned operators', () => {
  test('GIVEN an operator pinned with Manual approval WHEN the overview is generated THEN its install names the CSV and the approval, and the approval flow is explained', () => {
    const build: EnvironmentBuilder = (scope) => new SeldonPlatform(scope, 'pinned', testConfig({ name: 'pinned', operators: { servicemeshoperator: { startingCSV: 'servicemeshoperator.v2.6.5' } } }));
    const overview = synthesizeEnvironments([build])[0].output.files.get(OVERVIEW_FILE) as string;
    expect(overview).toContain('OLM servicemeshoperator @ stable (pinned servicemeshoperator.v2.6.5, Manual approval)');
    expect(overview).toContain('Operators with Manual approval (`openshift-operators/servicemeshoperator`)');
    expect(synthesizeEnvironments([build])[0].output.files.get(VERIFY_FILE)).toContain('check_pending_installplans openshift-operators servicemeshoperator');
  });
});
