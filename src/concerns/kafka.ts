import { Construct } from 'constructs';
import type { PlatformConfig } from '../config';
import { Concern, PlatformContext } from '../lib/concern';
import { Checks } from '../lib/errors';

/** Options of the Kafka concern. */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface KafkaOptions {}

/** Kafka: not yet rendered (placeholder wiring; see the open issue). */
export class Kafka extends Construct implements Concern {
  constructor(scope: Construct, id: string, _ctx: PlatformContext, _options: KafkaOptions) {
    super(scope, id);
  }
}

/** Validates the Kafka options. */
export function checkKafka(_checks: Checks, _options: KafkaOptions, _config: PlatformConfig): void {}
