/**
 * The rendered objects of one environment, indexed for the data-path model: every fact the model uses is read here
 * from the render (objects, and the Helm values and operator settings they carry), never from the config.
 */
import { KubeObject } from '../lib/render';

type Json = Record<string, unknown>;

/** A value at a path of a plain object, or undefined. */
export function at(obj: unknown, ...path: (string | number)[]): unknown {
  let cur: unknown = obj;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[key];
  }
  return cur;
}

/** A string at a path, or undefined. */
export function str(obj: unknown, ...path: (string | number)[]): string | undefined {
  const v = at(obj, ...path);
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

/** An array at a path (empty when absent). */
export function arr(obj: unknown, ...path: (string | number)[]): unknown[] {
  const v = at(obj, ...path);
  return Array.isArray(v) ? v : [];
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The indexed render. */
export class RenderIndex {
  public readonly objects: readonly KubeObject[];
  private readonly byKind = new Map<string, KubeObject[]>();
  /** `<kind>/<namespace>` → objects, and `<kind>/<namespace>/<name>` → object: lookups stay O(1) with many namespaces. */
  private readonly byKindNamespace = new Map<string, KubeObject[]>();
  private readonly byKey = new Map<string, KubeObject>();
  private readonly charts = new Map<string, { values: Json; namespace: string } | undefined>();

  constructor(objects: readonly KubeObject[]) {
    this.objects = objects;
    for (const o of objects) {
      push(this.byKind, o.kind, o);
      push(this.byKindNamespace, `${o.kind}/${o.metadata.namespace ?? ''}`, o);
      const key = `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
      if (!this.byKey.has(key)) this.byKey.set(key, o);
    }
  }

  /** Every object of a kind (optionally in one namespace). */
  public kind(kind: string, namespace?: string): KubeObject[] {
    return (namespace === undefined ? this.byKind.get(kind) : this.byKindNamespace.get(`${kind}/${namespace}`)) ?? [];
  }

  /** One object by kind, namespace (undefined: any, or cluster-scoped) and name. */
  public find(kind: string, namespace: string | undefined, name: string): KubeObject | undefined {
    if (namespace !== undefined) return this.byKey.get(`${kind}/${namespace}/${name}`);
    return this.byKey.get(`${kind}//${name}`) ?? this.kind(kind).find((o) => o.metadata.name === name);
  }

  /** The `valuesObject` of the Argo CD Application that installs `chart`, or undefined when none does. */
  public helmValues(chart: string): { values: Json; namespace: string } | undefined {
    if (this.charts.has(chart)) return this.charts.get(chart);
    const app = this.kind('Application').find((a) => str(a, 'spec', 'source', 'chart') === chart);
    const result = app ? { values: (at(app, 'spec', 'source', 'helm', 'valuesObject') as Json | undefined) ?? {}, namespace: str(app, 'spec', 'destination', 'namespace') ?? '' } : undefined;
    this.charts.set(chart, result);
    return result;
  }

  /** The `spec.config.env` of an OLM Subscription to `pkg`, as a map, or undefined when no Subscription installs it. */
  public subscriptionEnv(pkg: string): Record<string, string> | undefined {
    const sub = this.kind('Subscription').find((s) => str(s, 'spec', 'name') === pkg);
    if (!sub) return undefined;
    return Object.fromEntries(arr(sub, 'spec', 'config', 'env').map((e) => [str(e, 'name') ?? '', str(e, 'value') ?? '']));
  }

  /** The labels of a namespace as the cluster will have them: rendered labels plus the API server's name label. */
  public namespaceLabels(name: string): Record<string, string> {
    const ns = this.find('Namespace', undefined, name);
    return { ...(ns?.metadata.labels ?? {}), 'kubernetes.io/metadata.name': name };
  }

  /** Namespaces rendered with a label value. */
  public namespacesLabelled(key: string, value: string): string[] {
    return this.kind('Namespace').filter((n) => n.metadata.labels?.[key] === value).map((n) => n.metadata.name as string);
  }
}
