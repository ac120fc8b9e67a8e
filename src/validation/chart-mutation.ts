/**
 * Does every value we set change the chart's output? Each leaf (chart-leaves.ts) is mutated and the chart re-rendered;
 * a leaf whose mutation leaves the output unchanged is a value the chart never reads (a silent no-op).
 *
 * Renders are the cost (100-300 ms of helm each), so strings go first, together: every string leaf gets its own marker
 * appended and the chart is rendered once with all of them; a marker found in the output proves its leaf is read. If
 * that render fails, the group is bisected. Leaves not proven that way (booleans, numbers, nulls, strings the chart
 * transforms or only compares) are mutated one at a time and the object sets compared. A mutation the chart rejects
 * (helm fails) counts as read: the chart looked at the value. The renderer is passed in, so the logic is testable
 * without helm.
 */
import { changedObjects, objectSet } from './chart-compare';
import { applyMutations, carriesMarker, Leaf, leavesOf, markerOf, Mutation, mutationOf } from './chart-leaves';
import type { ChartSource } from './chart-render';

/** What a render gives back; the real one is `renderChartAsync`. */
export interface Rendered {
  readonly objects: ReadonlyArray<Record<string, any>>;
  readonly text: string;
}
export type Renderer = (source: ChartSource) => Promise<Rendered>;

/** How a leaf was shown to take effect, or `none`. */
export type LeafEffect = 'marker' | 'changed' | 'rejected' | 'none';

export interface LeafResult {
  readonly path: string;
  readonly value: unknown;
  readonly effect: LeafEffect;
  /** The objects that changed, or helm's message for `rejected`. */
  readonly detail?: string;
}

export interface MutationReport {
  readonly leaves: LeafResult[];
  /** How many renders the check took. */
  readonly renders: number;
}

/**
 * Mutates every leaf of `source` against its `base` render. `unstable` lists object ids that differ between two renders
 * of the same input (non-deterministic output): they are left out of comparisons so that they do not mask no-ops.
 */
export async function mutationCheck(source: ChartSource, base: Rendered, render: Renderer, unstable: ReadonlySet<string> = new Set()): Promise<MutationReport> {
  let renders = 0;
  const counted: Renderer = (s) => {
    renders++;
    return render(s);
  };
  const baseSet = objectSet(base.objects);
  const baseText = base.text.toLowerCase();
  const items = leavesOf(source).map((leaf, id) => ({ leaf, id, mutation: mutationOf(leaf, id) }));
  const results = new Map<number, LeafResult>();
  const resultOf = (leaf: Leaf, effect: LeafEffect, detail?: string): LeafResult => ({ path: leaf.path, value: leaf.value, effect, ...(detail ? { detail } : {}) });

  // 1. Markers: strings together, bisected on failure. A marker already in the base output proves nothing.
  const marked = items.filter((item) => carriesMarker(item.mutation, item.id) && !baseText.includes(markerOf(item.id)));
  const markerGroup = async (group: typeof marked): Promise<void> => {
    if (group.length === 0) return;
    let text: string;
    try {
      text = (await counted(applyMutations(source, group.map((g) => g.mutation)))).text.toLowerCase();
    } catch (error) {
      if (group.length === 1) results.set(group[0].id, resultOf(group[0].leaf, 'rejected', messageOf(error)));
      else await Promise.all([markerGroup(group.slice(0, group.length >> 1)), markerGroup(group.slice(group.length >> 1))]);
      return;
    }
    for (const item of group) if (text.includes(markerOf(item.id))) results.set(item.id, resultOf(item.leaf, 'marker'));
  };
  await markerGroup(marked);

  // 2. One at a time, for everything not yet proven.
  const single = async (item: { leaf: Leaf; id: number; mutation: Mutation }): Promise<void> => {
    try {
      const after = await counted(applyMutations(source, [item.mutation]));
      const changed = changedObjects(baseSet, objectSet(after.objects), unstable);
      results.set(item.id, resultOf(item.leaf, changed.length > 0 ? 'changed' : 'none', changed.length > 0 ? changed.join(', ') : undefined));
    } catch (error) {
      results.set(item.id, resultOf(item.leaf, 'rejected', messageOf(error)));
    }
  };
  await Promise.all(items.filter((item) => !results.has(item.id)).map(single));
  return { leaves: items.map((item) => results.get(item.id)!), renders };
}

/**
 * A limiter: at most `n` renders at a time (the machines are small; helm is CPU-bound). Wrap a renderer with it.
 */
export function limitConcurrency(render: Renderer, n: number): Renderer {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async (source) => {
    if (running >= n) await new Promise<void>((resolve) => waiting.push(resolve)); // the slot is handed over
    else running++;
    try {
      return await render(source);
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}

function messageOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n').slice(0, 3).join(' ').slice(0, 400);
}
