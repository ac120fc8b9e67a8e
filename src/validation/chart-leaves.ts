/**
 * The leaves of a chart Application's values — every value we set, addressed by its key path — and how to mutate one
 * of them. Pure: no helm here (see chart-mutation.ts for the renders).
 *
 * A leaf is a scalar (string, number, boolean, null), an empty map or list, or an element of a list; maps are walked
 * into. `spec.source.helm.parameters` (`--set`) are leaves too, addressed as `--set <name>`.
 */
import type { ChartSource } from './chart-render';

/** One value we set. */
export interface Leaf {
  /** Key path as Helm writes it: `security.kafka.protocol`, `virtualService.gateways[0]`, or `--set a.b` for a parameter. */
  readonly path: string;
  readonly value: unknown;
  /** Where it lives: a path of keys/indices into `values`, or the index of a parameter. */
  readonly at: { readonly values: ReadonlyArray<string | number> } | { readonly parameter: number };
}

/** A change to one leaf: `set` a new value, or `remove` it (null and empty containers: compare with not setting them). */
export type Mutation = { readonly leaf: Leaf; readonly set: unknown } | { readonly leaf: Leaf; readonly remove: true };

/** Every leaf of a chart source, values first (in key order), then parameters. */
export function leavesOf(source: Pick<ChartSource, 'values' | 'parameters'>): Leaf[] {
  const leaves: Leaf[] = [];
  const walk = (value: unknown, at: Array<string | number>, path: string): void => {
    const container = Array.isArray(value) ? value : isMap(value) ? value : undefined;
    if (container !== undefined && Object.keys(container).length > 0) {
      if (Array.isArray(value)) value.forEach((item, i) => walk(item, [...at, i], `${path}[${i}]`));
      else for (const [key, item] of Object.entries(value as Record<string, unknown>)) walk(item, [...at, key], path ? `${path}.${key}` : key);
      return;
    }
    leaves.push({ path, value, at: { values: at } });
  };
  walk(source.values, [], '');
  source.parameters.forEach((p, i) => leaves.push({ path: `--set ${p.name}`, value: p.value, at: { parameter: i } }));
  return leaves.filter((leaf) => leaf.path !== '');
}

/** The marker of leaf number `id`: lower-case letters and digits only, fixed width, so no marker contains another. */
export function markerOf(id: number): string {
  return `zq${String(id).padStart(4, '0')}q`;
}

/**
 * The mutation of a leaf: a boolean flips, a number grows by one, a string gets the leaf's marker appended (so the
 * new value can be found in the output), `null` and empty maps/lists are removed (the chart default comes back).
 * Parameters are strings: `null` removes the parameter, `true`/`false` flip, numbers grow, others get the marker.
 */
export function mutationOf(leaf: Leaf, id: number): Mutation {
  const marker = markerOf(id);
  const value = leaf.value;
  if ('parameter' in leaf.at) {
    const text = String(value);
    if (text === 'null') return { leaf, remove: true };
    if (text === 'true' || text === 'false') return { leaf, set: text === 'true' ? 'false' : 'true' };
    if (/^-?\d+$/.test(text)) return { leaf, set: String(Number(text) + 1) };
    return { leaf, set: `${text}${marker}` };
  }
  if (typeof value === 'boolean') return { leaf, set: !value };
  if (typeof value === 'number') return { leaf, set: value + 1 };
  if (typeof value === 'string') return { leaf, set: `${value}${marker}` };
  return { leaf, remove: true };
}

/** Whether the mutation writes the leaf's marker (then finding the marker in the output proves the leaf is read). */
export function carriesMarker(mutation: Mutation, id: number): boolean {
  return 'set' in mutation && typeof mutation.set === 'string' && mutation.set.includes(markerOf(id));
}

/** A copy of `source` with the mutations applied; the input is not modified. */
export function applyMutations<T extends Pick<ChartSource, 'values' | 'parameters'>>(source: T, mutations: readonly Mutation[]): T {
  const values = structuredClone(source.values);
  let parameters = source.parameters.map((p) => ({ ...p }));
  const removedParameters = new Set<number>();
  for (const mutation of mutations) {
    const at = mutation.leaf.at;
    if ('parameter' in at) {
      if ('remove' in mutation) removedParameters.add(at.parameter);
      else parameters[at.parameter] = { ...parameters[at.parameter], value: String(mutation.set) };
      continue;
    }
    const parent = at.values.slice(0, -1).reduce<any>((node, key) => node[key], values);
    const key = at.values[at.values.length - 1];
    if ('set' in mutation) parent[key] = mutation.set;
    else if (Array.isArray(parent)) parent[key as number] = undefined; // removed below, keeping other indices stable
    else delete parent[key];
  }
  parameters = parameters.filter((_, i) => !removedParameters.has(i));
  return { ...source, values: dropUndefinedItems(values) as Record<string, unknown>, parameters };
}

function dropUndefinedItems(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((item) => item !== undefined).map(dropUndefinedItems);
  if (isMap(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, dropUndefinedItems(v)]));
  return value;
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
