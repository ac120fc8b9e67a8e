import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { synthesizeEnvironments } from '../src/synth';
import { EnvironmentBuilder } from '../src/environments';

/**
 * Every TypeScript sample in the README and docs/ is a file under examples/docs/, type-checked by `tsc --noEmit` (part
 * of `npm test`) and run here. In Markdown, a sample is a ```ts block preceded by `<!-- example: examples/docs/x.ts -->`;
 * this test fails when the block and the file differ, so the docs cannot drift from code that compiles.
 */
const root = join(__dirname, '..');
const markdown = ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const SAMPLE = /<!-- example: (\S+) -->\n```ts\n([\s\S]*?)```/g;

const samples = markdown.flatMap((doc) => [...readFileSync(join(root, doc), 'utf8').matchAll(SAMPLE)].map((m) => ({ doc, file: m[1], code: m[2] })));

test('the docs carry samples', () => {
  expect(samples.length).toBeGreaterThan(0);
});

test.each(samples.map((s) => [s.doc, s.file, s] as const))('%s: the sample equals %s', (_doc, file, sample) => {
  expect(sample.code).toBe(readFileSync(join(root, file), 'utf8'));
});

test('no ts code block in the docs is left unchecked', () => {
  for (const doc of markdown) {
    const text = readFileSync(join(root, doc), 'utf8');
    const blocks = (text.match(/```ts\n/g) ?? []).length;
    const checked = [...text.matchAll(SAMPLE)].length;
    expect([doc, blocks]).toEqual([doc, checked]);
  }
});

test.each(readdirSync(join(root, 'examples', 'docs')).filter((f) => f.endsWith('.ts')))('examples/docs/%s renders', (file) => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(join(root, 'examples', 'docs', file)) as Record<string, unknown>;
  const builders = Object.values(mod).filter((v): v is EnvironmentBuilder => typeof v === 'function');
  expect(builders.length).toBeGreaterThan(0);
  for (const env of synthesizeEnvironments(builders)) expect(env.objectCount).toBeGreaterThan(0);
});
