/**
 * Every in-cluster Service a chart Application points at must exist with that port, and every `ignoreDifferences`
 * target must be an object the chart renders.
 *
 * Service references are the string values we set that name a cluster host — `http(s)://<svc>.<ns>[.svc[.cluster.local]][:port]/…`
 * or `<svc>.<ns>.svc[…]:port` (a Kafka bootstrap) — and are resolved, in order, against: the environment's own objects;
 * the output of every chart Application of the environment (rendered by the same checks); and the Services an operator
 * creates from a custom resource we render, or a platform provides (OPERATOR_SERVICES: a reasoned, cited table). A
 * reference nothing resolves is a problem. Hosts outside the cluster (`*.example.com`) are not references.
 */
import type { ChartSource } from './chart-render';

/** A Service as a reference target: namespace, name, ports (empty: any port accepted, the owner's ports unknown). */
export interface ServiceTarget {
  readonly namespace: string;
  readonly name: string;
  readonly ports: readonly number[];
  /** Who provides it, for messages. */
  readonly origin: string;
}

/** A Service reference found in our values. */
export interface ServiceReference {
  readonly path: string;
  readonly text: string;
  readonly name: string;
  readonly namespace: string;
  readonly port: number | undefined;
}

/**
 * Services no chart and none of our objects render: created by an operator from a custom resource in the render (the
 * rule derives them from it), or provided by the platform. Each with the upstream source of the name and port.
 */
export const OPERATOR_SERVICES: ReadonlyArray<{ readonly reason: string; readonly derive: (environment: ReadonlyArray<Record<string, any>>) => ServiceTarget[] }> = [
  {
    // elastic/cloud-on-k8s@v3.5.0:pkg/apis/elasticsearch/v1/name.go:61,164 (`<name>-es-http`),
    // pkg/controller/elasticsearch/network/ports.go:9 (HTTPPort = 9200)
    reason: 'ECK creates `<name>-es-http` (port 9200) for each Elasticsearch',
    derive: (env) => ofKind(env, 'Elasticsearch').map((es) => target(es.metadata?.namespace, `${es.metadata?.name}-es-http`, [9200], 'ECK, from Elasticsearch ' + es.metadata?.name)),
  },
  {
    // strimzi/strimzi-kafka-operator@0.51.0:api/src/main/java/io/strimzi/api/kafka/model/kafka/KafkaResources.java:106-108
    // (`<cluster>-kafka-bootstrap`); its ports are the Kafka's internal listeners' ports.
    reason: 'Strimzi creates `<cluster>-kafka-bootstrap` with a port per internal listener of each Kafka',
    derive: (env) =>
      ofKind(env, 'Kafka').map((k) =>
        target(k.metadata?.namespace, `${k.metadata?.name}-kafka-bootstrap`, (k.spec?.kafka?.listeners ?? []).filter((l: any) => l?.type === 'internal').map((l: any) => Number(l.port)), 'Strimzi, from Kafka ' + k.metadata?.name),
      ),
  },
  {
    // knative/eventing@knative-v1.22.2:config/brokers/mt-channel-broker/deployments/broker-ingress.yaml:124-129
    // (Service broker-ingress, port 80, in the KnativeEventing namespace)
    reason: 'Knative Eventing (the operator, from KnativeEventing) runs the multi-tenant broker ingress `broker-ingress` (port 80)',
    derive: (env) => ofKind(env, 'KnativeEventing').map((ke) => target(ke.metadata?.namespace, 'broker-ingress', [80], 'Knative Eventing, from KnativeEventing ' + ke.metadata?.name)),
  },
  {
    // openshift/cluster-monitoring-operator: thanos-querier (9091 web), prometheus-k8s (9091 web), alertmanager-main
    // (9094 web), alertmanager-user-workload (9095) are the platform's monitoring endpoints, not rendered by us.
    reason: "OpenShift's cluster monitoring operator provides the platform's monitoring Services in openshift-* namespaces",
    derive: (env) => (env.some((o) => o?.metadata?.namespace === 'openshift-monitoring' || o?.metadata?.namespace === 'openshift-user-workload-monitoring')
      ? [
          target('openshift-monitoring', 'thanos-querier', [9091], 'OpenShift cluster monitoring'),
          target('openshift-monitoring', 'prometheus-k8s', [9091], 'OpenShift cluster monitoring'),
          target('openshift-monitoring', 'alertmanager-main', [9094], 'OpenShift cluster monitoring'),
          target('openshift-user-workload-monitoring', 'alertmanager-user-workload', [9095], 'OpenShift user-workload monitoring'),
        ]
      : []),
  },
];

const HOST = String.raw`([a-z0-9]([-a-z0-9]*[a-z0-9])?)\.([a-z0-9]([-a-z0-9]*[a-z0-9])?)(\.svc(\.cluster\.local)?)?`;
const URL_REFERENCE = new RegExp(String.raw`^(https?)://${HOST}(:(\d+))?(/.*)?$`);
const HOST_PORT_REFERENCE = new RegExp(String.raw`^${HOST}:(\d+)$`);

/** The in-cluster Service references among the string leaves of `values` (`known` namespaces decide `a.b` hosts). */
export function serviceReferences(values: unknown, knownNamespaces: ReadonlySet<string>): ServiceReference[] {
  const found: ServiceReference[] = [];
  const walk = (value: unknown, path: string): void => {
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`));
    else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
    else if (typeof value === 'string') {
      const reference = parseReference(value.trim(), knownNamespaces);
      if (reference) found.push({ path, text: value, ...reference });
    }
  };
  walk(values, '');
  return found;
}

function parseReference(text: string, knownNamespaces: ReadonlySet<string>): Omit<ServiceReference, 'path' | 'text'> | undefined {
  const url = URL_REFERENCE.exec(text);
  if (url) {
    const [, scheme, name, , namespace, , svc] = url;
    if (!svc && !knownNamespaces.has(namespace)) return undefined;
    return { name, namespace, port: url[9] ? Number(url[9]) : scheme === 'https' ? 443 : 80 };
  }
  const hostPort = HOST_PORT_REFERENCE.exec(text);
  if (hostPort) {
    const [, name, , namespace, , svc] = hostPort;
    if (!svc && !knownNamespaces.has(namespace)) return undefined;
    return { name, namespace, port: Number(hostPort[7]) };
  }
  return undefined;
}

/** Services of a set of objects; objects without a namespace are in `defaultNamespace`. */
export function servicesOf(objects: ReadonlyArray<Record<string, any>>, defaultNamespace: string, origin: string): ServiceTarget[] {
  return ofKind(objects, 'Service').map((s) =>
    target(s.metadata?.namespace ?? defaultNamespace, s.metadata?.name, (s.spec?.ports ?? []).map((p: any) => Number(p?.port)), origin),
  );
}

/**
 * The problems of one chart Application's references, and how many resolved. `chartServices` are the Services every chart Application of the
 * environment renders (so that Deploy's Prometheus URL resolves against kube-prometheus-stack's output).
 */
export function serviceReferenceProblems(
  source: ChartSource,
  output: ReadonlyArray<Record<string, any>>,
  environment: ReadonlyArray<Record<string, any>>,
  chartServices: readonly ServiceTarget[],
  application?: Record<string, any>,
): { problems: string[]; resolved: number } {
  const namespaces = new Set<string>([
    ...environment.map((o) => o?.metadata?.namespace).filter((n): n is string => typeof n === 'string'),
    ...ofKind(environment, 'Namespace').map((n) => String(n.metadata?.name)),
  ]);
  const targets = [
    ...servicesOf(environment, 'default', 'our render'),
    ...chartServices,
    ...OPERATOR_SERVICES.flatMap((rule) => rule.derive(environment)),
  ];
  const problems: string[] = [];
  let resolved = 0;
  for (const ref of serviceReferences(source.values, namespaces)) {
    const candidates = targets.filter((t) => t.name === ref.name && t.namespace === ref.namespace);
    if (candidates.length === 0) {
      problems.push(`value ${ref.path} = ${JSON.stringify(ref.text)} points at Service ${ref.namespace}/${ref.name}, which neither the environment, nor a chart of it, nor a known operator creates`);
    } else if (ref.port !== undefined && !candidates.some((t) => t.ports.length === 0 || t.ports.includes(ref.port!))) {
      const ports = [...new Set(candidates.flatMap((t) => t.ports))].join(', ');
      problems.push(`value ${ref.path} = ${JSON.stringify(ref.text)} uses port ${ref.port}, but Service ${ref.namespace}/${ref.name} (${candidates[0].origin}) has port(s) ${ports}`);
    } else resolved++;
  }
  for (const [i, diff] of (application?.spec?.ignoreDifferences ?? []).entries()) {
    const hit = output.some((o) =>
      o?.kind === diff.kind &&
      String(o.apiVersion ?? '').split('/').slice(0, -1).join('/') === (diff.group ?? '') &&
      (diff.name === undefined || o.metadata?.name === diff.name) &&
      (diff.namespace === undefined || (o.metadata?.namespace ?? source.namespace) === diff.namespace),
    );
    if (!hit) problems.push(`spec.ignoreDifferences[${i}] targets ${diff.group ? `${diff.group}/` : ''}${diff.kind} ${diff.name ?? '*'}, which the chart does not render`);
    else resolved++;
  }
  return { problems, resolved };
}

function ofKind(objects: ReadonlyArray<Record<string, any>>, kind: string): Array<Record<string, any>> {
  return objects.filter((o) => o?.kind === kind);
}

function target(namespace: unknown, name: unknown, ports: number[], origin: string): ServiceTarget {
  return { namespace: String(namespace), name: String(name), ports: ports.filter((p) => Number.isFinite(p)), origin };
}
