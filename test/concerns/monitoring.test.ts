import { App } from 'cdk8s';
import { parse } from 'yaml';
import { PlatformConfig } from '../../src/config';
import { MonitoringOptions } from '../../src/concerns/monitoring';
import { DEPLOY_INFRA_ALERTS, DEPLOY_USER_ALERTS, MODEL_USAGE_RULES } from '../../src/concerns/monitoring-rules';
import { KubeObject, RenderedObject } from '../../src/lib/render';
import { SeldonPlatform } from '../../src/platform';
import { promqlSyntaxError } from '../../src/validation/promql';
import { errorOf, find, render, testConfig } from '../helpers/render';
import { hardenedValues } from '../../src/lib/workload-security';
import { CHARTS } from '../../src/versions';

const kubernetes = (overrides: Partial<PlatformConfig> = {}): PlatformConfig => testConfig({ platform: 'kubernetes', ingressDomain: undefined, ...overrides });
const mine = (objects: readonly RenderedObject[]) => objects.filter((o) => o.object.metadata.labels?.['app.kubernetes.io/component'] === 'monitoring');
const VAULT = { store: { kind: 'ClusterSecretStore' as const, name: 'vault' } };
const WEBHOOK = 'http://seldon-deploy.seldon-system:80/seldon-deploy/api/v1alpha1/webhooks/firing-alert';
const TOKEN_URL = 'https://keycloak.example.com/auth/realms/deploy-realm/protocol/openid-connect/token';

/** The exact expressions of seed 004's appendices (as its YAML parses them). */
const SEED_EXPRESSIONS: Record<string, string> = {
  model_containers_average:
    'label_replace(sum by (label_seldon_deployment_id,namespace) ((sum_over_time(kube_pod_labels{label_app_kubernetes_io_managed_by=~"seldon-core"}[2m]) / scalar(max(sum_over_time(kube_pod_labels[2m])))) * on(pod,namespace) group_right(label_seldon_deployment_id) max by (namespace,pod,container,namespace) (avg_over_time(kube_pod_container_info[2m] ))), "name","$1","label_seldon_deployment_id", "(.+)")',
  model_memory_usage_bytes:
    'label_replace(sort_desc(sum by (label_seldon_deployment_id,namespace) ((sum_over_time(kube_pod_labels{label_app_kubernetes_io_managed_by=~"seldon-core"}[2m] ) / scalar(max(sum_over_time(kube_pod_labels[2m] )))) * on(pod,namespace) group_right(label_seldon_deployment_id) sum by (namespace,pod,container) (rate(container_memory_usage_bytes[2m] )))), "name","$1","label_seldon_deployment_id", "(.+)")',
  model_cpu_usage_seconds_total:
    'label_replace(sort_desc(sum by (label_seldon_deployment_id,namespace) ((sum_over_time(kube_pod_labels{label_app_kubernetes_io_managed_by=~"seldon-core"}[2m] ) / scalar(max(sum_over_time(kube_pod_labels[2m] )))) * on(pod,namespace) group_right(label_seldon_deployment_id) sum by (namespace,pod,container) (rate(container_cpu_usage_seconds_total[2m] )))), "name","$1","label_seldon_deployment_id", "(.+)")',
  model_cpu_requests:
    'label_replace(sort_desc(sum by (label_seldon_deployment_id,namespace) ((sum_over_time(kube_pod_labels{label_app_kubernetes_io_managed_by=~"seldon-core"}[2m] ) / scalar(max(sum_over_time(kube_pod_labels[2m] )))) * on(pod,namespace) group_right(label_seldon_deployment_id) sum by (namespace,pod,container) (kube_pod_container_resource_requests{resource="cpu",unit="core"} ))), "name","$1","label_seldon_deployment_id", "(.+)")',
  model_cpu_limits:
    'label_replace(sort_desc(sum by (label_seldon_deployment_id,namespace) ((sum_over_time(kube_pod_labels{label_app_kubernetes_io_managed_by=~"seldon-core"}[2m] ) / scalar(max(sum_over_time(kube_pod_labels[2m] )))) * on(pod,namespace) group_right(label_seldon_deployment_id) sum by (namespace,pod,container) (kube_pod_container_resource_limits{resource="cpu",unit="core"} ))), "name","$1","label_seldon_deployment_id", "(.+)")',
  model_memory_requests_bytes:
    'label_replace(sort_desc(sum by (label_seldon_deployment_id,namespace) ((sum_over_time(kube_pod_labels{label_app_kubernetes_io_managed_by=~"seldon-core"}[2m] ) / scalar(max(sum_over_time(kube_pod_labels[2m] )))) * on(pod,namespace) group_right(label_seldon_deployment_id) sum by (namespace,pod,container) (kube_pod_container_resource_requests{resource="memory",unit="byte"} ))), "name","$1","label_seldon_deployment_id", "(.+)")',
  model_memory_limits_bytes:
    'label_replace(sort_desc(sum by (label_seldon_deployment_id,namespace) ((sum_over_time(kube_pod_labels{label_app_kubernetes_io_managed_by=~"seldon-core"}[2m] ) / scalar(max(sum_over_time(kube_pod_labels[2m] )))) * on(pod,namespace) group_right(label_seldon_deployment_id) sum by (namespace,pod,container) (kube_pod_container_resource_limits{resource="memory",unit="byte"} ))), "name","$1","label_seldon_deployment_id", "(.+)")',
  ModelHighErrorRate:
    '(sum(rate(seldon_api_executor_client_requests_seconds_count{code=~"5[0-9]{2}"}[5m])) by (seldon_deployment_id) / sum(rate(seldon_api_executor_client_requests_seconds_count[5m])) by (seldon_deployment_id) * 100.0) > 30 and sum(increase(seldon_api_executor_client_requests_seconds_count[5m])) by (seldon_deployment_id) > 100',
  TestAlertNoActionRequired: 'increase(deploy_alerting_trigger_test_alert[3m]) > 1',
  MetasyncerNotSyncing: 'sum(increase(deploy_metasyncer_processed_sync_total[11m])) < 1',
  DeployIsDown: 'absent(up{container="seldon-deploy"})',
  DeployApiHighErrorRate:
    '(sum(rate(http_request_duration_seconds_count{code=~"5[0-9]{2}"}[5m])) by (handler) / sum(rate(http_request_duration_seconds_count[5m])) by (handler) * 100.0) > 30 and sum(increase(http_request_duration_seconds_count[5m])) by (handler) > 100',
  DeployMetadataMigrationsFailed: 'increase(deploy_metadata_sql_migrations_total{status="failure"}[5m]) > 1',
  DeployOPADynamicPolicyUpdateFailed: 'increase(deploy_opa_policies_updates_total{status="failure"}[5m]) > 0',
};

/** Alert → [for, severity, type] as in the seed. */
const SEED_ALERTS: Record<string, [string, string, string]> = {
  ModelHighErrorRate: ['1m', 'critical', 'user'],
  TestAlertNoActionRequired: ['1m', 'warning', 'user'],
  MetasyncerNotSyncing: ['11m', 'critical', 'infra'],
  DeployIsDown: ['1m', 'critical', 'infra'],
  DeployApiHighErrorRate: ['1m', 'critical', 'infra'],
  DeployMetadataMigrationsFailed: ['5m', 'warning', 'infra'],
  DeployOPADynamicPolicyUpdateFailed: ['5m', 'warning', 'infra'],
};

type Rule = { alert?: string; record?: string; expr: string; for?: string; labels: Record<string, string>; annotations?: Record<string, string> };
const rulesOf = (o: KubeObject): Rule[] => (o.spec as { groups: Array<{ rules: Rule[] }> }).groups.flatMap((g) => g.rules);

describe('monitoring on OpenShift', () => {
  const objects = render(testConfig({ secrets: VAULT }), { seldon: {} });

  test('GIVEN the seed defaults WHEN rendered THEN the objects match the snapshot', () => {
    expect(mine(objects)).toMatchSnapshot();
  });

  test('THEN user-workload monitoring is enabled, and alertmanager-main accepts AlertmanagerConfigs for the receiver', () => {
    const cluster = find(objects, 'ConfigMap', 'cluster-monitoring-config', 'openshift-monitoring');
    expect(parse((cluster.data as Record<string, string>)['config.yaml'])).toEqual({ enableUserWorkload: true, alertmanagerMain: { enableUserAlertmanagerConfig: true } });
    const userWorkload = find(objects, 'ConfigMap', 'user-workload-monitoring-config', 'openshift-user-workload-monitoring');
    expect(userWorkload.data).toEqual({ 'config.yaml': '' });
  });

  test('THEN the jwt-seldon token (key jwt-seldon.txt) is requested in seldon-system', () => {
    const secret = find(objects, 'ExternalSecret', 'jwt-seldon', 'seldon-system');
    expect((secret.spec as { data: Array<{ secretKey: string }> }).data.map((d) => d.secretKey)).toEqual(['jwt-seldon.txt']);
  });

  test('THEN user-workload-monitoring admits openshift-user-workload-monitoring into seldon-system and every model namespace', () => {
    for (const namespace of ['seldon-system', 'seldon']) {
      expect(find(objects, 'NetworkPolicy', 'user-workload-monitoring', namespace).spec).toEqual({
        podSelector: {},
        policyTypes: ['Ingress'],
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'openshift-user-workload-monitoring' } } }] }],
      });
    }
  });

  test('THEN seldon-deploy-monitor is the seed verbatim', () => {
    const monitor = find(objects, 'PodMonitor', 'seldon-deploy-monitor', 'seldon-system');
    expect(monitor.metadata.labels?.app).toBe('seldon-deploy');
    expect(monitor.spec).toEqual({
      namespaceSelector: { matchNames: ['seldon-system'] },
      selector: { matchLabels: { 'app.kubernetes.io/name': 'seldon-deploy' } },
      podMetricsEndpoints: [{ port: 'metrics', path: '/metrics' }],
    });
  });

  test('THEN each model namespace gets the two Seldon PodMonitors of the seed', () => {
    expect(find(objects, 'PodMonitor', 'seldon-podmonitor', 'seldon').spec).toEqual({
      selector: { matchLabels: { 'app.kubernetes.io/managed-by': 'seldon-core' } },
      podMetricsEndpoints: [{ port: 'metrics', path: '/prometheus' }],
    });
    expect(find(objects, 'PodMonitor', 'seldon-podmonitor-metrics-server', 'seldon').spec).toEqual({
      selector: { matchLabels: { 'seldon.io/metrics': 'true' } },
      podMetricsEndpoints: [{ path: '/v1/metrics', port: 'user-port' }],
    });
  });

  test('THEN each model namespace gets seldon-model-usage-rules: seven records, exact expressions, every 3m', () => {
    const rule = find(objects, 'PrometheusRule', 'seldon-model-usage-rules', 'seldon');
    expect(rule.metadata.labels).toMatchObject({ prometheus: 'k8s', role: 'record-rules' });
    const [group] = (rule.spec as { groups: Array<{ name: string; interval: string }> }).groups;
    expect([group.name, group.interval]).toEqual(['model-usage.rules', '3m']);
    const records = rulesOf(rule);
    expect(records.map((r) => r.record)).toEqual(Object.keys(SEED_EXPRESSIONS).slice(0, 7));
    for (const r of records) expect([r.record, r.expr, r.labels]).toEqual([r.record, SEED_EXPRESSIONS[r.record as string], { type: 'SeldonDeployment' }]);
  });

  test('THEN deploy-user-alerts and deploy-infra-alerts hold every seed alert: exact expression, for, severity and type', () => {
    const user = find(objects, 'PrometheusRule', 'deploy-user-alerts', 'seldon-system');
    const infra = find(objects, 'PrometheusRule', 'deploy-infra-alerts', 'seldon-system');
    for (const r of [user, infra]) expect(r.metadata.labels).toMatchObject({ prometheus: 'k8s', role: 'alert-rules' });
    expect((user.spec as { groups: Array<{ name: string }> }).groups[0].name).toBe('deploy-user-alerts.rules');
    expect((infra.spec as { groups: Array<{ name: string }> }).groups[0].name).toBe('deploy-infra-alerts.rules');
    const alerts = [...rulesOf(user), ...rulesOf(infra)];
    expect(alerts.map((a) => a.alert)).toEqual(Object.keys(SEED_ALERTS));
    for (const a of alerts) {
      const name = a.alert as string;
      expect([name, a.expr, a.for, a.labels.severity, a.labels.type]).toEqual([name, SEED_EXPRESSIONS[name], ...SEED_ALERTS[name]]);
      expect(a.labels.namespace).toBeUndefined();
    }
    expect(alerts[0].annotations).toEqual({
      title: 'High error rate on deployed model.',
      description: 'Model {{ $labels.seldon_deployment_id }} has an internal error rate of greater than 30% for more than 100 requests total.',
    });
  });

  test('THEN Seldon Deploy receives warning|critical user|infra alerts on its firing-alert webhook, grouped as the seed', () => {
    const config = find(objects, 'AlertmanagerConfig', 'seldon-deploy-webhook', 'seldon-system');
    expect(config.apiVersion).toBe('monitoring.coreos.com/v1beta1');
    expect(config.spec).toEqual({
      route: {
        receiver: 'deploy-webhook',
        groupBy: ['alertname'],
        groupWait: '10s',
        groupInterval: '5m',
        repeatInterval: '3h',
        matchers: [
          { name: 'severity', matchType: '=~', value: 'warning|critical' },
          { name: 'type', matchType: '=~', value: 'user|infra' },
        ],
      },
      receivers: [{ name: 'deploy-webhook', webhookConfigs: [{ url: WEBHOOK }] }],
    });
  });

  test('THEN alertmanager-main (openshift-monitoring) may reach the Deploy pods', () => {
    expect(find(objects, 'NetworkPolicy', 'alertmanager-webhook', 'seldon-system').spec).toMatchObject({
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'seldon-deploy' } },
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'openshift-monitoring' } } }] }],
    });
  });

  test('THEN every rule expression parses as PromQL', () => {
    for (const set of [MODEL_USAGE_RULES, DEPLOY_USER_ALERTS, DEPLOY_INFRA_ALERTS]) {
      for (const rule of set.rules) expect([rule.expr, promqlSyntaxError(rule.expr)]).toEqual([rule.expr, undefined]);
    }
  });

  test('THEN Seldon Deploy gets the seed endpoints and token', () => {
    const platform = new SeldonPlatform(new App(), 'test', testConfig());
    expect(platform.monitoring?.endpoints).toEqual({
      prometheusUrl: 'https://thanos-querier.openshift-monitoring.svc:9091/api/v1/',
      resourceMetricsUrl: 'https://prometheus-k8s.openshift-monitoring.svc:9091/api/v1/',
      alertmanagerUrl: 'https://alertmanager-main.openshift-monitoring:9094/api/v1/alerts',
      token: { secretName: 'jwt-seldon', key: 'jwt-seldon.txt' },
    });
  });
});

describe('monitoring options on OpenShift', () => {
  test('GIVEN OIDC client credentials THEN the webhook authenticates with oauth2 from a secret reference', () => {
    const objects = render(testConfig({ secrets: VAULT, monitoring: { alertReceiver: { oidc: { tokenUrl: TOKEN_URL } } } }));
    const webhook = (find(objects, 'AlertmanagerConfig', 'seldon-deploy-webhook').spec as { receivers: Array<{ webhookConfigs: unknown[] }> }).receivers[0].webhookConfigs[0];
    expect(webhook).toEqual({
      url: WEBHOOK,
      httpConfig: {
        oauth2: {
          clientId: { secret: { name: 'alertmanager-deploy-oidc', key: 'client-id' } },
          clientSecret: { name: 'alertmanager-deploy-oidc', key: 'client-secret' },
          scopes: ['openid'],
          tokenUrl: TOKEN_URL,
        },
      },
    });
    expect(find(objects, 'ExternalSecret', 'alertmanager-deploy-oidc', 'seldon-system')).toBeDefined();
  });

  test('GIVEN the receiver off THEN no AlertmanagerConfig, no webhook policy and no Alertmanager switch', () => {
    const objects = render(testConfig({ monitoring: { alertReceiver: false } }));
    expect(objects.filter((o) => o.object.kind === 'AlertmanagerConfig' || o.object.metadata.name === 'alertmanager-webhook')).toEqual([]);
    const cluster = find(objects, 'ConfigMap', 'cluster-monitoring-config');
    expect((cluster.data as Record<string, string>)['config.yaml']).toBe('enableUserWorkload: true\n');
  });

  test('GIVEN the user-workload Alertmanager THEN it is enabled with AlertmanagerConfig support, and Deploy reads it', () => {
    const config = testConfig({ monitoring: { openshiftAlertmanager: 'user-workload' } });
    const objects = render(config);
    const userWorkload = find(objects, 'ConfigMap', 'user-workload-monitoring-config');
    expect(parse((userWorkload.data as Record<string, string>)['config.yaml'])).toEqual({ alertmanager: { enabled: true, enableAlertmanagerConfig: true } });
    expect(parse((find(objects, 'ConfigMap', 'cluster-monitoring-config').data as Record<string, string>)['config.yaml'])).toEqual({ enableUserWorkload: true });
    expect(objects.filter((o) => o.object.metadata.name === 'alertmanager-webhook')).toEqual([]);
    const platform = new SeldonPlatform(new App(), 'test', config);
    expect(platform.monitoring?.endpoints.alertmanagerUrl).toBe('https://alertmanager-user-workload.openshift-user-workload-monitoring.svc:9095/api/v1/alerts');
  });

  test('GIVEN other cluster monitoring settings THEN they are kept in config.yaml under the platform ones', () => {
    const objects = render(testConfig({ monitoring: { clusterMonitoringConfig: { prometheusK8s: { retention: '15d' } }, userWorkloadMonitoringConfig: { prometheus: { retention: '7d' } } } }));
    expect(parse((find(objects, 'ConfigMap', 'cluster-monitoring-config').data as Record<string, string>)['config.yaml'])).toEqual({
      prometheusK8s: { retention: '15d' },
      enableUserWorkload: true,
      alertmanagerMain: { enableUserAlertmanagerConfig: true },
    });
    expect(parse((find(objects, 'ConfigMap', 'user-workload-monitoring-config').data as Record<string, string>)['config.yaml'])).toEqual({ prometheus: { retention: '7d' } });
  });

  test('GIVEN the cluster manages its monitoring ConfigMaps THEN none is rendered', () => {
    const objects = render(testConfig({ monitoring: { manageClusterMonitoringConfig: false } }));
    expect(mine(objects).filter((o) => o.object.kind === 'ConfigMap')).toEqual([]);
  });
});

describe('monitoring on Kubernetes', () => {
  const objects = render(kubernetes(), { seldon: {} });

  test('GIVEN the defaults WHEN rendered THEN the objects match the snapshot', () => {
    expect(mine(objects)).toMatchSnapshot();
  });

  test('THEN the receiver is an AlertmanagerConfig v1alpha1, the only version the kube-prometheus-stack 88.5.3 CRD serves', () => {
    // kube-prometheus-stack-88.5.3.tgz:charts/crds/crds/crd-alertmanagerconfigs.yaml:23 (checked against the chart itself
    // by test/validation/installer-crds.test.ts when ../shared is present)
    expect(find(objects, 'AlertmanagerConfig', 'seldon-deploy-webhook', 'seldon-system').apiVersion).toBe('monitoring.coreos.com/v1alpha1');
  });

  test('THEN kube-prometheus-stack is installed in monitoring with server-side apply, selecting rules and monitors everywhere', () => {
    const app = find(objects, 'Application', 'kube-prometheus-stack');
    const spec = app.spec as { source: { chart: string; targetRevision: string; helm: { valuesObject: unknown } }; destination: { namespace: string }; syncPolicy: { syncOptions: string[] } };
    expect([spec.source.chart, spec.source.targetRevision, spec.destination.namespace]).toEqual([CHARTS.kubePrometheusStack.chart, CHARTS.kubePrometheusStack.version, 'monitoring']);
    expect(spec.syncPolicy.syncOptions).toContain('ServerSideApply=true');
    expect(spec.source.helm.valuesObject).toEqual(hardenedValues({ chart: 'kube-prometheus-stack' }, { platform: 'kubernetes' }, {
      fullnameOverride: 'kube-prometheus-stack',
      prometheus: { prometheusSpec: { ruleSelectorNilUsesHelmValues: false, podMonitorSelectorNilUsesHelmValues: false, serviceMonitorSelectorNilUsesHelmValues: false } },
      'kube-state-metrics': { metricLabelsAllowlist: ['pods=[*]'] },
      grafana: { admin: { existingSecret: 'grafana-admin', userKey: 'admin-user', passwordKey: 'admin-password' } },
    }));
  });

  test('THEN Grafana\'s admin credentials come from a referenced secret (no random password rendered, no value in Git)', () => {
    expect(errorOf(() => render(kubernetes({ monitoring: { grafanaAdmin: { secretName: 'Grafana_Admin' } } })))).toContain('monitoring.grafanaAdmin.secretName');
    const custom = render(kubernetes({ monitoring: { grafanaAdmin: { secretName: 'grafana-credentials' } } }));
    const values = find(custom, 'Application', 'kube-prometheus-stack').spec as { source: { helm: { valuesObject: { grafana: { admin: unknown } } } } };
    expect(values.source.helm.valuesObject.grafana.admin).toEqual({ existingSecret: 'grafana-credentials', userKey: 'admin-user', passwordKey: 'admin-password' });
    expect(custom.filter((o) => o.object.kind === 'Secret')).toEqual([]);
  });

  test('THEN no OpenShift ConfigMaps or token; the monitoring namespace is admitted instead of user-workload monitoring', () => {
    expect(objects.filter((o) => o.object.kind === 'ConfigMap' && o.object.metadata.namespace?.startsWith('openshift-'))).toEqual([]);
    expect(objects.filter((o) => o.object.metadata.name === 'jwt-seldon' || o.object.metadata.name === 'user-workload-monitoring')).toEqual([]);
    for (const namespace of ['seldon-system', 'seldon']) {
      expect(find(objects, 'NetworkPolicy', 'allow-from-monitoring', namespace).spec).toMatchObject({ ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }] }] });
    }
  });

  test('THEN the same monitors, rules and receiver render; alerts carry the namespace label the AlertmanagerConfig matches on', () => {
    for (const [kind, name, ns] of [['PodMonitor', 'seldon-deploy-monitor', 'seldon-system'], ['PodMonitor', 'seldon-podmonitor', 'seldon'], ['PrometheusRule', 'seldon-model-usage-rules', 'seldon'], ['AlertmanagerConfig', 'seldon-deploy-webhook', 'seldon-system']]) {
      expect(find(objects, kind, name, ns)).toBeDefined();
    }
    for (const a of rulesOf(find(objects, 'PrometheusRule', 'deploy-infra-alerts'))) expect(a.labels.namespace).toBe('seldon-system');
  });

  test('THEN Seldon Deploy reads the stack Prometheus and Alertmanager without a token', () => {
    const platform = new SeldonPlatform(new App(), 'test', kubernetes());
    expect(platform.monitoring?.endpoints).toEqual({
      prometheusUrl: 'http://kube-prometheus-stack-prometheus.monitoring.svc:9090/api/v1/',
      resourceMetricsUrl: 'http://kube-prometheus-stack-prometheus.monitoring.svc:9090/api/v1/',
      alertmanagerUrl: 'http://kube-prometheus-stack-alertmanager.monitoring.svc:9093/api/v2/alerts',
    });
  });

  test('GIVEN extra stack values THEN they are merged under the platform ones', () => {
    const app = find(render(kubernetes({ monitoring: { stackValues: { grafana: { enabled: false }, prometheus: { prometheusSpec: { retention: '30d', ruleSelectorNilUsesHelmValues: true } } } } })), 'Application', 'kube-prometheus-stack');
    expect((app.spec as { source: { helm: { valuesObject: unknown } } }).source.helm.valuesObject).toMatchObject({
      grafana: { enabled: false },
      prometheus: { prometheusSpec: { retention: '30d', ruleSelectorNilUsesHelmValues: false } },
    });
  });
});

describe('monitoring rejects', () => {
  const openshift = (monitoring: MonitoringOptions) => errorOf(() => SeldonPlatform.validate(testConfig({ monitoring })));
  const onKubernetes = (monitoring: MonitoringOptions) => errorOf(() => SeldonPlatform.validate(kubernetes({ monitoring })));
  const VAULT_SOURCE = { from: 'external-secret' as const };

  test.each<[string, () => string, string]>([
    ['disabling user-workload monitoring', () => openshift({ clusterMonitoringConfig: { enableUserWorkload: false } }), 'monitoring.clusterMonitoringConfig.enableUserWorkload (false): would switch off user-workload monitoring'],
    ['OpenShift options on Kubernetes', () => onKubernetes({ clusterMonitoringConfig: {} }), 'monitoring.clusterMonitoringConfig ({}): applies only on openshift, and this environment is kubernetes'],
    ['Kubernetes options on OpenShift', () => openshift({ stackValues: {} }), 'monitoring.stackValues ({}): applies only on kubernetes, and this environment is openshift'],
    ['an unknown Alertmanager', () => openshift({ openshiftAlertmanager: 'user' as 'platform' }), 'monitoring.openshiftAlertmanager ("user"): is not one of platform, user-workload'],
    ['a bad token secret name', () => openshift({ prometheusToken: { secretName: 'JWT' } }), 'monitoring.prometheusToken.secretName ("JWT"): is not a DNS-1123 label'],
    ['an external token without a store', () => openshift({ prometheusToken: { source: VAULT_SOURCE } }), 'monitoring.prometheusToken.source.from ("external-secret"): an ExternalSecret needs a secret store'],
    ['a URL that is not http(s)', () => openshift({ prometheusUrl: 'thanos:9091' }), 'monitoring.prometheusUrl ("thanos:9091"): is not an http(s) URL'],
    ['a bad stack namespace', () => onKubernetes({ namespace: 'Monitoring' }), 'monitoring.namespace ("Monitoring"): is not a DNS-1123 label'],
    ['a bad group wait', () => openshift({ alertReceiver: { groupWait: '10 seconds' } }), 'monitoring.alertReceiver.groupWait ("10 seconds"): is not an Alertmanager duration'],
    ['no severities', () => openshift({ alertReceiver: { severities: [] } }), 'monitoring.alertReceiver.severities ([]): is empty'],
    ['an http token URL', () => openshift({ alertReceiver: { oidc: { tokenUrl: 'http://keycloak/token' } } }), 'monitoring.alertReceiver.oidc.tokenUrl ("http://keycloak/token"): is not an https token endpoint'],
    ['a bad OIDC secret name', () => openshift({ alertReceiver: { oidc: { tokenUrl: TOKEN_URL, secretName: 'oidc_creds' } } }), 'monitoring.alertReceiver.oidc.secretName ("oidc_creds"): is not a DNS-1123 label'],
  ])('GIVEN %s THEN validation names the field, value and fix', (_name, run, message) => {
    expect(run()).toContain(message);
  });
});
