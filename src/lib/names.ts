/** Standard labels and well-known names shared by every concern. */

/** Value of `app.kubernetes.io/part-of` on every object the platform renders. */
export const PART_OF = 'seldon-platform';

/** Value of `app.kubernetes.io/managed-by` on every object the platform renders. */
export const MANAGED_BY = 'cdk8s';

/** The labels every rendered object carries; `component` names the concern (e.g. `service-mesh`). */
export function standardLabels(component: string): Record<string, string> {
  return {
    'app.kubernetes.io/part-of': PART_OF,
    'app.kubernetes.io/managed-by': MANAGED_BY,
    'app.kubernetes.io/component': component,
  };
}

/**
 * The role of a namespace this platform creates, for NetworkPolicies: `platform` (Seldon's own namespaces and the
 * ingress gateway's) or `models` (model namespaces, which run user code and are admitted only where they must be).
 */
export const NAMESPACE_ROLE_LABEL = 'seldon-platform.io/namespace-role';
export type NamespaceRole = 'platform' | 'models';

/** The label marking a namespace's role. */
export function namespaceRole(role: NamespaceRole): Record<string, string> {
  return { [NAMESPACE_ROLE_LABEL]: role };
}

/** The label Kubernetes sets on every namespace; NetworkPolicies select namespaces by it. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** Selects a namespace by name in a NetworkPolicy peer. */
export function namespaceSelector(name: string): { matchLabels: Record<string, string> } {
  return { matchLabels: { [NAMESPACE_NAME_LABEL]: name } };
}

/** The in-cluster API server, as Argo CD names it. */
export const IN_CLUSTER = 'https://kubernetes.default.svc';
