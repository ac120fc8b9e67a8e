/**
 * The bad-input catalogue (issues 7 and 13), end to end through `npm run synth` (tools/synth.ts → cdk8s CLI → the app).
 *
 * One synth runs every case (each an environment of its own, test/bad-input/environments.ts): it must exit 1, print
 * no stack trace, leave dist/ byte for byte as it was, and report each case's problem under the case's environment,
 * naming the path, the value as printed (`<redacted>` where it may be a secret, the secret itself nowhere in the
 * output) and the fix. A representative set then runs one case per synth to assert the exit code semantics of a
 * single failing environment, a syntax error and an exception in an environment file, and two environments that share
 * a name.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runSynth } from '../src/synth';
import { CATALOGUE, Case, environmentOf } from './bad-input/catalogue';
import { tree } from './helpers/files';
import { testConfig } from './helpers/render';
import { SeldonPlatform } from '../src/platform';

const ROOT = resolve(__dirname, '..');
jest.setTimeout(180_000);

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `npm run synth` with its own dist/, output and staging folders, and an environments module. */
function npmSynth(work: string, env: Record<string, string>): Promise<Run> {
  return new Promise((done) => {
    const child = spawn('npm', ['run', '-s', 'synth', '--', '-o', join(work, 'out')], {
      cwd: ROOT,
      env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false', SELDON_PLATFORM_DIST: join(work, 'dist'), SELDON_PLATFORM_STAGING: join(work, 'staging'), ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** A work folder with a good render in dist/ (the committed state a failed synth must keep). */
function workWithDist(): { work: string; before: Record<string, string> } {
  const work = mkdtempSync(join(tmpdir(), 'catalogue-'));
  runSynth([(scope) => new SeldonPlatform(scope, 'good', testConfig({ name: 'good' }))], join(work, 'dist'), join(work, 'staging'));
  return { work, before: tree(join(work, 'dist')) };
}

/** The problem lines of each environment in the synth's error output. */
function problemsByEnvironment(stderr: string): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of stderr.split('\n')) {
    const head = /^error: environment "([^"]*)": (.*)$/.exec(line);
    if (head) {
      current = [];
      groups.set(head[1], current);
      if (!/^\d+ problems:$/.test(head[2])) current.push(head[2]);
    } else if (current && line.startsWith('  - ')) current.push(line.slice(4));
    else current = undefined;
  }
  return groups;
}

/** The issue line of a path, with a construct's prefix (`SeldonDeployment "ns/name": `) removed. */
function lineOf(lines: readonly string[], path: string): string[] {
  return lines.map((l) => l.replace(/^SeldonDeployment "[^"]*": /, '')).filter((l) => l.startsWith(`${path} (`));
}

const STACK_TRACE = /\n\s+at .+:\d+:\d+\)?\n/;

describe('bad-input catalogue: every case in one npm run synth', () => {
  let run: Run;
  let groups: Map<string, string[]>;
  let work: string;
  let before: Record<string, string>;

  beforeAll(async () => {
    ({ work, before } = workWithDist());
    run = await npmSynth(work, { SELDON_PLATFORM_ENVIRONMENTS: 'test/bad-input/environments.ts' });
    groups = problemsByEnvironment(run.stderr);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test('GIVEN the catalogue THEN it has at least 120 distinct cases in every category and across every concern', () => {
    expect(CATALOGUE.length).toBeGreaterThanOrEqual(120);
    expect(new Set(CATALOGUE.map(([what]) => what)).size).toBe(CATALOGUE.length);
    const categories = new Set(CATALOGUE.map(([what]) => (/^(typo|secret|type|value): /.exec(what)?.[1] ?? 'concern rule')));
    expect([...categories].sort()).toEqual(['concern rule', 'secret', 'type', 'typo', 'value']);
    const roots = new Set(CATALOGUE.map(([, , path]) => path.split(/[.([]/)[0]));
    for (const root of ['name', 'platform', 'delivery', 'namespaces', 'secrets', 'addModelNamespace', 'gitops', 'serviceMesh', 'coreV1', 'metaOperator', 'coreV2', 'kafka', 'modelCatalogue', 'tls', 'elasticsearch', 'logging', 'monitoring', 'serverless', 'deploy', 'predictors', 'istio', 'ingressDomain']) {
      expect(roots).toContain(root);
    }
  });

  test('WHEN synthesised THEN it exits 1 with every environment reported, no stack trace, and dist/ untouched', () => {
    expect(run.code).toBe(1);
    expect(run.stdout).not.toMatch(/rendered \d+ environment/);
    expect(run.stderr).not.toMatch(STACK_TRACE);
    expect(run.stderr).toContain(`in ${CATALOGUE.length} of ${CATALOGUE.length} environments; nothing was written.`);
    expect(run.stderr.trimEnd().split('\n').pop()).toBe(`${join(work, 'dist')}/ was left as it was.`);
    expect(groups.size).toBe(CATALOGUE.length);
    expect(tree(join(work, 'dist'))).toEqual(before);
  });

  test.each(CATALOGUE.map((c, i): [string, Case, number] => [c[0], c, i]))('GIVEN %s THEN its environment names the path, the value and the fix', (_what, c, i) => {
    const [, , path, value, fix, options] = c;
    const lines = groups.get(environmentOf(c, i)) ?? [];
    const hits = lineOf(lines, path);
    expect({ path, lines: hits.length > 0 ? hits : lines }).toEqual({ path, lines: expect.arrayContaining([expect.stringContaining(`${path} (${value}): `)]) });
    const line = hits.find((l) => l.startsWith(`${path} (${value}): `)) ?? '';
    expect(line).toMatch(new RegExp(`^${escape(path)} \\(${escape(value)}\\): .+; .+`));
    expect(line).toContain(fix);
    if (options?.secret) {
      expect(value).toMatch(/<redacted>/);
      for (const fragment of options.secret.split('\n')) expect(run.stderr).not.toContain(fragment.length > 12 ? fragment.slice(8) : fragment);
    }
  });
});

describe('bad-input catalogue: representative cases, one npm run synth each', () => {
  const pick = (what: string) => CATALOGUE.findIndex(([w]) => w === what) + 1;
  const single = ['a password under any key of deploy.values (was written to dist/)', 'a GitOps namespace without a repository'];
  let work: string;
  let before: Record<string, string>;
  let runs: Record<string, Run>;

  beforeAll(async () => {
    ({ work, before } = workWithDist());
    const syntax = join(work, 'syntax-error.ts');
    writeFileSync(syntax, 'export const ENVIRONMENTS = [\n  (scope) => { const config = { name: "x" ; return config; },\n];\n');
    const crash = join(work, 'exception.ts');
    writeFileSync(crash, [
      `import { SeldonPlatform } from ${JSON.stringify(join(ROOT, 'src/platform'))};`,
      `import { testConfig } from ${JSON.stringify(join(ROOT, 'test/helpers/render'))};`,
      'export const ENVIRONMENTS = [',
      '  function prod(scope: any) {',
      "    const platform = new SeldonPlatform(scope, 'prod', testConfig({ name: 'prod' }));",
      "    (platform as any).addModelNamspace('models');",
      '    return platform;',
      '  },',
      '];',
      '',
    ].join('\n'));
    const twins = join(work, 'twins.ts');
    writeFileSync(twins, [
      `import { SeldonPlatform } from ${JSON.stringify(join(ROOT, 'src/platform'))};`,
      `import { testConfig } from ${JSON.stringify(join(ROOT, 'test/helpers/render'))};`,
      "const twin = (scope: any) => new SeldonPlatform(scope, 'prod', testConfig({ name: 'prod' }));",
      'export const ENVIRONMENTS = [twin, twin];',
      '',
    ].join('\n'));
    const entries: [string, Record<string, string>][] = [
      ...single.map((what): [string, Record<string, string>] => [what, { SELDON_PLATFORM_ENVIRONMENTS: 'test/bad-input/environments.ts', SELDON_CATALOGUE_CASES: String(pick(what)) }]),
      ['syntax', { SELDON_PLATFORM_ENVIRONMENTS: syntax }],
      ['exception', { SELDON_PLATFORM_ENVIRONMENTS: crash }],
      ['twins', { SELDON_PLATFORM_ENVIRONMENTS: twins }],
    ];
    // Two at a time: each is a full npm → cdk8s → app chain.
    runs = {};
    for (let i = 0; i < entries.length; i += 2) {
      const pair = entries.slice(i, i + 2);
      const results = await Promise.all(pair.map(([, env]) => npmSynth(work, env)));
      pair.forEach(([name], j) => (runs[name] = results[j]));
    }
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test.each(single)('GIVEN only "%s" THEN npm run synth exits 1 with that one problem, no stack trace, dist/ as it was', (what) => {
    const c = CATALOGUE[pick(what) - 1];
    const run = runs[what];
    expect(pick(what)).toBeGreaterThan(0);
    expect(run.code).toBe(1);
    expect(run.stderr).not.toMatch(STACK_TRACE);
    const groups = problemsByEnvironment(run.stderr);
    expect([...groups.keys()]).toEqual([environmentOf(c, pick(what) - 1)]);
    expect(lineOf([...groups.values()][0], c[2]).some((l) => l.startsWith(`${c[2]} (${c[3]}): `))).toBe(true);
    if (c[5]?.secret) expect(run.stderr).not.toContain(c[5].secret);
    expect(tree(join(work, 'dist'))).toEqual(before);
  });

  test('GIVEN a syntax error in an environment file THEN file:line:col and the message, exit 1, no stack trace', () => {
    const run = runs.syntax;
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error: an environment file does not compile:');
    expect(run.stderr).toMatch(/syntax-error\.ts:2:\d+: Expected "}" but found ";"/);
    expect(run.stderr).not.toMatch(STACK_TRACE);
    expect(tree(join(work, 'dist'))).toEqual(before);
  });

  test('GIVEN an exception in user code THEN the environment and the call (function, file:line:col), exit 1, no stack trace', () => {
    const run = runs.exception;
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: environment "prod": exception: TypeError: platform\.addModelNamspace is not a function, in prod\(\) at .*exception\.ts:6:\d+$/m);
    expect(run.stderr).not.toMatch(STACK_TRACE);
    expect(tree(join(work, 'dist'))).toEqual(before);
  });

  test('GIVEN two environments with one name THEN the second is refused, exit 1', () => {
    const run = runs.twins;
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error: environment "prod": name ("prod"): two environments have this name and would share dist/prod; give each environment its own name');
    expect(tree(join(work, 'dist'))).toEqual(before);
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
