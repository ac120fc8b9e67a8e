import { Construct } from 'constructs';
import type { PlatformConfig } from '../config';
import { Concern, PlatformContext } from '../lib/concern';
import { Checks } from '../lib/errors';

/** Options of the TLS (cert-manager) concern. */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface TlsOptions {}

/** TLS (cert-manager): not yet rendered (placeholder wiring; see the open issue). */
export class Tls extends Construct implements Concern {
  constructor(scope: Construct, id: string, _ctx: PlatformContext, _options: TlsOptions) {
    super(scope, id);
  }
}

/** Validates the TLS (cert-manager) options. */
export function checkTls(_checks: Checks, _options: TlsOptions, _config: PlatformConfig): void {}
