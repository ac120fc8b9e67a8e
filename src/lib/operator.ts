import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { OperatorGroup } from '../../imports/olm-operatorgroup-operators.coreos.com';
import { Subscription } from '../../imports/olm-subscription-operators.coreos.com';
import { HelmChart, OlmPackage } from '../versions';
import { Wave } from './argo';
import { ArgoTarget, HelmApplication } from './argo-application';
import { standardLabels } from './names';

/** The platforms the reference environments target. */
export type Platform = 'openshift' | 'kubernetes';

/** How an operator is installed on plain Kubernetes: an Argo CD Application for its upstream chart. */
export interface HelmOperator {
  readonly chart: HelmChart;
  /** Application name (also the release name). */
  readonly name: string;
  readonly namespace: string;
  readonly values?: Record<string, unknown>;
  readonly syncOptions?: readonly string[];
  readonly ignoreDifferences?: ReadonlyArray<{ group?: string; kind: string; name?: string; jqPathExpressions?: string[] }>;
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
  /** OpenShift: `Automatic` (default) or `Manual` install plan approval. */
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
    new Subscription(this, 'Subscription', {
      metadata: { name: pkg.name, namespace: pkg.namespace, labels },
      spec: {
        name: pkg.name,
        channel: pkg.channel,
        source: pkg.source,
        sourceNamespace: 'openshift-marketplace',
        installPlanApproval: props.installPlanApproval ?? 'Automatic',
        ...(env.length > 0 ? { config: { env } } : {}),
      },
    });
  }
}
