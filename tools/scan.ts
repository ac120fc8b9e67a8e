/**
 * The workload security scan over both environments (see src/validation/workload-scan.ts and docs/security.md):
 *
 *   npm run scan -- --charts ../shared/charts                # scan; fail on unexplained findings or stale exceptions
 *   npm run scan -- --charts DIR --kube-score PATH --dist DIR --all   # --all prints every finding, excepted ones too
 *   npm run scan -- --charts DIR --write                     # also rewrite security/scan-summary.json (for OVERVIEW.md)
 *
 * Without --kube-score, runs tools/build-kube-score.sh (cached by version) to get the binary. With --check-summary,
 * also fails when security/scan-summary.json differs from the fresh figures. Exit: 0 clean, 1 findings, 2 bad arguments.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { REASON_TITLES } from '../src/lib/workload-security-exceptions';
import { describeFinding, environmentTargets, scanTargets } from '../src/validation/workload-scan';
import { SCAN_SUMMARY_FILE, summaryOf } from '../src/review/workload-scan-summary';

const USAGE = 'usage: npm run scan -- --charts DIR [--dist DIR] [--kube-score PATH] [--all] [--write | --check-summary]';

function main(args: string[]): number {
  let charts: string | undefined;
  let dist = 'dist';
  let kubeScore: string | undefined;
  let all = false;
  let write = false;
  let checkSummary = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const next = (): string => {
      const v = args[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${a} needs a value; ${USAGE}`);
      return v;
    };
    if (a === '--charts') charts = next();
    else if (a === '--dist') dist = next();
    else if (a === '--kube-score') kubeScore = next();
    else if (a === '--all') all = true;
    else if (a === '--write') write = true;
    else if (a === '--check-summary') checkSummary = true;
    else throw new Error(`unknown argument "${a}"; ${USAGE}`);
  }
  if (charts === undefined || !existsSync(charts) || !statSync(charts).isDirectory()) {
    throw new Error(`--charts must name the folder of pinned chart packages, e.g. --charts ../shared/charts; ${USAGE}`);
  }
  if (!existsSync(dist)) throw new Error(`--dist ${dist} does not exist: run "npm run synth" first`);
  kubeScore ??= execFileSync('bash', [resolve(__dirname, 'build-kube-score.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
  const environments = readdirSync(dist).filter((e) => statSync(join(dist, e)).isDirectory()).sort();
  const targets = environments.flatMap((env) => environmentTargets(join(dist, env), env, charts!));
  const report = scanTargets(kubeScore, targets);
  for (const f of report.findings) {
    if (f.exception === undefined) console.log(`UNEXPLAINED ${describeFinding(f)}`);
    else if (all) console.log(`excepted (${REASON_TITLES[f.exception.reason]}) ${describeFinding(f)}`);
  }
  for (const e of report.staleExceptions) console.log(`STALE exception matches no finding: ${JSON.stringify({ component: e.component, kind: e.kind, name: e.name, container: e.container, checks: e.checks })}`);
  const summary = summaryOf(report, targets);
  for (const env of summary.environments) {
    console.log(`${env.environment}: ${env.workloads} workload objects, ${env.findings} findings (${env.perWorkload.toFixed(2)} per workload object), ${env.excepted} excepted, ${env.unexplained} unexplained`);
  }
  console.log(`exceptions by reason: ${Object.entries(summary.exceptionsByReason).map(([r, n]) => `${r} ${n}`).join(', ') || 'none'}`);
  const text = `${JSON.stringify(summary, null, 2)}\n`;
  let stale = false;
  if (write) writeFileSync(SCAN_SUMMARY_FILE, text);
  else if (checkSummary && (!existsSync(SCAN_SUMMARY_FILE) || readFileSync(SCAN_SUMMARY_FILE, 'utf8') !== text)) {
    console.log(`${SCAN_SUMMARY_FILE} is stale: run "npm run scan -- --charts ${charts} --write", then "npm run synth", and commit both`);
    stale = true;
  }
  const unexplained = report.findings.filter((f) => f.exception === undefined).length;
  return unexplained > 0 || report.staleExceptions.length > 0 || stale ? 1 : 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  console.error(`error: ${(error as Error).message}`);
  process.exitCode = 2;
}
