/**
 * Prune warnings: what the new render drops compared with the committed `dist/`, by namespace, so that a reviewer sees
 * deletions in the synth summary before Argo CD (which prunes) carries them out. A dropped Namespace is the loud case:
 * deleting it deletes everything in it, including objects that were never in Git (models, secrets, volumes).
 */

/** An object of the previous render that the new render no longer has. */
export interface DroppedObject {
  readonly file: string;
  readonly kind: string;
  readonly name: string;
  /** Undefined for a cluster-scoped object. */
  readonly namespace?: string;
}

/**
 * Reads kind, name and namespace from a rendered YAML file (the render writes one object per file, keys sorted, two
 * spaces of indentation), without a YAML parser: only the top-level `kind` and the `metadata` block's own keys.
 */
export function droppedObjectOf(file: string, yaml: string): DroppedObject | undefined {
  const kind = /^kind: *["']?([^"'\n]+?)["']? *$/m.exec(yaml)?.[1];
  const metadata = /^metadata:\n((?: {2}.*\n?)*)/m.exec(yaml)?.[1] ?? '';
  const field = (key: string) => new RegExp(`^ {2}${key}: *["']?([^"'\\n]+?)["']? *$`, 'm').exec(metadata)?.[1];
  const name = field('name');
  if (!kind || !name) return undefined;
  return { file, kind, name, namespace: field('namespace') };
}

function kindCounts(objects: readonly DroppedObject[]): string {
  const counts = new Map<string, number>();
  for (const o of objects) counts.set(o.kind, (counts.get(o.kind) ?? 0) + 1);
  return [...counts.keys()].sort().map((k) => `${k} x${counts.get(k)}`).join(', ');
}

/** One warning line per namespace (and one for cluster-scoped objects) with dropped objects, sorted by namespace. */
export function pruneWarnings(where: string, dropped: readonly DroppedObject[]): string[] {
  const byNamespace = new Map<string, DroppedObject[]>();
  const clusterScoped: DroppedObject[] = [];
  for (const o of dropped) {
    const ns = o.kind === 'Namespace' && o.namespace === undefined ? o.name : o.namespace;
    if (ns === undefined) clusterScoped.push(o);
    else byNamespace.set(ns, [...(byNamespace.get(ns) ?? []), o]);
  }
  const lines = [...byNamespace.keys()].sort().map((ns) => {
    const objects = byNamespace.get(ns) as DroppedObject[];
    const whole = objects.some((o) => o.kind === 'Namespace' && o.name === ns);
    return whole
      ? `prune warning: ${where}: namespace ${ns} is dropped: Argo CD deletes it and everything in it, also what is not in Git (dropped from the render: ${kindCounts(objects)})`
      : `prune warning: ${where}: namespace ${ns} loses ${kindCounts(objects)}`;
  });
  if (clusterScoped.length > 0) lines.push(`prune warning: ${where}: cluster-scoped objects dropped: ${kindCounts(clusterScoped)}`);
  return lines;
}
