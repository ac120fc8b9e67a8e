/**
 * Model namespaces' quotas keep working: every container the platform or Seldon puts into a model namespace gets
 * requests and limits from the rendered values or the namespace's LimitRange. The Seldon containers are read from
 * the real chart render (../shared/charts; skipped with a note when absent).
 */
import { kubernetesConfig } from '../../src/environments/kubernetes';
import { openshiftConfig } from '../../src/environments/openshift';
import { chartSourceOf, renderChart } from '../../src/validation/chart-render';
import { limitRangeOf, ModelContainer, modelNamespaceContainers, quantity, quotaProblems } from '../../src/validation/model-namespace-resources';
import { render } from '../helpers/render';
import { sharedFolder } from '../helpers/shared';

const CHARTS = sharedFolder('charts', 'the model namespace quota renders') ?? '';
const describeWithCharts = CHARTS ? describe : describe.skip;

const LIMITS = { defaultCpu: '1', defaultMemory: '1Gi', defaultRequestCpu: '100m', defaultRequestMemory: '256Mi' };
const QUOTA = { cpu: '16', memory: '32Gi' };

describe('quotaProblems', () => {
  const agent: ModelContainer = { source: 'Server mlserver', container: 'agent', requests: { cpu: '200m', memory: '1Gi' }, limits: { memory: '1Gi' } };
  test('a missing limit without a LimitRange is a problem', () => {
    expect(quotaProblems([agent], undefined)).toEqual(['Server mlserver container agent: no cpu limit and no LimitRange default']);
  });
  test('a LimitRange default fills it', () => {
    expect(quotaProblems([agent], { default: { cpu: '1', memory: '1Gi' }, defaultRequest: { cpu: '100m', memory: '256Mi' } })).toEqual([]);
  });
  test('a defaulted limit below the explicit request is a problem (the API server rejects the pod)', () => {
    expect(quotaProblems([agent], { default: { cpu: '100m', memory: '1Gi' }, defaultRequest: {} })).toEqual([
      'Server mlserver container agent: cpu request 200m is above its LimitRange-defaulted limit 100m',
    ]);
  });
  test('quantities', () => {
    expect(quantity('200m')).toBeCloseTo(0.2);
    expect(quantity('1Gi')).toBe(1024 ** 3);
    expect(quantity('1G')).toBe(1e9);
    expect(() => quantity('1Zi')).toThrow(/unknown quantity suffix/);
  });
});

describeWithCharts('every container in a model namespace with a quota is admitted', () => {
  test.each([
    ['kubernetes', kubernetesConfig],
    ['openshift', openshiftConfig],
  ] as const)('%s', (_name, config) => {
    const own = render(config, { models: { quota: QUOTA, limits: LIMITS } }).map((o) => o.object as Record<string, any>);
    // Only the charts that define model-namespace pods: Core 2's SeldonConfig/ServerConfigs, Core v1's operator.
    const seldonCharts = ['seldon-core-v2-setup', 'seldon-core-operator'];
    const seldon = own.map((o) => chartSourceOf(o)).filter((s) => s !== undefined && seldonCharts.includes(s.chart));
    const charts = seldon.flatMap((s) => renderChart(CHARTS, s!).objects);
    const coreV1Chart = seldon.some((s) => s!.chart === 'seldon-core-operator');
    const containers = modelNamespaceContainers('models', charts, own);
    const sources = new Set(containers.map((c) => c.source.replace(/ component .*| \(ServerConfig .*/, '')));
    // Core 2 runtime components and both servers, and Knative's queue-proxy, on both platforms; Core v1's executor
    // where Core v1 is a chart (where it is an OLM operator, on older OpenShift, its defaults are not in the render).
    expect(sources).toEqual(new Set([
      'SeldonConfig default',
      'Server mlserver',
      'Server triton',
      'Knative queue-proxy (KnativeServing spec.config.deployment)',
      ...(coreV1Chart ? ['Core v1 executor (operator EXECUTOR_DEFAULT_*)'] : []),
    ]));
    expect(containers.length).toBeGreaterThanOrEqual(12);
    const range = limitRangeOf('models', own);
    expect(range).toEqual({ default: { cpu: '1', memory: '1Gi' }, defaultRequest: { cpu: '100m', memory: '256Mi' } });
    expect(quotaProblems(containers, range)).toEqual([]);
    // Without the LimitRange, the Core 2 containers (memory limit only in the chart) would be rejected by the quota.
    const rejected = quotaProblems(containers, undefined);
    expect(rejected.some((p) => /Server mlserver .* agent: no cpu limit/.test(p))).toBe(true);
    expect(rejected.some((p) => /queue-proxy/.test(p))).toBe(false);
  });
});
