/**
 * The ONE reviewed list of workload-scan exceptions (see docs/security.md): every finding of `npm run scan` that the
 * platform cannot fix through the charts' values, with the reason and the upstream source that shows it. A finding
 * with no entry here fails CI; an entry that matches no finding fails CI too (it is stale: delete it).
 *
 * Fields: `component` is the chart Application name (or 'own objects (dist/)'); `kind`, `name`, `container` match
 * exactly or with `*` wildcards and default to any; `platforms` defaults to both.
 */

/** Why a finding stands. */
export type ExceptionReason =
  /** The chart's templates offer no value for the setting (cite the template). */
  | 'chart-offers-no-value'
  /** A node agent that needs host access (host PID/network/paths) by design. */
  | 'node-agent-host-access'
  /** The image writes to its root filesystem and the chart offers no writable volume for it. */
  | 'image-needs-writable-root'
  /** The workload needs the privilege or capability for its function (e.g. network setup). */
  | 'needs-privilege';

export interface ScanException {
  readonly component: string;
  readonly platforms?: ReadonlyArray<'openshift' | 'kubernetes'>;
  readonly kind?: string;
  readonly name?: string;
  readonly container?: string;
  readonly checks: readonly string[];
  readonly reason: ExceptionReason;
  /** One sentence: what the upstream limitation is. */
  readonly why: string;
  /** The upstream source that shows it: repository@ref:path:line, or an upstream issue. */
  readonly source: string;
}

export const REASON_TITLES: Readonly<Record<ExceptionReason, string>> = {
  'chart-offers-no-value': 'the chart offers no value for it',
  'node-agent-host-access': 'node agent needing host access',
  'image-needs-writable-root': 'image writes to its root filesystem',
  'needs-privilege': 'needs the privilege for its function',
};

export const SCAN_EXCEPTIONS: readonly ScanException[] = [];
