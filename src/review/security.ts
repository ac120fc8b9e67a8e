/**
 * The security posture of a render, read from the rendered objects alone: TLS per plane, Kafka authentication, Istio
 * mTLS, NetworkPolicy coverage and the secrets the render depends on. Anything a concern did not render is reported
 * as "not rendered", never guessed.
 */
import { KubeObject } from '../lib/render';
import { CHARTS } from '../versions';
import { byNamespaceAndName, compareText, field, findSettings, groupInto, list, qualifiedName, sortedUnique, text } from './fields';
import { applicationSources, ofKind } from './inventory';
import { ReviewSecret } from './model';

export const NOT_RENDERED = 'not rendered';

/** The Helm chart whose values carry Core 2's `security` block (seed 000). */
const CORE_V2_SETUP_CHART = CHARTS.seldonCoreV2Setup.chart;

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

/** The values of the Core 2 setup chart's Application, when one is rendered. */
export function coreV2SetupValues(objects: readonly KubeObject[]): unknown {
  for (const app of ofKind(objects, 'Application', 'argoproj.io')) {
    const source = applicationSources(app).find((s) => text(s, 'chart') === CORE_V2_SETUP_CHART);
    if (source) return field(source, 'helm', 'valuesObject') ?? {};
  }
  return undefined;
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

function kafkaListeners(objects: readonly KubeObject[]): string[] {
  return sorted(objects, 'Kafka', 'kafka.strimzi.io').flatMap((kafka) =>
    list(kafka, 'spec', 'kafka', 'listeners').map((l) => {
      const tls = field(l, 'tls') === true ? 'TLS' : 'plaintext';
      const type = text(l, 'authentication', 'type');
      const auth = type ? `authentication ${type}` : 'no authentication';
      return `${qualifiedName(kafka)} listener ${text(l, 'name') ?? '?'}:${text(l, 'port') ?? '?'} (${text(l, 'type') ?? '?'}): ${tls}, ${auth}`;
    }),
  );
}

function peerAuthentications(objects: readonly KubeObject[]): string[] {
  return sorted(objects, 'PeerAuthentication', 'security.istio.io').map((p) => `${qualifiedName(p)}: ${text(p, 'spec', 'mtls', 'mode') ?? 'UNSET (inherits)'}`);
}

function meshControlPlanes(objects: readonly KubeObject[]): string[] {
  return sorted(objects, 'ServiceMeshControlPlane', 'maistra.io').map((smcp) => {
    const dataPlane = field(smcp, 'spec', 'security', 'dataPlane', 'mtls');
    const controlPlane = field(smcp, 'spec', 'security', 'controlPlane', 'mtls');
    return `${qualifiedName(smcp)}: data-plane mTLS ${onOff(dataPlane)}, control-plane mTLS ${onOff(controlPlane)}`;
  });
}

function onOff(value: unknown): string {
  return value === true ? 'on' : value === false ? 'off' : 'unset';
}

function destinationRules(objects: readonly KubeObject[]): string[] {
  return sorted(objects, 'DestinationRule', 'networking.istio.io').map(
    (d) => `${qualifiedName(d)} (${text(d, 'spec', 'host') ?? '?'}): ${text(d, 'spec', 'trafficPolicy', 'tls', 'mode') ?? 'no TLS setting'}`,
  );
}

/** `ISTIO_TLS_MODE` (env or values key) and `istio.tlsMode` values, wherever a concern set them. */
function istioTlsModeSettings(objects: readonly KubeObject[]): string[] {
  const isTlsMode = (key: string, path: readonly string[]) => key === 'ISTIO_TLS_MODE' || (key === 'tlsMode' && path[path.length - 1] === 'istio');
  return [...objects].sort((a, b) => compareText(a.kind, b.kind) || byNamespaceAndName(a, b)).flatMap((obj) => findSettings(obj, isTlsMode).map((s) => `${obj.kind} ${qualifiedName(obj)} ${s.path}: ${String(s.value)}`));
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
    { plane: 'Kafka listeners', settings: kafkaListeners(objects), source: 'Strimzi `Kafka` `spec.kafka.listeners`' },
    { plane: 'Service mesh', settings: meshControlPlanes(objects), source: '`ServiceMeshControlPlane` `spec.security`' },
    { plane: 'Istio mTLS (PeerAuthentication)', settings: peerAuthentications(objects), source: '`PeerAuthentication` `spec.mtls.mode`' },
    { plane: 'Istio client TLS (DestinationRule)', settings: destinationRules(objects), source: '`DestinationRule` `spec.trafficPolicy.tls.mode`' },
    { plane: 'Istio TLS mode settings', settings: istioTlsModeSettings(objects), source: '`ISTIO_TLS_MODE` / `istio.tlsMode` in any object' },
    { plane: 'Certificates (cert-manager)', settings: certificates(objects), source: '`Certificate` objects' },
  ];
}

/** NetworkPolicy coverage of one namespace the render creates. */
export interface NamespacePolicies {
  readonly namespace: string;
  readonly policies: readonly string[];
}

/** For every namespace the render creates (a `Namespace` object), the NetworkPolicies rendered into it. */
export function networkPolicyCoverage(objects: readonly KubeObject[]): NamespacePolicies[] {
  const policies = new Map<string, string[]>();
  for (const p of ofKind(objects, 'NetworkPolicy', 'networking.k8s.io')) groupInto(policies, p.metadata.namespace ?? '', String(p.metadata.name));
  return sortedUnique(ofKind(objects, 'Namespace', '').map((n) => String(n.metadata.name))).map((namespace) => ({
    namespace,
    policies: sortedUnique(policies.get(namespace) ?? []),
  }));
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
