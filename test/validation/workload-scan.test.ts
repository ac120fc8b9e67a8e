/**
 * The workload scan's own checks on small objects, and kube-score's result mapping with the real binary (path in
 * $KUBE_SCORE, or the cache tools/build-kube-score.sh fills; outside CI skipped with a note when neither exists).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toolCacheDir } from '../../src/validation/helm-binary';
import { ScanException } from '../../src/lib/workload-security-exceptions';
import {
  appliedByArgoCd, exceptionMatches, fixedIdsIn, kubeScoreFindings, platformFindings, platformOfDist, ScanFinding, ScanTarget, scanTargets,
} from '../../src/validation/workload-scan';

const pod = (spec: Record<string, unknown>, name = 'w') => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'ns' },
  spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec } },
});
const target = (objects: Array<Record<string, any>>, platform: 'openshift' | 'kubernetes' = 'kubernetes'): ScanTarget => ({ environment: platform, platform, component: 'chart', namespace: 'ns', objects });
const checks = (t: ScanTarget) => platformFindings(t).map((f) => `${f.check}:${f.container}`).sort();

const RESTRICTED = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsNonRoot: true };

describe('platform checks', () => {
  test('a restricted container passes; runAsNonRoot may come from the pod', () => {
    expect(checks(target([pod({ containers: [{ name: 'a', securityContext: RESTRICTED }] })]))).toEqual([]);
    expect(checks(target([pod({ securityContext: { runAsNonRoot: true }, containers: [{ name: 'a', securityContext: { ...RESTRICTED, runAsNonRoot: undefined } }] })]))).toEqual([]);
  });
  test('each missing setting is one finding per container, init containers included', () => {
    expect(checks(target([pod({ initContainers: [{ name: 'i' }], containers: [{ name: 'a', securityContext: { capabilities: { drop: ['NET_RAW'] } } }] })]))).toEqual([
      'drop-all-capabilities:a', 'drop-all-capabilities:i', 'no-privilege-escalation:a', 'no-privilege-escalation:i', 'run-as-non-root:a', 'run-as-non-root:i',
    ]);
  });
  test('a container runAsNonRoot: false overrides the pod', () => {
    expect(checks(target([pod({ securityContext: { runAsNonRoot: true }, containers: [{ name: 'a', securityContext: { ...RESTRICTED, runAsNonRoot: false } }] })]))).toEqual(['run-as-non-root:a']);
  });
  test('fixed ids fail only on OpenShift, in any object, including env vars that carry them', () => {
    const deploy = pod({ securityContext: { runAsNonRoot: true, fsGroup: 1000 }, containers: [{ name: 'a', securityContext: RESTRICTED, env: [{ name: 'WORKFLOW_SECURITY_CONTEXT_RUN_AS_USER', value: '1000' }, { name: 'WORKFLOW_SECURITY_CONTEXT_FS_GROUP', value: '' }] }] });
    const serverConfig = { apiVersion: 'mlops.seldon.io/v1alpha1', kind: 'ServerConfig', metadata: { name: 'mlserver' }, spec: { podSpec: { securityContext: { runAsUser: 1000, runAsGroup: '1000' } } } };
    expect(checks(target([deploy, serverConfig], 'kubernetes'))).toEqual([]);
    expect(platformFindings(target([deploy, serverConfig], 'openshift')).map((f) => f.message.replace(/:.*/, ''))).toEqual([
      'fixed id spec.template.spec.securityContext.fsGroup=1000',
      'fixed id spec.template.spec.containers[0].env[0] env WORKFLOW_SECURITY_CONTEXT_RUN_AS_USER=1000',
      'fixed id spec.podSpec.securityContext.runAsUser=1000',
      'fixed id spec.podSpec.securityContext.runAsGroup=1000',
    ]);
    expect(fixedIdsIn({ runAsUser: null, fsGroup: '' })).toEqual([]);
  });
});

test('Helm test hooks are not applied by Argo CD; other hooks and plain objects are', () => {
  const withHook = (hook?: string) => ({ kind: 'Pod', metadata: { name: 'p', ...(hook ? { annotations: { 'helm.sh/hook': hook } } : {}) } });
  expect(appliedByArgoCd(withHook())).toBe(true);
  expect(appliedByArgoCd(withHook('pre-install,pre-upgrade'))).toBe(true);
  expect(appliedByArgoCd(withHook('test-success'))).toBe(false);
  expect(appliedByArgoCd(withHook('test'))).toBe(false);
});

describe('exceptions', () => {
  const finding: ScanFinding = { environment: 'e', component: 'seldon-deploy', kind: 'Deployment', namespace: 'ns', name: 'seldon-deploy', check: 'run-as-non-root', container: 'seldon-deploy', message: '', scanner: 'platform' };
  const exception: ScanException = { component: 'seldon-deploy', kind: 'Deployment', name: 'seldon-*', checks: ['run-as-non-root'], reason: 'chart-offers-no-value', why: 'w', source: 's' };
  test('match by component, check, kind, name (with *), container and platform', () => {
    expect(exceptionMatches(exception, finding, 'kubernetes')).toBe(true);
    expect(exceptionMatches({ ...exception, name: 'other' }, finding, 'kubernetes')).toBe(false);
    expect(exceptionMatches({ ...exception, checks: ['no-fixed-ids'] }, finding, 'kubernetes')).toBe(false);
    expect(exceptionMatches({ ...exception, container: 'x' }, finding, 'kubernetes')).toBe(false);
    expect(exceptionMatches({ ...exception, platforms: ['openshift'] }, finding, 'kubernetes')).toBe(false);
    expect(exceptionMatches({ ...exception, component: 'seldon-core' }, finding, 'kubernetes')).toBe(false);
  });
});

/**
 * The kube-score binary: $KUBE_SCORE, the cache tools/build-kube-score.sh fills, or (in CI, which never skips) built
 * now by that script (a few minutes cold).
 */
function kubeScoreBinary(): string | undefined {
  const cached = process.env.KUBE_SCORE ?? join(toolCacheDir(), 'kube-score-v1.20.0', 'kube-score');
  if (existsSync(cached)) return cached;
  if (process.env.CI === 'true') return execFileSync('bash', [join(__dirname, '../../tools/build-kube-score.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
  console.log(`note: no kube-score at ${cached} (run tools/build-kube-score.sh); skipping its tests`);
  return undefined;
}
const KUBE_SCORE = kubeScoreBinary() ?? '';
const describeWithKubeScore = KUBE_SCORE ? describe : describe.skip;

describeWithKubeScore('kube-score', () => {
  const bare = pod({ containers: [{ name: 'app', image: 'example/app:latest' }] });
  test('its findings are mapped to object, container and check; the same object in two targets counts twice', () => {
    const findings = kubeScoreFindings(KUBE_SCORE, [target([bare]), { ...target([bare]), environment: 'other' }]);
    const ids = (env: string) => [...new Set(findings.filter((f) => f.environment === env).map((f) => `${f.kind}/${f.name}/${f.container}/${f.check}`))].sort();
    expect(ids('kubernetes')).toEqual([
      'Deployment/w/app/container-image-tag',
      'Deployment/w/app/container-resources',
      'Deployment/w/app/container-seccomp-profile',
      'Deployment/w/app/container-security-context-readonlyrootfilesystem',
    ]);
    expect(ids('other')).toEqual(ids('kubernetes'));
  });
  test('a hardened workload has no kube-score finding', () => {
    const hardened = pod({
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
      containers: [{ name: 'app', image: 'example/app:1.0.0', securityContext: { ...RESTRICTED, readOnlyRootFilesystem: true }, resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '100m', memory: '64Mi' } } }],
    });
    expect(kubeScoreFindings(KUBE_SCORE, [target([hardened])])).toEqual([]);
  });
  test('scanTargets: excepted, unexplained and stale exceptions', () => {
    const exceptions: ScanException[] = [
      { component: 'chart', kind: 'Deployment', name: 'w', checks: ['container-image-tag'], reason: 'image-set-at-admission', why: 'w', source: 's' },
      { component: 'chart', name: 'gone', checks: ['container-resources'], reason: 'chart-offers-no-value', why: 'w', source: 's' },
    ];
    const report = scanTargets(KUBE_SCORE, [target([bare])], exceptions);
    expect(report.findings.filter((f) => f.exception).map((f) => f.check)).toEqual(['container-image-tag']);
    expect(report.findings.filter((f) => !f.exception).length).toBeGreaterThan(3);
    expect(report.staleExceptions).toEqual([exceptions[1]]);
    expect(report.figures).toEqual([{ environment: 'kubernetes', component: 'chart', workloads: 1, findings: report.findings.length, excepted: 1, unexplained: report.findings.length - 1 }]);
  });
});

test('the platform of a dist folder: its OVERVIEW.md row, else OpenShift-only objects', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dist-env-'));
  try {
    expect(platformOfDist(dir, [{ kind: 'Deployment' }])).toBe('kubernetes');
    expect(platformOfDist(dir, [{ kind: 'Route' }])).toBe('openshift');
    writeFileSync(join(dir, 'OVERVIEW.md'), '| Setting | Value |\n| --- | --- |\n| Platform | OpenShift |\n');
    expect(platformOfDist(dir, [])).toBe('openshift');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
