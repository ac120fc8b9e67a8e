/**
 * Typed Helm values of `seldon-core-v2-setup` (research §1), and the spec of the `Server` resources rendered per
 * runtime namespace instead of the `seldon-core-v2-servers` chart, built from the Core 2 options.
 * Only the keys the platform sets are typed; everything else keeps the chart's default.
 */
import type { KafkaClientValues } from './kafka';
import type { KafkaSecurityValues } from './kafka-security';
import { CORE_V2_TLS_SECRETS } from './tls';

/** `PLAINTEXT` or `SSL`, for the control plane and for Envoy. */
export type TlsProtocol = 'PLAINTEXT' | 'SSL';

/**
 * OpenShift-safe pod security context (seed 004 components-values.yaml): `runAsNonRoot: true`, and the chart's
 * hard-coded uid/gid 1000 (`runAsUser`, `runAsGroup`, `fsGroup`), which the `restricted-v2` SCC rejects, deleted so that
 * OpenShift assigns the namespace's range. The seed deletes them with `null` values; see `deletedPodSecurityKeys`.
 */
export interface PodSecurityValues {
  readonly runAsNonRoot: true;
}

/** The chart components whose securityContext seed 004 overrides. */
export const SECURED_COMPONENTS = ['controller', 'envoy', 'scheduler', 'dataflow', 'modelgateway', 'hodometer', 'pipelinegateway', 'serverConfig'] as const;
export type SecuredComponent = (typeof SECURED_COMPONENTS)[number];

/** The securityContext keys seed 004 sets to `null`: chart defaults to delete on OpenShift. */
const DELETED_SECURITY_KEYS = ['runAsUser', 'runAsGroup', 'fsGroup'] as const;

/** `security.controlplane` (protocol and the secret names; the file paths keep the chart's defaults). */
export interface ControlPlaneSecurityValues {
  readonly protocol: TlsProtocol;
  readonly ssl?: {
    readonly server: { readonly secret: string; readonly clientValidationSecret: string };
    readonly client: { readonly secret: string; readonly serverValidationSecret: string };
  };
}

/** `security.envoy`. */
export interface EnvoySecurityValues {
  readonly protocol: TlsProtocol;
  readonly ssl?: {
    readonly upstream: {
      readonly server: { readonly secret: string; readonly clientValidationSecret: string };
      readonly client: { readonly secret: string; readonly serverValidationSecret: string };
    };
    readonly downstream: {
      readonly server: { readonly secret: string; readonly clientValidationSecret?: string };
      readonly client: { readonly mtls: boolean; readonly secret?: string; readonly serverValidationSecret: string };
    };
  };
}

/** `security` of `seldon-core-v2-setup`. */
export interface SecurityValues {
  readonly controlplane: ControlPlaneSecurityValues;
  readonly envoy: EnvoySecurityValues;
  readonly kafka: KafkaSecurityValues;
}

/** The `seldon-core-v2-setup` values this platform sets. */
export interface SetupValues {
  readonly controller: { readonly clusterwide: boolean; readonly securityContext?: PodSecurityValues };
  readonly envoy?: { readonly securityContext: PodSecurityValues };
  readonly scheduler?: { readonly securityContext: PodSecurityValues };
  readonly dataflow?: { readonly securityContext: PodSecurityValues };
  readonly modelgateway?: { readonly securityContext: PodSecurityValues };
  readonly hodometer?: { readonly securityContext: PodSecurityValues };
  readonly pipelinegateway?: { readonly securityContext: PodSecurityValues };
  readonly serverConfig?: { readonly securityContext: PodSecurityValues };
  readonly kafka: KafkaClientValues;
  /**
   * `opentelemetry`: the chart (2.9.1) reads `disable` (→ `SeldonConfig.spec.config.tracingConfig.disable`;
   * SeldonIO/helm-charts@cd6c4c1:helm-charts/seldon-core-v2-setup/templates/seldon-v2-components.yaml:1143). Seed 004's
   * `enable: false` was right for its chart 2.1.0 (@15f5727:…/templates/tracing.yaml:8) and is ignored by 2.9.1, where
   * tracing would stay on against a collector that does not exist.
   */
  readonly opentelemetry: { readonly disable: boolean; readonly endpoint?: string; readonly ratio?: number };
  /**
   * `services`: the gRPC port-name prefix Istio needs (`http2-`) sits under `services` in 2.9.1
   * (SeldonIO/helm-charts@cd6c4c1:helm-charts/seldon-core-v2-setup/templates/seldon-v2-components.yaml:1140). Seed 004's
   * top-level `serviceGRPCPrefix` was the key of its chart 2.1.0 (@15f5727:…/values.yaml:267); 2.9.1 ignores it.
   */
  readonly services: { readonly serviceGRPCPrefix: string; readonly defaultServiceType: 'ClusterIP' };
  readonly security: SecurityValues;
}

/** Options that shape the `security` values. */
export interface SecurityInputs {
  readonly controlPlane: TlsProtocol;
  readonly envoy: TlsProtocol;
  readonly downstreamMtls: boolean;
  readonly kafka: KafkaSecurityValues;
}

const S = CORE_V2_TLS_SECRETS;

/**
 * `security`, with every secret name wired to the certificates the TLS concern issues (the names of upstream's
 * `values-tls-dataplane-controlplane-example.yaml`).
 */
export function securityValues(inputs: SecurityInputs): SecurityValues {
  const controlplane: ControlPlaneSecurityValues =
    inputs.controlPlane === 'SSL'
      ? {
          protocol: 'SSL',
          ssl: {
            server: { secret: S.controlPlaneServer, clientValidationSecret: S.controlPlaneClient },
            client: { secret: S.controlPlaneClient, serverValidationSecret: S.controlPlaneServer },
          },
        }
      : { protocol: 'PLAINTEXT' };
  const mtls = inputs.downstreamMtls;
  const envoy: EnvoySecurityValues =
    inputs.envoy === 'SSL'
      ? {
          protocol: 'SSL',
          ssl: {
            upstream: {
              server: { secret: S.upstreamServer, clientValidationSecret: S.upstreamClient },
              client: { secret: S.upstreamClient, serverValidationSecret: S.upstreamServer },
            },
            downstream: {
              server: { secret: S.downstreamServer, ...(mtls ? { clientValidationSecret: S.downstreamClient } : {}) },
              client: { mtls, ...(mtls ? { secret: S.downstreamClient } : {}), serverValidationSecret: S.downstreamServer },
            },
          },
        }
      : { protocol: 'PLAINTEXT' };
  return { controlplane, envoy, kafka: inputs.kafka };
}

/** The securityContext blocks: seed 004's on OpenShift, none (the chart's uid 1000, runAsNonRoot) on Kubernetes. */
export function podSecurity(openshift: boolean): Partial<Record<SecuredComponent, { securityContext: PodSecurityValues }>> {
  if (!openshift) return {};
  return Object.fromEntries(SECURED_COMPONENTS.map((c) => [c, { securityContext: { runAsNonRoot: true } }]));
}

/** The Helm value paths seed 004 sets to `null` (OpenShift only), e.g. `controller.securityContext.runAsUser`. */
export function deletedPodSecurityKeys(openshift: boolean): string[] {
  if (!openshift) return [];
  return SECURED_COMPONENTS.flatMap((c) => DELETED_SECURITY_KEYS.map((k) => `${c}.securityContext.${k}`));
}

/**
 * The `Server` (`mlops.seldon.io/v1alpha1`) fields the platform sets, as the `seldon-core-v2-servers` chart renders
 * them. Typed by hand: the kind is not imported (`npm run validate` checks it against the upstream CRD).
 */
export interface ServerSpec {
  /** The `ServerConfig` in the controller's namespace (`mlserver`, `triton`, from `seldon-core-v2-setup`). */
  readonly serverConfig: string;
  readonly replicas: number;
}
