import { Construct } from 'constructs';
import type { PlatformConfig } from '../config';
import { Concern, PlatformContext } from '../lib/concern';
import { Checks } from '../lib/errors';

/** Options of the container logging concern. */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface LoggingOptions {}

/** container logging: not yet rendered (placeholder wiring; see the open issue). */
export class Logging extends Construct implements Concern {
  constructor(scope: Construct, id: string, _ctx: PlatformContext, _options: LoggingOptions) {
    super(scope, id);
  }
}

/** Validates the container logging options. */
export function checkLogging(_checks: Checks, _options: LoggingOptions, _config: PlatformConfig): void {}
