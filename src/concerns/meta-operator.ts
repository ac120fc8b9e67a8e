import { Construct } from 'constructs';
import type { PlatformConfig } from '../config';
import { Concern, PlatformContext } from '../lib/concern';
import { Checks } from '../lib/errors';

/** Options of the Seldon Meta-Operator concern. */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface MetaOperatorOptions {}

/** Seldon Meta-Operator: not yet rendered (placeholder wiring; see the open issue). */
export class MetaOperator extends Construct implements Concern {
  constructor(scope: Construct, id: string, _ctx: PlatformContext, _options: MetaOperatorOptions) {
    super(scope, id);
  }
}

/** Validates the Seldon Meta-Operator options. */
export function checkMetaOperator(_checks: Checks, _options: MetaOperatorOptions, _config: PlatformConfig): void {}
