import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EnvironmentBuilder } from './environments';
import { ConfigError } from './lib/errors';
import { pruneWarnings } from './lib/prune-warnings';
import { runSynth, SynthError } from './synth';

/** Where output goes; `print` and `printError` default to the console. */
export interface CliOptions {
  readonly dist: string;
  readonly staging: string;
  readonly print?: (line: string) => void;
  readonly printError?: (line: string) => void;
  /**
   * Also write each environment as one multi-document file `<bundleDir>/<environment>.k8s.yaml` (the cdk8s CLI's
   * output folder: it lists these files, and `kubectl diff -f` can read them).
   */
  readonly bundleDir?: string;
  /** Print stack traces of unexpected errors (SELDON_PLATFORM_DEBUG=1). */
  readonly debug?: boolean;
}

/**
 * The synth command: renders and publishes every environment, prints a summary line per environment, and turns any
 * failure into one clear `error:` message (no stack trace unless debugging). Returns the process exit code.
 */
export function synthCommand(builders: readonly EnvironmentBuilder[], options: CliOptions): number {
  const print = options.print ?? console.log;
  const printError = options.printError ?? console.error;
  const started = process.hrtime.bigint();
  try {
    const summaries = runSynth(builders, options.dist, options.staging, options.bundleDir);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const lines = [
      ...summaries.map((s) => `${options.dist}/${s.environment}: ${s.files} files, ${s.objects} objects, ${s.modelNamespaces} model namespaces`),
      // Deletions first-hand, before Argo CD prunes them: every namespace the new render drops objects from.
      ...summaries.flatMap((s) => pruneWarnings(`${options.dist}/${s.environment}`, s.dropped)),
      `rendered ${summaries.length} environment(s) in ${ms.toFixed(0)} ms`,
    ];
    lines.forEach((line) => print(line));
    if (options.bundleDir) writeFileSync(join(options.bundleDir, 'synth-summary.txt'), `${lines.join('\n')}\n`);
    return 0;
  } catch (error) {
    if (error instanceof SynthError) {
      for (const line of error.message.split('\n')) printError(line.startsWith('  ') ? line : `error: ${line}`);
      const n = error.count;
      printError(`${n} problem${n === 1 ? '' : 's'} in ${error.environments.length} of ${builders.length} environment${builders.length === 1 ? '' : 's'}; nothing was written.`);
    } else if (error instanceof ConfigError) printError(`error: ${error.message}`);
    else {
      printError(`error: synth failed: ${error instanceof Error ? error.message : String(error)}`);
      if (options.debug && error instanceof Error && error.stack) printError(error.stack);
    }
    printError(`${options.dist}/ was left as it was.`);
    return 1;
  }
}
