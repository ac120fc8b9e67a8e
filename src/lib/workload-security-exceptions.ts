/**
 * The ONE reviewed list of workload-scan exceptions (see docs/security.md): every finding of `npm run scan` that the
 * platform cannot fix through the charts' values, with the reason and the upstream source that shows it. A finding
 * with no entry here fails CI; an entry that matches no finding fails CI too (it is stale: delete it).
 *
 * Fields: `component` is the chart Application name (or 'own objects (dist/)'); `kind`, `name`, `container` match
 * exactly or with `*` wildcards and default to any; `platforms` defaults to both.
 */

/** Why a finding stands. */
export type ExceptionReason =
  /** The chart's templates offer no value for the setting (cite the template). */
  | 'chart-offers-no-value'
  /** A node agent that needs host access (host PID/network/paths) by design. */
  | 'node-agent-host-access'
  /** The image writes to its root filesystem and the chart offers no writable volume for it. */
  | 'image-needs-writable-root'
  /** The workload needs the privilege or capability for its function (e.g. network setup). */
  | 'needs-privilege'
  /** The image is filled in at admission by a webhook (e.g. Istio's gateway injection), so the manifest has a placeholder. */
  | 'image-set-at-admission'
  /** The chart offers the setting but upstream does not document that the image runs with it; left off until proven on a cluster. */
  | 'read-only-root-unverified';

export interface ScanException {
  readonly component: string;
  readonly platforms?: ReadonlyArray<'openshift' | 'kubernetes'>;
  readonly kind?: string;
  readonly name?: string;
  readonly container?: string;
  readonly checks: readonly string[];
  readonly reason: ExceptionReason;
  /** One sentence: what the upstream limitation is. */
  readonly why: string;
  /** The upstream source that shows it: repository@ref:path:line, or an upstream issue. */
  readonly source: string;
}

export const REASON_TITLES: Readonly<Record<ExceptionReason, string>> = {
  'chart-offers-no-value': 'the chart offers no value for it',
  'node-agent-host-access': 'node agent needing host access',
  'image-needs-writable-root': 'image writes to its root filesystem',
  'needs-privilege': 'needs the privilege for its function',
  'image-set-at-admission': 'image set at admission by a webhook',
  'read-only-root-unverified': 'read-only root filesystem not documented for the image',
};

/** restricted-v2, the SCC every pod without a more privileged grant is admitted under on OpenShift 4.11+. */
const RESTRICTED_V2 =
  'On OpenShift the restricted-v2 SCC sets these at admission (allowPrivilegeEscalation false, drop ALL, RuntimeDefault seccomp, a namespace-range non-root UID): openshift/cluster-kube-apiserver-operator@05211dd6:bindata/bootkube/scc-manifests/0000_20_kube-apiserver-operator_00_scc-restricted-v2.yaml:6,29-34';

const SELDON_DEPLOY_NO_SECURITY_CONTEXT =
  'seldon-deploy 2.4.0 has no securityContext value or template key for either Deployment (templates/deployment.yaml:23-27 and templates/request-logger.yaml:57-63 go from `spec:` to `containers:`; `grep securityContext templates/` finds none)';

export const SCAN_EXCEPTIONS: readonly ScanException[] = [
  {
    component: 'seldon-deploy',
    kind: 'Deployment',
    name: 'seldon-deploy',
    checks: ['run-as-non-root', 'no-privilege-escalation', 'drop-all-capabilities', 'container-seccomp-profile', 'container-security-context-readonlyrootfilesystem'],
    reason: 'chart-offers-no-value',
    why: `The chart renders no securityContext for the Deploy server. ${RESTRICTED_V2}.`,
    source: SELDON_DEPLOY_NO_SECURITY_CONTEXT,
  },
  {
    component: 'seldon-deploy',
    kind: 'Deployment',
    name: 'seldon-request-logger',
    checks: ['run-as-non-root', 'no-privilege-escalation', 'drop-all-capabilities', 'container-seccomp-profile', 'container-security-context-readonlyrootfilesystem'],
    reason: 'chart-offers-no-value',
    why: `The chart renders no securityContext for the request logger. ${RESTRICTED_V2}.`,
    source: SELDON_DEPLOY_NO_SECURITY_CONTEXT,
  },
  {
    component: 'seldon-core-v2-setup',
    kind: 'Deployment',
    name: 'seldon-v2-controller-manager',
    container: 'manager',
    checks: ['container-resources'],
    reason: 'chart-offers-no-value',
    why: 'The manager container has a memory limit but no CPU limit and no value for one; requests and the memory limit come from controller.resources.',
    source: 'seldon-core-v2-setup 2.9.1: templates/seldon-v2-components.yaml:460-465 (limits: memory only), values.yaml:184-186',
  },
  {
    component: 'seldon-core-v2-setup',
    kind: 'Deployment',
    name: 'seldon-v2-controller-manager',
    container: 'manager',
    checks: ['drop-all-capabilities', 'container-security-context-readonlyrootfilesystem'],
    reason: 'chart-offers-no-value',
    why: `The container securityContext is fixed in the template to allowPrivilegeEscalation: false only; the pod securityContext (controller.securityContext) carries runAsNonRoot and the seccomp profile. ${RESTRICTED_V2} (drop ALL).`,
    source: 'seldon-core-v2-setup 2.9.1: templates/seldon-v2-components.yaml:466-467, 472-473',
  },
  {
    component: 'seldon-core',
    kind: 'Deployment',
    name: 'seldon-controller-manager',
    container: 'manager',
    checks: ['container-security-context-readonlyrootfilesystem'],
    reason: 'read-only-root-unverified',
    why: 'manager.containerSecurityContext could set readOnlyRootFilesystem, but Seldon Core v1 does not document that the operator runs with it; the platform sets the rest of the restricted context there.',
    source: 'seldon-core-operator 1.18.2: templates/deployment_seldon-controller-manager.yaml:50-52; the operator\'s own manifest sets no securityContext on the manager container (SeldonIO/seldon-core@0039e120:operator/config/manager/manager.yaml)',
  },
  {
    component: 'kube-prometheus-stack',
    kind: 'Deployment',
    name: 'kube-prometheus-stack-grafana',
    checks: ['container-security-context-readonlyrootfilesystem'],
    reason: 'read-only-root-unverified',
    why: 'Grafana and its k8s-sidecar containers have no read-only root filesystem in the grafana chart defaults; the chart mounts /var/lib/grafana but Grafana\'s other write paths (plugins, /tmp) are not documented as covered.',
    source: 'grafana chart 12.11.1 (vendored in kube-prometheus-stack 88.5.3): charts/grafana/values.yaml:165-173 containerSecurityContext without readOnlyRootFilesystem; templates/_pod.tpl:57-64',
  },
  {
    component: 'istio-ingressgateway',
    kind: 'Deployment',
    name: 'istio-ingressgateway',
    container: 'istio-proxy',
    checks: ['container-image-tag'],
    reason: 'image-set-at-admission',
    why: 'The gateway chart renders `image: auto`, which istiod\'s injection webhook replaces at admission with the proxy image of istiod\'s global hub/tag (pinned in src/lib/workload-security.ts).',
    source: 'istio gateway 1.30.3: templates/deployment.yaml:71-73 ("auto" will be populated at runtime by the mutating webhook)',
  },
  {
    component: 'own objects (dist/)',
    platforms: ['openshift'],
    kind: 'Deployment',
    name: 'istio-ingressgateway',
    container: 'istio-proxy',
    checks: ['container-image-tag'],
    reason: 'image-set-at-admission',
    why: 'The Service Mesh 3 ingress gateway Deployment (src/concerns/service-mesh-v3.ts) has `image: auto`, which the control plane\'s gateway injection replaces at admission with the proxy image of its Istio revision.',
    source: 'istiod 1.30.3 chart files/gateway-injection-template.yaml:29-31 (the gateway injection template sets the proxy image; Service Mesh 3 runs the same istiod templates); istio gateway 1.30.3 templates/deployment.yaml:71-73',
  },
];
