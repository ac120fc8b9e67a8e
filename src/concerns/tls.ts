import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import {
  Certificate,
  CertificateSpecIssuerRef,
  CertificateSpecPrivateKeyAlgorithm,
  CertificateSpecUsages,
} from '../../imports/certmanager-certificate-cert-manager.io';
import { IssuerSpec, toJson_IssuerSpec } from '../../imports/certmanager-issuer-cert-manager.io';
import type { PlatformConfig } from '../config';
import { Concern, PlatformContext } from '../lib/concern';
import { Checks, isDnsLabel } from '../lib/errors';
import { standardLabels } from '../lib/names';
import { OperatorInstall } from '../lib/operator';
import { API_VERSIONS, CHARTS, OLM } from '../versions';
import { hardenedValues } from '../lib/workload-security';

const COMPONENT = 'tls';

/**
 * Where the Core 2 certificates come from.
 * - `self-signed` (default): a platform CA, as in Seldon's `seldon-core-v2-certs` chart (self-signed `seldon-issuer` →
 *   CA certificate `seldon-ca`, secret `cacert`, ECDSA P-256 → CA issuer `seldon-ca-issuer`), but as ClusterIssuers
 *   with the CA in cert-manager's namespace rather than one chain per namespace. Upstream's per-namespace chain gives
 *   each namespace its own CA, which breaks control-plane TLS with the cluster-wide controller (SeldonIO/seldon-core
 *   #5067): the controller in seldon-system holds one client certificate and one CA for every scheduler, so all
 *   runtime namespaces must share a CA. One CA also lets the mesh gateway verify every namespace's Envoy.
 * - `cluster-issuer`: an existing ClusterIssuer, e.g. a corporate CA or Vault. It must fill `ca.crt` in the secrets
 *   it issues (CA, Vault and Venafi issuers do; ACME does not), because Seldon verifies peers with it.
 */
export type CoreV2Issuer = { readonly type: 'self-signed' } | { readonly type: 'cluster-issuer'; readonly name: string };

/** Options of the TLS (cert-manager) concern (seed 000 "cert-manager"; research §2.3). */
export interface TlsOptions {
  /**
   * Install cert-manager: on OpenShift the "cert-manager Operator for Red Hat OpenShift" (OLM), on Kubernetes the
   * upstream chart with its CRDs. Set false when the cluster already runs cert-manager.
   * @default true
   */
  readonly install?: boolean;
  /** @default { type: "self-signed" } */
  readonly issuer?: CoreV2Issuer;
  /**
   * cert-manager's cluster resource namespace, where a ClusterIssuer's CA secret lives (the operand namespace on
   * OpenShift, the release namespace of the chart on Kubernetes).
   * @default "cert-manager"
   */
  readonly clusterResourceNamespace?: string;
  /** Lifetime of the leaf certificates. @default "2160h" (upstream certs chart) */
  readonly duration?: string;
  /** Renewal window of the leaf certificates. @default "360h" (upstream certs chart) */
  readonly renewBefore?: string;
  /**
   * Lifetime of the self-signed CA. Upstream sets none (cert-manager's 90 days); a CA that rotates every 90 days
   * leaves peers holding leaves of the old CA unverifiable until they renew, so the platform CA lives longer.
   * @default "87600h" (10 years)
   */
  readonly caDuration?: string;
}

/** The secrets `seldon-core-v2-setup` reads, each written by the Certificate of the same name (research §1.1, §2.3). */
export const CORE_V2_TLS_SECRETS = {
  controlPlaneServer: 'seldon-controlplane-server',
  controlPlaneClient: 'seldon-controlplane-client',
  upstreamServer: 'seldon-upstream-server',
  upstreamClient: 'seldon-upstream-client',
  downstreamServer: 'seldon-downstream-server',
  downstreamClient: 'seldon-downstream-client',
} as const;

export type CoreV2Certificate = keyof typeof CORE_V2_TLS_SECRETS;

const SCHEDULER_NAMES = (ns: string) => ['seldon-scheduler', `seldon-scheduler.${ns}`, `seldon-scheduler.${ns}.svc`, 'seldon-scheduler.svc', 'localhost'];
const NAMESPACE_WILDCARDS = (ns: string) => [ns, `*.${ns}`, `*.${ns}.svc`, 'localhost'];

/**
 * DNS names per certificate, as in upstream's certs chart. Upstream's downstream server lists only `<ns>`, `<ns>.svc`
 * and localhost (its clients skip verification); the `seldon-mesh` service names are added so that a verifying client,
 * such as the mesh gateway, accepts it. Common names are left out: upstream's hard-code `seldon-mesh`, Go ignores them,
 * and `*.<63-character namespace>.svc` would exceed the 64-character limit.
 */
const DNS_NAMES: Readonly<Record<CoreV2Certificate, (ns: string) => string[]>> = {
  controlPlaneServer: SCHEDULER_NAMES,
  controlPlaneClient: SCHEDULER_NAMES,
  upstreamServer: NAMESPACE_WILDCARDS,
  upstreamClient: NAMESPACE_WILDCARDS,
  downstreamServer: (ns) => [ns, `${ns}.svc`, 'seldon-mesh', `seldon-mesh.${ns}`, `seldon-mesh.${ns}.svc`, `seldon-mesh.${ns}.svc.cluster.local`, 'localhost'],
  downstreamClient: NAMESPACE_WILDCARDS,
};

/** The self-signed chain's names (upstream's). */
const SELF_SIGNED_ISSUER = 'seldon-issuer';
const CA_CERTIFICATE = 'seldon-ca';
const CA_SECRET = 'cacert';
const CA_ISSUER = 'seldon-ca-issuer';

/**
 * cert-manager and the certificates of Seldon Core 2's TLS (seed 000: control plane, Envoy upstream mTLS, downstream
 * TLS). Renders the install and the CA; Core 2 asks for the leaf certificates of each namespace with
 * `addCoreV2Certificates`.
 */
export class Tls extends Construct implements Concern {
  /** The issuer of every Core 2 certificate. */
  public readonly issuerRef: CertificateSpecIssuerRef;
  private readonly options: TlsOptions;

  constructor(scope: Construct, id: string, ctx: PlatformContext, options: TlsOptions) {
    super(scope, id);
    this.options = options;
    if (options.install ?? true) {
      new OperatorInstall(this, 'CertManager', {
        platform: ctx.platform,
        olm: OLM.certManager,
        helm: { chart: CHARTS.certManager, name: 'cert-manager', namespace: options.clusterResourceNamespace ?? 'cert-manager', values: hardenedValues(CHARTS.certManager, ctx, { crds: { enabled: true } }) },
        target: ctx.target,
        component: COMPONENT,
      });
    }
    const issuer = options.issuer ?? { type: 'self-signed' };
    if (issuer.type === 'self-signed') {
      this.renderCa(options.clusterResourceNamespace ?? 'cert-manager', options.caDuration ?? '87600h');
      this.issuerRef = { group: 'cert-manager.io', kind: 'ClusterIssuer', name: CA_ISSUER };
    } else {
      this.issuerRef = { group: 'cert-manager.io', kind: 'ClusterIssuer', name: issuer.name };
    }
  }

  /**
   * Renders Core 2 leaf certificates into a namespace (secret name = certificate name), usages server and client auth
   * as upstream.
   */
  public addCoreV2Certificates(scope: Construct, namespace: string, certificates: readonly CoreV2Certificate[]): void {
    for (const key of certificates) {
      const name = CORE_V2_TLS_SECRETS[key];
      new Certificate(scope, `Certificate-${name}`, {
        metadata: { name, namespace, labels: standardLabels(COMPONENT) },
        spec: {
          secretName: name,
          duration: this.options.duration ?? '2160h',
          renewBefore: this.options.renewBefore ?? '360h',
          dnsNames: DNS_NAMES[key](namespace),
          usages: [CertificateSpecUsages.SERVER_AUTH, CertificateSpecUsages.CLIENT_AUTH],
          issuerRef: this.issuerRef,
        },
      });
    }
  }

  /**
   * A client certificate for a proxy outside Core 2 that must trust (and, for downstream mTLS, authenticate to) Envoy:
   * the mesh ingress gateway, through a DestinationRule's `credentialName` (the secret's `ca.crt` is the CA).
   */
  public addClientCertificate(scope: Construct, name: string, namespace: string): void {
    new Certificate(scope, `Certificate-${namespace}-${name}`, {
      metadata: { name, namespace, labels: standardLabels(COMPONENT) },
      spec: {
        secretName: name,
        duration: this.options.duration ?? '2160h',
        renewBefore: this.options.renewBefore ?? '360h',
        commonName: name,
        usages: [CertificateSpecUsages.CLIENT_AUTH],
        issuerRef: this.issuerRef,
      },
    });
  }

  private renderCa(namespace: string, duration: string): void {
    const labels = standardLabels(COMPONENT);
    clusterIssuer(this, 'SelfSignedIssuer', SELF_SIGNED_ISSUER, { selfSigned: {} });
    new Certificate(this, 'CaCertificate', {
      metadata: { name: CA_CERTIFICATE, namespace, labels },
      spec: {
        isCa: true,
        commonName: CA_CERTIFICATE,
        secretName: CA_SECRET,
        duration,
        privateKey: { algorithm: CertificateSpecPrivateKeyAlgorithm.ECDSA, size: 256 },
        issuerRef: { group: 'cert-manager.io', kind: 'ClusterIssuer', name: SELF_SIGNED_ISSUER },
      },
    });
    clusterIssuer(this, 'CaIssuer', CA_ISSUER, { ca: { secretName: CA_SECRET } });
  }
}

/**
 * A `ClusterIssuer`. Its spec is the Issuer's (one Go type upstream), so the imported Issuer types serve; the kind is
 * not imported on its own (validated against the upstream CRD by `npm run validate`).
 */
function clusterIssuer(scope: Construct, id: string, name: string, spec: IssuerSpec): void {
  new ApiObject(scope, id, {
    apiVersion: API_VERSIONS.ClusterIssuer,
    kind: 'ClusterIssuer',
    metadata: { name, labels: standardLabels(COMPONENT) },
    spec: toJson_IssuerSpec(spec),
  });
}

const DURATION = /^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$/;

/** Go duration in hours (for comparisons), or undefined when not a duration. */
function hoursOf(value: string): number | undefined {
  if (!DURATION.test(value)) return undefined;
  const unit: Record<string, number> = { ns: 1e-9 / 3600, us: 1e-6 / 3600, 'µs': 1e-6 / 3600, ms: 1e-3 / 3600, s: 1 / 3600, m: 1 / 60, h: 1 };
  let total = 0;
  for (const [, n, , u] of value.matchAll(/([0-9]+(\.[0-9]+)?)(ns|us|µs|ms|s|m|h)/g)) total += Number(n) * unit[u];
  return total;
}

/** Validates the TLS options. */
export function checkTls(checks: Checks, options: TlsOptions, _config: PlatformConfig): void {
  const hours: Record<string, number | undefined> = {};
  for (const key of ['duration', 'renewBefore', 'caDuration'] as const) {
    const value = options[key];
    if (value === undefined) continue;
    hours[key] = typeof value === 'string' ? hoursOf(value) : undefined;
    checks.expect(hours[key] !== undefined, `tls.${key}`, value, 'is not a Go duration', 'use hours, e.g. "2160h"');
  }
  const duration = hours.duration ?? 2160;
  const renewBefore = hours.renewBefore ?? 360;
  checks.expect(
    renewBefore < duration,
    'tls.renewBefore',
    options.renewBefore ?? '360h',
    `is not shorter than the certificate duration (${options.duration ?? '2160h'}): cert-manager would renew continuously`,
    'set renewBefore well below duration, e.g. duration "2160h" with renewBefore "360h"',
  );
  if (options.clusterResourceNamespace !== undefined) checks.dnsLabel('tls.clusterResourceNamespace', options.clusterResourceNamespace);
  const issuer = options.issuer;
  if (issuer !== undefined && checks.oneOf('tls.issuer.type', issuer.type, ['self-signed', 'cluster-issuer'] as const) && issuer.type === 'cluster-issuer') {
    checks.expect(typeof issuer.name === 'string' && isDnsLabel(issuer.name), 'tls.issuer.name', issuer.name, 'is not a ClusterIssuer name', 'name the ClusterIssuer of your CA, e.g. "corporate-ca"');
  }
}
