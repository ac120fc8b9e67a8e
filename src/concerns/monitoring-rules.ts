/**
 * The PrometheusRules of seed 004's appendices ("Prometheus Rules for Model Usage", "Prometheus Rules for Alerting"),
 * as data. Expressions are exactly the values the seed's YAML parses to (its multi-line plain scalars fold into one
 * line); `src/concerns/monitoring.ts` renders them.
 */

/** A recording rule; every model-usage rule carries MODEL_USAGE_RULE_LABELS. */
export interface RecordingRule {
  readonly record: string;
  readonly expr: string;
}

/** An alerting rule: what fires, for how long, what it says, and the labels Seldon Deploy's receiver routes on. */
export interface AlertRule {
  readonly alert: string;
  readonly expr: string;
  readonly for: string;
  /** `annotations.title` */
  readonly title: string;
  /** `annotations.description` (Prometheus templates such as `{{ $labels.handler }}` stay literal). */
  readonly description: string;
  /** `labels.severity`: the receiver routes `warning|critical`. */
  readonly severity: 'warning' | 'critical';
  /** `labels.type`: the receiver routes `user|infra`. */
  readonly type: 'user' | 'infra';
}

/** One PrometheusRule of the seed: its name, its labels, and its single rule group. */
export interface RuleSet<R> {
  /** `metadata.name` of the PrometheusRule. */
  readonly name: string;
  /** `metadata.labels` the seed sets (`prometheus: k8s`, `role: ...`). */
  readonly labels: Readonly<Record<string, string>>;
  /** The rule group's name. */
  readonly group: string;
  /** The rule group's evaluation interval, when the seed sets one. */
  readonly interval?: string;
  readonly rules: readonly R[];
}

/** Labels every model-usage recording rule carries. */
export const MODEL_USAGE_RULE_LABELS: Readonly<Record<string, string>> = { type: 'SeldonDeployment' };

/** `seldon-model-usage-rules`: applied to every namespace that hosts SeldonDeployments. */
export const MODEL_USAGE_RULES: RuleSet<RecordingRule> = {
  name: 'seldon-model-usage-rules',
  labels: { prometheus: 'k8s', role: 'record-rules' },
  group: 'model-usage.rules',
  interval: '3m',
  rules: [
    { record: 'model_containers_average', expr: 'label_replace(sum by (label_seldon_deployment_id,namespace) ((sum_over_time(kube_pod_labels{label_app_kubernetes_io_managed_by=~"seldon-core"}[2m]) / scalar(max(sum_over_time(kube_pod_labels[2m])))) * on(pod,namespace) group_right(label_seldon_deployment_id) max by (namespace,pod,container,namespace) (avg_over_time(kube_pod_container_info[2m] ))), "name","$1","label_seldon_deployment_id", "(.+)")' },
    { record: 'model_memory_usage_bytes', expr: 'label_replace(sort_desc(sum by (label_seldon_deployment_id,namespace) ((sum_over_time(kube_pod_labels{label_app_kubernetes_io_managed_by=~"seldon-core"}[2m] ) / scalar(max(sum_over_time(kube_pod_labels[2m] )))) * on(pod,namespace) group_right(label_seldon_deployment_id) sum by (namespace,pod,container) (rate(container_memory_usage_bytes[2m] )))), "name","$1","label_seldon_deployment_id", "(.+)")' },
    { record: 'model_cpu_usage_seconds_total', expr: 'label_replace(sort_desc(sum by (label_seldon_deployment_id,namespace) ((sum_over_time(kube_pod_labels{label_app_kubernetes_io_managed_by=~"seldon-core"}[2m] ) / scalar(max(sum_over_time(kube_pod_labels[2m] )))) * on(pod,namespace) group_right(label_seldon_deployment_id) sum by (namespace,pod,container) (rate(container_cpu_usage_seconds_total[2m] )))), "name","$1","label_seldon_deployment_id", "(.+)")' },
    { record: 'model_cpu_requests', expr: 'label_replace(sort_desc(sum by (label_seldon_deployment_id,namespace) ((sum_over_time(kube_pod_labels{label_app_kubernetes_io_managed_by=~"seldon-core"}[2m] ) / scalar(max(sum_over_time(kube_pod_labels[2m] )))) * on(pod,namespace) group_right(label_seldon_deployment_id) sum by (namespace,pod,container) (kube_pod_container_resource_requests{resource="cpu",unit="core"} ))), "name","$1","label_seldon_deployment_id", "(.+)")' },
    { record: 'model_cpu_limits', expr: 'label_replace(sort_desc(sum by (label_seldon_deployment_id,namespace) ((sum_over_time(kube_pod_labels{label_app_kubernetes_io_managed_by=~"seldon-core"}[2m] ) / scalar(max(sum_over_time(kube_pod_labels[2m] )))) * on(pod,namespace) group_right(label_seldon_deployment_id) sum by (namespace,pod,container) (kube_pod_container_resource_limits{resource="cpu",unit="core"} ))), "name","$1","label_seldon_deployment_id", "(.+)")' },
    { record: 'model_memory_requests_bytes', expr: 'label_replace(sort_desc(sum by (label_seldon_deployment_id,namespace) ((sum_over_time(kube_pod_labels{label_app_kubernetes_io_managed_by=~"seldon-core"}[2m] ) / scalar(max(sum_over_time(kube_pod_labels[2m] )))) * on(pod,namespace) group_right(label_seldon_deployment_id) sum by (namespace,pod,container) (kube_pod_container_resource_requests{resource="memory",unit="byte"} ))), "name","$1","label_seldon_deployment_id", "(.+)")' },
    { record: 'model_memory_limits_bytes', expr: 'label_replace(sort_desc(sum by (label_seldon_deployment_id,namespace) ((sum_over_time(kube_pod_labels{label_app_kubernetes_io_managed_by=~"seldon-core"}[2m] ) / scalar(max(sum_over_time(kube_pod_labels[2m] )))) * on(pod,namespace) group_right(label_seldon_deployment_id) sum by (namespace,pod,container) (kube_pod_container_resource_limits{resource="memory",unit="byte"} ))), "name","$1","label_seldon_deployment_id", "(.+)")' },
  ],
};

/** `deploy-user-alerts`: alerts about deployed models, in seldon-system. */
export const DEPLOY_USER_ALERTS: RuleSet<AlertRule> = {
  name: 'deploy-user-alerts',
  labels: { prometheus: 'k8s', role: 'alert-rules' },
  group: 'deploy-user-alerts.rules',
  rules: [
    {
      // The percentage of 5XX responses over 5 minutes; fires above 30% for at least 100 requests.
      alert: 'ModelHighErrorRate',
      expr: '(sum(rate(seldon_api_executor_client_requests_seconds_count{code=~"5[0-9]{2}"}[5m])) by (seldon_deployment_id) / sum(rate(seldon_api_executor_client_requests_seconds_count[5m])) by (seldon_deployment_id) * 100.0) > 30 and sum(increase(seldon_api_executor_client_requests_seconds_count[5m])) by (seldon_deployment_id) > 100',
      for: '1m',
      title: 'High error rate on deployed model.',
      description: 'Model {{ $labels.seldon_deployment_id }} has an internal error rate of greater than 30% for more than 100 requests total.',
      severity: 'critical',
      type: 'user',
    },
    {
      alert: 'TestAlertNoActionRequired',
      expr: 'increase(deploy_alerting_trigger_test_alert[3m]) > 1',
      for: '1m',
      title: 'Test alert, safe to ignore.',
      description: 'This is a test alert, used to verify the alerting system is working correctly - it will resolve itself and no action is required.',
      severity: 'warning',
      type: 'user',
    },
  ],
};

/** `deploy-infra-alerts`: alerts about Seldon Deploy itself, in seldon-system. */
export const DEPLOY_INFRA_ALERTS: RuleSet<AlertRule> = {
  name: 'deploy-infra-alerts',
  labels: { prometheus: 'k8s', role: 'alert-rules' },
  group: 'deploy-infra-alerts.rules',
  rules: [
    {
      // The sync window is 10 minutes: the increase over 11m must stay below 1 for 11m (measuring over 20m for 1m
      // would alert at initial startup).
      alert: 'MetasyncerNotSyncing',
      expr: 'sum(increase(deploy_metasyncer_processed_sync_total[11m])) < 1',
      for: '11m',
      title: 'The runtime metasyncer has not synced for two cycles.',
      description: 'Deployment information from Kubernetes and model metadata information from Postgres has not been synchronised for more than 20 minutes. Functionality depending on this, like project-based authorisation and the metadata API, might be affected.',
      severity: 'critical',
      type: 'infra',
    },
    {
      alert: 'DeployIsDown',
      expr: 'absent(up{container="seldon-deploy"})',
      for: '1m',
      title: 'Deploy server is down.',
      description: 'Deploy is not running, check the pods in Kubernetes for status.',
      severity: 'critical',
      type: 'infra',
    },
    {
      // The percentage of 5XX responses over 5 minutes; fires above 30% for at least 100 requests.
      alert: 'DeployApiHighErrorRate',
      expr: '(sum(rate(http_request_duration_seconds_count{code=~"5[0-9]{2}"}[5m])) by (handler) / sum(rate(http_request_duration_seconds_count[5m])) by (handler) * 100.0) > 30 and sum(increase(http_request_duration_seconds_count[5m])) by (handler) > 100',
      for: '1m',
      title: 'High error rate on Deploy api.',
      description: 'The Deploy api for handler {{ $labels.handler }} has an internal error rate of greater than 30% for more than 100 requests total.',
      severity: 'critical',
      type: 'infra',
    },
    {
      alert: 'DeployMetadataMigrationsFailed',
      expr: 'increase(deploy_metadata_sql_migrations_total{status="failure"}[5m]) > 1',
      for: '5m',
      title: 'Deploy Metadata SQL Migrations Failed',
      description: 'Deploy has failed to perform SQL migrations on the metadata database {{ $value }} times in the last 5 minutes.',
      severity: 'warning',
      type: 'infra',
    },
    {
      alert: 'DeployOPADynamicPolicyUpdateFailed',
      expr: 'increase(deploy_opa_policies_updates_total{status="failure"}[5m]) > 0',
      for: '5m',
      title: 'Deploy OPA Dynamic Policy Update Failed',
      description: 'Deploy has failed updating the OPA policies from the dynamic policy config {{ $value }} times in the last 5 minutes.',
      severity: 'warning',
      type: 'infra',
    },
  ],
};
