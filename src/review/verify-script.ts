/**
 * `dist/<environment>/verify.sh`: seed 004's "Validating Installation" checks, generated from what was rendered —
 * gateways and routes exist, brokers and operator instances are Ready, the NetworkPolicies, PodMonitors and
 * PrometheusRules of every namespace exist, operators are installed, the Kafka cluster is Ready, the Core 2 runtime pods
 * run, every Argo CD Application is Synced and Healthy, and the secrets the render expects exist. It only runs `get`
 * (read-only), prints `PASS`/`FAIL` per check and a summary, and exits 1 on any failure. Shellcheck-clean.
 */
import { clusterOfFile, rootApplicationName } from '../concerns/delivery';
import { IN_CLUSTER } from '../lib/names';
import { KubeObject, RenderedObject } from '../lib/render';
import { byNamespaceAndName, compareText, groupOfObject, list, text } from './fields';
import { ReviewInput } from './model';
import { mergedSecrets } from './security';
import { scriptPrelude } from './verify-functions';

export const VERIFY_FILE = 'verify.sh';

/** How one object is checked; each maps to a function of the script. */
type ObjectCheck = 'exists' | 'ready' | 'health-green' | 'phase-available' | 'subscription' | 'application';

interface KindRule {
  readonly kind: string;
  readonly group: string;
  readonly check: ObjectCheck;
}

/** The per-object checks, by section, in the order the script runs them (roughly the apply order). */
const OBJECT_SECTIONS: readonly { readonly title: string; readonly rules: readonly KindRule[] }[] = [
  { title: 'Namespaces', rules: [{ kind: 'Namespace', group: '', check: 'exists' }] },
  { title: 'Operators (OLM Subscriptions and their ClusterServiceVersions)', rules: [{ kind: 'Subscription', group: 'operators.coreos.com', check: 'subscription' }] },
  {
    title: 'Service mesh',
    rules: [
      { kind: 'ServiceMeshControlPlane', group: 'maistra.io', check: 'ready' },
      // OpenShift Service Mesh 3: both report a Ready condition (sail-operator@1.28.3 docs/api-reference/sailoperator.io.md).
      { kind: 'Istio', group: 'sailoperator.io', check: 'ready' },
      { kind: 'IstioCNI', group: 'sailoperator.io', check: 'ready' },
    ],
  },
  {
    title: 'Ingress: gateways and routes',
    rules: [
      { kind: 'Gateway', group: 'networking.istio.io', check: 'exists' },
      { kind: 'Route', group: 'route.openshift.io', check: 'exists' },
    ],
  },
  {
    title: 'Serverless: Knative and brokers',
    rules: [
      { kind: 'KnativeServing', group: 'operator.knative.dev', check: 'ready' },
      { kind: 'KnativeEventing', group: 'operator.knative.dev', check: 'ready' },
      { kind: 'Broker', group: 'eventing.knative.dev', check: 'ready' },
    ],
  },
  { title: 'Kafka', rules: [{ kind: 'Kafka', group: 'kafka.strimzi.io', check: 'ready' }] },
  { title: 'Elasticsearch', rules: [{ kind: 'Elasticsearch', group: 'elasticsearch.k8s.elastic.co', check: 'health-green' }] },
  {
    title: 'Certificates and external secrets',
    rules: [
      { kind: 'Certificate', group: 'cert-manager.io', check: 'ready' },
      { kind: 'ExternalSecret', group: 'external-secrets.io', check: 'ready' },
    ],
  },
  { title: 'NetworkPolicies', rules: [{ kind: 'NetworkPolicy', group: 'networking.k8s.io', check: 'exists' }] },
  {
    title: 'Monitoring: PodMonitors, ServiceMonitors and PrometheusRules',
    rules: [
      { kind: 'PodMonitor', group: 'monitoring.coreos.com', check: 'exists' },
      { kind: 'ServiceMonitor', group: 'monitoring.coreos.com', check: 'exists' },
      { kind: 'PrometheusRule', group: 'monitoring.coreos.com', check: 'exists' },
    ],
  },
  {
    title: 'Argo CD',
    rules: [
      { kind: 'ArgoCD', group: 'argoproj.io', check: 'phase-available' },
      { kind: 'Application', group: 'argoproj.io', check: 'application' },
    ],
  },
];

/**
 * The Core 2 components a SeldonRuntime runs, by the name its `spec.overrides` use (which is also the prefix of their
 * pods, e.g. `seldon-scheduler-0`, `seldon-envoy-<hash>`; seed 004 "Validating Seldon Core V2").
 */
const CORE_V2_RUNTIME_COMPONENTS = ['seldon-dataflow-engine', 'seldon-envoy', 'seldon-modelgateway', 'seldon-pipelinegateway', 'seldon-scheduler'];

/** The cluster client the script uses unless `KUBECTL` says otherwise. */
export function defaultClient(platform: ReviewInput['platform']): string {
  return platform === 'openshift' ? 'oc' : 'kubectl';
}

/** A word as one shell argument (single-quoted unless it is plainly safe). */
export function shellQuote(value: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

function call(fn: string, ...args: string[]): string {
  return [fn, ...args.map(shellQuote)].join(' ');
}

/** The resource argument of `get` for an object's kind: `kind.group`, so that e.g. Knative and OpenShift routes never mix. */
function resourceOf(obj: KubeObject): string {
  const group = groupOfObject(obj);
  return group ? `${obj.kind.toLowerCase()}.${group}` : obj.kind.toLowerCase();
}

function objectCall(check: ObjectCheck, obj: KubeObject): string[] {
  const ns = obj.metadata.namespace ?? '';
  const name = String(obj.metadata.name);
  const resource = resourceOf(obj);
  switch (check) {
    case 'exists':
      return [call('check_exists', resource, ns, name)];
    case 'ready':
      return [call('check_ready', resource, ns, name)];
    case 'health-green':
      // A single data node cannot place replica shards: its health is yellow by design.
      return [
        dataNodes(obj) > 1
          ? call('check_field', resource, ns, name, '{.status.health}', 'green', 'health is green')
          : call('check_field', resource, ns, name, '{.status.health}', 'green|yellow', 'health is green or yellow (one node: replicas unassigned)'),
      ];
    case 'phase-available':
      return [call('check_field', resource, ns, name, '{.status.phase}', 'Available', 'is Available')];
    case 'subscription':
      // Manual approval (a pinned operator): upgrades wait as InstallPlans for a person; the script lists them.
      return [call('check_subscription', ns, name), ...(text(obj, 'spec', 'installPlanApproval') === 'Manual' ? [call('check_pending_installplans', ns, name)] : [])];
    case 'application':
      return [call('check_application', ns, name)];
  }
}

/** One section of generated calls; empty sections are left out. */
interface Section {
  readonly title: string;
  readonly calls: readonly string[];
}

/**
 * Each section's checks by namespace (cluster-scoped first), then rule, then name: a namespace's checks stay together.
 * With two clusters, an object applied to the Argo CD cluster is checked there (`on argocd …`).
 */
function objectSections(rendered: readonly RenderedObject[], twoClusters: boolean): Section[] {
  return OBJECT_SECTIONS.map((section) => {
    const matches = section.rules.flatMap((rule, rank) =>
      rendered.filter(({ object }) => object.kind === rule.kind && groupOfObject(object) === rule.group).map(({ file, object }) => ({ obj: object, cluster: clusterOfFile(file, twoClusters), rule, rank })),
    );
    matches.sort((a, b) => compareText(a.obj.metadata.namespace ?? '', b.obj.metadata.namespace ?? '') || a.rank - b.rank || byNamespaceAndName(a.obj, b.obj));
    const on = (cluster: string, line: string) => (cluster === 'argocd' ? `on argocd ${line}` : line);
    return { title: section.title, calls: matches.flatMap((m) => objectCall(m.rule.check, m.obj).map((line) => on(m.cluster, line))) };
  });
}

/** The components a runtime runs: all of them, minus those its overrides disable or scale to zero. */
function runtimeComponents(runtime: KubeObject): string[] {
  const off = new Set(
    list(runtime, 'spec', 'overrides')
      .filter((o) => text(o, 'disable') === 'true' || text(o, 'replicas') === '0')
      .map((o) => text(o, 'name')),
  );
  return CORE_V2_RUNTIME_COMPONENTS.filter((c) => !off.has(c));
}

function coreV2Section(objects: readonly KubeObject[]): Section {
  const runtimes = objects.filter((o) => o.kind === 'SeldonRuntime' && groupOfObject(o) === 'mlops.seldon.io').sort(byNamespaceAndName);
  return {
    title: 'Seldon Core 2 runtime pods',
    calls: runtimes.flatMap((r) => runtimeComponents(r).map((c) => call('check_pods', r.metadata.namespace ?? '', c))),
  };
}

function secretSection(input: ReviewInput): Section {
  return { title: 'Secrets the render expects', calls: mergedSecrets(input.secrets).map((s) => call('check_secret', s.namespace, s.name, ...s.keys)) };
}

/** The verify script of one environment. */
export function verifyScript(input: ReviewInput): string {
  const objects = input.objects.map((o) => o.object);
  const twoClusters = input.delivery.destinationServer !== IN_CLUSTER;
  const sections = [...objectSections(input.objects, twoClusters), coreV2Section(objects), secretSection(input)].filter((s) => s.calls.length > 0);
  // The functions a line calls: its first word, and the check after `on <cluster>`.
  const used = new Set(sections.flatMap((s) => s.calls.flatMap((c) => (c.startsWith('on ') ? ['on', c.split(' ')[2]] : [c.split(' ')[0]]))));
  const client = defaultClient(input.platform);
  const body = sections.flatMap((s) => ['', call('section', s.title), ...s.calls]);
  const clusters = { twoClusters, destinationServer: input.delivery.destinationServer, argoNamespace: input.delivery.argoNamespace, rootApplication: rootApplicationName(input.environment) };
  return [scriptPrelude(input.environment, input.platform, client, used, clusters), ...body, '', 'summary', ''].join('\n');
}

/** The number of Elasticsearch nodes an `Elasticsearch` object asks for (sum of its node sets' counts). */
function dataNodes(obj: KubeObject): number {
  const nodeSets = (obj.spec as { nodeSets?: Array<{ count?: number }> } | undefined)?.nodeSets ?? [];
  return nodeSets.reduce((sum, set) => sum + (set.count ?? 1), 0);
}
