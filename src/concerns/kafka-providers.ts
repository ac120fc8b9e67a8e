/**
 * Where Seldon's Kafka runs: the in-cluster Strimzi cluster of seed 004, or a managed service (seed 001). Each provider
 * knows its bootstrap, the `min.insync.replicas` its topics get, the sizing its upstream sample uses and its quotas.
 */
import { Checks } from '../lib/errors';
import { StrimziClusterOptions } from './kafka-strimzi';

/** In-cluster Kafka: AMQ Streams (OpenShift) or Strimzi (Kubernetes), rendered by this platform. */
export interface StrimziProvider {
  readonly type: 'strimzi';
  readonly cluster?: StrimziClusterOptions;
}

/** Amazon MSK. */
export interface AwsMskProvider {
  readonly type: 'aws-msk';
  /** The MSK bootstrap brokers (`host:port[,host:port]`; 9094 for TLS, 9096 for SASL/SCRAM). */
  readonly bootstrap: string;
  /** The cluster's `min.insync.replicas`. @default 2 (MSK's default for 3-AZ clusters, seed 004 troubleshooting) */
  readonly minInsyncReplicas?: number;
}

/** Confluent Cloud. */
export interface ConfluentCloudProvider {
  readonly type: 'confluent-cloud';
  /** `bootstrap.servers` from the Confluent client config (`<id>.<region>.<cloud>.confluent.cloud:9092`). */
  readonly bootstrap: string;
  /** @default 2 (Confluent Cloud's fixed `min.insync.replicas`, with replication factor 3) */
  readonly minInsyncReplicas?: number;
}

/** Azure Event Hub tiers. Basic has no Kafka endpoint. */
export type EventHubTier = 'Standard' | 'Premium' | 'Dedicated';

/** Azure Event Hub's Kafka endpoint. */
export interface AzureEventHubProvider {
  readonly type: 'azure-event-hub';
  /** The Event Hub namespace: the bootstrap is `<namespace>.servicebus.windows.net:9093`. */
  readonly namespace: string;
  /** The namespace's pricing tier; Basic does not support the Kafka protocol (seed 000, seed 001). */
  readonly tier: EventHubTier;
  /** Premium: processing units; Dedicated: capacity units. Scales the topic and partition quota. @default 1 */
  readonly capacityUnits?: number;
}

/** Any other Kafka reachable from the cluster. */
export interface ExternalProvider {
  readonly type: 'external';
  readonly bootstrap: string;
  /** The cluster's `min.insync.replicas`. @default 1 (Kafka's default) */
  readonly minInsyncReplicas?: number;
}

export type KafkaProvider = StrimziProvider | AwsMskProvider | ConfluentCloudProvider | AzureEventHubProvider | ExternalProvider;
export type KafkaProviderType = KafkaProvider['type'];
export const KAFKA_PROVIDERS: readonly KafkaProviderType[] = ['strimzi', 'aws-msk', 'confluent-cloud', 'azure-event-hub', 'external'];

/** Quotas a managed Kafka enforces on the topics Seldon creates. */
export interface TopicQuota {
  /** Maximum number of topics (Event Hubs: event hubs per namespace). */
  readonly maxTopics?: number;
  /** Maximum partitions in total. */
  readonly maxPartitions?: number;
  /** Maximum partitions of one topic (bounds `numPartitions`). */
  readonly maxPartitionsPerTopic?: number;
  /** Where the numbers come from, for the error message. */
  readonly source: string;
}

/**
 * Azure Event Hubs quotas per tier, from learn.microsoft.com "Azure Event Hubs quotas and limits" (assumption: the
 * figures as published when this was written; check them against your subscription). Premium and Dedicated scale
 * with processing / capacity units.
 */
export function eventHubQuota(tier: EventHubTier, units: number): TopicQuota {
  switch (tier) {
    case 'Standard':
      return { maxTopics: 10, maxPartitionsPerTopic: 32, source: 'Azure Event Hub Standard: 10 event hubs per namespace, 32 partitions each' };
    case 'Premium':
      return { maxTopics: 100 * units, maxPartitions: 200 * units, maxPartitionsPerTopic: 100, source: `Azure Event Hub Premium, ${units} PU: 100 event hubs and 200 partitions per PU, 100 partitions per event hub` };
    case 'Dedicated':
      return { maxTopics: 1000 * units, maxPartitions: 2000 * units, maxPartitionsPerTopic: 1024, source: `Azure Event Hub Dedicated, ${units} CU: 1000 event hubs and 2000 partitions per CU, 1024 partitions per event hub` };
  }
}

/** The facts Kafka needs about its provider. */
export interface ProviderFacts {
  readonly bootstrap: string;
  /** `min.insync.replicas` of Seldon's topics on this cluster. */
  readonly minInsyncReplicas: number;
  /** Brokers, when known (the Strimzi cluster we render). */
  readonly brokers?: number;
  /** Seldon topic sizing and client settings of the upstream sample for this provider. */
  readonly defaults: { readonly replicationFactor: number; readonly numPartitions: number; readonly messageMaxBytes?: number };
  readonly quota?: TopicQuota;
}

/** Facts of a managed provider (Strimzi's are computed in kafka.ts from the cluster it renders). */
export function managedProviderFacts(provider: Exclude<KafkaProvider, StrimziProvider>): ProviderFacts {
  // Samples: values-aws-msk-kafka-sasl-scram, values-confluent-kafka-*, values-azure-event-hub-sasl: RF 3, 4 partitions.
  const sample = { replicationFactor: 3, numPartitions: 4 };
  switch (provider.type) {
    case 'aws-msk':
      return { bootstrap: provider.bootstrap, minInsyncReplicas: provider.minInsyncReplicas ?? 2, defaults: sample };
    case 'confluent-cloud':
      // Confluent's samples cap messages at 8 MiB, Confluent Cloud's maximum message size.
      return { bootstrap: provider.bootstrap, minInsyncReplicas: provider.minInsyncReplicas ?? 2, defaults: { ...sample, messageMaxBytes: 8388608 } };
    case 'azure-event-hub':
      // The sample's bootstrap has no port; Kafka clients would then try 9092, but Event Hubs listen on 9093.
      return {
        bootstrap: `${provider.namespace}.servicebus.windows.net:9093`,
        minInsyncReplicas: 1,
        defaults: sample,
        quota: eventHubQuota(provider.tier, provider.capacityUnits ?? 1),
      };
    case 'external':
      return { bootstrap: provider.bootstrap, minInsyncReplicas: provider.minInsyncReplicas ?? 1, defaults: sample };
  }
}

const BOOTSTRAP = /^[A-Za-z0-9.-]+:[0-9]{1,5}(,[A-Za-z0-9.-]+:[0-9]{1,5})*$/;

/** Validates a managed provider. */
export function checkManagedProvider(checks: Checks, path: string, provider: Exclude<KafkaProvider, StrimziProvider>): void {
  if (provider.type === 'azure-event-hub') {
    const tier: unknown = provider.tier;
    if (tier === 'Basic') {
      checks.fail(`${path}.tier`, tier, 'has no Kafka endpoint: the Basic tier of Azure Event Hub does not support the Kafka protocol (seed 000, seed 001)', 'use a Standard (or Premium/Dedicated) Event Hub namespace');
    } else {
      checks.oneOf(`${path}.tier`, tier, ['Standard', 'Premium', 'Dedicated'] as const);
    }
    checks.expect(
      typeof provider.namespace === 'string' && /^[A-Za-z][A-Za-z0-9-]{4,48}[A-Za-z0-9]$/.test(provider.namespace),
      `${path}.namespace`,
      provider.namespace,
      'is not an Event Hub namespace name (6-50 letters, digits and hyphens, starting with a letter)',
      'set the namespace name only, e.g. "seldon-events" for seldon-events.servicebus.windows.net',
    );
    if (provider.capacityUnits !== undefined) checks.integer(`${path}.capacityUnits`, provider.capacityUnits, 1);
    return;
  }
  checks.expect(
    typeof provider.bootstrap === 'string' && BOOTSTRAP.test(provider.bootstrap),
    `${path}.bootstrap`,
    provider.bootstrap,
    'is not a Kafka bootstrap list of host:port pairs (a missing port makes clients try 9092)',
    'set e.g. "b-1.msk.example.amazonaws.com:9094,b-2.msk.example.amazonaws.com:9094"',
  );
  if (provider.minInsyncReplicas !== undefined) checks.integer(`${path}.minInsyncReplicas`, provider.minInsyncReplicas, 1);
}
