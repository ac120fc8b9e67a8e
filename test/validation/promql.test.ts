import { Finding, isPrometheusDuration, promqlSyntaxError, validateObjects } from '../../src/validation';
import { manifest } from './fixtures';

/** From the Seldon Deploy OpenShift install guide (seed 004): a recording rule of the model-usage group. */
const MODEL_MEMORY_USAGE =
  'label_replace(sort_desc(sum by (label_seldon_deployment_id,namespace) ((sum_over_time(kube_pod_labels{label_app_kubernetes_io_managed_by=~"seldon-core"}[2m] ) / scalar(max(sum_over_time(kube_pod_labels[2m] )))) * on(pod,namespace) group_right(label_seldon_deployment_id) sum by (namespace,pod,container) (rate(container_memory_usage_bytes[2m] )))), "name","$1","label_seldon_deployment_id", "(.+)")';

function prometheusRule(groups: unknown[]): unknown {
  return manifest('monitoring.coreos.com/v1', 'PrometheusRule', { spec: { groups } });
}

function validate(groups: unknown[]): Finding[] {
  return validateObjects([{ file: 'rules.yaml', object: prometheusRule(groups) }]);
}

describe('PromQL in PrometheusRules', () => {
  test('GIVEN the seed\'s label_replace(sort_desc(sum by ... recording rule WHEN validated THEN it parses', () => {
    expect(promqlSyntaxError(MODEL_MEMORY_USAGE)).toBeUndefined();
    expect(validate([{ name: 'model-usage.rules', interval: '3m', rules: [{ record: 'model_memory_usage_bytes', expr: MODEL_MEMORY_USAGE }] }])).toEqual([]);
  });

  test('GIVEN an alert whose expression is cut short WHEN validated THEN the alert name, field path and position are reported', () => {
    const findings = validate([
      { name: 'seldon', rules: [{ record: 'ok', expr: 'up' }, { alert: 'SeldonHighErrorRate', expr: 'sum by (job) (rate(errors_total[5m])) >', for: '10m' }] },
    ]);
    expect(findings.map((f) => [f.check, f.path, f.message])).toEqual([
      ['promql', 'spec.groups[0].rules[1].expr', 'alert "SeldonHighErrorRate": PromQL syntax error at line 1, column 40 at the end of the expression (is something missing?)'],
    ]);
  });

  test('GIVEN a recording rule with an unclosed label matcher WHEN validated THEN the record name and the text near the error are reported', () => {
    const [finding] = validate([{ name: 'g', rules: [{ record: 'job:up:sum', expr: 'sum(up{job="seldon") by (job)' }] }]);
    expect(finding.message).toBe('record "job:up:sum": PromQL syntax error at line 1, column 20 near ") by (job)"');
  });

  test('GIVEN bad durations in a group interval and a rule\'s for WHEN validated THEN each is reported', () => {
    const findings = validate([{ name: 'g', interval: '3 minutes', rules: [{ alert: 'A', expr: 'up == 0', for: '5min' }] }]);
    expect(findings.map((f) => [f.path, f.message])).toEqual([
      ['spec.groups[0].interval', 'group "g": interval "3 minutes" is not a Prometheus duration such as "5m", "1h30m" or "30s"'],
      ['spec.groups[0].rules[0].for', 'alert "A": for "5min" is not a Prometheus duration such as "5m", "1h30m" or "30s"'],
    ]);
  });

  test.each(['0', '30s', '5m', '1h30m', '1d', '250ms', '1y2w3d4h5m6s7ms'])('GIVEN duration %p THEN it is a Prometheus duration', (duration) => {
    expect(isPrometheusDuration(duration)).toBe(true);
  });

  test.each(['', '5', '5min', '1m1h', '-5m', '1.5h'])('GIVEN %p THEN it is not a Prometheus duration', (duration) => {
    expect(isPrometheusDuration(duration)).toBe(false);
  });

  test('GIVEN an empty expression WHEN validated THEN it is reported', () => {
    const [finding] = validate([{ name: 'g', rules: [{ alert: 'Empty', expr: '' }] }]);
    expect(finding.message).toBe('alert "Empty": expr must be a non-empty PromQL expression, got ""');
  });
});
