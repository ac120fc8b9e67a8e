/** The platform's own rules for rendered objects: no secret values in Git, and an explicit Argo CD sync wave. */
import { scanSecrets } from '../lib/secret-scan';
import { formatPath, isRecord, recordAt, showValue } from './json';
import { GroupVersionKind } from './kinds';
import { Issue } from './types';

/** The annotation Argo CD orders objects by. */
export const SYNC_WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';

/** A v1 Secret may not carry `data` or `stringData`: the platform references secrets, it never renders their values. */
export function checkNoSecretData(gvk: GroupVersionKind, object: Record<string, unknown>): Issue[] {
  if (gvk.group !== '' || gvk.version !== 'v1' || gvk.kind !== 'Secret') return [];
  return (['data', 'stringData'] as const)
    .filter((field) => object[field] !== undefined)
    .map((field) => ({
      path: field,
      message: `a Secret with ${field} puts secret values in Git; reference a Secret created out of band or render an ExternalSecret`,
      check: 'secret-data' as const,
    }));
}

/**
 * No string anywhere in the object looks like a secret: the same scanner the synth runs over the configuration
 * (src/lib/secret-scan.ts), applied to every string of every object (chart values in Applications, ConfigMaps,
 * annotations, env values), not only Secret data. The finding names the path and the reason, never the value.
 */
export function checkNoSecretValues(object: Record<string, unknown>): Issue[] {
  return scanSecrets(object).map((finding) => ({
    path: finding.path,
    message: `looks like a secret value (${finding.reason}); secret values never go into Git: reference a Secret by name (created out of band or by an ExternalSecret)`,
    check: 'secret-value' as const,
  }));
}

/** Every object needs an integer sync wave (`"-1"`, `"0"`, `"3"`) so Argo CD applies it in order. */
export function checkSyncWave(object: Record<string, unknown>): Issue[] {
  const annotations = recordAt(object, 'metadata')?.annotations;
  const wave = isRecord(annotations) ? annotations[SYNC_WAVE_ANNOTATION] : undefined;
  const path = formatPath(['metadata', 'annotations', SYNC_WAVE_ANNOTATION]);
  if (wave === undefined) {
    return [{ path, message: 'missing: every object needs an integer sync wave so Argo CD applies it in order', check: 'sync-wave' }];
  }
  if (typeof wave !== 'string' || !/^[-+]?[0-9]+$/.test(wave)) {
    return [{ path, message: `${showValue(wave)} is not an integer string such as "0" or "-1"`, check: 'sync-wave' }];
  }
  return [];
}
