import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { PeerAuthenticationV1Beta1, PeerAuthenticationV1Beta1SpecMtlsMode } from '../../imports/istio-peerauthentication-security.istio.io';
import type { PlatformConfig } from '../config';
import { Wave } from '../lib/argo';
import { Concern, ModelNamespaceContext, PlatformContext } from '../lib/concern';
import { Checks } from '../lib/errors';
import { HelmApplication } from '../lib/argo-application';
import { namespaceRole, standardLabels } from '../lib/names';
import { openshiftLine } from '../lib/openshift-matrix';
import { OperatorInstall } from '../lib/operator';
import { CHARTS, OLM, OlmPackage, OpenShiftLine } from '../versions';
import { checkIngress, INGRESS_GATEWAY_SELECTOR, INGRESS_GATEWAY_SERVICE, IngressOptions, SeldonIngress } from './ingress';
import { ModelNamespace } from './model-namespace';
import { hardenedValues } from '../lib/workload-security';
import { ServiceMeshV2, SUPPORTED_CONTROL_PLANES } from './service-mesh-v2';
import { DISCOVERY_LABEL, GATEWAY_NAMESPACE, ServiceMeshV3 } from './service-mesh-v3';

/** Namespace of the Istio control plane on both platforms and both Service Mesh lines (seed 004). */
export const MESH_NAMESPACE = 'istio-system';

/** Kubernetes: namespace of the ingress gateway pods (Istio's recommended layout for the `gateway` chart). */
export const KUBERNETES_GATEWAY_NAMESPACE = 'istio-ingress';

export const SERVICE_MESH_COMPONENT = 'service-mesh';
const COMPONENT = SERVICE_MESH_COMPONENT;

/** What the OpenShift Service Mesh lines (service-mesh-v2.ts, service-mesh-v3.ts) provide to the shared concern. */
export interface MeshFlavour extends Construct {
  /** Namespace of the ingress gateway pods (where the Route and the gateway's TLS secret live). */
  readonly gatewayNamespace: string;
  /** Enrols a namespace; `namespace` is its Namespace object when the platform creates it. */
  addMember(name: string, namespace?: ApiObject): void;
}

/** An OpenShift operator of the mesh (Service Mesh, Kiali, tracing), from the cluster's OLM catalog. */
export function meshOperator(scope: Construct, id: string, ctx: PlatformContext, olm: OlmPackage): void {
  new OperatorInstall(scope, id, { platform: 'openshift', olm, target: ctx.target, component: COMPONENT });
}

/** Mesh-wide mutual TLS: the PeerAuthentication `default` in the root namespace (Kubernetes and Service Mesh 3). */
export function meshWidePeerAuthentication(scope: Construct, mtls: ServiceMeshOptions['mtls']): void {
  new PeerAuthenticationV1Beta1(scope, 'PeerAuthentication', {
    metadata: { name: 'default', namespace: MESH_NAMESPACE, labels: standardLabels(COMPONENT) },
    spec: { mtls: { mode: mtls === 'PERMISSIVE' ? PeerAuthenticationV1Beta1SpecMtlsMode.PERMISSIVE : PeerAuthenticationV1Beta1SpecMtlsMode.STRICT } },
  });
}

/** The Service Mesh major of an OpenShift cluster: the configured one, else the version matrix's default. */
export function serviceMeshVersion(options: ServiceMeshOptions, line: OpenShiftLine | undefined): 2 | 3 {
  return options.version ?? line?.serviceMesh.default ?? 2;
}

/** Options of the service mesh concern. */
export interface ServiceMeshOptions {
  /**
   * OpenShift: the Service Mesh major. 3 (the Sail operator: `Istio` + `IstioCNI`, membership by the namespace label
   * `istio-discovery: enabled`, the ingress gateway as its own Deployment in istio-ingress) where the version matrix
   * (src/versions.ts `OPENSHIFT_MATRIX`) lists it as the supported mesh; 2 (2.6, ServiceMeshControlPlane and member
   * roll) elsewhere. A major the matrix does not list for `openshiftVersion` is refused.
   * @default the matrix's default for `openshiftVersion`: 2 on 4.14, 3 on 4.16 and later
   */
  readonly version?: 2 | 3;
  /** OpenShift Service Mesh 2: name of the ServiceMeshControlPlane in istio-system. @default "basic" */
  readonly controlPlaneName?: string;
  /**
   * OpenShift Service Mesh 2: `ServiceMeshControlPlane.spec.version`. The seed asks for v2.0, which the current operator (2.6, the last
   * 2.x) no longer runs: it supports v2.4–v2.6, and migration to Service Mesh 3 starts from v2.6.
   * @default "v2.6"
   */
  readonly controlPlaneVersion?: (typeof SUPPORTED_CONTROL_PLANES)[number];
  /**
   * Mutual TLS between sidecars, mesh-wide: OpenShift Service Mesh 2 `security.dataPlane.mtls`, Service Mesh 3 and
   * Kubernetes a `PeerAuthentication` `default` in istio-system. `STRICT` (the secure default; the seed leaves the OpenShift default, permissive) makes
   * every injected workload refuse plaintext, so callers outside the mesh (Knative's activator and broker, Prometheus
   * scraping an application port) cannot reach injected pods; `PERMISSIVE` accepts both.
   * @default "STRICT"
   */
  readonly mtls?: 'STRICT' | 'PERMISSIVE';
  /**
   * OpenShift: install the Kiali operator (seed); Service Mesh 2 also enables the control plane's Kiali addon. Service
   * Mesh 3 has no addon: a `Kiali` resource is not rendered. @default true
   */
  readonly kiali?: boolean;
  /**
   * OpenShift: install the distributed tracing operators. The seed's "distributed tracing platform" (`jaeger-product`)
   * left the catalog in 2025; its replacements are Tempo (`tempo-product`) and the Red Hat build of OpenTelemetry
   * (`opentelemetry-product`). The control plane's Jaeger addon needs the removed operator, so `tracing.type` is `None`:
   * traces reach Tempo once a TempoStack and an OpenTelemetry collector are configured as a mesh extension provider.
   * @default true
   */
  readonly tracingOperators?: boolean;
  /**
   * OpenShift: extra mesh members, beyond the platform's namespaces (seldon-system, seldon-logs, seldon-kafka) and the
   * model namespaces, which are added for you. Service Mesh 2: ServiceMeshMemberRoll members. Service Mesh 3:
   * selected by name in the `Istio`'s discovery selectors (the platform does not own these Namespaces to label them).
   * @default []
   */
  readonly members?: readonly string[];
  /** The Seldon gateway and its exposure (Route on OpenShift). */
  readonly ingress?: IngressOptions;
}

/** The Istio gateway Seldon routes through (consumed by Core v1, Core 2 and Deploy). */
export interface GatewayRef {
  readonly namespace: string;
  readonly name: string;
}

/**
 * The service mesh (seed 004 "OpenShift Service Mesh"; seed 002 for plain Istio) and Seldon's ingress through it.
 *
 * OpenShift: the Service Mesh line the version matrix picks for the cluster (service-mesh-v2.ts: 2.6 with its control
 * plane and member roll; service-mesh-v3.ts: 3 with `Istio`, `IstioCNI`, discovery labels and its own gateway), plus
 * the Kiali and tracing operators. Kubernetes: upstream Istio from its charts (`base`, `istiod`, and the `gateway` chart
 * as `istio-ingressgateway` in istio-ingress), mesh-wide mTLS, and sidecar injection labelled on each model namespace.
 * Everywhere: the `seldon-gateway` Gateway (see ingress.ts), and on OpenShift the `seldon-route` Route.
 */
export class ServiceMesh extends Construct implements Concern {
  /** The Seldon gateway: `istio-system/seldon-gateway` by default (seed 004). */
  public readonly gateway: GatewayRef;
  public readonly ingress: SeldonIngress;
  /** OpenShift: the Service Mesh major rendered (2 or 3); undefined on Kubernetes. */
  public readonly version?: 2 | 3;
  private readonly ctx: PlatformContext;
  private readonly flavour?: MeshFlavour;

  constructor(scope: Construct, id: string, ctx: PlatformContext, options: ServiceMeshOptions) {
    super(scope, id);
    this.ctx = ctx;
    if (ctx.platform === 'openshift') {
      this.version = serviceMeshVersion(options, ctx.openshift);
      this.renderOpenShiftShared(options, this.version);
      this.flavour = this.version === 3 ? new ServiceMeshV3(this, 'V3', ctx, options) : new ServiceMeshV2(this, 'V2', ctx, options);
    } else {
      this.renderKubernetes(options);
    }
    const workloadNamespace = this.flavour?.gatewayNamespace ?? KUBERNETES_GATEWAY_NAMESPACE;
    this.ingress = new SeldonIngress(this, 'Ingress', ctx, { options: options.ingress ?? {}, workloadNamespace });
    this.gateway = { namespace: this.ingress.namespace, name: this.ingress.name };
    for (const member of options.members ?? []) this.addMember(member);
  }

  /** `<namespace>/<name>` of the gateway, as Istio VirtualServices and the Seldon operators reference it. */
  public get gatewayRef(): string {
    return `${this.gateway.namespace}/${this.gateway.name}`;
  }

  /**
   * Enrols a platform namespace in the mesh (seed 004's member roll). OpenShift Service Mesh 2: a ServiceMeshMemberRoll
   * member. Service Mesh 3: the label `istio-discovery: enabled` on `namespace` (the Namespace object, when the platform
   * creates it), else a discovery selector by name. Kubernetes: nothing. Injection is a namespace label there, and this
   * concern does not own the platform namespaces, so their pods stay outside the mesh: they call injected pods through
   * the gateway, and with STRICT mTLS cannot call them directly.
   */
  public addMember(name: string, namespace?: ApiObject): void {
    this.flavour?.addMember(name, namespace);
  }

  /**
   * Model namespaces join the mesh and admit the ingress gateway. OpenShift: the namespace joins the mesh (member roll
   * on 2.x, discovery label on 3); sidecars are then opt-in per pod on both lines. Kubernetes: namespace-wide
   * sidecar injection, except where a Core 2 runtime runs: Core 2 is mesh-agnostic and its control plane and Envoy
   * TLS break behind sidecars (SeldonIO/seldon-core#6517), so there Core v1 pods opt in per pod, as on OpenShift
   * (the SeldonDeployment construct labels its predictors `sidecar.istio.io/inject: "true"`).
   */
  public addModelNamespace(ns: ModelNamespaceContext): void {
    const namespace = ns instanceof ModelNamespace ? ns.namespace : undefined;
    if (this.flavour) this.flavour.addMember(ns.name, namespace);
    else if (namespace && ns instanceof ModelNamespace && !ns.options.coreV2) namespace.metadata.addLabel('istio-injection', 'enabled');
    this.ingress.addModelNamespace(ns);
  }

  /** OpenShift, both lines: the control plane namespace and the observability operators. */
  private renderOpenShiftShared(options: ServiceMeshOptions, version: 2 | 3): void {
    const labels = standardLabels(COMPONENT);
    // Service Mesh 3 discovers only labelled namespaces, its own included (sail-operator@1.28.3 docs/common/istio-ambient-mode.adoc:95).
    const discovery: Record<string, string> = version === 3 ? { ...DISCOVERY_LABEL } : {};
    new k8s.KubeNamespace(this, 'Namespace', { metadata: { name: MESH_NAMESPACE, labels: { ...labels, ...namespaceRole('platform'), ...discovery } } });
    if (options.tracingOperators ?? true) {
      meshOperator(this, 'Tempo', this.ctx, OLM.tempo);
      meshOperator(this, 'OpenTelemetry', this.ctx, OLM.openTelemetry);
    }
    if (options.kiali ?? true) meshOperator(this, 'Kiali', this.ctx, OLM.kiali);
  }

  private renderKubernetes(options: ServiceMeshOptions): void {
    const labels = standardLabels(COMPONENT);
    new k8s.KubeNamespace(this, 'Namespace', { metadata: { name: MESH_NAMESPACE, labels: { ...labels, ...namespaceRole('platform') } } });
    new k8s.KubeNamespace(this, 'GatewayNamespace', { metadata: { name: KUBERNETES_GATEWAY_NAMESPACE, labels: { ...labels, ...namespaceRole('platform'), 'istio-injection': 'enabled' } } });
    // `helm template` renders the validating webhooks with failurePolicy Ignore and istiod flips them to Fail at
    // runtime; rendering Fail up front keeps Argo CD in sync (research §C, istio#52785).
    const validation = { base: { validationFailurePolicy: 'Fail' } };
    // Waves: CRDs (base) before istiod, istiod (the injector) before the gateway pods it injects.
    this.chart('Base', { name: 'istio-base', chart: CHARTS.istioBase, namespace: MESH_NAMESPACE, values: validation, wave: Wave.PREREQUISITES });
    this.chart('Istiod', { name: 'istiod', chart: CHARTS.istiod, namespace: MESH_NAMESPACE, values: validation, wave: Wave.OPERATORS });
    this.chart('Gateway', {
      name: INGRESS_GATEWAY_SERVICE,
      chart: CHARTS.istioGateway,
      namespace: KUBERNETES_GATEWAY_NAMESPACE,
      // The chart derives `istio: ingressgateway` from the release name; set it so a rename cannot unhook the Gateway.
      values: { labels: { ...INGRESS_GATEWAY_SELECTOR } },
      wave: Wave.INSTANCES,
    });
    meshWidePeerAuthentication(this, options.mtls);
  }

  private chart(id: string, props: { name: string; chart: (typeof CHARTS)[keyof typeof CHARTS]; namespace: string; values: Record<string, unknown>; wave: Wave }): void {
    new HelmApplication(this, id, { ...props, values: hardenedValues(props.chart, this.ctx, props.values), target: this.ctx.target, component: COMPONENT, createNamespace: false });
  }
}

/** Validates the service mesh options. */
export function checkServiceMesh(checks: Checks, options: ServiceMeshOptions, config: PlatformConfig): void {
  const openshift = config.platform === 'openshift';
  const line = openshift ? openshiftLine(config.openshiftVersion) : undefined;
  const version = openshift ? checkMeshVersion(checks, options, line) : undefined;
  if (options.controlPlaneName !== undefined) checks.dnsLabel('serviceMesh.controlPlaneName', options.controlPlaneName);
  for (const key of ['controlPlaneName', 'controlPlaneVersion'] as const) {
    if (options[key] !== undefined && version === 3) checks.fail(`serviceMesh.${key}`, options[key], 'is a Service Mesh 2 (ServiceMeshControlPlane) setting; Service Mesh 3 renders the `Istio` `default`', 'remove it, or set serviceMesh.version: 2');
  }
  if (options.controlPlaneVersion !== undefined) {
    if (version === 2) checks.oneOf('serviceMesh.controlPlaneVersion', options.controlPlaneVersion, SUPPORTED_CONTROL_PLANES, 'the Service Mesh 2.6 operator runs only these; the seed\'s v2.0 is end of life');
    else if (!openshift) checks.fail('serviceMesh.controlPlaneVersion', options.controlPlaneVersion, 'only applies on OpenShift (the Maistra control plane)', 'remove it; on Kubernetes the Istio version is the chart version in src/versions.ts');
  }
  if (options.mtls !== undefined) checks.oneOf('serviceMesh.mtls', options.mtls, ['STRICT', 'PERMISSIVE'] as const);
  for (const key of ['kiali', 'tracingOperators', 'version'] as const) {
    if (options[key] !== undefined && !openshift) checks.fail(`serviceMesh.${key}`, options[key], 'only applies on OpenShift (an OLM operator)', 'remove it from the Kubernetes environment');
  }
  (options.members ?? []).forEach((member, i) => {
    const path = `serviceMesh.members[${i}]`;
    if (!openshift) checks.fail(path, member, 'member rolls exist only on OpenShift Service Mesh', 'label the namespace istio-injection=enabled instead, or add it as a model namespace');
    else if (checks.dnsLabel(path, member) && member === MESH_NAMESPACE) checks.fail(path, member, 'is the control plane namespace, which cannot be a member of its own mesh', 'remove it');
  });
  if (options.ingress !== undefined) checkIngress(checks, 'serviceMesh.ingress', options.ingress, config, version === 3 ? [MESH_NAMESPACE, GATEWAY_NAMESPACE] : undefined);
}

/** `serviceMesh.version` on OpenShift: 2 or 3, and a major the version matrix lists for the cluster's minor. */
function checkMeshVersion(checks: Checks, options: ServiceMeshOptions, line: OpenShiftLine | undefined): 2 | 3 | undefined {
  if (options.version !== undefined && !checks.expect(options.version === 2 || options.version === 3, 'serviceMesh.version', options.version, 'is not an OpenShift Service Mesh major the platform renders', 'use 3 (the Sail operator) or 2 (2.6), or remove it to get the version matrix\'s default')) return undefined;
  const version = serviceMeshVersion(options, line);
  if (line && !line.serviceMesh.allowed.includes(version)) {
    checks.fail('serviceMesh.version', version, `OpenShift Service Mesh ${version} is not supported on OpenShift 4.${line.minor} (version matrix, src/versions.ts: the pinned Service Mesh 3.3 line is documented for OpenShift 4.16 and later)`, `set serviceMesh.version: ${line.serviceMesh.default}, or remove it to get the matrix's default`);
  }
  return version;
}
