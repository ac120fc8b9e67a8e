import { Construct } from 'constructs';
import type { PlatformConfig } from '../config';
import { Concern, PlatformContext } from '../lib/concern';
import { Checks } from '../lib/errors';

/** Options of the Seldon Core v1 concern. */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface CoreV1Options {}

/** Seldon Core v1: not yet rendered (placeholder wiring; see the open issue). */
export class CoreV1 extends Construct implements Concern {
  constructor(scope: Construct, id: string, _ctx: PlatformContext, _options: CoreV1Options) {
    super(scope, id);
  }
}

/** Validates the Seldon Core v1 options. */
export function checkCoreV1(_checks: Checks, _options: CoreV1Options, _config: PlatformConfig): void {}
