/**
 * The mutation / compare logic of the chart checks, without helm: a small fake "chart" (a function of the values)
 * stands in for `helm template`, so every outcome (read through a marker, read only through a change, rejected,
 * ignored, non-deterministic) is produced on purpose and can fail.
 */
import { changedObjects, canonicalJson, objectSet } from '../../src/validation/chart-compare';
import { checkChartApplications, reportLines } from '../../src/validation/chart-checks';
import { applyMutations, leavesOf, markerOf, mutationOf } from '../../src/validation/chart-leaves';
import { limitConcurrency, mutationCheck, Rendered, Renderer } from '../../src/validation/chart-mutation';
import { ChartSource } from '../../src/validation/chart-render';

const source = (values: Record<string, unknown>, parameters: ChartSource['parameters'] = []): ChartSource => ({
  application: 'demo', chart: 'demo', version: '1.0.0', releaseName: 'demo', namespace: 'demo', values, parameters,
});

/**
 * The fake chart: `name` is printed (marker visible), `replicas` is printed, `enabled` adds an object, `hashed` only
 * changes a checksum (marker invisible, output changes), `mode` must be "a" or "b" (anything else fails the render),
 * `ignored` and `empty` are never read; `--set image.tag` is printed, `--set dropped` is never read.
 */
function fakeChart(s: ChartSource): Rendered {
  const v = s.values as any;
  if (v.mode !== undefined && !['a', 'b'].includes(v.mode)) throw new Error(`Application demo does not render: mode must be a or b, got ${v.mode}`);
  const tag = s.parameters.find((p) => p.name === 'image.tag')?.value ?? 'latest';
  const checksum = [...JSON.stringify(v.hashed ?? '')].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 1000003, 7);
  const objects: Array<Record<string, any>> = [
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'demo', namespace: 'demo' }, data: { name: String(v.app?.name ?? 'x'), replicas: String(v.replicas ?? 1), mode: v.mode ?? 'a' } },
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'demo', namespace: 'demo', annotations: { checksum: String(checksum) } }, spec: { template: { spec: { containers: [{ name: 'c', image: `demo:${tag}` }] } } } },
  ];
  if (v.enabled) objects.push({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'demo', namespace: 'demo' } });
  return { objects, text: objects.map((o) => JSON.stringify(o)).join('\n---\n') };
}
const fake: Renderer = async (s) => fakeChart(s);

describe('leaves and mutations', () => {
  test('GIVEN nested values, lists and parameters THEN every leaf is found with its Helm path', () => {
    const leaves = leavesOf(source({ a: { b: 'x', c: [1, { d: true }] }, e: null, f: {} }, [{ name: 'g.h', value: 'null' }]));
    expect(leaves.map((l) => l.path)).toEqual(['a.b', 'a.c[0]', 'a.c[1].d', 'e', 'f', '--set g.h']);
  });

  test('THEN booleans flip, numbers grow, strings carry their marker, null and {} are removed, parameters likewise', () => {
    const [s, n, b, nul, empty, pNull, pBool, pNum, pStr] = leavesOf(
      source({ s: 'v', n: 3, b: false, nul: null, empty: {} }, [
        { name: 'p1', value: 'null' }, { name: 'p2', value: 'true' }, { name: 'p3', value: '8' }, { name: 'p4', value: 'x' },
      ]),
    );
    expect(mutationOf(s, 7)).toEqual({ leaf: s, set: `v${markerOf(7)}` });
    expect(mutationOf(n, 1)).toEqual({ leaf: n, set: 4 });
    expect(mutationOf(b, 1)).toEqual({ leaf: b, set: true });
    expect(mutationOf(nul, 1)).toEqual({ leaf: nul, remove: true });
    expect(mutationOf(empty, 1)).toEqual({ leaf: empty, remove: true });
    expect(mutationOf(pNull, 1)).toEqual({ leaf: pNull, remove: true });
    expect(mutationOf(pBool, 1)).toEqual({ leaf: pBool, set: 'false' });
    expect(mutationOf(pNum, 1)).toEqual({ leaf: pNum, set: '9' });
    expect(mutationOf(pStr, 2)).toEqual({ leaf: pStr, set: `x${markerOf(2)}` });
  });

  test('THEN applying mutations copies: the input is untouched, removed list items close up, removed parameters go', () => {
    const input = source({ a: { b: 'x' }, l: ['p', 'q', 'r'] }, [{ name: 'k', value: 'null' }, { name: 'm', value: '1' }]);
    const leaves = leavesOf(input);
    const out = applyMutations(input, [mutationOf(leaves[0], 0), { leaf: leaves[2], remove: true }, mutationOf(leaves[4], 4), mutationOf(leaves[5], 5)]);
    expect(out.values).toEqual({ a: { b: `x${markerOf(0)}` }, l: ['p', 'r'] });
    expect(out.parameters).toEqual([{ name: 'm', value: '2' }]);
    expect(input.values).toEqual({ a: { b: 'x' }, l: ['p', 'q', 'r'] });
    expect(input.parameters).toHaveLength(2);
  });

  test('markers are fixed-width, so none contains another', () => {
    expect(markerOf(1)).toHaveLength(markerOf(1234).length);
    expect(markerOf(12).includes(markerOf(1))).toBe(false);
  });
});

describe('comparing renders as object sets', () => {
  const a = { kind: 'ConfigMap', metadata: { name: 'x', namespace: 'n' }, data: { k: 'v', l: 'w' } };
  test('GIVEN the same objects in another order and key order THEN nothing changed', () => {
    const b = { data: { l: 'w', k: 'v' }, metadata: { namespace: 'n', name: 'x' }, kind: 'ConfigMap' };
    const svc = { kind: 'Service', metadata: { name: 'x', namespace: 'n' } };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(changedObjects(objectSet([a, svc]), objectSet([svc, b]))).toEqual([]);
  });
  test('GIVEN one field changed, one object added THEN both are named; ignored ids are left out', () => {
    const changed = { ...a, data: { k: 'v', l: 'CHANGED' } };
    const added = { kind: 'Secret', metadata: { name: 's', namespace: 'n' } };
    expect(changedObjects(objectSet([a]), objectSet([changed, added]))).toEqual(['ConfigMap n/x', 'Secret n/s']);
    expect(changedObjects(objectSet([a]), objectSet([changed, added]), new Set(['Secret n/s']))).toEqual(['ConfigMap n/x']);
  });
});

describe('the mutation check on the fake chart', () => {
  const values = { app: { name: 'demo' }, replicas: 2, enabled: false, hashed: 'h', mode: 'a', ignored: 'nobody reads me', empty: {} };
  const input = source(values, [{ name: 'image.tag', value: '1.0' }, { name: 'dropped', value: 'null' }]);

  test('THEN each leaf gets the effect it has: marker, change, rejection, or none', async () => {
    const report = await mutationCheck(input, fakeChart(input), fake);
    const effects = Object.fromEntries(report.leaves.map((l) => [l.path, l.effect]));
    expect(effects).toEqual({
      'app.name': 'marker',
      replicas: 'changed',
      enabled: 'changed',
      hashed: 'changed',
      mode: 'rejected',
      ignored: 'none',
      empty: 'none',
      '--set image.tag': 'marker',
      '--set dropped': 'none',
    });
    // One render for the markers (it fails on `mode`, so it is bisected), then one per remaining leaf.
    expect(report.renders).toBeLessThan(leavesOf(input).length + 6);
  });

  test('GIVEN only strings the chart prints THEN one render proves them all', async () => {
    const strings = source({ app: { name: 'n' } }, [{ name: 'image.tag', value: 'v2' }]);
    const report = await mutationCheck(strings, fakeChart(strings), fake);
    expect(report.leaves.every((l) => l.effect === 'marker')).toBe(true);
    expect(report.renders).toBe(1);
  });

  test('GIVEN an unstable object THEN a change only there does not count', async () => {
    const only = source({ hashed: 'h' });
    const report = await mutationCheck(only, fakeChart(only), fake, new Set(['Deployment demo/demo']));
    expect(report.leaves[0].effect).toBe('none');
  });

  test('the limiter never runs more than n renders at once', async () => {
    let running = 0;
    let peak = 0;
    const slow: Renderer = async (s) => {
      peak = Math.max(peak, ++running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      return fakeChart(s);
    };
    const limited = limitConcurrency(slow, 2);
    await Promise.all(Array.from({ length: 9 }, () => limited(input)));
    expect(peak).toBe(2);
  });
});

describe('checkChartApplications on the fake chart', () => {
  const application = (values: Record<string, unknown>) => ({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: 'demo', namespace: 'argocd' },
    spec: { destination: { namespace: 'demo' }, source: { chart: 'demo', targetRevision: '1.0.0', helm: { valuesObject: values } } },
  });

  test('GIVEN a value the chart never reads THEN the report names the Application, chart version and key', async () => {
    const [report] = await checkChartApplications([{ name: 'env', objects: [application({ app: { name: 'x' }, ignored: 'y' })] }], { chartsDir: '-', render: fake });
    expect(report.problems).toEqual(['value ignored = "y" does not change the chart\'s output (the chart never reads it)']);
    expect(reportLines(report)[0]).toBe('FAIL env: Application demo (demo 1.0.0): 1 problem');
  });

  test('GIVEN a chart that renders differently each time THEN the non-determinism is a problem', async () => {
    let n = 0;
    const random: Renderer = async (s) => {
      const r = fakeChart(s);
      const objects = [...r.objects, { kind: 'Secret', metadata: { name: 'pw', namespace: 'demo' }, data: { password: String(n++) } }];
      return { objects, text: JSON.stringify(objects) };
    };
    const [report] = await checkChartApplications([{ name: 'env', objects: [application({ app: { name: 'x' } })] }], { chartsDir: '-', render: random });
    expect(report.problems).toEqual([expect.stringContaining('two renders of the same input differ (Secret demo/pw)')]);
  });

  test('GIVEN a chart that does not render THEN helm\'s message is the problem', async () => {
    const [report] = await checkChartApplications([{ name: 'env', objects: [application({ mode: 'zzz' })] }], { chartsDir: '-', render: fake });
    expect(report.rendered).toBe(false);
    expect(report.problems).toEqual(['Application demo does not render: mode must be a or b, got zzz']);
  });

  test('GIVEN values that all take effect THEN the line says so, and identical sources render once', async () => {
    let renders = 0;
    const counting: Renderer = async (s) => {
      renders++;
      return fakeChart(s);
    };
    const objects = [application({ app: { name: 'x' }, replicas: 3 })];
    const reports = await checkChartApplications([{ name: 'a', objects }, { name: 'b', objects }], { chartsDir: '-', render: counting });
    expect(reports.map((r) => reportLines(r)[0])).toEqual([
      'ok   a: Application demo (demo 1.0.0): renders; 2 keys set, all take effect; 0 intended settings found; 0 references resolved',
      'ok   b: Application demo (demo 1.0.0): renders; 2 keys set, all take effect; 0 intended settings found; 0 references resolved',
    ]);
    expect(renders).toBe(4); // two base renders, one marker render, one for `replicas`
  });
});
