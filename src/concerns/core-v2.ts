import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { DestinationRuleV1Beta1, DestinationRuleV1Beta1SpecTrafficPolicyTlsMode } from '../../imports/istio-destinationrule-networking.istio.io';
import { VirtualServiceV1Beta1 } from '../../imports/istio-virtualservice-networking.istio.io';
import { SeldonRuntime, SeldonRuntimeSpecOverrides } from '../../imports/seldon-runtime-mlops.seldon.io';
import type { PlatformConfig } from '../config';
import { Wave } from '../lib/argo';
import { Concern, ModelNamespaceContext, PlatformContext } from '../lib/concern';
import { Checks } from '../lib/errors';
import { HelmApplication } from '../lib/argo-application';
import { deleteChartDefaults } from '../lib/helm-parameters';
import { namespaceSelector, standardLabels } from '../lib/names';
import { API_VERSIONS, CHARTS } from '../versions';
import { deletedPodSecurityKeys, podSecurity, securityValues, ServerSpec, SetupValues, TlsProtocol } from './core-v2-values';
import type { KafkaConnection } from './kafka';
import { CoreV2Certificate, Tls } from './tls';
import { hardenedValues } from '../lib/workload-security';
import { DriftId } from '../lib/drift';

const COMPONENT = 'seldon-core-v2';

/** TLS of Core 2 (seed 000; research §1.1). Secure by default: SSL everywhere; PLAINTEXT only when set here. */
export interface CoreV2SecurityOptions {
  /** Control plane (scheduler ↔ controller, gateways, agents): `CONTROL_PLANE_SECURITY_PROTOCOL`. @default "SSL" */
  readonly controlPlane?: TlsProtocol;
  /**
   * Data plane through Envoy: `ENVOY_SECURITY_PROTOCOL`. `SSL` gives mutual TLS upstream (Envoy ↔ model servers and
   * pipeline gateway) and TLS on the downstream entrypoint `seldon-mesh` (upstream's values-tls-dataplane-example).
   * @default "SSL"
   */
  readonly envoy?: TlsProtocol;
  /** Require client certificates on the downstream entrypoint too (`downstream.client.mtls`). @default false */
  readonly downstreamMtls?: boolean;
}

/** A model server of the namespace. */
export interface ServerOptions {
  /** Replicas; 0 keeps the Server without pods. @default 1 (seed 004 servers-values.yaml) */
  readonly replicas?: number;
}

/** Options of the Seldon Core 2 concern (seed 004 "Seldon Core V2" and "Seldon Mesh"; seed 000). */
export interface CoreV2Options {
  readonly security?: CoreV2SecurityOptions;
  /**
   * The servers of each Core 2 namespace: `Server` objects on the setup's `ServerConfig`s, what seed 004's
   * `seldon-core-v2-servers` chart renders, written directly so that each namespace's servers stay in its folder.
   * @default mlserver and triton, 1 replica each (seed 004 servers-values.yaml)
   */
  readonly servers?: { readonly mlserver?: ServerOptions; readonly triton?: ServerOptions };
  /**
   * OpenTelemetry traces (`opentelemetry`). Off by default, as seed 004 intends (its `enable: false` was the key of its
   * chart 2.1.0; 2.9.1 reads `disable`, see `SetupValues.opentelemetry`).
   * @default off
   */
  readonly tracing?: { readonly endpoint: string; readonly ratio?: number };
  /** `services.serviceGRPCPrefix`: the port-name prefix Istio's protocol selection needs. @default "http2-" (seed 004) */
  readonly grpcServicePrefix?: 'http2-' | 'grpc-';
  /**
   * Run `hodometer`, which publishes anonymous usage metrics to `http://hodometer.seldon.io` (hard-coded in the chart).
   * Seed 004 runs it; here it is off unless you opt in, as Core v1's usage metrics are: nothing leaves the cluster for a
   * third party by default.
   * @default false
   */
  readonly usageTelemetry?: boolean;
}

/** What Core 2 consumes from other concerns. */
export interface CoreV2Dependencies {
  /** Kafka bootstrap, topics and client security (the Kafka concern). */
  readonly kafka?: KafkaConnection;
  /** The certificates (the TLS concern); required when any protocol is SSL. */
  readonly tls?: Tls;
  /** The mesh gateway (service mesh concern): `<namespace>/<name>` and the namespace of its pods. */
  readonly mesh?: { readonly gatewayRef: string; readonly gatewayNamespace: string };
}

/** The client certificate the mesh gateway presents to (and trusts Envoy with) via its DestinationRules. */
const GATEWAY_CLIENT_SECRET = 'seldon-mesh-gateway';
/** The runtime's Envoy service (seed 004 "Seldon Mesh"). */
const MESH_SERVICE = 'seldon-mesh';

/**
 * Seldon Core 2 on both platforms, with one cluster-wide controller and a runtime per Core 2 namespace.
 *
 * Seed 004 installs `seldon-core-v2-setup` into the model namespace `seldon`, one controller per namespace. With several
 * model namespaces this platform follows upstream's production install instead: `seldon-core-v2-crds` and
 * `seldon-core-v2-setup` (`controller.clusterwide: true`: the controller, the `SeldonConfig` `default` and the
 * `ServerConfig`s) in seldon-system, and per Core 2 namespace a `SeldonRuntime`, the servers chart, the TLS
 * certificates, the Kafka credentials (Kafka concern) and the `seldon-mesh` VirtualService. The controller reads the
 * control-plane certificates in seldon-system and every runtime reads its own; one CA signs them all (see tls.ts).
 */
export class CoreV2 extends Construct implements Concern {
  private readonly ctx: PlatformContext;
  private readonly options: CoreV2Options;
  private readonly deps: CoreV2Dependencies;
  private readonly controlPlane: TlsProtocol;
  private readonly envoy: TlsProtocol;
  private readonly downstreamMtls: boolean;
  /** The scheme clients use for `seldon-mesh`: `https` when Envoy's downstream listener has TLS. */
  public get downstreamScheme(): 'http' | 'https' {
    return this.envoy === 'SSL' ? 'https' : 'http';
  }
  /** The `seldon-core-v2-setup` values (for tests and the overview). */
  public readonly setupValues: SetupValues;

  constructor(scope: Construct, id: string, ctx: PlatformContext, options: CoreV2Options, deps: CoreV2Dependencies) {
    super(scope, id);
    this.ctx = ctx;
    this.options = options;
    this.deps = deps;
    this.controlPlane = options.security?.controlPlane ?? 'SSL';
    this.envoy = options.security?.envoy ?? 'SSL';
    this.downstreamMtls = options.security?.downstreamMtls ?? false;
    const kafka = deps.kafka;
    if (!kafka) throw new Error(`${this.node.path}: Core 2 needs the Kafka concern (validated earlier)`);
    const system = ctx.namespaces.system;

    this.helm('Crds', { name: 'seldon-core-v2-crds', chart: CHARTS.seldonCoreV2Crds, wave: Wave.OPERATORS, drift: ['largeCrds'] });
    if (this.controlPlane === 'SSL') this.requireTls().addCoreV2Certificates(this, system, ['controlPlaneServer', 'controlPlaneClient']);
    if (this.envoy === 'SSL' && deps.mesh) this.requireTls().addClientCertificate(this, GATEWAY_CLIENT_SECRET, deps.mesh.gatewayNamespace);
    const openshift = ctx.platform === 'openshift';
    const pod = podSecurity(openshift);
    this.setupValues = {
      ...pod,
      controller: { clusterwide: true, ...pod.controller },
      // No `envoy.service.type` / `scheduler.service.type` here: seldon-core-v2-setup@2.9.1 never reads them (its only
      // template, templates/seldon-v2-components.yaml, has no `.Values.envoy.service` or `.Values.scheduler.service`;
      // they sit unread in values.yaml:206 and :230). The services belong to each runtime: see runtimeOverrides().
      kafka: kafka.values,
      opentelemetry: options.tracing ? { disable: false, endpoint: options.tracing.endpoint, ratio: options.tracing.ratio ?? 1 } : { disable: true },
      services: { serviceGRPCPrefix: options.grpcServicePrefix ?? 'http2-', defaultServiceType: 'ClusterIP' },
      security: securityValues({ controlPlane: this.controlPlane, envoy: this.envoy, downstreamMtls: this.downstreamMtls, kafka: kafka.security }),
    };
    const setup = this.helm('Setup', { name: 'seldon-core-v2-setup', chart: CHARTS.seldonCoreV2Setup, wave: Wave.SELDON, values: this.setupValues as unknown as Record<string, unknown>, drift: ['seldonConfigDefaults'] });
    deleteChartDefaults(setup, deletedPodSecurityKeys(openshift));
  }

  /** A Core 2 namespace: certificates, runtime, servers, the controller's way in, and the mesh route. */
  public addModelNamespace(ns: ModelNamespaceContext): void {
    if (!ns.options.coreV2) return;
    const certificates = this.runtimeCertificates();
    if (certificates.length > 0) this.requireTls().addCoreV2Certificates(ns.scope, ns.name, certificates);
    const labels = standardLabels(COMPONENT);
    new SeldonRuntime(ns.scope, 'SeldonRuntime', {
      metadata: { name: 'seldon', namespace: ns.name, labels },
      spec: { seldonConfig: 'default', overrides: this.runtimeOverrides() },
    });
    for (const server of ['mlserver', 'triton'] as const) {
      const spec: ServerSpec = { serverConfig: server, replicas: this.options.servers?.[server]?.replicas ?? 1 };
      new ApiObject(ns.scope, `Server-${server}`, { apiVersion: API_VERSIONS.Server, kind: 'Server', metadata: { name: server, namespace: ns.name, labels }, spec });
    }
    // The cluster-wide controller (seldon-system) drives each runtime's scheduler over the control plane.
    new k8s.KubeNetworkPolicy(ns.scope, 'ControllerPolicy', {
      metadata: { name: 'allow-seldon-core-v2-controller', namespace: ns.name, labels },
      spec: { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: namespaceSelector(this.ctx.namespaces.system) }] }] },
    });
    if (this.deps.mesh) this.renderMeshRoute(ns.scope, ns.name, this.deps.mesh);
  }

  private runtimeCertificates(): CoreV2Certificate[] {
    return [
      ...(this.controlPlane === 'SSL' ? (['controlPlaneServer', 'controlPlaneClient'] as const) : []),
      ...(this.envoy === 'SSL' ? (['upstreamServer', 'upstreamClient', 'downstreamServer'] as const) : []),
      ...(this.envoy === 'SSL' && this.downstreamMtls ? (['downstreamClient'] as const) : []),
    ];
  }

  /** ClusterIP services (seed 004 sets `service.type: ClusterIP`; upstream's runtime chart defaults to LoadBalancer). */
  private runtimeOverrides(): SeldonRuntimeSpecOverrides[] {
    return [
      { name: 'seldon-envoy', serviceType: 'ClusterIP' },
      { name: 'seldon-scheduler', serviceType: 'ClusterIP' },
      ...(this.options.usageTelemetry === true ? [] : [{ name: 'hodometer', disable: true }]),
    ];
  }

  /**
   * Seed 004's `seldon-mesh` VirtualService (requests carrying `namespace: <ns>` and `inference: seldon-mesh` go to the
   * namespace's Envoy) and, with Envoy TLS, a DestinationRule that makes the gateway originate TLS to it (mutual TLS
   * with `downstreamMtls`), verifying Envoy with the platform CA from the gateway's client certificate secret. This
   * assumes Envoy runs without an Istio sidecar, as Seldon recommends for Core 2 (SeldonIO/seldon-core#6517) and as
   * OpenShift Service Mesh does by default (injection is opt-in per pod): Istio's mTLS then does not cover this hop and
   * Seldon's downstream TLS does. The rule is exported to the gateway's namespace only.
   */
  private renderMeshRoute(scope: Construct, namespace: string, mesh: NonNullable<CoreV2Dependencies['mesh']>): void {
    const labels = standardLabels(COMPONENT);
    const host = `${MESH_SERVICE}.${namespace}.svc.cluster.local`;
    new VirtualServiceV1Beta1(scope, 'MeshVirtualService', {
      metadata: { name: MESH_SERVICE, namespace, labels },
      spec: {
        gateways: [mesh.gatewayRef],
        hosts: ['*'],
        http: [
          {
            name: `data-plane-${namespace}`,
            match: [{ headers: { namespace: { exact: namespace }, inference: { exact: MESH_SERVICE } } }],
            route: [{ destination: { host, port: { number: 80 } } }],
          },
        ],
      },
    });
    if (this.envoy !== 'SSL') return;
    new DestinationRuleV1Beta1(scope, 'MeshDestinationRule', {
      metadata: { name: MESH_SERVICE, namespace, labels },
      spec: {
        host,
        exportTo: [mesh.gatewayNamespace],
        trafficPolicy: {
          tls: {
            mode: this.downstreamMtls ? DestinationRuleV1Beta1SpecTrafficPolicyTlsMode.MUTUAL : DestinationRuleV1Beta1SpecTrafficPolicyTlsMode.SIMPLE,
            credentialName: GATEWAY_CLIENT_SECRET,
            sni: host,
          },
        },
      },
    });
  }

  private requireTls(): Tls {
    if (!this.deps.tls) throw new Error(`${this.node.path}: SSL needs the TLS concern (validated earlier)`);
    return this.deps.tls;
  }

  private helm(id: string, p: { name: string; chart: (typeof CHARTS)[keyof typeof CHARTS]; wave: number; values?: Record<string, unknown>; syncOptions?: string[]; drift?: readonly DriftId[] }): HelmApplication {
    return new HelmApplication(this, id, { ...p, values: p.values === undefined ? undefined : hardenedValues(p.chart, this.ctx, p.values), namespace: this.ctx.namespaces.system, target: this.ctx.target, component: COMPONENT });
  }
}

const HOST_PORT = /^[A-Za-z0-9.-]+:[0-9]{1,5}$/;

/** Validates the Seldon Core 2 options against the components they need. */
export function checkCoreV2(checks: Checks, options: CoreV2Options, config: PlatformConfig): void {
  const security = options.security ?? {};
  const protocols = {
    controlPlane: security.controlPlane ?? 'SSL',
    envoy: security.envoy ?? 'SSL',
  };
  for (const [key, value] of Object.entries(protocols)) {
    if (!checks.oneOf(`coreV2.security.${key}`, value, ['SSL', 'PLAINTEXT'] as const)) continue;
    if (value === 'SSL' && config.tls === false) {
      checks.fail(`coreV2.security.${key}`, value, 'needs the certificates the tls component issues, and tls is disabled', `enable tls, or opt out of TLS explicitly with coreV2.security.${key}: "PLAINTEXT"`);
    }
  }
  if (security.downstreamMtls && protocols.envoy !== 'SSL') {
    checks.fail('coreV2.security.downstreamMtls', true, 'requires TLS on Envoy', 'set coreV2.security.envoy: "SSL" or drop downstreamMtls');
  }
  if (config.kafka === false) {
    checks.fail('kafka', false, 'is disabled, but Seldon Core 2 needs Kafka (dataflow engine, model and pipeline gateways)', 'enable kafka (in-cluster Strimzi or a managed provider), or disable coreV2');
  }
  for (const server of ['mlserver', 'triton'] as const) {
    const replicas = options.servers?.[server]?.replicas;
    if (replicas !== undefined) checks.integer(`coreV2.servers.${server}.replicas`, replicas, 0);
  }
  if (options.grpcServicePrefix !== undefined) checks.oneOf('coreV2.grpcServicePrefix', options.grpcServicePrefix, ['http2-', 'grpc-'] as const, 'Istio selects the protocol from these port-name prefixes');
  if (options.tracing) {
    checks.expect(HOST_PORT.test(options.tracing.endpoint ?? ''), 'coreV2.tracing.endpoint', options.tracing.endpoint, 'is not a host:port OTLP gRPC endpoint', 'set the collector, e.g. "otel-collector.observability:4317"');
    if (options.tracing.ratio !== undefined) {
      checks.expect(typeof options.tracing.ratio === 'number' && options.tracing.ratio >= 0 && options.tracing.ratio <= 1, 'coreV2.tracing.ratio', options.tracing.ratio, 'is not a sampling ratio between 0 and 1', 'set e.g. 0.1');
    }
  }
}
