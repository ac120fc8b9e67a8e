/**
 * Tolerant readers for rendered objects: the review files read whatever the concerns render, so every field may be
 * missing or of an unexpected type. Nothing here throws.
 */
import { SYNC_WAVE } from '../lib/argo';
import { KubeObject } from '../lib/render';

/** The value at a path of keys (`field(obj, 'spec', 'source', 'chart')`), or undefined when any step is missing. */
export function field(value: unknown, ...path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** A string, number or boolean field as text, or undefined. */
export function text(value: unknown, ...path: readonly string[]): string | undefined {
  const v = field(value, ...path);
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

/** An array field, or an empty array. */
export function list(value: unknown, ...path: readonly string[]): unknown[] {
  const v = field(value, ...path);
  return Array.isArray(v) ? v : [];
}

/** The object's sync wave (0 when absent: the render invariants make it present). */
export function waveOf(obj: KubeObject): number {
  const wave = Number(obj.metadata.annotations?.[SYNC_WAVE]);
  return Number.isInteger(wave) ? wave : 0;
}

/** The API group of an object (`''` for the core group). */
export function groupOfObject(obj: KubeObject): string {
  return obj.apiVersion.includes('/') ? obj.apiVersion.split('/')[0] : '';
}

/** `namespace/name`, or `name` for cluster-scoped objects. */
export function qualifiedName(obj: KubeObject): string {
  return obj.metadata.namespace ? `${obj.metadata.namespace}/${obj.metadata.name}` : String(obj.metadata.name);
}

/** Orders objects by namespace (cluster-scoped first), then name. */
export function byNamespaceAndName(a: KubeObject, b: KubeObject): number {
  return compareText(a.metadata.namespace ?? '', b.metadata.namespace ?? '') || compareText(String(a.metadata.name), String(b.metadata.name));
}

/** Appends a value to the group of its key. */
export function groupInto<T>(groups: Map<string, T[]>, key: string, value: T): void {
  const group = groups.get(key);
  if (group) group.push(value);
  else groups.set(key, [value]);
}

/** Sorted, de-duplicated strings. */
export function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compareText);
}

/** Plain code-unit ordering (locale-independent, so output is the same on every machine). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Every value in a tree whose key (or, in `{ name, value }` entries such as container env, whose name) satisfies
 * `match`, with the dotted path it was found at. Used to find settings such as `ISTIO_TLS_MODE` wherever a concern
 * placed them.
 */
export function findSettings(root: unknown, match: (key: string, path: readonly string[]) => boolean): { path: string; value: unknown }[] {
  const found: { path: string; value: unknown }[] = [];
  const visit = (value: unknown, path: string[]): void => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        const name = text(item, 'name');
        if (name !== undefined && 'value' in (item as object) && match(name, path)) found.push({ path: [...path, name].join('.'), value: (item as { value: unknown }).value });
        else visit(item, [...path, String(i)]);
      });
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) {
        if (match(key, path)) found.push({ path: [...path, key].join('.'), value: child });
        else visit(child, [...path, key]);
      }
    }
  };
  visit(root, []);
  return found;
}
