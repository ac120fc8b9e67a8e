/**
 * `npm run e2e`: every reference environment (`dist/<env>/`) and every compiled example (rendered in memory, as the
 * tests do), applied to a real kube-apiserver + etcd as Argo CD syncs the root Application (tools/e2e-sync.ts), then
 * re-applied (nothing may change), then synced without one model namespace (Argo CD's prune).
 *
 *   npm run e2e                                   # binaries from tools/build-k8s-binaries.sh (built if missing)
 *   npm run e2e -- --crds DIR --charts DIR        # default ../shared/crds and ../shared/charts
 *   npm run e2e -- --only kubernetes              # environments whose label contains the text
 *
 * Each environment gets an empty cluster (a fresh API server on a new etcd key prefix). Exit status: 0 when every
 * object of every environment is accepted, re-applies without change and the prune leaves nothing behind; 1 otherwise;
 * 2 when it cannot run (missing folders, binaries that do not build).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { App } from 'cdk8s';
import { PlatformConfig } from '../src/config';
import { EnvironmentBuilder, ENVIRONMENTS } from '../src/environments';
import { SeldonPlatform } from '../src/platform';
import { synthesizeEnvironments } from '../src/synth';
import { InstallerFinder, platformOf } from '../src/validation/installer-crds';
import { listYamlFiles, parseYamlDocuments, readYamlFile } from '../src/validation/yaml-files';
import { Cluster, startCluster } from './e2e-cluster';
import { ApiClient } from './e2e-client';
import { EnvironmentSync, KubeObject, keyOf, pruneTo, Rejection } from './e2e-sync';

const ROOT = resolve(__dirname, '..');

/** Examples left out, each with the reason printed in the run. */
const SKIPPED: Readonly<Record<string, string>> = {
  'examples/meta-operator.ts':
    'the Meta-Operator and the Seldon Core it installs come from a vendored manifest in another repository (Application ' +
    'seldon-meta-operator, a path, no chart); ../shared/crds has no copy of their CRDs (SeldonOperator operator.seldon.io)',
};
const TIMEOUT_MS = 25 * 60_000;

interface Options {
  readonly crds: string;
  readonly charts: string;
  readonly only?: string;
}

/** One environment to test: its objects and how to render it without a model namespace. */
interface Environment {
  readonly label: string;
  readonly objects: KubeObject[];
  /** The file of each object, relative to the environment's folder (same order as `objects`). */
  readonly files: string[];
  readonly builder: EnvironmentBuilder;
  /** Create every CRD the installers provide (reference environments), or only those of kinds it uses (examples). */
  readonly allCrds: boolean;
}

class UsageError extends Error {}

function parseArgs(args: readonly string[]): Options {
  let crds = resolve(ROOT, '../shared/crds');
  let charts = resolve(ROOT, '../shared/charts');
  let only: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const value = () => {
      const v = args[++i];
      if (v === undefined) throw new UsageError(`${args[i - 1]} needs a value`);
      return v;
    };
    if (args[i] === '--crds') crds = value();
    else if (args[i] === '--charts') charts = value();
    else if (args[i] === '--only') only = value();
    else throw new UsageError(`unknown argument "${args[i]}"; usage: npm run e2e -- [--crds DIR] [--charts DIR] [--only TEXT]`);
  }
  for (const [flag, dir] of [['--crds', crds], ['--charts', charts]] as const) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`${flag} folder "${dir}" does not exist; pass ${flag} (the upstream copies, ../shared in CI)`);
  }
  return { crds, charts, only };
}

interface Rendered {
  readonly objects: KubeObject[];
  readonly files: string[];
  readonly platform: SeldonPlatform;
}

/**
 * A glob of Argo CD's directory `include`/`exclude`, matched against the file's path relative to the root's folder
 * (argo-cd reposerver/repository/repository.go findManifests: `glob.Match(directory.Exclude, relPath)`, gobwas/glob
 * without separators, so `*` matches across `/`; `{a,b}` are alternatives).
 */
function globRegExp(glob: string): RegExp {
  let re = '';
  for (const ch of glob) {
    if (ch === '*') re += '.*';
    else if (ch === '?') re += '.';
    else if (ch === '{') re += '(?:';
    else if (ch === '}') re += ')';
    else if (ch === ',') re += '|';
    else re += ch.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/**
 * Keeps what the root Applications (the directory Applications in `delivery/`) sync: a file is applied when one of them
 * includes it and does not exclude it (bootstrap/ is applied by hand before Argo CD runs). An environment that
 * targets another cluster has two roots (Argo CD's objects in the Argo CD cluster, the rest in the target); here one
 * API server plays both clusters, and their waves are merged. Files and objects stay paired.
 */
function syncedByRoot(objects: KubeObject[], files: string[]): { objects: KubeObject[]; files: string[] } {
  const roots = objects.filter((o, i) => files[i].startsWith('delivery/') && o.kind === 'Application' && o.spec?.source?.directory);
  if (roots.length === 0) return { objects, files };
  const rules = roots.map((root) => {
    const directory = root.spec.source.directory;
    return { include: directory.include ? globRegExp(String(directory.include)) : undefined, exclude: directory.exclude ? globRegExp(String(directory.exclude)) : undefined };
  });
  const keep = files.map((file) => rules.some((r) => (!r.include || r.include.test(file)) && !(r.exclude && r.exclude.test(file))));
  return { objects: objects.filter((_, i) => keep[i]), files: files.filter((_, i) => keep[i]) };
}

/** An environment synthesized in memory: the YAML files dist/ would get that the root Application syncs, parsed back. */
function render(builder: EnvironmentBuilder): Rendered {
  const [env] = synthesizeEnvironments([builder]);
  const objects: KubeObject[] = [];
  const files: string[] = [];
  for (const [file, text] of env.output.files) {
    if (!file.endsWith('.yaml')) continue;
    for (const document of parseYamlDocuments(text).documents) {
      objects.push(document as KubeObject);
      files.push(file);
    }
  }
  return { ...syncedByRoot(objects, files), platform: env.platform };
}

/**
 * The render with the call `addModelNamespace(name)` removed, as a reviewer would delete it: that namespace is added to
 * a detached platform instead, so whatever the builder puts into it renders nowhere and no registry lists it.
 */
function renderWithout(builder: EnvironmentBuilder, name: string): KubeObject[] {
  const original = SeldonPlatform.prototype.addModelNamespace;
  SeldonPlatform.prototype.addModelNamespace = function (this: SeldonPlatform, ns, options) {
    if (ns !== name) return original.call(this, ns, options);
    return original.call(new SeldonPlatform(new App(), this.config.name, this.config), ns, options);
  };
  try {
    return render(builder).objects;
  } finally {
    SeldonPlatform.prototype.addModelNamespace = original;
  }
}

/** Every `.ts` under examples/, recursively. */
function exampleFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? exampleFiles(path) : e.name.endsWith('.ts') ? [path] : [];
  });
}

function isConfig(value: unknown): value is PlatformConfig {
  return typeof value === 'object' && value !== null && typeof (value as PlatformConfig).name === 'string' && typeof (value as PlatformConfig).platform === 'string';
}

/**
 * The environments of the compiled examples: each exported builder; a module that exports only configs (the Kafka
 * examples) gives one environment per config, with one model namespace `models` so that there is something to prune
 * (planning one model and one pipeline: the Event Hub example's topic quota admits no more).
 */
function exampleEnvironments(): Environment[] {
  const environments: Environment[] = [];
  for (const file of exampleFiles(join(ROOT, 'examples')).sort()) {
    if (SKIPPED[relative(ROOT, file)] !== undefined) continue;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(file) as Record<string, unknown>;
    const where = relative(ROOT, file);
    const builders: Array<[string, EnvironmentBuilder]> = [];
    for (const [name, value] of Object.entries(mod)) {
      if (typeof value !== 'function' || value.length !== 1) continue;
      let platform: unknown;
      try {
        platform = (value as EnvironmentBuilder)(new App());
      } catch {
        continue; // not a builder (e.g. a config factory)
      }
      if (platform instanceof SeldonPlatform) builders.push([name, value as EnvironmentBuilder]);
    }
    if (builders.length === 0) {
      for (const [name, value] of Object.entries(mod)) {
        if (!isConfig(value)) continue;
        builders.push([name, (scope) => {
          const platform = new SeldonPlatform(scope, value.name, value);
          platform.addModelNamespace('models', { plannedModels: 1, plannedPipelines: 1 });
          return platform;
        }]);
      }
    }
    for (const [name, builder] of builders) {
      const label = `${where}#${name}`;
      const { objects, files } = render(builder);
      environments.push({ label, objects, files, builder, allCrds: false });
    }
  }
  return environments;
}

/** The reference environments, from the committed dist/<env>/ (what Argo CD applies). */
function referenceEnvironments(): Environment[] {
  return ENVIRONMENTS.map((builder) => {
    const { objects: rendered, platform } = render(builder);
    const dir = join(ROOT, 'dist', platform.config.name);
    const files = existsSync(dir) ? listYamlFiles(dir) : [];
    const read = files.map((f) => ({ file: relative(dir, f), documents: readYamlFile(f).documents as KubeObject[] }));
    const synced = syncedByRoot(read.flatMap((r) => r.documents), read.flatMap((r) => r.documents.map(() => r.file)));
    const objects = synced.objects;
    const keys = (list: readonly KubeObject[]) => list.map(keyOf).sort().join('\n');
    const stale = keys(objects) !== keys(rendered);
    if (files.length === 0 || stale) throw new UsageError(`dist/${platform.config.name} is missing or stale: run "npm run synth" first`);
    return { label: `dist/${platform.config.name}`, objects, files: synced.files, builder, allCrds: true };
  });
}

/** The model namespace to prune: the one with the most objects (ties: the first by name). */
function namespaceToPrune(builder: EnvironmentBuilder, objects: readonly KubeObject[]): string | undefined {
  const names = render(builder).platform.modelNamespaces.map((m) => m.name);
  const count = (ns: string) => objects.filter((o) => o.metadata?.namespace === ns || (o.kind === 'Namespace' && o.metadata?.name === ns)).length;
  return [...names].sort((a, b) => count(b) - count(a) || a.localeCompare(b))[0];
}

function binaries(): { kubeApiserver: string; etcd: string } {
  const out = execFileSync('bash', [join(ROOT, 'tools/build-k8s-binaries.sh'), '--print-paths'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const match = /KUBE_APISERVER=(\S+) ETCD=(\S+)/.exec(out);
  if (!match) throw new UsageError(`tools/build-k8s-binaries.sh printed no binary paths:\n${out}`);
  return { kubeApiserver: match[1], etcd: match[2] };
}

function printRejections(title: string, rejections: readonly Rejection[]): void {
  if (rejections.length === 0) return;
  console.log(`   ${title}:`);
  for (const r of rejections) console.log(`     wave ${r.wave} ${r.object}: ${r.message}`);
}

/**
 * Proves on the first cluster that the two checks the run relies on are live: strict field validation rejects an
 * unknown field, and NamespaceLifecycle rejects an object in a namespace that does not exist. Creates nothing.
 */
async function selfCheck(client: ApiClient): Promise<void> {
  const unknownField = await client.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'e2e-self-check', namespace: 'default' }, spec: {} }, 'e2e-self-check');
  const missingNamespace = await client.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'e2e-self-check', namespace: 'e2e-no-such-namespace' } }, 'e2e-self-check');
  if (unknownField.ok || missingNamespace.ok) {
    throw new Error(`self-check failed: the API server accepted ${unknownField.ok ? 'an unknown field' : 'an object in a missing namespace'}`);
  }
  console.log(`self-check: rejected as expected: "${unknownField.message}"; "${missingNamespace.message}"`);
}

/** Runs one environment on a fresh cluster; returns whether it passed. */
async function runEnvironment(client: ApiClient, finder: InstallerFinder, env: Environment): Promise<{ passed: boolean; applied: number; pruned: number }> {
  const started = Date.now();
  const platform = platformOf(env.objects);
  const sync = new EnvironmentSync(client, finder, env.objects, platform, env.allCrds);
  const report = await sync.sync();
  const synced = Date.now();
  const reapply = await sync.reapply();
  const reapplied = Date.now();
  const waves = report.waves;
  console.log(`== ${env.label} (${platform}): ${env.objects.length} objects in ${waves.length} waves (${waves[0]}..${waves[waves.length - 1]})`);
  console.log(`   applied ${report.applied}, CRDs installed ${report.crdsInstalled} of ${sync.crdsProvided} provided${env.allCrds ? '' : ' (those of kinds it uses)'}, namespaces created by installers ${report.installerNamespaces}, ` +
    `applied after Argo CD's retry ${report.afterRetry.length}, rejected ${report.rejected.length}`);
  for (const problem of sync.planProblems) console.log(`   installer problem: ${problem}`);
  printRejections('rejected', report.rejected);
  if (report.afterRetry.length) console.log(`   applied after retry: ${report.afterRetry.join(', ')}`);
  console.log(`   re-apply: ${reapply.changed.length} changed, ${reapply.rejected.length} rejected`);
  for (const c of reapply.changed) console.log(`     changed: ${c}`);
  printRejections('rejected on re-apply', reapply.rejected);

  let prunedCount = 0;
  let pruneProblems = 0;
  const namespace = namespaceToPrune(env.builder, env.objects);
  if (namespace === undefined) {
    console.log('   prune: skipped (no model namespace)');
  } else {
    const after = renderWithout(env.builder, namespace);
    const own = new Set(env.objects.filter((_, i) => env.files[i].startsWith(`model-namespaces/${namespace}/`)).map(keyOf));
    const prune = await pruneTo(client, sync, env.objects, after, namespace, own);
    prunedCount = prune.pruned.length;
    pruneProblems = prune.problems.length;
    console.log(`   prune without ${namespace}: ${prune.pruned.length} deleted (reverse wave order), ${prune.updated.length} updated ` +
      `(${prune.updated.join(', ') || 'none'}), ${prune.problems.length} problems`);
    for (const p of prune.problems) console.log(`     ${p}`);
  }
  const passed = sync.planProblems.length === 0 && report.rejected.length === 0 && reapply.changed.length === 0 && reapply.rejected.length === 0 && pruneProblems === 0;
  const seconds = (from: number, to: number) => ((to - from) / 1000).toFixed(1);
  console.log(`   ${passed ? 'PASS' : 'FAIL'} in ${seconds(started, Date.now())}s (sync ${seconds(started, synced)}s, of which installers ` +
    `${(report.installerMs / 1000).toFixed(1)}s; re-apply ${seconds(synced, reapplied)}s; prune ${seconds(reapplied, Date.now())}s)`);
  return { passed, applied: report.applied, pruned: prunedCount };
}

async function main(): Promise<number> {
  const started = Date.now();
  const options = parseArgs(process.argv.slice(2));
  const environments = [...referenceEnvironments(), ...exampleEnvironments()].filter((e) => !options.only || e.label.includes(options.only));
  if (environments.length === 0) throw new UsageError(`no environment matches --only ${options.only}`);
  const bins = binaries();
  const finder = new InstallerFinder(options.crds, options.charts);
  let cluster: Cluster | undefined;
  const timer = setTimeout(() => {
    console.error(`e2e: timed out after ${TIMEOUT_MS / 60_000} minutes`);
    void (cluster?.stop() ?? Promise.resolve()).finally(() => process.exit(1));
  }, TIMEOUT_MS);
  let passed = 0;
  let applied = 0;
  let pruned = 0;
  try {
    cluster = await startCluster(bins, (line) => console.log(`   (${line})`));
    const started = cluster;
    let client = cluster.client;
    await selfCheck(client);
    // The next environment's empty cluster boots while the current one runs.
    let next = environments.length > 1 ? cluster.fresh(environments[1].label) : undefined;
    next?.catch(() => undefined); // awaited below; avoid an unhandled rejection meanwhile
    for (const [i, env] of environments.entries()) {
      if (i > 0) {
        await started.release(client);
        client = await (next as Promise<ApiClient>);
        next = i + 1 < environments.length ? started.fresh(environments[i + 1].label) : undefined;
        next?.catch(() => undefined);
      }
      const result = await runEnvironment(client, finder, env);
      if (result.passed) passed++;
      applied += result.applied;
      pruned += result.pruned;
    }
  } finally {
    clearTimeout(timer);
    await cluster?.stop();
  }
  const failed = environments.length - passed;
  for (const [file, reason] of Object.entries(SKIPPED)) console.log(`skipped ${file}: ${reason}`);
  console.log(`\ne2e: ${environments.length} environments, ${applied} objects applied, ${pruned} pruned, in ${((Date.now() - started) / 1000).toFixed(0)}s`);
  console.log(`${passed} passed, ${failed} failed, ${Object.keys(SKIPPED).length} skipped`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof UsageError ? `error: ${error.message}` : `error: e2e could not run: ${error instanceof Error ? error.stack : String(error)}`);
    process.exit(2);
  },
);
