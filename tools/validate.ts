/**
 * Validates the rendered YAML the way the cluster and Argo CD will judge it:
 *
 *   npm run validate                                  # dist/, schema-free checks only: the problems and a summary
 *   npm run validate -- --crds ../shared/crds         # plus Kubernetes 1.28 and CRD schemas
 *   npm run validate -- --verbose                     # also an `ok` line for every file that passes
 *   npm run validate -- --require-secure              # also fail when a secure default is off
 *   npm run validate -- --crds ../shared/crds --charts ../shared/charts
 *                                                     # plus each custom resource against the CRD its pinned installer
 *                                                     # serves at its sync wave (src/validation/installer-crds*.ts),
 *                                                     # and every chart Application checked with the real chart by
 *                                                     # helm: it renders, deterministically, every value we set takes
 *                                                     # effect, intended settings are in the output, referenced
 *                                                     # Services exist (src/validation/chart-checks.ts)
 *   npm run validate -- --argocd ../shared/argocd     # plus Argo CD health of every kind in steady state
 *
 * `--quiet` is accepted for scripts written before the default became quiet (it is the default).
 *
 * `--crds` takes any folder of CRD YAML (for example `kubectl get crd -o yaml > crds/cluster.yaml`); built-in kinds are
 * checked when it also holds `k8s/k8s-1.28-definitions.json`. Each environment also gets its secure-defaults line (see
 * src/review/secure-defaults.ts), a report: rules that are off fail only with `--require-secure`. `--argocd` takes a
 * folder with Argo CD's `resource_customizations/` (its built-in Lua health scripts): per environment, every object of
 * a kind with a script is evaluated in its controller's steady state with those scripts plus the overrides of the
 * environment's `bootstrap/` (src/validation/argocd-health-steady.ts); anything but Healthy is an error. Exit status:
 * 0 all valid, 1 findings, 2 bad arguments.
 */
import { existsSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { pathProblems, pathSummary, pathTableText, proveDataPaths } from '../src/datapaths';
import { isKubeObject, secureDefaults, secureDefaultsLine } from '../src/review/secure-defaults';
import { Finding, K8S_DEFINITIONS_FILE, listYamlFiles, ManifestObject, ManifestValidator, readYamlFile } from '../src/validation';
import { CrdTimeline, InstallerFinder, platformOf } from '../src/validation/installer-crds';
import { checkInstallerCrds, isCustomResource } from '../src/validation/installer-crds-check';
import { ArgoCdLuaVm } from '../src/validation/argocd-health';
import { argoCdScripts, bootstrapOverrides, steadyStateHealth, steadyStateTable } from '../src/validation/argocd-health-steady';
import { checkChartApplications, reportLines } from '../src/validation/chart-checks';

const USAGE = 'usage: npm run validate -- [--crds DIR [--charts DIR]] [--argocd DIR] [--dist DIR] [--verbose | --quiet] [--require-secure]';
const DIST_FIX = 'run "npm run synth" first, or pass --dist with the folder of rendered YAML';

interface Options {
  readonly crds?: string;
  /** Folder of pinned chart packages: enables the installer check (needs `crds`). */
  readonly charts?: string;
  /** A folder holding Argo CD's `resource_customizations/` (../shared/argocd). */
  readonly argocd?: string;
  readonly dist: string;
  /** Print an `ok` line for every passing file (default: only the failing files and the summary). */
  readonly verbose: boolean;
  /** Fail (exit 1) when a secure default is off in any environment. */
  readonly requireSecure: boolean;
}

/** A bad invocation: printed as `error: ...` and exit status 2. */
class UsageError extends Error {}

function parseArgs(args: readonly string[]): Options {
  let crds: string | undefined;
  let charts: string | undefined;
  let argocd: string | undefined;
  let dist = 'dist';
  let verbose = false;
  let requireSecure = false;
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].startsWith('--') && args[i].includes('=') ? args[i].split(/=(.*)/s, 2) : [args[i], undefined];
    const value = (example: string): string => {
      const given = inline ?? args[++i];
      if (given === undefined || given === '' || given.startsWith('--')) {
        throw new UsageError(`${flag} needs a folder, e.g. ${flag} ${example}`);
      }
      return given;
    };
    if (flag === '--crds') crds = value('../shared/crds');
    else if (flag === '--charts') charts = value('../shared/charts');
    else if (flag === '--argocd') argocd = value('../shared/argocd');
    else if (flag === '--dist') dist = value('dist');
    else if (flag === '--quiet' || flag === '-q') verbose = false;
    else if (flag === '--verbose' || flag === '-v') verbose = true;
    else if (flag === '--require-secure') requireSecure = true;
    else if (flag === '--help' || flag === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new UsageError(`unknown argument "${args[i]}"; ${USAGE}`);
  }
  requireFolder(dist, '--dist', DIST_FIX);
  if (crds !== undefined) requireFolder(crds, '--crds', 'pass the folder holding the CRD YAML files, e.g. --crds ../shared/crds');
  if (charts !== undefined) {
    requireFolder(charts, '--charts', 'pass the folder holding the pinned chart packages, e.g. --charts ../shared/charts');
    if (crds === undefined) throw new UsageError('--charts needs --crds too: the installer check reads OLM bundle CRDs from the CRD folder');
  }
  if (argocd !== undefined) requireFolder(join(argocd, 'resource_customizations'), '--argocd', 'pass the folder holding Argo CD\'s resource_customizations/, e.g. --argocd ../shared/argocd');
  return { crds, charts, argocd, dist, verbose, requireSecure };
}

function requireFolder(path: string, flag: string, fix: string): void {
  if (!existsSync(path)) throw new UsageError(`${flag} folder "${path}" does not exist; ${fix}`);
  if (!statSync(path).isDirectory()) throw new UsageError(`${flag} "${path}" is not a folder; ${fix}`);
}

/** Reads every YAML file under `dist`; syntax errors become findings of their file. */
function readManifests(dist: string): { files: string[]; objects: ManifestObject[]; syntaxErrors: Finding[] } {
  const files = listYamlFiles(dist);
  if (files.length === 0) throw new UsageError(`no *.yaml files under "${dist}"; ${DIST_FIX}`);
  const objects: ManifestObject[] = [];
  const syntaxErrors: Finding[] = [];
  for (const file of files) {
    const { documents, errors } = readYamlFile(file);
    objects.push(...documents.map((object) => ({ file, object })));
    syntaxErrors.push(...errors.map((error) => syntaxErrorFinding(file, error)));
  }
  return { files, objects, syntaxErrors };
}

function syntaxErrorFinding(file: string, error: string): Finding {
  return { file, kind: '?', name: '?', path: '', message: `YAML syntax error: ${error}`, severity: 'error', check: 'input' };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

/** `ok   FILE`, or `FAIL FILE` followed by one indented line per finding. */
function printFiles(files: readonly string[], objects: readonly ManifestObject[], findings: readonly Finding[], verbose: boolean): void {
  const byFile = groupBy(findings, (f) => f.file);
  const objectsByFile = groupBy(objects, (o) => o.file);
  for (const file of files) {
    const findings = byFile.get(file) ?? [];
    if (findings.length === 0) {
      if (verbose) console.log(`ok   ${file}`);
      continue;
    }
    console.log(`FAIL ${file}`);
    const several = (objectsByFile.get(file)?.length ?? 0) > 1;
    for (const f of findings) console.log(`       ${several ? `${f.kind}/${f.name} ` : ''}${f.path ? `${f.path}: ` : ''}${f.message}`);
  }
}

/** Findings about files outside `dist` (broken CRD files in the `--crds` folder). */
function printOtherFindings(findings: readonly Finding[], files: ReadonlySet<string>, crds: string | undefined): void {
  for (const f of findings.filter((finding) => !files.has(finding.file))) {
    console.log(`FAIL ${crds ? join(crds, f.file) : f.file}\n       ${f.message}`);
  }
}

/** The environment of a file: the first folder below `dist` (files directly in it count as `dist` itself). */
function environmentOf(dist: string, file: string): string {
  const parts = relative(dist, file).split(sep);
  return parts.length > 1 ? join(dist, parts[0]) : dist;
}

/** One line per environment: objects, errors, unknown kinds and PromQL errors. */
function printTotals(dist: string, objects: readonly ManifestObject[], findings: readonly Finding[], files: readonly string[]): void {
  const environments = [...new Set(files.map((file) => environmentOf(dist, file)))];
  for (const environment of environments) {
    const inEnvironment = (file: string): boolean => environmentOf(dist, file) === environment;
    const own = findings.filter((f) => inEnvironment(f.file));
    const count = (check: Finding['check']): number => own.filter((f) => f.check === check).length;
    console.log(
      `${environment}: ${objects.filter((o) => inEnvironment(o.file)).length} objects, ${plural(own.length, 'error')}, ` +
        `${plural(count('unknown-kind'), 'unknown kind')}, ${plural(count('promql'), 'PromQL error')}, ${plural(count('secret-value') + count('secret-data'), 'secret value')}`,
    );
  }
}

/** One `secure defaults` line per environment, from its objects alone; returns how many have a rule off. */
function printSecureDefaults(dist: string, objects: readonly ManifestObject[], files: readonly string[]): number {
  let withRuleOff = 0;
  for (const environment of new Set(files.map((file) => environmentOf(dist, file)))) {
    const own = objects.filter((o) => environmentOf(dist, o.file) === environment).map((o) => o.object);
    const report = secureDefaults(own.filter(isKubeObject));
    if (report.some((rule) => rule.status === 'off')) withRuleOff++;
    console.log(`${environment}: ${secureDefaultsLine(report)}`);
  }
  return withRuleOff;
}

/**
 * The data-path table of each environment (src/datapaths): every path with what admits it, TLS at both ends,
 * credentials, ACLs and the verdict; returns how many environments have a broken or unexpectedly open path.
 */
function printDataPaths(dist: string, objects: readonly ManifestObject[], files: readonly string[]): number {
  let failing = 0;
  for (const environment of new Set(files.map((file) => environmentOf(dist, file)))) {
    const own = objects.filter((o) => environmentOf(dist, o.file) === environment).map((o) => o.object);
    const report = proveDataPaths(own.filter(isKubeObject));
    const problems = pathProblems(report);
    console.log(`${environment}: data paths\n${pathTableText(report)}`);
    console.log(`${environment}: ${pathSummary(report)}`);
    for (const p of problems) console.log(`  ${p}`);
    if (problems.length > 0) failing++;
  }
  return failing;
}

/** Which schemas were checked, for the summary line. */
function describeSchemas(crds: string | undefined): string {
  if (crds === undefined) return 'no --crds: schemas not checked';
  return existsSync(join(crds, K8S_DEFINITIONS_FILE))
    ? `CRDs and Kubernetes 1.28 definitions from ${crds}`
    : `CRDs from ${crds}; built-in kinds not schema-checked (no ${K8S_DEFINITIONS_FILE} there)`;
}

/**
 * Per environment: every custom resource against the CRD its pinned installer serves at its wave; one line each, e.g.
 * `dist/kubernetes: 13 installers provide 66 CRDs; 31 custom resources checked, 0 problems`.
 */
function checkEnvironmentsInstallers(dist: string, objects: readonly ManifestObject[], files: readonly string[], crds: string, charts: string): Finding[] {
  const finder = new InstallerFinder(crds, charts);
  const all: Finding[] = [];
  for (const environment of new Set(files.map((file) => environmentOf(dist, file)))) {
    const own = objects.filter((o) => environmentOf(dist, o.file) === environment);
    const kube = own.map((o) => o.object).filter((o): o is Record<string, any> => typeof o === 'object' && o !== null);
    const plan = finder.plan(kube, platformOf(kube));
    const findings = [
      ...plan.problems.map((message): Finding => ({ file: environment, kind: '?', name: '?', path: '', message, severity: 'error', check: 'input' })),
      ...checkInstallerCrds(own, new CrdTimeline(plan)),
    ];
    const provided = plan.installers.reduce((n, i) => n + i.crds.length, 0);
    const checked = kube.filter(isCustomResource).length;
    console.log(`${environment}: ${plural(plan.installers.length, 'installer')} provide ${plural(provided, 'CRD')}; ` +
      `${plural(checked, 'custom resource')} checked against them, ${plural(findings.length, 'problem')}`);
    all.push(...findings);
  }
  return all;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/**
 * Per environment: the Argo CD health of every scripted kind in steady state, one line per kind, then every problem.
 * Returns the number of problems.
 */
async function printSteadyStateHealth(dist: string, argocd: string, objects: readonly ManifestObject[], files: readonly string[]): Promise<number> {
  const vm = await ArgoCdLuaVm.create();
  const builtIn = argoCdScripts(argocd);
  let problems = 0;
  try {
    for (const environment of new Set(files.map((file) => environmentOf(dist, file)))) {
      const own = objects.filter((o) => environmentOf(dist, o.file) === environment).map((o) => ({ file: relative(environment, o.file), object: o.object }));
      const overrides = bootstrapOverrides(own.filter((o) => o.file.startsWith(`bootstrap${sep}`)));
      const result = steadyStateHealth(vm, builtIn.withOverrides(overrides), own);
      console.log(`${environment}: Argo CD health in steady state (${builtIn.builtIn.size} built-in scripts from ${argocd}, ${overrides.length} overrides from ${join(environment, 'bootstrap')}):`);
      for (const line of steadyStateTable(result.results)) console.log(`  ${line}`);
      for (const p of result.problems) console.log(`  FAIL ${join(environment, p.file)}: ${p.message}`);
      problems += result.problems.length;
    }
  } finally {
    vm.close();
  }
  return problems;
}

/** One line per chart Application of every environment (src/validation/chart-checks.ts); returns how many have problems. */
async function printChartChecks(dist: string, charts: string, objects: readonly ManifestObject[], files: readonly string[]): Promise<number> {
  const started = process.hrtime.bigint();
  const environments = [...new Set(files.map((file) => environmentOf(dist, file)))].map((name) => ({
    name,
    objects: objects.filter((o) => environmentOf(dist, o.file) === name).map((o) => o.object as Record<string, any>),
  }));
  const reports = await checkChartApplications(environments, { chartsDir: charts });
  for (const report of reports) console.log(reportLines(report).join('\n'));
  const failed = reports.filter((r) => r.problems.length > 0).length;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(`charts: ${plural(reports.length, 'chart Application')} checked against ${charts}, ${failed} with problems in ${seconds.toFixed(1)}s`);
  return failed;
}

async function main(): Promise<number> {
  const started = process.hrtime.bigint();
  const options = parseArgs(process.argv.slice(2));
  const { files, objects, syntaxErrors } = readManifests(options.dist);
  const findings = [...syntaxErrors, ...new ManifestValidator({ crdDir: options.crds }).validate(objects)];
  if (options.crds !== undefined && options.charts !== undefined) {
    findings.push(...checkEnvironmentsInstallers(options.dist, objects, files, options.crds, options.charts));
  }
  const fileSet = new Set(files);
  printFiles(files, objects, findings, options.verbose);
  printOtherFindings(findings, fileSet, options.crds);
  console.log('');
  printTotals(options.dist, objects, findings.filter((f) => fileSet.has(f.file)), files);
  const insecure = printSecureDefaults(options.dist, objects, files);
  const brokenPaths = printDataPaths(options.dist, objects, files);
  const unhealthy = options.argocd === undefined ? 0 : await printSteadyStateHealth(options.dist, options.argocd, objects, files);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const schemas = describeSchemas(options.crds);
  const verdict = findings.length === 0 ? 'valid' : 'INVALID';
  const counts = `${plural(objects.length, 'object')} in ${plural(files.length, 'file')}, ${plural(findings.length, 'error')}`;
  console.log(`${verdict}: ${counts} (${schemas}) in ${seconds.toFixed(2)}s`);
  if (options.requireSecure && insecure > 0) console.log(`INSECURE: a secure default is off in ${plural(insecure, 'environment')} (--require-secure)`);
  if (brokenPaths > 0) console.log(`BROKEN DATA PATHS in ${plural(brokenPaths, 'environment')} (see docs/data-paths.md)`);
  if (unhealthy > 0) console.log(`UNHEALTHY: ${plural(unhealthy, 'object')} would not be Healthy in steady state (--argocd): later sync waves would wait for ever`);
  const chartFailures = options.charts === undefined ? 0 : await printChartChecks(options.dist, options.charts, objects, files);
  return findings.length === 0 && !(options.requireSecure && insecure > 0) && brokenPaths === 0 && unhealthy === 0 && chartFailures === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error(error instanceof UsageError ? `error: ${message}` : `error: validation could not run: ${message}`);
    process.exitCode = 2;
  },
);
