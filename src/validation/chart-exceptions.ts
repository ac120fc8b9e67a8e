/**
 * Reviewed exceptions to "every value we set changes the chart's output": a value that provably takes no effect in
 * `helm template` output and is still set on purpose. Each entry names the chart version (a bump must re-review it)
 * and the reason, with the upstream source that shows it.
 */

export interface NoOpException {
  readonly chart: string;
  readonly version: string;
  /** Leaf path as chart-leaves.ts writes it. */
  readonly path: string;
  readonly reason: string;
}

export const NO_OP_EXCEPTIONS: readonly NoOpException[] = [
  // none: every value the platform sets takes effect in the pinned charts
];

/** The reviewed reason a leaf may take no effect, or undefined. */
export function exceptionFor(chart: string, version: string, path: string): string | undefined {
  return NO_OP_EXCEPTIONS.find((e) => e.chart === chart && e.version === version && e.path === path)?.reason;
}
