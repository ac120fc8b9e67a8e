/**
 * PrometheusRule checks: every rule expression must parse as PromQL (with the official lezer grammar that Prometheus'
 * own UI uses) and every duration must be a Prometheus duration, so a broken rule fails here rather than in the
 * operator's admission webhook or, worse, silently in Prometheus.
 */
import { parser } from '@prometheus-io/lezer-promql';
import { arrayAt, formatPath, isRecord, PathSegment, recordAt, showValue } from './json';
import { GroupVersionKind } from './kinds';
import { Issue } from './types';

/** Where an expression first fails to parse. */
export interface PromqlSyntaxError {
  /** 0-based character offset into the expression. */
  readonly offset: number;
  /** 1-based line and column of the offset. */
  readonly line: number;
  readonly column: number;
  /** Up to 20 characters of the expression from the offset; empty at its end. */
  readonly near: string;
}

const DURATION = /^(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?$/;

/** Rule fields that hold durations, per rule group and per rule. */
const GROUP_DURATIONS = ['interval', 'query_offset'] as const;
const RULE_DURATIONS = ['for', 'keep_firing_for'] as const;

/** The first syntax error of a PromQL expression, or undefined when it parses. An empty expression is an error. */
export function promqlSyntaxError(expression: string): PromqlSyntaxError | undefined {
  let offset: number | undefined;
  parser.parse(expression).iterate({
    enter: (node) => {
      if (offset !== undefined) return false;
      if (node.type.isError) offset = node.from;
      return undefined;
    },
  });
  if (offset === undefined) return undefined;
  const before = expression.slice(0, offset).split('\n');
  return { offset, line: before.length, column: before[before.length - 1].length + 1, near: expression.slice(offset, offset + 20) };
}

/** True for a Prometheus duration: `0`, or units from years to milliseconds in order, e.g. `1h30m`, `5m`, `250ms`. */
export function isPrometheusDuration(text: string): boolean {
  return text === '0' || (text !== '' && DURATION.test(text));
}

/** Checks a `monitoring.coreos.com` PrometheusRule; any other kind has no issues. */
export function checkPrometheusRule(gvk: GroupVersionKind, object: Record<string, unknown>): Issue[] {
  if (gvk.group !== 'monitoring.coreos.com' || gvk.kind !== 'PrometheusRule') return [];
  return arrayAt(recordAt(object, 'spec'), 'groups').flatMap((group, g) => {
    const groupPath: PathSegment[] = ['spec', 'groups', g];
    const groupName = isRecord(group) && typeof group.name === 'string' ? group.name : `#${g}`;
    return [
      ...checkDurations(group, GROUP_DURATIONS, groupPath, `group "${groupName}"`),
      ...arrayAt(group, 'rules').flatMap((rule, r) => checkRule(rule, [...groupPath, 'rules', r])),
    ];
  });
}

function checkRule(rule: unknown, path: PathSegment[]): Issue[] {
  if (!isRecord(rule)) return [];
  const label = ruleLabel(rule, path);
  return [...checkExpression(rule.expr, [...path, 'expr'], label), ...checkDurations(rule, RULE_DURATIONS, path, label)];
}

/** `alert "HighLatency"` or `record "job:requests:rate5m"`, for messages. */
function ruleLabel(rule: Record<string, unknown>, path: PathSegment[]): string {
  if (typeof rule.alert === 'string') return `alert "${rule.alert}"`;
  if (typeof rule.record === 'string') return `record "${rule.record}"`;
  return `rule ${formatPath(path)}`;
}

function checkExpression(expr: unknown, path: PathSegment[], label: string): Issue[] {
  if (typeof expr === 'number') return [];
  if (typeof expr !== 'string' || expr.trim() === '') {
    return [promqlIssue(path, `${label}: expr must be a non-empty PromQL expression, got ${showValue(expr)}`)];
  }
  const error = promqlSyntaxError(expr);
  if (!error) return [];
  const where = `line ${error.line}, column ${error.column}`;
  const near = error.near === '' ? 'at the end of the expression (is something missing?)' : `near ${JSON.stringify(error.near)}`;
  return [promqlIssue(path, `${label}: PromQL syntax error at ${where} ${near}`)];
}

function checkDurations(owner: unknown, fields: readonly string[], path: PathSegment[], label: string): Issue[] {
  if (!isRecord(owner)) return [];
  return fields.flatMap((field) => {
    const value = owner[field];
    if (value === undefined || (typeof value === 'string' && isPrometheusDuration(value))) return [];
    return [promqlIssue([...path, field], `${label}: ${field} ${showValue(value)} is not a Prometheus duration such as "5m", "1h30m" or "30s"`)];
  });
}

function promqlIssue(path: PathSegment[], message: string): Issue {
  return { path: formatPath(path), message, check: 'promql' };
}
