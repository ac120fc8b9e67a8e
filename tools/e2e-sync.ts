/**
 * Applies one rendered environment to a real API server the way Argo CD syncs the root Application, then re-applies it
 * and prunes a model namespace. What is modelled, and from where (argoproj/gitops-engine@5baed56):
 *
 * - Waves in ascending order; the next wave starts only when the previous one is healthy
 *   (pkg/sync/sync_context.go:559-600). Within a wave, objects by kind in Helm's install order (Namespace first,
 *   custom resources last), one kind after the other (pkg/sync/sync_tasks.go:22-66, sync_context.go:1485-1499).
 * - Before each wave, what the installers of earlier waves created by then: chart CRDs (`helm template
 *   --include-crds`), OLM bundle CRDs, operand CRDs, and the namespaces they create (src/validation/installer-crds*.ts).
 *   A child Application creates only its destination namespace (CreateNamespace=true) and its chart's CRDs here: its
 *   workloads are the chart's output, not the render's, and with no controllers they would do nothing.
 * - Server-side apply with strict field validation and forced conflicts, field manager `argocd-controller`.
 * - A custom resource whose CRD is not on the cluster before the first wave and lacks SkipDryRunOnMissingResource fails
 *   Argo CD's dry run (sync_context.go:424-458, :880-905): reported as a rejection. One whose CRD comes from an
 *   installer of its own wave fails on the first attempt and is applied by the retry (the root Application retries),
 *   once that installer is done: applied here right after its wave, and counted. One whose CRD comes only later is a
 *   rejection: the sync never gets past its wave.
 * - Pruning deletes what the new render no longer has, in reverse wave order (sync_context.go:911-940), with
 *   background propagation: there is no garbage collector (no kube-controller-manager), so a foreground deletion or a
 *   namespace deletion never completes. A deleted object must be gone or carry a deletionTimestamp (Terminating: its
 *   finalizers, e.g. Argo CD's or the namespace's `kubernetes` finalizer, would be removed by controllers).
 */
import { CrdTimeline, hasSyncOption, Installer, InstallerFinder, Platform, waveOf } from '../src/validation/installer-crds';
import { crdArrival, isCustomResource, SKIP_DRY_RUN } from '../src/validation/installer-crds-check';
import { parseApiVersion } from '../src/validation/kinds';
import { ApiClient, messageOf } from './e2e-client';

/** Argo CD's field manager for server-side apply (argoproj/gitops-engine pkg/sync/common: `argocd-controller`). */
export const FIELD_MANAGER = 'argocd-controller';

/** Helm's install order, as Argo CD sorts a wave (gitops-engine pkg/sync/sync_tasks.go:22-66); others after, alphabetically. */
const KIND_ORDER = [
  'Namespace', 'NetworkPolicy', 'ResourceQuota', 'LimitRange', 'PodSecurityPolicy', 'PodDisruptionBudget', 'ServiceAccount', 'Secret',
  'SecretList', 'ConfigMap', 'StorageClass', 'PersistentVolume', 'PersistentVolumeClaim', 'CustomResourceDefinition', 'ClusterRole',
  'ClusterRoleList', 'ClusterRoleBinding', 'ClusterRoleBindingList', 'Role', 'RoleList', 'RoleBinding', 'RoleBindingList', 'Service',
  'DaemonSet', 'Pod', 'ReplicationController', 'ReplicaSet', 'Deployment', 'HorizontalPodAutoscaler', 'StatefulSet', 'Job', 'CronJob',
  'IngressClass', 'Ingress', 'APIService',
];

export type KubeObject = Record<string, any>;

export interface Rejection {
  readonly object: string;
  readonly wave: number;
  readonly message: string;
}

export interface SyncReport {
  readonly applied: number;
  readonly waves: number[];
  readonly crdsInstalled: number;
  readonly installerNamespaces: number;
  readonly afterRetry: string[];
  readonly rejected: Rejection[];
  /** Time spent creating what installers provide (CRDs, namespaces). */
  readonly installerMs: number;
}

/** `Kind namespace/name` (or `Kind name`). */
export function idOf(object: KubeObject): string {
  const ns = object.metadata?.namespace;
  return `${object.kind} ${ns ? `${ns}/` : ''}${object.metadata?.name}`;
}

/** Identity across renders: group, kind, namespace, name (not the version). */
export function keyOf(object: KubeObject): string {
  return `${parseApiVersion(String(object.apiVersion)).group}|${object.kind}|${object.metadata?.namespace ?? ''}|${object.metadata?.name}`;
}

function kindRank(kind: string): number {
  const i = KIND_ORDER.indexOf(kind);
  return i < 0 ? KIND_ORDER.length : i;
}

/**
 * What must not change when nothing changed: the stored object with its managed fields (who owns which field), without
 * `resourceVersion` and the managed-field timestamps. (The API server rewrites a PersistentVolumeClaim once on its first
 * update after creation with identical content: a new resourceVersion, nothing else; that is no change.)
 */
export function snapshot(object: any): string {
  const copy = JSON.parse(JSON.stringify(object ?? {}));
  if (copy.metadata) {
    delete copy.metadata.resourceVersion;
    for (const entry of copy.metadata.managedFields ?? []) delete entry.time;
  }
  return JSON.stringify(copy, null, 1);
}

/** The first differing line of two snapshots, for the report. */
export function firstDifference(a: string, b: string): string {
  const left = a.split('\n');
  const right = b.split('\n');
  const i = left.findIndex((line, n) => line !== right[n]);
  return i < 0 ? 'differs in length' : `${left[i].trim()} → ${(right[i] ?? '').trim()}`;
}

/** Argo CD's order inside one wave. */
export function sortForWave(objects: readonly KubeObject[]): KubeObject[] {
  return [...objects].sort((a, b) => kindRank(a.kind) - kindRank(b.kind) || String(a.kind).localeCompare(String(b.kind)) || keyOf(a).localeCompare(keyOf(b)));
}

/** Applies one environment wave by wave; see the file comment. */
export class EnvironmentSync {
  public readonly timeline: CrdTimeline;
  private readonly done = new Set<Installer>();
  private crdsInstalled = 0;
  private installerMs = 0;
  private installerNamespaces = 0;
  /** Every applied object as stored after its last apply (see {@link snapshot}), by key. */
  public readonly versions = new Map<string, string>();

  /**
   * @param allCrds create every CRD the installers provide (true), or only those of kinds the render uses: the others
   *   test upstream's CRDs, not the render, and each costs the API server an OpenAPI rebuild.
   */
  constructor(private readonly client: ApiClient, finder: InstallerFinder, private readonly objects: readonly KubeObject[], platform: Platform, private readonly allCrds = true) {
    this.timeline = new CrdTimeline(finder.plan(objects, platform));
    this.usedKinds = new Set(objects.map((o) => `${parseApiVersion(String(o.apiVersion)).group}/${o.kind}`));
  }

  private readonly usedKinds: ReadonlySet<string>;

  /** CRDs the installers provide in total (whether created or not). */
  public get crdsProvided(): number {
    return this.timeline.plan.installers.reduce((n, i) => n + i.crds.length, 0);
  }

  public get planProblems(): readonly string[] {
    return this.timeline.plan.problems;
  }

  /** Creates what installers of waves before `wave` provide (CRDs, then namespaces), once each. */
  private async runInstallersBefore(wave: number, rejected: Rejection[]): Promise<void> {
    for (const installer of this.timeline.plan.installers) {
      if (installer.wave >= wave || this.done.has(installer)) continue;
      this.done.add(installer);
      await this.runInstaller(installer, rejected);
    }
  }

  private async runInstaller(installer: Installer, rejected: Rejection[]): Promise<void> {
    const started = Date.now();
    try {
      await this.createProvided(installer, rejected);
    } finally {
      this.installerMs += Date.now() - started;
    }
  }

  /**
   * An installer's CRDs (server-side applied together, then awaited until Established) and namespaces. The field
   * manager is the installer's kind (`application`, `subscription`, …), never Argo CD's.
   */
  private async createProvided(installer: Installer, rejected: Rejection[]): Promise<void> {
    const manager = installer.wave === -Infinity ? 'cluster-baseline' : installer.description.split(' ')[0].toLowerCase();
    const wanted = installer.crds.filter((crd) => this.allCrds || this.usedKinds.has(`${crd.group}/${crd.kind}`));
    const results = await Promise.all(wanted.map(async (crd) => {
      const document = { ...crd.document, metadata: { name: crd.name, labels: crd.document.metadata?.labels, annotations: crd.document.metadata?.annotations } };
      delete (document as KubeObject).status;
      const result = await this.client.apply(document, manager);
      if (!result.ok) {
        rejected.push({ object: `CustomResourceDefinition ${crd.name} (from ${installer.description})`, wave: installer.wave, message: result.message });
        return false;
      }
      await this.client.waitEstablished(crd.name);
      return true;
    }));
    this.crdsInstalled += results.filter(Boolean).length;
    for (const name of installer.namespaces) {
      const existing = await this.client.get('v1', 'Namespace', undefined, name);
      if (existing) continue;
      const result = await this.client.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, manager);
      if (result.ok) this.installerNamespaces++;
      else rejected.push({ object: `Namespace ${name} (from ${installer.description})`, wave: installer.wave, message: result.message });
    }
    if (installer.crds.length) this.client.resetDiscovery();
  }

  private async applyOne(object: KubeObject, rejected: Rejection[]): Promise<boolean> {
    const result = await this.client.apply(object, FIELD_MANAGER);
    if (!result.ok) {
      rejected.push({ object: idOf(object), wave: waveOf(object), message: result.message });
      return false;
    }
    this.versions.set(keyOf(object), snapshot(result.object));
    return true;
  }

  /** The first sync of a fresh cluster. */
  public async sync(): Promise<SyncReport> {
    const rejected: Rejection[] = [];
    const afterRetry: string[] = [];
    let applied = 0;
    const waves = [...new Set(this.objects.map(waveOf))].sort((a, b) => a - b);
    for (const wave of waves) {
      await this.runInstallersBefore(wave, rejected);
      const deferred: KubeObject[] = [];
      for (const object of sortForWave(this.objects.filter((o) => waveOf(o) === wave))) {
        if (isCustomResource(object)) {
          const { group } = parseApiVersion(String(object.apiVersion));
          const arrival = crdArrival(this.timeline, group, String(object.kind), wave);
          const skip = hasSyncOption(object, SKIP_DRY_RUN);
          const inBaseline = this.timeline.inBaseline(group, String(object.kind));
          if (!skip && !inBaseline && arrival.status !== 'missing') {
            rejected.push({ object: idOf(object), wave, message: `Argo CD dry run: the server could not find the requested resource (${object.kind}.${group} is installed by ${'installer' in arrival ? arrival.installer : '?'}); add ${SKIP_DRY_RUN}` });
            continue;
          }
          if (arrival.status === 'same-wave' && skip) {
            deferred.push(object);
            continue;
          }
        }
        if (await this.applyOne(object, rejected)) applied++;
      }
      if (deferred.length) {
        // Argo CD's retry: the failed attempt applied this wave's installers; the next one finds their CRDs.
        await this.runInstallersBefore(wave + 1, rejected);
        for (const object of deferred) {
          if (await this.applyOne(object, rejected)) {
            applied++;
            afterRetry.push(idOf(object));
          }
        }
      }
    }
    return { applied, waves, crdsInstalled: this.crdsInstalled, installerNamespaces: this.installerNamespaces, afterRetry, rejected, installerMs: this.installerMs };
  }

  /** Applies everything again (no installers: they ran); returns the objects whose resourceVersion changed, and rejections. */
  public async reapply(): Promise<{ changed: string[]; rejected: Rejection[] }> {
    const rejected: Rejection[] = [];
    const changed: string[] = [];
    const waves = [...new Set(this.objects.map(waveOf))].sort((a, b) => a - b);
    for (const wave of waves) {
      for (const object of sortForWave(this.objects.filter((o) => waveOf(o) === wave))) {
        const before = this.versions.get(keyOf(object));
        if (before === undefined) continue; // never applied: already reported
        const result = await this.client.apply(object, FIELD_MANAGER);
        if (!result.ok) {
          rejected.push({ object: idOf(object), wave, message: result.message });
          continue;
        }
        const after = snapshot(result.object);
        if (after !== before) changed.push(`${idOf(object)}: ${firstDifference(before, after)}`);
      }
    }
    return { changed, rejected };
  }
}

export interface PruneReport {
  readonly namespace: string;
  readonly pruned: string[];
  readonly updated: string[];
  readonly problems: string[];
}

/**
 * Syncs the render without one model namespace onto a cluster holding the full render: applies what changed (shared
 * registries), deletes what is gone in reverse wave order, then checks that nothing of the namespace is left (gone or
 * Terminating) and that every other object is untouched.
 */
export async function pruneTo(
  client: ApiClient,
  full: EnvironmentSync,
  before: readonly KubeObject[],
  after: readonly KubeObject[],
  namespace: string,
  /** Keys of the objects in the namespace's own folder (`model-namespaces/<namespace>/`): exactly these must go. */
  own: ReadonlySet<string>,
): Promise<PruneReport> {
  const problems: string[] = [];
  const afterKeys = new Map(after.map((o) => [keyOf(o), o]));
  const beforeByKey = new Map(before.map((o) => [keyOf(o), o]));
  const gone = before.filter((o) => !afterKeys.has(keyOf(o)));
  const changed = after.filter((o) => beforeByKey.has(keyOf(o)) && JSON.stringify(beforeByKey.get(keyOf(o))) !== JSON.stringify(o));
  const added = after.filter((o) => !beforeByKey.has(keyOf(o)));
  for (const o of added) problems.push(`${idOf(o)} appears only in the render without ${namespace}`);
  for (const o of gone) if (!own.has(keyOf(o))) problems.push(`${idOf(o)} is not in model-namespaces/${namespace}/ but disappears when ${namespace} is removed`);
  for (const o of before) if (own.has(keyOf(o)) && afterKeys.has(keyOf(o))) problems.push(`${idOf(o)} of model-namespaces/${namespace}/ is still rendered without ${namespace}`);

  // Argo CD applies the changed objects (shared registries) and deletes the pruned ones in reverse wave order; here
  // the changes go first, then the deletions.
  const updated: string[] = [];
  for (const o of changed) {
    const result = await client.apply(o, FIELD_MANAGER);
    if (!result.ok) problems.push(`${idOf(o)}: rejected on update: ${result.message}`);
    else {
      updated.push(idOf(o));
      full.versions.set(keyOf(o), snapshot(result.object));
    }
  }
  const pruned: string[] = [];
  const byWaveDesc = [...gone].sort((a, b) => waveOf(b) - waveOf(a) || (b.kind === 'Namespace' ? -1 : 0) - (a.kind === 'Namespace' ? -1 : 0));
  for (const o of byWaveDesc) {
    const res = await client.delete(o.apiVersion, o.kind, o.metadata?.namespace, o.metadata?.name);
    if (res.status >= 200 && res.status < 300) pruned.push(idOf(o));
    else problems.push(`${idOf(o)}: delete failed: ${messageOf(res)}`);
  }

  // Nothing of the namespace left: every listable namespaced resource is empty there (or Terminating).
  for (const resource of (await client.allResources()).filter((r) => r.namespaced && r.verbs.includes('list'))) {
    const res = await client.call('GET', client.pathOf(resource, namespace));
    if (res.status !== 200) continue;
    for (const item of res.body.items ?? []) {
      if (!item.metadata?.deletionTimestamp) problems.push(`${resource.kind} ${namespace}/${item.metadata?.name} is left in the pruned namespace`);
    }
  }
  const ns = await client.get('v1', 'Namespace', undefined, namespace);
  if (ns && !ns.metadata?.deletionTimestamp) problems.push(`Namespace ${namespace} still exists and is not Terminating`);

  // Nothing else touched: every object of the new render is there with the resourceVersion of its last apply.
  for (const o of after) {
    const live = await client.get(o.apiVersion, o.kind, o.metadata?.namespace, o.metadata?.name);
    const expected = full.versions.get(keyOf(o));
    if (expected === undefined) continue; // never applied (already reported as a rejection)
    if (!live) problems.push(`${idOf(o)} was deleted by the prune`);
    else if (snapshot(live) !== expected) problems.push(`${idOf(o)} changed during the prune: ${firstDifference(expected, snapshot(live))}`);
  }
  return { namespace, pruned, updated, problems };
}
