/**
 * Evaluates every data path over the rendered objects: the NetworkPolicies (ours and the mesh operator's), the mesh's
 * TLS on each hop (DestinationRule mode, auto mTLS, PeerAuthentication against sidecar presence), each client's TLS and
 * SASL against its server's listener, where each credential in the client's namespace comes from (and whether it
 * follows rotation), and the Kafka ACLs for every topic and group.
 */
import { KubeObject } from '../lib/render';
import { meshFacts, MeshFacts } from './mesh';
import { AppTls, Credential, DataPath } from './model';
import { admittedNamespaces, evaluateIngress, PodRef, PolicySet, renderedPolicies } from './network';
import { dataPaths } from './paths';
import { arr, RenderIndex, str } from './render-index';

/** The proof of one path: a row of the path table. */
export interface PathResult {
  readonly path: DataPath;
  readonly allowedBy: string;
  readonly tls: string;
  readonly credentials: string;
  readonly acl: string;
  /** Empty when the path holds (works, or is denied as designed). */
  readonly problems: readonly string[];
}

/** All paths of one environment. */
export interface PathReport {
  readonly mesh: MeshFacts['kind'];
  readonly results: readonly PathResult[];
}

/**
 * The last reports, by the render's first object: the synth invariant and OVERVIEW.md prove the same render (as two
 * arrays of the same objects), and the proof is the costliest part after the render itself.
 */
const reports = new WeakMap<KubeObject, { objects: readonly KubeObject[]; report: PathReport }>();

function sameObjects(a: readonly KubeObject[], b: readonly KubeObject[]): boolean {
  return a.length === b.length && a.every((o, i) => o === b[i]);
}

/** Proves every data path of a render. */
export function proveDataPaths(objects: readonly KubeObject[]): PathReport {
  const cached = objects.length > 0 ? reports.get(objects[0]) : undefined;
  if (cached && sameObjects(cached.objects, objects)) return cached.report;
  const report = proveUncached(objects);
  if (objects.length > 0) reports.set(objects[0], { objects: [...objects], report });
  return report;
}

function proveUncached(objects: readonly KubeObject[]): PathReport {
  const index = new RenderIndex(objects);
  const mesh = meshFacts(index);
  const policies = new PolicySet([...renderedPolicies(index.objects), ...mesh.policies]);
  return { mesh: mesh.kind, results: dataPaths(index, mesh).map((p) => provePath(p, index, mesh, policies)) };
}

/** The namespaces a many-namespace path stands for, as pods, built once per set (cached on the policy set). */
const universes = new WeakMap<PolicySet, Map<string, { refs: PodRef[]; names: Set<string> }>>();

/** Proves one path against the render. */
export function provePath(path: DataPath, index: RenderIndex, mesh: MeshFacts, policies = new PolicySet([...renderedPolicies(index.objects), ...mesh.policies])): PathResult {
  const problems: string[] = [];
  const pod = (ns: string, labels: Readonly<Record<string, string>>): PodRef => ({ namespace: ns, namespaceLabels: { ...index.namespaceLabels(ns), ...mesh.namespaceLabels(ns) }, labels });
  const { client, server } = path;
  if (path.clientNamespaces) {
    const cache = universes.get(policies) ?? new Map<string, { refs: PodRef[]; names: Set<string> }>();
    universes.set(policies, cache);
    const names = [...path.clientNamespaces, server.namespace].sort();
    const key = `${names.length}:${names[0]}:${names[names.length - 1]}`;
    let universe = cache.get(key);
    if (!universe) {
      universe = { refs: names.map((ns) => pod(ns, {})), names: new Set(names) };
      cache.set(key, universe);
    }
    const { admitted, selecting, by } = admittedNamespaces(policies, path.clientNamespaces, client.labels, universe.refs, pod(server.namespace, server.labels), server.port);
    for (const ns of admitted) {
      problems.push(`${path.title} must be denied, but ${ns} is admitted by ${(by.get(ns) ?? []).join(', ')}: restrict that policy (or, for a mesh-created policy, turn it off) so that model namespaces cannot reach ${server.namespace}`);
    }
    const allowedBy = admitted.length === 0 ? `denied: ${selecting.length} polic${selecting.length === 1 ? 'y selects' : 'ies select'} the server (${selecting.map((p) => p.label).sort().join(', ')}), none admits another model namespace` : `admitted: ${admitted.join(', ')}`;
    return { path, allowedBy, tls: '-', credentials: '-', acl: '-', problems };
  }
  const network = server.external && server.namespace.startsWith('(')
    ? { allowed: true, by: 'outside the cluster render (no NetworkPolicy applies)' }
    : evaluateIngress(policies, pod(client.namespace, client.labels), pod(server.namespace, server.labels), server.port);
  if (path.expect === 'denied') {
    if (network.allowed) problems.push(`${path.title} must be denied, but is admitted by ${network.by}: restrict that policy (or, for a mesh-created policy, turn it off) so that model namespaces cannot reach ${server.namespace}`);
    return { path, allowedBy: network.by, tls: '-', credentials: '-', acl: '-', problems };
  }
  if (client.disabled) problems.push(`${client.name} (${client.namespace}): ${client.disabled}`);
  if (!network.allowed) problems.push(`NetworkPolicy: ${client.name} (${client.namespace}) cannot reach ${server.name} (${server.namespace}:${server.port}): ${network.by}; admit ${client.namespace} in a policy of ${server.namespace}`);
  const tls = proveTls(path, mesh, problems);
  const credentials = path.credentials.map((c) => credentialOrigin(c, index, problems)).join('; ') || '-';
  const acl = path.kafka ? proveAcl(path, index, problems) : '-';
  return { path, allowedBy: network.by, tls, credentials, acl, problems };
}

const TLS_WORDS: Readonly<Record<AppTls, string>> = { plaintext: 'plaintext', tls: 'TLS', mtls: 'mutual TLS' };

function proveTls(path: DataPath, mesh: MeshFacts, problems: string[]): string {
  const { client, server } = path;
  let appTls: AppTls = client.tls;
  let istio = false;
  const dr = client.destinationRuleTls;
  if (client.sidecar) {
    if (dr === 'ISTIO_MUTUAL') istio = true;
    else if (dr === 'SIMPLE') appTls = 'tls';
    else if (dr === 'MUTUAL') appTls = 'mtls';
    else if (dr === undefined) istio = mesh.autoMtls && server.sidecar;
  }
  if (istio && !server.sidecar) {
    problems.push(`TLS: ${client.name} originates Istio mutual TLS (${dr === 'ISTIO_MUTUAL' ? `DestinationRule mode ISTIO_MUTUAL: ${client.destinationRuleSource}` : 'auto mTLS'}) but ${server.name} in ${server.namespace} has no sidecar to terminate it: every request fails (503). Leave the DestinationRule TLS mode unset so that auto mTLS picks plaintext for pods without a sidecar, or inject a sidecar into the server`);
  }
  let serverSide = TLS_WORDS[server.tls];
  if (server.sidecar) {
    const mode = mesh.peerMode(server.namespace, server.labels, server.port);
    serverSide += ` + sidecar (${mode})`;
    if (mode === 'STRICT' && !istio) {
      problems.push(`TLS: ${server.name} in ${server.namespace} has a sidecar whose PeerAuthentication is STRICT on port ${server.port}, but ${client.name} (${client.namespace}) sends ${client.sidecar ? `no Istio mTLS (DestinationRule mode ${dr})` : 'without a sidecar, so no Istio mTLS'}: the connection is reset. Make the port PERMISSIVE for this caller or give the caller a sidecar`);
    }
  }
  if (!(appTls === server.tls || (appTls === 'mtls' && server.tls === 'tls'))) {
    const fix = server.tls === 'plaintext' ? 'switch the client to plaintext or enable TLS on the server' : server.tls === 'mtls' && appTls === 'tls' ? 'give the client a certificate the server trusts' : `set the client to ${TLS_WORDS[server.tls]}`;
    problems.push(`TLS: ${client.name} speaks ${TLS_WORDS[appTls]} (${client.source}) but ${server.name} in ${server.namespace}:${server.port} requires ${TLS_WORDS[server.tls]} (${server.source}); ${fix}`);
  }
  if ((client.sasl ?? '') !== (server.sasl ?? '')) {
    problems.push(`SASL: ${client.name} authenticates with ${client.sasl ?? 'no SASL'} but the listener (${server.source}) requires ${server.sasl ?? 'no SASL'}`);
  }
  const clientSide = `${TLS_WORDS[appTls]}${istio ? ' in Istio mTLS' : ''}${client.sasl ? ` + SASL ${client.sasl}` : ''}`;
  return `${clientSide} → ${serverSide}${server.sasl ? ` + SASL ${server.sasl}` : ''}`;
}

/** Where a credential in the client's namespace comes from; a rotated secret copied by hand is a problem. */
function credentialOrigin(c: Credential, index: RenderIndex, problems: string[]): string {
  const name = `${c.namespace}/${c.secret}`;
  const cert = index.kind('Certificate', c.namespace).find((x) => str(x, 'spec', 'secretName') === c.secret);
  if (cert) return `${name} (cert-manager Certificate)`;
  const es = index.kind('ExternalSecret', c.namespace).find((x) => (str(x, 'spec', 'target', 'name') ?? x.metadata.name) === c.secret);
  if (es) {
    const keys = arr(es, 'spec', 'data').map((d) => str(d, 'secretKey'));
    const missing = c.keys.filter((k) => k && !keys.includes(k));
    if (missing.length > 0) problems.push(`credentials: ExternalSecret ${name} does not provide ${missing.join(', ')}, which the client reads`);
    return `${name} (ExternalSecret from ${str(es, 'spec', 'secretStoreRef', 'kind')} ${str(es, 'spec', 'secretStoreRef', 'name')}, refreshed every ${str(es, 'spec', 'refreshInterval')})`;
  }
  if (c.generatedBy) {
    if (c.generatedBy.namespace === c.namespace) return `${name} (written by ${c.generatedBy.operator})`;
    problems.push(`credentials: ${name} is a copy of a secret ${c.generatedBy.operator} writes and rotates in ${c.generatedBy.namespace}, and nothing in the render keeps the copy in sync (copied by hand, it expires at the next renewal); render an ExternalSecret for it (kafka.secrets.strimziStore)`);
    return `${name} (hand copy of ${c.generatedBy.operator}'s)`;
  }
  return `${name} (provided out of band)`;
}

function proveAcl(path: DataPath, index: RenderIndex, problems: string[]): string {
  const kafka = path.kafka;
  if (!kafka) return '-';
  if (path.server.external) return 'managed Kafka: ACLs are the provider\'s';
  if (!path.server.aclEnforced) return 'not enforced (no authorization on the cluster)';
  const user = index.kind('KafkaUser', path.server.namespace).find((u) => kafka.principal.endsWith(u.metadata.name as string));
  if (!user) {
    problems.push(`ACL: the cluster enforces ACLs but no KafkaUser matches ${kafka.principal}`);
    return 'no KafkaUser';
  }
  const acls = arr(user, 'spec', 'authorization', 'acls');
  const covered = (type: 'topic' | 'group', want: string, ops: string[]) =>
    acls.some((a) => {
      if (str(a, 'resource', 'type') !== type) return false;
      const name = str(a, 'resource', 'name') ?? '';
      const pattern = str(a, 'resource', 'patternType') ?? 'literal';
      const granted = arr(a, 'operations') as string[];
      const opsOk = granted.includes('All') || ops.every((o) => granted.includes(o));
      const wantPrefix = want.endsWith('*') ? want.slice(0, -1) : undefined;
      const nameOk = pattern === 'prefix' ? (wantPrefix ?? want).startsWith(name) : name === '*' || (wantPrefix === undefined && name === want);
      return opsOk && nameOk;
    });
  const missing = [
    ...kafka.topics.filter((t) => !covered('topic', t, ['Read', 'Write', 'Create', 'Describe'])).map((t) => `topic ${t}`),
    ...kafka.groups.filter((g) => !covered('group', g, ['Read'])).map((g) => `group ${g}`),
  ];
  if (missing.length > 0) problems.push(`ACL: KafkaUser ${user.metadata.namespace}/${user.metadata.name} does not grant ${missing.join(', ')} (${path.client.name} in ${path.client.namespace} uses them): add a prefix ACL for each`);
  return missing.length === 0 ? `KafkaUser ${user.metadata.name}: ${kafka.topics.length} topic and ${kafka.groups.length} group patterns covered` : `missing ${missing.join(', ')}`;
}

/** Counts for the table header and the synth summary. */
export function countResults(report: PathReport): { open: number; denied: number; failing: number } {
  const ok = report.results.filter((r) => r.problems.length === 0);
  return {
    open: ok.filter((r) => r.path.expect === 'open').length,
    denied: ok.filter((r) => r.path.expect === 'denied').length,
    failing: report.results.length - ok.length,
  };
}

