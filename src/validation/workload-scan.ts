/**
 * The workload security scan: a real Kubernetes manifest scanner (kube-score, built from the Go module proxy by
 * `tools/build-kube-score.sh`) plus the platform's own pod-security checks, run over
 *   - the `helm template` output of every chart Application of an environment (rendered by {@link renderChart}, the way
 *     Argo CD does), and
 *   - the platform's own objects in `dist/<env>/`.
 * Every finding must match a recorded exception in `src/lib/workload-security-exceptions.ts` (with its reason and the
 * upstream source that shows it); an exception that matches nothing is stale and also fails, so the file stays true.
 *
 * Checks (one id each; a finding is one check failing on one container, or on the pod when the check is pod-wide):
 *   kube-score (`kube-score list`): container-resources, container-image-tag, container-security-context-privileged,
 *     container-security-context-readonlyrootfilesystem, container-seccomp-profile (optional check, enabled),
 *     environment-variable-key-duplication, stable-version, label-values. The kube-score checks left out are listed in
 *     {@link KUBE_SCORE_CHECKS_NOT_IN_SCOPE} with the reason.
 *   platform: run-as-non-root, no-privilege-escalation, drop-all-capabilities (kube-score checks none of these), and on
 *     OpenShift no-fixed-ids (restricted-v2 assigns UIDs/GIDs from the namespace range: any fixed runAsUser,
 *     runAsGroup, fsGroup, or a `*_RUN_AS_USER` / `*_RUN_AS_GROUP` / `*_FS_GROUP` / `*_CONTAINER_USER` / `*_USER_ID`
 *     env var with a number, is rejected
 *     or out of range).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dump } from 'js-yaml';
import { ScanException, SCAN_EXCEPTIONS } from '../lib/workload-security-exceptions';
import { chartSourceOf, RENDER_KUBE_VERSION, renderChart } from './chart-render';
import { limitRangeOf, modelNamespaceContainers, quotaProblems } from './model-namespace-resources';
import { listYamlFiles, readYamlFile } from './yaml-files';

export type Platform = 'openshift' | 'kubernetes';

/** kube-score checks left out, each with why: availability and topology are not this scan's subject. */
export const KUBE_SCORE_CHECKS_NOT_IN_SCOPE: Readonly<Record<string, string>> = {
  'container-security-context-user-group-id':
    'wants runAsUser/runAsGroup > 10000 fixed in the manifest; OpenShift restricted-v2 assigns them from the namespace range and rejects fixed ones, so the platform fixes none and requires runAsNonRoot instead (platform check run-as-non-root)',
  'container-image-pull-policy': 'wants pullPolicy Always; the platform pins image tags or digests instead (container-image-tag)',
  'container-ephemeral-storage-request-and-limit': 'ephemeral storage is not part of the model namespaces\' quotas (cpu and memory are; see the LimitRange)',
  'pod-networkpolicy': 'network policies are proven by the data-path model over the whole render, not per chart',
  'networkpolicy-targets-pod': 'the pods of the platform\'s NetworkPolicies are created by operators and charts outside the scanned file',
  'service-targets-pod': 'cross-object check; the pods of some Services are created by operators at run time',
  'pod-probes': 'availability, not security',
  'pod-probes-identical': 'availability, not security',
  'deployment-replicas': 'availability, not security: replica counts are a per-environment sizing decision',
  'deployment-has-poddisruptionbudget': 'availability, not security',
  'statefulset-has-poddisruptionbudget': 'availability, not security',
  'deployment-has-host-podantiaffinity': 'availability, not security',
  'statefulset-has-host-podantiaffinity': 'availability, not security',
  'pod-topology-spread-constraints': 'availability, not security',
  'deployment-strategy': 'availability, not security',
  'horizontalpodautoscaler-replicas': 'availability, not security',
  'statefulset-has-servicename': 'availability, not security',
};

/** kube-score optional checks switched on. */
export const KUBE_SCORE_OPTIONAL_CHECKS = ['container-seccomp-profile'] as const;

export const PLATFORM_CHECKS = ['run-as-non-root', 'no-privilege-escalation', 'drop-all-capabilities', 'no-fixed-ids', 'model-namespace-quota'] as const;
export type PlatformCheck = (typeof PLATFORM_CHECKS)[number];

/** Kinds that carry a pod template. */
export const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Pod'] as const;

/** One set of objects scanned together: a chart Application's render, or the platform's own objects. */
export interface ScanTarget {
  readonly environment: string;
  readonly platform: Platform;
  /** The chart Application name, or {@link OWN_OBJECTS}. */
  readonly component: string;
  /** Namespace an object without one is installed into (the Application's destination). */
  readonly namespace?: string;
  readonly objects: ReadonlyArray<Record<string, any>>;
}

export const OWN_OBJECTS = 'own objects (dist/)';

export interface ScanFinding {
  readonly environment: string;
  readonly component: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly check: string;
  /** The container, or '' for a pod-wide or object-wide finding. */
  readonly container: string;
  readonly message: string;
  readonly scanner: 'kube-score' | 'platform';
}

export interface ExplainedFinding extends ScanFinding {
  /** The exception that explains it, if any. */
  readonly exception?: ScanException;
}

export interface ComponentFigure {
  readonly environment: string;
  readonly component: string;
  readonly workloads: number;
  readonly findings: number;
  readonly excepted: number;
  readonly unexplained: number;
}

export interface ScanReport {
  readonly findings: readonly ExplainedFinding[];
  readonly figures: readonly ComponentFigure[];
  /** Exceptions (of the environments scanned) that matched no finding. */
  readonly staleExceptions: readonly ScanException[];
}

// ---------------------------------------------------------------------------------------------- pod specs

/** The pod spec of a workload object, or undefined. */
export function podSpecOf(object: Record<string, any>): Record<string, any> | undefined {
  switch (object?.kind) {
    case 'Pod':
      return object.spec;
    case 'CronJob':
      return object.spec?.jobTemplate?.spec?.template?.spec;
    default:
      return (WORKLOAD_KINDS as readonly string[]).includes(object?.kind) ? object.spec?.template?.spec : undefined;
  }
}

export function isWorkload(object: Record<string, any>): boolean {
  return podSpecOf(object) !== undefined;
}

/** Every container of a pod spec, init containers first. */
export function containersOf(pod: Record<string, any>): Array<Record<string, any>> {
  return [...(pod.initContainers ?? []), ...(pod.containers ?? [])];
}

function identity(object: Record<string, any>, defaultNamespace: string): { kind: string; namespace: string; name: string } {
  return { kind: String(object.kind), namespace: String(object.metadata?.namespace ?? defaultNamespace), name: String(object.metadata?.name) };
}

const FIXED_ID_KEYS = ['runAsUser', 'runAsGroup', 'fsGroup'] as const;
/** Env vars that carry a UID/GID into a pod the workload creates (Seldon Deploy's batch workflows, Core v1's executor). */
const FIXED_ID_ENV = /(^|_)(RUN_AS_USER|RUN_AS_GROUP|FS_GROUP|CONTAINER_USER|USER_ID)$/;

/** Every fixed UID/GID anywhere in an object: `runAsUser`/`runAsGroup`/`fsGroup` numbers and `*_RUN_AS_USER`-style env vars with a number. */
export function fixedIdsIn(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => fixedIdsIn(item, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  const found: string[] = [];
  for (const key of FIXED_ID_KEYS) {
    const v = record[key];
    if (typeof v === 'number' || (typeof v === 'string' && /^\d+$/.test(v))) found.push(`${path}.${key}=${v}`);
  }
  if (typeof record.name === 'string' && FIXED_ID_ENV.test(record.name) && /^\s*\d+\s*$/.test(String(record.value ?? ''))) {
    found.push(`${path} env ${record.name}=${record.value}`);
  }
  for (const [key, v] of Object.entries(record)) if (v !== null && typeof v === 'object') found.push(...fixedIdsIn(v, path ? `${path}.${key}` : key));
  return found;
}

/** The platform's own pod-security checks over one target. */
export function platformFindings(target: ScanTarget): ScanFinding[] {
  const findings: ScanFinding[] = [];
  for (const object of target.objects) {
    const id = identity(object, target.namespace ?? '');
    const base = { environment: target.environment, component: target.component, ...id, scanner: 'platform' as const };
    if (target.platform === 'openshift') {
      for (const where of fixedIdsIn(object.spec ?? {}, 'spec')) {
        findings.push({ ...base, check: 'no-fixed-ids', container: '', message: `fixed id ${where}: restricted-v2 assigns UIDs/GIDs from the namespace range` });
      }
    }
    const pod = podSpecOf(object);
    if (pod === undefined) continue;
    const podContext = pod.securityContext ?? {};
    for (const container of containersOf(pod)) {
      const sc = container.securityContext ?? {};
      const name = String(container.name);
      const nonRoot = sc.runAsNonRoot ?? podContext.runAsNonRoot;
      if (nonRoot !== true) findings.push({ ...base, check: 'run-as-non-root', container: name, message: 'runAsNonRoot is not true (container or pod securityContext)' });
      if (sc.allowPrivilegeEscalation !== false) findings.push({ ...base, check: 'no-privilege-escalation', container: name, message: 'securityContext.allowPrivilegeEscalation is not false' });
      const drop: unknown[] = sc.capabilities?.drop ?? [];
      if (!drop.some((c) => String(c).toUpperCase() === 'ALL')) findings.push({ ...base, check: 'drop-all-capabilities', container: name, message: 'securityContext.capabilities.drop does not hold ALL' });
    }
  }
  return findings;
}

/**
 * For every namespace of the platform's own objects with a ResourceQuota: each container the platform or Seldon puts
 * there must get requests and limits from the rendered values or the namespace's LimitRange (see
 * model-namespace-resources.ts), or the quota rejects its pod.
 */
export function quotaFindings(targets: readonly ScanTarget[]): ScanFinding[] {
  const findings: ScanFinding[] = [];
  for (const own of targets.filter((t) => t.component === OWN_OBJECTS)) {
    const charts = targets.filter((t) => t.environment === own.environment && t.component !== OWN_OBJECTS).flatMap((t) => t.objects);
    for (const quota of own.objects.filter((o) => o.kind === 'ResourceQuota')) {
      const namespace = String(quota.metadata?.namespace);
      const containers = modelNamespaceContainers(namespace, charts, own.objects);
      for (const problem of quotaProblems(containers, limitRangeOf(namespace, own.objects))) {
        findings.push({ environment: own.environment, component: own.component, kind: 'ResourceQuota', namespace, name: String(quota.metadata?.name), check: 'model-namespace-quota', container: '', message: problem, scanner: 'platform' });
      }
    }
  }
  return findings;
}

// ---------------------------------------------------------------------------------------------- kube-score

interface KubeScoreObject {
  readonly type_meta: { kind: string };
  readonly object_meta: { name: string; namespace?: string };
  readonly checks: ReadonlyArray<{ check: { id: string }; grade: number; skipped: boolean; comments: Array<{ path: string; summary: string }> | null }>;
}

/**
 * kube-score's findings over targets, with the checks of this scan. One kube-score run per target: kube-score keys its
 * result by object identity, so the same object name in two targets (two environments) would be reported once.
 */
export function kubeScoreFindings(kubeScore: string, targets: readonly ScanTarget[]): ScanFinding[] {
  return targets.flatMap((target) => kubeScoreTarget(kubeScore, target));
}

function kubeScoreTarget(kubeScore: string, target: ScanTarget): ScanFinding[] {
  const dir = mkdtempSync(join(tmpdir(), 'workload-scan-'));
  try {
    const file = join(dir, 'objects.yaml');
    writeFileSync(file, target.objects.map((o) => dump(o, { noRefs: true, lineWidth: -1 })).join('---\n'));
    const kubeVersion = `v${RENDER_KUBE_VERSION.split('.').slice(0, 2).join('.')}`; // the version charts are rendered for
    const args = ['score', '-o', 'json', '--kubernetes-version', kubeVersion, '--color', 'never'];
    for (const check of Object.keys(KUBE_SCORE_CHECKS_NOT_IN_SCOPE)) args.push('--ignore-test', check);
    for (const check of KUBE_SCORE_OPTIONAL_CHECKS) args.push('--enable-optional-test', check);
    let out: string;
    try {
      out = execFileSync(kubeScore, [...args, file], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      // kube-score exits 1 when any check fails; its JSON is still on stdout.
      const e = error as { status?: number; stdout?: string; stderr?: string };
      if (e.status !== 1 || !e.stdout) throw new Error(`kube-score failed (exit ${e.status}): ${String(e.stderr ?? error).trim()}`);
      out = e.stdout;
    }
    const findings: ScanFinding[] = [];
    for (const o of (JSON.parse(out) as KubeScoreObject[] | null) ?? []) {
      for (const c of o.checks) {
        if (c.skipped || c.grade >= 10) continue;
        const base = {
          environment: target.environment,
          component: target.component,
          kind: o.type_meta.kind,
          namespace: o.object_meta.namespace ?? target.namespace ?? '',
          name: o.object_meta.name,
          check: c.check.id,
          scanner: 'kube-score' as const,
        };
        for (const comment of c.comments?.length ? c.comments : [{ path: '', summary: 'failed' }]) {
          findings.push({ ...base, container: comment.path, message: comment.summary });
        }
      }
    }
    return findings;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------- targets

/**
 * The platform of a dist/<env> folder: the `Platform` row of its generated OVERVIEW.md, else guessed from the objects
 * (an OpenShift render has Routes or Subscriptions from Red Hat's catalog).
 */
export function platformOfDist(distEnv: string, objects: ReadonlyArray<Record<string, any>>): Platform {
  const overview = join(distEnv, 'OVERVIEW.md');
  const row = existsSync(overview) ? /^\| Platform \| (OpenShift|Kubernetes) \|$/m.exec(readFileSync(overview, 'utf8')) : null;
  if (row) return row[1] === 'OpenShift' ? 'openshift' : 'kubernetes';
  return objects.some((o) => o.kind === 'Route' || (o.kind === 'Subscription' && o.spec?.source === 'redhat-operators')) ? 'openshift' : 'kubernetes';
}

/**
 * Whether Argo CD applies a rendered chart object. Helm test hooks (`helm.sh/hook: test`, `test-success`,
 * `test-failure`) are not: Argo CD maps only pre-install, pre-upgrade, post-install and post-upgrade to sync hooks
 * (argoproj/gitops-engine@0d0c679d:pkg/sync/hook/helm/type.go:12-24) and a Helm hook without a mapped type gets no
 * sync task, so e.g. seldon-deploy's `test-connection` Pod and grafana's test Pod are never created.
 */
export function appliedByArgoCd(object: Record<string, any>): boolean {
  const hooks = String(object?.metadata?.annotations?.['helm.sh/hook'] ?? '').split(',').map((h) => h.trim()).filter(Boolean);
  return !hooks.some((h) => h === 'test' || h === 'test-success' || h === 'test-failure');
}

/** The targets of one environment: each chart Application's `helm template` output, then the platform's own objects. */
export function environmentTargets(distEnv: string, environment: string, chartsDir: string): ScanTarget[] {
  const own: Array<Record<string, any>> = [];
  for (const file of listYamlFiles(distEnv)) {
    const { documents, errors } = readYamlFile(file);
    if (errors.length) throw new Error(`${file}: ${errors.join('; ')}`);
    own.push(...(documents as Array<Record<string, any>>));
  }
  const platform = platformOfDist(distEnv, own);
  const charts: ScanTarget[] = own
    .map((o) => chartSourceOf(o))
    .filter((s): s is NonNullable<typeof s> => s !== undefined)
    .sort((a, b) => (a.application < b.application ? -1 : 1))
    .map((source) => ({ environment, platform, component: source.application, namespace: source.namespace, objects: renderChart(chartsDir, source).objects.filter(appliedByArgoCd) }));
  return [...charts, { environment, platform, component: OWN_OBJECTS, objects: own }];
}

// ---------------------------------------------------------------------------------------------- exceptions

function matchesName(pattern: string | undefined, value: string): boolean {
  if (pattern === undefined) return true;
  if (!pattern.includes('*')) return pattern === value;
  return new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(value);
}

/** Whether an exception explains a finding. */
export function exceptionMatches(e: ScanException, f: ScanFinding, platform: Platform): boolean {
  return (
    (e.platforms === undefined || e.platforms.includes(platform)) &&
    e.component === f.component &&
    e.checks.includes(f.check) &&
    matchesName(e.kind, f.kind) &&
    matchesName(e.name, f.name) &&
    matchesName(e.container, f.container)
  );
}

/** Runs the scan over targets and judges every finding against the exceptions. */
export function scanTargets(kubeScore: string, targets: readonly ScanTarget[], exceptions: readonly ScanException[] = SCAN_EXCEPTIONS): ScanReport {
  const platformOf = new Map(targets.map((t) => [t.environment, t.platform]));
  const raw = [...kubeScoreFindings(kubeScore, targets), ...targets.flatMap(platformFindings), ...quotaFindings(targets)];
  const used = new Set<ScanException>();
  const findings = raw.map((f) => {
    const exception = exceptions.find((e) => exceptionMatches(e, f, platformOf.get(f.environment)!));
    if (exception) used.add(exception);
    return { ...f, ...(exception ? { exception } : {}) };
  });
  findings.sort((a, b) => key(a).localeCompare(key(b)));
  const platforms = new Set(platformOf.values());
  const components = new Set(targets.map((t) => t.component));
  const staleExceptions = exceptions.filter(
    (e) => !used.has(e) && components.has(e.component) && (e.platforms ?? ['openshift', 'kubernetes']).some((p) => platforms.has(p as Platform)),
  );
  const figures = targets.map((t) => {
    const mine = findings.filter((f) => f.environment === t.environment && f.component === t.component);
    const excepted = mine.filter((f) => f.exception).length;
    return { environment: t.environment, component: t.component, workloads: t.objects.filter(isWorkload).length, findings: mine.length, excepted, unexplained: mine.length - excepted };
  });
  return { findings, figures, staleExceptions };
}

function key(f: ScanFinding): string {
  return [f.environment, f.component, f.kind, f.namespace, f.name, f.check, f.container].join('\u0000');
}

/** One line per finding: `env component Kind ns/name [container] check: message`. */
export function describeFinding(f: ScanFinding): string {
  return `${f.environment} ${f.component}: ${f.kind} ${f.namespace ? `${f.namespace}/` : ''}${f.name}${f.container ? ` container ${f.container}` : ''}: ${f.check}: ${f.message}`;
}
