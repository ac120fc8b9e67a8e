import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { Broker } from '../../imports/knative-broker-eventing.knative.dev';
import { KnativeEventing } from '../../imports/knative-eventing-operator.knative.dev';
import { KnativeServing, KnativeServingSpec } from '../../imports/knative-serving-operator.knative.dev';
import type { PlatformConfig } from '../config';
import { Concern, ModelNamespaceContext, PlatformContext } from '../lib/concern';
import { Checks } from '../lib/errors';
import { namespaceSelector, standardLabels } from '../lib/names';
import { OperatorInstall } from '../lib/operator';
import { CHARTS } from '../versions';
import { olmPackage } from '../lib/openshift-matrix';
import { hardenedValues, QUEUE_PROXY_RESOURCES } from '../lib/workload-security';
import { deepMerge } from '../lib/merge';

/** Knative Serving runs here; OpenShift Serverless accepts no other namespace. */
export const KNATIVE_SERVING_NAMESPACE = 'knative-serving';
/** Knative Eventing runs here (the broker ingress `broker-ingress.knative-eventing`). */
export const KNATIVE_EVENTING_NAMESPACE = 'knative-eventing';

const COMPONENT = 'serverless';

/**
 * Kubernetes: Knative's operator defaults to net-istio, which expects its gateway Services in istio-system while this
 * platform's gateway pods run in istio-ingress. Kourier (OpenShift Serverless's default too) needs nothing from the
 * mesh; its gateway stays cluster-internal (ClusterIP): detectors are called from inside the cluster only.
 */
const KUBERNETES_SERVING: KnativeServingSpec = {
  ingress: { kourier: { enabled: true, serviceType: 'ClusterIP' } },
  config: { network: { 'ingress-class': 'kourier.ingress.networking.knative.dev' } },
};

/** Options of the serverless (Knative) concern. */
export interface ServerlessOptions {
  /**
   * Name of the Knative Eventing Broker in seldon-logs that request logs and detector events flow through. Seldon Core
   * v1's request logger posts to `http://broker-ingress.knative-eventing.svc.cluster.local/<seldon-logs>/<brokerName>`.
   * @default "default"
   */
  readonly brokerName?: string;
}

/**
 * Knative Serving and Eventing for Seldon's outlier and drift detectors (seed 004 "OpenShift Serverless").
 *
 * OpenShift: the Serverless operator (own namespace `openshift-serverless`, all namespaces); it creates the
 * knative-serving and knative-eventing namespaces itself. Kubernetes: the upstream Knative operator chart, plus those
 * two namespaces. Both: KnativeServing `knative-serving`, KnativeEventing `knative-eventing`, the Broker `default` in
 * seldon-logs, the NetworkPolicy `seldon-request-logs` admitting Knative Eventing into seldon-logs, and in every model
 * namespace `seldon-detectors` (from knative-eventing) and `seldon-detectors-serving` (from knative-serving).
 */
export class Serverless extends Construct implements Concern {
  /** The broker's ingress URL: Seldon Core v1's `EXECUTOR_REQUEST_LOGGER_DEFAULT_ENDPOINT` (seed 004). */
  public readonly brokerUrl: string;

  constructor(scope: Construct, id: string, ctx: PlatformContext, options: ServerlessOptions) {
    super(scope, id);
    const labels = standardLabels(COMPONENT);
    const logs = ctx.namespaces.logs;
    const brokerName = options.brokerName ?? 'default';
    this.brokerUrl = `http://broker-ingress.${KNATIVE_EVENTING_NAMESPACE}.svc.cluster.local/${logs}/${brokerName}`;

    if (ctx.platform === 'openshift') {
      new OperatorInstall(this, 'Operator', { platform: 'openshift', olm: olmPackage(ctx.openshift, 'serverless'), target: ctx.target, component: COMPONENT });
    } else {
      new OperatorInstall(this, 'Operator', {
        platform: 'kubernetes',
        helm: { chart: CHARTS.knativeOperator, name: 'knative-operator', namespace: 'knative-operator', values: hardenedValues(CHARTS.knativeOperator, ctx, {}) },
        target: ctx.target,
        component: COMPONENT,
      });
      for (const name of [KNATIVE_SERVING_NAMESPACE, KNATIVE_EVENTING_NAMESPACE]) new k8s.KubeNamespace(this, name, { metadata: { name, labels } });
    }
    new KnativeServing(this, 'Serving', {
      metadata: { name: 'knative-serving', namespace: KNATIVE_SERVING_NAMESPACE, labels },
      spec: deepMerge<KnativeServingSpec>(ctx.platform === 'kubernetes' ? KUBERNETES_SERVING : {}, { config: { deployment: QUEUE_PROXY_RESOURCES } }),
    });
    new KnativeEventing(this, 'Eventing', { metadata: { name: 'knative-eventing', namespace: KNATIVE_EVENTING_NAMESPACE, labels } });
    new Broker(this, 'Broker', { metadata: { name: brokerName, namespace: logs, labels } });
    admitFrom(this, 'RequestLogs', 'seldon-request-logs', logs, KNATIVE_EVENTING_NAMESPACE);
  }

  /** Detectors in a model namespace receive events from Knative Eventing and requests through Knative Serving. */
  public addModelNamespace(ns: ModelNamespaceContext): void {
    admitFrom(ns.scope, 'Detectors', 'seldon-detectors', ns.name, KNATIVE_EVENTING_NAMESPACE);
    admitFrom(ns.scope, 'DetectorsServing', 'seldon-detectors-serving', ns.name, KNATIVE_SERVING_NAMESPACE);
  }
}

/** The seed's NetworkPolicy shape: every pod in `namespace` admits traffic from the namespace `from`. */
function admitFrom(scope: Construct, id: string, name: string, namespace: string, from: string): void {
  new k8s.KubeNetworkPolicy(scope, id, {
    metadata: { name, namespace, labels: standardLabels(COMPONENT) },
    spec: { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: namespaceSelector(from) }] }] },
  });
}

/** Validates the serverless (Knative) options. */
export function checkServerless(checks: Checks, options: ServerlessOptions, _config: PlatformConfig): void {
  if (options.brokerName !== undefined) checks.dnsLabel('serverless.brokerName', options.brokerName);
}
