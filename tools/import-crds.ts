/**
 * Regenerates `imports/` from local copies of the pinned upstream CRDs, with no network:
 *
 *   npm run import -- ../shared/crds
 *
 * The folder must hold the files named in `crd-sources.ts` (the layout of `../shared/crds`). The generated modules are
 * committed; never edit them by hand.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CRD_SOURCES } from './crd-sources';

const crdDir = resolve(process.argv[2] ?? '../shared/crds');
const missing = CRD_SOURCES.filter((s) => !existsSync(join(crdDir, s.file)));
if (missing.length > 0) {
  console.error(`error: ${crdDir} lacks ${missing.map((m) => m.file).join(', ')}; pass a CRD folder laid out like ../shared/crds`);
  process.exit(1);
}
const out = '.imports.tmp';
rmSync(out, { recursive: true, force: true });
mkdirSync(out);
for (const s of CRD_SOURCES) {
  execFileSync('npx', ['cdk8s', 'import', '--no-save', '--language', 'typescript', '-o', out, `${s.alias}:=${join(crdDir, s.file)}`], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' },
  });
}
// Replace imports/ only once every module generated.
rmSync('imports', { recursive: true, force: true });
renameSync(out, 'imports');
console.log(`imports/: ${readdirSync('imports').length} modules from ${crdDir}`);
