/**
 * Kubernetes NetworkPolicy semantics (networking.k8s.io/v1), evaluated for one connection: a pod is isolated for
 * ingress once any policy with `policyTypes: [Ingress]` selects it, and then admits exactly what the union of those
 * policies' rules admits (kubernetes/website concepts/services-networking/network-policies; egress is not restricted
 * anywhere in this platform's render, so only ingress is evaluated).
 */
import { arr, at, str } from './render-index';
import { KubeObject } from '../lib/render';

/** A pod as a NetworkPolicy sees it: its namespace (with labels) and its labels. */
export interface PodRef {
  readonly namespace: string;
  readonly namespaceLabels: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
}

/** A NetworkPolicy with where it comes from (a rendered file, or a mesh operator that creates it at runtime). */
export interface SourcedPolicy {
  readonly policy: KubeObject;
  /** Shown in the table: `<namespace>/<name>`, with the origin when it is not our render. */
  readonly label: string;
}

/** The outcome for one connection. */
export interface NetworkVerdict {
  readonly allowed: boolean;
  /** The policies that admit the connection, or why it is open or closed. */
  readonly by: string;
}

type Selector = { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] } | undefined;

/** Label selector semantics; an empty or absent selector matches everything. */
export function matches(selector: Selector, labels: Readonly<Record<string, string>>): boolean {
  if (!selector) return true;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = e.key in labels;
    const value = labels[e.key];
    if (e.operator === 'In' && !(has && (e.values ?? []).includes(value))) return false;
    if (e.operator === 'NotIn' && has && (e.values ?? []).includes(value)) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

function isIngressPolicy(policy: KubeObject): boolean {
  const types = arr(policy, 'spec', 'policyTypes') as string[];
  // Without policyTypes a policy is of type Ingress (plus Egress when it has egress rules).
  return types.length === 0 || types.includes('Ingress');
}

function peerMatches(peer: unknown, policyNamespace: string, client: PodRef): boolean {
  if (at(peer, 'ipBlock') !== undefined) return false; // pod traffic is not matched by ipBlock in this model
  const nsSel = at(peer, 'namespaceSelector') as Selector;
  const podSel = at(peer, 'podSelector') as Selector;
  const nsOk = nsSel !== undefined ? matches(nsSel, client.namespaceLabels) : client.namespace === policyNamespace;
  return nsOk && matches(podSel, client.labels);
}

function portMatches(rule: unknown, port: number, portName?: string): boolean {
  const ports = arr(rule, 'ports');
  if (ports.length === 0) return true;
  return ports.some((p) => {
    const value = at(p, 'port');
    if (value === undefined) return true;
    const end = at(p, 'endPort');
    if (typeof value === 'number') return typeof end === 'number' ? port >= value && port <= end : port === value;
    return portName !== undefined && value === portName;
  });
}

/** Policies grouped by namespace, so that a connection looks only at its server's namespace. */
export class PolicySet {
  private readonly byNamespace = new Map<string, SourcedPolicy[]>();

  constructor(policies: readonly SourcedPolicy[]) {
    for (const p of policies) {
      const ns = p.policy.metadata.namespace ?? '';
      const list = this.byNamespace.get(ns) ?? [];
      list.push(p);
      this.byNamespace.set(ns, list);
    }
  }

  private readonly selectorCache = new Map<string, string[]>();

  /** The namespaces of `universe` a namespace selector matches (cached by selector; pass the same universe each time). */
  public namespacesMatching(selector: Selector, universe: readonly PodRef[]): string[] {
    const key = JSON.stringify(selector);
    let hit = this.selectorCache.get(key);
    if (!hit) {
      hit = universe.filter((ns) => matches(selector, ns.namespaceLabels)).map((ns) => ns.namespace);
      this.selectorCache.set(key, hit);
    }
    return hit;
  }

  /** The ingress policies of a namespace that select a pod with these labels. */
  public selecting(namespace: string, labels: Readonly<Record<string, string>>): SourcedPolicy[] {
    return (this.byNamespace.get(namespace) ?? []).filter((p) => isIngressPolicy(p.policy) && matches(at(p.policy, 'spec', 'podSelector') as Selector, labels));
  }
}

/**
 * Which of `clients` (whole namespaces, pods with `clientLabels`) a server pod admits on `port`: the forbidden "every
 * other model namespace" paths, evaluated once per server. A peer's namespace selector is resolved once per render
 * against `universe` (every client namespace, cached by selector), so the cost follows the matches, not the pairs.
 */
export function admittedNamespaces(
  policies: PolicySet,
  clients: readonly string[],
  clientLabels: Readonly<Record<string, string>>,
  universe: readonly PodRef[],
  server: PodRef,
  port: number,
): { admitted: string[]; selecting: SourcedPolicy[]; by: Map<string, string[]> } {
  const selecting = policies.selecting(server.namespace, server.labels);
  // The clients are the universe without the server's own namespace.
  const by = new Map<string, string[]>();
  const admit = (ns: string, label: string) => {
    if (ns === server.namespace) return;
    const list = by.get(ns) ?? [];
    if (!list.includes(label)) list.push(label);
    by.set(ns, list);
  };
  if (selecting.length === 0) for (const ns of clients) admit(ns, '(no policy selects the server)');
  // Every namespace the universe holds is a client here, except the server's own.
  for (const p of selecting) {
    for (const rule of arr(p.policy, 'spec', 'ingress')) {
      if (!portMatches(rule, port)) continue;
      const from = arr(rule, 'from');
      if (from.length === 0) for (const ns of clients) admit(ns, p.label);
      for (const peer of from) {
        if (at(peer, 'ipBlock') !== undefined || !matches(at(peer, 'podSelector') as Selector, clientLabels)) continue;
        const nsSel = at(peer, 'namespaceSelector') as Selector;
        if (nsSel === undefined) admit(server.namespace, p.label);
        else for (const ns of policies.namespacesMatching(nsSel, universe)) admit(ns, p.label);
      }
    }
  }
  return { admitted: [...by.keys()].sort(), selecting, by };
}

/** Whether `client` may open a connection to `server` on `port`, under `policies`. */
export function evaluateIngress(policies: PolicySet, client: PodRef, server: PodRef, port: number, portName?: string): NetworkVerdict {
  const selecting = policies.selecting(server.namespace, server.labels);
  if (selecting.length === 0) return { allowed: true, by: `no NetworkPolicy selects the server in ${server.namespace} (not isolated)` };
  const admitting = selecting.filter((p) =>
    arr(p.policy, 'spec', 'ingress').some((rule) => {
      const from = arr(rule, 'from');
      const peerOk = from.length === 0 || from.some((peer) => peerMatches(peer, server.namespace, client));
      return peerOk && portMatches(rule, port, portName);
    }),
  );
  if (admitting.length > 0) return { allowed: true, by: admitting.map((p) => p.label).sort().join(', ') };
  return { allowed: false, by: `denied: ${selecting.length} polic${selecting.length === 1 ? 'y selects' : 'ies select'} the server (${selecting.map((p) => p.label).sort().join(', ')}), none admits ${client.namespace}` };
}

/** The rendered NetworkPolicies, labelled by namespace/name. */
export function renderedPolicies(objects: readonly KubeObject[]): SourcedPolicy[] {
  return objects.filter((o) => o.kind === 'NetworkPolicy').map((policy) => ({ policy, label: `${str(policy, 'metadata', 'namespace')}/${str(policy, 'metadata', 'name')}` }));
}
