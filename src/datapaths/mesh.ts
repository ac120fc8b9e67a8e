/**
 * What the service mesh contributes to a data path, read from the render and kept pluggable so that the model holds
 * for every mesh the platform can render: which pods get a sidecar, whether the mesh picks mutual TLS automatically,
 * which PeerAuthentication mode a server port has, and the NetworkPolicies the mesh operator creates by itself.
 *
 * - OpenShift Service Mesh 2.x (a `ServiceMeshControlPlane` in the render): sidecars are opt-in per pod
 *   (`sidecar.istio.io/inject: "true"`) in member namespaces; with `spec.security.manageNetworkPolicy` unset or true the
 *   operator renders `istio-mesh-<smcp>` (every namespace labelled `maistra.io/member-of: <control plane ns>` admitted
 *   into every pod) and `istio-expose-route-<smcp>` (the OpenShift router into pods labelled
 *   `maistra.io/expose-route: "true"`) in the control plane namespace
 *   (maistra/istio-operator@maistra-2.5:resources/helm/overlays/mesh-config/templates/networkpolicy.yaml:1-33, skipped
 *   only when manageNetworkPolicy is false: pkg/controller/servicemesh/controlplane/hooks.go:56-61) and copies them
 *   into every member namespace (pkg/controller/servicemesh/member/ovs_networkpolicy.go:59-91), labelling members
 *   `maistra.io/member-of` (pkg/controller/common/metadata.go:17).
 * - Upstream Istio (the istiod chart) and Service Mesh 3 (Sail, `sailoperator.io` `Istio`): injection by namespace
 *   label (`istio-injection: enabled` or `istio.io/rev`) or pod label `sidecar.istio.io/inject: "true"`, opt-out with
 *   `"false"`; auto mTLS on (meshConfig `enableAutoMtls` defaults to true); no mesh-created NetworkPolicies.
 */
import { SourcedPolicy } from './network';
import { arr, at, RenderIndex, str } from './render-index';

/** Mutual TLS a server port accepts through its sidecar. */
export type PeerMode = 'STRICT' | 'PERMISSIVE' | 'DISABLE';

/** The mesh facts the data-path model needs. */
export interface MeshFacts {
  /** `openshift-service-mesh-2` (Maistra), `openshift-service-mesh-3` (Sail), `istio` (upstream charts), or `none`. */
  readonly kind: 'openshift-service-mesh-2' | 'openshift-service-mesh-3' | 'istio' | 'none';
  /** The namespace of the control plane. */
  readonly controlPlaneNamespace?: string;
  /** Whether Envoy clients originate Istio mTLS to sidecar servers automatically (no DestinationRule TLS). */
  readonly autoMtls: boolean;
  /** Whether a pod with these labels/annotations in this namespace runs an Istio sidecar. */
  sidecar(namespace: string, pod: Readonly<Record<string, string>>): boolean;
  /** Labels the mesh adds to a namespace (members). */
  namespaceLabels(namespace: string): Record<string, string>;
  /** NetworkPolicies the mesh operator creates at runtime (not in our render). */
  readonly policies: readonly SourcedPolicy[];
  /** The PeerAuthentication mode a sidecar of this pod applies on this port. */
  peerMode(namespace: string, podLabels: Readonly<Record<string, string>>, port: number): PeerMode;
}

const INJECT = 'sidecar.istio.io/inject';

/** Reads the mesh from the render. */
export function meshFacts(index: RenderIndex): MeshFacts {
  const smcp = index.kind('ServiceMeshControlPlane')[0];
  if (smcp) return ossm2(index, smcp);
  const sail = index.kind('Istio').find((o) => o.apiVersion.startsWith('sailoperator.io/'));
  if (sail) return istio(index, 'openshift-service-mesh-3', str(sail, 'spec', 'namespace') ?? 'istio-system');
  if (index.helmValues('istiod')) return istio(index, 'istio', 'istio-system');
  return { kind: 'none', autoMtls: false, sidecar: () => false, namespaceLabels: () => ({}), policies: [], peerMode: () => 'DISABLE' };
}

function ossm2(index: RenderIndex, smcp: NonNullable<ReturnType<RenderIndex['kind']>[number]>): MeshFacts {
  const cp = smcp.metadata.namespace as string;
  const smmr = index.kind('ServiceMeshMemberRoll', cp)[0];
  const members = new Set(arr(smmr, 'spec', 'members') as string[]);
  const meshMtls = at(smcp, 'spec', 'security', 'dataPlane', 'mtls') === true;
  const manage = at(smcp, 'spec', 'security', 'manageNetworkPolicy');
  const policies: SourcedPolicy[] = [];
  if (manage !== false) {
    const rev = smcp.metadata.name as string;
    const origin = `(OSSM manageNetworkPolicy, ServiceMeshControlPlane ${cp}/${rev})`;
    for (const ns of [cp, ...members]) {
      policies.push({
        label: `${ns}/istio-mesh-${rev} ${origin}`,
        policy: np(ns, `istio-mesh-${rev}`, {}, [{ from: [{ namespaceSelector: { matchLabels: { 'maistra.io/member-of': cp } } }] }]),
      });
      policies.push({
        label: `${ns}/istio-expose-route-${rev} ${origin}`,
        policy: np(ns, `istio-expose-route-${rev}`, { matchLabels: { 'maistra.io/expose-route': 'true' } }, [{ from: [{ namespaceSelector: { matchLabels: { 'network.openshift.io/policy-group': 'ingress' } } }] }]),
      });
    }
  }
  return {
    kind: 'openshift-service-mesh-2',
    controlPlaneNamespace: cp,
    autoMtls: at(smcp, 'spec', 'security', 'dataPlane', 'automtls') !== false,
    sidecar: (ns, pod) => (members.has(ns) && pod[INJECT] === 'true') || (ns === cp && pod.istio === 'ingressgateway'),
    namespaceLabels: (ns): Record<string, string> => (members.has(ns) || ns === cp ? { 'maistra.io/member-of': cp } : {}),
    policies,
    peerMode: (ns, labels, port) => peerMode(index, ns, labels, port, meshMtls ? 'STRICT' : 'PERMISSIVE'),
  };
}

function istio(index: RenderIndex, kind: 'istio' | 'openshift-service-mesh-3', root: string): MeshFacts {
  const meshWide = index.kind('PeerAuthentication', root).find((p) => at(p, 'spec', 'selector') === undefined);
  const fallback = (str(meshWide, 'spec', 'mtls', 'mode') as PeerMode | undefined) ?? 'PERMISSIVE';
  return {
    kind,
    controlPlaneNamespace: root,
    autoMtls: true,
    sidecar: (ns, pod) => {
      if (pod[INJECT] === 'false') return false;
      if (pod[INJECT] === 'true') return true;
      const labels = index.namespaceLabels(ns);
      return labels['istio-injection'] === 'enabled' || labels['istio.io/rev'] !== undefined;
    },
    namespaceLabels: () => ({}),
    policies: [],
    peerMode: (ns, labels, port) => peerMode(index, ns, labels, port, fallback),
  };
}

/** Istio's PeerAuthentication precedence: workload (selector) over namespace over mesh; port-level over workload. */
function peerMode(index: RenderIndex, ns: string, labels: Readonly<Record<string, string>>, port: number, meshDefault: PeerMode): PeerMode {
  const pas = index.kind('PeerAuthentication', ns);
  const workload = pas.find((p) => {
    const sel = at(p, 'spec', 'selector', 'matchLabels') as Record<string, string> | undefined;
    return sel !== undefined && Object.entries(sel).every(([k, v]) => labels[k] === v);
  });
  const namespaceWide = pas.find((p) => at(p, 'spec', 'selector') === undefined);
  const portLevel = str(workload, 'spec', 'portLevelMtls', String(port), 'mode') as PeerMode | undefined;
  const mode = (m: string | undefined) => (m === 'UNSET' ? undefined : (m as PeerMode | undefined));
  return portLevel ?? mode(str(workload, 'spec', 'mtls', 'mode')) ?? mode(str(namespaceWide, 'spec', 'mtls', 'mode')) ?? meshDefault;
}

function np(namespace: string, name: string, podSelector: object, ingress: object[]) {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec: { podSelector, policyTypes: ['Ingress'], ingress } };
}
