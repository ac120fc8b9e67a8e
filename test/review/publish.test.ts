import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SeldonPlatform } from '../../src/platform';
import { OVERVIEW_FILE } from '../../src/review/overview';
import { VERIFY_FILE } from '../../src/review/verify-script';
import { runSynth } from '../../src/synth';
import { testConfig } from '../helpers/render';

describe('the review files in dist/', () => {
  const work = mkdtempSync(join(tmpdir(), 'review-publish-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const [summary] = runSynth(
    [
      (scope) => {
        const p = new SeldonPlatform(scope, 'review', testConfig({ name: 'review' }));
        p.addModelNamespace('models-a');
        return p;
      },
    ],
    join(work, 'dist'),
    join(work, 'staging'),
  );
  const env = join(work, 'dist', 'review');

  test('GIVEN a synth WHEN published THEN OVERVIEW.md and an executable verify.sh sit next to the YAML', () => {
    expect(readdirSync(env)).toEqual(expect.arrayContaining([OVERVIEW_FILE, VERIFY_FILE]));
    expect(statSync(join(env, VERIFY_FILE)).mode & 0o100).toBe(0o100); // executable (0755 before the umask)
    expect(statSync(join(env, OVERVIEW_FILE)).mode & 0o111).toBe(0);
  });

  test('GIVEN a synth WHEN summarised THEN the review files count neither as YAML files nor as objects', () => {
    expect(summary.files).toBe(summary.objects);
  });
});
