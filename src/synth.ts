import { App } from 'cdk8s';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EnvironmentBuilder } from './environments';
import { ConfigError } from './lib/errors';
import { EnvironmentOutput, publish } from './lib/publish';
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

/**
 * Builds and renders every environment in memory, each in an App of its own. Throws on the first invalid environment;
 * nothing is written here.
 */
export function synthesizeEnvironments(builders: readonly EnvironmentBuilder[]): SynthesizedEnvironment[] {
  const result: SynthesizedEnvironment[] = [];
  const names = new Set<string>();
  for (const build of builders) {
    const platform = build(new App());
    const name = platform.config.name;
    if (names.has(name)) {
      throw new ConfigError([{ path: 'name', value: name, problem: 'two environments have this name and would share dist/' + name, fix: 'give each environment its own name' }]);
    }
    names.add(name);
    const objects = platform.render();
    const files = new Map([...objects.map((o): [string, string] => [o.file, toYaml(o.object)]), ...reviewFiles(platform, objects), ...bootstrapFiles(platform.bootstrap, objects, platform.resolved.delivery.path)]);
    result.push({ platform, output: { name, files }, objectCount: objects.length });
  }
  return result;
}

/** What one synth run reports per environment. */
export interface SynthSummary {
  readonly environment: string;
  readonly files: number;
  readonly objects: number;
  readonly modelNamespaces: number;
}

/**
 * Renders every environment in memory, then publishes them into `dist` together. Any failure before the publish step
 * (a ConfigError, a crash in a construct, a broken invariant) leaves `dist` exactly as it was.
 */
export function runSynth(builders: readonly EnvironmentBuilder[], dist: string, staging: string, bundleDir?: string): SynthSummary[] {
  const environments = synthesizeEnvironments(builders);
  publish(environments.map((e) => e.output), dist, staging);
  if (bundleDir) writeBundles(environments, bundleDir);
  return environments.map((e) => ({
    environment: e.output.name,
    files: [...e.output.files.keys()].filter((f) => f.endsWith('.yaml')).length,
    objects: e.objectCount,
    modelNamespaces: e.platform.modelNamespaces.length,
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
