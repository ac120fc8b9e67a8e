/**
 * The security posture of a render, read from the rendered objects alone: the settings per plane (TLS, Kafka
 * authentication, Istio mTLS, certificates) and the secrets the render depends on. Anything a concern did not render is
 * reported as "not rendered", never guessed. The verdicts (which secure default holds, which is off and by which
 * opt-in) and NetworkPolicy coverage come from the secure-defaults report (secure-defaults.ts), whose readers this
 * table shares.
 */
import { KubeObject } from '../lib/render';
import { byNamespaceAndName, compareText, field, qualifiedName, sortedUnique, text } from './fields';
import { ofKind } from './inventory';
import { ReviewSecret } from './model';
import { CORE_V2_SETUP_CHART, coreV1IstioSettings, coreV2SetupValues, kafkaListeners } from './secure-defaults';

export const NOT_RENDERED = 'not rendered';

/** One line of the posture table. */
export interface PostureRow {
  readonly plane: string;
  /** One entry per setting found; empty means not rendered. */
  readonly settings: readonly string[];
  /** Where the setting is read from. */
  readonly source: string;
}

/** The objects of a kind and group, by namespace and name. */
function sorted(objects: readonly KubeObject[], kind: string, group: string): KubeObject[] {
  return ofKind(objects, kind, group).sort(byNamespaceAndName);
}

/** A chart value, or the chart's default (named as such) when the setup chart is rendered without it. */
function chartValue(values: unknown, path: readonly string[], chartDefault: string): string[] {
  if (values === undefined) return [];
  const value = text(values, ...path);
  return [value ?? `${chartDefault} (chart default)`];
}

function kafkaClientSetting(values: unknown): string[] {
  const protocol = chartValue(values, ['security', 'kafka', 'protocol'], 'PLAINTEXT');
  if (protocol.length === 0) return [];
  const mechanism = protocol[0].startsWith('SASL') ? text(values, 'security', 'kafka', 'sasl', 'mechanism') : undefined;
  const bootstrap = text(values, 'kafka', 'bootstrap');
  return [[protocol[0], mechanism, bootstrap ? `to ${bootstrap}` : undefined].filter(Boolean).join(' ')];
}

function listenerSettings(objects: readonly KubeObject[]): string[] {
  return kafkaListeners(objects)
    .sort((a, b) => byNamespaceAndName(a.cluster, b.cluster))
    .map((l) => `${qualifiedName(l.cluster)} listener ${l.name}:${l.port ?? '?'} (${l.type ?? '?'}): ${l.tls ? 'TLS' : 'plaintext'}, ${l.authentication ? `authentication ${l.authentication}` : 'no authentication'}`);
}

function peerAuthentications(objects: readonly KubeObject[]): string[] {
  return sorted(objects, 'PeerAuthentication', 'security.istio.io').map((p) => `${qualifiedName(p)}: ${text(p, 'spec', 'mtls', 'mode') ?? 'UNSET (inherits)'}`);
}

function meshControlPlanes(objects: readonly KubeObject[]): string[] {
  const smcps = sorted(objects, 'ServiceMeshControlPlane', 'maistra.io').map((smcp) => {
    const dataPlane = field(smcp, 'spec', 'security', 'dataPlane', 'mtls');
    const controlPlane = field(smcp, 'spec', 'security', 'controlPlane', 'mtls');
    return `${qualifiedName(smcp)}: data-plane mTLS ${onOff(dataPlane)}, control-plane mTLS ${onOff(controlPlane)}`;
  });
  // OpenShift Service Mesh 3: data-plane mTLS is the PeerAuthentication row; the Istio resource names the control plane.
  const istios = sorted(objects, 'Istio', 'sailoperator.io').map((i) => `Istio ${i.metadata.name} (${text(i, 'spec', 'version') ?? '?'}) in ${text(i, 'spec', 'namespace') ?? '?'}: mTLS from PeerAuthentication`);
  return [...smcps, ...istios];
}

function onOff(value: unknown): string {
  return value === true ? 'on' : value === false ? 'off' : 'unset';
}

function destinationRules(objects: readonly KubeObject[]): string[] {
  return sorted(objects, 'DestinationRule', 'networking.istio.io').map(
    (d) => `${qualifiedName(d)} (${text(d, 'spec', 'host') ?? '?'}): ${text(d, 'spec', 'trafficPolicy', 'tls', 'mode') ?? 'no TLS setting'}`,
  );
}

/** Core v1's DestinationRule TLS mode, per install (Istio routing off is said so). */
function istioTlsModeSettings(objects: readonly KubeObject[]): string[] {
  return coreV1IstioSettings(objects)
    .map((s) => `${s.where}: ${s.enabled ? s.tlsMode ?? 'unset' : `${s.tlsMode ?? 'unset'} (Istio routing off)`}`)
    .sort(compareText);
}

function certificates(objects: readonly KubeObject[]): string[] {
  return sorted(objects, 'Certificate', 'cert-manager.io').map((c) => `${qualifiedName(c)} (issuer ${text(c, 'spec', 'issuerRef', 'name') ?? '?'})`);
}

/** The posture table: one row per plane, its settings by namespace and name. */
export function postureOf(objects: readonly KubeObject[]): PostureRow[] {
  const values = coreV2SetupValues(objects);
  const setup = `\`${CORE_V2_SETUP_CHART}\` values`;
  return [
    { plane: 'Core 2 control plane', settings: chartValue(values, ['security', 'controlplane', 'protocol'], 'PLAINTEXT'), source: `${setup} \`security.controlplane.protocol\`` },
    { plane: 'Core 2 data plane (Envoy)', settings: chartValue(values, ['security', 'envoy', 'protocol'], 'PLAINTEXT'), source: `${setup} \`security.envoy.protocol\`` },
    { plane: 'Kafka, as Seldon connects', settings: kafkaClientSetting(values), source: `${setup} \`security.kafka\`, \`kafka.bootstrap\`` },
    { plane: 'Kafka listeners', settings: listenerSettings(objects), source: 'Strimzi `Kafka` `spec.kafka.listeners`' },
    { plane: 'Service mesh', settings: meshControlPlanes(objects), source: '`ServiceMeshControlPlane` `spec.security` (2.x); `Istio` (3)' },
    { plane: 'Istio mTLS (PeerAuthentication)', settings: peerAuthentications(objects), source: '`PeerAuthentication` `spec.mtls.mode`' },
    { plane: 'Istio client TLS (DestinationRule)', settings: destinationRules(objects), source: '`DestinationRule` `spec.trafficPolicy.tls.mode`' },
    { plane: 'Core v1 Istio TLS mode', settings: istioTlsModeSettings(objects), source: '`ISTIO_TLS_MODE` (OLM) / `istio.tlsMode` (chart, Meta-Operator core values)' },
    { plane: 'Certificates (cert-manager)', settings: certificates(objects), source: '`Certificate` objects' },
  ];
}

/** The secrets, one per namespace/name (keys and purposes merged), sorted by namespace and name. */
export function mergedSecrets(secrets: readonly ReviewSecret[]): ReviewSecret[] {
  const byId = new Map<string, ReviewSecret>();
  for (const s of secrets) {
    const id = `${s.namespace}/${s.name}`;
    const seen = byId.get(id);
    byId.set(
      id,
      seen
        ? { ...seen, keys: sortedUnique([...seen.keys, ...s.keys]), purpose: sortedUnique([...seen.purpose.split('; '), s.purpose]).join('; '), external: seen.external || s.external }
        : { ...s, keys: sortedUnique(s.keys) },
    );
  }
  return [...byId.values()].sort((a, b) => compareText(a.namespace, b.namespace) || compareText(a.name, b.name));
}
