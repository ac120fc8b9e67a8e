import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { OperatorGroup } from '../../imports/olm-operatorgroup-operators.coreos.com';
import { Subscription } from '../../imports/olm-subscription-operators.coreos.com';
import { HelmChart, OLM, OlmPackage } from '../versions';
import { DriftId } from './drift';
import { Checks } from './errors';
import { Wave } from './argo';
import { ArgoTarget, HelmApplication } from './argo-application';
import { standardLabels } from './names';

/** The platforms the reference environments target. */
export type Platform = 'openshift' | 'kubernetes';

/**
 * An OLM operator pinned to an exact version: `Subscription.spec.startingCSV` names the ClusterServiceVersion to
 * install, and `installPlanApproval: Manual` makes OLM wait for a person to approve every InstallPlan (the first one
 * included) instead of upgrading when the catalog moves. Set per OLM package in `PlatformConfig.operators`.
 *
 * With Manual approval an upgrade shows up as a pending InstallPlan (`verify.sh` lists them) that someone approves with
 * `oc patch installplan <name> -n <namespace> --type merge -p '{"spec":{"approved":true}}'`. Argo CD's own Subscription
 * health script treats "installed, upgrade awaiting manual approval" as Healthy and a first install awaiting approval as
 * Progressing (argoproj/argo-cd@109ca7ca:resource_customizations/operators.coreos.com/Subscription/health.lua:8-22,48-55).
 */
export interface OperatorPin {
  /**
   * `Subscription.spec.startingCSV`: the ClusterServiceVersion to install, `<csv-name>.v<semver>`, e.g.
   * `servicemeshoperator.v2.6.5`. The CSV prefix is not always the package name: read it from the catalog with
   * `oc get packagemanifest <package> -o jsonpath='{.status.channels[?(@.name=="<channel>")].currentCSV}'`.
   */
  readonly startingCSV?: string;
  /** `Subscription.spec.installPlanApproval`. @default "Manual" (a pin without manual approval would upgrade at once) */
  readonly installPlanApproval?: 'Automatic' | 'Manual';
}

/** Construct context key under which SeldonPlatform hands `PlatformConfig.operators` to every OperatorInstall. */
export const OPERATOR_PINS_CONTEXT = 'seldon-platform:operator-pins';

/** `<name>.v<semver>`, the way OLM bundles name their ClusterServiceVersions (e.g. `cluster-logging.v5.9.3`). */
export const CSV_NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?\.v\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

/** The OLM package names the platform can subscribe to (the keys `PlatformConfig.operators` accepts). */
export function olmPackageNames(): string[] {
  return [...new Set(Object.values(OLM).map((p) => p.name))].sort();
}

/** Validates `operators` (per OLM package: startingCSV format, approval, OpenShift only). */
export function checkOperatorPins(checks: Checks, platform: Platform, pins: Readonly<Record<string, OperatorPin>> | undefined): void {
  if (pins === undefined) return;
  if (platform !== 'openshift') {
    checks.fail('operators', pins, 'only applies on OpenShift (OLM Subscriptions); Kubernetes installs pin Helm chart versions in src/versions.ts', 'remove operators from the Kubernetes environment');
    return;
  }
  const known = olmPackageNames();
  for (const [name, pin] of Object.entries(pins)) {
    const path = `operators.${name}`;
    if (!known.includes(name)) {
      checks.fail(path, pin, 'is not an OLM package the platform subscribes to', `use one of ${known.join(', ')} (Subscription.spec.name)`);
      continue;
    }
    if (pin.installPlanApproval !== undefined) checks.oneOf(`${path}.installPlanApproval`, pin.installPlanApproval, ['Automatic', 'Manual'] as const);
    if (pin.startingCSV !== undefined) {
      checks.expect(
        typeof pin.startingCSV === 'string' && CSV_NAME.test(pin.startingCSV),
        `${path}.startingCSV`,
        pin.startingCSV,
        'is not a ClusterServiceVersion name of the form <name>.v<major>.<minor>.<patch>',
        `use the CSV name from the catalog, e.g. "${name}.v1.2.3": oc get packagemanifest ${name} -o jsonpath='{.status.channels[*].currentCSV}'`,
      );
      checks.expect(
        pin.installPlanApproval !== 'Automatic',
        `${path}.installPlanApproval`,
        pin.installPlanApproval,
        'is Automatic with a startingCSV: OLM installs the starting CSV and then upgrades straight to the channel head, so nothing stays pinned',
        'set installPlanApproval: "Manual" (the default with a startingCSV) and approve each upgrade InstallPlan',
      );
    }
  }
}

/** How an operator is installed on plain Kubernetes: an Argo CD Application for its upstream chart. */
export interface HelmOperator {
  readonly chart: HelmChart;
  /** Application name (also the release name). */
  readonly name: string;
  readonly namespace: string;
  readonly values?: Record<string, unknown>;
  readonly syncOptions?: readonly string[];
  readonly ignoreDifferences?: ReadonlyArray<{ group?: string; kind: string; name?: string; jqPathExpressions?: string[] }>;
  /** Rewrites by controllers the chart's objects are exposed to (src/lib/drift.ts). */
  readonly drift?: readonly DriftId[];
}

export interface OperatorInstallProps {
  readonly platform: Platform;
  /** OpenShift: the OperatorHub package, channel and namespace. */
  readonly olm?: OlmPackage;
  /** OpenShift: operator container environment, set through `Subscription.spec.config.env` (OLM overrides the CSV). */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * OpenShift: labels for the operator's own namespace, e.g. `openshift.io/cluster-monitoring: "true"`, which Red Hat
   * asks for on the namespaces of its operators so that the platform Prometheus scrapes them.
   */
  readonly namespaceLabels?: Readonly<Record<string, string>>;
  /**
   * OpenShift: `Automatic` (default) or `Manual` install plan approval. A pin in `PlatformConfig.operators` for the
   * package (read from the construct context, see OPERATOR_PINS_CONTEXT) takes precedence.
   */
  readonly installPlanApproval?: 'Automatic' | 'Manual';
  /** Kubernetes: the upstream Helm chart. */
  readonly helm?: HelmOperator;
  readonly target: ArgoTarget;
  readonly component: string;
}

/**
 * Installs an operator the platform's way. On OpenShift: a Subscription with an explicit channel, plus the Namespace
 * and OperatorGroup when the operator gets its own namespace (`openshift-operators` already has the global one). On
 * Kubernetes: an Argo CD Application for the upstream Helm chart with typed values.
 */
export class OperatorInstall extends Construct {
  constructor(scope: Construct, id: string, props: OperatorInstallProps) {
    super(scope, id);
    if (props.platform === 'openshift') {
      if (!props.olm) throw new Error(`${this.node.path}: an OpenShift operator install needs an OLM package`);
      this.renderOlm(props.olm, props);
    } else {
      if (!props.helm) throw new Error(`${this.node.path}: a Kubernetes operator install needs a Helm chart`);
      new HelmApplication(this, 'Helm', {
        ...props.helm,
        target: props.target,
        wave: Wave.OPERATORS,
        component: props.component,
      });
    }
  }

  private renderOlm(pkg: OlmPackage, props: OperatorInstallProps): void {
    const labels = standardLabels(props.component);
    if (pkg.operatorGroup) {
      new k8s.KubeNamespace(this, 'Namespace', { metadata: { name: pkg.namespace, labels: { ...labels, ...props.namespaceLabels } } });
      new OperatorGroup(this, 'OperatorGroup', {
        metadata: { name: pkg.name, namespace: pkg.namespace, labels },
        spec: pkg.operatorGroup === 'own' ? { targetNamespaces: [pkg.namespace] } : {},
      });
    }
    const env = Object.entries(props.env ?? {}).map(([name, value]) => ({ name, value }));
    const pins = (this.node.tryGetContext(OPERATOR_PINS_CONTEXT) ?? {}) as Readonly<Record<string, OperatorPin>>;
    const pin = pins[pkg.name];
    new Subscription(this, 'Subscription', {
      metadata: { name: pkg.name, namespace: pkg.namespace, labels },
      spec: {
        name: pkg.name,
        channel: pkg.channel,
        source: pkg.source,
        sourceNamespace: 'openshift-marketplace',
        installPlanApproval: pin ? (pin.installPlanApproval ?? 'Manual') : (props.installPlanApproval ?? 'Automatic'),
        ...(pin?.startingCSV ? { startingCsv: pin.startingCSV } : {}),
        ...(env.length > 0 ? { config: { env } } : {}),
      },
    });
  }
}
