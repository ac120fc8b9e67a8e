import { Construct } from 'constructs';
import { Yaml } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import {
  AlertmanagerConfig,
  AlertmanagerConfigSpec,
  AlertmanagerConfigSpecReceiversWebhookConfigs,
  AlertmanagerConfigSpecReceiversWebhookConfigsHttpConfigOauth2,
  AlertmanagerConfigSpecRouteMatchersMatchType,
  AlertmanagerConfigV1Beta1,
  AlertmanagerConfigV1Beta1Spec,
} from '../../imports/prom-alertmanagerconfig-monitoring.coreos.com';
import { PodMonitor } from '../../imports/prom-podmonitor-monitoring.coreos.com';
import { PrometheusRule, PrometheusRuleSpecGroupsRules, PrometheusRuleSpecGroupsRulesExpr } from '../../imports/prom-rule-monitoring.coreos.com';
import type { PlatformConfig } from '../config';
import { Concern, ModelNamespaceContext, PlatformContext } from '../lib/concern';
import { Checks } from '../lib/errors';
import { deepMerge, isPlainObject } from '../lib/merge';
import { namespaceSelector, standardLabels } from '../lib/names';
import { OperatorInstall } from '../lib/operator';
import { checkSecretSource, SecretSource, SecretStoreRef } from '../lib/secrets';
import { CHARTS } from '../versions';
import { AlertRule, DEPLOY_INFRA_ALERTS, DEPLOY_USER_ALERTS, MODEL_USAGE_RULE_LABELS, MODEL_USAGE_RULES, RecordingRule, RuleSet } from './monitoring-rules';
import { HTTP_URL } from '../lib/formats';
import { hardenedValues } from '../lib/workload-security';

const COMPONENT = 'monitoring';

/** OpenShift's monitoring namespaces. */
const OPENSHIFT_MONITORING = 'openshift-monitoring';
const OPENSHIFT_USER_WORKLOAD_MONITORING = 'openshift-user-workload-monitoring';

/** Name (and fullnameOverride) of the kube-prometheus-stack release on Kubernetes: its services are `<name>-prometheus` etc. */
const STACK_NAME = 'kube-prometheus-stack';
/** The keys of the Grafana admin secret: the chart's defaults `admin.userKey` and `admin.passwordKey`. */
const GRAFANA_ADMIN_KEYS = ['admin-user', 'admin-password'] as const;

/** Label of the Seldon Deploy pods (the seed's PodMonitor selects them by it). */
const DEPLOY_POD_LABELS = { 'app.kubernetes.io/name': 'seldon-deploy' };

/**
 * How Seldon Deploy reaches the monitoring stack (consumed by `src/concerns/seldon-deploy.ts`): its
 * `prometheus.seldon.*` values and `env.ALERTMANAGER_URL`.
 */
export interface MonitoringEndpoints {
  /** Prometheus query API for model metrics (`prometheus.seldon.url`). */
  readonly prometheusUrl: string;
  /** Prometheus query API for resource metrics (`prometheus.seldon.resourceMetricsUrl`). */
  readonly resourceMetricsUrl: string;
  /** Alertmanager alerts API (`env.ALERTMANAGER_URL`). */
  readonly alertmanagerUrl: string;
  /** The secret holding the bearer token Deploy sends to these endpoints, when they need one (OpenShift). */
  readonly token?: { readonly secretName: string; readonly key: string };
}

/** OIDC client credentials Alertmanager uses to call Seldon Deploy's webhook when Deploy requires authentication. */
export interface AlertReceiverOidcOptions {
  /**
   * The OIDC token endpoint, e.g. `https://keycloak.example.com/auth/realms/deploy-realm/protocol/openid-connect/token`
   * (the seed: `<external_protocol>://<external_address>/auth/realms/deploy-realm/protocol/openid-connect/token`).
   */
  readonly tokenUrl: string;
  /** Secret in the Seldon system namespace holding the client id and secret. @default "alertmanager-deploy-oidc" */
  readonly secretName?: string;
  /** Key of the client id in the secret. @default "client-id" */
  readonly clientIdKey?: string;
  /** Key of the client secret in the secret. @default "client-secret" */
  readonly clientSecretKey?: string;
  /** @default ["openid"] */
  readonly scopes?: readonly string[];
  /** Where the secret comes from. @default the platform's secrets setting */
  readonly source?: SecretSource;
}

/**
 * Seldon Deploy as an Alertmanager receiver (seed: "Configuring Seldon Deploy as receiver of Alertmanager"), rendered as
 * an `AlertmanagerConfig` in the Seldon system namespace instead of an edit of the cluster's Alertmanager secret.
 */
export interface AlertReceiverOptions {
  /** @default ["alertname"] */
  readonly groupBy?: readonly string[];
  /** @default "10s" */
  readonly groupWait?: string;
  /** @default "5m" */
  readonly groupInterval?: string;
  /** @default "3h" */
  readonly repeatInterval?: string;
  /** Alert `severity` values routed to Deploy (a regex alternation). @default ["warning", "critical"] */
  readonly severities?: readonly string[];
  /** Alert `type` values routed to Deploy. @default ["user", "infra"] */
  readonly types?: readonly string[];
  /** OIDC client credentials for the webhook call ("if you have OIDC provider configured"). @default none */
  readonly oidc?: AlertReceiverOidcOptions;
}

/** Options of the monitoring concern (seed 004, "OpenShift Monitoring"). */
export interface MonitoringOptions {
  /**
   * OpenShift: render the ConfigMaps `cluster-monitoring-config` (openshift-monitoring) and
   * `user-workload-monitoring-config` (openshift-user-workload-monitoring).
   *
   * These ConfigMaps belong to the cluster and may already carry other settings (retention, storage, node placement).
   * When rendered, this platform OWNS them: Argo CD replaces their whole `config.yaml`, so move every other setting
   * into `clusterMonitoringConfig` / `userWorkloadMonitoringConfig`. Set `false` when the cluster's own GitOps manages
   * them; they must then contain `enableUserWorkload: true` (and, with the alert receiver on, the Alertmanager switch
   * described at `openshiftAlertmanager`).
   * @default true
   */
  readonly manageClusterMonitoringConfig?: boolean;
  /** OpenShift: further `cluster-monitoring-config` settings, merged under the ones the platform sets. @default {} */
  readonly clusterMonitoringConfig?: Readonly<Record<string, unknown>>;
  /** OpenShift: further `user-workload-monitoring-config` settings, merged under the ones the platform sets. @default {} */
  readonly userWorkloadMonitoringConfig?: Readonly<Record<string, unknown>>;
  /**
   * OpenShift: the secret with the bearer token Seldon Deploy sends to Thanos querier, Prometheus and Alertmanager.
   * The seed copies the `prometheus-user-workload-token-*` secret; OpenShift 4.16+ no longer creates such token
   * secrets (4.11 stopped only Kubernetes' own; from 4.16 the image-registry pull secrets use bound tokens instead:
   * openshift/openshift-controller-manager@release-4.16:pkg/internalregistry/controllers/image_pull_secret_controller.go:178-180),
   * so create a token for a service account bound to `cluster-monitoring-view` (e.g. `oc create token`, or a
   * `kubernetes.io/service-account-token` secret) and store it under `key`.
   */
  readonly prometheusToken?: {
    /** @default "jwt-seldon" */
    readonly secretName?: string;
    /** @default "jwt-seldon.txt" */
    readonly key?: string;
    /** @default the platform's secrets setting */
    readonly source?: SecretSource;
  };
  /** Route Seldon's alerts to Deploy's firing-alert webhook; `false` renders no receiver. @default {} (on) */
  readonly alertReceiver?: AlertReceiverOptions | false;
  /**
   * OpenShift: which Alertmanager receives user-workload alerts and Deploy reads them from.
   * - `platform` (the seed): `alertmanager-main` in openshift-monitoring. AlertmanagerConfig resources from user
   *   namespaces reach it only with `alertmanagerMain.enableUserAlertmanagerConfig: true` in `cluster-monitoring-config`,
   *   which the platform sets when the receiver is on. (`alertmanager.enableAlertmanagerConfig` in
   *   `user-workload-monitoring-config` would have no effect here: it configures only the separate user-workload
   *   Alertmanager.)
   * - `user-workload`: a separate Alertmanager in openshift-user-workload-monitoring (`alertmanager.enabled` and
   *   `alertmanager.enableAlertmanagerConfig` in `user-workload-monitoring-config`); Deploy then reads
   *   `alertmanager-user-workload:9095`.
   * @default "platform"
   */
  readonly openshiftAlertmanager?: 'platform' | 'user-workload';
  /** Kubernetes: namespace of the kube-prometheus-stack release. @default "monitoring" */
  readonly namespace?: string;
  /** Kubernetes: further kube-prometheus-stack values, merged under the ones the platform sets. @default {} */
  readonly stackValues?: Readonly<Record<string, unknown>>;
  /**
   * Kubernetes: the secret with Grafana's admin user and password (keys `admin-user`, `admin-password`), passed to the
   * chart as `grafana.admin.existingSecret`. Without it the Grafana subchart generates a random password on every
   * render (grafana 12.11.1, the subchart of kube-prometheus-stack 88.5.3: templates/_helpers.tpl:131-137,
   * `randAlphaNum 40` when no secret exists yet; `helm template` never sees one), so Argo CD would find the Secret and the
   * Deployment's checksum out of sync on every refresh, and the password would be a value nobody reviewed.
   */
  readonly grafanaAdmin?: {
    /** @default "grafana-admin" */
    readonly secretName?: string;
    /** @default the platform's secrets setting */
    readonly source?: SecretSource;
  };
  /**
   * Prometheus query API for model metrics. @default OpenShift: `https://thanos-querier.openshift-monitoring.svc:9091/api/v1/`
   * (seed); Kubernetes: the kube-prometheus-stack Prometheus service
   */
  readonly prometheusUrl?: string;
  /** Prometheus query API for resource metrics. @default OpenShift: `https://prometheus-k8s.openshift-monitoring.svc:9091/api/v1/` (seed) */
  readonly resourceMetricsUrl?: string;
  /**
   * Alertmanager alerts API Seldon Deploy reads. @default OpenShift: `https://alertmanager-main.openshift-monitoring:9094/api/v1/alerts`
   * (seed); Kubernetes: `.../api/v2/alerts` of the kube-prometheus-stack Alertmanager, because Alertmanager 0.27 removed
   * API v1 (OpenShift releases that ship Alertmanager 0.27+ need `/api/v2/alerts` too, if the Deploy version supports it)
   */
  readonly alertmanagerUrl?: string;
}

/** Values of kube-prometheus-stack the platform relies on. */
export interface KubePrometheusStackValues {
  /** Pins service names: `<fullnameOverride>-prometheus`, `<fullnameOverride>-alertmanager`. */
  readonly fullnameOverride: string;
  readonly prometheus: {
    /** `false`: select PodMonitors, ServiceMonitors and PrometheusRules of every namespace, whatever their labels. */
    readonly prometheusSpec: {
      readonly ruleSelectorNilUsesHelmValues: boolean;
      readonly podMonitorSelectorNilUsesHelmValues: boolean;
      readonly serviceMonitorSelectorNilUsesHelmValues: boolean;
    };
  };
  /** `pods=[*]`: kube_pod_labels carries every pod label; the model-usage rules read `label_seldon_deployment_id`. */
  readonly 'kube-state-metrics': { readonly metricLabelsAllowlist: readonly string[] };
  /**
   * Grafana's admin credentials from a secret (grafana 12.11.1 values.yaml:575-579; read at templates/_pod.tpl:1420-1434,
   * and with it set the chart renders no admin Secret, templates/secret.yaml:1).
   */
  readonly grafana: { readonly admin: { readonly existingSecret: string; readonly userKey: string; readonly passwordKey: string } };
}

/** The receiver options after defaults. */
type ResolvedReceiver = Required<Omit<AlertReceiverOptions, 'oidc'>> & Pick<AlertReceiverOptions, 'oidc'>;

const RECEIVER_DEFAULTS: Omit<ResolvedReceiver, 'oidc'> = {
  groupBy: ['alertname'],
  groupWait: '10s',
  groupInterval: '5m',
  repeatInterval: '3h',
  severities: ['warning', 'critical'],
  types: ['user', 'infra'],
};

/**
 * Monitoring for Seldon (seed 004, "OpenShift Monitoring" and the PrometheusRules appendices).
 *
 * OpenShift: user-workload monitoring switched on through the cluster's monitoring ConfigMaps, the `jwt-seldon` token
 * secret, and a NetworkPolicy admitting openshift-user-workload-monitoring. Kubernetes: kube-prometheus-stack in
 * `monitoring` (picking up monitors and rules of every namespace), and a NetworkPolicy admitting that namespace.
 * Both: the `seldon-deploy-monitor` PodMonitor, the Deploy alert rules and the Alertmanager receiver in the Seldon
 * system namespace; per model namespace the two Seldon PodMonitors, the model-usage recording rules and the policy.
 */
export class Monitoring extends Construct implements Concern {
  public readonly endpoints: MonitoringEndpoints;
  private readonly ctx: PlatformContext;
  /** The namespace Prometheus scrapes from: NetworkPolicies admit it. */
  private readonly scrapeNamespace: string;
  /** The namespace of the Alertmanager that calls Deploy's webhook. */
  private readonly alertmanagerNamespace: string;

  constructor(scope: Construct, id: string, ctx: PlatformContext, options: MonitoringOptions) {
    super(scope, id);
    this.ctx = ctx;
    const receiver = resolveReceiver(options.alertReceiver);
    const system = ctx.namespaces.system;
    if (ctx.platform === 'openshift') {
      const userWorkloadAlertmanager = options.openshiftAlertmanager === 'user-workload';
      this.scrapeNamespace = OPENSHIFT_USER_WORKLOAD_MONITORING;
      this.alertmanagerNamespace = userWorkloadAlertmanager ? OPENSHIFT_USER_WORKLOAD_MONITORING : OPENSHIFT_MONITORING;
      if (options.manageClusterMonitoringConfig !== false) this.renderOpenShiftConfig(options, receiver !== undefined, userWorkloadAlertmanager);
      const token = { secretName: options.prometheusToken?.secretName ?? 'jwt-seldon', key: options.prometheusToken?.key ?? 'jwt-seldon.txt' };
      ctx.secret(this, 'PrometheusToken', {
        name: token.secretName,
        namespace: system,
        keys: [token.key],
        purpose: 'bearer token Seldon Deploy sends to Thanos querier, Prometheus and Alertmanager (a service account bound to cluster-monitoring-view)',
        component: COMPONENT,
        source: options.prometheusToken?.source,
      });
      this.endpoints = {
        prometheusUrl: options.prometheusUrl ?? `https://thanos-querier.${OPENSHIFT_MONITORING}.svc:9091/api/v1/`,
        resourceMetricsUrl: options.resourceMetricsUrl ?? `https://prometheus-k8s.${OPENSHIFT_MONITORING}.svc:9091/api/v1/`,
        alertmanagerUrl:
          options.alertmanagerUrl ??
          (userWorkloadAlertmanager ? `https://alertmanager-user-workload.${OPENSHIFT_USER_WORKLOAD_MONITORING}.svc:9095/api/v1/alerts` : `https://alertmanager-main.${OPENSHIFT_MONITORING}:9094/api/v1/alerts`),
        token,
      };
    } else {
      const namespace = options.namespace ?? 'monitoring';
      this.scrapeNamespace = namespace;
      this.alertmanagerNamespace = namespace;
      this.renderStack(namespace, options.stackValues ?? {}, this.grafanaAdminSecret(namespace, options.grafanaAdmin));
      const prometheus = `http://${STACK_NAME}-prometheus.${namespace}.svc:9090/api/v1/`;
      this.endpoints = {
        prometheusUrl: options.prometheusUrl ?? prometheus,
        resourceMetricsUrl: options.resourceMetricsUrl ?? prometheus,
        alertmanagerUrl: options.alertmanagerUrl ?? `http://${STACK_NAME}-alertmanager.${namespace}.svc:9093/api/v2/alerts`,
      };
    }
    this.allowScraping(this, system);
    this.renderDeployMonitor(system);
    this.renderAlertRules(system);
    if (receiver) this.renderReceiver(system, receiver);
  }

  /** Per model namespace: the scraping policy, the two Seldon PodMonitors and the model-usage recording rules. */
  public addModelNamespace(ns: ModelNamespaceContext): void {
    this.allowScraping(ns.scope, ns.name);
    const labels = standardLabels(COMPONENT);
    new PodMonitor(ns.scope, 'SeldonPodMonitor', {
      metadata: { name: 'seldon-podmonitor', namespace: ns.name, labels },
      spec: {
        selector: { matchLabels: { 'app.kubernetes.io/managed-by': 'seldon-core' } },
        podMetricsEndpoints: [{ port: 'metrics', path: '/prometheus' }],
      },
    });
    new PodMonitor(ns.scope, 'SeldonMetricsServerPodMonitor', {
      metadata: { name: 'seldon-podmonitor-metrics-server', namespace: ns.name, labels },
      spec: {
        selector: { matchLabels: { 'seldon.io/metrics': 'true' } },
        podMetricsEndpoints: [{ path: '/v1/metrics', port: 'user-port' }],
      },
    });
    prometheusRule(ns.scope, 'ModelUsageRules', MODEL_USAGE_RULES, ns.name, recordingRule);
  }

  /**
   * OpenShift: `enableUserWorkload: true` in `cluster-monitoring-config` (seed), plus the Alertmanager switch for
   * AlertmanagerConfig resources when the receiver is on (see `MonitoringOptions.openshiftAlertmanager`).
   */
  private renderOpenShiftConfig(options: MonitoringOptions, receiverOn: boolean, userWorkloadAlertmanager: boolean): void {
    const cluster: Record<string, unknown> = { enableUserWorkload: true };
    const userWorkload: Record<string, unknown> = {};
    if (receiverOn && !userWorkloadAlertmanager) cluster.alertmanagerMain = { enableUserAlertmanagerConfig: true };
    if (receiverOn && userWorkloadAlertmanager) userWorkload.alertmanager = { enabled: true, enableAlertmanagerConfig: true };
    monitoringConfigMap(this, 'ClusterMonitoringConfig', 'cluster-monitoring-config', OPENSHIFT_MONITORING, deepMerge<Record<string, unknown>>({ ...options.clusterMonitoringConfig }, cluster));
    monitoringConfigMap(this, 'UserWorkloadMonitoringConfig', 'user-workload-monitoring-config', OPENSHIFT_USER_WORKLOAD_MONITORING, deepMerge<Record<string, unknown>>({ ...options.userWorkloadMonitoringConfig }, userWorkload));
  }

  /** Kubernetes: kube-prometheus-stack, selecting monitors and rules in every namespace. */
  private renderStack(namespace: string, extra: Readonly<Record<string, unknown>>, grafanaAdmin: string): void {
    const values: KubePrometheusStackValues = {
      fullnameOverride: STACK_NAME,
      prometheus: {
        prometheusSpec: { ruleSelectorNilUsesHelmValues: false, podMonitorSelectorNilUsesHelmValues: false, serviceMonitorSelectorNilUsesHelmValues: false },
      },
      'kube-state-metrics': { metricLabelsAllowlist: ['pods=[*]'] },
      grafana: { admin: { existingSecret: grafanaAdmin, userKey: GRAFANA_ADMIN_KEYS[0], passwordKey: GRAFANA_ADMIN_KEYS[1] } },
    };
    new OperatorInstall(this, 'Stack', {
      platform: this.ctx.platform,
      target: this.ctx.target,
      component: COMPONENT,
      helm: {
        chart: CHARTS.kubePrometheusStack,
        name: STACK_NAME,
        namespace,
        values: hardenedValues(CHARTS.kubePrometheusStack, this.ctx, deepMerge<Record<string, unknown>>({ ...extra }, values)),
        // Controller rewrites (src/lib/drift.ts): CRDs over the annotation limit; the admission patch job's CA and failurePolicy.
        drift: ['largeCrds', 'prometheusAdmissionPatch'],
      },
    });
  }

  /** Kubernetes: the Grafana admin secret, referenced (never rendered with a value); returns its name. */
  private grafanaAdminSecret(namespace: string, options: MonitoringOptions['grafanaAdmin']): string {
    return this.ctx.secret(this, 'GrafanaAdmin', {
      name: options?.secretName ?? 'grafana-admin',
      namespace,
      keys: GRAFANA_ADMIN_KEYS,
      purpose: 'Grafana admin user and password (kube-prometheus-stack grafana.admin.existingSecret)',
      component: COMPONENT,
      source: options?.source,
    }).name;
  }

  /** The seed's `user-workload-monitoring` policy (on Kubernetes: admitting the stack's namespace). */
  private allowScraping(scope: Construct, namespace: string): void {
    const openshift = this.ctx.platform === 'openshift';
    new k8s.KubeNetworkPolicy(scope, 'AllowMonitoring', {
      metadata: { name: openshift ? 'user-workload-monitoring' : 'allow-from-monitoring', namespace, labels: standardLabels(COMPONENT) },
      spec: { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: namespaceSelector(this.scrapeNamespace) }] }] },
    });
  }

  /** The seed's `seldon-deploy-monitor`, verbatim. */
  private renderDeployMonitor(system: string): void {
    new PodMonitor(this, 'DeployMonitor', {
      metadata: { name: 'seldon-deploy-monitor', namespace: system, labels: { ...standardLabels(COMPONENT), app: 'seldon-deploy' } },
      spec: {
        namespaceSelector: { matchNames: [system] },
        selector: { matchLabels: DEPLOY_POD_LABELS },
        podMetricsEndpoints: [{ port: 'metrics', path: '/metrics' }],
      },
    });
  }

  /**
   * `deploy-user-alerts` and `deploy-infra-alerts`. On Kubernetes each alert also carries `namespace: <system>`: the
   * operator routes an AlertmanagerConfig only alerts labelled with its namespace, and these aggregate the label away
   * (OpenShift enforces it on user-workload rules itself).
   */
  private renderAlertRules(system: string): void {
    const extra: Record<string, string> = this.ctx.platform === 'kubernetes' ? { namespace: system } : {};
    const alert = (rule: AlertRule) => alertRule(rule, extra);
    prometheusRule(this, 'UserAlerts', DEPLOY_USER_ALERTS, system, alert);
    prometheusRule(this, 'InfraAlerts', DEPLOY_INFRA_ALERTS, system, alert);
  }

  /**
   * Seldon Deploy's firing-alert webhook as an AlertmanagerConfig route and receiver, in the version the cluster's
   * prometheus-operator serves. On Kubernetes that is kube-prometheus-stack 88.5.3, whose CRD serves only `v1alpha1`
   * (kube-prometheus-stack-88.5.3.tgz:charts/crds/crds/crd-alertmanagerconfigs.yaml:23 and :12379, `served: true,
   * storage: true`; upstream's `v1beta1` needs a conversion webhook the chart does not deploy), so a `v1beta1` object
   * is rejected and the receiver never exists. OpenShift's monitoring stack serves `v1beta1`. The fields used here
   * have the same shape in both versions (prometheus-operator v0.93 CRDs).
   */
  private renderReceiver(system: string, receiver: ResolvedReceiver): void {
    const regex = AlertmanagerConfigSpecRouteMatchersMatchType.VALUE_EQUAL_TILDE;
    const webhook: AlertmanagerConfigSpecReceiversWebhookConfigs = {
      url: `http://seldon-deploy.${system}:80/seldon-deploy/api/v1alpha1/webhooks/firing-alert`,
      ...(receiver.oidc ? { httpConfig: { oauth2: this.oauth2(system, receiver.oidc) } } : {}),
    };
    const metadata = { name: 'seldon-deploy-webhook', namespace: system, labels: standardLabels(COMPONENT) };
    const spec: AlertmanagerConfigSpec = {
      route: {
        receiver: 'deploy-webhook',
        groupBy: [...receiver.groupBy],
        groupWait: receiver.groupWait,
        groupInterval: receiver.groupInterval,
        repeatInterval: receiver.repeatInterval,
        matchers: [
          { name: 'severity', matchType: regex, value: receiver.severities.join('|') },
          { name: 'type', matchType: regex, value: receiver.types.join('|') },
        ],
      },
      receivers: [{ name: 'deploy-webhook', webhookConfigs: [webhook] }],
    };
    if (this.ctx.platform === 'kubernetes') new AlertmanagerConfig(this, 'Receiver', { metadata, spec });
    else new AlertmanagerConfigV1Beta1(this, 'Receiver', { metadata, spec: spec as unknown as AlertmanagerConfigV1Beta1Spec });
    if (this.alertmanagerNamespace !== this.scrapeNamespace) {
      new k8s.KubeNetworkPolicy(this, 'AllowAlertmanager', {
        metadata: { name: 'alertmanager-webhook', namespace: system, labels: standardLabels(COMPONENT) },
        spec: {
          podSelector: { matchLabels: DEPLOY_POD_LABELS },
          policyTypes: ['Ingress'],
          ingress: [{ from: [{ namespaceSelector: namespaceSelector(this.alertmanagerNamespace) }] }],
        },
      });
    }
  }

  /** The OIDC client-credentials block; the client id and secret come from a secret reference. */
  private oauth2(system: string, oidc: AlertReceiverOidcOptions): AlertmanagerConfigSpecReceiversWebhookConfigsHttpConfigOauth2 {
    const secret = this.ctx.secret(this, 'ReceiverOidc', {
      name: oidc.secretName ?? 'alertmanager-deploy-oidc',
      namespace: system,
      keys: [oidc.clientIdKey ?? 'client-id', oidc.clientSecretKey ?? 'client-secret'],
      purpose: "OIDC client credentials Alertmanager uses to call Seldon Deploy's firing-alert webhook",
      component: COMPONENT,
      source: oidc.source,
    });
    const [idKey, secretKey] = secret.keys;
    return {
      clientId: { secret: { name: secret.name, key: idKey } },
      clientSecret: { name: secret.name, key: secretKey },
      scopes: [...(oidc.scopes ?? ['openid'])],
      tokenUrl: oidc.tokenUrl,
    };
  }
}

/** One of OpenShift's monitoring ConfigMaps, its settings as `config.yaml` (empty when there are none, as in the seed). */
function monitoringConfigMap(scope: Construct, id: string, name: string, namespace: string, settings: Record<string, unknown>): void {
  new k8s.KubeConfigMap(scope, id, {
    metadata: { name, namespace, labels: standardLabels(COMPONENT) },
    data: { 'config.yaml': Object.keys(settings).length > 0 ? Yaml.stringify(settings) : '' },
  });
}

/** A PrometheusRule from a seed rule set: its labels, one group, and each rule rendered by `toRule`. */
function prometheusRule<R>(scope: Construct, id: string, set: RuleSet<R>, namespace: string, toRule: (rule: R) => PrometheusRuleSpecGroupsRules): void {
  new PrometheusRule(scope, id, {
    metadata: { name: set.name, namespace, labels: { ...standardLabels(COMPONENT), ...set.labels } },
    spec: { groups: [{ name: set.group, ...(set.interval ? { interval: set.interval } : {}), rules: set.rules.map(toRule) }] },
  });
}

function recordingRule(rule: RecordingRule): PrometheusRuleSpecGroupsRules {
  return { record: rule.record, expr: PrometheusRuleSpecGroupsRulesExpr.fromString(rule.expr), labels: { ...MODEL_USAGE_RULE_LABELS } };
}

function alertRule(rule: AlertRule, extraLabels: Readonly<Record<string, string>>): PrometheusRuleSpecGroupsRules {
  return {
    alert: rule.alert,
    expr: PrometheusRuleSpecGroupsRulesExpr.fromString(rule.expr),
    for: rule.for,
    annotations: { title: rule.title, description: rule.description },
    labels: { severity: rule.severity, type: rule.type, ...extraLabels },
  };
}

function resolveReceiver(options: AlertReceiverOptions | false | undefined): ResolvedReceiver | undefined {
  if (options === false) return undefined;
  return { ...RECEIVER_DEFAULTS, ...stripUndefined(options ?? {}) };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** A value found at a dotted path of nested settings. */
function settingAt(settings: Readonly<Record<string, unknown>> | undefined, path: readonly string[]): unknown {
  let at: unknown = settings;
  for (const key of path) at = isPlainObject(at) ? at[key] : undefined;
  return at;
}

const DURATION = /^(\d+(ms|s|m|h|d|w|y))+$/;

/** Validates the monitoring options. */
export function checkMonitoring(checks: Checks, options: MonitoringOptions, config: PlatformConfig): void {
  const openshift = config.platform === 'openshift';
  const store = config.secrets?.store;
  const onlyOn = (field: keyof MonitoringOptions, platform: 'openshift' | 'kubernetes') => {
    if (options[field] !== undefined && config.platform !== platform) {
      checks.fail(`monitoring.${field}`, options[field], `applies only on ${platform}, and this environment is ${config.platform}`, `remove monitoring.${field}`);
    }
  };
  (['manageClusterMonitoringConfig', 'clusterMonitoringConfig', 'userWorkloadMonitoringConfig', 'prometheusToken', 'openshiftAlertmanager'] as const).forEach((f) => onlyOn(f, 'openshift'));
  (['namespace', 'stackValues', 'grafanaAdmin'] as const).forEach((f) => onlyOn(f, 'kubernetes'));
  if (!openshift) {
    if (options.grafanaAdmin?.secretName !== undefined) checks.dnsLabel('monitoring.grafanaAdmin.secretName', options.grafanaAdmin.secretName);
    checkSecretSource(checks, 'monitoring.grafanaAdmin.source', options.grafanaAdmin?.source, store);
  }
  if (openshift) {
    if (settingAt(options.clusterMonitoringConfig, ['enableUserWorkload']) === false) {
      checks.fail('monitoring.clusterMonitoringConfig.enableUserWorkload', false, 'would switch off user-workload monitoring, which scrapes Seldon and evaluates its rules', 'remove it: the platform sets enableUserWorkload: true');
    }
    if (options.openshiftAlertmanager !== undefined) checks.oneOf('monitoring.openshiftAlertmanager', options.openshiftAlertmanager, ['platform', 'user-workload'] as const);
    if (options.prometheusToken?.secretName !== undefined) checks.dnsLabel('monitoring.prometheusToken.secretName', options.prometheusToken.secretName);
    checkSecretSource(checks, 'monitoring.prometheusToken.source', options.prometheusToken?.source, store);
  }
  if (options.namespace !== undefined) checks.dnsLabel('monitoring.namespace', options.namespace);
  for (const field of ['prometheusUrl', 'resourceMetricsUrl', 'alertmanagerUrl'] as const) {
    const value = options[field];
    if (value !== undefined) checks.expect(HTTP_URL.test(value), `monitoring.${field}`, value, 'is not an http(s) URL', 'use the in-cluster service URL, e.g. "https://thanos-querier.openshift-monitoring.svc:9091/api/v1/"');
  }
  if (options.alertReceiver) checkReceiver(checks, options.alertReceiver, store);
}

function checkReceiver(checks: Checks, receiver: AlertReceiverOptions, store: SecretStoreRef | undefined): void {
  for (const field of ['groupWait', 'groupInterval', 'repeatInterval'] as const) {
    const value = receiver[field];
    if (value !== undefined) checks.expect(DURATION.test(value), `monitoring.alertReceiver.${field}`, value, 'is not an Alertmanager duration', 'use a duration such as "10s", "5m" or "3h"');
  }
  for (const field of ['groupBy', 'severities', 'types'] as const) {
    const value = receiver[field];
    if (value !== undefined) checks.expect(Array.isArray(value) && value.length > 0, `monitoring.alertReceiver.${field}`, value, 'is empty: the route would match nothing (or group everything)', `list at least one value, e.g. ${JSON.stringify(RECEIVER_DEFAULTS[field])}`);
  }
  const oidc = receiver.oidc;
  if (oidc) {
    checks.expect(/^https:\/\/\S+$/.test(oidc.tokenUrl ?? ''), 'monitoring.alertReceiver.oidc.tokenUrl', oidc.tokenUrl, 'is not an https token endpoint', 'set the OIDC token URL, e.g. "https://keycloak.example.com/auth/realms/deploy-realm/protocol/openid-connect/token"');
    if (oidc.secretName !== undefined) checks.dnsLabel('monitoring.alertReceiver.oidc.secretName', oidc.secretName);
    checkSecretSource(checks, 'monitoring.alertReceiver.oidc.source', oidc.source, store);
  }
}
