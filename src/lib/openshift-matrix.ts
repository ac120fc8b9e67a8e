/**
 * The OpenShift version matrix at work: the row of a cluster's `openshiftVersion`, the OLM package a concern installs
 * on it, and the refusal of a version or combination the matrix does not support. The data lives in src/versions.ts
 * (`OPENSHIFT_MATRIX`, with its sources); this module only reads it.
 */
import type { Checks } from './errors';
import { OLM, OlmPackage, OPENSHIFT_MATRIX, OPENSHIFT_REFUSED, OpenShiftLine, SELDON_PUBLISHED_RANGES } from '../versions';

/** The minor of an OpenShift 4.x version string ("4.16.3" → 16), or undefined when it is not one. */
export function openshiftMinor(version: string | undefined): number | undefined {
  const match = /^4\.(\d+)(\.\d+)?$/.exec(typeof version === 'string' ? version : '');
  return match ? Number(match[1]) : undefined;
}

/** The matrix row of an OpenShift version, or undefined when it is not in the matrix. */
export function openshiftLine(version: string | undefined): OpenShiftLine | undefined {
  const minor = openshiftMinor(version);
  return OPENSHIFT_MATRIX.find((l) => l.minor === minor);
}

/** The minors of the matrix, as "4.N" strings, oldest first. */
export function matrixVersions(): string[] {
  return OPENSHIFT_MATRIX.map((l) => `4.${l.minor}`);
}

/** The matrix row closest to a minor (ties go to the newer one: upgrading is the way forward). */
export function nearestLine(minor: number): OpenShiftLine {
  return [...OPENSHIFT_MATRIX].sort((a, b) => Math.abs(a.minor - minor) - Math.abs(b.minor - minor) || b.minor - a.minor)[0];
}

/** The OLM packages whose channel follows the OpenShift minor. */
type LinedPackage = 'serverless' | 'gitops';

/**
 * The OLM package to install on a cluster: the matrix's channel for packages whose line depends on the OpenShift
 * minor, the pinned package (src/versions.ts `OLM`) for the others.
 */
export function olmPackage(line: OpenShiftLine | undefined, key: keyof typeof OLM): OlmPackage {
  const pkg: OlmPackage = OLM[key];
  if (line && (key === 'serverless' || key === 'gitops')) return { ...pkg, channel: line.channels[key as LinedPackage] };
  return pkg;
}

/** The Logging package for a Logging major on a cluster (the matrix's `stable-5.9` / `stable-6.N` channel). */
export function loggingPackage(line: OpenShiftLine | undefined, version: 5 | 6): OlmPackage {
  const pkg: OlmPackage = version === 6 ? OLM.logging6 : OLM.logging;
  const channel = line?.logging.channels[version];
  return channel ? { ...pkg, channel } : pkg;
}

/** Where a Seldon component runs outside the Kubernetes or OpenShift range Seldon publishes for it, on a matrix row. */
export function seldonRangeGaps(line: OpenShiftLine): string[] {
  const gaps: string[] = [];
  const k8s = Number(line.kubernetes.split('.')[1]);
  for (const range of [SELDON_PUBLISHED_RANGES.coreV2, SELDON_PUBLISHED_RANGES.coreV1]) {
    const [min, max] = [range.kubernetes.min, range.kubernetes.max].map((v) => Number(v.split('.')[1]));
    if (k8s < min || k8s > max) gaps.push(`${range.component}: published for Kubernetes ${range.kubernetes.min}–${range.kubernetes.max}, OpenShift 4.${line.minor} runs ${line.kubernetes}`);
  }
  const deploy = SELDON_PUBLISHED_RANGES.deploy;
  if (line.minor < deploy.openshift.min || line.minor > deploy.openshift.max) gaps.push(`${deploy.component}: documented for OpenShift 4.${deploy.openshift.min}–4.${deploy.openshift.max}, this is 4.${line.minor}`);
  return gaps;
}

/**
 * Validates `openshiftVersion`: required on OpenShift, a 4.x version, and a minor of the matrix. An unsupported minor is
 * refused with the reason and the nearest minor the matrix supports. Returns the row when the version is usable.
 */
export function checkOpenShiftVersion(checks: Checks, platform: string, version: unknown): OpenShiftLine | undefined {
  const path = 'openshiftVersion';
  if (platform !== 'openshift') {
    if (version !== undefined) checks.fail(path, version, 'only applies on OpenShift', 'remove it from the Kubernetes environment');
    return undefined;
  }
  const versions = matrixVersions().join(', ');
  if (version === undefined) {
    checks.fail(path, version, `is required on OpenShift: the Service Mesh line, operator channels and the Seldon Core v1 install follow it (supported: ${versions})`, 'set it to the cluster version, `oc get clusterversion version -o jsonpath={.status.desired.version}`, e.g. "4.20"');
    return undefined;
  }
  const minor = openshiftMinor(version as string);
  if (minor === undefined) {
    checks.fail(path, version, 'is not an OpenShift 4.x version', `use the cluster version, e.g. "4.20" or "4.20.3" (supported: ${versions})`);
    return undefined;
  }
  const line = openshiftLine(version as string);
  if (line) return line;
  const nearest = nearestLine(minor);
  const why = OPENSHIFT_REFUSED[minor]
    ?? (minor <= 13
      ? `OpenShift 4.${minor} is out of Red Hat support, and the platform's operator lines (Service Mesh 2.6, Logging 5.9, Serverless 1.37) start at 4.14`
      : `OpenShift 4.${minor} is not in the version matrix (src/versions.ts): its operator channels have not been checked`);
  checks.fail(path, version, `${why}; supported: ${versions}`, `upgrade to (or render for) OpenShift 4.${nearest.minor}, the nearest supported minor; to add 4.${minor}, add a row with its sources to OPENSHIFT_MATRIX`);
  return undefined;
}
