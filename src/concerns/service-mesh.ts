import { Construct } from 'constructs';
import type { PlatformConfig } from '../config';
import { Concern, PlatformContext } from '../lib/concern';
import { Checks } from '../lib/errors';

/** Options of the service mesh concern. */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface ServiceMeshOptions {}

/** The Istio gateway Seldon routes through (consumed by Core v1, Core 2 and Deploy). */
export interface GatewayRef {
  readonly namespace: string;
  readonly name: string;
}

/** service mesh: not yet rendered (placeholder wiring; see the open issue). */
export class ServiceMesh extends Construct implements Concern {
  /** The Seldon gateway: `istio-system/seldon-gateway` by default (seed 004). */
  public readonly gateway: GatewayRef = { namespace: 'istio-system', name: 'seldon-gateway' };

  constructor(scope: Construct, id: string, _ctx: PlatformContext, _options: ServiceMeshOptions) {
    super(scope, id);
  }

  /** `<namespace>/<name>` of the gateway, as Istio VirtualServices and the Seldon operators reference it. */
  public get gatewayRef(): string {
    return `${this.gateway.namespace}/${this.gateway.name}`;
  }
}

/** Validates the service mesh options. */
export function checkServiceMesh(_checks: Checks, _options: ServiceMeshOptions, _config: PlatformConfig): void {}
