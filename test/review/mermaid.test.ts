import { SYNC_WAVE } from '../../src/lib/argo';
import { fileFor, KubeObject, RenderedObject } from '../../src/lib/render';
import { applyOrderDiagram, DiagramDelivery } from '../../src/review/mermaid';
import { fixtureObjects } from './fixture';

function object(kind: string, name: string, namespace: string | undefined, wave: number): KubeObject {
  return { apiVersion: kind === 'Namespace' ? 'v1' : 'example.com/v1', kind, metadata: { name, ...(namespace ? { namespace } : {}), annotations: { [SYNC_WAVE]: String(wave) } } };
}

function rendered(dir: string, obj: KubeObject): RenderedObject {
  return { file: fileFor(dir, obj), object: obj };
}

const ONE: DiagramDelivery = { environment: 'fixture', twoClusters: false, destinationServer: 'https://kubernetes.default.svc' };
const TWO: DiagramDelivery = { environment: 'fixture', twoClusters: true, destinationServer: 'https://api.prod.example.com:6443' };

/** The wave numbers of a diagram's wave subgraphs and grouped rows, in the order they are drawn. */
function drawnWaves(diagram: string): number[] {
  return [...diagram.matchAll(/\["wave (-?\d+)(?:"|: )/g)].map((m) => Number(m[1]));
}

describe('the apply-order diagram', () => {
  const diagram = applyOrderDiagram(fixtureObjects(), ONE);

  test('GIVEN a render WHEN drawn THEN it is a fenced mermaid flowchart, top to bottom, with tight spacing', () => {
    expect(diagram.startsWith('```mermaid\n%%{init: {"flowchart": {"nodeSpacing": 20, "rankSpacing": 25, "padding": 8}}}%%\nflowchart TB\n')).toBe(true);
    expect(diagram.endsWith('\n```')).toBe(true);
  });

  test('GIVEN one cluster WHEN drawn THEN one root subgraph whose waves are drawn in apply order, chained by arrows', () => {
    expect([...diagram.matchAll(/subgraph (root_\w+?)\["root/g)].map((m) => m[1])).toEqual(['root_seldon_platform_fixture']);
    expect(drawnWaves(diagram)).toEqual([-1, 0, 1, 2, 3, 4, 5, 10, 11, 14, 16]);
    expect(diagram).toContain('  root_seldon_platform_fixture_wave_m1 --> root_seldon_platform_fixture_wave_0\n');
    expect(diagram).toContain('  root_seldon_platform_fixture_wave_5 --> root_seldon_platform_fixture_waves_10\n');
  });

  test('GIVEN subgraphs linked to each other THEN no subgraph but the unlinked root sets a direction (Mermaid ignores it there)', () => {
    expect(diagram.match(/direction /g)).toEqual(['direction ']);
    expect(diagram).toContain('  subgraph root_seldon_platform_fixture["root Application seldon-platform-fixture (one cluster)"]\n    direction TB\n');
  });

  test('GIVEN a component with objects in a wave WHEN drawn THEN its node names it, its object count and namespaces', () => {
    expect(diagram).toContain('      c_service_mesh_w4["service-mesh (5 objects)<br/>istio-system"]');
    expect(diagram).toContain('      c_delivery_wm1["delivery (1 object)<br/>openshift-gitops"]');
  });

  test('GIVEN model namespaces WHEN drawn THEN each of their waves is a row of the grouped waves, with kinds and namespaces', () => {
    expect(diagram).toContain('subgraph root_seldon_platform_fixture_waves_10["waves 10–16, one row per wave"]');
    expect(diagram).toContain('c_model_namespaces_w10["wave 10: model namespaces (2 objects)<br/>Namespace<br/>seldon, seldon-gitops"]');
    expect(diagram).toMatch(/c_model_namespaces_w10 --> c_model_namespaces_w11\n/);
  });

  test('GIVEN a component in a model-namespace wave (e.g. a GitOps Application at wave 16) WHEN drawn THEN it sits in that wave\'s row, never before the model namespaces of earlier waves', () => {
    const objects = [
      rendered('model-namespaces/models', object('Namespace', 'models', undefined, 10)),
      rendered('model-namespaces/models', object('Thing', 'x', 'models', 14)),
      rendered('applications', { ...object('Application', 'seldon-gitops-models', 'argocd', 16), metadata: { ...object('Application', 'seldon-gitops-models', 'argocd', 16).metadata, labels: { 'app.kubernetes.io/component': 'gitops' } } }),
    ];
    const text = applyOrderDiagram(objects, ONE);
    expect(drawnWaves(text)).toEqual([10, 14, 16]);
    expect(text).toContain('c_gitops_w16["wave 16: gitops (1 object)<br/>argocd"]');
  });

  test('GIVEN two clusters WHEN drawn THEN two roots, each with its own chain: the Argo CD cluster gets delivery/ and applications/', () => {
    const text = applyOrderDiagram(fixtureObjects().map((o) => (o.object.kind === 'Application' && !o.file.startsWith('delivery/') ? { ...o, file: `applications/${o.file.split('/').pop()}` } : o)), TWO);
    expect(text).toContain('subgraph root_seldon_platform_fixture["root Application seldon-platform-fixture → Argo CD cluster (delivery/, applications/)"]');
    expect(text).toContain('subgraph root_seldon_platform_fixture_cluster["root Application seldon-platform-fixture-cluster → https://api.prod.example.com:6443"]');
    const argo = text.slice(text.indexOf('subgraph root_seldon_platform_fixture['), text.indexOf('subgraph root_seldon_platform_fixture_cluster['));
    expect(argo).toContain('delivery (1 object)');
    expect(argo).not.toContain('service-mesh');
    expect(text).not.toContain('root_seldon_platform_fixture_wave_5 --> root_seldon_platform_fixture_cluster');
  });

  test('GIVEN more nodes in a wave than fit a row WHEN drawn THEN they wrap into rows kept in order by invisible links', () => {
    const objects = ['a', 'b', 'c', 'd', 'e', 'f'].map((c) => rendered(c, object('Thing', 'x', 'ns', 1)));
    const text = applyOrderDiagram(objects, ONE, { maxNodesPerRow: 4 });
    expect(text).toContain('  c_a_w1 ~~~ c_e_w1\n  c_a_w1 ~~~ c_f_w1');
    expect(text).not.toContain('c_a_w1 ~~~ c_b_w1');
  });

  test('GIVEN names that sanitise to the same id, or a Mermaid keyword WHEN drawn THEN every node id is unique and prefixed', () => {
    const objects = [rendered('a-b', object('Thing', 'x', 'ns', 0)), rendered('a.b', object('Thing', 'y', 'ns', 0)), rendered('end', object('Thing', 'z', 'ns', 0))];
    const ids = [...applyOrderDiagram(objects, ONE).matchAll(/^ {6}(\w+)\[/gm)].map((m) => m[1]);
    expect(ids).toEqual(['c_a_b_w0', 'c_a_b_w0_2', 'c_end_w0']);
  });

  test('GIVEN cluster-scoped objects only, or many namespaces WHEN drawn THEN the node says so briefly', () => {
    const objects = [
      rendered('crds', object('Namespace', 'n1', undefined, 0)),
      ...['a', 'b', 'c', 'd', 'e'].map((ns) => rendered('spread', object('Thing', 'x', ns, 1))),
      rendered('cluster', { ...object('ClusterThing', 'c', undefined, 2), apiVersion: 'example.com/v1' }),
    ];
    const text = applyOrderDiagram(objects, ONE);
    expect(text).toContain('c_spread_w1["spread (5 objects)<br/>5 namespaces"]');
    expect(text).toContain('c_cluster_w2["cluster (1 object)<br/>cluster-scoped"]');
  });

  test('GIVEN a label with a double quote WHEN drawn THEN it is escaped for Mermaid', () => {
    expect(applyOrderDiagram([rendered('say"hi', object('Thing', 'x', 'ns', 0))], ONE)).toContain('["say#quot;hi (1 object)<br/>ns"]');
  });
});
