import { Construct } from 'constructs';
import type { PlatformConfig } from '../config';
import { Concern, PlatformContext } from '../lib/concern';
import { Checks } from '../lib/errors';

/** Options of the monitoring concern. */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface MonitoringOptions {}

/** monitoring: not yet rendered (placeholder wiring; see the open issue). */
export class Monitoring extends Construct implements Concern {
  constructor(scope: Construct, id: string, _ctx: PlatformContext, _options: MonitoringOptions) {
    super(scope, id);
  }
}

/** Validates the monitoring options. */
export function checkMonitoring(_checks: Checks, _options: MonitoringOptions, _config: PlatformConfig): void {}
