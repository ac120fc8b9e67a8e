/**
 * Objects by kind, indexed once per array of objects: the secure-defaults rules look up kinds many times over one
 * render (tens of thousands of objects with a thousand model namespaces). The arrays a report reads are never changed.
 */
import { KubeObject } from '../lib/render';
import { groupInto } from './fields';
import { ofKind } from './inventory';

const indexes = new WeakMap<readonly KubeObject[], Map<string, KubeObject[]>>();

/** `ofKind` (inventory.ts) through an index of `objects` by kind. */
export function objectsOfKind(objects: readonly KubeObject[], kind: string, group?: string): KubeObject[] {
  let index = indexes.get(objects);
  if (!index) {
    index = new Map();
    for (const o of objects) groupInto(index, o.kind, o);
    indexes.set(objects, index);
  }
  return ofKind(index.get(kind) ?? [], kind, group);
}
