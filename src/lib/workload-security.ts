/**
 * Workload hardening through the charts' own values: per chart the values that give every workload it deploys
 * resources (requests and limits), runAsNonRoot, allowPrivilegeEscalation false, dropped capabilities, the
 * RuntimeDefault seccomp profile, a read-only root filesystem where the image supports it, and pinned images, as far as
 * the chart's templates offer a value for it. What a chart offers no value for is an exception in
 * `workload-security-exceptions.ts`. Each concern merges these with one call:
 *
 *   values: hardenedValues(CHARTS.certManager, ctx.platform, { crds: { enabled: true } })
 *
 * The concern's own values (and a user's pass-through values) win over the hardening, so an environment can resize a
 * workload through them. Keys are cited as chart@version:templates/file:line (packages in ../shared/charts); the test
 * test/lib/workload-security.test.ts renders each chart with and without these values and asserts the difference.
 *
 * Sizing: where the chart ships requests/limits they are kept; where it ships none, the chart's own commented example
 * (cited) is used; where the chart ships requests but no limit, the limit is the platform's choice, noted as such.
 */
import { k8s } from 'cdk8s-plus-28';
import { HelmChart } from '../versions';
import { Checks } from './errors';
import { deepMerge, isPlainObject } from './merge';
import { Platform } from './operator';

export interface ResourceRequirements {
  readonly requests: { readonly cpu: string; readonly memory: string };
  readonly limits: { readonly cpu: string; readonly memory: string };
}

function res(requestCpu: string, requestMemory: string, limitCpu: string, limitMemory: string): ResourceRequirements {
  return { requests: { cpu: requestCpu, memory: requestMemory }, limits: { cpu: limitCpu, memory: limitMemory } };
}

const RUNTIME_DEFAULT = { type: 'RuntimeDefault' } as const;
/** A container securityContext for restricted-v2 / Pod Security "restricted". */
const RESTRICTED_CONTAINER = {
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  runAsNonRoot: true,
  seccompProfile: RUNTIME_DEFAULT,
} as const;

type ValuesOf = (platform: Platform) => Record<string, unknown>;

/** The hardening values of each chart we install, keyed by chart name. */
export const WORKLOAD_HARDENING: Readonly<Record<string, ValuesOf>> = {
  // cert-manager v1.21.1 ships no resources (values.yaml:419, webhook 938, cainjector 1351, startupapicheck 1609:
  // `resources: {}`) and gives its own example `requests: {cpu: 10m, memory: 32Mi}` (values.yaml:413-416); templates
  // deployment.yaml:199, webhook-deployment.yaml:181, cainjector-deployment.yaml:128, startupapicheck-job.yaml:81.
  // Limits are the platform's choice (the chart has no example). Every other setting is already restricted upstream.
  'cert-manager': () => ({
    resources: res('10m', '32Mi', '500m', '512Mi'),
    webhook: { resources: res('10m', '32Mi', '200m', '128Mi') },
    cainjector: { resources: res('10m', '32Mi', '500m', '512Mi') },
    startupapicheck: { resources: res('10m', '32Mi', '100m', '64Mi') },
  }),
  // eck-operator 3.5.0: the container is restricted upstream (values.yaml:88-94); the pod securityContext
  // (values.yaml:84-85 runAsNonRoot, templates/statefulset.yaml:50) gets the seccomp profile (deep-merged by Helm).
  'eck-operator': () => ({ podSecurityContext: { seccompProfile: RUNTIME_DEFAULT } }),
  // istiod 1.30.3: the chart package's hub/tag are unstamped (`registry.istio.io/testing`/`latest`,
  // values.yaml:258-260) and the image is `{hub}/pilot:{tag}` (templates/deployment.yaml:101): pin them to the chart's
  // release (hub as istio/istio Makefile.core.mk ISTIO_DOCKER_HUB). The same global hub/tag feed the injected proxies.
  // `seccompProfile` (values.yaml:27, templates/deployment.yaml:240-243); resources (values.yaml:21-24 requests 500m /
  // 2048Mi, templates/deployment.yaml:227-232) get limits (merged by Helm), the platform's choice.
  istiod: () => ({
    global: { hub: 'docker.io/istio', tag: '1.30.3' },
    seccompProfile: RUNTIME_DEFAULT,
    resources: { limits: { cpu: '2', memory: '4Gi' } },
  }),
  // istio gateway 1.30.3: the pod securityContext value replaces the chart's default sysctl (templates/deployment.yaml:53-61),
  // so the sysctl that lets the non-root proxy bind ports < 1024 is kept beside the seccomp profile.
  gateway: () => ({
    securityContext: {
      seccompProfile: RUNTIME_DEFAULT,
      sysctls: [{ name: 'net.ipv4.ip_unprivileged_port_start', value: '0' }],
    },
  }),
  // knative-operator v1.23.0: pod securityContext values (templates/operator.yaml:82-85 webhook, 812-815 operator).
  'knative-operator': () => ({
    knative_operator: {
      knative_operator: { securityContext: { runAsNonRoot: true, seccompProfile: RUNTIME_DEFAULT } },
      operator_webhook: { securityContext: { runAsNonRoot: true, seccompProfile: RUNTIME_DEFAULT } },
    },
  }),
  // strimzi-kafka-operator 0.51.0: `podSecurityContext`/`securityContext` (values.yaml:49-50, templates/
  // 060-Deployment-strimzi-cluster-operator.yaml:61, 194-195); /tmp is an emptyDir (same file:67-70, 86-87), so the
  // root filesystem can be read-only. Resources are set upstream (values.yaml:187-193).
  'strimzi-kafka-operator': () => ({
    podSecurityContext: { runAsNonRoot: true, seccompProfile: RUNTIME_DEFAULT },
    securityContext: { ...RESTRICTED_CONTAINER, readOnlyRootFilesystem: true },
  }),
  // kube-prometheus-stack 88.5.3 (subcharts grafana 12.11.1, kube-state-metrics 8.4.0, prometheus-node-exporter
  // 4.56.1) ships no resources; sizes are each chart's own commented example: operator values.yaml:3412-3418,
  // grafana charts/grafana/values.yaml:427-433, its sidecars 1048-1054, kube-state-metrics values.yaml:515-525,
  // node-exporter values.yaml:334-345. The admission webhook jobs (values.yaml:3135) have no example: the platform's
  // choice. node-exporter's container (read-only root already, values.yaml:366-367) gets the rest of the restricted
  // settings.
  'kube-prometheus-stack': () => ({
    prometheusOperator: {
      resources: res('100m', '100Mi', '200m', '200Mi'),
      admissionWebhooks: { patch: { resources: res('10m', '32Mi', '100m', '64Mi') } },
    },
    grafana: {
      resources: res('100m', '128Mi', '500m', '512Mi'),
      sidecar: { resources: res('50m', '50Mi', '100m', '100Mi') },
    },
    'kube-state-metrics': { resources: res('10m', '32Mi', '100m', '64Mi') },
    'prometheus-node-exporter': {
      resources: res('100m', '30Mi', '200m', '50Mi'),
      containerSecurityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, seccompProfile: RUNTIME_DEFAULT },
    },
  }),
  // seldon-core-operator 1.18.2 (Core v1): `manager.containerSecurityContext` is pasted into the manager container
  // (templates/deployment_seldon-controller-manager.yaml:50-52), so it holds a `securityContext` key. Resources are
  // set upstream (values.yaml:82-86). The executor's and storage initializer's defaults stay the chart's
  // (values.yaml:56-60, 106-110): see docs/security.md, model namespaces.
  'seldon-core-operator': () => ({
    manager: { containerSecurityContext: { securityContext: RESTRICTED_CONTAINER } },
  }),
  // seldon-core-v2-setup 2.9.1: `controller.securityContext` is the manager pod's securityContext
  // (templates/seldon-v2-components.yaml:472), runAsNonRoot already (values.yaml:191), + the seccomp profile; the
  // chart's uid/gid 1000 (values.yaml:187-190) stay on Kubernetes and
  // are removed on OpenShift by the Core 2 concern (seed 004's nulls).
  'seldon-core-v2-setup': () => ({
    controller: { securityContext: { seccompProfile: RUNTIME_DEFAULT } },
  }),
  // seldon-deploy 2.4.0: only resources are values (templates/deployment.yaml:364-365, request-logger.yaml:199-200);
  // the chart ships requests and a memory limit but no CPU limit (values.yaml:85-90, 299-303), merged by Helm with
  // the CPU limit, the platform's choice. Its batch
  // workflows' UID/GID come from `workflow.securityContext` (values.yaml:113-116) as env vars
  // WORKFLOW_SECURITY_CONTEXT_RUN_AS_USER / _FS_GROUP (templates/deployment.yaml:90-93): blank on OpenShift, where
  // restricted-v2 assigns them (uid 1000 is outside every namespace's range).
  'seldon-deploy': (platform) => ({
    resources: { limits: { cpu: '1' } },
    requestLogger: { resources: { limits: { cpu: '500m' } } },
    ...(platform === 'openshift' ? { workflow: { securityContext: { runAsUser: '', fsGroup: '' } } } : {}),
  }),
};

/** The hardening values of a chart ({} for a chart without workloads, e.g. CRD-only charts). */
export function workloadSecurityValues(chart: Pick<HelmChart, 'chart'>, platform: Platform): Record<string, unknown> {
  return WORKLOAD_HARDENING[chart.chart]?.(platform) ?? {};
}

/** What of the platform context the hardening needs. */
export interface HardeningContext {
  readonly platform: Platform;
  /** `PlatformConfig.workloadValues`: per chart name, values over everything else. */
  readonly workloadValues?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/**
 * A concern's chart values on top of the chart's hardening values, and the environment's `workloadValues` for the
 * chart on top of both: hardening < the concern's (and a user's pass-through) values < `workloadValues`.
 */
export function hardenedValues<T extends object>(chart: Pick<HelmChart, 'chart'>, ctx: HardeningContext, values: T | undefined): Record<string, unknown> {
  const merged = deepMerge<Record<string, unknown>>(workloadSecurityValues(chart, ctx.platform), values ?? {});
  return deepMerge<Record<string, unknown>>(merged, ctx.workloadValues?.[chart.chart]);
}

/** Validates `workloadValues`: keys are the names of hardened charts, values are objects. */
export function checkWorkloadValues(checks: Checks, workloadValues: unknown): void {
  if (workloadValues === undefined) return;
  if (!isPlainObject(workloadValues)) {
    checks.fail('workloadValues', workloadValues, 'is not an object of chart name → Helm values', "use e.g. { 'cert-manager': { resources: { limits: { memory: '1Gi' } } } }");
    return;
  }
  const charts = Object.keys(WORKLOAD_HARDENING).sort();
  for (const [chart, values] of Object.entries(workloadValues)) {
    checks.expect(charts.includes(chart), `workloadValues.${chart}`, chart, 'is not a chart the platform installs', `use one of ${charts.join(', ')}`);
    checks.expect(isPlainObject(values), `workloadValues.${chart}`, values, 'is not an object of Helm values', 'give the chart values to merge, e.g. { resources: { limits: { memory: "1Gi" } } }');
  }
}

/**
 * Knative Serving's queue-proxy sidecar, injected into every Knative revision (e.g. in model namespaces): its
 * requests and limits from KnativeServing `spec.config.deployment` (the `config-deployment` ConfigMap). Keys:
 * knative/serving pkg/deployment/config.go (queueSidecarCPURequestKey … queueSidecarMemoryLimitKey). Without them only
 * the CPU request (25m) is set (knative/serving config/core/configmaps/deployment.yaml: "If omitted, a default value
 * (currently "25m"), is used"; the limits and the memory request: "no value is specified"), so a namespace quota on
 * limits would reject the pod unless a LimitRange fills them. CPU: the upstream default request and example limit
 * (1000m); memory: the platform's choice, below the upstream example (400Mi/800Mi) so a revision fits small quotas.
 */
export const QUEUE_PROXY_RESOURCES: Readonly<Record<string, string>> = {
  'queue-sidecar-cpu-request': '25m',
  'queue-sidecar-cpu-limit': '1000m',
  'queue-sidecar-memory-request': '50Mi',
  'queue-sidecar-memory-limit': '200Mi',
};

/**
 * The Service Mesh 3 ingress gateway the platform renders itself (src/concerns/service-mesh-v3.ts): the requests and
 * limits the upstream istio gateway chart gives the same injected `istio-proxy` container (gateway 1.30.3
 * values.yaml:74-80); the chart's default container securityContext also makes its root filesystem read-only
 * (templates/deployment.yaml:80-87).
 */
export const INGRESS_GATEWAY_PROXY: Pick<k8s.Container, 'resources'> & { securityContext: Pick<k8s.SecurityContext, 'readOnlyRootFilesystem'> } = {
  resources: {
    requests: { cpu: k8s.Quantity.fromString('100m'), memory: k8s.Quantity.fromString('128Mi') },
    limits: { cpu: k8s.Quantity.fromString('2000m'), memory: k8s.Quantity.fromString('1024Mi') },
  },
  securityContext: { readOnlyRootFilesystem: true },
};
