import { Construct } from 'constructs';
import type { PlatformConfig } from '../config';
import { Concern, PlatformContext } from '../lib/concern';
import { Checks } from '../lib/errors';

/** Options of the service mesh concern. */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface ServiceMeshOptions {}

/** service mesh: not yet rendered (placeholder wiring; see the open issue). */
export class ServiceMesh extends Construct implements Concern {
  constructor(scope: Construct, id: string, _ctx: PlatformContext, _options: ServiceMeshOptions) {
    super(scope, id);
  }
}

/** Validates the service mesh options. */
export function checkServiceMesh(_checks: Checks, _options: ServiceMeshOptions, _config: PlatformConfig): void {}
