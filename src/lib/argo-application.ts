import { Construct } from 'constructs';
import { Application, ApplicationSpecSource } from '../../imports/argo-application-argoproj.io';
import { HelmChart } from '../versions';
import { setSyncWave, Wave } from './argo';
import { driftHandling, DriftId } from './drift';
import { standardLabels } from './names';

/** Where Argo CD Applications are created and what they deploy to. */
export interface ArgoTarget {
  /** Namespace of the Argo CD instance that applies this render (Applications live there). */
  readonly argoNamespace: string;
  /** Argo CD project of the platform's Applications. */
  readonly project: string;
  /** API server the objects are applied to. */
  readonly destinationServer: string;
  /**
   * Where the Application objects themselves are rendered: the platform's `applications` chart
   * (`dist/<env>/applications/`), so that the root Application can create them in the Argo CD cluster even when the
   * platform targets another cluster. Without it, an Application is rendered in the scope that creates it.
   */
  readonly applications?: Construct;
}

export interface HelmApplicationProps {
  /** `metadata.name` of the Application. */
  readonly name: string;
  readonly chart: HelmChart;
  /** Namespace the release is installed into. */
  readonly namespace: string;
  /** @default name */
  readonly releaseName?: string;
  /** Typed chart values, rendered as `helm.valuesObject`. */
  readonly values?: Record<string, unknown>;
  readonly target: ArgoTarget;
  /** Sync wave of the Application. */
  readonly wave: Wave | number;
  /** Extra `syncPolicy.syncOptions` (e.g. `ServerSideApply=true` for charts with large CRDs). */
  readonly syncOptions?: readonly string[];
  /** Create the destination namespace if missing. @default true */
  readonly createNamespace?: boolean;
  /** `component` label. */
  readonly component: string;
  /** Argo CD `ignoreDifferences` entries, for fields a controller rewrites at runtime. Prefer `drift`. */
  readonly ignoreDifferences?: ReadonlyArray<{ group?: string; kind: string; name?: string; jqPathExpressions?: readonly string[]; jsonPointers?: readonly string[] }>;
  /** Rewrites by controllers this Application is exposed to (src/lib/drift.ts): adds their ignoreDifferences and sync options. */
  readonly drift?: readonly DriftId[];
}

/** What every Argo CD Application of the platform has in common. */
export interface PlatformApplicationProps {
  /** `metadata.name` of the Application. */
  readonly name: string;
  /** What it deploys: a Helm chart, or a path in a Git repository. */
  readonly source: ApplicationSpecSource;
  /** Namespace the objects are installed into. */
  readonly namespace: string;
  readonly target: ArgoTarget;
  /** Sync wave of the Application. */
  readonly wave: Wave | number;
  /** `syncPolicy.syncOptions`. */
  readonly syncOptions?: readonly string[];
  /** `component` label. */
  readonly component: string;
  /** Argo CD `ignoreDifferences` entries, for fields a controller rewrites at runtime. Prefer `drift`. */
  readonly ignoreDifferences?: HelmApplicationProps['ignoreDifferences'];
  /** Rewrites by controllers this Application is exposed to (src/lib/drift.ts). */
  readonly drift?: readonly DriftId[];
  /** Helm release name, when it installs a chart (names of some rewritten objects derive from it). */
  readonly releaseName?: string;
}

/**
 * An Argo CD Application the platform renders to install something: created in the platform's `applications` chart
 * (so it stays with Argo CD even when the platform targets another cluster), pruning and self-healing, with the
 * resources finalizer so that deleting it removes what it installed, and an explicit sync wave.
 */
export class PlatformApplication extends Construct {
  public readonly application: Application;

  constructor(scope: Construct, id: string, props: PlatformApplicationProps) {
    super(scope, id);
    const home = props.target.applications ?? this;
    const drift = driftHandling(props.drift ?? [], { namespace: props.namespace, release: props.releaseName ?? props.name });
    const ignoreDifferences = [...(props.ignoreDifferences ?? []), ...drift.ignoreDifferences];
    const syncOptions = [...(props.syncOptions ?? []), ...drift.syncOptions, ...(ignoreDifferences.length > 0 ? ['RespectIgnoreDifferences=true'] : [])];
    this.application = new Application(home, props.target.applications ? props.name : 'Resource', {
      metadata: {
        name: props.name,
        namespace: props.target.argoNamespace,
        labels: standardLabels(props.component),
        finalizers: ['resources-finalizer.argocd.argoproj.io'],
      },
      spec: {
        project: props.target.project,
        source: props.source,
        destination: { server: props.target.destinationServer, namespace: props.namespace },
        syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: [...new Set(syncOptions)].sort() },
        ...(ignoreDifferences.length > 0
          ? { ignoreDifferences: ignoreDifferences.map((d) => ({ ...d, jqPathExpressions: d.jqPathExpressions ? [...d.jqPathExpressions] : undefined, jsonPointers: d.jsonPointers ? [...d.jsonPointers] : undefined })) }
          : {}),
      },
    });
    setSyncWave(this.application, props.wave);
  }
}

/**
 * An Argo CD Application that installs a pinned Helm chart with typed values: how this platform installs upstream
 * operators on plain Kubernetes and the Seldon charts on both platforms.
 */
export class HelmApplication extends Construct {
  public readonly application: Application;

  constructor(scope: Construct, id: string, props: HelmApplicationProps) {
    super(scope, id);
    const syncOptions = [...(props.createNamespace === false ? [] : ['CreateNamespace=true']), ...(props.syncOptions ?? [])];
    this.application = new PlatformApplication(this, 'App', {
      ...props,
      source: {
        repoUrl: props.chart.repoURL,
        chart: props.chart.chart,
        targetRevision: props.chart.version,
        helm: { releaseName: props.releaseName ?? props.name, ...(props.values ? { valuesObject: props.values } : {}) },
      },
      syncOptions,
      releaseName: props.releaseName ?? props.name,
    }).application;
  }
}
