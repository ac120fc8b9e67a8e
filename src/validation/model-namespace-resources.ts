/**
 * The containers the platform and Seldon put into a model namespace, with the requests and limits each one gets, read
 * from the rendered objects (never from our own expectations), and whether a namespace quota admits them:
 *
 *   - Core 2 (seldon-core-v2-setup's rendered SeldonConfig `default` and ServerConfigs): the SeldonRuntime's
 *     components (scheduler, envoy, gateways, dataflow, hodometer) and each Server's pod (rclone, agent, server).
 *   - Core v1: the executor (service orchestrator), whose resources are the operator's `EXECUTOR_DEFAULT_*` env
 *     (chart values `executor.resources`, templates/deployment_seldon-controller-manager.yaml:150-157), used when a
 *     predictor sets no `svcOrchSpec.resources` (SeldonIO/seldon-core operator/controllers/seldondeployment_engine.go,
 *     createEngineContainer); and the containers of the platform's own SeldonDeployments.
 *   - Knative's queue-proxy: the KnativeServing `spec.config.deployment` `queue-sidecar-*` keys.
 *   - Containers Seldon Deploy creates at run time (detectors, batch jobs) are not in the render: only a LimitRange
 *     gives them defaults.
 *
 * A ResourceQuota on `limits.cpu`/`limits.memory` rejects a pod whose container lacks a limit unless a LimitRange
 * defaults it; a defaulted limit below an explicit request is rejected too. {@link quotaProblems} checks both.
 */
import { podSpecOf } from './workload-scan';

const RESOURCES = ['cpu', 'memory'] as const;
type Resource = (typeof RESOURCES)[number];

export interface ModelContainer {
  /** What creates it, e.g. `ServerConfig mlserver` or `Knative queue-proxy`. */
  readonly source: string;
  readonly container: string;
  readonly requests: Partial<Record<Resource, string>>;
  readonly limits: Partial<Record<Resource, string>>;
}

export interface LimitRangeDefaults {
  readonly default: Partial<Record<Resource, string>>;
  readonly defaultRequest: Partial<Record<Resource, string>>;
}

function pick(values: Record<string, unknown> | undefined): Partial<Record<Resource, string>> {
  const out: Partial<Record<Resource, string>> = {};
  for (const r of RESOURCES) if (values?.[r] !== undefined && values[r] !== '') out[r] = String(values[r]);
  return out;
}

function containersOfPod(source: string, pod: Record<string, any> | undefined): ModelContainer[] {
  return [...(pod?.initContainers ?? []), ...(pod?.containers ?? [])].map((c: Record<string, any>) => ({
    source,
    container: String(c.name),
    requests: pick(c.resources?.requests),
    limits: pick(c.resources?.limits),
  }));
}

/**
 * The containers of one model namespace: `chartObjects` are the `helm template` outputs of the environment's chart
 * Applications, `own` the platform's objects (dist/<env>).
 */
export function modelNamespaceContainers(namespace: string, chartObjects: ReadonlyArray<Record<string, any>>, own: ReadonlyArray<Record<string, any>>): ModelContainer[] {
  const inNamespace = own.filter((o) => o.metadata?.namespace === namespace);
  const out: ModelContainer[] = [];
  // Core 2: a SeldonRuntime runs the SeldonConfig's components; each Server runs its ServerConfig's pod.
  for (const runtime of inNamespace.filter((o) => o.kind === 'SeldonRuntime')) {
    const config = chartObjects.find((o) => o.kind === 'SeldonConfig' && o.metadata?.name === (runtime.spec?.seldonConfig ?? 'default'));
    for (const component of config?.spec?.components ?? []) out.push(...containersOfPod(`SeldonConfig ${config!.metadata.name} component ${component.name}`, component.podSpec));
  }
  for (const server of inNamespace.filter((o) => o.kind === 'Server')) {
    const config = chartObjects.find((o) => o.kind === 'ServerConfig' && o.metadata?.name === server.spec?.serverConfig);
    out.push(...containersOfPod(`Server ${server.metadata.name} (ServerConfig ${server.spec?.serverConfig})`, server.spec?.podSpec ?? config?.spec?.podSpec));
  }
  // Core v1: the executor's defaults from the operator's env, and the platform's own SeldonDeployments.
  const manager = chartObjects.find((o) => o.kind === 'Deployment' && o.metadata?.name === 'seldon-controller-manager');
  const env = new Map<string, string>((podSpecOf(manager ?? {})?.containers ?? []).flatMap((c: Record<string, any>) => (c.env ?? []).map((e: Record<string, any>) => [e.name, String(e.value ?? '')])));
  const sdeps = inNamespace.filter((o) => o.kind === 'SeldonDeployment');
  // Model owners create SeldonDeployments at run time (GitOps), so the executor counts wherever Core v1 runs.
  if (manager !== undefined) {
    out.push({
      source: 'Core v1 executor (operator EXECUTOR_DEFAULT_*)',
      container: 'seldon-container-engine',
      requests: pick({ cpu: env.get('EXECUTOR_DEFAULT_CPU_REQUEST'), memory: env.get('EXECUTOR_DEFAULT_MEMORY_REQUEST') }),
      limits: pick({ cpu: env.get('EXECUTOR_DEFAULT_CPU_LIMIT'), memory: env.get('EXECUTOR_DEFAULT_MEMORY_LIMIT') }),
    });
  }
  for (const sdep of sdeps) {
    for (const predictor of sdep.spec?.predictors ?? []) {
      for (const spec of predictor.componentSpecs ?? []) out.push(...containersOfPod(`SeldonDeployment ${sdep.metadata.name} predictor ${predictor.name}`, spec.spec));
    }
  }
  // Knative queue-proxy, in every Knative revision.
  const serving = own.find((o) => o.kind === 'KnativeServing');
  if (serving !== undefined) {
    const d = serving.spec?.config?.deployment ?? {};
    out.push({
      source: 'Knative queue-proxy (KnativeServing spec.config.deployment)',
      container: 'queue-proxy',
      // Knative's own default CPU request when the key is absent (knative/serving config-deployment: "currently 25m").
      requests: pick({ cpu: d['queue-sidecar-cpu-request'] ?? '25m', memory: d['queue-sidecar-memory-request'] }),
      limits: pick({ cpu: d['queue-sidecar-cpu-limit'], memory: d['queue-sidecar-memory-limit'] }),
    });
  }
  return out;
}

/** The LimitRange container defaults of a namespace, or undefined. */
export function limitRangeOf(namespace: string, own: ReadonlyArray<Record<string, any>>): LimitRangeDefaults | undefined {
  const range = own.find((o) => o.kind === 'LimitRange' && o.metadata?.namespace === namespace);
  const item = range?.spec?.limits?.find((l: Record<string, any>) => l.type === 'Container');
  return item ? { default: pick(item.default), defaultRequest: pick(item.defaultRequest) } : undefined;
}

/** A Kubernetes quantity in base units (cores, bytes). */
export function quantity(q: string): number {
  const m = /^([0-9.]+)([a-zA-Z]*)$/.exec(q.trim());
  if (!m) throw new Error(`not a quantity: ${q}`);
  const factors: Record<string, number> = { '': 1, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4 };
  const f = factors[m[2]];
  if (f === undefined) throw new Error(`unknown quantity suffix in ${q}`);
  return Number(m[1]) * f;
}

/**
 * Why a quota on requests and limits of cpu and memory would reject each container (empty: all admitted): a
 * resource with neither an explicit value nor a LimitRange default, or a defaulted limit below the request.
 * Kubernetes defaulting: a missing request takes the explicit limit, else the LimitRange defaultRequest; a missing
 * limit takes the LimitRange default.
 */
export function quotaProblems(containers: readonly ModelContainer[], range: LimitRangeDefaults | undefined): string[] {
  const problems: string[] = [];
  for (const c of containers) {
    for (const r of RESOURCES) {
      const limit = c.limits[r] ?? range?.default[r];
      const request = c.requests[r] ?? c.limits[r] ?? range?.defaultRequest[r];
      const where = `${c.source} container ${c.container}`;
      if (limit === undefined) problems.push(`${where}: no ${r} limit and no LimitRange default`);
      if (request === undefined) problems.push(`${where}: no ${r} request and no LimitRange defaultRequest`);
      if (limit !== undefined && request !== undefined && quantity(request) > quantity(limit)) {
        problems.push(`${where}: ${r} request ${request} is above its ${c.limits[r] ? '' : 'LimitRange-defaulted '}limit ${limit}`);
      }
    }
  }
  return problems;
}
