/**
 * Every Argo CD Application that installs a Helm chart, checked against the real chart at the pinned version through a
 * real helm (chart-render.ts, the one render path):
 *
 * 1. the chart renders with our values and parameters (helm also applies the chart's `values.schema.json`);
 * 2. two renders of the same input are byte-identical (Argo CD would otherwise see a diff on every refresh);
 * 3. every leaf value we set changes the output (chart-mutation.ts), unless a reviewed exception says why not
 *    (chart-exceptions.ts);
 * 4. the settings the platform intends appear in the chart's output (chart-intended.ts);
 * 5. every Service another object points at exists in the chart's output, or is created by an operator
 *    (chart-references.ts).
 *
 * Input: the objects of each environment (read from dist/ or rendered in memory). Identical chart sources (same chart,
 * version, release, namespace, values and parameters) are checked once and reported for every Application using them.
 */
import { canonicalJson, changedObjects, objectSet } from './chart-compare';
import { exceptionFor } from './chart-exceptions';
import { intendedSettings } from './chart-intended';
import { LeafResult, limitConcurrency, mutationCheck, Renderer } from './chart-mutation';
import { serviceReferenceProblems, ServiceTarget, servicesOf } from './chart-references';
import { ChartSource, chartSourceOf, renderChartAsync } from './chart-render';

/** The objects of one rendered environment (a dist/ folder or an in-memory render of an example). */
export interface EnvironmentObjects {
  readonly name: string;
  readonly objects: ReadonlyArray<Record<string, any>>;
}

/** The verdict for one chart Application of one environment. */
export interface ChartApplicationReport {
  readonly environment: string;
  readonly application: string;
  readonly chart: string;
  readonly version: string;
  readonly rendered: boolean;
  /** Leaves set (values and `--set` parameters). */
  readonly keys: number;
  /** Leaves shown to take no effect, with a reviewed reason. */
  readonly excepted: ReadonlyArray<{ path: string; reason: string }>;
  /** Intended settings found in the output. */
  readonly intendedFound: number;
  /** Service references and ignoreDifferences targets that resolved. */
  readonly referencesResolved: number;
  /** Everything wrong; empty when the Application passes. */
  readonly problems: string[];
}

export interface ChartCheckOptions {
  /** Folder of `<chart>-<version>.tgz` packages (`../shared/charts`). */
  readonly chartsDir: string;
  /** Helm processes at a time. @default 2 */
  readonly concurrency?: number;
  /** The renderer (tests pass a fake); defaults to helm via `renderChartAsync`. */
  readonly render?: Renderer;
}

interface SourceVerdict {
  readonly rendered: boolean;
  readonly leaves: LeafResult[];
  readonly problems: string[];
  readonly output: ReadonlyArray<Record<string, any>>;
}

/** Runs every check on every chart Application of every environment. */
export async function checkChartApplications(environments: readonly EnvironmentObjects[], options: ChartCheckOptions): Promise<ChartApplicationReport[]> {
  const render = limitConcurrency(options.render ?? ((s) => renderChartAsync(options.chartsDir, s)), options.concurrency ?? 2);
  const verdicts = new Map<string, Promise<SourceVerdict>>();
  const jobs = environments.flatMap((environment) =>
    environment.objects.flatMap((application) => {
      const source = chartSourceOf(application);
      if (source === undefined) return [];
      const key = canonicalJson(source);
      if (!verdicts.has(key)) verdicts.set(key, checkSource(source, render));
      return [{ environment, application, source, verdict: verdicts.get(key)! }];
    }),
  );
  const settled = await Promise.all(jobs.map(async (job) => ({ ...job, v: await job.verdict })));
  // The Services each environment's charts render: references from one chart to another resolve against them.
  const chartServices = new Map<string, ServiceTarget[]>();
  for (const { environment, source, v } of settled) {
    chartServices.set(environment.name, [...(chartServices.get(environment.name) ?? []), ...servicesOf(v.output, source.namespace, `chart ${source.chart} ${source.version}`)]);
  }
  return settled.map(({ environment, application, source, v }): ChartApplicationReport => {
    const problems = [...v.problems];
    const excepted: Array<{ path: string; reason: string }> = [];
    for (const leaf of v.leaves.filter((l) => l.effect === 'none')) {
      const reason = exceptionFor(source.chart, source.version, leaf.path);
      if (reason) excepted.push({ path: leaf.path, reason });
      else problems.push(`value ${leaf.path} = ${JSON.stringify(leaf.value)} does not change the chart's output (the chart never reads it)`);
    }
    let intendedFound = 0;
    let referencesResolved = 0;
    if (v.rendered) {
      const intended = intendedSettings(source, v.output, environment.objects);
      intendedFound = intended.filter((i) => i.found).length;
      problems.push(...intended.filter((i) => !i.found).map((i) => `intended setting missing from the chart's output: ${i.setting}: ${i.problem}`));
      const references = serviceReferenceProblems(source, v.output, environment.objects, chartServices.get(environment.name) ?? [], application);
      problems.push(...references.problems);
      referencesResolved = references.resolved;
    }
    return { environment: environment.name, application: source.application, chart: source.chart, version: source.version, rendered: v.rendered, keys: v.leaves.length, excepted, intendedFound, referencesResolved, problems };
  });
}

/** Render twice, compare, then mutate every leaf. */
async function checkSource(source: ChartSource, render: Renderer): Promise<SourceVerdict> {
  let first;
  let second;
  try {
    [first, second] = await Promise.all([render(source), render(source)]);
  } catch (error) {
    return { rendered: false, leaves: [], problems: [error instanceof Error ? error.message : String(error)], output: [] };
  }
  const problems: string[] = [];
  const unstable = new Set(changedObjects(objectSet(first.objects), objectSet(second.objects)));
  if (first.text !== second.text) {
    const which = unstable.size > 0 ? [...unstable].join(', ') : 'document order';
    problems.push(`two renders of the same input differ (${which}): the output is not deterministic, Argo CD would see a diff on every refresh`);
  }
  const { leaves } = await mutationCheck(source, first, render, unstable);
  return { rendered: true, leaves, problems, output: first.objects };
}

/** `renders; N keys set, all take effect; M intended settings found`, or the problems. */
export function reportLines(report: ChartApplicationReport): string[] {
  const head = `${report.environment}: Application ${report.application} (${report.chart} ${report.version})`;
  if (!report.rendered) return [`FAIL ${head}`, ...report.problems.map((p) => `       ${p}`)];
  const n = report.excepted.length;
  const effect = n === 0 ? 'all take effect' : `all but ${n} take effect (reviewed exception${n === 1 ? '' : 's'} in chart-exceptions.ts: ${report.excepted.map((e) => e.path).join(', ')})`;
  const summary = `renders; ${report.keys} keys set, ${effect}; ${report.intendedFound} intended settings found; ${report.referencesResolved} references resolved`;
  if (report.problems.length === 0) return [`ok   ${head}: ${summary}`];
  return [`FAIL ${head}: ${report.problems.length} problem${report.problems.length === 1 ? '' : 's'}`, ...report.problems.map((p) => `       ${p}`)];
}
