import { Construct } from 'constructs';
import type { PlatformConfig } from '../config';
import { Concern, PlatformContext } from '../lib/concern';
import { Checks } from '../lib/errors';

/** Options of the Elasticsearch concern. */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface ElasticsearchOptions {}

/** How Seldon reaches Elasticsearch (consumed by logging and Seldon Deploy). */
export interface ElasticsearchEndpoint {
  /** e.g. `https://elasticsearch-seldon-es-http.seldon-logs:9200` */
  readonly url: string;
  /** e.g. `elasticsearch-seldon-es-http.seldon-logs` */
  readonly host: string;
  readonly port: number;
  readonly protocol: 'https' | 'http';
  /** Name of the `elastic-credentials` secret (keys `username`, `password`) in seldon-logs and seldon-system. */
  readonly credentialsSecret: string;
}

/** Elasticsearch: not yet rendered (placeholder wiring; see the open issue). */
export class Elasticsearch extends Construct implements Concern {
  public readonly endpoint: ElasticsearchEndpoint;

  constructor(scope: Construct, id: string, ctx: PlatformContext, _options: ElasticsearchOptions) {
    super(scope, id);
    const host = `elasticsearch-seldon-es-http.${ctx.namespaces.logs}`;
    this.endpoint = { url: `https://${host}:9200`, host, port: 9200, protocol: 'https', credentialsSecret: 'elastic-credentials' };
  }
}

/** Validates the Elasticsearch options. */
export function checkElasticsearch(_checks: Checks, _options: ElasticsearchOptions, _config: PlatformConfig): void {}
