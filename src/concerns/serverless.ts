import { Construct } from 'constructs';
import type { PlatformConfig } from '../config';
import { Concern, PlatformContext } from '../lib/concern';
import { Checks } from '../lib/errors';

/** Options of the serverless (Knative) concern. */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface ServerlessOptions {}

/** serverless (Knative): not yet rendered (placeholder wiring; see the open issue). */
export class Serverless extends Construct implements Concern {
  constructor(scope: Construct, id: string, _ctx: PlatformContext, _options: ServerlessOptions) {
    super(scope, id);
  }
}

/** Validates the serverless (Knative) options. */
export function checkServerless(_checks: Checks, _options: ServerlessOptions, _config: PlatformConfig): void {}
