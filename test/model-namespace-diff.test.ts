import { App } from 'cdk8s';
import { SeldonPlatform } from '../src/platform';
import { openshiftConfig } from '../src/environments/openshift';
import { kubernetesConfig } from '../src/environments/kubernetes';
import { PlatformConfig } from '../src/config';
import { ModelNamespaceOptions } from '../src/concerns/model-namespace';
import { synthesizeEnvironments } from '../src/synth';

/** Files → content of one environment rendered with the given model namespaces. */
function files(config: PlatformConfig, namespaces: Record<string, ModelNamespaceOptions>): Map<string, string> {
  const [env] = synthesizeEnvironments([
    (scope) => {
      const p = new SeldonPlatform(scope, config.name, config);
      for (const [name, options] of Object.entries(namespaces)) p.addModelNamespace(name, options);
      return p;
    },
  ]);
  return new Map([...env.output.files].filter(([f]) => f.endsWith('.yaml')));
}

/** Lines of b not in a, and of a not in b (multiset difference). */
function lineDiff(a: string, b: string): { added: string[]; removed: string[] } {
  const count = (s: string) => s.split('\n').reduce((m, l) => m.set(l, (m.get(l) ?? 0) + 1), new Map<string, number>());
  const ca = count(a);
  const cb = count(b);
  const minus = (x: Map<string, number>, y: Map<string, number>) => [...x].flatMap(([l, n]) => Array<string>(Math.max(0, n - (y.get(l) ?? 0))).fill(l));
  return { added: minus(cb, ca), removed: minus(ca, cb) };
}

describe.each([
  ['openshift', openshiftConfig],
  ['kubernetes', kubernetesConfig],
])('adding or removing a model namespace on %s', (_name, config) => {
  const base = { 'models-a': { gitops: config.gitops !== false }, 'models-b': {} };
  const before = files(config, base);
  const after = files(config, { ...base, 'models-new': { gitops: config.gitops !== false } });

  test('GIVEN a render WHEN a namespace is added THEN its objects are new files in its own folder only', () => {
    const created = [...after.keys()].filter((f) => !before.has(f));
    expect(created.length).toBeGreaterThan(0);
    for (const file of created) expect(file).toMatch(/^model-namespaces\/models-new\//);
    expect([...before.keys()].filter((f) => !after.has(f))).toEqual([]);
  });

  test('THEN existing files change only by lines added to shared registries, each naming the namespace or its entry', () => {
    const changed = [...before.keys()].filter((f) => before.get(f) !== after.get(f));
    for (const file of changed) {
      const { added, removed } = lineDiff(before.get(file) as string, after.get(file) as string);
      expect([file, removed]).toEqual([file, []]);
      expect([file, added.some((l) => l.includes('models-new'))]).toEqual([file, true]);
      // One registry entry: a line or three (e.g. a member, an AppProject destination); the KafkaUser's entry is one
      // prefix ACL for the namespace's dataflow topics (six lines of YAML).
      expect(added.length).toBeLessThanOrEqual(file.includes('kafkauser.') ? 6 : 3);
    }
  });

  test('WHEN the call is removed again THEN the render is byte-identical to before (Argo CD prunes the rest)', () => {
    expect(files(config, base)).toEqual(before);
  });
});

test('the platform keeps no trace of a namespace that was never added', () => {
  const p = new SeldonPlatform(new App(), 'openshift', openshiftConfig);
  p.addModelNamespace('models-a');
  expect(p.render().some((o) => JSON.stringify(o.object).includes('models-b'))).toBe(false);
});
