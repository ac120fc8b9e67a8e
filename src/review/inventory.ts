/**
 * The render grouped the way a reviewer thinks about it: components (one per chart folder, e.g. `service-mesh`) and
 * model namespaces (`model-namespaces/<ns>/`), each with its objects, namespaces, install method and sync waves.
 */
import { KubeObject, RenderedObject } from '../lib/render';
import { compareText, field, groupInto, groupOfObject, list, sortedUnique, text, waveOf } from './fields';

/** The chart folder that holds one folder per model namespace. */
const MODEL_NAMESPACES_DIR = 'model-namespaces';

/** One component of the platform: the objects of one chart folder. */
export interface Component {
  /** The chart folder, e.g. `service-mesh`. */
  readonly name: string;
  /** Namespaces its objects live in, create, or install into (Application destinations), sorted. */
  readonly namespaces: readonly string[];
  /** How it is installed: `OLM <package> @ <channel>`, `Helm <chart> <version>`, or `manifests`. */
  readonly installs: readonly string[];
  /** The distinct sync waves of its objects, ascending. */
  readonly waves: readonly number[];
  readonly objects: readonly KubeObject[];
}

/** One model namespace's rendered objects. */
export interface ModelNamespaceObjects {
  readonly name: string;
  readonly objects: readonly KubeObject[];
}

/** The top-level folder of a rendered file. */
function folderOf(file: string): string {
  return file.split('/')[0];
}

/** The folder of the Argo CD Applications that install charts; each belongs to the concern named by its label. */
const APPLICATIONS_DIR = 'applications';

/**
 * Every component (all chart folders except the model namespaces), sorted by name. An Application in `applications/`
 * counts towards the concern that renders it (its `app.kubernetes.io/component` label), so the table shows, say, the
 * Core 2 charts under `seldon-core-v2`.
 */
export function componentsOf(objects: readonly RenderedObject[]): Component[] {
  const byFolder = new Map<string, KubeObject[]>();
  for (const { file, object } of objects) {
    const folder = folderOf(file);
    if (folder === MODEL_NAMESPACES_DIR) continue;
    const component = folder === APPLICATIONS_DIR ? object.metadata.labels?.['app.kubernetes.io/component'] ?? folder : folder;
    groupInto(byFolder, component, object);
  }
  return [...byFolder.keys()].sort(compareText).map((name) => componentOf(name, byFolder.get(name) as KubeObject[]));
}

function componentOf(name: string, objects: readonly KubeObject[]): Component {
  const installs = sortedUnique(objects.flatMap(installsOf));
  return {
    name,
    namespaces: namespacesTouched(objects),
    installs: installs.length > 0 ? installs : ['manifests'],
    waves: [...new Set(objects.map(waveOf))].sort((a, b) => a - b),
    objects,
  };
}

/** The objects of each model namespace folder, sorted by namespace. */
export function modelNamespaceObjectsOf(objects: readonly RenderedObject[]): ModelNamespaceObjects[] {
  const byNamespace = new Map<string, KubeObject[]>();
  for (const { file, object } of objects) {
    const [folder, namespace] = file.split('/');
    if (folder !== MODEL_NAMESPACES_DIR || !namespace) continue;
    groupInto(byNamespace, namespace, object);
  }
  return [...byNamespace.keys()].sort(compareText).map((name) => ({ name, objects: byNamespace.get(name) as KubeObject[] }));
}

/** The install an object stands for: an OLM Subscription or an Argo CD Application of a Helm chart. */
function installsOf(obj: KubeObject): string[] {
  if (obj.kind === 'Subscription' && obj.apiVersion.startsWith('operators.coreos.com/')) {
    const pin = text(obj, 'spec', 'startingCSV');
    const manual = text(obj, 'spec', 'installPlanApproval') === 'Manual';
    const pinning = [...(pin ? [`pinned ${pin}`] : []), ...(manual ? ['Manual approval'] : [])];
    return [`OLM ${text(obj, 'spec', 'name') ?? obj.metadata.name} @ ${text(obj, 'spec', 'channel') ?? 'default channel'}${pinning.length > 0 ? ` (${pinning.join(', ')})` : ''}`];
  }
  if (obj.kind === 'Application' && obj.apiVersion.startsWith('argoproj.io/')) {
    return applicationSources(obj)
      .filter((source) => text(source, 'chart') !== undefined)
      .map((source) => `Helm ${text(source, 'chart')} ${text(source, 'targetRevision') ?? ''}`.trim());
  }
  return [];
}

/** An Application's sources (`spec.source` and `spec.sources[]`). */
export function applicationSources(obj: KubeObject): unknown[] {
  const single = field(obj, 'spec', 'source');
  return [...(single === undefined ? [] : [single]), ...list(obj, 'spec', 'sources')];
}

/** The namespaces a set of objects touches, sorted. */
export function namespacesTouched(objects: readonly KubeObject[]): string[] {
  return sortedUnique(objects.flatMap(namespacesOf));
}

/** The namespaces an object touches: its own, the one it creates, or (Applications) the one it deploys to. */
function namespacesOf(obj: KubeObject): string[] {
  const own = obj.metadata.namespace ? [obj.metadata.namespace] : [];
  if (obj.kind === 'Namespace' && obj.apiVersion === 'v1') return [...own, String(obj.metadata.name)];
  if (obj.kind === 'Application') {
    const destination = text(obj, 'spec', 'destination', 'namespace');
    return destination ? [...own, destination] : own;
  }
  return own;
}

/** `3`, or `2–4` for a range. */
export function waveRange(waves: readonly number[]): string {
  if (waves.length === 0) return '';
  const min = Math.min(...waves);
  const max = Math.max(...waves);
  return min === max ? String(min) : `${min}–${max}`;
}

/** Objects grouped by kind: `[kind, sorted names]`, kinds sorted. */
export function namesByKind(objects: readonly KubeObject[]): [string, string[]][] {
  const byKind = new Map<string, string[]>();
  for (const obj of objects) groupInto(byKind, obj.kind, String(obj.metadata.name));
  return [...byKind.keys()].sort(compareText).map((kind) => [kind, sortedUnique(byKind.get(kind) as string[])]);
}

/** The objects of a kind, optionally only of one API group (`''` for the core group). */
export function ofKind(objects: readonly KubeObject[], kind: string, group?: string): KubeObject[] {
  return objects.filter((o) => o.kind === kind && (group === undefined || groupOfObject(o) === group));
}
