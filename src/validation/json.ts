/** Small helpers for untyped JSON/YAML values: narrowing, JSON paths and printing values in messages. */
import { showValue as showConfigValue } from '../lib/errors';

/** A parsed JSON/YAML mapping. */
export type JsonRecord = Record<string, unknown>;

/** A step in a JSON path: a mapping key or an array index. */
export type PathSegment = string | number;

/** True for a mapping (not null, not an array). */
export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The mapping at `key` of `value`, or undefined when absent or not a mapping. */
export function recordAt(value: unknown, key: string): JsonRecord | undefined {
  const child = isRecord(value) ? value[key] : undefined;
  return isRecord(child) ? child : undefined;
}

/** The string at `key` of `value`, or undefined when absent or not a string. */
export function stringAt(value: unknown, key: string): string | undefined {
  const child = isRecord(value) ? value[key] : undefined;
  return typeof child === 'string' ? child : undefined;
}

/** The array at `key` of `value`, or an empty array when absent or not an array. */
export function arrayAt(value: unknown, key: string): unknown[] {
  const child = isRecord(value) ? value[key] : undefined;
  return Array.isArray(child) ? child : [];
}

/** A mapping with `fn` applied to each value; non-mappings are returned unchanged. */
export function mapValues(value: unknown, fn: (child: unknown) => unknown): unknown {
  if (!isRecord(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, fn(child)]));
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/**
 * Formats path segments as a readable JSON path: `spec.servers[0].port`, with keys that are not plain identifiers
 * quoted, e.g. `metadata.labels["app.kubernetes.io/name"]`.
 */
export function formatPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** Renders a value for a finding: strings quoted, objects as compact JSON, long values cut to 80 characters. */
export function showValue(value: unknown): string {
  return showConfigValue(value, 80);
}

/** The JSON type name of a value as JSON Schema spells it (`integer` for whole numbers). */
export function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** The candidate nearest to `word` by edit distance, when close enough to be a typo of it. */
export function closestWord(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best !== undefined && bestDistance <= Math.max(1, Math.floor(best.length / 4)) ? best : undefined;
}

/** Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of neighbours each cost 1. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
