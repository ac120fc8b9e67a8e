import { Construct } from 'constructs';
import type { PlatformConfig } from '../config';
import { Concern, PlatformContext } from '../lib/concern';
import { Checks } from '../lib/errors';

/** Options of the Seldon Deploy GitOps (Argo CD) concern. */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface GitOpsOptions {}

/** Seldon Deploy GitOps (Argo CD): not yet rendered (placeholder wiring; see the open issue). */
export class GitOps extends Construct implements Concern {
  constructor(scope: Construct, id: string, _ctx: PlatformContext, _options: GitOpsOptions) {
    super(scope, id);
  }
}

/** Validates the Seldon Deploy GitOps (Argo CD) options. */
export function checkGitOps(_checks: Checks, _options: GitOpsOptions, _config: PlatformConfig): void {}
