/**
 * Where the pinned upstream artifacts live: `../shared` beside the checkout (CI), or `SELDON_SHARED_DIR`.
 * Tests that need them skip with a printed note when the folder is absent, except in CI (`CI=true`, as `.ci/run`
 * sets), which never skips: there a missing folder fails the test.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const SHARED_DIR = process.env.SELDON_SHARED_DIR ?? resolve(__dirname, '../../../shared');

/** The folder `<shared>/<name>`, or undefined (with a printed note naming the tests skipped) when it is absent. */
export function sharedFolder(name: string, what: string): string | undefined {
  const dir = join(SHARED_DIR, name);
  if (existsSync(dir)) return dir;
  if (process.env.CI === 'true') throw new Error(`${dir} is absent, and CI never skips ${what}: put ../shared beside the checkout or set SELDON_SHARED_DIR`);
  // eslint-disable-next-line no-console
  console.log(`note: ${dir} is absent: skipping ${what} (CI runs them with ../shared beside the checkout)`);
  return undefined;
}
