import { Construct } from 'constructs';
import type { PlatformConfig } from '../config';
import { Concern, PlatformContext } from '../lib/concern';
import { Checks } from '../lib/errors';

/** Options of the Kafka concern. */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface KafkaOptions {}

/** How Seldon components connect to Kafka (consumed by Core 2 and Seldon Deploy's request logger). */
export interface KafkaConnection {
  /** `host:port[,host:port]` */
  readonly bootstrap: string;
  readonly protocol: 'PLAINTEXT' | 'SSL' | 'SASL_SSL';
  /** Secrets every Kafka client namespace needs (seldon-logs and each Core 2 runtime namespace), by name. */
  readonly clientSecrets: readonly string[];
}

/** Kafka: not yet rendered (placeholder wiring; see the open issue). */
export class Kafka extends Construct implements Concern {
  public readonly connection: KafkaConnection;

  constructor(scope: Construct, id: string, ctx: PlatformContext, _options: KafkaOptions) {
    super(scope, id);
    this.connection = { bootstrap: `seldon-kafka-bootstrap.${ctx.namespaces.kafka}.svc:9092`, protocol: 'PLAINTEXT', clientSecrets: [] };
  }
}

/** Validates the Kafka options. */
export function checkKafka(_checks: Checks, _options: KafkaOptions, _config: PlatformConfig): void {}
