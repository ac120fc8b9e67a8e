/**
 * The hardening values take effect: each chart Application of both environments is rendered by the real helm with the
 * pinned chart (../shared/charts, or $SELDON_SHARED_DIR/charts) twice, with its values and with the hardening values removed, and every hardening
 * value must appear in the rendered output where the render without it differs. Skipped with a note when
 * ../shared/charts is absent (CI always has it).
 */
import { App } from 'cdk8s';
import { ENVIRONMENTS } from '../../src/environments';
import { isPlainObject } from '../../src/lib/merge';
import { Platform } from '../../src/lib/operator';
import { QUEUE_PROXY_RESOURCES, WORKLOAD_HARDENING, workloadSecurityValues } from '../../src/lib/workload-security';
import { ChartSource, chartSourceOf, renderChart } from '../../src/validation/chart-render';
import { platformFindings, podSpecOf } from '../../src/validation/workload-scan';
import { openshiftConfig } from '../../src/environments/openshift';
import { errorOf, render } from '../helpers/render';
import { sharedFolder } from '../helpers/shared';
import { kubernetesConfig } from '../../src/environments/kubernetes';

const CHARTS = sharedFolder('charts', 'the chart renders of the workload hardening test') ?? '';
const describeWithCharts = CHARTS ? describe : describe.skip;

type Leaf = { path: string[]; value: unknown };

/** Hardening values that keep a chart default the value would otherwise drop (so they change nothing by design). */
const PRESERVED = new Set(['gateway:securityContext.sysctls']);

/** Scalars compare as strings (helm may render `cpu: 2` for "2"). */
const same = (a: unknown, b: unknown): boolean => (typeof a === 'object' || typeof b === 'object' ? JSON.stringify(a) === JSON.stringify(b) : String(a) === String(b));

/** Whether `part` is contained in `whole` (plain objects key by key, scalars as strings). */
function within(part: unknown, whole: unknown): boolean {
  if (isPlainObject(part)) return isPlainObject(whole) && Object.entries(part).every(([k, v]) => within(v, whole[k]));
  return whole !== undefined && same(part, whole);
}

/** Leaves of a values tree; arrays are leaves. */
function leaves(value: unknown, path: string[] = []): Leaf[] {
  if (isPlainObject(value)) return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  return [{ path, value }];
}

function without(values: Record<string, unknown>, hardening: Record<string, unknown>): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(values)) as Record<string, unknown>;
  for (const { path } of leaves(hardening)) {
    let at: any = copy;
    for (const key of path.slice(0, -1)) at = at?.[key];
    if (at !== undefined) delete at[path[path.length - 1]];
  }
  return copy;
}

/** Every leaf of the rendered objects, keyed by kind/namespace/name + path. */
function flatten(objects: ReadonlyArray<Record<string, any>>): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const walk = (v: unknown, at: string): void => {
    if (isPlainObject(v)) for (const [k, x] of Object.entries(v)) walk(x, `${at}.${k}`);
    else if (Array.isArray(v) && v.some((x) => typeof x === 'object' && x !== null)) v.forEach((x, i) => walk(x, `${at}[${(x as any)?.name ?? i}]`));
    else out.set(at, v);
  };
  for (const o of objects) walk(o, `${o.kind}/${o.metadata?.namespace ?? ''}/${o.metadata?.name}`);
  return out;
}

const sources: Array<{ environment: string; platform: Platform; source: ChartSource }> = [];
for (const build of ENVIRONMENTS) {
  const platform = build(new App());
  for (const { object } of platform.render()) {
    const source = chartSourceOf(object);
    if (source && WORKLOAD_HARDENING[source.chart]) sources.push({ environment: platform.config.name, platform: platform.config.platform, source });
  }
}

test('every hardened chart is installed by some environment, and every chart Application with workloads is hardened', () => {
  expect(new Set(sources.map((s) => s.source.chart))).toEqual(new Set(Object.keys(WORKLOAD_HARDENING)));
});

describeWithCharts('the hardening values change the rendered workloads', () => {
  test.each(sources.map((s) => [`${s.environment} ${s.source.application}`, s] as const))('%s', (_name, { platform, source }) => {
    const hardening = workloadSecurityValues(source, platform);
    const hardened = renderChart(CHARTS, source).objects;
    const plain = renderChart(CHARTS, { ...source, values: without(source.values, hardening) }).objects;
    const a = flatten(hardened);
    const b = flatten(plain);
    const changed = [...a].filter(([k, v]) => JSON.stringify(b.get(k)) !== JSON.stringify(v));
    expect(changed.length).toBeGreaterThan(0);
    for (const leaf of leaves(hardening).filter((l) => !PRESERVED.has(`${source.chart}:${l.path.join('.')}`))) {
      const key = leaf.path[leaf.path.length - 1];
      const hits = changed.filter(([path, v]) => {
        if (same(v, leaf.value) && (path.endsWith(`.${key}`) || path.endsWith(`.value`))) return true;
        return typeof leaf.value === 'string' && leaf.value.length >= 3 && typeof v === 'string' && v.includes(leaf.value);
      });
      if (hits.length === 0) throw new Error(`${source.application}: hardening value ${leaf.path.join('.')}=${JSON.stringify(leaf.value)} does not change the render`);
    }
    // Every resources block lands, whole, on a container that lacked it.
    const containers = (objects: ReadonlyArray<Record<string, any>>) =>
      objects.flatMap((o) => [...(podSpecOf(o)?.initContainers ?? []), ...(podSpecOf(o)?.containers ?? [])].map((c) => ({ id: `${o.kind}/${o.metadata.name}/${c.name}`, c })));
    const before = new Map(containers(plain).map(({ id, c }) => [id, c]));
    for (const leaf of leaves(hardening).filter((l) => l.path.includes('resources'))) {
      const block = leaf.path.slice(0, leaf.path.indexOf('resources') + 1);
      const wanted = block.reduce<any>((v, k) => v?.[k], hardening);
      const landed = containers(hardened).filter(({ id, c }) => within(wanted, c.resources) && !within(wanted, before.get(id)?.resources));
      if (landed.length === 0) throw new Error(`${source.application}: ${block.join('.')} ${JSON.stringify(wanted)} is on no container`);
    }
  });

  test('OpenShift: Seldon Deploy batch workflows get no fixed UID/GID (env vars blank), Kubernetes keeps the chart\'s', () => {
    const envOf = (s: (typeof sources)[number]) => {
      const deploy = renderChart(CHARTS, s.source).objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'seldon-deploy')!;
      return Object.fromEntries(podSpecOf(deploy)!.containers[0].env.filter((e: any) => /^WORKFLOW_SECURITY_CONTEXT_/.test(e.name)).map((e: any) => [e.name, e.value]));
    };
    const deploys = sources.filter((s) => s.source.chart === 'seldon-deploy');
    expect(new Set(deploys.map((s) => s.platform))).toEqual(new Set(['kubernetes', 'openshift']));
    for (const s of deploys) {
      const expected = s.platform === 'openshift' ? '' : '1000';
      expect(envOf(s)).toEqual({ WORKFLOW_SECURITY_CONTEXT_RUN_AS_USER: expected, WORKFLOW_SECURITY_CONTEXT_FS_GROUP: expected });
    }
  });
});

test('the Knative queue-proxy gets requests and limits for cpu and memory in every environment', () => {
  for (const build of ENVIRONMENTS) {
    const serving = build(new App()).render().find((o) => o.object.kind === 'KnativeServing')!.object as Record<string, any>;
    expect(serving.spec.config.deployment).toEqual(expect.objectContaining(QUEUE_PROXY_RESOURCES));
    for (const key of ['cpu-request', 'cpu-limit', 'memory-request', 'memory-limit']) expect(serving.spec.config.deployment[`queue-sidecar-${key}`]).toMatch(/^\d+(m|Mi)$/);
  }
});

describeWithCharts('OpenShift restricted-v2: no fixed UID/GID in any chart the OpenShift platform renders', () => {
  test('with Core v1 from its Helm chart (OpenShift 4.14+), the manager and the executor get no fixed user', () => {
    const config = { ...openshiftConfig, openshiftVersion: '4.16' };
    const objects = render(config, { models: {} }).map((o) => o.object as Record<string, any>);
    const apps = objects.map((o) => chartSourceOf(o)).filter((s): s is ChartSource => s !== undefined);
    expect(apps.map((s) => s.chart)).toContain('seldon-core-operator');
    for (const source of apps) {
      const findings = platformFindings({ environment: 'openshift', platform: 'openshift', component: source.application, namespace: source.namespace, objects: renderChart(CHARTS, source).objects });
      expect(findings.filter((f) => f.check === 'no-fixed-ids').map((f) => f.message)).toEqual([]);
    }
    const core = apps.find((s) => s.chart === 'seldon-core-operator')!;
    const manager = renderChart(CHARTS, core).objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'seldon-controller-manager')!;
    const env = Object.fromEntries(podSpecOf(manager)!.containers[0].env.map((e: any) => [e.name, e.value]));
    expect({ EXECUTOR_CONTAINER_USER: env.EXECUTOR_CONTAINER_USER, DEFAULT_USER_ID: env.DEFAULT_USER_ID }).toEqual({ EXECUTOR_CONTAINER_USER: '', DEFAULT_USER_ID: '' });
    // The same chart with the Kubernetes values keeps the chart's 8888, which the check reports on OpenShift.
    const kubernetesValues = { ...core, values: without(core.values, { executor: { user: '' }, defaultUserID: '', managerUserID: '' }) };
    const fixed = platformFindings({ environment: 'openshift', platform: 'openshift', component: 'x', objects: renderChart(CHARTS, kubernetesValues).objects });
    expect(fixed.map((f) => f.message.replace(/:.*/, ''))).toEqual(expect.arrayContaining([expect.stringMatching(/EXECUTOR_CONTAINER_USER=8888/), expect.stringMatching(/runAsUser=8888/)]));
  });
});

describe('workloadValues: an environment resizes a chart workload', () => {
  const kubernetes = (workloadValues?: Record<string, Record<string, unknown>>) => render({ ...kubernetesConfig, workloadValues }, {});
  const certManagerValues = (objects: ReturnType<typeof kubernetes>) => chartSourceOf(objects.find((o) => chartSourceOf(o.object)?.chart === 'cert-manager')!.object)!.values as Record<string, any>;
  test('its values win over the hardening and keep the rest of it', () => {
    const values = certManagerValues(kubernetes({ 'cert-manager': { cainjector: { resources: { limits: { memory: '1Gi' } } } } }));
    expect(values.cainjector.resources).toEqual({ requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '500m', memory: '1Gi' } });
    expect(values.webhook).toEqual((workloadSecurityValues({ chart: 'cert-manager' }, 'kubernetes') as any).webhook);
    expect(values.crds).toEqual({ enabled: true });
  });
  test('an unknown chart name is a config error naming the charts', () => {
    expect(errorOf(() => kubernetes({ 'cert-manger': {} }))).toMatch(/workloadValues\.cert-manger.*is not a chart the platform installs.*cert-manager/s);
  });
});
