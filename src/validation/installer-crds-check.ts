/**
 * Served versions, wave by wave: every custom resource of a render is checked against the CRD that its *pinned
 * installer* serves at the resource's sync wave (installer-crds.ts), not against any CRD of a folder:
 *
 * - the CRD must exist before the resource's wave (an installer of an earlier wave, or the cluster itself);
 * - it must serve the resource's apiVersion;
 * - the resource must match that version's schema;
 * - a resource whose CRD is not on the cluster before the first wave needs `SkipDryRunOnMissingResource=true`: Argo CD
 *   checks every resource's kind against the cluster before it applies anything, and fails the whole sync on an unknown
 *   kind unless the resource carries that option or its CRD is part of the same sync
 *   (argoproj/gitops-engine@5baed56:pkg/sync/sync_context.go:424-458 and :880-905).
 *
 * A CRD that arrives only in the resource's own wave works through Argo CD's retry (the failed attempt applied the
 * installer; the next attempt finds the CRD), so it is allowed with `SkipDryRunOnMissingResource`; one that arrives in a
 * later wave never does: a failed wave stops the sync before the installer's wave is reached (sync_context.go:587-596).
 */
import type Ajv from 'ajv';
import { CrdSchemas } from './crd-schema';
import { CrdTimeline, hasSyncOption, waveOf } from './installer-crds';
import { isRecord, recordAt } from './json';
import { isBuiltInGroup, parseApiVersion } from './kinds';
import { createAjv } from './schemas';
import { Finding, FindingCheck, ManifestObject } from './types';

export const SKIP_DRY_RUN = 'SkipDryRunOnMissingResource=true';

/** How one custom resource meets its CRD. */
export type CrdArrival =
  /** The CRD exists before the resource's wave. */
  | { readonly status: 'present'; readonly installer: string; readonly baseline: boolean }
  /** The CRD comes from an installer in the resource's own wave: applied after Argo CD's retry. */
  | { readonly status: 'same-wave'; readonly installer: string }
  /** The CRD comes only in a later wave: the sync never gets there. */
  | { readonly status: 'later'; readonly installer: string; readonly wave: number }
  /** No installer of the render provides it. */
  | { readonly status: 'missing' };

/** How the CRD of `group`/`kind` reaches a resource of wave `wave`. */
export function crdArrival(timeline: CrdTimeline, group: string, kind: string, wave: number): CrdArrival {
  const present = timeline.at(group, kind, wave);
  if (present) return { status: 'present', installer: present.installer.description, baseline: present.installer.wave === -Infinity };
  const later = timeline.later(group, kind, wave);
  if (!later) return { status: 'missing' };
  if (later.installer.wave === wave) return { status: 'same-wave', installer: later.installer.description };
  return { status: 'later', installer: later.installer.description, wave: later.installer.wave };
}

/** True for objects of a custom (CRD-served) kind. */
export function isCustomResource(object: Record<string, any>): boolean {
  return typeof object?.apiVersion === 'string' && !isBuiltInGroup(parseApiVersion(object.apiVersion).group);
}

/** Checks every custom resource of one environment against its installers' CRDs. */
export function checkInstallerCrds(objects: readonly ManifestObject[], timeline: CrdTimeline, ajv: Ajv = createAjv()): Finding[] {
  const schemas = new CrdSchemas(ajv);
  const findings: Finding[] = [];
  for (const { file, object } of objects) {
    if (!isRecord(object) || !isCustomResource(object)) continue;
    const { group, version } = parseApiVersion(String(object.apiVersion));
    const kind = String(object.kind);
    const wave = waveOf(object);
    const skipDryRun = hasSyncOption(object, SKIP_DRY_RUN);
    const finding = (check: FindingCheck, message: string, path = ''): Finding => {
      const metadata = recordAt(object, 'metadata');
      const namespace = metadata?.namespace;
      return {
        file,
        kind,
        name: typeof metadata?.name === 'string' ? metadata.name : '?',
        ...(typeof namespace === 'string' ? { namespace } : {}),
        path,
        message,
        severity: 'error',
        check,
      };
    };
    const arrival = crdArrival(timeline, group, kind, wave);
    if (arrival.status === 'missing') {
      findings.push(finding('unknown-kind', `no installer in this render provides the CRD of ${kind}.${group}: install its operator or chart in an earlier wave`));
      continue;
    }
    if (arrival.status === 'later') {
      findings.push(finding('sync-wave',
        `the CRD of ${kind}.${group} is installed only at wave ${arrival.wave} by ${arrival.installer}, after this object's wave ${wave}: ` +
          `Argo CD's sync stops at wave ${wave} and never reaches it; give the object a wave after ${arrival.wave}`));
      continue;
    }
    if (!skipDryRun && !timeline.inBaseline(group, kind)) {
      findings.push(finding('sync-wave',
        `the CRD of ${kind}.${group} is not on the cluster before the first wave (it comes from ${arrival.installer}), so Argo CD's ` +
          `dry run fails the whole sync; add the annotation argocd.argoproj.io/sync-options: ${SKIP_DRY_RUN}`));
    }
    const atWave = timeline.at(group, kind, arrival.status === 'same-wave' ? wave + 1 : wave);
    if (!atWave) continue;
    const { crd, installer } = atWave;
    if (!crd.served.includes(version)) {
      const served = crd.served.map((v) => `${group}/${v}`).join(', ') || 'no version';
      findings.push(finding('unknown-kind', `${installer.description} serves ${kind} as ${served}, not ${group}/${version}; emit a served apiVersion`));
      continue;
    }
    const versionDoc = (crd.document.spec?.versions ?? []).find((v: any) => v?.name === version);
    const check = schemas.checkFor({ group, version, kind }, versionDoc?.schema?.openAPIV3Schema, object);
    for (const issue of check(object)) findings.push(finding('schema', `${issue.message} (CRD from ${installer.description})`, issue.path));
  }
  return findings;
}
