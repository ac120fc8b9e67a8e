import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Everything one environment writes: YAML objects plus extra files (overview, verify script). */
export interface EnvironmentOutput {
  readonly name: string;
  /** Relative path → file content. */
  readonly files: ReadonlyMap<string, string>;
}

/**
 * Writes every environment into a staging folder, then swaps each into `<distRoot>/<environment>` by rename. Nothing in
 * `distRoot` changes until every environment has been written in full, so a failed or interrupted synth leaves the
 * committed render as it was. Environment folders no longer produced are removed (dist/ holds only generated files).
 */
export function publish(outputs: readonly EnvironmentOutput[], distRoot: string, stagingRoot: string): void {
  rmSync(stagingRoot, { recursive: true, force: true });
  for (const env of outputs) {
    for (const [file, content] of env.files) {
      const path = join(stagingRoot, 'new', env.name, file);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content, { mode: file.endsWith('.sh') ? 0o755 : 0o644 });
    }
  }
  mkdirSync(distRoot, { recursive: true });
  mkdirSync(join(stagingRoot, 'old'), { recursive: true });
  const produced = new Set(outputs.map((o) => o.name));
  for (const env of outputs) {
    const target = join(distRoot, env.name);
    if (existsSync(target)) renameSync(target, join(stagingRoot, 'old', env.name));
    renameSync(join(stagingRoot, 'new', env.name), target);
  }
  for (const entry of readdirSync(distRoot, { withFileTypes: true })) {
    if (entry.isDirectory() && !produced.has(entry.name)) renameSync(join(distRoot, entry.name), join(stagingRoot, 'old', entry.name));
  }
  rmSync(stagingRoot, { recursive: true, force: true });
}
