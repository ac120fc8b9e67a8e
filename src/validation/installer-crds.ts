/**
 * Which CustomResourceDefinitions (and served versions) each installer in a render provides, and from which sync wave
 * on. Installers are:
 *
 * - the cluster itself before the first wave (the platform's own APIs and Argo CD: {@link CLUSTER_BASELINE});
 * - every Argo CD `Application` that installs a chart: the CRDs of `helm template --include-crds` of the pinned chart
 *   package (`crds/` and CRDs in `templates/` alike), rendered exactly as Argo CD renders it (chart-render.ts);
 * - every OLM `Subscription`: its bundle's CRDs ({@link OLM_BUNDLE_CRDS});
 * - custom resources whose operator installs further CRDs ({@link OPERAND_CRDS}).
 *
 * Argo CD applies wave N only when every object of the earlier waves is healthy: a child Application is healthy when its
 * chart is synced, a Subscription when its CSV is installed. So what an installer of wave N provides exists from wave N+1
 * on (argoproj/gitops-engine@5baed56:pkg/sync/sync_context.go:559-600, one wave at a time).
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ChartSource, chartSourceOf, renderChart } from './chart-render';
import { CLUSTER_BASELINE, CrdSource, OLM_BUNDLE_CRDS, OPERAND_CRDS, Platform, PREREQUISITE_CRDS } from './installer-crds-sources';
import { arrayAt, isRecord, recordAt, stringAt } from './json';
import { SYNC_OPTIONS, SYNC_WAVE } from '../lib/argo';
import { parseApiVersion } from './kinds';
import { listYamlFiles, parseYamlDocuments } from './yaml-files';

export type { Platform } from './installer-crds-sources';


/** One CRD an installer provides. */
export interface ProvidedCrd {
  /** `metadata.name` (`<plural>.<group>`). */
  readonly name: string;
  readonly group: string;
  readonly kind: string;
  readonly scope: 'Cluster' | 'Namespaced';
  /** Versions with `served: true`. */
  readonly served: readonly string[];
  /** The whole CRD document, as the installer would apply it. */
  readonly document: Record<string, any>;
}

/** One installer of the render (or the cluster baseline). */
export interface Installer {
  /** E.g. `Application cert-manager (chart cert-manager v1.21.1)`, `Subscription openshift-operators/amq-streams`. */
  readonly description: string;
  /** The wave of the installing object; what it provides exists from `wave + 1` on. The baseline: `-Infinity`. */
  readonly wave: number;
  readonly crds: readonly ProvidedCrd[];
  /** Namespaces it creates (CreateNamespace=true of an Application; operators that create their operand namespaces). */
  readonly namespaces: readonly string[];
}

/** Where installers are read from. */
export interface InstallerSources {
  /** The folder of upstream CRD copies (`../shared/crds`). */
  readonly crdsDir: string;
  /** The folder of pinned chart packages (`../shared/charts`). */
  readonly chartsDir: string;
  readonly platform: Platform;
}

/** The installers of one render and the problems met while finding them (missing mappings, charts that do not render). */
export interface InstallerPlan {
  readonly installers: readonly Installer[];
  readonly problems: readonly string[];
}

/** The sync wave of an object (Argo CD's default: 0). */
export function waveOf(object: Record<string, any>): number {
  const wave = Number(object?.metadata?.annotations?.[SYNC_WAVE] ?? 0);
  return Number.isFinite(wave) ? wave : 0;
}

/** True when the object carries the sync option (e.g. `SkipDryRunOnMissingResource=true`). */
export function hasSyncOption(object: Record<string, any>, option: string): boolean {
  const options = String(object?.metadata?.annotations?.[SYNC_OPTIONS] ?? '');
  return options.split(',').map((o) => o.trim()).includes(option);
}

/**
 * The platform an environment's objects target: OpenShift when any object uses an OpenShift-only API (OLM, Route,
 * `*.openshift.io`), else Kubernetes. A rendered environment tells nothing else about it.
 */
export function platformOf(objects: readonly Record<string, any>[]): Platform {
  const openshiftOnly = objects.some((o) => {
    const { group } = parseApiVersion(String(o?.apiVersion ?? ''));
    return group === 'operators.coreos.com' || group.endsWith('.openshift.io') || group === 'maistra.io';
  });
  return openshiftOnly ? 'openshift' : 'kubernetes';
}

/** Reads CRDs and builds installers; chart renders and CRD files are cached, so one finder serves many renders. */
export class InstallerFinder {
  private readonly chartCrds = new Map<string, ProvidedCrd[]>();
  private readonly fileCrds = new Map<string, ProvidedCrd[]>();

  constructor(private readonly crdsDir: string, private readonly chartsDir: string) {}

  /** Every installer of `objects` on `platform`, the baseline first, then in wave order. */
  public plan(objects: readonly Record<string, any>[], platform: Platform): InstallerPlan {
    const problems: string[] = [];
    const groups = new Set(objects.map((o) => parseApiVersion(String(o?.apiVersion ?? '')).group));
    const prerequisites = Object.entries(PREREQUISITE_CRDS).filter(([group]) => groups.has(group)).map(([, source]) => source);
    const sources = [CLUSTER_BASELINE[platform], ...prerequisites];
    const merged: CrdSource = { crds: sources.flatMap((s) => s.crds), namespaces: sources.flatMap((s) => s.namespaces ?? []), note: '' };
    const baseline = this.fromSource(`the ${platform} cluster before the first wave`, -Infinity, merged, problems);
    const argoNamespace = rootApplicationOf(objects)?.metadata?.namespace;
    const installers: Installer[] = [argoNamespace ? { ...baseline, namespaces: [...new Set([...baseline.namespaces, argoNamespace])] } : baseline];
    for (const object of objects) {
      const installer = this.installerOf(object, problems);
      if (installer) installers.push(installer);
    }
    installers.sort((a, b) => a.wave - b.wave);
    return { installers, problems };
  }

  private installerOf(object: Record<string, any>, problems: string[]): Installer | undefined {
    const wave = waveOf(object);
    const { group } = parseApiVersion(String(object.apiVersion ?? ''));
    const name = `${object.metadata?.namespace ? `${object.metadata.namespace}/` : ''}${object.metadata?.name}`;
    if (object.kind === 'Application' && group === 'argoproj.io') {
      const source = chartSourceOf(object);
      const createNamespace = arrayAt(recordAt(object.spec, 'syncPolicy'), 'syncOptions').includes('CreateNamespace=true');
      const namespaces = createNamespace && source ? [source.namespace] : createNamespace ? [String(object.spec?.destination?.namespace ?? '')] : [];
      if (!source) return namespaces.length ? { description: `Application ${name}`, wave, crds: [], namespaces } : undefined;
      return { description: `Application ${name} (chart ${source.chart} ${source.version})`, wave, crds: this.chartCrdsOf(source, problems), namespaces };
    }
    if (object.kind === 'Subscription' && group === 'operators.coreos.com') {
      const pkg = String(object.spec?.name ?? '');
      const channel = String(object.spec?.channel ?? '');
      const entry = (OLM_BUNDLE_CRDS[pkg] ?? []).find((e) => !e.channels || e.channels.test(channel));
      const description = `Subscription ${name} (package ${pkg}, channel ${channel})`;
      if (!entry) {
        problems.push(
          `${description}: no bundle CRD mapping for package "${pkg}"${channel ? ` on channel "${channel}"` : ''}; ` +
            'add it to OLM_BUNDLE_CRDS in src/validation/installer-crds-sources.ts',
        );
        return { description, wave, crds: [], namespaces: [] };
      }
      return this.fromSource(description, wave, entry, problems);
    }
    const operand = OPERAND_CRDS[`${group}/${object.kind}`];
    return operand ? this.fromSource(`${object.kind} ${name}`, wave, operand, problems) : undefined;
  }

  /** The CRDs of a chart render, cached by everything the render depends on. */
  private chartCrdsOf(source: ChartSource, problems: string[]): ProvidedCrd[] {
    const key = JSON.stringify(source);
    let crds = this.chartCrds.get(key);
    if (!crds) {
      try {
        crds = renderChart(this.chartsDir, source).objects.filter(isCrd).map(provided);
      } catch (error) {
        problems.push(error instanceof Error ? error.message : String(error));
        crds = [];
      }
      this.chartCrds.set(key, crds);
    }
    return crds;
  }

  private fromSource(description: string, wave: number, source: CrdSource, problems: string[]): Installer {
    const fromCharts = (source.charts ?? []).flatMap(({ chart, version }) =>
      this.chartCrdsOf({ application: description, chart, version, releaseName: chart, namespace: 'default', values: {}, parameters: [] }, problems));
    const crds = [...source.crds.flatMap((path) => this.crdsAt(path, description, problems)), ...fromCharts];
    return { description, wave, crds, namespaces: [...(source.namespaces ?? [])] };
  }

  /** The CRDs of a file or folder below the CRD folder. */
  private crdsAt(path: string, description: string, problems: string[]): ProvidedCrd[] {
    const full = join(this.crdsDir, path);
    let files: string[];
    try {
      files = statSync(full).isDirectory() ? listYamlFiles(full) : [full];
    } catch {
      problems.push(`${description}: ${full} does not exist; the CRD sources in src/validation/installer-crds-sources.ts name a missing file`);
      return [];
    }
    return files.flatMap((file) => {
      let crds = this.fileCrds.get(file);
      if (!crds) {
        const { documents, errors } = parseYamlDocuments(readFileSync(file, 'utf8'));
        for (const error of errors) problems.push(`${file}: ${error}`);
        crds = documents.filter(isRecord).filter(isCrd).map(provided);
        this.fileCrds.set(file, crds);
      }
      return crds;
    });
  }
}

/**
 * The root Application: the Application of the earliest wave that installs no chart (it syncs the render's own folder).
 * Its namespace is Argo CD's, which exists before the sync: Argo CD runs there.
 */
export function rootApplicationOf(objects: readonly Record<string, any>[]): Record<string, any> | undefined {
  const apps = objects.filter((o) => o?.kind === 'Application' && String(o.apiVersion ?? '').startsWith('argoproj.io/') && !chartSourceOf(o));
  return apps.sort((a, b) => waveOf(a) - waveOf(b))[0];
}

function isCrd(object: Record<string, any>): boolean {
  return object?.kind === 'CustomResourceDefinition' && String(object.apiVersion ?? '').startsWith('apiextensions.k8s.io/');
}

function provided(document: Record<string, any>): ProvidedCrd {
  const spec = recordAt(document, 'spec');
  const versions = arrayAt(spec, 'versions').filter(isRecord);
  return {
    name: String(document.metadata?.name ?? ''),
    group: stringAt(spec, 'group') ?? '',
    kind: stringAt(recordAt(spec, 'names'), 'kind') ?? '',
    scope: stringAt(spec, 'scope') === 'Cluster' ? 'Cluster' : 'Namespaced',
    served: versions.filter((v) => v.served === true).map((v) => String(v.name)),
    document,
  };
}

/** What the cluster serves for one group and kind at one wave, and who installed it. */
export interface CrdAtWave {
  readonly crd: ProvidedCrd;
  readonly installer: Installer;
}

/**
 * The cluster's CRDs over the waves of one plan. Several installers may provide the same CRD (the GitOps operator is a
 * prerequisite and also subscribed): the latest one applied before the wave wins, as the API server keeps the last apply.
 */
export class CrdTimeline {
  constructor(public readonly plan: InstallerPlan) {}

  /** The CRD of `group`/`kind` that exists when wave `wave` is applied, or undefined. */
  public at(group: string, kind: string, wave: number): CrdAtWave | undefined {
    let found: CrdAtWave | undefined;
    for (const installer of this.plan.installers) {
      if (installer.wave >= wave) break;
      const crd = installer.crds.find((c) => c.group === group && c.kind === kind);
      if (crd) found = { crd, installer };
    }
    return found;
  }

  /** The first installer at or after `wave` that provides `group`/`kind`, or undefined. */
  public later(group: string, kind: string, wave: number): CrdAtWave | undefined {
    for (const installer of this.plan.installers) {
      if (installer.wave < wave) continue;
      const crd = installer.crds.find((c) => c.group === group && c.kind === kind);
      if (crd) return { crd, installer };
    }
    return undefined;
  }

  /** True when the cluster serves `group`/`kind` before the first wave. */
  public inBaseline(group: string, kind: string): boolean {
    return this.plan.installers.some((i) => i.wave === -Infinity && i.crds.some((c) => c.group === group && c.kind === kind));
  }
}
