import { Construct } from 'constructs';
import { Application } from '../../imports/argo-application-argoproj.io';
import { DeliveryConfig } from '../config';
import { setSyncWave, Wave } from '../lib/argo';
import { Concern } from '../lib/concern';
import { standardLabels } from '../lib/names';

export interface RootApplicationProps {
  readonly environment: string;
  readonly delivery: Required<DeliveryConfig>;
}

/**
 * The environment's root Argo CD Application: it applies `dist/<environment>/` (recursively, `*.yaml` only, so the
 * overview and verify script are never applied), prunes what the render no longer has, and manages itself once
 * bootstrapped with `kubectl apply -f dist/<environment>/delivery/application.<ns>.seldon-platform-<env>.yaml`.
 */
export class RootApplication extends Construct implements Concern {
  public readonly application: Application;

  constructor(scope: Construct, id: string, props: RootApplicationProps) {
    super(scope, id);
    const d = props.delivery;
    this.application = new Application(this, 'Resource', {
      metadata: { name: `seldon-platform-${props.environment}`, namespace: d.argoNamespace, labels: standardLabels('delivery') },
      spec: {
        project: d.project,
        source: { repoUrl: d.repoURL, targetRevision: d.targetRevision, path: d.path, directory: { recurse: true, include: '*.yaml' } },
        destination: { server: d.destinationServer },
        syncPolicy: {
          automated: { prune: true, selfHeal: true },
          syncOptions: ['PruneLast=true'],
          retry: { limit: 10, backoff: { duration: '10s', factor: 2, maxDuration: '5m' } },
        },
      },
    });
    setSyncWave(this.application, Wave.BOOTSTRAP);
  }
}
