/**
 * Comparing two chart renders as sets of objects: order of documents and of map keys does not matter, every field
 * value does. Pure.
 */

/** `kind namespace/name` of a rendered object (`apiVersion` left out: the same object under another version is a change of content). */
export function objectId(object: Record<string, any>): string {
  const metadata = object?.metadata ?? {};
  return `${object?.kind ?? '?'} ${metadata.namespace ?? ''}/${metadata.name ?? '?'}`;
}

/** JSON with map keys sorted: equal for equal content, whatever the key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v,
  );
}

/** The render as id → canonical content; objects with the same id (rare) get `#2`, `#3` in content order. */
export function objectSet(objects: ReadonlyArray<Record<string, any>>): Map<string, string> {
  const byId = new Map<string, string[]>();
  for (const object of objects) {
    const id = objectId(object);
    byId.set(id, [...(byId.get(id) ?? []), canonicalJson(object)]);
  }
  const set = new Map<string, string>();
  for (const [id, contents] of byId) contents.sort().forEach((content, i) => set.set(i === 0 ? id : `${id}#${i + 1}`, content));
  return set;
}

/** The ids that differ between two object sets (added, removed or changed), ignoring the ids in `ignore`. */
export function changedObjects(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>, ignore: ReadonlySet<string> = new Set()): string[] {
  const ids = new Set([...before.keys(), ...after.keys()]);
  return [...ids].filter((id) => !ignore.has(id) && before.get(id) !== after.get(id)).sort();
}
