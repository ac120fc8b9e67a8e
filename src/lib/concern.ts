import { Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { PlatformNamespaces } from '../config';
import { WaveOffsetChart } from './argo';
import { OutputDirChart } from './render';
import { ArgoTarget } from './argo-application';
import { Platform } from './operator';
import { SecretReference, SecretRequirement } from './secrets';
import type { OpenShiftLine } from '../versions';

/**
 * What every concern receives from `SeldonPlatform`: the resolved, validated environment facts. Data flows one way:
 * environment config → SeldonPlatform → concerns → dist/.
 */
export interface PlatformContext {
  /** Environment name: the render goes to `dist/<name>/`. */
  readonly environment: string;
  readonly platform: Platform;
  readonly namespaces: PlatformNamespaces;
  /** Where the platform's own Argo CD Applications live and deploy to. */
  readonly target: ArgoTarget;
  /** The cluster ingress domain (OpenShift routes: `seldon.<domain>`), when configured. */
  readonly ingressDomain?: string;
  /** The cluster's OpenShift version, when configured (`PlatformConfig.openshiftVersion`). */
  readonly openshiftVersion?: string;
  /** Per-chart values over the workload hardening (`PlatformConfig.workloadValues`). */
  readonly workloadValues?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** OpenShift: the version matrix row of `openshiftVersion` (src/versions.ts `OPENSHIFT_MATRIX`); validated to exist. */
  readonly openshift?: OpenShiftLine;
  /** Requests a secret: renders an ExternalSecret or expects an existing secret, and records it for the overview. */
  secret(scope: Construct, id: string, requirement: SecretRequirement): SecretReference;
}

/** A chart of the platform: its objects go to `dist/<environment>/<outputDir>/`. */
export class PlatformChart extends Chart implements OutputDirChart, WaveOffsetChart {
  public readonly outputDir: string;
  public readonly waveOffset: number;

  constructor(scope: Construct, id: string, options: { outputDir?: string; waveOffset?: number } = {}) {
    super(scope, id, { disableResourceNameHashes: true });
    this.outputDir = options.outputDir ?? id;
    this.waveOffset = options.waveOffset ?? 0;
  }
}

/** The per-namespace view a concern gets when a model namespace is added. */
export interface ModelNamespaceContext {
  /** The namespace name. */
  readonly name: string;
  /** Scope for the namespace's objects: they are written to `dist/<env>/model-namespaces/<name>/`. */
  readonly scope: Construct;
  /** The options the namespace was added with, defaults applied. */
  readonly options: ResolvedModelNamespaceOptions;
}

/** Model-namespace options after defaults (see ModelNamespaceOptions in src/concerns/model-namespace.ts). */
export interface ResolvedModelNamespaceOptions {
  readonly gitops: boolean;
  readonly gitRepo?: string;
  readonly argocdApp?: string;
  readonly coreV1: boolean;
  readonly coreV2: boolean;
  readonly auth?: {
    readonly issuer: string;
    readonly jwksUri: string;
    readonly audiences?: readonly string[];
  };
  readonly quota?: { readonly cpu: string; readonly memory: string; readonly pods?: number };
  readonly limits?: { readonly defaultCpu: string; readonly defaultMemory: string; readonly defaultRequestCpu: string; readonly defaultRequestMemory: string };
  /** Planned Core 2 models and pipelines, for the Kafka topic budget. */
  readonly plannedModels: number;
  readonly plannedPipelines: number;
  /** Ask before Argo CD prunes the Namespace (`Prune=confirm`). */
  readonly confirmPrune: boolean;
}

/**
 * A documented concern. It renders its objects when constructed; if it also has per-namespace objects or registry
 * entries, it implements `addModelNamespace`, which the platform calls for every model namespace.
 */
export interface Concern extends IConstruct {
  addModelNamespace?(ns: ModelNamespaceContext): void;
}
