/**
 * The in-cluster Kafka of seed 004 ("Create Kafka Cluster"), brought to what Strimzi 0.51 and AMQ Streams 3.x run:
 * KRaft only. ZooKeeper (the seed's `spec.zookeeper`) is gone since Strimzi 0.46, so brokers and controllers are a
 * `KafkaNodePool`, and `inter.broker.protocol.version` (ignored in KRaft; Strimzi manages `metadataVersion`) is dropped.
 */
import { Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import {
  KafkaV1Beta2,
  KafkaV1Beta2SpecKafkaAuthorizationType,
  KafkaV1Beta2SpecKafkaListeners,
  KafkaV1Beta2SpecKafkaListenersAuthenticationType,
  KafkaV1Beta2SpecKafkaListenersType,
} from '../../imports/strimzi-kafka-kafka.strimzi.io';
import {
  KafkaNodePoolV1Beta2,
  KafkaNodePoolV1Beta2SpecRoles,
  KafkaNodePoolV1Beta2SpecStorage,
  KafkaNodePoolV1Beta2SpecStorageType,
  KafkaNodePoolV1Beta2SpecStorageVolumesKraftMetadata,
  KafkaNodePoolV1Beta2SpecStorageVolumesType,
} from '../../imports/strimzi-nodepool-kafka.strimzi.io';
import {
  KafkaUserV1Beta2,
  KafkaUserV1Beta2SpecAuthenticationType,
  KafkaUserV1Beta2SpecAuthorizationAcls,
  KafkaUserV1Beta2SpecAuthorizationAclsOperations as Op,
  KafkaUserV1Beta2SpecAuthorizationAclsResourcePatternType as Pattern,
  KafkaUserV1Beta2SpecAuthorizationAclsResourceType as Resource,
  KafkaUserV1Beta2SpecAuthorizationType,
} from '../../imports/strimzi-kafkauser-kafka.strimzi.io';
import { Checks } from '../lib/errors';
import { standardLabels } from '../lib/names';
import { INSTANCE_VERSIONS } from '../versions';
import { QUANTITY } from '../lib/formats';

/** Broker storage. KRaft metadata shares the (first) data volume. */
export type StrimziStorage =
  | { readonly type: 'ephemeral'; readonly sizeLimit?: string }
  | { readonly type: 'persistent-claim'; readonly size: string; readonly class?: string; readonly deleteClaim?: boolean }
  | { readonly type: 'jbod'; readonly volumes: ReadonlyArray<{ readonly size: string; readonly class?: string; readonly deleteClaim?: boolean }> };

/** The broker settings of seed 004's `spec.kafka.config`. */
export interface StrimziBrokerConfig {
  /** `auto.create.topics.enable`: Core 2 creates its topics on demand. @default true */
  readonly autoCreateTopics?: boolean;
  /** `offsets.topic.replication.factor`. @default 3 */
  readonly offsetsTopicReplicationFactor?: number;
  /** `transaction.state.log.replication.factor`. @default 3 */
  readonly transactionStateLogReplicationFactor?: number;
  /** `transaction.state.log.min.isr`. @default 2 */
  readonly transactionStateLogMinIsr?: number;
  /** `default.replication.factor`. @default 3 */
  readonly defaultReplicationFactor?: number;
  /** `min.insync.replicas`: producers need this many replicas in sync. @default 1 */
  readonly minInsyncReplicas?: number;
  /**
   * `message.max.bytes`. Not in the seed; Seldon's own Strimzi chart (`kafka/strimzi`) sets 1000000000 to match Core
   * 2's producer default, without which payloads over 1 MB fail with MESSAGE_TOO_LARGE.
   * @default 1000000000
   */
  readonly messageMaxBytes?: number;
}

/** The Strimzi (AMQ Streams) Kafka cluster. */
export interface StrimziClusterOptions {
  /** Name of the `Kafka` (its bootstrap service is `<name>-kafka-bootstrap`). @default "seldon" */
  readonly name?: string;
  /** Brokers (each node is broker and KRaft controller). @default 3 (seed `kafka.replicas`) */
  readonly replicas?: number;
  /** Broker storage. @default { type: "ephemeral" } (seed) */
  readonly storage?: StrimziStorage;
  /** `spec.kafka.version`. @default INSTANCE_VERSIONS.kafka (4.1.0; the seed's 3.2.3 needs ZooKeeper) */
  readonly version?: string;
  readonly config?: StrimziBrokerConfig;
  /**
   * Also open the seed's `plain` listener (9092, no TLS, no authentication). Off by default: Seldon uses the TLS
   * listener. With a `strimzi-*` security mode the cluster enforces ACLs, which deny anonymous plain clients anyway.
   * @default false
   */
  readonly plainListener?: boolean;
  /** Run the Topic Operator (seed `entityOperator.topicOperator`). @default true */
  readonly topicOperator?: boolean;
  /** The `KafkaUser` Seldon authenticates as (and its secret). @default "seldon" */
  readonly user?: string;
}

export interface StrimziClusterProps {
  readonly namespace: string;
  readonly options: StrimziClusterOptions;
  /** Authentication of the TLS listener and the KafkaUser; undefined renders no user and no ACLs. */
  readonly authentication?: 'tls' | 'scram-sha-512';
  /** Seldon's topic prefix (ACL on topics with this prefix). */
  readonly topicPrefix: string;
  /** Seldon's consumer group prefix (ACL on groups); empty means every group. */
  readonly consumerGroupIdPrefix: string;
  /** The Core 2 namespaces, resolved late: their dataflow engine's Kafka Streams topics get an ACL each. */
  readonly dataflowNamespaces: () => readonly string[];
}

const COMPONENT = 'kafka';

/** Resolved defaults of the Strimzi cluster (shared with validation and the connection facts). */
export function strimziDefaults(options: StrimziClusterOptions) {
  const c = options.config ?? {};
  return {
    name: options.name ?? 'seldon',
    replicas: options.replicas ?? 3,
    user: options.user ?? 'seldon',
    config: {
      'auto.create.topics.enable': c.autoCreateTopics ?? true,
      'offsets.topic.replication.factor': c.offsetsTopicReplicationFactor ?? 3,
      'transaction.state.log.replication.factor': c.transactionStateLogReplicationFactor ?? 3,
      'transaction.state.log.min.isr': c.transactionStateLogMinIsr ?? 2,
      'default.replication.factor': c.defaultReplicationFactor ?? 3,
      'min.insync.replicas': c.minInsyncReplicas ?? 1,
      'message.max.bytes': c.messageMaxBytes ?? 1000000000,
    },
  };
}

/**
 * `Kafka` `seldon` with a `KafkaNodePool` `kafka` (roles broker and controller) and, for the `strimzi-*` security modes,
 * the `KafkaUser` Seldon connects as, with its ACLs.
 */
export class StrimziCluster extends Construct {
  constructor(scope: Construct, id: string, props: StrimziClusterProps) {
    super(scope, id);
    const d = strimziDefaults(props.options);
    const labels = standardLabels(COMPONENT);
    const metadata = (name: string, extra: Record<string, string> = {}) => ({ name, namespace: props.namespace, labels: { ...labels, ...extra } });

    new KafkaV1Beta2(this, 'Kafka', {
      metadata: {
        ...metadata(d.name),
        // Ignored (always on) since Strimzi 0.48; still required by older AMQ Streams 2.x operators.
        annotations: { 'strimzi.io/node-pools': 'enabled', 'strimzi.io/kraft': 'enabled' },
      },
      spec: {
        kafka: {
          version: props.options.version ?? INSTANCE_VERSIONS.kafka,
          listeners: listeners(props),
          ...(props.authentication ? { authorization: { type: KafkaV1Beta2SpecKafkaAuthorizationType.SIMPLE } } : {}),
          config: d.config,
        },
        entityOperator: { ...((props.options.topicOperator ?? true) ? { topicOperator: {} } : {}), userOperator: {} },
      },
    });
    new KafkaNodePoolV1Beta2(this, 'NodePool', {
      metadata: metadata('kafka', { 'strimzi.io/cluster': d.name }),
      spec: {
        replicas: d.replicas,
        roles: [KafkaNodePoolV1Beta2SpecRoles.CONTROLLER, KafkaNodePoolV1Beta2SpecRoles.BROKER],
        storage: nodePoolStorage(props.options.storage ?? { type: 'ephemeral' }),
      },
    });
    if (props.authentication) {
      new KafkaUserV1Beta2(this, 'User', {
        metadata: metadata(d.user, { 'strimzi.io/cluster': d.name }),
        spec: {
          authentication: {
            type: props.authentication === 'tls' ? KafkaUserV1Beta2SpecAuthenticationType.TLS : KafkaUserV1Beta2SpecAuthenticationType.SCRAM_HYPHEN_SHA_HYPHEN_512,
          },
          authorization: { type: KafkaUserV1Beta2SpecAuthorizationType.SIMPLE, acls: Lazy.any({ produce: () => seldonAcls(props.topicPrefix, props.consumerGroupIdPrefix, props.dataflowNamespaces()) }) as unknown as KafkaUserV1Beta2SpecAuthorizationAcls[] },
        },
      });
    }
  }
}

function listeners(props: StrimziClusterProps): KafkaV1Beta2SpecKafkaListeners[] {
  const plain = { name: 'plain', port: 9092, type: KafkaV1Beta2SpecKafkaListenersType.INTERNAL, tls: false };
  const tls: KafkaV1Beta2SpecKafkaListeners = {
    name: 'tls',
    port: 9093,
    type: KafkaV1Beta2SpecKafkaListenersType.INTERNAL,
    tls: true,
    ...(props.authentication
      ? {
          authentication: {
            type: props.authentication === 'tls' ? KafkaV1Beta2SpecKafkaListenersAuthenticationType.TLS : KafkaV1Beta2SpecKafkaListenersAuthenticationType.SCRAM_HYPHEN_SHA_HYPHEN_512,
          },
        }
      : {}),
  };
  return props.options.plainListener ? [plain, tls] : [tls];
}

function nodePoolStorage(storage: StrimziStorage): KafkaNodePoolV1Beta2SpecStorage {
  switch (storage.type) {
    case 'ephemeral':
      return { type: KafkaNodePoolV1Beta2SpecStorageType.EPHEMERAL, ...(storage.sizeLimit ? { sizeLimit: storage.sizeLimit } : {}) };
    case 'persistent-claim':
      return { type: KafkaNodePoolV1Beta2SpecStorageType.PERSISTENT_HYPHEN_CLAIM, size: storage.size, class: storage.class, deleteClaim: storage.deleteClaim ?? false };
    case 'jbod':
      return {
        type: KafkaNodePoolV1Beta2SpecStorageType.JBOD,
        volumes: storage.volumes.map((v, id) => ({
          id,
          type: KafkaNodePoolV1Beta2SpecStorageVolumesType.PERSISTENT_HYPHEN_CLAIM,
          size: v.size,
          class: v.class,
          deleteClaim: v.deleteClaim ?? false,
          // KRaft metadata lives on the first volume.
          ...(id === 0 ? { kraftMetadata: KafkaNodePoolV1Beta2SpecStorageVolumesKraftMetadata.SHARED } : {}),
        })),
      };
  }
}

/**
 * The ACLs the security guide asks for (seed 000 "mTLS AWS MSK"): full access to Seldon's topics, cluster rights to
 * create topics on demand, and access to its consumer groups. The dataflow engine's Kafka Streams internal topics
 * (changelog, repartition) do not carry the topic prefix: they are named after the application id
 * `[<groupPrefix>-]<namespace>-seldon-dataflow-<pipeline>` (SeldonIO/seldon-core@v2.9.1:scheduler/data-flow/src/main/
 * kotlin/io/seldon/dataflow/kafka/Configuration.kt:200-215), so each Core 2 namespace gets a prefix ACL for them.
 */
export function seldonAcls(topicPrefix: string, groupPrefix: string, dataflowNamespaces: readonly string[] = []): KafkaUserV1Beta2SpecAuthorizationAcls[] {
  return [
    { resource: { type: Resource.TOPIC, name: topicPrefix, patternType: Pattern.PREFIX }, operations: [Op.ALL] },
    ...[...dataflowNamespaces].sort().map((ns) => ({ resource: { type: Resource.TOPIC, name: `${groupPrefix ? `${groupPrefix}-` : ''}${ns}-seldon-dataflow-`, patternType: Pattern.PREFIX }, operations: [Op.ALL] })),
    { resource: { type: Resource.CLUSTER }, operations: [Op.CREATE, Op.DESCRIBE, Op.DESCRIBE_CONFIGS, Op.IDEMPOTENT_WRITE] },
    groupPrefix
      ? { resource: { type: Resource.GROUP, name: groupPrefix, patternType: Pattern.PREFIX }, operations: [Op.ALL] }
      : { resource: { type: Resource.GROUP, name: '*', patternType: Pattern.LITERAL }, operations: [Op.ALL] },
  ];
}


/** Validates the Strimzi cluster options and the replication factors against its broker count. */
export function checkStrimziCluster(checks: Checks, path: string, options: StrimziClusterOptions): void {
  const d = strimziDefaults(options);
  if (options.name !== undefined) checks.dnsLabel(`${path}.name`, options.name);
  if (options.user !== undefined) checks.dnsLabel(`${path}.user`, options.user);
  if (options.version !== undefined) {
    checks.expect(typeof options.version === 'string' && /^\d+\.\d+\.\d+$/.test(options.version), `${path}.version`, options.version, 'is not a Kafka version (major.minor.patch): the operator runs only the exact versions it supports', `use e.g. "${INSTANCE_VERSIONS.kafka}"`);
  }
  if (!checks.integer(`${path}.replicas`, d.replicas, 1)) return;
  const config = options.config ?? {};
  const factors = [
    ['offsetsTopicReplicationFactor', d.config['offsets.topic.replication.factor']],
    ['transactionStateLogReplicationFactor', d.config['transaction.state.log.replication.factor']],
    ['defaultReplicationFactor', d.config['default.replication.factor']],
  ] as const;
  for (const [key, value] of factors) {
    if (!checks.integer(`${path}.config.${key}`, value, 1)) continue;
    checks.expect(
      value <= d.replicas,
      `${path}.config.${key}`,
      value,
      `is above the cluster's ${d.replicas} broker(s): Kafka cannot place that many replicas${key in config ? '' : ' (this is the seed default)'}`,
      `set it to at most ${d.replicas}, or raise ${path}.replicas`,
    );
  }
  for (const [key, value] of [['minInsyncReplicas', d.config['min.insync.replicas']], ['transactionStateLogMinIsr', d.config['transaction.state.log.min.isr']]] as const) {
    if (checks.integer(`${path}.config.${key}`, value, 1)) {
      checks.expect(value <= d.replicas, `${path}.config.${key}`, value, `is above the cluster's ${d.replicas} broker(s): no write could ever be acknowledged`, `set it to at most ${d.replicas}`);
    }
  }
  checkStorage(checks, `${path}.storage`, options.storage);
}

function checkStorage(checks: Checks, path: string, storage: StrimziStorage | undefined): void {
  if (storage === undefined) return;
  if (!checks.oneOf(`${path}.type`, storage.type, ['ephemeral', 'persistent-claim', 'jbod'] as const)) return;
  const size = (p: string, v: unknown) => checks.expect(typeof v === 'string' && QUANTITY.test(v), p, v, 'is not a storage quantity', 'use a quantity such as "100Gi"');
  if (storage.type === 'persistent-claim') size(`${path}.size`, storage.size);
  if (storage.type === 'jbod') {
    if (checks.expect(Array.isArray(storage.volumes) && storage.volumes.length > 0, `${path}.volumes`, storage.volumes, 'needs at least one volume', 'add { size: "100Gi" }')) {
      storage.volumes.forEach((v, i) => size(`${path}.volumes[${i}].size`, v.size));
    }
  }
}
