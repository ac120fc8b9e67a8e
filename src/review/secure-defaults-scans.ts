/**
 * The secure-defaults rules that scan every object and every Helm value the render sets: pod security (non-root, no
 * privilege escalation), pinned images, and TLS verification. A finding inside chart values that a config option
 * passes through (e.g. `monitoring.stackValues`) names that option as the opt-in; see secure-defaults.ts.
 */
import { KubeObject } from '../lib/render';
import { CHARTS } from '../versions';
import { field, list, qualifiedName, text } from './fields';
import { objectsOfKind } from './kind-index';
import type { Observation } from './secure-defaults';

/** One key/value anywhere in a tree, with the path of keys (array items by index) that leads to it. */
interface Entry {
  readonly path: readonly string[];
  readonly key: string;
  readonly value: unknown;
}

/**
 * Calls `visit` for every key/value pair of a tree, depth first. The path is one array reused for the whole walk (the
 * walk covers every object of a render): copy it to keep it.
 */
function walk(root: unknown, visit: (path: readonly string[], key: string, value: unknown) => void, path: string[] = []): void {
  if (typeof root !== 'object' || root === null) return;
  const pairs: [string, unknown][] = Array.isArray(root) ? root.map((v, i) => [String(i), v]) : Object.entries(root);
  for (const [key, value] of pairs) {
    path.push(key);
    visit(path, key, value);
    walk(value, visit, path);
    path.pop();
  }
}

/** Every key/value pair of a tree, depth first, each with its own path. */
function entries(root: unknown): Entry[] {
  const found: Entry[] = [];
  walk(root, (path, key, value) => found.push({ path: [...path], key, value }));
  return found;
}

/** Names the config option behind a chart value, as `path: value`; undefined when no option sets it. */
type OptionOf = (path: readonly string[], value: unknown) => string | undefined;

const passThrough = (prefix: string): OptionOf => (path, value) => `${prefix}.${path.join('.')}: ${JSON.stringify(value)}`;

/** Seldon Deploy values that come from a `deploy.*` option (see deployValues in src/concerns/seldon-deploy.ts). */
const deployOption: OptionOf = (path, value) => {
  const key = path.join('.');
  if (key === 'image.image') return `deploy.image: ${JSON.stringify(value)}`;
  if (key === 'defaultUserID') return `deploy.defaultUserID: ${JSON.stringify(value)}`;
  if (/^seldon\.\w*[cC]urlForm$/.test(key)) return 'deploy.curlInsecure: true';
  if (path[0] === 'env' && path.length === 2) return `deploy.env.${path[1]}: ${JSON.stringify(value)}`;
  return undefined;
};

/** Charts whose values carry options of the config. */
const CHART_OPTIONS: Readonly<Record<string, OptionOf>> = {
  [CHARTS.kubePrometheusStack.chart]: passThrough('monitoring.stackValues'),
  [CHARTS.seldonDeploy.chart]: deployOption,
};

/** A values tree inside an object: a Helm Application's `valuesObject`, or the Meta-Operator's chart values. */
interface ValuesSource {
  readonly object: KubeObject;
  /** Path of the values inside the object. */
  readonly at: readonly string[];
  /** How findings in it are named, e.g. `Application argocd/seldon-deploy values`. */
  readonly where: string;
  readonly option: OptionOf;
}

const noOption: OptionOf = () => undefined;

function valuesSourcesOf(object: KubeObject): ValuesSource[] {
  const where = (what: string) => `${object.kind} ${qualifiedName(object)} ${what}`;
  if (object.kind === 'Application' && object.apiVersion.startsWith('argoproj.io/')) {
    const single = field(object, 'spec', 'source') === undefined ? [] : [['spec', 'source']];
    const many = list(object, 'spec', 'sources').map((_, i) => ['spec', 'sources', String(i)]);
    return [...single, ...many].flatMap((sourcePath) => {
      const source = field(object, ...sourcePath);
      const chart = text(source, 'chart');
      if (chart === undefined || field(source, 'helm', 'valuesObject') === undefined) return [];
      return [{ object, at: [...sourcePath, 'helm', 'valuesObject'], where: where('values'), option: CHART_OPTIONS[chart] ?? noOption }];
    });
  }
  if (object.kind === 'SeldonOperator') {
    return [
      { object, at: ['spec', 'core', 'values'], where: where('core values'), option: passThrough('metaOperator.coreValues') },
      { object, at: ['spec', 'enterprise', 'values'], where: where('enterprise values'), option: passThrough('metaOperator.enterpriseValues') },
    ];
  }
  return [];
}

/** Every values tree in the render. */
function valuesSources(objects: readonly KubeObject[]): ValuesSource[] {
  return objects.flatMap(valuesSourcesOf);
}

/** Where an entry of an object is, and the option behind it when it lies in a values tree. */
function locate(object: KubeObject, sources: readonly ValuesSource[], path: readonly string[], value: unknown): { where: string; optIn?: string } {
  const source = sources.find((s) => s.object === object && s.at.every((key, i) => path[i] === key));
  if (!source) return { where: `${object.kind} ${qualifiedName(object)} ${path.join('.')}` };
  const inside = path.slice(source.at.length);
  return { where: `${source.where} ${inside.join('.')}`, optIn: source.option(inside, value) };
}

/** Every entry of every values tree, located. */
function valuesEntries(objects: readonly KubeObject[]): { entry: Entry; source: ValuesSource }[] {
  return valuesSources(objects).flatMap((source) => entries(field(source.object, ...source.at)).map((entry) => ({ entry, source })));
}

/** Where kinds that run pods keep their pod spec. */
const POD_SPEC_PATHS: Readonly<Record<string, readonly string[]>> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

/** Every pod spec the render sets: workloads, and the custom pods of SeldonDeployment predictors. */
function podSpecs(objects: readonly KubeObject[]): { where: string; spec: unknown; podMetadata?: unknown }[] {
  const workloads = objects.flatMap((o) => {
    const path = POD_SPEC_PATHS[o.kind];
    return path && field(o, ...path) !== undefined ? [{ where: `${o.kind} ${qualifiedName(o)}`, spec: field(o, ...path), podMetadata: field(o, ...path.slice(0, -1), 'metadata') }] : [];
  });
  const seldon = objectsOfKind(objects, 'SeldonDeployment').flatMap((d) =>
    list(d, 'spec', 'predictors').flatMap((p, i) =>
      list(p, 'componentSpecs').map((c, j) => ({ where: `SeldonDeployment ${qualifiedName(d)} predictors[${i}].componentSpecs[${j}]`, spec: field(c, 'spec') })),
    ),
  );
  return [...workloads, ...seldon];
}

function containersOf(spec: unknown): unknown[] {
  return [...list(spec, 'initContainers'), ...list(spec, 'containers')];
}

/** What keeps a pod from running as root without privilege escalation, one problem per line. */
function podProblems(spec: unknown): string[] {
  const pod = field(spec, 'securityContext');
  const podNonRoot = field(pod, 'runAsNonRoot') === true && field(pod, 'runAsUser') !== 0;
  return containersOf(spec).flatMap((c) => {
    const name = text(c, 'name') ?? '?';
    const sc = field(c, 'securityContext');
    const nonRoot = field(sc, 'runAsNonRoot') === true || (podNonRoot && field(sc, 'runAsNonRoot') === undefined);
    return [
      ...(nonRoot && field(sc, 'runAsUser') !== 0 ? [] : [`container ${name} may run as root (runAsNonRoot not true, or runAsUser 0)`]),
      ...(field(sc, 'allowPrivilegeEscalation') === false ? [] : [`container ${name} allows privilege escalation (allowPrivilegeEscalation not false)`]),
      ...(field(sc, 'privileged') === true ? [`container ${name} is privileged`] : []),
    ];
  });
}

/** securityContext settings that let a pod run as root or escalate. */
const ROOT_SETTINGS: readonly [string, unknown][] = [
  ['runAsNonRoot', false],
  ['runAsUser', 0],
  ['allowPrivilegeEscalation', true],
  ['privileged', true],
];

/** Chart values that set the user ID of the pods a chart (or the operator it installs) runs. */
const USER_ID_KEYS: ReadonlySet<string> = new Set(['defaultUserID', 'managerUserID']);

function valuesPodSecurity(objects: readonly KubeObject[]): Observation[] {
  const found: Observation[] = [];
  const nonRoot = new Map<string, string[]>();
  for (const { entry, source } of valuesEntries(objects)) {
    const relative = entry.path;
    if (/securityContext$/i.test(entry.key) && typeof entry.value === 'object' && entry.value !== null) {
      for (const [key, bad] of ROOT_SETTINGS) {
        if (field(entry.value, key) !== bad) continue;
        const { where, optIn } = locate(source.object, [source], [...source.at, ...relative, key], bad);
        found.push({ ok: false, evidence: `${where}: ${JSON.stringify(bad)}`, optIn });
      }
      if (field(entry.value, 'runAsNonRoot') === true) nonRoot.set(source.where, [...(nonRoot.get(source.where) ?? []), relative.join('.')]);
    } else if (USER_ID_KEYS.has(entry.key) && (entry.value === 0 || entry.value === '0')) {
      const { where, optIn } = locate(source.object, [source], [...source.at, ...relative], entry.value);
      found.push({ ok: false, evidence: `${where}: ${JSON.stringify(entry.value)} (root)`, optIn });
    }
  }
  return [...found, ...[...nonRoot].map(([where, paths]) => ({ ok: true, evidence: `${where}: runAsNonRoot true in ${paths.join(', ')}` }))];
}

/** Rule non-root-workloads: rendered pods, and the securityContexts and user IDs set in chart values. */
export function scanPodSecurity(objects: readonly KubeObject[]): Observation[] {
  const pods = podSpecs(objects).flatMap(({ where, spec }): Observation[] => {
    const problems = podProblems(spec);
    if (problems.length === 0) return [{ ok: true, evidence: `${where}: runAsNonRoot, allowPrivilegeEscalation false` }];
    return problems.map((p) => ({ ok: false, evidence: `${where}: ${p}` }));
  });
  return [...pods, ...valuesPodSecurity(objects)];
}

/** A pinned image reference: a digest, or a tag other than `latest` on the last path segment. */
export function isPinnedImage(image: string): boolean {
  if (image.includes('@sha256:')) return true;
  const last = image.split('/').pop() ?? '';
  return last.includes(':') && !last.endsWith(':latest') && !last.endsWith(':');
}

function imageObservation(where: string, image: string, optIn?: string): Observation {
  return isPinnedImage(image) ? { ok: true, evidence: `${where}: ${image}` } : { ok: false, evidence: `${where}: ${image} is not pinned (no tag, or latest)`, optIn };
}

/** Images in chart values: `image: "repo:tag"`, `fooImage: "repo:tag"`, and `image: { repository, tag }` with a tag set. */
function valuesImages(objects: readonly KubeObject[]): Observation[] {
  return valuesEntries(objects).flatMap(({ entry, source }): Observation[] => {
    const isImageKey = entry.key === 'image' || /.Image$/.test(entry.key);
    if (!isImageKey) return [];
    const at = [...source.at, ...entry.path];
    if (typeof entry.value === 'string' && entry.value !== '') {
      const { where, optIn } = locate(source.object, [source], at, entry.value);
      return [imageObservation(where, entry.value, optIn)];
    }
    const tag = field(entry.value, 'tag');
    if (typeof tag !== 'string' || field(entry.value, 'digest') !== undefined) return [];
    const { where, optIn } = locate(source.object, [source], [...at, 'tag'], tag);
    return [tag !== '' && tag !== 'latest' ? { ok: true, evidence: `${where}: ${tag}` } : { ok: false, evidence: `${where}: ${JSON.stringify(tag)} is not a pinned tag`, optIn }];
  });
}

/** Rule pinned-images: container images of rendered pods, and images set in chart values. */
export function scanImages(objects: readonly KubeObject[]): Observation[] {
  const pods = podSpecs(objects).flatMap(({ where, spec, podMetadata }) =>
    containersOf(spec).flatMap((c) => {
      const image = text(c, 'image');
      const at = `${where} container ${text(c, 'name') ?? '?'}`;
      // Istio gateway injection: `image: auto` on a pod that opts in is replaced by the control plane's proxy image
      // (istio-ecosystem/sail-operator@1.28.3:chart/samples/ingress-gateway.yaml).
      if (image === 'auto' && text(podMetadata, 'labels', 'sidecar.istio.io/inject') === 'true') return [{ ok: true, evidence: `${at}: auto (set by Istio injection to the control plane's proxy image)` }];
      return image === undefined ? [] : [imageObservation(at, image)];
    }),
  );
  return [...pods, ...valuesImages(objects)];
}

/** Keys that switch TLS verification off (compared case-insensitively). */
const INSECURE_KEYS: ReadonlySet<string> = new Set(['insecureskipverify', 'insecure', 'skiptlsverify', 'tlsinsecureskipverify', 'insecureskiptlsverify']);

/** A curl command line that skips certificate verification. */
const INSECURE_CURL = /\bcurl\b[^\n]*?\s(-k|--insecure)(\s|$)/;

/** Rule tls-verification, the part that scans every object: insecure flags, and curl commands with -k. */
export function scanInsecureSettings(objects: readonly KubeObject[]): Observation[] {
  const found: Observation[] = [];
  for (const object of objects) {
    walk(object, (path, key, value) => {
      const flagged = (value === true || value === 'true') && INSECURE_KEYS.has(key.toLowerCase());
      const curl = typeof value === 'string' && value.includes('curl') && INSECURE_CURL.test(value);
      if (!flagged && !curl) return;
      const { where, optIn } = locate(object, valuesSourcesOf(object), path, value);
      found.push({ ok: false, evidence: `${where}: ${curl ? 'curl -k (certificate not verified)' : JSON.stringify(value)}`, optIn });
    });
  }
  return found;
}
