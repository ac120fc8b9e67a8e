/**
 * `npm run schema`: generates the JSON Schemas of everything a user types in an environment file from the TypeScript
 * types (the single source of truth, with their JSDoc) and writes them to schema/. `npm run schema -- --check` only
 * compares and exits 1 when a committed schema is stale (the test in test/lib/config-schema.test.ts does the same).
 *
 * The synth checks every environment against these files (src/lib/config-schema.ts): unknown keys at any depth, wrong
 * types, `null` where an object is expected. Editors use them for completion (see README, "Editor support").
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { generateSchemas, SCHEMA_DIR } from './schema-generate';

const root = join(__dirname, '..');
const check = process.argv.includes('--check');
const started = Date.now();
const schemas = generateSchemas(root);
let stale = 0;
for (const [file, schema] of schemas) {
  const path = join(root, SCHEMA_DIR, file);
  const text = `${JSON.stringify(schema, null, 2)}\n`;
  const current = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  if (current === text) continue;
  if (check) {
    console.error(`stale: ${relative(root, path)} differs from the TypeScript types; run "npm run schema" and commit it`);
    stale++;
  } else {
    mkdirSync(join(root, SCHEMA_DIR), { recursive: true });
    writeFileSync(path, text);
    console.log(`wrote ${relative(root, path)}`);
  }
}
console.log(`${schemas.size} schemas ${check ? 'checked' : 'generated'} in ${((Date.now() - started) / 1000).toFixed(1)} s${stale ? `, ${stale} stale` : ''}`);
process.exitCode = stale > 0 ? 1 : 0;
