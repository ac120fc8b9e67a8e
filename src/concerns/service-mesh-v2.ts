/**
 * OpenShift Service Mesh 2.6 (Maistra): the `ServiceMeshControlPlane` and the `ServiceMeshMemberRoll` (seed 004). The
 * mesh line the version matrix keeps for OpenShift minors where Service Mesh 3 is not the supported mesh (4.14), and an
 * explicit choice (`serviceMesh.version: 2`) elsewhere. Shared parts (namespaces, observability operators, the
 * ingress) are in service-mesh.ts; Service Mesh 3 is service-mesh-v3.ts.
 *
 * What 2.x does for us that 3 does not: membership by a member roll (injection stays opt-in per pod, the
 * `sidecar.istio.io/inject: "true"` pod label), the ingress gateway deployed by the control plane into istio-system, and
 * NetworkPolicies the operator writes into the control plane and member namespaces (`security.manageNetworkPolicy`,
 * on by default).
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ServiceMeshMemberRoll } from '../../imports/smmr-maistra.io';
import { PlatformContext } from '../lib/concern';
import { standardLabels } from '../lib/names';
import { stringRegistry } from '../lib/registry';
import { API_VERSIONS, INSTANCE_VERSIONS, OLM } from '../versions';
import { MeshFlavour, MESH_NAMESPACE, meshOperator, ServiceMeshOptions, SERVICE_MESH_COMPONENT } from './service-mesh';

/** Control-plane versions the 2.6 Service Mesh operator still runs. */
export const SUPPORTED_CONTROL_PLANES = ['v2.4', 'v2.5', 'v2.6'] as const;

/**
 * The `ServiceMeshControlPlane` (`maistra.io/v2`) fields this platform sets. Typed by hand: `cdk8s import` emits
 * invalid TypeScript for the CRD's `3scale` addon. `npm run validate` still checks the object against the upstream CRD.
 */
interface ServiceMeshControlPlaneSpec {
  readonly version: string;
  readonly tracing: { readonly type: 'None' };
  readonly security: { readonly dataPlane: { readonly mtls: boolean; readonly automtls: boolean }; readonly manageNetworkPolicy: boolean };
  /** The platform renders its own Route, so the operator's automatic route creation (IOR) stays off. */
  readonly gateways: { readonly ingress: { readonly enabled: boolean }; readonly openshiftRoute: { readonly enabled: boolean } };
  readonly addons: { readonly kiali: { readonly enabled: boolean } };
}

/**
 * Service Mesh 2.6: the operator `servicemeshoperator`, the control plane `basic` in istio-system with its ingress
 * gateway (pods `istio: ingressgateway` in istio-system), and the member roll `default` whose members are the platform
 * namespaces and every model namespace.
 */
export class ServiceMeshV2 extends Construct implements MeshFlavour {
  /** The control plane deploys the ingress gateway into its own namespace. */
  public readonly gatewayNamespace = MESH_NAMESPACE;
  private readonly members = stringRegistry();

  constructor(scope: Construct, id: string, ctx: PlatformContext, options: ServiceMeshOptions) {
    super(scope, id);
    const labels = standardLabels(SERVICE_MESH_COMPONENT);
    meshOperator(this, 'Operator', ctx, OLM.serviceMesh);
    const spec: ServiceMeshControlPlaneSpec = {
      version: options.controlPlaneVersion ?? INSTANCE_VERSIONS.serviceMeshControlPlane,
      tracing: { type: 'None' },
      // manageNetworkPolicy: false. Left on (the default), the operator adds `istio-mesh-<name>` to every member
      // namespace, admitting every other member (maistra/istio-operator@maistra-2.5:resources/helm/overlays/mesh-config/
      // templates/networkpolicy.yaml:1-14, copied by pkg/controller/servicemesh/member/ovs_networkpolicy.go:59-91): model
      // namespaces could reach seldon-system and each other. The platform renders every policy its paths need
      // (docs/data-paths.md), so the operator's are not needed.
      security: { dataPlane: { mtls: (options.mtls ?? 'STRICT') === 'STRICT', automtls: true }, manageNetworkPolicy: false },
      gateways: { ingress: { enabled: true }, openshiftRoute: { enabled: false } },
      addons: { kiali: { enabled: options.kiali ?? true } },
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

  /** A member of the mesh: one more entry of the member roll (the Namespace object needs no label). */
  public addMember(name: string): void {
    this.members.add(name);
  }
}
