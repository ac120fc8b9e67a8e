import { Construct } from 'constructs';
import type { PlatformConfig } from '../config';
import { Concern, ModelNamespaceContext, PlatformContext } from '../lib/concern';
import { Checks, ConfigError } from '../lib/errors';
import { OperatorInstall } from '../lib/operator';
import { checkSecretSource, SecretSource, SecretStoreRef } from '../lib/secrets';
import { CHARTS, OLM } from '../versions';
import { checkManagedProvider, KAFKA_PROVIDERS, KafkaProvider, managedProviderFacts, ProviderFacts, StrimziProvider, TopicQuota } from './kafka-providers';
import {
  checkKafkaSecurity,
  KafkaClientSecret,
  KafkaSecurity,
  KafkaSecurityValues,
  MODE_PROVIDER,
  ResolvedKafkaSecurity,
  resolveKafkaSecurity,
  SaslMechanism,
} from './kafka-security';
import { checkStrimziCluster, StrimziCluster, strimziDefaults } from './kafka-strimzi';
import { hardenedValues } from '../lib/workload-security';
import { StrimziSecretStore } from './kafka-secret-store';

const COMPONENT = 'kafka';

/** Seldon's topics (research §1.2, §6). */
export interface KafkaTopicOptions {
  /**
   * `kafka.topicPrefix`: topics are `<prefix>.<namespace>.model.<name>.inputs` etc. Only `[A-Za-z0-9._-]`; a dot is
   * Seldon's separator, so do not end the prefix with one.
   * @default "seldon"
   */
  readonly prefix?: string;
  /**
   * `kafka.topics.replicationFactor`. Must be at least the cluster's `min.insync.replicas` (else producers fail with
   * NOT_ENOUGH_REPLICAS, seed 004 troubleshooting) and at most its broker count.
   * @default 2 (seed 004) on Strimzi; 3 (the upstream samples) on managed Kafka
   */
  readonly replicationFactor?: number;
  /** `kafka.topics.numPartitions`; every Seldon topic gets the same count (Kafka Streams joins need it). @default 4 (seed 004 and the samples) */
  readonly numPartitions?: number;
}

/** `kafka.consumer`: only what is set is rendered; the chart's defaults apply otherwise. */
export interface KafkaConsumerOptions {
  /** @default 6000 (chart) */
  readonly sessionTimeoutMs?: number;
  /** @default "earliest" (chart) */
  readonly autoOffsetReset?: 'earliest' | 'latest';
  /** @default 300000 (chart) */
  readonly topicMetadataPropagationMaxMs?: number;
  /** @default 1000000000 (chart); 8388608 on Confluent Cloud (sample) */
  readonly messageMaxBytes?: number;
}

/** `kafka.producer`. */
export interface KafkaProducerOptions {
  /** @default 0 (chart) */
  readonly lingerMs?: number;
  /** @default 1000000000 (chart); 8388608 on Confluent Cloud (sample) */
  readonly messageMaxBytes?: number;
}

/**
 * The topic budget: Core 2 creates `2 x (models + pipelines) + 1` topics per namespace (seed 000, seed 001; the `+ 1`
 * is the namespace's errors topic, so it counts once per Core 2 namespace), each with `numPartitions` partitions.
 * Checked as model namespaces are added, from their `plannedModels` / `plannedPipelines`.
 */
export interface TopicBudgetOptions {
  /** Maximum topics. @default the provider's quota (Azure Event Hub), else unlimited */
  readonly maxTopics?: number;
  /** Maximum partitions in total. @default the provider's quota, else unlimited */
  readonly maxPartitions?: number;
  /** Fail the synth, or only warn, when the plan exceeds the quota. @default "fail" */
  readonly onExceeded?: 'fail' | 'warn';
}

/** Where the Kafka credentials each client namespace needs come from. */
export interface KafkaSecretsOptions {
  /**
   * Source of the credentials you provide (managed Kafka). @default the platform default: an ExternalSecret from
   * `secrets.store` (remote key `<prefix>/<namespace>/<name>`), else an existing secret created out of band
   */
  readonly source?: SecretSource;
  /**
   * Strimzi writes the user secret (`seldon`) and the cluster CA (`seldon-cluster-ca-cert`) in the Kafka namespace only,
   * and rotates them, but Core 2 reads them in seldon-logs and in every Core 2 namespace. Each of those namespaces gets
   * an ExternalSecret per secret from a (Cluster)SecretStore of the external-secrets `kubernetes` provider that reads
   * the Kafka namespace, refreshed every `secrets.refreshInterval`, so renewals propagate (docs/data-paths.md).
   * @default a ClusterSecretStore `seldon-kafka` rendered by this concern (with a service account that may read only
   *   those two secrets); name your own store here to use it instead
   */
  readonly strimziStore?: SecretStoreRef;
}

/** Options of the Kafka concern (seed 004 "Kafka"; seed 000, seed 001). */
export interface KafkaOptions {
  /** Where Kafka runs. @default { type: "strimzi" } (AMQ Streams on OpenShift, Strimzi on Kubernetes; seed 004) */
  readonly provider?: KafkaProvider;
  /**
   * How Seldon authenticates. Required for managed providers. @default { mode: "strimzi-mtls" } on Strimzi: the seed's
   * TLS listener with a `tls` KafkaUser (the seed's Core 2 values use the plain listener instead)
   */
  readonly security?: KafkaSecurity;
  readonly topics?: KafkaTopicOptions;
  /** `kafka.consumerGroupIdPrefix`: isolates Seldon's consumer groups on a shared cluster. @default "" (chart) */
  readonly consumerGroupIdPrefix?: string;
  readonly consumer?: KafkaConsumerOptions;
  readonly producer?: KafkaProducerOptions;
  /**
   * `kafka.debug`: librdkafka debug contexts. The seed sets `all`, which the guides give as a troubleshooting step; it
   * floods the logs, so it is off unless set.
   * @default unset
   */
  readonly debug?: string;
  readonly topicBudget?: TopicBudgetOptions;
  readonly secrets?: KafkaSecretsOptions;
}

/** The `kafka` block of the `seldon-core-v2-setup` chart (research §1.2). */
export interface KafkaClientValues {
  readonly bootstrap: string;
  readonly topicPrefix: string;
  readonly consumerGroupIdPrefix?: string;
  readonly debug?: string;
  readonly consumer?: KafkaConsumerOptions;
  readonly producer?: KafkaProducerOptions;
  readonly topics: { readonly replicationFactor: number; readonly numPartitions: number };
}

/** How Seldon components connect to Kafka (consumed by Core 2 and Seldon Deploy's request logger). */
export interface KafkaConnection {
  /** `host:port[,host:port]` */
  readonly bootstrap: string;
  readonly protocol: 'PLAINTEXT' | 'SSL' | 'SASL_SSL';
  /** Secrets every Kafka client namespace needs (seldon-logs and each Core 2 runtime namespace), by name. */
  readonly clientSecrets: readonly string[];
  readonly saslMechanism?: SaslMechanism;
  readonly saslUsername?: string;
  /** The `kafka` Helm values of Core 2. */
  readonly values: KafkaClientValues;
  /** The `security.kafka` Helm values of Core 2. */
  readonly security: KafkaSecurityValues;
}

/** The planned topics and partitions of the Core 2 namespaces added so far. */
export interface TopicBudget {
  readonly namespaces: number;
  readonly topics: number;
  readonly partitions: number;
  readonly quota?: TopicQuota;
}

/** Resolved, validated inputs of the concern. */
interface Resolved {
  readonly facts: ProviderFacts;
  readonly security: ResolvedKafkaSecurity;
  readonly values: KafkaClientValues;
  readonly strimzi?: StrimziProvider;
}

function resolve(options: KafkaOptions, kafkaNamespace: string): Resolved {
  const provider = options.provider ?? { type: 'strimzi' };
  const strimzi = provider.type === 'strimzi' ? provider : undefined;
  const d = strimzi ? strimziDefaults(strimzi.cluster ?? {}) : undefined;
  const security = resolveKafkaSecurity(options.security ?? { mode: 'strimzi-mtls' }, {
    user: d?.user ?? 'seldon',
    clusterCaSecret: `${d?.name ?? 'seldon'}-cluster-ca-cert`,
  });
  const facts: ProviderFacts = d
    ? {
        bootstrap: `${d.name}-kafka-bootstrap.${kafkaNamespace}.svc:${security.protocol === 'PLAINTEXT' ? 9092 : 9093}`,
        minInsyncReplicas: d.config['min.insync.replicas'],
        brokers: d.replicas,
        defaults: { replicationFactor: 2, numPartitions: 4 },
      }
    : managedProviderFacts(provider as Exclude<KafkaProvider, StrimziProvider>);
  const messageMaxBytes = facts.defaults.messageMaxBytes;
  const consumer = { ...(messageMaxBytes ? { messageMaxBytes } : {}), ...options.consumer };
  const producer = { ...(messageMaxBytes ? { messageMaxBytes } : {}), ...options.producer };
  const values: KafkaClientValues = {
    bootstrap: facts.bootstrap,
    topicPrefix: options.topics?.prefix ?? 'seldon',
    ...(options.consumerGroupIdPrefix ? { consumerGroupIdPrefix: options.consumerGroupIdPrefix } : {}),
    ...(options.debug ? { debug: options.debug } : {}),
    ...(Object.keys(consumer).length ? { consumer } : {}),
    ...(Object.keys(producer).length ? { producer } : {}),
    topics: {
      replicationFactor: options.topics?.replicationFactor ?? facts.defaults.replicationFactor,
      numPartitions: options.topics?.numPartitions ?? facts.defaults.numPartitions,
    },
  };
  return { facts, security, values, strimzi };
}

/**
 * Kafka for Core 2 and Seldon Deploy's request logger.
 *
 * Strimzi provider: the AMQ Streams Subscription (OpenShift) or the Strimzi chart (Kubernetes), the `Kafka` `seldon`
 * in seldon-kafka with a KRaft node pool, its TLS listener authenticated as the security mode says, and the
 * `KafkaUser` `seldon` with Seldon's ACLs. Every provider: references to the Kafka credentials in seldon-logs and in
 * every Core 2 namespace (ExternalSecrets when a store is configured), and the topic budget.
 */
export class Kafka extends Construct implements Concern {
  public readonly connection: KafkaConnection;
  /** Warnings of the topic budget (`topicBudget.onExceeded: "warn"`). */
  public readonly warnings: string[] = [];
  private readonly ctx: PlatformContext;
  private readonly options: KafkaOptions;
  private readonly resolved: Resolved;
  private readonly planned = new Map<string, number>();
  /** The store the Strimzi-generated secrets are copied from (rendered here unless `secrets.strimziStore` names one). */
  private readonly strimziStore?: SecretStoreRef;

  constructor(scope: Construct, id: string, ctx: PlatformContext, options: KafkaOptions) {
    super(scope, id);
    this.ctx = ctx;
    this.options = options;
    this.resolved = resolve(options, ctx.namespaces.kafka);
    const r = this.resolved;
    if (r.strimzi) this.renderStrimzi(r.strimzi);
    const generated = r.security.secrets.filter((s) => s.strimziGenerated).map((s) => s.name);
    this.strimziStore = options.secrets?.strimziStore ?? (r.strimzi && generated.length > 0 ? new StrimziSecretStore(this, 'SecretStore', { namespace: ctx.namespaces.kafka, secrets: generated }).ref : undefined);
    this.referenceSecrets(this, ctx.namespaces.logs);
    this.connection = {
      bootstrap: r.facts.bootstrap,
      protocol: r.security.protocol,
      clientSecrets: r.security.secrets.map((s) => s.name),
      saslMechanism: r.security.saslMechanism,
      saslUsername: r.security.saslUsername,
      values: r.values,
      security: r.security.values,
    };
  }

  /** A Core 2 namespace gets the Kafka credentials and counts against the topic budget. */
  public addModelNamespace(ns: ModelNamespaceContext): void {
    if (!ns.options.coreV2) return;
    this.referenceSecrets(ns.scope, ns.name);
    this.planned.set(ns.name, 2 * (ns.options.plannedModels + ns.options.plannedPipelines) + 1);
    this.checkBudget(ns);
  }

  /** The planned topics and partitions of the Core 2 namespaces added so far, and the quota they are checked against. */
  public topicBudget(): TopicBudget {
    const topics = [...this.planned.values()].reduce((a, b) => a + b, 0);
    return { namespaces: this.planned.size, topics, partitions: topics * this.resolved.values.topics.numPartitions, quota: this.quota() };
  }

  private quota(): TopicQuota | undefined {
    const provider = this.resolved.facts.quota;
    const budget = this.options.topicBudget;
    if (budget?.maxTopics === undefined && budget?.maxPartitions === undefined) return provider;
    return { ...provider, maxTopics: budget.maxTopics ?? provider?.maxTopics, maxPartitions: budget.maxPartitions ?? provider?.maxPartitions, source: 'kafka.topicBudget' };
  }

  private checkBudget(ns: ModelNamespaceContext): void {
    const budget = this.topicBudget();
    const quota = budget.quota;
    if (!quota) return;
    const over = [
      ...(quota.maxTopics !== undefined && budget.topics > quota.maxTopics ? [`${budget.topics} topics, above the quota of ${quota.maxTopics}`] : []),
      ...(quota.maxPartitions !== undefined && budget.partitions > quota.maxPartitions ? [`${budget.partitions} partitions, above the quota of ${quota.maxPartitions}`] : []),
    ];
    if (over.length === 0) return;
    const issue = {
      path: `addModelNamespace(${JSON.stringify(ns.name)})`,
      value: { plannedModels: ns.options.plannedModels, plannedPipelines: ns.options.plannedPipelines },
      problem: `brings the Core 2 topic plan (2 x (models + pipelines) + 1 per namespace, ${budget.namespaces} namespace(s), ${this.resolved.values.topics.numPartitions} partitions each) to ${over.join(' and ')} (${quota.source})`,
      fix: 'lower plannedModels/plannedPipelines, use a larger tier or cluster and raise kafka.topicBudget.maxTopics/maxPartitions, or set kafka.topicBudget.onExceeded: "warn"',
    };
    if ((this.options.topicBudget?.onExceeded ?? 'fail') === 'fail') throw new ConfigError([issue], `environment ${JSON.stringify(this.ctx.environment)}`);
    const message = `${issue.path}: ${issue.problem}`;
    this.warnings.push(message);
    console.warn(`warning: environment ${JSON.stringify(this.ctx.environment)}: ${message}`);
  }

  private renderStrimzi(provider: StrimziProvider): void {
    const ns = this.ctx.namespaces.kafka;
    new OperatorInstall(this, 'Operator', {
      platform: this.ctx.platform,
      olm: OLM.amqStreams,
      // Installed next to the cluster, the operator watches its own namespace (the chart's default). Its CRDs exceed
      // the client-side apply limit.
      helm: { chart: CHARTS.strimzi, name: 'strimzi-kafka-operator', namespace: ns, values: hardenedValues(CHARTS.strimzi, this.ctx, {}), syncOptions: ['ServerSideApply=true'] },
      target: this.ctx.target,
      component: COMPONENT,
    });
    const security = this.resolved.security;
    new StrimziCluster(this, 'Cluster', {
      namespace: ns,
      options: { ...provider.cluster, plainListener: provider.cluster?.plainListener || security.protocol === 'PLAINTEXT' },
      authentication: security.strimziAuthentication,
      topicPrefix: this.resolved.values.topicPrefix,
      consumerGroupIdPrefix: this.options.consumerGroupIdPrefix ?? '',
      dataflowNamespaces: () => [...this.planned.keys()],
    });
  }

  /** References (or ExternalSecrets) for every Kafka credential in one client namespace. */
  private referenceSecrets(scope: Construct, namespace: string): void {
    for (const secret of this.resolved.security.secrets) {
      this.ctx.secret(scope, `Kafka-${secret.name}`, {
        name: secret.name,
        namespace,
        keys: secret.keys,
        purpose: secret.purpose,
        component: COMPONENT,
        source: this.sourceOf(secret),
      });
    }
  }

  private sourceOf(secret: KafkaClientSecret): SecretSource | undefined {
    if (!secret.strimziGenerated) return this.options.secrets?.source;
    const store = this.strimziStore;
    // The kubernetes provider reads the secret named like the remote key; each key is a property of it.
    return store ? { from: 'external-secret', remoteKey: secret.name, store } : { from: 'existing' };
  }
}

const NAME_CHARS = /^[A-Za-z0-9._-]+$/;

/** Validates the Kafka options. */
export function checkKafka(checks: Checks, options: KafkaOptions, config: PlatformConfig): void {
  const provider = options.provider ?? { type: 'strimzi' as const };
  if (!checks.oneOf('kafka.provider.type', provider.type, KAFKA_PROVIDERS)) return;
  if (provider.type === 'strimzi') checkStrimziCluster(checks, 'kafka.provider.cluster', provider.cluster ?? {});
  else checkManagedProvider(checks, 'kafka.provider', provider);
  if (!checkSecurityFor(checks, provider, options.security)) return;
  checkTopics(checks, options, config);
  if (options.consumerGroupIdPrefix !== undefined) {
    checks.expect(NAME_CHARS.test(options.consumerGroupIdPrefix), 'kafka.consumerGroupIdPrefix', options.consumerGroupIdPrefix, 'may only contain [A-Za-z0-9._-]', 'use letters, digits, ".", "_" or "-", e.g. "myorg"');
  }
  if (options.debug !== undefined) checks.nonEmpty('kafka.debug', options.debug, 'set librdkafka debug contexts such as "all" or "broker,topic", or remove it');
  if (options.consumer?.autoOffsetReset !== undefined) checks.oneOf('kafka.consumer.autoOffsetReset', options.consumer.autoOffsetReset, ['earliest', 'latest'] as const);
  for (const [group, values] of [['consumer', options.consumer], ['producer', options.producer]] as const) {
    for (const [key, value] of Object.entries(values ?? {})) {
      if (key !== 'autoOffsetReset' && value !== undefined) checks.integer(`kafka.${group}.${key}`, value, key === 'lingerMs' ? 0 : 1);
    }
  }
  checkBudgetOptions(checks, options.topicBudget);
  checkSecretSource(checks, 'kafka.secrets.source', options.secrets?.source, config.secrets?.store);
  if (options.secrets?.strimziStore !== undefined && provider.type !== 'strimzi') {
    checks.fail('kafka.secrets.strimziStore', options.secrets.strimziStore, `copies Strimzi-generated secrets, but the provider is ${provider.type}`, 'remove it; use kafka.secrets.source for managed Kafka credentials');
  }
}

function checkSecurityFor(checks: Checks, provider: KafkaProvider, security: KafkaSecurity | undefined): boolean {
  if (security === undefined) {
    return checks.expect(
      provider.type === 'strimzi',
      'kafka.security',
      security,
      `is required for ${provider.type}: there is no safe default for a managed Kafka's credentials`,
      `set one of the ${provider.type} modes, e.g. ${JSON.stringify(exampleSecurity(provider.type))}`,
    );
  }
  const before = checks.issues.length;
  checkKafkaSecurity(checks, 'kafka.security', security);
  if (checks.issues.length > before) return false;
  if (provider.type === 'strimzi' && security.mode === 'tls' && !security.brokerCaSecret) {
    checks.fail('kafka.security.brokerCaSecret', security.brokerCaSecret, 'is required for one-way TLS to the in-cluster Strimzi cluster: its certificates come from the Strimzi cluster CA, which no client trusts by default', 'set brokerCaSecret: "seldon-cluster-ca-cert" (Strimzi\'s cluster CA secret), or use mode "strimzi-mtls"');
    return false;
  }
  const owner = MODE_PROVIDER[security.mode];
  return checks.expect(
    owner === 'any' || owner === provider.type,
    'kafka.security.mode',
    security.mode,
    `belongs to the ${owner} provider, but kafka.provider.type is ${provider.type}`,
    `use a ${provider.type} mode or one of tls, plaintext, custom`,
  );
}

function exampleSecurity(type: KafkaProvider['type']): Partial<KafkaSecurity> {
  switch (type) {
    case 'aws-msk':
      return { mode: 'msk-mtls', clientSecret: 'aws-msk-client' };
    case 'confluent-cloud':
      return { mode: 'confluent-sasl-plain', username: '<API key>', passwordSecret: 'confluent-kafka-sasl' };
    case 'azure-event-hub':
      return { mode: 'event-hub-sasl', passwordSecret: 'azure-kafka-secret' };
    default:
      return { mode: 'tls' };
  }
}

function checkTopics(checks: Checks, options: KafkaOptions, config: PlatformConfig): void {
  const r = resolve(options, config.namespaces?.kafka ?? 'seldon-kafka');
  const { replicationFactor, numPartitions } = r.values.topics;
  checks.expect(
    NAME_CHARS.test(r.values.topicPrefix),
    'kafka.topics.prefix',
    r.values.topicPrefix,
    'may only contain [A-Za-z0-9._-] (Kafka topic characters; Core 2 rejects others)',
    'use letters, digits, ".", "_" or "-", e.g. "seldon" or "myorg-seldon"',
  );
  if (r.values.topicPrefix.endsWith('.')) {
    checks.fail('kafka.topics.prefix', r.values.topicPrefix, 'ends with ".", which Core 2 already uses as the separator (topics would read "prefix..ns.model")', `use ${JSON.stringify(r.values.topicPrefix.replace(/\.+$/, ''))}`);
  }
  if (checks.integer('kafka.topics.replicationFactor', replicationFactor, 1)) {
    const minIsr = r.facts.minInsyncReplicas;
    checks.expect(
      replicationFactor >= minIsr,
      'kafka.topics.replicationFactor',
      replicationFactor,
      `is below the cluster's min.insync.replicas (${minIsr}): producers will fail with NOT_ENOUGH_REPLICAS ("not enough in-sync replicas" in the pipeline gateway)`,
      `set replicationFactor >= ${minIsr}`,
    );
    if (r.facts.brokers !== undefined) {
      checks.expect(
        replicationFactor <= r.facts.brokers,
        'kafka.topics.replicationFactor',
        replicationFactor,
        `is above the ${r.facts.brokers} broker(s) of the Strimzi cluster: topic creation fails with INVALID_REPLICATION_FACTOR`,
        `set replicationFactor <= ${r.facts.brokers}, or raise kafka.provider.cluster.replicas`,
      );
    }
  }
  if (checks.integer('kafka.topics.numPartitions', numPartitions, 1)) {
    const max = r.facts.quota?.maxPartitionsPerTopic;
    if (max !== undefined) checks.expect(numPartitions <= max, 'kafka.topics.numPartitions', numPartitions, `is above ${max} partitions per topic (${r.facts.quota?.source})`, `set numPartitions <= ${max}`);
  }
}

function checkBudgetOptions(checks: Checks, budget: TopicBudgetOptions | undefined): void {
  if (budget === undefined) return;
  if (budget.maxTopics !== undefined) checks.integer('kafka.topicBudget.maxTopics', budget.maxTopics, 1);
  if (budget.maxPartitions !== undefined) checks.integer('kafka.topicBudget.maxPartitions', budget.maxPartitions, 1);
  if (budget.onExceeded !== undefined) checks.oneOf('kafka.topicBudget.onExceeded', budget.onExceeded, ['fail', 'warn'] as const);
}
