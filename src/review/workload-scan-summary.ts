/**
 * The recorded result of the workload security scan (`npm run scan`, src/validation/workload-scan.ts):
 * `security/scan-summary.json`, written by `npm run scan -- --write` and checked for staleness in CI
 * (`--check-summary`), so that `npm run synth` can show the figures in OVERVIEW.md without running helm or kube-score.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ExceptionReason, REASON_TITLES, SCAN_EXCEPTIONS } from '../lib/workload-security-exceptions';
import type { ScanReport, ScanTarget } from '../validation/workload-scan';
import { code, table } from './markdown';

export const SCAN_SUMMARY_FILE = resolve(__dirname, '../../security/scan-summary.json');

export interface ComponentSummary {
  readonly component: string;
  readonly workloads: number;
  readonly findings: number;
  readonly excepted: number;
  readonly unexplained: number;
  /** One line per exception that explained findings here: `checks on object: reason`. */
  readonly exceptions: readonly string[];
}

export interface EnvironmentSummary {
  readonly environment: string;
  readonly workloads: number;
  readonly findings: number;
  readonly perWorkload: number;
  readonly excepted: number;
  readonly unexplained: number;
  readonly components: readonly ComponentSummary[];
}

export interface ScanSummary {
  readonly environments: readonly EnvironmentSummary[];
  /** Recorded exceptions (entries of the exceptions file) by reason. */
  readonly exceptionsByReason: Readonly<Partial<Record<ExceptionReason, number>>>;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** The summary of a scan report. */
export function summaryOf(report: ScanReport, targets: readonly ScanTarget[]): ScanSummary {
  const environments = [...new Set(targets.map((t) => t.environment))].sort().map((environment) => {
    const components = report.figures
      .filter((f) => f.environment === environment)
      .map((f) => {
        const used = new Set(report.findings.filter((x) => x.environment === environment && x.component === f.component && x.exception).map((x) => x.exception!));
        const exceptions = [...used].map((e) => `${e.checks.join(', ')} on ${[e.kind ?? '*', e.name ?? '*', ...(e.container ? [`container ${e.container}`] : [])].join(' ')}: ${REASON_TITLES[e.reason]}`).sort();
        return { component: f.component, workloads: f.workloads, findings: f.findings, excepted: f.excepted, unexplained: f.unexplained, exceptions };
      });
    const sum = (k: 'workloads' | 'findings' | 'excepted' | 'unexplained'): number => components.reduce((n, c) => n + c[k], 0);
    return {
      environment,
      workloads: sum('workloads'),
      findings: sum('findings'),
      perWorkload: round(sum('findings') / Math.max(1, sum('workloads'))),
      excepted: sum('excepted'),
      unexplained: sum('unexplained'),
      components,
    };
  });
  const exceptionsByReason: Partial<Record<ExceptionReason, number>> = {};
  for (const e of SCAN_EXCEPTIONS) exceptionsByReason[e.reason] = (exceptionsByReason[e.reason] ?? 0) + 1;
  return { environments, exceptionsByReason };
}

/** The recorded summary, or undefined when none was written. */
export function readScanSummary(file = SCAN_SUMMARY_FILE): ScanSummary | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ScanSummary) : undefined;
}

/** The OVERVIEW.md section: per component the scanner figure and the exceptions. */
export function workloadScanSection(environment: string, summary = readScanSummary()): string {
  const env = summary?.environments.find((e) => e.environment === environment);
  const head = ['## Workload security scan', ''];
  if (env === undefined) return [...head, `Not scanned: run ${code('npm run scan -- --charts ../shared/charts --write')}.`].join('\n');
  const rows = env.components.map((c) => [c.component, String(c.workloads), String(c.findings), String(c.excepted), String(c.unexplained), c.exceptions.join('<br>') || '–']);
  return [
    ...head,
    `kube-score and the platform's pod-security checks over each chart's ${code('helm template')} output and the platform's own objects ` +
      `(${code('npm run scan')}; exceptions in ${code('src/lib/workload-security-exceptions.ts')}, see ${code('docs/security.md')}): ` +
      `${env.workloads} workload objects, ${env.findings} findings (${env.perWorkload.toFixed(2)} per workload object): ${env.excepted} explained by a recorded exception, ${env.unexplained} unexplained.`,
    '',
    table(['Component', 'Workload objects', 'Findings', 'Excepted', 'Unexplained', 'Exceptions'], rows),
  ].join('\n');
}
