import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { App } from 'cdk8s';
import { PlatformConfig } from '../../src/config';
import { EnvironmentBuilder } from '../../src/environments';
import { SeldonPlatform } from '../../src/platform';

const EXAMPLES = join(__dirname, '..', '..', 'examples');

/** A compiled example, ready to render: its file and export, and a builder. */
export interface Example {
  readonly name: string;
  readonly build: EnvironmentBuilder;
}

/**
 * Every compiled example under examples/: each exported environment builder (a function of one scope), and for a file
 * that exports no builder, each exported `PlatformConfig` (the Kafka examples). Helper modules (functions of another
 * arity, e.g. `kafkaExample(variant, kafka)`) are skipped.
 */
export function compiledExamples(): Example[] {
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
  return files(EXAMPLES).sort().flatMap((file) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(file) as Record<string, unknown>;
    const name = relative(EXAMPLES, file);
    const builders = Object.entries(mod).filter((entry): entry is [string, EnvironmentBuilder] => typeof entry[1] === 'function' && (entry[1] as Function).length === 1);
    if (builders.length > 0) return builders.map(([key, build]) => ({ name: `${name}:${key}`, build }));
    const configs = Object.entries(mod).filter((entry): entry is [string, PlatformConfig] => isConfig(entry[1]));
    return configs.map(([key, config]) => ({ name: `${name}:${key}`, build: (scope) => new SeldonPlatform(scope, config.name, config) }));
  });
}

function isConfig(value: unknown): value is PlatformConfig {
  return typeof value === 'object' && value !== null && typeof (value as PlatformConfig).name === 'string' && typeof (value as PlatformConfig).platform === 'string';
}

/** The objects of an example's render. */
export function renderExample(example: Example): Array<Record<string, any>> {
  return example.build(new App()).render().map((o) => o.object as Record<string, any>);
}
