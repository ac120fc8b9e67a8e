import { App } from 'cdk8s';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathProblems, proveDataPaths } from './datapaths';
import { EnvironmentBuilder } from './environments';
import { collectProblems, ConfigError, formatIssue, named } from './lib/errors';
import { describeException } from './lib/user-errors';
import { EnvironmentOutput, publish } from './lib/publish';
import { DroppedObject } from './lib/prune-warnings';
import { toYaml } from './lib/render';
import { bootstrapFiles } from './concerns/bootstrap';
import { SeldonPlatform } from './platform';
import { reviewFiles } from './review';

/** One environment, rendered in memory. */
export interface SynthesizedEnvironment {
  readonly platform: SeldonPlatform;
  readonly output: EnvironmentOutput;
  readonly objectCount: number;
}

/** Everything wrong with one environment: its configuration errors and, if building it threw, the exception. */
export interface EnvironmentProblems {
  readonly environment: string;
  readonly errors: readonly ConfigError[];
  /** An exception in the environment's code (or a construct), described in one line with the call that made it. */
  readonly exception?: string;
}

/** Thrown when any environment has a problem: every problem of every environment, grouped by environment. */
export class SynthError extends Error {
  constructor(public readonly environments: readonly EnvironmentProblems[]) {
    super(environments.map(describeEnvironmentProblems).join('\n'));
    this.name = 'SynthError';
  }

  /** How many problems in all. */
  public get count(): number {
    return this.environments.reduce((n, e) => n + e.errors.reduce((m, err) => m + err.issues.length, 0) + (e.exception ? 1 : 0), 0);
  }

  /** Every issue of every environment (for tests). */
  public get issues(): ConfigError['issues'] {
    return this.environments.flatMap((e) => e.errors.flatMap((err) => err.issues));
  }
}

/**
 * One environment's problems as `environment "x": …` text: a single problem on one line, several as an indented list.
 * Issues of a construct (a SeldonDeployment) carry its name before the path.
 */
export function describeEnvironmentProblems(e: EnvironmentProblems): string {
  const own = named('environment', e.environment);
  const lines = e.errors.flatMap((error) => error.issues.map((issue) => `${error.context && error.context !== own ? `${error.context}: ` : ''}${formatIssue(issue)}`));
  if (e.exception) lines.push(`exception: ${e.exception}`);
  return lines.length === 1 ? `${own}: ${lines[0]}` : `${own}: ${lines.length} problems:\n${lines.map((l) => `  - ${l}`).join('\n')}`;
}

/**
 * Builds and renders every environment in memory, each in an App of its own. Problems are collected, not thrown one
 * by one: every environment is built (its config, its model namespaces and its constructs are all checked) and, if
 * any has a problem, a SynthError lists them all. Nothing is written here.
 */
export function synthesizeEnvironments(builders: readonly EnvironmentBuilder[]): SynthesizedEnvironment[] {
  const result: SynthesizedEnvironment[] = [];
  const problems: EnvironmentProblems[] = [];
  const names = new Set<string>();
  builders.forEach((build, index) => {
    const app = new App();
    const collector = collectProblems(app);
    const errors = collector.errors;
    let platform: SeldonPlatform | undefined;
    let exception: string | undefined;
    try {
      platform = build(app);
      if (!(platform instanceof SeldonPlatform)) throw new TypeError(`the environment builder ${build.name || `#${index + 1}`} returned ${String(platform)}, not the SeldonPlatform it created`);
    } catch (error) {
      if (error instanceof ConfigError) errors.push(error);
      else exception = describeException(error);
      platform = undefined;
    }
    const name = collector.environment ?? (build.name || `#${index + 1}`);
    if (names.has(name)) {
      errors.push(new ConfigError([{ path: 'name', value: name, problem: 'two environments have this name and would share dist/' + name, fix: 'give each environment its own name' }]));
    }
    names.add(name);
    if (platform && errors.length === 0 && !exception) {
      try {
        const objects = platform.render();
        checkDataPaths(name, objects.map((o) => o.object));
        const files = new Map([...objects.map((o): [string, string] => [o.file, toYaml(o.object)]), ...reviewFiles(platform, objects), ...(platform.bootstrap ? bootstrapFiles(platform.bootstrap, objects, platform.resolved.delivery.path) : [])]);
        result.push({ platform, output: { name, files }, objectCount: objects.length });
      } catch (error) {
        if (error instanceof ConfigError) errors.push(error);
        else exception = describeException(error);
      }
    }
    if (errors.length > 0 || exception) problems.push({ environment: name, errors: [...errors], ...(exception ? { exception } : {}) });
  });
  if (problems.length > 0) throw new SynthError(problems);
  return result;
}

/**
 * Whole-render invariant: every data path of the environment works and every forbidden one is denied
 * (src/datapaths, docs/data-paths.md). Throws a ConfigError listing every failing path.
 */
export function checkDataPaths(environment: string, objects: Parameters<typeof proveDataPaths>[0]): void {
  const problems = pathProblems(proveDataPaths(objects));
  if (problems.length === 0) return;
  throw new ConfigError(
    problems.map((problem) => ({ path: 'data paths', value: environment, problem, fix: 'see docs/data-paths.md; `npm run validate` prints the whole path table' })),
    `environment ${JSON.stringify(environment)}`,
  );
}

/** What one synth run reports per environment. */
export interface SynthSummary {
  readonly environment: string;
  readonly files: number;
  readonly objects: number;
  readonly modelNamespaces: number;
  /** The objects the new render drops compared with the previous `dist/<environment>` (Argo CD prunes them). */
  readonly dropped: readonly DroppedObject[];
}

/**
 * Renders every environment in memory, then publishes them into `dist` together. Any failure before the publish step
 * (a ConfigError, a crash in a construct, a broken invariant) leaves `dist` exactly as it was.
 */
export function runSynth(builders: readonly EnvironmentBuilder[], dist: string, staging: string, bundleDir?: string): SynthSummary[] {
  const environments = synthesizeEnvironments(builders);
  const published = new Map(publish(environments.map((e) => e.output), dist, staging).map((r) => [r.environment, r]));
  if (bundleDir) writeBundles(environments, bundleDir);
  return environments.map((e) => ({
    environment: e.output.name,
    files: [...e.output.files.keys()].filter((f) => f.endsWith('.yaml')).length,
    objects: e.objectCount,
    modelNamespaces: e.platform.modelNamespaces.length,
    dropped: published.get(e.output.name)?.dropped ?? [],
  }));
}

/** Writes each environment's objects as one multi-document YAML file, in file order. */
function writeBundles(environments: readonly SynthesizedEnvironment[], dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const e of environments) {
    const docs = [...e.output.files.entries()].filter(([file]) => file.endsWith('.yaml')).map(([, text]) => text);
    writeFileSync(join(dir, `${e.output.name}.k8s.yaml`), docs.join('---\n'));
  }
}
