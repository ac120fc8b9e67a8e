import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EnvironmentBuilder } from '../src/environments';
import { SeldonPlatform } from '../src/platform';
import { synthCommand } from '../src/cli';
import { runSynth } from '../src/synth';
import { testConfig } from './helpers/render';
import { tree } from './helpers/files';


const good: EnvironmentBuilder = (scope) => {
  const p = new SeldonPlatform(scope, 'good', testConfig({ name: 'good' }));
  p.addModelNamespace('models-a');
  return p;
};

describe('synth never loses or half-writes the committed dist/', () => {
  let work: string;
  let dist: string;
  let staging: string;
  let before: Record<string, string>;

  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'synth-'));
    dist = join(work, 'dist');
    staging = join(work, 'staging');
    runSynth([good], dist, staging);
    before = tree(dist);
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  test('GIVEN a committed render WHEN a config is invalid THEN dist/ is untouched', () => {
    const bad: EnvironmentBuilder = (scope) => new SeldonPlatform(scope, 'good', testConfig({ name: 'good', ingressDomain: 'not a domain' }));
    expect(() => runSynth([bad], dist, staging)).toThrow(/ingressDomain/);
    expect(tree(dist)).toEqual(before);
  });

  test('GIVEN a committed render WHEN a construct crashes mid-synth THEN dist/ is untouched', () => {
    const crashing: EnvironmentBuilder = (scope) => {
      const p = good(scope);
      p.addModelNamespace('models-b');
      throw new TypeError('boom');
    };
    expect(() => runSynth([good, crashing], dist, staging)).toThrow('boom');
    expect(tree(dist)).toEqual(before);
  });

  test('GIVEN a committed render WHEN the staging area cannot be written THEN dist/ is untouched', () => {
    writeFileSync(join(work, 'blocker'), 'a file where a folder must go');
    const changed: EnvironmentBuilder = (scope) => {
      const p = good(scope);
      p.addModelNamespace('models-b');
      return p;
    };
    expect(() => runSynth([changed], dist, join(work, 'blocker', 'staging'))).toThrow();
    expect(tree(dist)).toEqual(before);
  });

  test('two environments with one name are rejected before anything is written', () => {
    expect(() => runSynth([good, good], dist, staging)).toThrow(/two environments have this name/);
    expect(tree(dist)).toEqual(before);
  });

  test('a synth that succeeds replaces the environment folder and removes stale files', () => {
    const fewer: EnvironmentBuilder = (scope) => new SeldonPlatform(scope, 'good', testConfig({ name: 'good' }));
    runSynth([fewer], dist, staging);
    const after = tree(dist);
    expect(Object.keys(after).some((f) => f.includes('models-a'))).toBe(false);
    expect(Object.keys(before).some((f) => f.includes('models-a'))).toBe(true);
    expect(existsSync(staging)).toBe(false);
  });
});

describe('synth is deterministic', () => {
  test('two syntheses are byte-identical', () => {
    const work = mkdtempSync(join(tmpdir(), 'synth-'));
    try {
      runSynth([good], join(work, 'a'), join(work, 's'));
      runSynth([good], join(work, 'b'), join(work, 's'));
      expect(tree(join(work, 'b'))).toEqual(tree(join(work, 'a')));
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  test('output does not depend on the order environments are declared in', () => {
    const other: EnvironmentBuilder = (scope) => new SeldonPlatform(scope, 'other', testConfig({ name: 'other', platform: 'kubernetes', ingressDomain: undefined }));
    const work = mkdtempSync(join(tmpdir(), 'synth-'));
    try {
      runSynth([good, other], join(work, 'a'), join(work, 's'));
      runSynth([other, good], join(work, 'b'), join(work, 's'));
      expect(tree(join(work, 'b'))).toEqual(tree(join(work, 'a')));
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  test('output does not depend on the order namespaces are added in', () => {
    const inOrder = (names: string[]): EnvironmentBuilder => (scope) => {
      const p = new SeldonPlatform(scope, 'good', testConfig({ name: 'good' }));
      for (const n of names) p.addModelNamespace(n, { gitops: true });
      return p;
    };
    const work = mkdtempSync(join(tmpdir(), 'synth-'));
    try {
      runSynth([inOrder(['a-models', 'b-models', 'c-models'])], join(work, 'a'), join(work, 's'));
      runSynth([inOrder(['c-models', 'a-models', 'b-models'])], join(work, 'b'), join(work, 's'));
      expect(tree(join(work, 'b'))).toEqual(tree(join(work, 'a')));
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});

describe('the synth command', () => {
  const run = (builders: EnvironmentBuilder[]) => {
    const work = mkdtempSync(join(tmpdir(), 'synth-'));
    const out: string[] = [];
    const err: string[] = [];
    const code = synthCommand(builders, { dist: join(work, 'dist'), staging: join(work, 'st'), print: (l) => out.push(l), printError: (l) => err.push(l) });
    rmSync(work, { recursive: true, force: true });
    return { code, out, err };
  };

  test('a bad config exits 1 with the field, value and fix, and no stack trace', () => {
    const bad: EnvironmentBuilder = (s) => new SeldonPlatform(s, 'x', { name: 'x', platform: 'kubernetes', delivery: { repoURL: 'nope' } });
    const { code, err } = run([bad]);
    expect(code).toBe(1);
    expect(err[0]).toBe('error: environment "x": delivery.repoURL ("nope"): is not a Git URL Argo CD can clone; use an https://, ssh:// or git@ URL of the repository that holds dist/');
    expect(err.join('\n')).not.toMatch(/\n\s+at /);
  });

  test('an unexpected crash exits 1 with its message only', () => {
    const { code, err } = run([() => { throw new TypeError('boom'); }]);
    expect(code).toBe(1);
    // The exception names the environment (here anonymous: its position) and the call in the user's code, without a stack trace.
    expect(err).toEqual(['error: environment "#1": exception: TypeError: boom, in test/synth.test.ts:135:46', '1 problem in 1 of 1 environment; nothing was written.', expect.stringMatching(/was left as it was\.$/)]);
  });

  test('a good synth prints one summary line per environment', () => {
    const { code, out } = run([good]);
    expect(code).toBe(0);
    expect(out[0]).toMatch(/\/good: \d+ files, \d+ objects, 1 model namespaces$/);
  });
});
