import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { PeerAuthenticationV1Beta1, PeerAuthenticationV1Beta1SpecMtlsMode } from '../../imports/istio-peerauthentication-security.istio.io';
import { ServiceMeshMemberRoll } from '../../imports/smmr-maistra.io';
import type { PlatformConfig } from '../config';
import { Wave } from '../lib/argo';
import { Concern, ModelNamespaceContext, PlatformContext } from '../lib/concern';
import { Checks } from '../lib/errors';
import { HelmApplication } from '../lib/argo-application';
import { namespaceRole, standardLabels } from '../lib/names';
import { OperatorInstall } from '../lib/operator';
import { stringRegistry } from '../lib/registry';
import { API_VERSIONS, CHARTS, INSTANCE_VERSIONS, OLM } from '../versions';
import { checkIngress, INGRESS_GATEWAY_SELECTOR, INGRESS_GATEWAY_SERVICE, IngressOptions, SeldonIngress } from './ingress';
import { ModelNamespace } from './model-namespace';
import { hardenedValues } from '../lib/workload-security';

/** Namespace of the Istio control plane on both platforms (seed 004). */
export const MESH_NAMESPACE = 'istio-system';

/** Kubernetes: namespace of the ingress gateway pods (Istio's recommended layout for the `gateway` chart). */
export const KUBERNETES_GATEWAY_NAMESPACE = 'istio-ingress';

/** Control-plane versions the 2.6 Service Mesh operator still runs. */
const SUPPORTED_CONTROL_PLANES = ['v2.4', 'v2.5', 'v2.6'] as const;

const COMPONENT = 'service-mesh';

/** Options of the service mesh concern. */
export interface ServiceMeshOptions {
  /** OpenShift: name of the ServiceMeshControlPlane in istio-system. @default "basic" */
  readonly controlPlaneName?: string;
  /**
   * OpenShift: `ServiceMeshControlPlane.spec.version`. The seed asks for v2.0, which the current operator (2.6, the last
   * 2.x) no longer runs: it supports v2.4–v2.6, and migration to Service Mesh 3 starts from v2.6.
   * @default "v2.6"
   */
  readonly controlPlaneVersion?: (typeof SUPPORTED_CONTROL_PLANES)[number];
  /**
   * Mutual TLS between sidecars, mesh-wide: OpenShift `security.dataPlane.mtls`, Kubernetes a `PeerAuthentication`
   * `default` in istio-system. `STRICT` (the secure default; the seed leaves the OpenShift default, permissive) makes
   * every injected workload refuse plaintext, so callers outside the mesh (Knative's activator and broker, Prometheus
   * scraping an application port) cannot reach injected pods; `PERMISSIVE` accepts both.
   * @default "STRICT"
   */
  readonly mtls?: 'STRICT' | 'PERMISSIVE';
  /** OpenShift: install the Kiali operator and enable the control plane's Kiali addon (seed). @default true */
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
   * OpenShift: extra namespaces for the ServiceMeshMemberRoll, beyond the platform's (seldon-system, seldon-logs,
   * seldon-kafka) and the model namespaces, which are added for you.
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
 * The `ServiceMeshControlPlane` (`maistra.io/v2`) fields this platform sets. Typed by hand: `cdk8s import` emits
 * invalid TypeScript for the CRD's `3scale` addon. `npm run validate` still checks the object against the upstream CRD.
 */
interface ServiceMeshControlPlaneSpec {
  readonly version: string;
  readonly tracing: { readonly type: 'None' };
  readonly security: { readonly dataPlane: { readonly mtls: boolean; readonly automtls: boolean } };
  /** The platform renders its own Route, so the operator's automatic route creation (IOR) stays off. */
  readonly gateways: { readonly ingress: { readonly enabled: boolean }; readonly openshiftRoute: { readonly enabled: boolean } };
  readonly addons: { readonly kiali: { readonly enabled: boolean } };
}

/**
 * The service mesh (seed 004 "OpenShift Service Mesh"; seed 002 for plain Istio) and Seldon's ingress through it.
 *
 * OpenShift: the Service Mesh, Kiali and tracing operators, the control plane `basic` in istio-system, and the
 * ServiceMeshMemberRoll `default` whose members are the platform namespaces and every model namespace.
 * Kubernetes: upstream Istio from its charts (`base`, `istiod`, and the `gateway` chart as `istio-ingressgateway` in
 * istio-ingress), mesh-wide mTLS, and sidecar injection labelled on each model namespace.
 * Both: the `seldon-gateway` Gateway (see ingress.ts), and on OpenShift the `seldon-route` Route.
 */
export class ServiceMesh extends Construct implements Concern {
  /** The Seldon gateway: `istio-system/seldon-gateway` by default (seed 004). */
  public readonly gateway: GatewayRef;
  public readonly ingress: SeldonIngress;
  private readonly ctx: PlatformContext;
  private readonly members = stringRegistry();

  constructor(scope: Construct, id: string, ctx: PlatformContext, options: ServiceMeshOptions) {
    super(scope, id);
    this.ctx = ctx;
    const openshift = ctx.platform === 'openshift';
    if (openshift) this.renderOpenShift(options);
    else this.renderKubernetes(options);
    this.ingress = new SeldonIngress(this, 'Ingress', ctx, { options: options.ingress ?? {}, workloadNamespace: openshift ? MESH_NAMESPACE : KUBERNETES_GATEWAY_NAMESPACE });
    this.gateway = { namespace: this.ingress.namespace, name: this.ingress.name };
    for (const member of options.members ?? []) this.addMember(member);
  }

  /** `<namespace>/<name>` of the gateway, as Istio VirtualServices and the Seldon operators reference it. */
  public get gatewayRef(): string {
    return `${this.gateway.namespace}/${this.gateway.name}`;
  }

  /**
   * Enrols a platform namespace in the mesh (seed 004's member roll). OpenShift: a ServiceMeshMemberRoll member.
   * Kubernetes: nothing. Injection is a namespace label there, and this concern does not own the platform namespaces,
   * so their pods stay outside the mesh: they call injected pods through the gateway, and with STRICT mTLS cannot call
   * them directly.
   */
  public addMember(name: string): void {
    if (this.ctx.platform === 'openshift') this.members.add(name);
  }

  /**
   * Model namespaces join the mesh and admit the ingress gateway. OpenShift: the namespace joins the member roll
   * (sidecars are then opt-in per pod). Kubernetes: namespace-wide
   * sidecar injection, except where a Core 2 runtime runs: Core 2 is mesh-agnostic and its control plane and Envoy
   * TLS break behind sidecars (SeldonIO/seldon-core#6517), so there Core v1 pods opt in per pod, as on OpenShift
   * (the SeldonDeployment construct labels its predictors `sidecar.istio.io/inject: "true"`).
   */
  public addModelNamespace(ns: ModelNamespaceContext): void {
    if (this.ctx.platform === 'openshift') this.members.add(ns.name);
    else if (ns instanceof ModelNamespace && !ns.options.coreV2) ns.namespace.metadata.addLabel('istio-injection', 'enabled');
    this.ingress.addModelNamespace(ns);
  }

  private renderOpenShift(options: ServiceMeshOptions): void {
    const labels = standardLabels(COMPONENT);
    const kiali = options.kiali ?? true;
    new k8s.KubeNamespace(this, 'Namespace', { metadata: { name: MESH_NAMESPACE, labels: { ...labels, ...namespaceRole('platform') } } });
    if (options.tracingOperators ?? true) {
      this.operator('Tempo', OLM.tempo);
      this.operator('OpenTelemetry', OLM.openTelemetry);
    }
    if (kiali) this.operator('Kiali', OLM.kiali);
    this.operator('Operator', OLM.serviceMesh);

    const spec: ServiceMeshControlPlaneSpec = {
      version: options.controlPlaneVersion ?? INSTANCE_VERSIONS.serviceMeshControlPlane,
      tracing: { type: 'None' },
      security: { dataPlane: { mtls: (options.mtls ?? 'STRICT') === 'STRICT', automtls: true } },
      gateways: { ingress: { enabled: true }, openshiftRoute: { enabled: false } },
      addons: { kiali: { enabled: kiali } },
    };
    new ApiObject(this, 'ControlPlane', {
      apiVersion: API_VERSIONS.ServiceMeshControlPlane,
      kind: 'ServiceMeshControlPlane',
      metadata: { name: options.controlPlaneName ?? 'basic', namespace: MESH_NAMESPACE, labels },
      spec,
    });
    new ServiceMeshMemberRoll(this, 'MemberRoll', {
      metadata: { name: 'default', namespace: MESH_NAMESPACE, labels },
      spec: { members: this.members.lazy((members) => members) },
    });
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
    new PeerAuthenticationV1Beta1(this, 'PeerAuthentication', {
      metadata: { name: 'default', namespace: MESH_NAMESPACE, labels },
      spec: { mtls: { mode: options.mtls === 'PERMISSIVE' ? PeerAuthenticationV1Beta1SpecMtlsMode.PERMISSIVE : PeerAuthenticationV1Beta1SpecMtlsMode.STRICT } },
    });
  }

  private operator(id: string, olm: (typeof OLM)[keyof typeof OLM]): void {
    new OperatorInstall(this, id, { platform: 'openshift', olm, target: this.ctx.target, component: COMPONENT });
  }

  private chart(id: string, props: { name: string; chart: (typeof CHARTS)[keyof typeof CHARTS]; namespace: string; values: Record<string, unknown>; wave: Wave }): void {
    new HelmApplication(this, id, { ...props, values: hardenedValues(props.chart, this.ctx, props.values), target: this.ctx.target, component: COMPONENT, createNamespace: false });
  }
}

/** Validates the service mesh options. */
export function checkServiceMesh(checks: Checks, options: ServiceMeshOptions, config: PlatformConfig): void {
  const openshift = config.platform === 'openshift';
  if (options.controlPlaneName !== undefined) checks.dnsLabel('serviceMesh.controlPlaneName', options.controlPlaneName);
  if (options.controlPlaneVersion !== undefined) {
    if (openshift) checks.oneOf('serviceMesh.controlPlaneVersion', options.controlPlaneVersion, SUPPORTED_CONTROL_PLANES, 'the Service Mesh 2.6 operator runs only these; the seed\'s v2.0 is end of life');
    else checks.fail('serviceMesh.controlPlaneVersion', options.controlPlaneVersion, 'only applies on OpenShift (the Maistra control plane)', 'remove it; on Kubernetes the Istio version is the chart version in src/versions.ts');
  }
  if (options.mtls !== undefined) checks.oneOf('serviceMesh.mtls', options.mtls, ['STRICT', 'PERMISSIVE'] as const);
  for (const key of ['kiali', 'tracingOperators'] as const) {
    if (options[key] !== undefined && !openshift) checks.fail(`serviceMesh.${key}`, options[key], 'only applies on OpenShift (an OLM operator)', 'remove it from the Kubernetes environment');
  }
  (options.members ?? []).forEach((member, i) => {
    const path = `serviceMesh.members[${i}]`;
    if (!openshift) checks.fail(path, member, 'member rolls exist only on OpenShift Service Mesh', 'label the namespace istio-injection=enabled instead, or add it as a model namespace');
    else if (checks.dnsLabel(path, member) && member === MESH_NAMESPACE) checks.fail(path, member, 'is the control plane namespace, which cannot be a member of its own mesh', 'remove it');
  });
  if (options.ingress !== undefined) checkIngress(checks, 'serviceMesh.ingress', options.ingress, config);
}
