/** What the validator knows about API groups and kinds without any schema: built-in groups and scopes. */

/** An object's type as the API server sees it. */
export interface GroupVersionKind {
  /** API group, `''` for the core group (`apiVersion: v1`). */
  readonly group: string;
  readonly version: string;
  readonly kind: string;
}

/** Splits an `apiVersion` into group and version: `apps/v1` → `apps`, `v1`; `v1` → `''`, `v1`. */
export function parseApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** The `apiVersion` spelling of a group and version. */
export function apiVersionOf(group: string, version: string): string {
  return group === '' ? version : `${group}/${version}`;
}

/** `group/version Kind` for messages, e.g. `apps/v1 Deployment`. */
export function describeGvk(gvk: GroupVersionKind): string {
  return `${apiVersionOf(gvk.group, gvk.version)} ${gvk.kind}`;
}

/** A stable cache key for a group/version/kind. */
export function gvkKey(gvk: GroupVersionKind): string {
  return `${apiVersionOf(gvk.group, gvk.version)}, Kind=${gvk.kind}`;
}

/** API groups served by the Kubernetes API server itself (not by CRDs). */
const BUILT_IN_GROUPS: ReadonlySet<string> = new Set([
  '',
  'admission.k8s.io',
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'apiregistration.k8s.io',
  'apps',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'autoscaling',
  'batch',
  'certificates.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
  'events.k8s.io',
  'extensions',
  'flowcontrol.apiserver.k8s.io',
  'imagepolicy.k8s.io',
  'internal.apiserver.k8s.io',
  'networking.k8s.io',
  'node.k8s.io',
  'policy',
  'rbac.authorization.k8s.io',
  'resource.k8s.io',
  'scheduling.k8s.io',
  'storage.k8s.io',
  'storagemigration.k8s.io',
]);

/**
 * True when the group is served by the Kubernetes API server itself. Groups such as `gateway.networking.k8s.io` or
 * `snapshot.storage.k8s.io` end in `.k8s.io` but come from CRDs, so membership is explicit.
 */
export function isBuiltInGroup(group: string): boolean {
  return BUILT_IN_GROUPS.has(group);
}

/** Cluster-scoped built-in kinds, as `group/Kind` (core group: `/Kind`). Every other built-in kind is namespaced. */
const CLUSTER_SCOPED_BUILT_INS: ReadonlySet<string> = new Set([
  '/Namespace',
  '/Node',
  '/PersistentVolume',
  '/ComponentStatus',
  'admissionregistration.k8s.io/MutatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicy',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding',
  'apiextensions.k8s.io/CustomResourceDefinition',
  'apiregistration.k8s.io/APIService',
  'authentication.k8s.io/TokenReview',
  'authentication.k8s.io/SelfSubjectReview',
  'authorization.k8s.io/SelfSubjectAccessReview',
  'authorization.k8s.io/SelfSubjectRulesReview',
  'authorization.k8s.io/SubjectAccessReview',
  'certificates.k8s.io/CertificateSigningRequest',
  'certificates.k8s.io/ClusterTrustBundle',
  'flowcontrol.apiserver.k8s.io/FlowSchema',
  'flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration',
  'internal.apiserver.k8s.io/StorageVersion',
  'networking.k8s.io/IngressClass',
  'networking.k8s.io/ClusterCIDR',
  'networking.k8s.io/IPAddress',
  'node.k8s.io/RuntimeClass',
  'rbac.authorization.k8s.io/ClusterRole',
  'rbac.authorization.k8s.io/ClusterRoleBinding',
  'resource.k8s.io/ResourceClass',
  'scheduling.k8s.io/PriorityClass',
  'storage.k8s.io/CSIDriver',
  'storage.k8s.io/CSINode',
  'storage.k8s.io/StorageClass',
  'storage.k8s.io/VolumeAttachment',
]);

/**
 * Well-known cluster-scoped custom kinds, used only when no CRD folder tells the scope. Every other custom kind is then
 * assumed namespaced.
 */
const CLUSTER_SCOPED_CUSTOM_FALLBACK: ReadonlySet<string> = new Set([
  'cert-manager.io/ClusterIssuer',
  'external-secrets.io/ClusterSecretStore',
  'external-secrets.io/ClusterExternalSecret',
  // OpenShift Service Mesh 3 (scope: Cluster in ../shared/crds/sail-operator).
  'sailoperator.io/Istio',
  'sailoperator.io/IstioCNI',
]);

/** The scope of a kind as far as no CRD is needed to tell: built-ins always, custom kinds from a short fallback list. */
export function defaultScopeOf(gvk: GroupVersionKind): 'Cluster' | 'Namespaced' {
  const key = `${gvk.group}/${gvk.kind}`;
  const clusterScoped = isBuiltInGroup(gvk.group) ? CLUSTER_SCOPED_BUILT_INS.has(key) : CLUSTER_SCOPED_CUSTOM_FALLBACK.has(key);
  return clusterScoped ? 'Cluster' : 'Namespaced';
}
