/** Merging typed Helm-style values: what the platform computes, overridden by what a user passes through. */

/** A plain object (not an array, not null, not a class instance such as a cdk8s Lazy). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}

/**
 * Deep-merges `override` into `base` without mutating either: plain objects merge key by key, anything else (arrays,
 * scalars) in `override` replaces the value in `base`; `undefined` in `override` keeps the base value.
 */
export function deepMerge<T extends object>(base: T, override: object | undefined): T {
  if (override === undefined) return base;
  const result: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(override)) {
    if (value === undefined) continue;
    const current = result[key];
    result[key] = isPlainObject(current) && isPlainObject(value) ? deepMerge(current, value) : value;
  }
  return result as T;
}

/**
 * Chart values a user may pass through: every field of `T` optional at every depth, and keys `T` does not type
 * accepted at every level (they reach the chart unchecked).
 */
export type OpenPartial<T> = {
  readonly [K in keyof T]?: NonNullable<T[K]> extends readonly unknown[] ? T[K] : NonNullable<T[K]> extends object ? OpenPartial<NonNullable<T[K]>> : T[K];
} & { readonly [key: string]: unknown };
