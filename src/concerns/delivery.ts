import { Construct } from 'constructs';
import { Application, ApplicationSpecSourceDirectory } from '../../imports/argo-application-argoproj.io';
import { DeliveryConfig } from '../config';
import { setSyncWave, Wave } from '../lib/argo';
import { Concern } from '../lib/concern';
import { IN_CLUSTER, standardLabels } from '../lib/names';

/** The root Application of an environment (on the Argo CD cluster); `<it>-cluster` applies the rest to another cluster. */
export function rootApplicationName(environment: string): string {
  return `seldon-platform-${environment}`;
}

/** Which cluster an object of `dist/<env>/<file>` is applied to: the Argo CD cluster or the target cluster. */
export function clusterOfFile(file: string, twoClusters: boolean): 'argocd' | 'target' {
  return twoClusters && ARGO_FOLDERS.includes(file.split('/')[0]) ? 'argocd' : 'target';
}

export interface RootApplicationProps {
  readonly environment: string;
  readonly delivery: Required<DeliveryConfig>;
}

/** Folders of dist/<env>/ that belong to the Argo CD cluster rather than the target cluster. */
export const ARGO_FOLDERS: readonly string[] = ['delivery', 'applications'];

/**
 * The environment's root Argo CD Application: it applies `dist/<environment>/` (recursively, `*.yaml` only, so the
 * overview and verify script are never applied), prunes what the render no longer has, and manages itself once
 * bootstrapped with `kubectl apply -f dist/<environment>/delivery/`.
 *
 * When the environment targets another cluster (`delivery.destinationServer`), the Argo CD objects (this root and the
 * platform's chart Applications in `applications/`) must stay in the cluster that runs Argo CD, so the root applies
 * only those folders there, and a second Application, `seldon-platform-<env>-cluster`, applies everything else to the
 * target cluster.
 */
export class RootApplication extends Construct implements Concern {
  public readonly applications: Application[] = [];

  constructor(scope: Construct, id: string, props: RootApplicationProps) {
    super(scope, id);
    const d = props.delivery;
    const remote = d.destinationServer !== IN_CLUSTER;
    const folders = `{${ARGO_FOLDERS.map((f) => `${f}/*.yaml`).join(',')}}`;
    this.root(rootApplicationName(props.environment), props, IN_CLUSTER, remote ? { recurse: true, include: folders } : { recurse: true, include: '*.yaml' });
    if (remote) {
      this.root(`${rootApplicationName(props.environment)}-cluster`, props, d.destinationServer, {
        recurse: true,
        include: '*.yaml',
        exclude: `{${ARGO_FOLDERS.map((f) => `${f}/*`).join(',')}}`,
      });
    }
  }

  private root(name: string, props: RootApplicationProps, server: string, directory: ApplicationSpecSourceDirectory): void {
    const d = props.delivery;
    const app = new Application(this, name, {
      metadata: { name, namespace: d.argoNamespace, labels: standardLabels('delivery') },
      spec: {
        project: d.project,
        source: { repoUrl: d.repoURL, targetRevision: d.targetRevision, path: d.path, directory },
        destination: { server },
        syncPolicy: {
          automated: { prune: true, selfHeal: true },
          // No PruneLast: Argo CD then prunes in reverse wave order, so custom resources go before the operators
          // that hold their finalizers (e.g. a SeldonOperator before the Meta-Operator).
          retry: { limit: 10, backoff: { duration: '10s', factor: 2, maxDuration: '5m' } },
        },
      },
    });
    setSyncWave(app, Wave.BOOTSTRAP);
    this.applications.push(app);
  }
}
