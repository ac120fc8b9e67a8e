/**
 * What a model namespace gets from the platform, read from its rendered objects (and the shared registries that list
 * it, such as the ServiceMeshMemberRoll).
 */
import { KubeObject } from '../lib/render';
import { compareText, groupInto, list, qualifiedName, sortedUnique, text } from './fields';
import { ModelNamespaceObjects, ofKind } from './inventory';

/** The label Seldon Deploy's GitOps looks for on a namespace (seed 004). */
const GITOPS_LABEL = 'seldon.gitops';

/** The flags shown for one model namespace; each is a short human-readable value. */
export interface NamespaceFlags {
  readonly gitops: string;
  readonly mesh: string;
  readonly coreV2Runtime: string;
  readonly authPolicies: string;
  readonly networkPolicies: number;
}

const AUTH_KINDS = ['AuthorizationPolicy', 'PeerAuthentication', 'RequestAuthentication'];

function namespaceObject(ns: ModelNamespaceObjects): KubeObject | undefined {
  return ns.objects.find((o) => o.kind === 'Namespace' && o.metadata.name === ns.name);
}

function gitopsFlag(ns: ModelNamespaceObjects): string {
  return namespaceObject(ns)?.metadata.labels?.[GITOPS_LABEL] === 'enabled' ? `yes (${GITOPS_LABEL}=enabled)` : 'no';
}

/** For each namespace a ServiceMeshMemberRoll lists, the rolls that list it (computed once for all namespaces). */
export function memberRolls(all: readonly KubeObject[]): Map<string, string[]> {
  const rolls = new Map<string, string[]>();
  for (const roll of ofKind(all, 'ServiceMeshMemberRoll')) {
    for (const member of list(roll, 'spec', 'members')) if (typeof member === 'string') groupInto(rolls, member, qualifiedName(roll));
  }
  return rolls;
}

/** Membership (a member roll listing it, a ServiceMeshMember, or the Service Mesh 3 discovery label) and sidecar-injection labels. */
function meshFlag(ns: ModelNamespaceObjects, rolls: ReadonlyMap<string, readonly string[]>): string {
  const labels = namespaceObject(ns)?.metadata.labels ?? {};
  const found = [
    ...(rolls.get(ns.name) ?? []).map((roll) => `member of ${roll}`),
    ...ofKind(ns.objects, 'ServiceMeshMember').map((m) => `ServiceMeshMember ${m.metadata.name}`),
    ...(labels['istio-injection'] ? [`istio-injection=${labels['istio-injection']}`] : []),
    // OpenShift Service Mesh 3: membership is istiod's discovery selector label.
    ...(labels['istio-discovery'] ? [`istio-discovery=${labels['istio-discovery']}`] : []),
    ...(labels['istio.io/rev'] ? [`istio.io/rev=${labels['istio.io/rev']}`] : []),
  ];
  return found.length > 0 ? found.sort(compareText).join(', ') : 'no';
}

function runtimeFlag(ns: ModelNamespaceObjects): string {
  const runtimes = ofKind(ns.objects, 'SeldonRuntime', 'mlops.seldon.io').map((r) => {
    const config = text(r, 'spec', 'seldonConfig');
    return config ? `${r.metadata.name} (SeldonConfig ${config})` : String(r.metadata.name);
  });
  return runtimes.length > 0 ? `yes: ${sortedUnique(runtimes).join(', ')}` : 'no';
}

function authFlag(ns: ModelNamespaceObjects): string {
  const counts = AUTH_KINDS.map((kind) => [kind, ofKind(ns.objects, kind).length] as const).filter(([, n]) => n > 0);
  return counts.length > 0 ? counts.map(([kind, n]) => `${kind} ×${n}`).join(', ') : 'none';
}

/** The flags of each model namespace; `all` is the whole render (for registries that list the namespaces). */
export function namespaceFlags(namespaces: readonly ModelNamespaceObjects[], all: readonly KubeObject[]): NamespaceFlags[] {
  const rolls = memberRolls(all);
  return namespaces.map((ns) => ({
    gitops: gitopsFlag(ns),
    mesh: meshFlag(ns, rolls),
    coreV2Runtime: runtimeFlag(ns),
    authPolicies: authFlag(ns),
    networkPolicies: ofKind(ns.objects, 'NetworkPolicy').length,
  }));
}
