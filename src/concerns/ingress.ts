import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { Certificate } from '../../imports/certmanager-certificate-cert-manager.io';
import { GatewayV1Beta1, GatewayV1Beta1SpecServers, GatewayV1Beta1SpecServersTlsMode } from '../../imports/istio-gateway-networking.istio.io';
import { Route, RouteSpecTlsInsecureEdgeTerminationPolicy, RouteSpecTlsTermination, RouteSpecToKind } from '../../imports/route-route.openshift.io';
import type { PlatformConfig } from '../config';
import { setSyncWave, Wave } from '../lib/argo';
import { ModelNamespaceContext, PlatformContext } from '../lib/concern';
import { Checks } from '../lib/errors';
import { namespaceSelector, standardLabels } from '../lib/names';
import { HOST } from '../lib/formats';

/** The label of the ingress gateway pods: OpenShift Service Mesh's default gateway and the Istio `gateway` chart's. */
export const INGRESS_GATEWAY_SELECTOR: Readonly<Record<string, string>> = { istio: 'ingressgateway' };

/** The ingress gateway's Service (OpenShift Service Mesh default; the release name of the Kubernetes gateway chart). */
export const INGRESS_GATEWAY_SERVICE = 'istio-ingressgateway';

/** A cert-manager issuer. An `Issuer` must live in the namespace of the gateway pods (where the certificate goes). */
export interface IssuerRef {
  readonly kind: 'Issuer' | 'ClusterIssuer';
  readonly name: string;
}

/**
 * TLS on the Seldon gateway.
 * - `none`: HTTP on port 80 only (seed 002's first gateway). On OpenShift the Route still terminates TLS at the edge.
 * - `existing-secret`: HTTPS on 443 (`mode: SIMPLE`) with a `kubernetes.io/tls` secret created out of band in the
 *   gateway pods' namespace (seed 002's SSL gateway); port 80 redirects to HTTPS.
 * - `cert-manager`: as `existing-secret`, with a cert-manager `Certificate` that issues the secret.
 */
export type GatewayTls =
  | { readonly mode: 'none' }
  | {
      readonly mode: 'existing-secret';
      /** The TLS secret in the gateway pods' namespace. @default "seldon-ssl-cert" (seed 002) */
      readonly credentialName?: string;
    }
  | {
      readonly mode: 'cert-manager';
      readonly issuerRef: IssuerRef;
      /** The names the certificate covers; on OpenShift it must cover the Route host. */
      readonly dnsNames: readonly string[];
      /** The secret the certificate is written to. @default "seldon-ssl-cert" (seed 002) */
      readonly credentialName?: string;
    };

/** Options of the Seldon ingress: the Istio Gateway and, on OpenShift, its Route. */
export interface IngressOptions {
  /**
   * Name of the Istio Gateway. Seldon Core v1 and Deploy reference it as `<namespace>/<name>`; a custom name is seed
   * 002's "your own gateway" (set the operators' `istio.gateway` to it, which this platform does for you).
   * @default "seldon-gateway"
   */
  readonly name?: string;
  /**
   * Namespace of the Gateway object: one the mesh concern creates (`istio-system`, or on Kubernetes and OpenShift
   * Service Mesh 3 also the gateway pods' `istio-ingress`). @default "istio-system"
   */
  readonly namespace?: string;
  /** Hosts the gateway serves. @default ["*"] */
  readonly hosts?: readonly string[];
  /**
   * TLS on the gateway. On OpenShift the secure default is the seed's: the Route terminates TLS at the edge with the
   * cluster's certificate and redirects HTTP. On Kubernetes the default gateway serves plain HTTP on port 80 (there is
   * no certificate to default to): set `existing-secret` or `cert-manager` for HTTPS.
   * @default { mode: "none" }
   */
  readonly tls?: GatewayTls;
  /** OpenShift: host of the `seldon-route` Route. @default "seldon.<ingressDomain>" */
  readonly routeHost?: string;
}

/** The seed's name for the gateway's TLS secret (seed 002). */
const DEFAULT_CREDENTIAL_NAME = 'seldon-ssl-cert';

export interface SeldonIngressProps {
  readonly options: IngressOptions;
  /** Namespace of the ingress gateway pods: `istio-system` on OpenShift Service Mesh 2, `istio-ingress` elsewhere. */
  readonly workloadNamespace: string;
}

/**
 * Seldon's way in (seed 004 "Create Seldon's Istio Gateway" and "Create SSL Secure Route"; seed 002 HTTP, HTTPS and
 * custom gateways): the Istio Gateway `seldon-gateway`, optionally HTTPS with a cert-manager Certificate, and on
 * OpenShift the Route `seldon-route` that exposes the mesh's ingress gateway. Each model namespace admits the gateway's
 * pods with a NetworkPolicy.
 */
export class SeldonIngress extends Construct {
  public readonly name: string;
  public readonly namespace: string;
  /** Namespace of the gateway pods (and of the TLS secret the gateway reads). */
  public readonly workloadNamespace: string;

  constructor(scope: Construct, id: string, ctx: PlatformContext, props: SeldonIngressProps) {
    super(scope, id);
    const options = props.options;
    this.name = options.name ?? 'seldon-gateway';
    this.namespace = options.namespace ?? 'istio-system';
    this.workloadNamespace = props.workloadNamespace;
    const tls = options.tls ?? { mode: 'none' };
    const hosts = [...(options.hosts ?? ['*'])];
    const labels = standardLabels('service-mesh');

    new GatewayV1Beta1(this, 'Gateway', {
      metadata: { name: this.name, namespace: this.namespace, labels },
      spec: { selector: { ...INGRESS_GATEWAY_SELECTOR }, servers: gatewayServers(tls, hosts) },
    });
    if (tls.mode === 'cert-manager') {
      const certificate = new Certificate(this, 'Certificate', {
        metadata: { name: this.name, namespace: this.workloadNamespace, labels },
        spec: {
          secretName: tls.credentialName ?? DEFAULT_CREDENTIAL_NAME,
          issuerRef: { group: 'cert-manager.io', kind: tls.issuerRef.kind, name: tls.issuerRef.name },
          dnsNames: [...tls.dnsNames],
        },
      });
      // The gateway's certificate is configuration of the mesh instance, issued once cert-manager runs.
      setSyncWave(certificate, Wave.INSTANCE_CONFIG);
    }
    if (ctx.platform === 'openshift') this.renderRoute(options.routeHost ?? `seldon.${ctx.ingressDomain}`, tls.mode !== 'none');
  }

  /** `<namespace>/<name>` of the gateway. */
  public get ref(): string {
    return `${this.namespace}/${this.name}`;
  }

  /** Admits the gateway's pods into a model namespace. */
  public addModelNamespace(ns: ModelNamespaceContext): void {
    new k8s.KubeNetworkPolicy(ns.scope, 'AllowFromIngressGateway', {
      metadata: { name: 'allow-from-ingress-gateway', namespace: ns.name, labels: standardLabels('service-mesh') },
      spec: {
        podSelector: {},
        policyTypes: ['Ingress'],
        ingress: [{ from: [{ namespaceSelector: namespaceSelector(this.workloadNamespace), podSelector: { matchLabels: { ...INGRESS_GATEWAY_SELECTOR } } }] }],
      },
    });
  }

  /**
   * The seed's Route: edge TLS with the cluster's default certificate, HTTP redirected, plain HTTP to the gateway's
   * `http2` port. When the gateway serves HTTPS itself, the Route passes TLS through to its `https` port instead
   * (edge termination would send plain HTTP to a gateway that redirects it back to HTTPS).
   */
  private renderRoute(host: string, gatewayTls: boolean): void {
    new Route(this, 'Route', {
      metadata: { name: 'seldon-route', namespace: this.workloadNamespace, labels: standardLabels('service-mesh') },
      spec: {
        host,
        port: { targetPort: gatewayTls ? 'https' : 'http2' },
        tls: {
          termination: gatewayTls ? RouteSpecTlsTermination.PASSTHROUGH : RouteSpecTlsTermination.EDGE,
          insecureEdgeTerminationPolicy: RouteSpecTlsInsecureEdgeTerminationPolicy.REDIRECT,
        },
        to: { kind: RouteSpecToKind.SERVICE, name: INGRESS_GATEWAY_SERVICE, weight: 100 },
      },
    });
  }
}

/** HTTP on 80 (redirecting when TLS is on) plus, with TLS, HTTPS on 443 with the gateway's certificate. */
function gatewayServers(tls: GatewayTls, hosts: string[]): GatewayV1Beta1SpecServers[] {
  const http: GatewayV1Beta1SpecServers = { port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts };
  if (tls.mode === 'none') return [http];
  return [
    { ...http, tls: { httpsRedirect: true } },
    {
      port: { number: 443, name: 'https', protocol: 'HTTPS' },
      hosts,
      tls: { mode: GatewayV1Beta1SpecServersTlsMode.SIMPLE, credentialName: tls.credentialName ?? DEFAULT_CREDENTIAL_NAME },
    },
  ];
}


/** Whether a certificate name (possibly `*.domain`) covers a host. */
function covers(dnsName: string, host: string): boolean {
  if (dnsName === host) return true;
  return dnsName.startsWith('*.') && host.endsWith(dnsName.slice(1)) && !host.slice(0, -dnsName.length + 1).includes('.');
}

/** Validates the ingress options (`path` is e.g. `serviceMesh.ingress`). */
export function checkIngress(checks: Checks, path: string, options: IngressOptions, config: PlatformConfig, meshNamespaceChoices?: readonly string[]): void {
  if (options.name !== undefined) checks.dnsLabel(`${path}.name`, options.name);
  if (options.namespace !== undefined) {
    const meshNamespaces = meshNamespaceChoices ?? (config.platform === 'kubernetes' ? ['istio-system', 'istio-ingress'] : ['istio-system']);
    checks.oneOf(`${path}.namespace`, options.namespace, meshNamespaces, 'the namespaces the service mesh concern creates; a Gateway elsewhere would land in a namespace nothing creates');
  }
  if (options.hosts !== undefined) {
    checks.expect(options.hosts.length > 0, `${path}.hosts`, options.hosts, 'is empty: the gateway would serve no host', 'list at least one host, or "*" for any');
    options.hosts.forEach((h, i) => checks.expect(HOST.test(h), `${path}.hosts[${i}]`, h, 'is not a host name, a "*." wildcard or "*"', 'use e.g. "seldon.example.com", "*.example.com" or "*"'));
  }
  const routeHost = options.routeHost ?? (config.ingressDomain ? `seldon.${config.ingressDomain}` : undefined);
  if (options.routeHost !== undefined) {
    checks.expect(config.platform === 'openshift', `${path}.routeHost`, options.routeHost, 'only applies on OpenShift, where the Route exposes the gateway', 'remove it; on Kubernetes expose the istio-ingressgateway Service (LoadBalancer) instead');
    checks.expect(HOST.test(options.routeHost) && !options.routeHost.includes('*'), `${path}.routeHost`, options.routeHost, 'is not a host name', 'use e.g. "seldon.apps.cluster.example.com"');
  }
  if (options.tls !== undefined) checkGatewayTls(checks, `${path}.tls`, options.tls, config, routeHost);
}

function checkGatewayTls(checks: Checks, path: string, tls: GatewayTls, config: PlatformConfig, routeHost: string | undefined): void {
  if (!checks.oneOf(`${path}.mode`, tls.mode, ['none', 'existing-secret', 'cert-manager'] as const)) return;
  if (tls.mode === 'none') return;
  if (tls.credentialName !== undefined) checks.dnsLabel(`${path}.credentialName`, tls.credentialName);
  if (tls.mode !== 'cert-manager') return;
  checks.expect(config.tls !== false, `${path}.mode`, tls.mode, 'needs cert-manager, and the tls component is disabled', 'enable tls, or use { mode: "existing-secret", credentialName: "..." } with a secret you create');
  checks.oneOf(`${path}.issuerRef.kind`, tls.issuerRef?.kind, ['Issuer', 'ClusterIssuer'] as const);
  checks.nonEmpty(`${path}.issuerRef.name`, tls.issuerRef?.name, 'name the cert-manager (Cluster)Issuer that signs the gateway certificate, e.g. "letsencrypt"');
  const dnsNames = tls.dnsNames ?? [];
  if (!checks.expect(dnsNames.length > 0, `${path}.dnsNames`, tls.dnsNames, 'is empty: a certificate needs at least one name', 'list the host names clients use, e.g. ["seldon.example.com"]')) return;
  dnsNames.forEach((n, i) => checks.expect(HOST.test(n) && n !== '*', `${path}.dnsNames[${i}]`, n, 'is not a DNS name', 'use e.g. "seldon.example.com" or "*.example.com"'));
  if (config.platform === 'openshift' && routeHost && !dnsNames.some((n) => covers(n, routeHost))) {
    checks.fail(`${path}.dnsNames`, dnsNames, `does not cover the Route host ${routeHost}: the Route passes TLS through, so clients would get a certificate for another name`, `add "${routeHost}" to dnsNames`);
  }
}
