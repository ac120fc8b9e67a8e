import { Construct } from 'constructs';
import { Application, ApplicationSpecSourceDirectory } from '../../imports/argo-application-argoproj.io';
import { DeliveryConfig } from '../config';
import { setSyncWave, Wave } from '../lib/argo';
import { Concern } from '../lib/concern';
import { IN_CLUSTER, standardLabels } from '../lib/names';
import { BOOTSTRAP_FOLDER } from './bootstrap';
import { WAVE_HEALTH_ANNOTATION, WAVE_HEALTH_IGNORE } from './gitops-health-checks';

/** The root Application of an environment (on the Argo CD cluster); `<it>-cluster` applies the rest to another cluster. */
export function rootApplicationName(environment: string): string {
  return `seldon-platform-${environment}`;
}

/**
 * Which cluster an object of `dist/<env>/<file>` is applied to: the Argo CD cluster or the target cluster. The
 * bootstrap (applied by hand, see `appliedByRoot`) configures the Argo CD instance, so it belongs to the Argo CD cluster.
 */
export function clusterOfFile(file: string, twoClusters: boolean): 'argocd' | 'target' {
  const folder = file.split('/')[0];
  return twoClusters && (ARGO_FOLDERS.includes(folder) || NEVER_APPLIED.includes(folder)) ? 'argocd' : 'target';
}

/** Whether a root Application applies the object of `dist/<env>/<file>`: false for `bootstrap/`, which is applied by hand first. */
export function appliedByRoot(file: string): boolean {
  return !NEVER_APPLIED.includes(file.split('/')[0]);
}

export interface RootApplicationProps {
  readonly environment: string;
  readonly delivery: Required<DeliveryConfig>;
}

/** Folders of dist/<env>/ that belong to the Argo CD cluster rather than the target cluster. */
export const ARGO_FOLDERS: readonly string[] = ['delivery', 'applications'];

/**
 * Folders no root ever applies: `bootstrap/` configures the Argo CD that runs the roots. Argo CD matches
 * `directory.exclude` against each file's path relative to the Application's path with a glob whose `*` crosses `/`
 * (argoproj/argo-cd@v3.5.1:reposerver/repository/repository.go:2113,2158-2164; util/glob/glob.go, no separators).
 */
const NEVER_APPLIED = [BOOTSTRAP_FOLDER];

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
    const never = NEVER_APPLIED.map((f) => `${f}/*`);
    this.root(rootApplicationName(props.environment), props, IN_CLUSTER, remote ? { recurse: true, include: folders } : { recurse: true, include: '*.yaml', exclude: anyOf(never) });
    if (remote) {
      this.root(`${rootApplicationName(props.environment)}-cluster`, props, d.destinationServer, {
        recurse: true,
        include: '*.yaml',
        exclude: anyOf([...ARGO_FOLDERS.map((f) => `${f}/*`), ...never]),
      });
    }
  }

  private root(name: string, props: RootApplicationProps, server: string, directory: ApplicationSpecSourceDirectory): void {
    const d = props.delivery;
    // A root applies itself (delivery/ is in its path): in its own sync it is a task of wave -1 whose health Argo CD
    // waits for (argoproj/argo-cd@v3.5.1:gitops-engine/pkg/sync/sync_context.go:540-567), while its own sync status
    // stays OutOfSync until that sync ends. Under the bootstrap's Application check it would wait for itself for
    // ever; the opt-out makes it Healthy there. The same holds for the remote-cluster root, which the first applies.
    const app = new Application(this, name, {
      metadata: { name, namespace: d.argoNamespace, labels: standardLabels('delivery'), annotations: { [WAVE_HEALTH_ANNOTATION]: WAVE_HEALTH_IGNORE } },
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

/** One glob matching any of `patterns` (`{a,b}` alternatives). */
function anyOf(patterns: readonly string[]): string {
  return patterns.length === 1 ? patterns[0] : `{${patterns.join(',')}}`;
}
