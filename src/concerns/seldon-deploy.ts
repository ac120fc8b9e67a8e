import { Construct } from 'constructs';
import type { PlatformConfig } from '../config';
import { Concern, PlatformContext } from '../lib/concern';
import { Checks } from '../lib/errors';

/** Options of the Seldon Deploy concern. */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface SeldonDeployOptions {}

/** Seldon Deploy: not yet rendered (placeholder wiring; see the open issue). */
export class SeldonDeploy extends Construct implements Concern {
  constructor(scope: Construct, id: string, _ctx: PlatformContext, _options: SeldonDeployOptions) {
    super(scope, id);
  }
}

/** Validates the Seldon Deploy options. */
export function checkSeldonDeploy(_checks: Checks, _options: SeldonDeployOptions, _config: PlatformConfig): void {}
