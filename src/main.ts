/**
 * Composition root: for each environment, an App → SeldonPlatform → render; then publish every environment into
 * dist/<environment>/ at once. Run by `cdk8s synth` (see cdk8s.yaml) or directly with `node --import tsx src/main.ts`.
 *
 * The environments are loaded here, inside the error handling, so that a syntax error in an environment file is
 * reported as `file:line:col: message` rather than as a loader stack trace. SELDON_PLATFORM_ENVIRONMENTS names another
 * module exporting `ENVIRONMENTS` (the bad-input catalogue uses it to run many environments in one synth).
 */
import { resolve } from 'node:path';
import { synthCommand } from './cli';
import type { EnvironmentBuilder } from './environments';
import { describeException, describeLoadError } from './lib/user-errors';

const dist = process.env.SELDON_PLATFORM_DIST ?? 'dist';

function loadEnvironments(): readonly EnvironmentBuilder[] | undefined {
  const module = process.env.SELDON_PLATFORM_ENVIRONMENTS ? resolve(process.env.SELDON_PLATFORM_ENVIRONMENTS) : './environments';
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const environments = (require(module) as { ENVIRONMENTS?: readonly EnvironmentBuilder[] }).ENVIRONMENTS;
    if (!Array.isArray(environments)) throw new TypeError(`${module} does not export ENVIRONMENTS (a list of environment builders)`);
    return environments;
  } catch (error) {
    const syntax = describeLoadError(error);
    console.error(syntax ? `error: an environment file does not compile:\n${syntax}` : `error: loading the environments failed: ${describeException(error)}`);
    if (process.env.SELDON_PLATFORM_DEBUG && error instanceof Error) console.error(error.stack);
    console.error(`${dist}/ was left as it was.`);
    return undefined;
  }
}

const environments = loadEnvironments();
process.exitCode = environments
  ? synthCommand(environments, {
      dist,
      staging: process.env.SELDON_PLATFORM_STAGING ?? '.synth-staging',
      bundleDir: process.env.CDK8S_OUTDIR,
      debug: Boolean(process.env.SELDON_PLATFORM_DEBUG),
    })
  : 1;
