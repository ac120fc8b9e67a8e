import { Construct } from 'constructs';
import type { PlatformConfig } from '../config';
import { Concern, PlatformContext } from '../lib/concern';
import { Checks } from '../lib/errors';

/** Options of the Seldon Core 2 concern. */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface CoreV2Options {}

/** Seldon Core 2: not yet rendered (placeholder wiring; see the open issue). */
export class CoreV2 extends Construct implements Concern {
  constructor(scope: Construct, id: string, _ctx: PlatformContext, _options: CoreV2Options) {
    super(scope, id);
  }
}

/** Validates the Seldon Core 2 options. */
export function checkCoreV2(_checks: Checks, _options: CoreV2Options, _config: PlatformConfig): void {}
