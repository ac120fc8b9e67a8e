import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { synthCommand } from '../../src/cli';
import { EnvironmentBuilder } from '../../src/environments';
import { droppedObjectOf, pruneWarnings } from '../../src/lib/prune-warnings';
import { toYaml } from '../../src/lib/render';
import { SeldonPlatform } from '../../src/platform';
import { testConfig } from '../helpers/render';

describe('dropped objects', () => {
  test('GIVEN rendered files WHEN read back THEN kind, name and namespace come from the object, cluster-scoped without namespace', () => {
    const policy = toYaml({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'allow', namespace: 'models', labels: { name: 'not-this' } }, spec: { podSelector: {} } });
    expect(droppedObjectOf('model-namespaces/models/networkpolicy.models.allow.yaml', policy)).toEqual({ file: 'model-namespaces/models/networkpolicy.models.allow.yaml', kind: 'NetworkPolicy', name: 'allow', namespace: 'models' });
    const ns = toYaml({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'models' } });
    expect(droppedObjectOf('x/namespace.models.yaml', ns)).toEqual({ file: 'x/namespace.models.yaml', kind: 'Namespace', name: 'models', namespace: undefined });
  });

  test('GIVEN dropped objects WHEN warned THEN one line per namespace with its kinds; a dropped Namespace says everything in it goes', () => {
    const lines = pruneWarnings('dist/prod', [
      { file: 'a', kind: 'Namespace', name: 'fraud' },
      { file: 'b', kind: 'NetworkPolicy', name: 'x', namespace: 'fraud' },
      { file: 'c', kind: 'NetworkPolicy', name: 'y', namespace: 'fraud' },
      { file: 'd', kind: 'Certificate', name: 'z', namespace: 'seldon-system' },
      { file: 'e', kind: 'ClusterRole', name: 'r' },
    ]);
    expect(lines).toEqual([
      'prune warning: dist/prod: namespace fraud is dropped: Argo CD deletes it and everything in it, also what is not in Git (dropped from the render: Namespace x1, NetworkPolicy x2)',
      'prune warning: dist/prod: namespace seldon-system loses Certificate x1',
      'prune warning: dist/prod: cluster-scoped objects dropped: ClusterRole x1',
    ]);
  });
});

describe('the synth summary warns before Argo CD prunes', () => {
  let work: string;
  beforeEach(() => (work = mkdtempSync(join(tmpdir(), 'prune-'))));
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  const withNamespaces = (names: string[]): EnvironmentBuilder => (scope) => {
    const platform = new SeldonPlatform(scope, 'prune', testConfig({ name: 'prune' }));
    for (const name of names) platform.addModelNamespace(name, {});
    return platform;
  };
  const synth = (names: string[]): string[] => {
    const lines: string[] = [];
    expect(synthCommand([withNamespaces(names)], { dist: join(work, 'dist'), staging: join(work, 'staging'), print: (l) => lines.push(l) })).toBe(0);
    return lines;
  };

  test('GIVEN a model namespace removed from the environment WHEN synthesised THEN the summary names it and the kinds dropped with it, and nothing else', () => {
    synth(['fraud-models', 'risk-models']);
    const lines = synth(['risk-models']).filter((l) => l.startsWith('prune warning:'));
    expect(lines).toEqual([
      expect.stringMatching(/^prune warning: .*\/dist\/prune: namespace fraud-models is dropped: Argo CD deletes it and everything in it, also what is not in Git \(dropped from the render: .*Namespace x1, NetworkPolicy x\d+.*PodMonitor x\d+.*\)$/),
    ]);
  });

  test('GIVEN the same render again WHEN synthesised THEN there is no prune warning', () => {
    synth(['fraud-models']);
    expect(synth(['fraud-models']).filter((l) => l.startsWith('prune warning:'))).toEqual([]);
  });
});
