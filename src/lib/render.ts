import { ApiObject, App, Chart, Yaml } from 'cdk8s';
import { defaultScopeOf, parseApiVersion } from '../validation/kinds';

/** One rendered Kubernetes object and the file it is written to, relative to `dist/<environment>/`. */
export interface RenderedObject {
  readonly file: string;
  readonly object: KubeObject;
}

/** The shape every rendered manifest has. */
export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name?: string;
    readonly namespace?: string;
    readonly labels?: Record<string, string>;
    readonly annotations?: Record<string, string>;
  };
  readonly [key: string]: unknown;
}

/** A chart that names the folder its objects are written to (default: the chart id). */
export interface OutputDirChart {
  readonly outputDir: string;
}

/** True for kinds that are cluster-scoped (they never carry a namespace): built-in kinds, plus the known custom ones. */
export function isClusterScoped(obj: Pick<KubeObject, 'apiVersion' | 'kind'>): boolean {
  return defaultScopeOf({ ...parseApiVersion(obj.apiVersion), kind: obj.kind }) === 'Cluster';
}

/**
 * The file of an object: `<chart dir>/<kind>.<namespace>.<name>.yaml`, or `<chart dir>/<kind>.<name>.yaml` for
 * cluster-scoped kinds. A namespace is a DNS label (no dots), so distinct objects never share a file name; the writer
 * still refuses a collision rather than overwrite silently.
 */
export function fileFor(chartDir: string, obj: KubeObject): string {
  const kind = obj.kind.toLowerCase();
  const ns = obj.metadata.namespace;
  return `${chartDir}/${ns ? `${kind}.${ns}.${obj.metadata.name}` : `${kind}.${obj.metadata.name}`}.yaml`;
}

function outputDirOf(chart: Chart): string {
  const dir = (chart as Partial<OutputDirChart>).outputDir;
  return typeof dir === 'string' ? dir : chart.node.id;
}

/**
 * Resolves every object of the app with its file, sorted by file for stable output. One walk over the tree: cdk8s'
 * `Chart.toJson()` resolves dependencies across the whole app for each chart, which is quadratic with one chart per
 * model namespace; the order it computes is irrelevant here, since Argo CD orders by sync wave.
 */
export function renderApp(app: App): RenderedObject[] {
  const rendered: RenderedObject[] = [];
  for (const obj of app.node.findAll().filter(ApiObject.isApiObject)) {
    const object = obj.toJson() as KubeObject;
    rendered.push({ file: fileFor(outputDirOf(Chart.of(obj)), object), object });
  }
  return rendered.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** Serialises one object as cdk8s does (sorted keys, no line folding, YAML 1.1 quoting). */
export function toYaml(obj: KubeObject): string {
  return Yaml.stringify(obj);
}

/** The identity of an object in a cluster: API group, kind, namespace and name. */
export function identityOf(obj: KubeObject): string {
  const group = obj.apiVersion.includes('/') ? obj.apiVersion.split('/')[0] : 'core';
  return `${group}/${obj.kind} ${obj.metadata.namespace ?? '(cluster)'}/${obj.metadata.name}`;
}
