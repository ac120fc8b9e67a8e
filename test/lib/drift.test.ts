/**
 * Controller rewrites and their Argo CD handling (src/lib/drift.ts): the table itself, and — against the real chart
 * renders in ../shared/charts (skipped with a note without them) — that each rewrite exists and that every
 * Application exposed to one carries its handling.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { ENVIRONMENTS } from '../../src/environments';
import { DRIFT, driftHandling } from '../../src/lib/drift';
import { KubeObject } from '../../src/lib/render';
import { synthesizeEnvironments } from '../../src/synth';
import { chartSourceOf, RenderedChart, renderChart } from '../../src/validation/chart-render';
import { render, testConfig } from '../helpers/render';

const CHARTS_DIR = process.env.CHARTS_DIR ?? resolve(__dirname, '../../../shared/charts');
const hasCharts = existsSync(CHARTS_DIR);
if (!hasCharts) console.warn(`NOTE: ${CHARTS_DIR} is absent: the drift checks against real chart renders are skipped (set CHARTS_DIR)`);
const withCharts = hasCharts ? test : test.skip;

/** The limit of all annotations of an object together (k8s.io/apimachinery validation: TotalAnnotationSizeLimitB). */
const ANNOTATION_LIMIT = 262144;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type App = Record<string, any>;

const applications: App[] = synthesizeEnvironments(ENVIRONMENTS).flatMap((env) =>
  [...env.output.files.entries()].filter(([f]) => f.endsWith('.yaml')).map(([, text]) => parse(text) as App).filter((o) => o.kind === 'Application'),
);
const chartApplications = applications.filter((a) => chartSourceOf(a) !== undefined);
const renders = new Map<App, RenderedChart>();
const renderOf = (app: App): RenderedChart => {
  if (!renders.has(app)) renders.set(app, renderChart(CHARTS_DIR, chartSourceOf(app) as NonNullable<ReturnType<typeof chartSourceOf>>));
  return renders.get(app) as RenderedChart;
};
const groupOf = (o: KubeObject | App): string => (String(o.apiVersion).includes('/') ? String(o.apiVersion).split('/')[0] : '');

describe('the drift table', () => {
  test('lists every rewrite the platform handles, each with its handling and upstream sources', () => {
    expect(Object.entries(DRIFT).map(([id, d]) => `${id}: ${d.kind} → ${d.handling}`)).toEqual([
      'largeCrds: apiextensions.k8s.io/CustomResourceDefinition → ServerSideApply',
      'coreV1GeneratedCa: admissionregistration.k8s.io/ValidatingWebhookConfiguration, v1/Secret → ignoreDifferences',
      'coreV1InjectedCa: admissionregistration.k8s.io/ValidatingWebhookConfiguration → ignoreDifferences',
      'aksWebhookSelectors: admissionregistration.k8s.io/ValidatingWebhookConfiguration → ignoreDifferences',
      'seldonConfigDefaults: mlops.seldon.io/SeldonConfig → ignoreDifferences',
      'prometheusAdmissionPatch: admissionregistration.k8s.io/MutatingWebhookConfiguration, ValidatingWebhookConfiguration → ignoreDifferences',
    ]);
    for (const d of Object.values(DRIFT)) {
      expect(d.sources.length).toBeGreaterThan(0);
      for (const s of d.sources) expect(s).toMatch(/^[\w.-]+\/[\w.-]+(#\d+|@[\w.-]+:[\w./-]+:[\d,-]+)/);
    }
  });

  test('an entry with ignoreDifferences turns on RespectIgnoreDifferences, so a sync never writes the field back', () => {
    expect(driftHandling(['seldonConfigDefaults'], { namespace: 'x', release: 'y' }).syncOptions).toEqual(['RespectIgnoreDifferences=true']);
    expect(driftHandling(['largeCrds'], { namespace: 'x', release: 'y' })).toEqual({ ignoreDifferences: [], syncOptions: ['ServerSideApply=true'] });
  });

  test('GIVEN every rendered Application with ignoreDifferences THEN it has RespectIgnoreDifferences=true', () => {
    const missing = applications.filter((a) => a.spec.ignoreDifferences?.length && !a.spec.syncPolicy.syncOptions.includes('RespectIgnoreDifferences=true')).map((a) => a.metadata.name);
    expect(missing).toEqual([]);
  });
});

describe('the rewrites exist in the real charts, and every Application exposed to one handles it', () => {
  withCharts('GIVEN a chart that renders a CRD over the annotation limit THEN its Application applies server-side (or replaces)', () => {
    const needing = chartApplications.filter((a) => renderOf(a).objects.some((o) => o.kind === 'CustomResourceDefinition' && JSON.stringify(o).length > ANNOTATION_LIMIT));
    expect(needing.map((a) => a.metadata.name).sort()).toEqual(expect.arrayContaining(['kube-prometheus-stack', 'seldon-core', 'seldon-core-v2-crds']));
    const unhandled = needing.filter((a) => !a.spec.syncPolicy.syncOptions.some((o: string) => o === 'ServerSideApply=true' || o === 'Replace=true')).map((a) => a.metadata.name);
    expect(unhandled).toEqual([]);
  });

  withCharts('GIVEN every ignoreDifferences entry with a name THEN the chart renders that object (the handling targets a real object)', () => {
    const dangling = chartApplications.flatMap((a) =>
      (a.spec.ignoreDifferences ?? [])
        .filter((d: App) => d.name !== undefined)
        .filter((d: App) => !renderOf(a).objects.some((o) => o.kind === d.kind && o.metadata?.name === d.name && groupOf(o) === (d.group ?? '')))
        .map((d: App) => `${a.metadata.name}: ${d.kind} ${d.name}`),
    );
    expect(dangling).toEqual([]);
  });

  withCharts('GIVEN the Core 2 setup chart THEN its SeldonConfig lists container ports without protocol, which the CRD defaults to TCP, and the Application ignores exactly that', () => {
    const setup = chartApplications.filter((a) => a.metadata.name === 'seldon-core-v2-setup');
    expect(setup.length).toBeGreaterThan(0);
    for (const app of setup) {
      const config = renderOf(app).objects.find((o) => o.kind === 'SeldonConfig');
      const ports = (config?.spec?.components ?? []).flatMap((c: App) => (c.podSpec?.containers ?? []).flatMap((k: App) => k.ports ?? []));
      expect(ports.filter((p: App) => p.protocol === undefined).length).toBeGreaterThan(0);
      expect(app.spec.ignoreDifferences).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'SeldonConfig', jqPathExpressions: ['.spec.components[]?.podSpec.containers[]?.ports[]?.protocol'] })]));
    }
    const crds = chartApplications.find((a) => a.metadata.name === 'seldon-core-v2-crds') as App;
    const crd = renderOf(crds).objects.find((o) => o.kind === 'CustomResourceDefinition' && o.metadata.name === 'seldonconfigs.mlops.seldon.io');
    expect(JSON.stringify(crd)).toContain('"protocol":{"default":"TCP"');
  });

  withCharts('GIVEN Core v1 without cert-manager THEN two renders of its chart differ in the webhook caBundle (genCA), and the Application ignores it', () => {
    const app = render(testConfig({ platform: 'kubernetes', ingressDomain: undefined, logging: false, tls: false, coreV2: false }))
      .map((o) => o.object as App)
      .find((o) => o.kind === 'Application' && o.metadata.name === 'seldon-core') as App;
    const caBundle = () =>
      renderChart(CHARTS_DIR, chartSourceOf(app) as NonNullable<ReturnType<typeof chartSourceOf>>).objects.find((o) => o.kind === 'ValidatingWebhookConfiguration')?.webhooks?.[0]?.clientConfig?.caBundle;
    const first = caBundle();
    expect(first).toEqual(expect.any(String));
    expect(caBundle()).not.toBe(first);
    expect(app.spec.ignoreDifferences).toEqual(expect.arrayContaining(driftHandling(['coreV1GeneratedCa'], { namespace: 'seldon-system', release: 'seldon-core' }).ignoreDifferences));
  });

  withCharts('GIVEN Core v1 with cert-manager THEN the chart leaves caBundle to cert-manager\'s injector (annotation, no field), and the Application ignores it', () => {
    const app = chartApplications.find((a) => a.metadata.name === 'seldon-core') as App;
    const webhook = renderOf(app).objects.find((o) => o.kind === 'ValidatingWebhookConfiguration');
    expect(webhook?.metadata?.annotations?.['cert-manager.io/inject-ca-from']).toBe('seldon-system/seldon-serving-cert');
    expect(webhook?.webhooks?.[0]?.clientConfig?.caBundle).toBeUndefined();
    expect(app.spec.ignoreDifferences).toEqual(expect.arrayContaining(driftHandling(['coreV1InjectedCa'], { namespace: 'seldon-system', release: 'seldon-core' }).ignoreDifferences));
  });

  withCharts('GIVEN kube-prometheus-stack THEN its patch job patches the admission webhooks it renders, and the Application ignores caBundle and failurePolicy on both', () => {
    const app = chartApplications.find((a) => a.metadata.name === 'kube-prometheus-stack') as App;
    const objects = renderOf(app).objects;
    const job = objects.find((o) => o.kind === 'Job' && (o.spec?.template?.spec?.containers?.[0]?.args ?? []).includes('patch'));
    expect(job?.spec.template.spec.containers[0].args).toEqual(expect.arrayContaining(['--webhook-name=kube-prometheus-stack-admission']));
    for (const kind of ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration']) {
      expect(objects.some((o) => o.kind === kind && o.metadata.name === 'kube-prometheus-stack-admission')).toBe(true);
    }
    expect(app.spec.ignoreDifferences).toEqual(driftHandling(['prometheusAdmissionPatch'], { namespace: 'monitoring', release: 'kube-prometheus-stack' }).ignoreDifferences);
  });
});
