import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CRD_SOURCES } from '../tools/crd-sources';

describe('imports/', () => {
  test('cdk8s.yaml lists exactly the pinned upstream source of every imported CRD, aliased per kind', () => {
    const config = parse(readFileSync(join(__dirname, '..', 'cdk8s.yaml'), 'utf8'));
    expect(config.imports).toEqual(CRD_SOURCES.map((s) => `${s.alias}:=${s.url}`));
  });

  test('every upstream URL is pinned to a commit', () => {
    for (const s of CRD_SOURCES) expect(s.url).toMatch(/^https:\/\/raw\.githubusercontent\.com\/[^/]+\/[^/]+\/[0-9a-f]{40}\//);
  });

  test('aliases are unique, so no two imports overwrite each other', () => {
    const aliases = CRD_SOURCES.map((s) => s.alias);
    expect(new Set(aliases).size).toBe(aliases.length);
  });

  test('every alias has its generated module in imports/', () => {
    const modules = require('node:fs').readdirSync(join(__dirname, '..', 'imports')) as string[];
    for (const s of CRD_SOURCES) expect(modules.some((m) => m.startsWith(`${s.alias}-`))).toBe(true);
  });
});
