import { meshFacts, RenderIndex } from '../../src/datapaths';
import { evaluateIngress, matches, PodRef, PolicySet, renderedPolicies } from '../../src/datapaths/network';
import { KubeObject } from '../../src/lib/render';

const ns = (name: string, labels: Record<string, string> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
const policy = (namespace: string, name: string, spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec });
const pod = (namespace: string, labels: Record<string, string> = {}, nsLabels: Record<string, string> = {}): PodRef => ({ namespace, namespaceLabels: { 'kubernetes.io/metadata.name': namespace, ...nsLabels }, labels });

describe('NetworkPolicy semantics', () => {
  test('label selectors: matchLabels and every matchExpressions operator', () => {
    expect(matches(undefined, {})).toBe(true);
    expect(matches({ matchLabels: { a: '1' } }, { a: '1', b: '2' })).toBe(true);
    expect(matches({ matchLabels: { a: '1' } }, { a: '2' })).toBe(false);
    expect(matches({ matchExpressions: [{ key: 'a', operator: 'In', values: ['1', '2'] }] }, { a: '2' })).toBe(true);
    expect(matches({ matchExpressions: [{ key: 'a', operator: 'NotIn', values: ['1'] }] }, { a: '1' })).toBe(false);
    expect(matches({ matchExpressions: [{ key: 'a', operator: 'Exists' }] }, {})).toBe(false);
    expect(matches({ matchExpressions: [{ key: 'a', operator: 'DoesNotExist' }] }, {})).toBe(true);
  });

  test('a pod no policy selects is open; once selected, only what a rule admits gets in, on its ports', () => {
    const set = new PolicySet(renderedPolicies([
      policy('srv', 'web', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'a' } }, podSelector: { matchLabels: { role: 'client' } } }], ports: [{ port: 8000, endPort: 8010 }] }] }),
    ]));
    const web = pod('srv', { app: 'web' });
    expect(evaluateIngress(set, pod('x'), pod('srv', { app: 'db' }), 5432).allowed).toBe(true);
    expect(evaluateIngress(set, pod('x', { role: 'client' }, { team: 'a' }), web, 8005)).toEqual({ allowed: true, by: 'srv/web' });
    // namespaceSelector AND podSelector in one peer: both must match
    expect(evaluateIngress(set, pod('x', {}, { team: 'a' }), web, 8005).allowed).toBe(false);
    expect(evaluateIngress(set, pod('x', { role: 'client' }, { team: 'b' }), web, 8005).allowed).toBe(false);
    // outside the port range
    const denied = evaluateIngress(set, pod('x', { role: 'client' }, { team: 'a' }), web, 9000);
    expect(denied.allowed).toBe(false);
    expect(denied.by).toBe('denied: 1 policy selects the server (srv/web), none admits x');
  });

  test('a peer with only a podSelector means the policy\'s own namespace; an Egress-only policy does not isolate ingress', () => {
    const set = new PolicySet(renderedPolicies([
      policy('srv', 'same', { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: {} }] }] }),
      policy('other', 'egress', { podSelector: {}, policyTypes: ['Egress'], egress: [] }),
    ]));
    expect(evaluateIngress(set, pod('srv'), pod('srv'), 80).allowed).toBe(true);
    expect(evaluateIngress(set, pod('x'), pod('srv'), 80).allowed).toBe(false);
    expect(evaluateIngress(set, pod('x'), pod('other'), 80).allowed).toBe(true);
  });
});

describe('mesh facts, read from the render', () => {
  test('OpenShift Service Mesh 2.x: opt-in sidecars in members, and the operator\'s policies unless manageNetworkPolicy is false', () => {
    const objects = (manage?: boolean): KubeObject[] => [
      ns('istio-system'),
      ns('models'),
      { apiVersion: 'maistra.io/v2', kind: 'ServiceMeshControlPlane', metadata: { name: 'basic', namespace: 'istio-system' }, spec: { security: { dataPlane: { mtls: true, automtls: true }, ...(manage === undefined ? {} : { manageNetworkPolicy: manage }) } } },
      { apiVersion: 'maistra.io/v1', kind: 'ServiceMeshMemberRoll', metadata: { name: 'default', namespace: 'istio-system' }, spec: { members: ['models'] } },
    ];
    const on = meshFacts(new RenderIndex(objects()));
    expect(on.kind).toBe('openshift-service-mesh-2');
    expect(on.sidecar('models', {})).toBe(false);
    expect(on.sidecar('models', { 'sidecar.istio.io/inject': 'true' })).toBe(true);
    expect(on.sidecar('elsewhere', { 'sidecar.istio.io/inject': 'true' })).toBe(false);
    expect(on.namespaceLabels('models')).toEqual({ 'maistra.io/member-of': 'istio-system' });
    expect(on.policies.map((p) => p.label)).toContain('models/istio-mesh-basic (OSSM manageNetworkPolicy, ServiceMeshControlPlane istio-system/basic)');
    expect(on.peerMode('models', {}, 8000)).toBe('STRICT');
    expect(meshFacts(new RenderIndex(objects(false))).policies).toEqual([]);
    expect(meshFacts(new RenderIndex(objects(true))).policies).toHaveLength(4);
  });

  test('Istio / Service Mesh 3 (Sail): injection by namespace label or pod label, opt-out honoured, PeerAuthentication precedence', () => {
    const objects: KubeObject[] = [
      { apiVersion: 'sailoperator.io/v1', kind: 'Istio', metadata: { name: 'default' }, spec: { namespace: 'istio-system' } },
      ns('injected', { 'istio-injection': 'enabled' }),
      ns('revision', { 'istio.io/rev': 'default' }),
      ns('plain'),
      { apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: { name: 'default', namespace: 'istio-system' }, spec: { mtls: { mode: 'STRICT' } } },
      { apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: { name: 'metrics', namespace: 'injected' }, spec: { selector: { matchLabels: { app: 'm' } }, mtls: { mode: 'STRICT' }, portLevelMtls: { '9090': { mode: 'PERMISSIVE' } } } },
    ];
    const mesh = meshFacts(new RenderIndex(objects));
    expect(mesh.kind).toBe('openshift-service-mesh-3');
    expect(mesh.sidecar('injected', {})).toBe(true);
    expect(mesh.sidecar('revision', {})).toBe(true);
    expect(mesh.sidecar('plain', {})).toBe(false);
    expect(mesh.sidecar('plain', { 'sidecar.istio.io/inject': 'true' })).toBe(true);
    expect(mesh.sidecar('injected', { 'sidecar.istio.io/inject': 'false' })).toBe(false);
    expect(mesh.policies).toEqual([]);
    expect(mesh.peerMode('injected', { app: 'm' }, 9090)).toBe('PERMISSIVE');
    expect(mesh.peerMode('injected', { app: 'm' }, 8080)).toBe('STRICT');
    expect(mesh.peerMode('plain', {}, 8080)).toBe('STRICT');
  });

  test('no mesh: no sidecars, no auto mTLS', () => {
    const mesh = meshFacts(new RenderIndex([ns('a', { 'istio-injection': 'enabled' })]));
    expect(mesh.kind).toBe('none');
    expect(mesh.sidecar('a', {})).toBe(false);
    expect(mesh.autoMtls).toBe(false);
  });
});
