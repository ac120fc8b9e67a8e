/** dist/<env>/bootstrap/preflight.sh run against a fake `oc` (the cluster answers are set per test). */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { PlatformConfig } from '../../src/config';
import { SeldonPlatform } from '../../src/platform';
import { synthesizeEnvironments } from '../../src/synth';
import { testConfig } from '../helpers/render';

/** A fake `oc`: answers the preflight's read-only queries from environment variables. */
const FAKE_OC = `#!/usr/bin/env bash
case "$*" in
  "get subscriptions.operators.coreos.com -A "*) printf '%b' "\${FAKE_SUBS:-}" ;;
  "get operatorgroups.operators.coreos.com -n "*) printf '%b' "\${FAKE_GROUPS:-}" ;;
  "get subscriptions.operators.coreos.com "*"installedCSV"*) printf '%s' "\${FAKE_CSV:-}" ;;
  "get clusterserviceversions.operators.coreos.com "*) printf '%s' "\${FAKE_CSV_PHASE:-}" ;;
  "get crd argocds.argoproj.io") [ "\${FAKE_CRD:-1}" = 1 ] ;;
  "get argocds.argoproj.io openshift-gitops -n openshift-gitops") [ "\${FAKE_ARGOCD:-1}" = 1 ] ;;
  "get argocds.argoproj.io openshift-gitops -n openshift-gitops -o "*) printf '%s' "\${FAKE_CHECKS:-}" ;;
  *) echo "fake oc: unexpected: $*" >&2; exit 3 ;;
esac
`;

function preflight(config: PlatformConfig): string {
  const [env] = synthesizeEnvironments([(app) => new SeldonPlatform(app, config.name, config)]);
  return env.output.files.get('bootstrap/preflight.sh') as string;
}

function run(script: string, env: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
  const dir = mkdtempSync(join(tmpdir(), 'preflight-'));
  try {
    writeFileSync(join(dir, 'oc'), FAKE_OC);
    chmodSync(join(dir, 'oc'), 0o755);
    writeFileSync(join(dir, 'preflight.sh'), script);
    const r = spawnSync('bash', [join(dir, 'preflight.sh')], { encoding: 'utf8', env: { PATH: [dir, process.env.PATH ?? '/usr/bin:/bin'].join(delimiter), ...env } });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const INSTALLED = { FAKE_SUBS: 'openshift-gitops-operator openshift-gitops-operator/openshift-gitops-operator gitops-1.16\\n', FAKE_GROUPS: 'openshift-gitops-operator\\n', FAKE_CSV: 'openshift-gitops-operator.v1.16.2', FAKE_CSV_PHASE: 'Succeeded' };

describe('preflight: the operator is a prerequisite (default)', () => {
  const script = preflight(testConfig());

  test('GIVEN it is installed as the README says THEN ok', () => {
    const r = run(script, INSTALLED);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('ok   openshift-gitops-operator.v1.16.2 Succeeded');
    expect(r.stdout.trim().split('\n').pop()).toBe('preflight: ok');
    expect(r.status).toBe(0);
  });

  test('GIVEN a console install on channel latest THEN ok with a note (the operator is there)', () => {
    const r = run(script, { ...INSTALLED, FAKE_SUBS: 'openshift-gitops-operator openshift-gitops-operator/openshift-gitops-operator latest\\n', FAKE_GROUPS: 'openshift-gitops-operator-x7k2p\\n' });
    expect(r.stdout).toContain('note: subscribed on channel latest, the render was written for gitops-1.16');
    expect(r.status).toBe(0);
  });

  test('GIVEN nothing installed THEN it fails, saying what to install', () => {
    const r = run(script, { FAKE_CRD: '0', FAKE_ARGOCD: '0' });
    expect(r.stdout).toContain('FAIL the OpenShift GitOps operator is not installed: install openshift-gitops-operator (channel gitops-1.16) in openshift-gitops-operator');
    expect(r.status).toBe(1);
  });

  test('GIVEN the CSV has not succeeded THEN it fails', () => {
    const r = run(script, { ...INSTALLED, FAKE_CSV_PHASE: 'Installing' });
    expect(r.stdout).toContain('FAIL operator CSV openshift-gitops-operator.v1.16.2 is Installing');
    expect(r.status).toBe(1);
  });

  test('GIVEN the instance already has health checks THEN it says the bootstrap replaces them', () => {
    const r = run(script, { ...INSTALLED, FAKE_CHECKS: 'example.com/Widget ' });
    expect(r.stdout).toContain('note: the bootstrap replaces its resourceHealthChecks: example.com/Widget');
  });
});

describe('preflight: the render installs the operator (gitops.installOperator: true)', () => {
  const script = preflight(testConfig({ gitops: { installOperator: true } }));

  test('GIVEN a clean cluster THEN ok', () => {
    const r = run(script, { FAKE_CRD: '0' });
    expect(r.stdout.trim().split('\n').pop()).toBe('preflight: ok');
    expect(r.status).toBe(0);
  });

  test('GIVEN a console install (generated OperatorGroup name) THEN it refuses', () => {
    const r = run(script, { FAKE_SUBS: 'openshift-gitops-operator openshift-gitops-operator/openshift-gitops-operator latest\\n', FAKE_GROUPS: 'openshift-gitops-operator-x7k2p\\n' });
    expect(r.stdout).toContain('FAIL OperatorGroup(s) openshift-gitops-operator-x7k2p in openshift-gitops-operator (a console install?)');
    expect(r.status).toBe(1);
  });

  test('GIVEN an older install in openshift-operators THEN it refuses', () => {
    const r = run(script, { FAKE_SUBS: 'openshift-gitops-operator openshift-operators/openshift-gitops-operator stable\\n' });
    expect(r.stdout).toContain('FAIL the package openshift-gitops-operator is already subscribed elsewhere: openshift-operators/openshift-gitops-operator stable');
    expect(r.status).toBe(1);
  });

  test('GIVEN its own earlier install (same names) THEN ok: re-running the bootstrap is safe', () => {
    const r = run(script, INSTALLED);
    expect(r.status).toBe(0);
  });
});

const hasShellcheck = spawnSync('shellcheck', ['--version']).status === 0;
(hasShellcheck ? test : test.skip)('shellcheck accepts both variants', () => {
  for (const script of [preflight(testConfig()), preflight(testConfig({ gitops: { installOperator: true } }))]) {
    const r = spawnSync('shellcheck', ['--shell=bash', '-'], { input: script, encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
  }
});
