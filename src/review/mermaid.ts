/**
 * A Mermaid flowchart of the order in which Argo CD applies the render. Each root Application (one per cluster it
 * applies to) is a subgraph holding its own chain of sync waves: with `delivery.destinationServer`, the root on the
 * Argo CD cluster and the `-cluster` root on the target sync independently, so each has its own order. A wave is a
 * subgraph of nodes, one per component with objects in it (model namespaces are one node per wave, as they sync
 * wave by wave like everything else), so the drawing follows the true apply order. The bootstrap (`bootstrap/`), which no
 * root applies, is its own step above the roots: applied by hand before them (bootstrap/README.md).
 *
 * Layout (checked by rendering to PNG, test/review/mermaid-render.test.ts): top to bottom, no `direction` inside
 * subgraphs (Mermaid ignores it for linked subgraphs), the nodes of a wave side by side in rows of at most a few
 * nodes. Rows are kept in order by invisible links (`~~~`) from the first node of one row to every node of the next;
 * visible arrows join consecutive waves. GitHub renders ```mermaid blocks in pull requests, so the diff shows what moved.
 */
import { BOOTSTRAP_README } from '../concerns/bootstrap';
import { appliedByRoot, clusterOfFile, rootApplicationName } from '../concerns/delivery';
import { Wave } from '../lib/argo';
import { KubeObject, RenderedObject } from '../lib/render';
import { waveOf } from './fields';
import { componentsOf, modelNamespaceObjectsOf, namespacesTouched, waveRange } from './inventory';

export interface DiagramOptions {
  /** Above this many namespaces, a node shows their count instead of their names. @default 4 */
  readonly maxNamespacesPerNode?: number;
  /** Nodes side by side in one row of a wave. @default 4, or 3 with two clusters (two roots side by side) */
  readonly maxNodesPerRow?: number;
}

/** What the diagram needs to know about the delivery: the environment (root names) and whether there are two clusters. */
export interface DiagramDelivery {
  readonly environment: string;
  readonly twoClusters: boolean;
  /** The target cluster's API server URL. */
  readonly destinationServer: string;
}

/**
 * Mermaid node ids: readable (the name with anything but letters, digits and `_` replaced by `_`), prefixed so they
 * never clash with Mermaid keywords such as `end`, and made unique in allocation order (callers allocate in sorted
 * order, so ids are deterministic).
 */
class NodeIds {
  private readonly used = new Set<string>();

  public allocate(prefix: string, name: string): string {
    const base = `${prefix}_${name.replace(/[^A-Za-z0-9_]/g, '_')}`;
    let id = base;
    for (let n = 2; this.used.has(id); n++) id = `${base}_${n}`;
    this.used.add(id);
    return id;
  }
}

/** A Mermaid label in double quotes (a quote inside becomes the entity Mermaid understands). */
function label(lines: readonly string[]): string {
  return `"${lines.map((l) => l.replace(/"/g, '#quot;')).join('<br/>')}"`;
}

/** The namespaces of a node, two to a line (Mermaid wraps long lines itself), or their count above `max`. */
function namespaceLines(namespaces: readonly string[], max: number): string[] {
  if (namespaces.length === 0) return ['cluster-scoped'];
  if (namespaces.length > max) return [`${namespaces.length} namespaces`];
  const lines: string[] = [];
  for (let i = 0; i < namespaces.length; i += 2) lines.push(namespaces.slice(i, i + 2).join(', '));
  return lines;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

const waveId = (wave: number): string => (wave < 0 ? `m${-wave}` : String(wave));

/** One node: a component's (or the model namespaces') objects in one wave. */
interface WaveNode {
  readonly key: string;
  readonly text: string[];
}

/** The nodes of each wave of one root's objects, waves ascending, components sorted, model namespaces last. */
function wavesOf(objects: readonly RenderedObject[], maxNamespaces: number): [number, WaveNode[]][] {
  const waves = new Map<number, WaveNode[]>();
  const add = (wave: number, node: WaveNode) => waves.set(wave, [...(waves.get(wave) ?? []), node]);
  for (const component of componentsOf(objects)) {
    for (const wave of component.waves) {
      const inWave = component.objects.filter((o) => waveOf(o) === wave);
      add(wave, { key: component.name, text: [`${component.name} (${plural(inWave.length, 'object')})`, ...namespaceLines(namespacesTouched(inWave), maxNamespaces)] });
    }
  }
  const models = modelNamespaceObjectsOf(objects);
  const modelWaves = [...new Set(models.flatMap((ns) => ns.objects.map(waveOf)))].sort((a, b) => a - b);
  for (const wave of modelWaves) {
    const inWave: KubeObject[] = models.flatMap((ns) => ns.objects.filter((o) => waveOf(o) === wave));
    const names = models.filter((ns) => ns.objects.some((o) => waveOf(o) === wave)).map((ns) => ns.name);
    const kinds = [...new Set(inWave.map((o) => o.kind))].sort();
    add(wave, { key: 'model-namespaces', text: [`model namespaces (${plural(inWave.length, 'object')})`, kinds.join(', '), ...namespaceLines(names, maxNamespaces)] });
  }
  return [...waves.keys()].sort((a, b) => a - b).map((wave) => [wave, waves.get(wave) as WaveNode[]]);
}

/** The root Applications and the objects each applies (never the bootstrap, which is applied by hand). */
function rootsOf(all: readonly RenderedObject[], delivery: DiagramDelivery): { name: string; title: string; objects: RenderedObject[] }[] {
  const objects = all.filter((o) => appliedByRoot(o.file));
  const root = rootApplicationName(delivery.environment);
  if (!delivery.twoClusters) return [{ name: root, title: `root Application ${root} (one cluster)`, objects }];
  return [
    { name: root, title: `root Application ${root} → Argo CD cluster (delivery/, applications/)`, objects: objects.filter((o) => clusterOfFile(o.file, true) === 'argocd') },
    { name: `${root}-cluster`, title: `root Application ${root}-cluster → ${delivery.destinationServer}`, objects: objects.filter((o) => clusterOfFile(o.file, true) === 'target') },
  ];
}

/** Waves from here on (the model namespaces' own) share one subgraph, a row per wave, so the chain stays short. */
const GROUPED_FROM = Wave.MODEL_NAMESPACES;

/** The diagram, as a fenced ```mermaid block. */
export function applyOrderDiagram(objects: readonly RenderedObject[], delivery: DiagramDelivery, options: DiagramOptions = {}): string {
  const maxNamespaces = options.maxNamespacesPerNode ?? 4;
  const perRow = options.maxNodesPerRow ?? (delivery.twoClusters ? 3 : 4);
  const ids = new NodeIds();
  // Tighter spacing than Mermaid's defaults (nodeSpacing 50, rankSpacing 50): the waves stack, so height is what grows.
  const lines: string[] = ['%%{init: {"flowchart": {"nodeSpacing": 20, "rankSpacing": 25, "padding": 8}}}%%', 'flowchart TB'];
  const links: string[] = [];
  const byHand = objects.filter((o) => !appliedByRoot(o.file));
  const bootstrapId = byHand.length > 0 ? ids.allocate('step', 'bootstrap') : undefined;
  if (bootstrapId) {
    const folders = [...new Set(byHand.map((o) => `${o.file.split('/')[0]}/`))].sort().join(', ');
    const target = delivery.twoClusters ? ' (Argo CD cluster)' : '';
    lines.push(`  ${bootstrapId}[${label([`${folders} (${plural(byHand.length, 'object')})${target}`, 'applied by hand before the root Application', `(${BOOTSTRAP_README})`, ...namespaceLines(namespacesTouched(byHand.map((o) => o.object)), maxNamespaces)])}]`);
  }
  for (const root of rootsOf(objects, delivery)) {
    const rootId = ids.allocate('root', root.name);
    if (bootstrapId) links.push(`  ${bootstrapId} --> ${rootId}`);
    // A root has no links outside, so its direction holds (without it Mermaid lays a nested subgraph out sideways).
    lines.push(`  subgraph ${rootId}[${label([root.title])}]`, '    direction TB');
    const waves = wavesOf(root.objects, maxNamespaces);
    const single = waves.filter(([wave]) => wave < GROUPED_FROM);
    const grouped = waves.filter(([wave]) => wave >= GROUPED_FROM);
    let previousGroup: string | undefined;
    let previousRow: string[] = [];
    /** Rows of at most `perRow` nodes; each row below the previous (invisible links), `arrow` from the previous row's first node. */
    const rows = (wave: number, nodes: readonly WaveNode[], prefix: string, arrow: boolean): void => {
      for (let start = 0; start < nodes.length; start += perRow) {
        const row = nodes.slice(start, start + perRow).map((node) => {
          const id = ids.allocate('c', `${node.key}_w${waveId(wave)}`);
          lines.push(`      ${id}[${label(start === 0 && prefix ? [`${prefix}${node.text[0]}`, ...node.text.slice(1)] : node.text)}]`);
          return id;
        });
        if (previousRow.length > 0) row.forEach((id, i) => links.push(`  ${previousRow[0]} ${arrow && start === 0 && i === 0 ? '-->' : '~~~'} ${id}`));
        previousRow = row;
      }
    };
    const group = (id: string, title: string): void => {
      lines.push(`    subgraph ${id}[${label([title])}]`);
      if (previousGroup) links.push(`  ${previousGroup} --> ${id}`);
      previousGroup = id;
    };
    for (const [wave, nodes] of single) {
      group(ids.allocate(`${rootId}_wave`, waveId(wave)), `wave ${wave}`);
      rows(wave, nodes, '', false);
      lines.push('    end');
    }
    if (grouped.length > 0) {
      group(ids.allocate(`${rootId}_waves`, String(GROUPED_FROM)), grouped.length === 1 ? `wave ${grouped[0][0]}` : `waves ${waveRange(grouped.map(([w]) => w))}, one row per wave`);
      grouped.forEach(([wave, nodes], i) => rows(wave, nodes, `wave ${wave}: `, i > 0));
      lines.push('    end');
    }
    lines.push('  end');
  }
  return ['```mermaid', ...lines, ...links, '```'].join('\n');
}
