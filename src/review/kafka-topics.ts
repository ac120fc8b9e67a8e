/**
 * The Kafka topic budget of Seldon Core 2. Core 2 creates an `inputs` and an `outputs` topic per model and per
 * pipeline, plus one `errors` topic per namespace (`<topicPrefix>.<ns>.errors.errors`): `2 x (models + pipelines) + 1`
 * per Core 2 namespace (seed 001; upstream `scheduler/pkg/kafka/topics.go`). Managed Kafka tiers cap topics and
 * partitions, so the overview shows the budget the planned counts imply.
 */
import { field } from './fields';
import { ModelNamespaceObjects, ofKind } from './inventory';

/** One Core 2 namespace's planned use of Kafka. */
export interface NamespaceTopicBudget {
  readonly namespace: string;
  readonly models: number;
  readonly pipelines: number;
  /** `2 x (models + pipelines) + 1`. */
  readonly topics: number;
}

/** A topic and partition quota (a managed Kafka tier's, or configured), as the Kafka concern reports it. */
export interface TopicQuotaSummary {
  readonly maxTopics?: number;
  readonly maxPartitions?: number;
  /** Where the numbers come from. */
  readonly source: string;
}

/** The topic budget of an environment. */
export interface TopicBudget {
  /** Core 2 namespaces, sorted by name. */
  readonly namespaces: readonly NamespaceTopicBudget[];
  readonly totalTopics: number;
  /** Total partitions, when the Kafka concern reports them (topics x its `numPartitions`). */
  readonly totalPartitions?: number;
  /** The quota the Kafka concern checks the plan against, if any. */
  readonly quota?: TopicQuotaSummary;
  /** Where the totals come from. */
  readonly source: 'the Kafka concern' | 'the planned counts';
}

/** What the Kafka concern reports (`Kafka.topicBudget()`): totals, partitions and the quota. */
export interface KafkaConcernBudget {
  readonly topics: number;
  readonly partitions: number;
  readonly quota?: TopicQuotaSummary;
}

/** A namespace's planned Core 2 models and pipelines. */
export interface PlannedUse {
  readonly namespace: string;
  readonly models: number;
  readonly pipelines: number;
}

/** `2 x (models + pipelines) + 1`: the topics Core 2 creates for one namespace. */
export function topicsFor(models: number, pipelines: number): number {
  return 2 * (models + pipelines) + 1;
}

/**
 * The budget of the Core 2 namespaces: per namespace from the planned counts; the totals, partitions and quota from
 * the Kafka concern when it is rendered (it checks the same plan against the quota at synth time).
 */
export function computeTopicBudget(planned: readonly PlannedUse[], kafka?: KafkaConcernBudget): TopicBudget {
  const namespaces = [...planned]
    .sort((a, b) => (a.namespace < b.namespace ? -1 : a.namespace > b.namespace ? 1 : 0))
    .map((p) => ({ namespace: p.namespace, models: p.models, pipelines: p.pipelines, topics: topicsFor(p.models, p.pipelines) }));
  if (kafka) return { namespaces, totalTopics: kafka.topics, totalPartitions: kafka.partitions, ...(kafka.quota ? { quota: kafka.quota } : {}), source: 'the Kafka concern' };
  return { namespaces, totalTopics: namespaces.reduce((sum, n) => sum + n.topics, 0), source: 'the planned counts' };
}

/** The Kafka `numPartitions` a namespace's runtime uses: its SeldonRuntime's override, else the setup chart's value. */
export function numPartitionsOf(ns: ModelNamespaceObjects | undefined, setupValues: unknown): number | undefined {
  const fromRuntime = ns ? ofKind(ns.objects, 'SeldonRuntime').map((r) => field(r, 'spec', 'config', 'kafkaConfig', 'topics', 'numPartitions')) : [];
  const value = [...fromRuntime, field(setupValues, 'kafka', 'topics', 'numPartitions')].find((v) => v !== undefined);
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : undefined;
}
