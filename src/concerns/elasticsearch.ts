import { Construct } from 'constructs';
import type { PlatformConfig } from '../config';
import { Concern, PlatformContext } from '../lib/concern';
import { Checks } from '../lib/errors';

/** Options of the Elasticsearch concern. */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface ElasticsearchOptions {}

/** Elasticsearch: not yet rendered (placeholder wiring; see the open issue). */
export class Elasticsearch extends Construct implements Concern {
  constructor(scope: Construct, id: string, _ctx: PlatformContext, _options: ElasticsearchOptions) {
    super(scope, id);
  }
}

/** Validates the Elasticsearch options. */
export function checkElasticsearch(_checks: Checks, _options: ElasticsearchOptions, _config: PlatformConfig): void {}
