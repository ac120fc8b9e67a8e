import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import type { PlatformConfig } from '../config';
import { openshiftLine } from '../lib/openshift-matrix';
import { setSyncWave, Wave } from '../lib/argo';
import { Concern, PlatformContext } from '../lib/concern';
import { Checks } from '../lib/errors';
import { HelmApplication } from '../lib/argo-application';
import { standardLabels } from '../lib/names';
import { OperatorInstall, Platform } from '../lib/operator';
import { CHARTS, OLM } from '../versions';
import { HTTP_URL } from '../lib/formats';
import { hardenedValues } from '../lib/workload-security';
import { deepMerge } from '../lib/merge';

const COMPONENT = 'seldon-core-v1';

/** The port the Core v1 manager serves its admission webhook on (chart `webhook.port`, v1.18.2 default). */
export const CORE_V1_WEBHOOK_PORT = 4443;

/** Labels of the Core v1 manager pod (chart `deployment_seldon-controller-manager.yaml`). */
const MANAGER_POD_LABELS = { 'control-plane': 'seldon-controller-manager' };

/**
 * `trafficPolicy.tls.mode` of the DestinationRules the operator creates per predictor (Istio `ClientTLSSettings`).
 * `STRICT` is not one of them: it is a PeerAuthentication mode.
 */
export type IstioTlsMode = 'DISABLE' | 'SIMPLE' | 'MUTUAL' | 'ISTIO_MUTUAL';
const ISTIO_TLS_MODES: readonly IstioTlsMode[] = ['DISABLE', 'SIMPLE', 'MUTUAL', 'ISTIO_MUTUAL'];

/**
 * Values of the `seldon-core-operator` chart (v1.18.2, `helm-charts/seldon-core-operator/values.yaml`) that the platform
 * sets, typed. Shared by the Helm install here and the Meta-Operator's `spec.core.values`; other chart values pass
 * through unchecked.
 */
export interface SeldonCoreV1Values {
  readonly istio?: {
    /** → `ISTIO_ENABLED`: create a VirtualService and DestinationRules per SeldonDeployment. */
    readonly enabled?: boolean;
    /** → `ISTIO_GATEWAY`: `<namespace>/<name>` of the default gateway. */
    readonly gateway?: string;
    /** → `ISTIO_TLS_MODE`: the DestinationRules' TLS mode. */
    readonly tlsMode?: IstioTlsMode;
  };
  readonly executor?: {
    /** → `EXECUTOR_CONTAINER_USER`: `runAsUser` of the executor container; empty on OpenShift (the SCC assigns one). */
    readonly user?: number | '';
    readonly requestLogger?: {
      /** → `EXECUTOR_REQUEST_LOGGER_DEFAULT_ENDPOINT`: where request/response payloads go. */
      readonly defaultEndpoint?: string;
      readonly workQueueSize?: number;
      readonly writeTimeoutMs?: number;
    };
  };
  /** Seldon's anonymous usage reporting (spartakus volunteer). */
  readonly usageMetrics?: { readonly enabled?: boolean };
  /** Issue the webhook certificate with cert-manager instead of a Helm `genCA` at render time. */
  readonly certManager?: { readonly enabled?: boolean };
  /** Install the SeldonDeployment CRD with the chart. */
  readonly crd?: { readonly create?: boolean };
  readonly webhook?: { readonly port?: number };
  /** `runAsUser` of the model containers (pod securityContext); empty on OpenShift (the SCC assigns one). */
  readonly defaultUserID?: string;
  /** `runAsUser` of the manager pod; empty on OpenShift (the SCC assigns one). */
  readonly managerUserID?: number | '';
  readonly [key: string]: unknown;
}

/** How the Core v1 operator routes through Istio (seed 002). */
export interface CoreV1IstioOptions {
  /**
   * The default gateway of SeldonDeployments, `<namespace>/<name>` (a SeldonDeployment may override it with
   * `seldon.io/istio-gateway`).
   * @default the platform's Seldon gateway (`istio-system/seldon-gateway`, seed 002 and 004)
   */
  readonly gateway?: string;
  /**
   * TLS mode of the DestinationRules the operator creates (`ISTIO_TLS_MODE`). Unset by default: the operator then
   * writes no `trafficPolicy.tls` (SeldonIO/seldon-core@v1.18.2:operator/controllers/seldondeployment_controller.go:242,337-342)
   * and Istio's auto mTLS picks mutual TLS for predictor pods with a sidecar and plaintext for those without. A fixed
   * `ISTIO_MUTUAL` makes the gateway speak mTLS to every predictor, and SeldonDeployments that Seldon Deploy creates have
   * no sidecar (injection is opt-in per pod on OpenShift Service Mesh 2.x): they would get 503s (docs/data-paths.md).
   * Seed 002's `STRICT` is a PeerAuthentication mode, not a DestinationRule mode, and is rejected.
   * @default unset (auto mTLS)
   */
  readonly tlsMode?: IstioTlsMode;
}

/** Options of the Seldon Core v1 concern (seed 004 "Seldon Core V1", seed 002 "Ingress with Istio"). */
export interface CoreV1Options {
  /**
   * How the operator is installed. `olm`: the certified OperatorHub package `seldon-operator-certified` (seed 004),
   * OpenShift only, and only up to OpenShift 4.13 (its newest bundle, 1.16.0, declares v4.10–v4.13). `helm`: the
   * upstream `seldon-core-operator` chart through an Argo CD Application (Kubernetes, and OpenShift 4.14+).
   * @default the version matrix's choice on OpenShift (`coreV1Install` of the `openshiftVersion` row: "helm" on every
   * minor it lists, 4.14 and later), "helm" on Kubernetes
   */
  readonly install?: 'olm' | 'helm';
  /**
   * Istio integration (`ISTIO_ENABLED=true`, seed 004). `false` turns it off: no VirtualServices, so no gateway
   * routing, canaries or shadows.
   * @default on, with the platform's gateway and auto mTLS (no DestinationRule TLS mode)
   */
  readonly istio?: CoreV1IstioOptions | false;
  /**
   * Where the executor sends request/response payloads unless a graph node sets `logger.url`.
   * @default the serverless concern's broker, "http://broker-ingress.knative-eventing.svc.cluster.local/seldon-logs/default"
   * (seed 004), when serverless is enabled; otherwise the operator's own default
   */
  readonly requestLoggerEndpoint?: string;
  /**
   * Seldon's anonymous usage metrics. Seed 002's Helm commands turn them on (`usageMetrics.enabled=true`); off here, so
   * the cluster sends nothing to Seldon unless you opt in. (The OLM bundle ships no usage reporter at all.)
   * @default false
   */
  readonly usageMetrics?: boolean;
  /** OLM install plan approval. @default "Automatic" */
  readonly installPlanApproval?: 'Automatic' | 'Manual';
}

/** What the Core v1 concern needs from the rest of the platform (wired by SeldonPlatform). */
export interface CoreV1Dependencies {
  /** `<namespace>/<name>` of the platform's Seldon gateway, when the service mesh is enabled. */
  readonly gatewayRef?: string;
  /** The Knative broker of the logs namespace (serverless), where request logs go by default (seed 004). */
  readonly brokerUrl?: string;
  /** cert-manager is installed (tls concern): the chart's webhook certificate comes from it. */
  readonly certManager: boolean;
}

/** The Core v1 settings after defaults. */
interface ResolvedCoreV1 {
  readonly install: 'olm' | 'helm';
  readonly istio?: { readonly gateway: string; readonly tlsMode?: IstioTlsMode };
  readonly requestLoggerEndpoint?: string;
  readonly usageMetrics: boolean;
}

function resolveCoreV1(ctx: PlatformContext, options: CoreV1Options, deps: CoreV1Dependencies): ResolvedCoreV1 {
  // OpenShift: the version matrix decides (certified OLM bundle up to 4.13, the chart after); Kubernetes: the chart.
  const defaultInstall = ctx.openshift?.coreV1Install ?? 'helm';
  const istio = options.istio === false ? undefined : options.istio ?? {};
  const gateway = istio?.gateway ?? deps.gatewayRef;
  return {
    install: options.install ?? defaultInstall,
    istio: istio && gateway ? { gateway, ...(istio.tlsMode ? { tlsMode: istio.tlsMode } : {}) } : undefined,
    requestLoggerEndpoint: options.requestLoggerEndpoint ?? deps.brokerUrl,
    usageMetrics: options.usageMetrics ?? false,
  };
}

/**
 * Seldon Core v1: the operator that turns SeldonDeployments into Deployments, Services and (with Istio) a VirtualService
 * and DestinationRules on the Seldon gateway.
 *
 * OpenShift up to 4.13 (`install: olm`, seed 004): the certified Subscription `seldon-operator-certified`, configured
 * through `Subscription.spec.config.env` instead of the seed's hand-edited CSV (OLM would revert a CSV edit on the next
 * upgrade): `ISTIO_ENABLED`, `ISTIO_GATEWAY`, `ISTIO_TLS_MODE`, `EXECUTOR_REQUEST_LOGGER_DEFAULT_ENDPOINT`.
 * Kubernetes, and OpenShift 4.14+ (`install: helm`): an Argo CD Application for the `seldon-core-operator` chart in the
 * system namespace with the same settings as typed values, server-side applied (the SeldonDeployment CRD is 1 MB), plus
 * a NetworkPolicy admitting the API server to the admission webhook.
 */
export class CoreV1 extends Construct implements Concern {
  constructor(scope: Construct, id: string, ctx: PlatformContext, options: CoreV1Options, deps: CoreV1Dependencies) {
    super(scope, id);
    const resolved = resolveCoreV1(ctx, options, deps);
    if (resolved.install === 'olm') this.renderOlm(ctx, resolved, options);
    else this.renderHelm(ctx, resolved, deps);
  }

  private renderOlm(ctx: PlatformContext, resolved: ResolvedCoreV1, options: CoreV1Options): void {
    const install = new OperatorInstall(this, 'Operator', {
      platform: 'openshift',
      olm: OLM.seldonCoreV1,
      installPlanApproval: options.installPlanApproval,
      env: {
        ISTIO_ENABLED: String(resolved.istio !== undefined),
        ...(resolved.istio ? { ISTIO_GATEWAY: resolved.istio.gateway, ...(resolved.istio.tlsMode ? { ISTIO_TLS_MODE: resolved.istio.tlsMode } : {}) } : {}),
        ...(resolved.requestLoggerEndpoint ? { EXECUTOR_REQUEST_LOGGER_DEFAULT_ENDPOINT: resolved.requestLoggerEndpoint } : {}),
      },
      target: ctx.target,
      component: COMPONENT,
    });
    for (const obj of install.node.findAll().filter(ApiObject.isApiObject)) setSyncWave(obj, Wave.SELDON);
  }

  private renderHelm(ctx: PlatformContext, resolved: ResolvedCoreV1, deps: CoreV1Dependencies): void {
    const system = ctx.namespaces.system;
    // Deep-merged: the platform values also set `executor.user`, beside `executor.requestLogger`.
    const values = deepMerge<SeldonCoreV1Values>({
      istio: resolved.istio ? { enabled: true, ...resolved.istio } : { enabled: false },
      ...(resolved.requestLoggerEndpoint ? { executor: { requestLogger: { defaultEndpoint: resolved.requestLoggerEndpoint } } } : {}),
      usageMetrics: { enabled: resolved.usageMetrics },
      certManager: { enabled: deps.certManager },
      crd: { create: true },
      webhook: { port: CORE_V1_WEBHOOK_PORT },
    }, coreV1PlatformValues(ctx.platform));
    new HelmApplication(this, 'Operator', {
      name: 'seldon-core',
      chart: CHARTS.seldonCoreV1,
      namespace: system,
      values: hardenedValues(CHARTS.seldonCoreV1, ctx, values),
      target: ctx.target,
      wave: Wave.SELDON,
      component: COMPONENT,
      // Controller rewrites (src/lib/drift.ts): the 1 MB SeldonDeployment CRD; the webhook CA, generated on every render
      // without cert-manager (`genCA`) or injected by cert-manager; on AKS, the Admissions Enforcer's webhook selectors.
      drift: ['largeCrds', deps.certManager ? 'coreV1InjectedCa' : 'coreV1GeneratedCa', ...(ctx.platform === 'kubernetes' ? (['aksWebhookSelectors'] as const) : [])],
    });
    new CoreV1WebhookPolicy(this, 'WebhookPolicy', { namespace: system, component: COMPONENT });
  }
}

/**
 * Chart values a platform needs. OpenShift: blank user IDs, since the restricted SCC assigns the UID and refuses the
 * chart's fixed 8888 (the chart comment says to leave `defaultUserID` blank there; `managerUserID` feeds the manager's
 * `runAsUser` the same way). Shared with the Meta-Operator's `core.values`.
 */
export function coreV1PlatformValues(platform: Platform): SeldonCoreV1Values {
  // `executor.user` → EXECUTOR_CONTAINER_USER (chart values.yaml:65, templates/deployment_seldon-controller-manager.yaml:136-137),
  // the executor container's runAsUser unless empty (SeldonIO/seldon-core operator/controllers/
  // seldondeployment_engine.go getSvcOrchUser: `if envExecutorUser != ""`); the chart's 8888 is outside every
  // OpenShift namespace's UID range.
  return platform === 'openshift' ? { defaultUserID: '', managerUserID: '', executor: { user: '' } } : {};
}

/**
 * Admits the API server to the Core v1 admission webhook in the system namespace: the platform's namespace policy only
 * admits its own namespaces, and the API server calls from the control plane, whose address the platform cannot know.
 * Only the webhook port of the manager pod is opened. Used by the Helm install and the Meta-Operator mode.
 */
export class CoreV1WebhookPolicy extends Construct {
  constructor(scope: Construct, id: string, props: { readonly namespace: string; readonly component: string }) {
    super(scope, id);
    new k8s.KubeNetworkPolicy(this, 'Resource', {
      metadata: { name: 'seldon-core-webhook', namespace: props.namespace, labels: standardLabels(props.component) },
      spec: {
        podSelector: { matchLabels: MANAGER_POD_LABELS },
        policyTypes: ['Ingress'],
        ingress: [{ ports: [{ protocol: 'TCP', port: k8s.IntOrString.fromNumber(CORE_V1_WEBHOOK_PORT) }] }],
      },
    });
  }
}

/**
 * Validates an Istio DestinationRule TLS mode (Core v1 `istio.tlsMode`), with the seed's STRICT explained. Shared with
 * the Meta-Operator's `core.values`.
 */
export function checkIstioTlsMode(checks: Checks, path: string, value: unknown): void {
  if (value === 'STRICT') {
    checks.fail(path, value, 'STRICT is a PeerAuthentication (server-side) mTLS mode, not a DestinationRule TLS mode: the operator would write it into trafficPolicy.tls.mode, which accepts only DISABLE, SIMPLE, MUTUAL or ISTIO_MUTUAL (seed 002 shows STRICT by mistake)', 'remove tlsMode: the operator then leaves DestinationRule TLS to Istio auto mTLS, the client side of STRICT for every predictor with a sidecar (or use "ISTIO_MUTUAL" if every predictor has one); the model namespaces get a STRICT PeerAuthentication separately');
    return;
  }
  checks.oneOf(path, value, ISTIO_TLS_MODES);
}

/** `<namespace>/<name>` or `<name>` of an Istio gateway. */
const GATEWAY_REF = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?\/)?[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/** Validates a gateway reference as Seldon passes it to Istio (`<namespace>/<name>`, or a bare name). */
export function checkGatewayRef(checks: Checks, path: string, value: unknown, fix = 'use "<namespace>/<name>", e.g. "istio-system/seldon-gateway"'): boolean {
  return checks.expect(typeof value === 'string' && GATEWAY_REF.test(value), path, value, 'is not an Istio gateway reference', fix);
}

/** Validates the Seldon Core v1 options. */
export function checkCoreV1(checks: Checks, options: CoreV1Options, config: PlatformConfig): void {
  checkInstall(checks, options, config);
  if (options.istio !== false) {
    const istio = options.istio ?? {};
    if (istio.gateway !== undefined) checkGatewayRef(checks, 'coreV1.istio.gateway', istio.gateway);
    else if (config.serviceMesh === false) {
      checks.fail('coreV1.istio', options.istio, 'Core v1 routes through an Istio gateway (the default), but serviceMesh is disabled, so there is no platform gateway', 'enable serviceMesh, set coreV1.istio: { gateway: "<namespace>/<name>" } for an Istio you run yourself, or set coreV1.istio: false');
    }
    if (istio.tlsMode !== undefined) checkIstioTlsMode(checks, 'coreV1.istio.tlsMode', istio.tlsMode);
    const meshStrict = config.serviceMesh !== false && ((config.serviceMesh ?? {}).mtls ?? 'STRICT') === 'STRICT';
    if (meshStrict && istio.tlsMode !== undefined && istio.tlsMode !== 'ISTIO_MUTUAL' && (istio.tlsMode as string) !== 'STRICT') {
      checks.fail('coreV1.istio.tlsMode', istio.tlsMode, 'the model namespaces\' sidecars accept only Istio mutual TLS (serviceMesh.mtls is STRICT), so the gateway could not reach any predictor', 'use "ISTIO_MUTUAL", or set serviceMesh.mtls: "PERMISSIVE" if you really need another mode');
    }
  }
  if (options.requestLoggerEndpoint !== undefined) {
    checks.expect(typeof options.requestLoggerEndpoint === 'string' && HTTP_URL.test(options.requestLoggerEndpoint), 'coreV1.requestLoggerEndpoint', options.requestLoggerEndpoint, 'is not an http(s) URL', 'use the URL of the request logger or broker, e.g. "http://broker-ingress.knative-eventing.svc.cluster.local/seldon-logs/default"');
  }
  if (options.installPlanApproval !== undefined) checks.oneOf('coreV1.installPlanApproval', options.installPlanApproval, ['Automatic', 'Manual'] as const);
}

function checkInstall(checks: Checks, options: CoreV1Options, config: PlatformConfig): void {
  if (options.install !== undefined && !checks.oneOf('coreV1.install', options.install, ['olm', 'helm'] as const)) return;
  if (config.platform !== 'openshift') {
    if (options.install === 'olm') checks.fail('coreV1.install', 'olm', 'OLM (OperatorHub) exists only on OpenShift', 'remove it (Kubernetes installs the seldon-core-operator chart) or set install: "helm"');
    return;
  }
  const line = openshiftLine(config.openshiftVersion);
  if (options.install === 'olm' && line !== undefined && line.coreV1Install !== 'olm') {
    checks.fail('coreV1.install', 'olm', `the certified operator seldon-operator-certified supports OpenShift 4.10-4.13 only (its newest bundle, 1.16.0), and this cluster is ${config.openshiftVersion}: OLM would find no installable bundle`, 'set coreV1.install: "helm" (the seldon-core-operator chart), or remove install to get it by default');
  }
}
