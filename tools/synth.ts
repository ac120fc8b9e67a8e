/**
 * `npm run synth`: runs `cdk8s synth` (which lists the files it sees), then prints the app's one-line summary per
 * environment. When the app fails, its own `error:` lines already say what is wrong and how to fix it; the cdk8s CLI
 * then adds a stack trace of its child-process wrapper, which says nothing to a user, so it is dropped here.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = join(__dirname, '..');
const result = spawnSync(join(root, 'node_modules', '.bin', 'cdk8s'), ['synth', ...process.argv.slice(2)], {
  cwd: root,
  encoding: 'utf8',
  env: { CDK8S_CHECK_UPGRADE: 'false', ...process.env },
});
process.stdout.write(result.stdout ?? '');

/** Removes the CLI's `Error: command "…" returned a non-zero exit code` line and the stack lines under it. */
function withoutCliTrace(stderr: string): string {
  const out: string[] = [];
  let skipping = false;
  for (const line of stderr.split('\n')) {
    if (/^Error: command ".*" at .* returned a non-zero exit code \d+$/.test(line)) skipping = true;
    else if (skipping && /^\s+at /.test(line)) continue;
    else skipping = false;
    if (!skipping && !/^npm warn Unknown user config/.test(line)) out.push(line);
  }
  return out.join('\n');
}

process.stderr.write(withoutCliTrace(result.stderr ?? ''));
/** The CLI's output folder (`-o`/`--output`, default `output` of cdk8s.yaml): the app writes its summary there. */
function outputDir(args: readonly string[]): string {
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].split(/=(.*)/s, 2);
    if (flag === '-o' || flag === '--output') return resolve(root, inline ?? args[i + 1] ?? '.cdk8s.out');
  }
  return join(root, '.cdk8s.out');
}
const summary = join(outputDir(process.argv.slice(2)), 'synth-summary.txt');
if (result.status === 0 && existsSync(summary)) process.stdout.write(readFileSync(summary, 'utf8'));
process.exitCode = result.status ?? 1;
