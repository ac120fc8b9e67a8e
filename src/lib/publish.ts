import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { DroppedObject, droppedObjectOf } from './prune-warnings';

/** Everything one environment writes: YAML objects plus extra files (overview, verify script). */
export interface EnvironmentOutput {
  readonly name: string;
  /** Relative path → file content. */
  readonly files: ReadonlyMap<string, string>;
}

/** What publishing did to each environment folder. */
export interface PublishResult {
  readonly environment: string;
  /** Files written because they are new or changed. */
  readonly written: number;
  /** Files carried over unchanged (hard links to the previous render). */
  readonly kept: number;
  /** Files of the previous render that are gone. */
  readonly removed: number;
  /** The objects of the previous render's removed YAML files: what Argo CD will prune. */
  readonly dropped: readonly DroppedObject[];
}

/**
 * Publishes every environment into `<distRoot>/<environment>`.
 *
 * Each changed environment is assembled in full in a staging folder, then swapped in by rename; nothing in `distRoot`
 * changes until every environment has been staged, so a failed or interrupted synth leaves the committed render as it
 * was. Unchanged files are hard-linked from the previous render instead of being written again, and an environment
 * whose render did not change at all is not touched (creating files is the slow part of a synth). Environment folders
 * no longer produced are removed: dist/ holds only generated files.
 */
export function publish(outputs: readonly EnvironmentOutput[], distRoot: string, stagingRoot: string): PublishResult[] {
  rmSync(stagingRoot, { recursive: true, force: true });
  const results: PublishResult[] = [];
  const changed: string[] = [];
  for (const env of outputs) {
    const target = join(distRoot, env.name);
    const previous = existsSync(target) ? listFiles(target) : new Set<string>();
    const unchanged = [...env.files].filter(([file, content]) => previous.has(file) && readFileSync(join(target, file), 'utf8') === content).map(([f]) => f);
    const removedFiles = [...previous].filter((f) => !env.files.has(f)).sort();
    const removed = removedFiles.length;
    const dropped = removedFiles
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => droppedObjectOf(f, readFileSync(join(target, f), 'utf8')))
      .filter((o): o is DroppedObject => o !== undefined);
    results.push({ environment: env.name, written: env.files.size - unchanged.length, kept: unchanged.length, removed, dropped });
    if (unchanged.length === env.files.size && removed === 0) continue;
    const keep = new Set(unchanged);
    for (const [file, content] of env.files) {
      const path = join(stagingRoot, 'new', env.name, file);
      mkdirSync(dirname(path), { recursive: true });
      if (keep.has(file)) linkSync(join(target, file), path);
      else writeFileSync(path, content, { mode: file.endsWith('.sh') ? 0o755 : 0o644 });
    }
    changed.push(env.name);
  }
  mkdirSync(distRoot, { recursive: true });
  mkdirSync(join(stagingRoot, 'old'), { recursive: true });
  for (const name of changed) {
    const target = join(distRoot, name);
    if (existsSync(target)) renameSync(target, join(stagingRoot, 'old', name));
    renameSync(join(stagingRoot, 'new', name), target);
  }
  const produced = new Set(outputs.map((o) => o.name));
  for (const entry of readdirSync(distRoot, { withFileTypes: true })) {
    if (entry.isDirectory() && !produced.has(entry.name)) renameSync(join(distRoot, entry.name), join(stagingRoot, 'old', entry.name));
  }
  rmSync(stagingRoot, { recursive: true, force: true });
  return results;
}

/** Every file below a folder, as paths relative to it. */
function listFiles(root: string): Set<string> {
  const files = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.add(relative(root, path));
    }
  };
  walk(root);
  return files;
}
