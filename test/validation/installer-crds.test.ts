/**
 * Served versions: each custom resource against the CRD its pinned installer serves at its sync wave. The timeline
 * rules run on hand-made installers always; the real installers (charts through helm, OLM bundle CRDs) need ../shared
 * (or $SELDON_SHARED_DIR) and are skipped with a note without it. CI always has it.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { synthesizeEnvironments } from '../../src/synth';
import { ENVIRONMENTS } from '../../src/environments';
import { CrdTimeline, hasSyncOption, Installer, InstallerFinder, platformOf, ProvidedCrd, rootApplicationOf, waveOf } from '../../src/validation/installer-crds';
import { checkInstallerCrds, crdArrival } from '../../src/validation/installer-crds-check';
import { parseYamlDocuments } from '../../src/validation/yaml-files';
import { ManifestObject } from '../../src/validation';

const SHARED = process.env.SELDON_SHARED_DIR ?? resolve(__dirname, '../../../shared');
const haveShared = existsSync(join(SHARED, 'crds')) && existsSync(join(SHARED, 'charts'));
if (!haveShared) console.log(`note: ${SHARED}/crds or /charts is missing: the real-installer tests of installer-crds.test.ts are skipped`);
const describeWithShared = haveShared ? describe : describe.skip;

function crd(group: string, kind: string, served: string[]): ProvidedCrd {
  return {
    name: `${kind.toLowerCase()}s.${group}`,
    group,
    kind,
    scope: 'Namespaced',
    served,
    document: { spec: { group, names: { kind }, versions: served.map((name) => ({ name, served: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } } } } })) } },
  };
}

function installer(description: string, wave: number, crds: ProvidedCrd[]): Installer {
  return { description, wave, crds, namespaces: [] };
}

function cr(apiVersion: string, kind: string, wave: number, options: { skipDryRun?: boolean; spec?: unknown } = {}): ManifestObject {
  const annotations: Record<string, string> = { 'argocd.argoproj.io/sync-wave': String(wave) };
  if (options.skipDryRun) annotations['argocd.argoproj.io/sync-options'] = 'SkipDryRunOnMissingResource=true';
  return { file: `${kind}.yaml`, object: { apiVersion, kind, metadata: { name: 'x', namespace: 'ns', annotations }, spec: options.spec ?? { size: 1 } } };
}

describe('the CRD timeline (hand-made installers)', () => {
  const timeline = new CrdTimeline({
    installers: [
      installer('cluster', -Infinity, [crd('route.example.io', 'Route', ['v1'])]),
      installer('Application widgets (chart widgets 1.0.0)', 2, [crd('widgets.example.io', 'Widget', ['v1alpha1'])]),
      installer('Subscription gadgets', 4, [crd('gadgets.example.io', 'Gadget', ['v1'])]),
    ],
    problems: [],
  });
  const check = (object: ManifestObject) => checkInstallerCrds([object], timeline).map((f) => [f.check, f.message]);

  test('GIVEN a CRD of wave 2 THEN it exists from wave 3 on, not at wave 2', () => {
    expect(crdArrival(timeline, 'widgets.example.io', 'Widget', 3)).toEqual({ status: 'present', installer: 'Application widgets (chart widgets 1.0.0)', baseline: false });
    expect(crdArrival(timeline, 'widgets.example.io', 'Widget', 2)).toEqual({ status: 'same-wave', installer: 'Application widgets (chart widgets 1.0.0)' });
    expect(crdArrival(timeline, 'widgets.example.io', 'Widget', 1)).toEqual({ status: 'later', installer: 'Application widgets (chart widgets 1.0.0)', wave: 2 });
    expect(crdArrival(timeline, 'none.example.io', 'None', 9)).toEqual({ status: 'missing' });
  });

  test('WHEN a resource comes after its installer, is served and carries SkipDryRun THEN nothing is found', () => {
    expect(check(cr('widgets.example.io/v1alpha1', 'Widget', 3, { skipDryRun: true }))).toEqual([]);
    expect(check(cr('route.example.io/v1', 'Route', 0))).toEqual([]); // on the cluster before the sync: no SkipDryRun needed
  });

  test('WHEN the installer does not serve the emitted version THEN the finding names the installer and its versions', () => {
    expect(check(cr('widgets.example.io/v1beta1', 'Widget', 3, { skipDryRun: true }))).toEqual([
      ['unknown-kind', 'Application widgets (chart widgets 1.0.0) serves Widget as widgets.example.io/v1alpha1, not widgets.example.io/v1beta1; emit a served apiVersion'],
    ]);
  });

  test('WHEN the CRD is not on the cluster before the sync and SkipDryRun is missing THEN Argo CD\'s dry run fails', () => {
    const findings = check(cr('widgets.example.io/v1alpha1', 'Widget', 3));
    expect(findings).toHaveLength(1);
    expect(findings[0][0]).toBe('sync-wave');
    expect(findings[0][1]).toMatch(/dry run fails the whole sync; add .*SkipDryRunOnMissingResource=true/);
  });

  test('WHEN the CRD arrives only in a later wave THEN the sync never gets there', () => {
    expect(check(cr('gadgets.example.io/v1', 'Gadget', 3, { skipDryRun: true }))).toEqual([
      ['sync-wave', expect.stringMatching(/installed only at wave 4 by Subscription gadgets, after this object's wave 3/)],
    ]);
  });

  test('WHEN the CRD arrives in the same wave with SkipDryRun THEN Argo CD\'s retry applies it: no finding; without an installer: unknown kind', () => {
    expect(check(cr('widgets.example.io/v1alpha1', 'Widget', 2, { skipDryRun: true }))).toEqual([]);
    expect(check(cr('none.example.io/v1', 'None', 5, { skipDryRun: true }))[0][0]).toBe('unknown-kind');
  });

  test('WHEN the resource breaks the served version\'s schema THEN the schema finding names the installer', () => {
    expect(check(cr('widgets.example.io/v1alpha1', 'Widget', 3, { skipDryRun: true, spec: { size: 'big' } }))).toEqual([
      ['schema', expect.stringMatching(/\(CRD from Application widgets \(chart widgets 1\.0\.0\)\)$/)],
    ]);
  });

  test('helpers: waves default to 0, sync options are a comma list, the platform follows OpenShift-only APIs', () => {
    expect(waveOf({ metadata: {} })).toBe(0);
    expect(waveOf({ metadata: { annotations: { 'argocd.argoproj.io/sync-wave': '-1' } } })).toBe(-1);
    expect(hasSyncOption({ metadata: { annotations: { 'argocd.argoproj.io/sync-options': 'Prune=false, SkipDryRunOnMissingResource=true' } } }, 'SkipDryRunOnMissingResource=true')).toBe(true);
    expect(hasSyncOption({ metadata: {} }, 'SkipDryRunOnMissingResource=true')).toBe(false);
    expect(platformOf([{ apiVersion: 'operators.coreos.com/v1alpha1', kind: 'Subscription' }])).toBe('openshift');
    expect(platformOf([{ apiVersion: 'v1', kind: 'Namespace' }])).toBe('kubernetes');
    const root = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'root', namespace: 'argocd', annotations: { 'argocd.argoproj.io/sync-wave': '-1' } }, spec: { source: { path: 'dist/x' } } };
    const chartApp = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'c', namespace: 'argocd' }, spec: { source: { chart: 'c', targetRevision: '1' } } };
    expect(rootApplicationOf([chartApp, root])?.metadata.name).toBe('root');
  });
});

describeWithShared('the real installers of the render (../shared/charts through helm, ../shared/crds)', () => {
  const finder = new InstallerFinder(join(SHARED, 'crds'), join(SHARED, 'charts'));
  const environments = synthesizeEnvironments(ENVIRONMENTS).map((env) => {
    const objects: ManifestObject[] = [...env.output.files]
      .filter(([file]) => file.endsWith('.yaml'))
      .flatMap(([file, text]) => parseYamlDocuments(text).documents.map((object) => ({ file, object })));
    const kube = objects.map((o) => o.object as Record<string, any>);
    return { name: env.output.name, objects, kube, plan: finder.plan(kube, platformOf(kube)) };
  });
  const kubernetes = environments.find((e) => e.name === 'kubernetes')!;

  test('GIVEN kube-prometheus-stack 88.5.3 THEN its chart (the oracle) serves AlertmanagerConfig only as v1alpha1', () => {
    const kps = kubernetes.plan.installers.find((i) => i.description.includes('chart kube-prometheus-stack 88.5.3'));
    expect(kps?.crds.find((c) => c.kind === 'AlertmanagerConfig')?.served).toEqual(['v1alpha1']);
  });

  test.each(['openshift', 'kubernetes'])('dist/%s: every installer is found and every custom resource meets a served CRD in time', (name) => {
    const env = environments.find((e) => e.name === name)!;
    expect(env.plan.problems).toEqual([]);
    expect(env.plan.installers.length).toBeGreaterThan(3);
    expect(checkInstallerCrds(env.objects, new CrdTimeline(env.plan)).map((f) => `${f.kind} ${f.name}: ${f.message}`)).toEqual([]);
  });

  test('WHEN the Kubernetes receiver is emitted as v1beta1 (the old render) THEN the chart Application is named as not serving it', () => {
    const objects = kubernetes.objects.map((o) => {
      const object = o.object as Record<string, any>;
      return object.kind === 'AlertmanagerConfig' ? { ...o, object: { ...object, apiVersion: 'monitoring.coreos.com/v1beta1' } } : o;
    });
    const findings = checkInstallerCrds(objects, new CrdTimeline(kubernetes.plan));
    expect(findings.map((f) => [f.kind, f.message])).toEqual([
      ['AlertmanagerConfig', 'Application argocd/kube-prometheus-stack (chart kube-prometheus-stack 88.5.3) serves AlertmanagerConfig as monitoring.coreos.com/v1alpha1, not monitoring.coreos.com/v1beta1; emit a served apiVersion'],
    ]);
  });

  test('WHEN the ClusterIssuers are moved before cert-manager\'s wave THEN the finding says the sync never reaches the installer', () => {
    const objects = kubernetes.objects.map((o) => {
      const object = o.object as Record<string, any>;
      if (object.kind !== 'ClusterIssuer') return o;
      return { ...o, object: { ...object, metadata: { ...object.metadata, annotations: { ...object.metadata.annotations, 'argocd.argoproj.io/sync-wave': '1' } } } };
    });
    const findings = checkInstallerCrds(objects, new CrdTimeline(kubernetes.plan));
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) expect(f.message).toMatch(/installed only at wave 2 by Application argocd\/cert-manager \(chart cert-manager v1\.21\.1\)/);
  });

  test('WHEN a Subscription names a package without a bundle mapping THEN the plan reports how to add it', () => {
    const sub = { apiVersion: 'operators.coreos.com/v1alpha1', kind: 'Subscription', metadata: { name: 'mystery', namespace: 'openshift-operators' }, spec: { name: 'mystery-operator', channel: 'stable' } };
    expect(finder.plan([sub], 'openshift').problems).toEqual([
      'Subscription openshift-operators/mystery (package mystery-operator, channel stable): no bundle CRD mapping for package "mystery-operator" on channel "stable"; add it to OLM_BUNDLE_CRDS in src/validation/installer-crds-sources.ts',
    ]);
  });
});
