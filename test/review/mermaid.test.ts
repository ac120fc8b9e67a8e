import { SYNC_WAVE } from '../../src/lib/argo';
import { fileFor, KubeObject, RenderedObject } from '../../src/lib/render';
import { componentsOf, modelNamespaceObjectsOf } from '../../src/review/inventory';
import { applyOrderDiagram } from '../../src/review/mermaid';
import { fixtureObjects } from './fixture';

function object(kind: string, name: string, namespace: string | undefined, wave: number): KubeObject {
  return { apiVersion: kind === 'Namespace' ? 'v1' : 'example.com/v1', kind, metadata: { name, ...(namespace ? { namespace } : {}), annotations: { [SYNC_WAVE]: String(wave) } } };
}

function rendered(dir: string, obj: KubeObject): RenderedObject {
  return { file: fileFor(dir, obj), object: obj };
}

function diagramOf(objects: RenderedObject[], maxModelNamespaceNodes?: number): string {
  return applyOrderDiagram(componentsOf(objects), modelNamespaceObjectsOf(objects), { maxModelNamespaceNodes });
}

describe('the apply-order diagram', () => {
  const diagram = diagramOf(fixtureObjects());

  test('GIVEN a render WHEN drawn THEN it is a fenced mermaid flowchart', () => {
    expect(diagram.startsWith('```mermaid\nflowchart TD\n')).toBe(true);
    expect(diagram.endsWith('\n```')).toBe(true);
  });

  test('GIVEN components over several waves WHEN drawn THEN one subgraph per wave, in apply order, chained by edges', () => {
    const waves = [...diagram.matchAll(/subgraph (wave_\w+)\["wave (-?\d+)"\]/g)].map((m) => Number(m[2]));
    expect(waves).toEqual([-1, 0, 1, 2, 3, 4, 5]);
    expect(diagram).toContain('  wave_m1 --> wave_0\n  wave_0 --> wave_1\n');
    expect(diagram).toContain('  wave_5 --> g_model_namespaces');
  });

  test('GIVEN a component with objects in a wave WHEN drawn THEN its node names it, its object count and namespaces', () => {
    expect(diagram).toContain('    c_service_mesh_w4["service-mesh (5 objects)<br/>istio-system"]');
    expect(diagram).toContain('    c_delivery_wm1["delivery (1 object)<br/>openshift-gitops"]');
  });

  test('GIVEN model namespaces WHEN drawn THEN they form the last group, one node each', () => {
    expect(diagram).toContain('  subgraph g_model_namespaces["model namespaces (wave 10–16)"]');
    expect(diagram).toContain('    m_seldon["seldon<br/>8 objects"]');
    expect(diagram).toContain('    m_seldon_gitops["seldon-gitops<br/>5 objects"]');
  });

  test('GIVEN more model namespaces than the limit WHEN drawn THEN the group shows their count', () => {
    const many = Array.from({ length: 21 }, (_, i) => rendered(`model-namespaces/models-${i}`, object('Namespace', `models-${i}`, undefined, 10)));
    const collapsed = diagramOf(many);
    expect(collapsed).toContain('    m_count["21 model namespaces"]');
    expect(collapsed).not.toContain('m_models_0');
    expect(diagramOf(many.slice(0, 20))).toContain('m_models_0');
  });

  test('GIVEN names that sanitise to the same id, or a Mermaid keyword WHEN drawn THEN every node id is unique and prefixed', () => {
    const objects = [rendered('a-b', object('Thing', 'x', 'ns', 0)), rendered('a.b', object('Thing', 'y', 'ns', 0)), rendered('end', object('Thing', 'z', 'ns', 0))];
    const ids = [...diagramOf(objects).matchAll(/^ {4}(\w+)\[/gm)].map((m) => m[1]);
    expect(ids).toEqual(['c_a_b_w0', 'c_a_b_w0_2', 'c_end_w0']);
  });

  test('GIVEN cluster-scoped objects only, or many namespaces WHEN drawn THEN the node says so briefly', () => {
    const objects = [
      rendered('crds', object('Namespace', 'n1', undefined, 0)),
      ...['a', 'b', 'c', 'd', 'e'].map((ns) => rendered('spread', object('Thing', 'x', ns, 1))),
      rendered('cluster', { ...object('ClusterThing', 'c', undefined, 2), apiVersion: 'example.com/v1' }),
    ];
    const text = diagramOf(objects);
    expect(text).toContain('c_spread_w1["spread (5 objects)<br/>5 namespaces"]');
    expect(text).toContain('c_cluster_w2["cluster (1 object)<br/>cluster-scoped"]');
  });

  test('GIVEN a label with a double quote WHEN drawn THEN it is escaped for Mermaid', () => {
    expect(diagramOf([rendered('say"hi', object('Thing', 'x', 'ns', 0))])).toContain('["say#quot;hi (1 object)<br/>ns"]');
  });
});
