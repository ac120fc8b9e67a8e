/**
 * Version bumps are one line in src/versions.ts: every pinned chart has its package in the charts folder (so the real
 * helm render checks can run), and every known migration a pin has crossed is handled by the render.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ENVIRONMENTS } from '../src/environments';
import { compareVersions, crossedMigrations, CURRENT_PINS, migrationMessage, MIGRATIONS, Pins, unhandledMigrations } from '../src/validation/migrations';
import { KubeObject } from '../src/lib/render';
import { synthesizeEnvironments } from '../src/synth';
import { chartPackage, chartSourceOf } from '../src/validation/chart-render';
import { CHARTS } from '../src/versions';
import { parse } from 'yaml';

const CHARTS_DIR = process.env.CHARTS_DIR ?? resolve(__dirname, '../../shared/charts');
const hasCharts = existsSync(CHARTS_DIR);
if (!hasCharts) console.warn(`NOTE: ${CHARTS_DIR} is absent: the pinned-chart package test is skipped (set CHARTS_DIR to a folder of chart .tgz)`);

const environments = synthesizeEnvironments(ENVIRONMENTS);
const objectsOf = (env: (typeof environments)[number]): KubeObject[] =>
  [...env.output.files.entries()].filter(([file]) => file.endsWith('.yaml')).map(([, text]) => parse(text) as KubeObject);

/** Pins with one chart moved to another version (a simulated bump). */
function bumped(key: keyof typeof CHARTS, version: string): Pins {
  return { charts: { ...CURRENT_PINS.charts, [key]: { ...CURRENT_PINS.charts[key], version } } };
}

describe('pinned charts', () => {
  (hasCharts ? test : test.skip)('GIVEN the charts folder WHEN every pinned chart is looked up THEN each has its <chart>-<version>.tgz', () => {
    const missing = Object.entries(CHARTS)
      .filter(([, c]) => chartPackage(CHARTS_DIR, c.chart, c.version) === undefined)
      .map(([key, c]) => `CHARTS.${key}: ${c.chart}-${c.version}.tgz`);
    expect(missing).toEqual([]);
  });

  (hasCharts ? test : test.skip)('GIVEN every environment WHEN its chart Applications are read THEN each chart version has a package', () => {
    const missing = environments.flatMap((env) =>
      objectsOf(env)
        .filter((o) => o.kind === 'Application')
        .map((o) => chartSourceOf(o as unknown as Record<string, unknown>))
        .filter((s): s is NonNullable<typeof s> => s !== undefined)
        .filter((s) => chartPackage(CHARTS_DIR, s.chart, s.version) === undefined)
        .map((s) => `${env.output.name}: ${s.chart}-${s.version}.tgz`),
    );
    expect(missing).toEqual([]);
  });

  (hasCharts ? test : test.skip)('GIVEN a pin bumped to a version that has no package WHEN looked up THEN it is reported missing', () => {
    expect(chartPackage(CHARTS_DIR, CHARTS.seldonCoreV2Setup.chart, '99.0.0')).toBeUndefined();
  });
});

describe('version comparison', () => {
  test.each([
    ['2.9.1', '2.10.0', -1],
    ['v1.21.1', '1.21.1', 0],
    ['2.10', '2.9.9', 1],
  ])('%s vs %s', (a, b, sign) => expect(Math.sign(compareVersions(a, b))).toBe(sign));
});

describe('migrations', () => {
  test('every migration cites an upstream file with lines and names a pin', () => {
    for (const m of MIGRATIONS) {
      expect(m.source).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}:[\w./-]+:\d+(-\d+)?$/);
      expect(Object.keys(CHARTS)).toContain(m.pin);
    }
  });

  test.each(environments.map((e) => [e.output.name, e] as const))('GIVEN environment %s at the current pins THEN every crossed migration is handled', (_name, env) => {
    expect(unhandledMigrations(objectsOf(env)).map(migrationMessage)).toEqual([]);
  });

  test('GIVEN the current Core 2 pin THEN 2.6, 2.7 and 2.8 are crossed and 2.10 is not', () => {
    const crossed = crossedMigrations().map((m) => m.id);
    const core = CHARTS.seldonCoreV2Setup.version;
    for (const m of MIGRATIONS.filter((x) => x.pin === 'seldonCoreV2Setup')) {
      expect(crossed.includes(m.id)).toBe(compareVersions(core, m.since) >= 0);
    }
  });

  const podMonitor = (app: string): KubeObject => ({
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PodMonitor',
    metadata: { name: 'server', namespace: 'models' },
    spec: { selector: { matchLabels: { app } } },
  });

  test('GIVEN a pre-2.7 PodMonitor (app: seldon-server) WHEN the pin is 2.7.0 THEN it fails with the upstream note; at 2.6.1 it passes', () => {
    const problems = unhandledMigrations([podMonitor('seldon-server')], bumped('seldonCoreV2Setup', '2.7.0'), MIGRATIONS.filter((m) => m.id === 'core-v2-2.7-pod-labels'));
    expect(problems.map(migrationMessage)).toEqual([expect.stringContaining('app.kubernetes.io/name')]);
    expect(migrationMessage(problems[0])).toContain('docs-gb/upgrading.md:36-58');
    expect(unhandledMigrations([podMonitor('seldon-server')], bumped('seldonCoreV2Setup', '2.6.1'))).toEqual([]);
  });

  test('GIVEN a hand-rendered SeldonConfig without scalingConfig WHEN Core 2 is bumped to 2.10.0 THEN the 2.10 migration fails; with it, it passes', () => {
    const config = (scaling: boolean): KubeObject => ({
      apiVersion: 'mlops.seldon.io/v1alpha1',
      kind: 'SeldonConfig',
      metadata: { name: 'default', namespace: 'seldon-system' },
      spec: { config: scaling ? { scalingConfig: { pipelines: { maxShardCountMultiplier: 4 } } } : {} },
    });
    const pins = bumped('seldonCoreV2Setup', '2.10.0');
    const only = MIGRATIONS.filter((m) => m.id === 'core-v2-2.10-scaling-config');
    expect(unhandledMigrations([config(false)], pins, only).map(migrationMessage)).toEqual([expect.stringMatching(/crosses 2\.10\.0 .*scalingConfig.*upgrading\.md:6-12/)]);
    expect(unhandledMigrations([config(true)], pins, only)).toEqual([]);
    expect(unhandledMigrations([config(false)], CURRENT_PINS, only)).toEqual([]);
  });

  test.each(environments.map((e) => [e.output.name, e] as const))('GIVEN environment %s bumped to Core 2 2.10.0 (both charts) THEN it is handled: the SeldonConfig comes from the chart', (_name, env) => {
    const pins: Pins = { charts: { ...bumped('seldonCoreV2Setup', '2.10.0').charts, seldonCoreV2Crds: { ...CHARTS.seldonCoreV2Crds, version: '2.10.0' } } };
    expect(unhandledMigrations(objectsOf(env), pins).map(migrationMessage)).toEqual([]);
  });

  test('GIVEN only the setup chart bumped WHEN evaluated THEN the CRD chart lagging behind is reported', () => {
    const problems = unhandledMigrations([], bumped('seldonCoreV2Setup', '2.10.0'));
    expect(problems.map((p) => p.migration.id)).toEqual(['core-v2-2.8-crds-with-controller']);
  });

  test('GIVEN a Server without a SeldonRuntime in its namespace THEN the 2.6 migration reports it', () => {
    const server: KubeObject = { apiVersion: 'mlops.seldon.io/v1alpha1', kind: 'Server', metadata: { name: 'mlserver', namespace: 'orphans' }, spec: {} };
    expect(unhandledMigrations([server]).map((p) => p.migration.id)).toEqual(['core-v2-2.6-seldonruntime']);
  });
});
