/**
 * Every chart Application of both reference environments and of every compiled example, through a real helm with the
 * pinned chart packages in ../shared/charts (or $SELDON_SHARED_DIR/charts): it renders, deterministically, every value we
 * set takes effect, the intended settings are in the output, and what it points at exists. Skipped, with a printed
 * note, when the packages are absent (a fresh clone); under CI=true a missing folder fails (test/helpers/shared.ts).
 *
 * Plus the checks catching the defects they were built for, on the real charts: a value the chart does not read
 * (seldon-deploy 2.4.0's `seldon.kfservingV2CurlForm`) and a non-deterministic render (kube-prometheus-stack 88.5.3
 * without a Grafana admin secret).
 */
import { App } from 'cdk8s';
import { ENVIRONMENTS } from '../../src/environments';
import { ChartApplicationReport, checkChartApplications, reportLines } from '../../src/validation/chart-checks';
import { chartSourceOf } from '../../src/validation/chart-render';
import { compiledExamples, renderExample } from '../helpers/examples';
import { sharedFolder } from '../helpers/shared';

const CHARTS = sharedFolder('charts', 'the real-chart checks') ?? '';
const describeWithCharts = CHARTS ? describe : describe.skip;

describeWithCharts('every chart Application through the real chart (reference environments and every example)', () => {
  const environments = [
    ...ENVIRONMENTS.map((build) => {
      const platform = build(new App());
      return { name: `environment ${platform.config.name}`, objects: platform.render().map((o) => o.object as Record<string, any>) };
    }),
    ...compiledExamples().map((example) => ({ name: `example ${example.name}`, objects: renderExample(example) })),
  ];
  let reports: ChartApplicationReport[] = [];

  beforeAll(async () => {
    reports = await checkChartApplications(environments, { chartsDir: CHARTS });
    console.log(reports.flatMap(reportLines).join('\n'));
  }, 600_000);

  test('THEN every reference environment and example has chart Applications to check', () => {
    expect(new Set(reports.map((r) => r.environment)).size).toBeGreaterThanOrEqual(2);
    expect(reports.filter((r) => r.chart === 'seldon-core-v2-setup').length).toBeGreaterThan(5);
  });

  test('THEN no chart Application has a problem', () => {
    expect(reports.filter((r) => r.problems.length > 0).map((r) => reportLines(r).join('\n'))).toEqual([]);
  });

  test('THEN Core 2 and Seldon Deploy show their intended settings in the output', () => {
    for (const r of reports.filter((x) => x.chart === 'seldon-core-v2-setup')) expect([r.environment, r.intendedFound > 40]).toEqual([r.environment, true]);
    for (const r of reports.filter((x) => x.chart === 'seldon-deploy')) expect([r.environment, r.intendedFound > 15]).toEqual([r.environment, true]);
  });
});

describeWithCharts('the checks catch the defects on the real charts', () => {
  const kubernetes = ENVIRONMENTS.map((build) => build(new App())).find((p) => p.config.platform === 'kubernetes')!;
  const objects = kubernetes.render().map((o) => o.object as Record<string, any>);
  const application = (name: string) => objects.find((o) => chartSourceOf(o)?.application === name)!;
  const withValues = (app: Record<string, any>, values: Record<string, unknown>) => ({ ...app, spec: { ...app.spec, source: { ...app.spec.source, helm: { ...app.spec.source.helm, valuesObject: values } } } });

  test('GIVEN seldon-deploy 2.4.0 with the seed\'s seldon.kfservingV2CurlForm THEN that key is reported as doing nothing, v2CurlForm is not', async () => {
    const app = withValues(application('seldon-deploy'), { seldon: { kfservingV2CurlForm: 'curl A', v2CurlForm: 'curl B' } });
    const [report] = await checkChartApplications([{ name: 'k', objects: [app] }], { chartsDir: CHARTS });
    expect(report.problems).toEqual(['value seldon.kfservingV2CurlForm = "curl A" does not change the chart\'s output (the chart never reads it)']);
  }, 120_000);

  test('GIVEN cert-manager v1.21.1 with a key its values.schema.json does not allow THEN the Application fails with helm\'s schema message', async () => {
    const app = withValues(application('cert-manager'), { crds: { enabled: true, keep: 'yes' } });
    const [report] = await checkChartApplications([{ name: 'k', objects: [app] }], { chartsDir: CHARTS });
    expect(report.rendered).toBe(false);
    expect(report.problems).toEqual([expect.stringMatching(/^Application cert-manager \(chart cert-manager v1\.21\.1\) does not render: .*schema.*crds/s)]);
  }, 120_000);

  test('GIVEN kube-prometheus-stack 88.5.3 without a Grafana admin secret THEN two renders differ', async () => {
    const app = withValues(application('kube-prometheus-stack'), { fullnameOverride: 'kube-prometheus-stack' });
    const [report] = await checkChartApplications([{ name: 'k', objects: [app] }], { chartsDir: CHARTS });
    expect(report.problems).toEqual([expect.stringMatching(/^two renders of the same input differ \(.*Secret monitoring\/kube-prometheus-stack-grafana/)]);
  }, 120_000);
});
