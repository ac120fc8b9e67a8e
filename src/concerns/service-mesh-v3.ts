/**
 * OpenShift Service Mesh 3 (the Sail operator, `servicemeshoperator3`): the mesh the version matrix chooses on the
 * OpenShift minors where it is the supported mesh (src/versions.ts `OPENSHIFT_MATRIX`). Shared parts are in
 * service-mesh.ts; Service Mesh 2.6 is service-mesh-v2.ts.
 *
 * What changes from 2.x (Red Hat, "Migrating from Service Mesh 2 to Service Mesh 3", chapter 2 "Before migrating",
 * https://docs.redhat.com/en/documentation/red_hat_openshift_service_mesh/3.0/html/migrating_from_service_mesh_2_to_service_mesh_3/before-migrating):
 * - `Istio` and `IstioCNI` resources instead of a ServiceMeshControlPlane (CRDs: ../shared/crds/sail-operator).
 * - Membership: no member roll. istiod watches the namespaces its `meshConfig.discoverySelectors` select; a namespace
 *   joins by the label `istio-discovery: enabled` (istio-ecosystem/sail-operator@1.28.3:docs/common/istio-ambient-mode.adoc:95-127,
 *   docs/deployment-models/consolidating-cp.adoc:40,87), the control plane's own namespace included.
 * - Injection: unchanged for this platform. With the `Istio` named `default` (InPlace updates) the revision is the
 *   default one, so the pod label `sidecar.istio.io/inject: "true"` injects (sail-operator@1.28.3:chart/samples/ingress-gateway.yaml
 *   "If connecting to a revisioned control plane, replace with istio.io/rev"; docs/README.adoc:176 on `default`).
 * - Gateways: not deployed by the control plane. The ingress gateway is our own Deployment with gateway injection
 *   (`inject.istio.io/templates: gateway`), its Service, ServiceAccount and the secret-reading Role
 *   (sail-operator@1.28.3:chart/samples/ingress-gateway.yaml; docs/common/create-and-configure-gateways.adoc), in its own
 *   namespace `istio-ingress`, exposed by our Route.
 * - NetworkPolicies: the operator writes none (2.x did, `manageNetworkPolicy`). The one 2.x gave the ingress gateway
 *   (admitting all traffic to it) is rendered here; model namespaces already admit the gateway's pods (ingress.ts).
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { setSyncWave, Wave } from '../lib/argo';
import { PlatformContext } from '../lib/concern';
import { NAMESPACE_NAME_LABEL, namespaceRole, standardLabels } from '../lib/names';
import { stringRegistry } from '../lib/registry';
import { API_VERSIONS, INSTANCE_VERSIONS, OLM } from '../versions';
import { INGRESS_GATEWAY_SELECTOR, INGRESS_GATEWAY_SERVICE } from './ingress';
import { MeshFlavour, MESH_NAMESPACE, meshOperator, meshWidePeerAuthentication, ServiceMeshOptions, SERVICE_MESH_COMPONENT } from './service-mesh';
import { INGRESS_GATEWAY_PROXY } from '../lib/workload-security';

/** The namespace label istiod's discovery selector matches: a namespace with it is in the mesh. */
export const DISCOVERY_LABEL: Readonly<Record<string, string>> = { 'istio-discovery': 'enabled' };

/** Namespace of the `IstioCNI` daemon set (Red Hat's and Sail's default, `IstioCNI.spec.namespace`). */
export const CNI_NAMESPACE = 'istio-cni';

/** Namespace of the ingress gateway pods (Istio's recommended layout; the same as on plain Kubernetes). */
export const GATEWAY_NAMESPACE = 'istio-ingress';

/** Container ports of the injected gateway (the `gateway` template's unprivileged ports, as in Sail's sample). */
const GATEWAY_PORTS = [
  { name: 'http2', port: 80, targetPort: 8080 },
  { name: 'https', port: 443, targetPort: 8443 },
] as const;

/**
 * Service Mesh 3: the operator, the `Istio` `default` (istiod in istio-system, discovery limited to labelled
 * namespaces), the `IstioCNI` `default` in istio-cni, mesh-wide mutual TLS as a PeerAuthentication, and the ingress
 * gateway (`istio-ingressgateway` in istio-ingress). Members are labelled `istio-discovery: enabled`; members whose
 * Namespace the platform does not create (`serviceMesh.members`) are selected by name instead.
 */
export class ServiceMeshV3 extends Construct implements MeshFlavour {
  public readonly gatewayNamespace = GATEWAY_NAMESPACE;
  /** Members whose Namespace object is not ours to label: selected by name in `discoverySelectors`. */
  private readonly namedMembers = stringRegistry();

  constructor(scope: Construct, id: string, ctx: PlatformContext, options: ServiceMeshOptions) {
    super(scope, id);
    const labels = standardLabels(SERVICE_MESH_COMPONENT);
    meshOperator(this, 'Operator', ctx, OLM.serviceMesh3);
    new k8s.KubeNamespace(this, 'CniNamespace', { metadata: { name: CNI_NAMESPACE, labels: { ...labels, ...namespaceRole('platform') } } });
    new k8s.KubeNamespace(this, 'GatewayNamespace', { metadata: { name: GATEWAY_NAMESPACE, labels: { ...labels, ...namespaceRole('platform'), ...DISCOVERY_LABEL } } });

    // No `profile`: the operator detects OpenShift and applies its platform profile itself
    // (sail-operator@1.28.3:pkg/config/platform.go:39-58, pkg/istiovalues/profiles.go:31-41).
    new ApiObject(this, 'Istio', {
      apiVersion: API_VERSIONS.Istio,
      kind: 'Istio',
      metadata: { name: 'default', labels },
      spec: {
        namespace: MESH_NAMESPACE,
        version: INSTANCE_VERSIONS.istio,
        updateStrategy: { type: 'InPlace' },
        values: { meshConfig: { discoverySelectors: this.namedMembers.lazy((named) => discoverySelectors(named)) } },
      },
    });
    new ApiObject(this, 'IstioCni', {
      apiVersion: API_VERSIONS.IstioCNI,
      kind: 'IstioCNI',
      metadata: { name: 'default', labels },
      spec: { namespace: CNI_NAMESPACE, version: INSTANCE_VERSIONS.istio },
    });
    meshWidePeerAuthentication(this, options.mtls);
    this.renderGateway(labels);
  }

  /**
   * A member of the mesh: its Namespace gets `istio-discovery: enabled` (istiod discovers it; injection stays opt-in per
   * pod, as on 2.x). A namespace the platform does not create is selected by name instead.
   */
  public addMember(name: string, namespace?: ApiObject): void {
    if (namespace) for (const [key, value] of Object.entries(DISCOVERY_LABEL)) namespace.metadata.addLabel(key, value);
    else this.namedMembers.add(name);
  }

  /**
   * The ingress gateway by gateway injection: ServiceAccount, Role and RoleBinding reading the TLS secrets of its
   * namespace (SDS), a Deployment whose pods opt in to the `gateway` injection template, the Service the Route and the
   * Seldon Gateway reach (`istio: ingressgateway`), and the NetworkPolicy admitting traffic to its ports. The pods must be
   * created after istiod's injection webhook exists, so they come one wave after the `Istio`.
   */
  private renderGateway(labels: Record<string, string>): void {
    const metadata = (name: string) => ({ name, namespace: GATEWAY_NAMESPACE, labels });
    const selector = { ...INGRESS_GATEWAY_SELECTOR };
    new k8s.KubeServiceAccount(this, 'GatewayServiceAccount', { metadata: metadata(INGRESS_GATEWAY_SERVICE) });
    const sds = `${INGRESS_GATEWAY_SERVICE}-sds`;
    new k8s.KubeRole(this, 'GatewayRole', { metadata: metadata(sds), rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'watch', 'list'] }] });
    new k8s.KubeRoleBinding(this, 'GatewayRoleBinding', {
      metadata: metadata(sds),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: sds },
      subjects: [{ kind: 'ServiceAccount', name: INGRESS_GATEWAY_SERVICE, namespace: GATEWAY_NAMESPACE }],
    });
    const deployment = new k8s.KubeDeployment(this, 'GatewayDeployment', {
      metadata: metadata(INGRESS_GATEWAY_SERVICE),
      spec: {
        selector: { matchLabels: selector },
        template: {
          metadata: {
            // The gateway template instead of the sidecar one; the injection opt-in is the same pod label as a sidecar's.
            annotations: { 'inject.istio.io/templates': 'gateway' },
            labels: { ...selector, 'sidecar.istio.io/inject': 'true' },
          },
          spec: {
            serviceAccountName: INGRESS_GATEWAY_SERVICE,
            // `auto`: the injector replaces it with the proxy image of the control plane's revision.
            // Non-root without privilege escalation; the injected gateway template keeps these and sets the proxy user
            // (sail-operator@1.28.3:resources/v1.28.3/charts/istiod/files/gateway-injection-template.yaml:55-57).
            securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
            containers: [{ name: 'istio-proxy', image: 'auto', resources: INGRESS_GATEWAY_PROXY.resources, securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsNonRoot: true, ...INGRESS_GATEWAY_PROXY.securityContext } }],
          },
        },
      },
    });
    setSyncWave(deployment, Wave.INSTANCE_CONFIG);
    const service = new k8s.KubeService(this, 'GatewayService', {
      metadata: metadata(INGRESS_GATEWAY_SERVICE),
      spec: {
        type: 'ClusterIP',
        selector,
        ports: GATEWAY_PORTS.map((p) => ({ name: p.name, port: p.port, targetPort: k8s.IntOrString.fromNumber(p.targetPort) })),
      },
    });
    setSyncWave(service, Wave.INSTANCE_CONFIG);
    new k8s.KubeNetworkPolicy(this, 'GatewayNetworkPolicy', {
      metadata: metadata('allow-to-ingress-gateway'),
      spec: {
        podSelector: { matchLabels: selector },
        policyTypes: ['Ingress'],
        // Clients come through the OpenShift router (Route) and from inside the cluster, as with 2.x's gateway.
        ingress: [{ ports: GATEWAY_PORTS.map((p) => ({ protocol: 'TCP', port: k8s.IntOrString.fromNumber(p.targetPort) })) }],
      },
    });
  }
}

/** istiod's discovery selectors: every labelled namespace, plus the members selected by name. */
function discoverySelectors(named: readonly string[]): unknown[] {
  return [
    { matchLabels: { ...DISCOVERY_LABEL } },
    ...(named.length > 0 ? [{ matchExpressions: [{ key: NAMESPACE_NAME_LABEL, operator: 'In', values: [...named] }] }] : []),
  ];
}
