import { Construct } from 'constructs';
import type { PlatformConfig } from '../config';
import { Concern, PlatformContext } from '../lib/concern';
import { Checks } from '../lib/errors';

/** Options of the model catalogue (PostgreSQL) concern. */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface ModelCatalogueOptions {}

/** model catalogue (PostgreSQL): not yet rendered (placeholder wiring; see the open issue). */
export class ModelCatalogue extends Construct implements Concern {
  constructor(scope: Construct, id: string, _ctx: PlatformContext, _options: ModelCatalogueOptions) {
    super(scope, id);
  }
}

/** Validates the model catalogue (PostgreSQL) options. */
export function checkModelCatalogue(_checks: Checks, _options: ModelCatalogueOptions, _config: PlatformConfig): void {}
