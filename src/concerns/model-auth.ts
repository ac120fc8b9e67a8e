import { Construct } from 'constructs';
import { AuthorizationPolicyV1Beta1, AuthorizationPolicyV1Beta1SpecAction } from '../../imports/istio-authorizationpolicy-security.istio.io';
import { PeerAuthenticationV1Beta1, PeerAuthenticationV1Beta1SpecMtlsMode, PeerAuthenticationV1Beta1SpecPortLevelMtlsMode } from '../../imports/istio-peerauthentication-security.istio.io';
import { RequestAuthenticationV1Beta1 } from '../../imports/istio-requestauthentication-security.istio.io';
import { Concern, ModelNamespaceContext } from '../lib/concern';
import { standardLabels } from '../lib/names';

const COMPONENT = 'model-auth';

/**
 * Where Prometheus scrapes Seldon Core v1 pods (seed 002; the seed 004 PodMonitor `seldon-podmonitor` scrapes every
 * container port named `metrics` at `/prometheus`): the model containers' metrics ports (6000, then 6001 for a second
 * container) and the executor, which serves metrics on its REST port 8000.
 */
export const SELDON_METRICS = { path: '/prometheus', ports: [6000, 8000, 6001] } as const;

/** The label Seldon Core puts on every pod it creates (seed 004 selects Seldon pods by it). */
const SELDON_CORE_POD = { 'app.kubernetes.io/managed-by': 'seldon-core' };

/**
 * Per-model-namespace Istio authentication and authorisation (seed 002 "Configuring Authentication/Authorization").
 * Built when the service mesh is enabled; for every model namespace it renders:
 *
 * - `PeerAuthentication` `default`, in the mesh's mode (`serviceMesh.mtls`, STRICT by default): sidecars accept only mutual TLS. The service mesh concern may already
 *   make mTLS mesh-wide (OpenShift `security.dataPlane.mtls`, or a mesh-wide PeerAuthentication), but the seed requires
 *   STRICT where the auth policies live, a namespace policy overrides the mesh-wide one, and keeping it here makes the
 *   namespace secure by itself whatever the mesh default is. OpenShift Service Mesh 2.x serves
 *   `security.istio.io/v1beta1`, the version emitted.
 * - `PeerAuthentication` `seldon-metrics` (Core v1 namespaces): for Seldon Core pods only, the metrics ports stay
 *   PERMISSIVE so that a Prometheus outside the mesh (OpenShift user-workload monitoring, kube-prometheus-stack) can
 *   still scrape them in plaintext; every other port stays STRICT. Port 8000 is also the executor's REST port, so it
 *   accepts plaintext from callers the namespace NetworkPolicies admit; with `auth` set they still need a valid token.
 * - With `auth` set on the namespace: `RequestAuthentication` `seldon-jwt` (the issuer, its JWKS and audiences) and
 *   `AuthorizationPolicy` `seldon-require-jwt` that admits a request only when it carries a valid token
 *   (`requestPrincipals: ["*"]`), comes from a workload of the same namespace (a multi-pod inference graph calling its
 *   own components, which forward no token), or is Prometheus' `GET /prometheus` on the metrics ports (the seed's
 *   scrape exception, so metrics keep working). Everything else gets 403; an invalid token gets 401.
 *
 * Knative detectors in a namespace with `auth` receive events from the broker without a token: route them through the
 * mesh or keep detectors in namespaces without `auth`.
 */
export class ModelAuth extends Construct implements Concern {
  private readonly mode: PeerAuthenticationV1Beta1SpecMtlsMode;

  /** @param mtls the mesh's mutual-TLS mode (`serviceMesh.mtls`), which the namespaces follow. */
  constructor(scope: Construct, id: string, mtls: 'STRICT' | 'PERMISSIVE' = 'STRICT') {
    super(scope, id);
    this.mode = mtls === 'STRICT' ? PeerAuthenticationV1Beta1SpecMtlsMode.STRICT : PeerAuthenticationV1Beta1SpecMtlsMode.PERMISSIVE;
  }

  public addModelNamespace(ns: ModelNamespaceContext): void {
    const labels = standardLabels(COMPONENT);
    new PeerAuthenticationV1Beta1(ns.scope, 'PeerAuthentication', {
      metadata: { name: 'default', namespace: ns.name, labels },
      spec: { mtls: { mode: this.mode } },
    });
    if (ns.options.coreV1) {
      new PeerAuthenticationV1Beta1(ns.scope, 'MetricsPeerAuthentication', {
        metadata: { name: 'seldon-metrics', namespace: ns.name, labels },
        spec: {
          selector: { matchLabels: SELDON_CORE_POD },
          mtls: { mode: this.mode },
          portLevelMtls: Object.fromEntries(SELDON_METRICS.ports.map((p) => [String(p), { mode: PeerAuthenticationV1Beta1SpecPortLevelMtlsMode.PERMISSIVE }])),
        },
      });
    }
    if (ns.options.auth) this.renderTokenPolicies(ns, ns.options.auth, labels);
  }

  private renderTokenPolicies(ns: ModelNamespaceContext, auth: NonNullable<ModelNamespaceContext['options']['auth']>, labels: Record<string, string>): void {
    new RequestAuthenticationV1Beta1(ns.scope, 'RequestAuthentication', {
      metadata: { name: 'seldon-jwt', namespace: ns.name, labels },
      spec: {
        jwtRules: [{ issuer: auth.issuer, jwksUri: auth.jwksUri, ...(auth.audiences?.length ? { audiences: [...auth.audiences] } : {}) }],
      },
    });
    new AuthorizationPolicyV1Beta1(ns.scope, 'AuthorizationPolicy', {
      metadata: { name: 'seldon-require-jwt', namespace: ns.name, labels },
      spec: {
        action: AuthorizationPolicyV1Beta1SpecAction.ALLOW,
        rules: [
          { from: [{ source: { requestPrincipals: ['*'] } }] },
          { from: [{ source: { namespaces: [ns.name] } }] },
          { to: [{ operation: { methods: ['GET'], paths: [SELDON_METRICS.path], ports: SELDON_METRICS.ports.map(String) } }] },
        ],
      },
    });
  }
}
