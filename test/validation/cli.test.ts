/** The `npm run validate` command, run as a user would (through tsx), on small folders. */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { crdFolder, removeFolder, tempFolder } from './fixtures';

const ROOT = resolve(__dirname, '../..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(TSX, [join(ROOT, 'tools', 'validate.ts'), ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const GOOD_NAMESPACE = `apiVersion: v1
kind: Namespace
metadata:
  name: seldon
  annotations:
    argocd.argoproj.io/sync-wave: "0"
`;

const BAD_WIDGETS = `apiVersion: example.com/v1
kind: Widget
metadata:
  name: one
  namespace: seldon
  annotations:
    argocd.argoproj.io/sync-wave: "3"
spec:
  size: 1
---
apiVersion: example.com/v1
kind: Widget
metadata:
  name: two
  namespace: seldon
spec:
  size: 1
  sise: 2
`;

describe('validate command', () => {
  let crdDir: string;
  let dist: string;
  beforeAll(() => {
    crdDir = crdFolder();
    dist = tempFolder({
      'openshift/namespace.seldon.yaml': GOOD_NAMESPACE,
      'openshift/widgets.yaml': BAD_WIDGETS,
      'openshift/OVERVIEW.md': '# not validated',
      'kubernetes/namespace.seldon.yaml': GOOD_NAMESPACE,
      'kubernetes/broken.yaml': 'a: [1\nb: 2\n',
    });
  });
  afterAll(() => {
    removeFolder(crdDir);
    removeFolder(dist);
  });

  test('GIVEN a dist folder with findings WHEN validated with --verbose THEN each file is listed, failures indented, totals per environment, exit 1', () => {
    const { status, stdout } = run(['--crds', crdDir, '--dist', dist, '--verbose']);
    const lines = stdout.split('\n');
    expect(status).toBe(1);
    expect(lines).toContain(`ok   ${join(dist, 'openshift/namespace.seldon.yaml')}`);
    expect(lines).toContain(`FAIL ${join(dist, 'openshift/widgets.yaml')}`);
    expect(lines).toContain('       Widget/two spec.sise: unknown field "sise": did you mean "size"?');
    expect(lines).toContain('       Widget/two metadata.annotations["argocd.argoproj.io/sync-wave"]: missing: every object needs an integer sync wave so Argo CD applies it in order');
    expect(lines).toContain(`FAIL ${join(dist, 'kubernetes/broken.yaml')}`);
    expect(lines).toContain(`${join(dist, 'openshift')}: 3 objects, 2 errors, 0 unknown kinds, 0 PromQL errors, 0 secret values`);
    expect(lines).toContain(`${join(dist, 'kubernetes')}: 1 objects, 1 error, 0 unknown kinds, 0 PromQL errors, 0 secret values`);
    expect(stdout).not.toContain('OVERVIEW.md');
  });

  test.each([[[]], [['--quiet']]])('GIVEN the default (or --quiet, as CI passes it) %p WHEN validated THEN the problems and the summary, passing files not listed', (extra) => {
    const { status, stdout } = run([...extra, `--crds=${crdDir}`, `--dist=${dist}`]);
    expect(status).toBe(1);
    expect(stdout).not.toMatch(/^ok /m);
    expect(stdout).toMatch(/^FAIL /m);
    expect(stdout).toMatch(/^INVALID: 4 objects in 4 files, 3 errors/m);
  });

  test('GIVEN a secret value in a chart Application and an env entry, and secret names beside them WHEN validated THEN only the values are reported, by path, never echoed', () => {
    const token = ['ghp', 'Zq8vN3xK1mR7tY5wL2pB9cF4hJ6dS0aE3gU8'].join('_');
    const leaky = tempFolder({
      'env/app.yaml': [
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata:',
        '  name: app',
        '  namespace: seldon-system',
        '  annotations:',
        '    argocd.argoproj.io/sync-wave: "0"',
        'data:',
        '  existingSecret: seldon-db',
        '  secretName: seldon-db',
        `  values: "github: ${token}"`,
        '  DB_PASSWORD: hunter2-plain',
        '',
      ].join('\n'),
    });
    try {
      const { status, stdout } = run(['--dist', leaky]);
      expect(status).toBe(1);
      expect(stdout).toContain('       data.values: looks like a secret value (the value has the shape of a GitHub token)');
      expect(stdout).toContain('       data.DB_PASSWORD: looks like a secret value (the key "DB_PASSWORD" names a credential, so its value is one)');
      expect(stdout).not.toMatch(/existingSecret|secretName/);
      expect(stdout).not.toContain(token);
      expect(stdout).not.toContain('hunter2-plain');
      expect(stdout).toMatch(/: 1 objects, 2 errors, 0 unknown kinds, 0 PromQL errors, 2 secret values$/m);
    } finally {
      removeFolder(leaky);
    }
  });

  test('GIVEN a valid folder WHEN validated THEN it exits 0', () => {
    const valid = tempFolder({ 'env/namespace.yaml': GOOD_NAMESPACE });
    try {
      const { status, stdout } = run(['--dist', valid]);
      expect(status).toBe(0);
      expect(stdout).toMatch(/^valid: 1 object in 1 file, 0 errors/m);
    } finally {
      removeFolder(valid);
    }
  });

  test('GIVEN a namespace without NetworkPolicies WHEN validated THEN the secure-defaults line names the rule that is off, and only --require-secure fails', () => {
    const weak = tempFolder({ 'env/namespace.yaml': GOOD_NAMESPACE });
    try {
      const report = run(['--dist', weak]);
      expect(report.status).toBe(0);
      expect(report.stdout).toMatch(new RegExp(`^${join(weak, 'env')}: secure defaults: 1/2 on \\(off: network-policies without an opt-in; not applicable: core2-control-plane-tls, `, 'm'));
      const strict = run(['--dist', weak, '--require-secure']);
      expect(strict.status).toBe(1);
      expect(strict.stdout).toMatch(/^INSECURE: a secure default is off in 1 environment \(--require-secure\)$/m);
    } finally {
      removeFolder(weak);
    }
  });

  test('GIVEN --charts and a chart Application whose package is missing WHEN validated THEN the Application fails with the reason and the exit status is 1', () => {
    const application = `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: demo
  namespace: argocd
  annotations:
    argocd.argoproj.io/sync-wave: "1"
spec:
  destination: { namespace: demo, server: https://kubernetes.default.svc }
  project: default
  source: { repoURL: https://charts.example.com, chart: demo, targetRevision: 1.0.0, helm: { valuesObject: { a: 1 } } }
`;
    const dist = tempFolder({ 'env/application.yaml': application });
    const charts = tempFolder({ 'README.md': 'no packages here' });
    try {
      const crds = tempFolder({ 'README.md': 'no CRDs here' });
      const report = run(['--dist', dist, '--crds', crds, '--charts', charts, '--quiet']);
      removeFolder(crds);
      expect(report.status).toBe(1);
      expect(report.stdout).toContain(`FAIL ${join(dist, 'env')}: Application demo (demo 1.0.0)\n       Application demo (chart demo 1.0.0): no package demo-1.0.0.tgz in ${charts}`);
      expect(report.stdout).toMatch(/^charts: 1 chart Application checked against .*, 1 with problems in /m);
    } finally {
      removeFolder(dist);
      removeFolder(charts);
    }
  });

  test.each([
    [['--crd', 'x'], 'error: unknown argument "--crd"; usage: npm run validate -- [--crds DIR [--charts DIR]] [--argocd DIR] [--dist DIR] [--verbose | --quiet] [--require-secure]'],
    [['--charts', ROOT], 'error: --charts needs --crds too: the installer check reads OLM bundle CRDs from the CRD folder'],
    [['--charts', '/nonexistent/charts'], 'error: --charts folder "/nonexistent/charts" does not exist; pass the folder holding the pinned chart packages, e.g. --charts ../shared/charts'],
    [['--dist', '/nonexistent/dist'], 'error: --dist folder "/nonexistent/dist" does not exist; run "npm run synth" first, or pass --dist with the folder of rendered YAML'],
    [['--crds'], 'error: --crds needs a folder, e.g. --crds ../shared/crds'],
  ])('GIVEN arguments %p WHEN run THEN it explains the fix on stderr and exits 2 without a stack trace', (args, message) => {
    const { status, stderr, stdout } = run(args);
    expect(status).toBe(2);
    expect(stderr.trim()).toBe(message);
    expect(stdout).toBe('');
  });
});
