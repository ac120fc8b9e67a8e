/**
 * A Mermaid flowchart of the order in which Argo CD applies the render: one subgraph per sync wave holding the
 * components that have objects in it (with their namespaces), waves chained in apply order, and the model namespaces
 * as the last group. GitHub renders ```mermaid blocks in pull requests, so the diagram's diff shows what moved.
 */
import { KubeObject } from '../lib/render';
import { waveOf } from './fields';
import { Component, ModelNamespaceObjects, namespacesTouched, waveRange } from './inventory';

export interface DiagramOptions {
  /** Above this many model namespaces, the last group shows their count instead of one node each. @default 20 */
  readonly maxModelNamespaceNodes?: number;
  /** Above this many namespaces, a node shows their count instead of their names. @default 4 */
  readonly maxNamespacesPerNode?: number;
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

function namespaceLine(namespaces: readonly string[], max: number): string[] {
  if (namespaces.length === 0) return ['cluster-scoped'];
  return [namespaces.length > max ? `${namespaces.length} namespaces` : namespaces.join(', ')];
}

/** One node: a component's objects in one wave. */
interface WaveNode {
  readonly component: string;
  readonly objects: readonly KubeObject[];
}

/** The components' objects by wave, waves ascending, components sorted within each wave. */
function nodesByWave(components: readonly Component[]): [number, WaveNode[]][] {
  const waves = new Map<number, WaveNode[]>();
  for (const component of components) {
    for (const wave of component.waves) {
      const objects = component.objects.filter((o) => waveOf(o) === wave);
      waves.set(wave, [...(waves.get(wave) ?? []), { component: component.name, objects }]);
    }
  }
  return [...waves.keys()].sort((a, b) => a - b).map((wave) => [wave, waves.get(wave) as WaveNode[]]);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The diagram, as a fenced ```mermaid block. */
export function applyOrderDiagram(components: readonly Component[], modelNamespaces: readonly ModelNamespaceObjects[], options: DiagramOptions = {}): string {
  const maxModels = options.maxModelNamespaceNodes ?? 20;
  const maxNamespaces = options.maxNamespacesPerNode ?? 4;
  const ids = new NodeIds();
  const lines: string[] = ['flowchart TD'];
  const groups: string[] = [];
  for (const [wave, nodes] of nodesByWave(components)) {
    const group = ids.allocate('wave', wave < 0 ? `m${-wave}` : String(wave));
    groups.push(group);
    lines.push(`  subgraph ${group}[${label([`wave ${wave}`])}]`, '    direction LR');
    for (const node of nodes) {
      const text = [`${node.component} (${plural(node.objects.length, 'object')})`, ...namespaceLine(namespacesTouched(node.objects), maxNamespaces)];
      lines.push(`    ${ids.allocate('c', `${node.component}_w${wave < 0 ? `m${-wave}` : wave}`)}[${label(text)}]`);
    }
    lines.push('  end');
  }
  if (modelNamespaces.length > 0) {
    const group = ids.allocate('g', 'model_namespaces');
    groups.push(group);
    const waves = modelNamespaces.flatMap((ns) => ns.objects.map(waveOf));
    lines.push(`  subgraph ${group}[${label([`model namespaces (wave ${waveRange([...new Set(waves)])})`])}]`, '    direction LR');
    if (modelNamespaces.length > maxModels) {
      lines.push(`    ${ids.allocate('m', 'count')}[${label([plural(modelNamespaces.length, 'model namespace')])}]`);
    } else {
      for (const ns of modelNamespaces) lines.push(`    ${ids.allocate('m', ns.name)}[${label([ns.name, plural(ns.objects.length, 'object')])}]`);
    }
    lines.push('  end');
  }
  for (let i = 1; i < groups.length; i++) lines.push(`  ${groups[i - 1]} --> ${groups[i]}`);
  return ['```mermaid', ...lines, '```'].join('\n');
}
