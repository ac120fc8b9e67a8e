/**
 * Configuration errors. Every problem names the field path, the bad value, what is wrong and how to fix it, and all
 * problems are found before anything is written.
 */

/** One problem in the configuration. */
export interface ConfigIssue {
  /** Dotted field path, e.g. `kafka.topics.replicationFactor` or `modelNamespaces[1].name`. */
  readonly path: string;
  /** The offending value as given (rendered with JSON.stringify). */
  readonly value: unknown;
  /** What is wrong, and what follows from it. */
  readonly problem: string;
  /** How to fix it. */
  readonly fix: string;
}

/** Renders a value for a message: strings quoted, objects as compact JSON, values longer than `max` cut. */
export function showValue(value: unknown, max = 120): string {
  if (value === undefined) return 'undefined';
  let s: string;
  try {
    s = JSON.stringify(value) ?? String(value);
  } catch {
    s = String(value);
  }
  return s.length > max ? `${s.slice(0, max - 3)}...` : s;
}

/** Formats one issue as a single line: `path (value): problem; fix`. */
export function formatIssue(issue: ConfigIssue): string {
  return `${issue.path} (${showValue(issue.value)}): ${issue.problem}; ${issue.fix}`;
}

/** Thrown when a configuration is invalid; carries every issue found. */
export class ConfigError extends Error {
  public readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[], context?: string) {
    const head = context ? `${context}: ` : '';
    const lines = issues.map(formatIssue);
    super(lines.length === 1 ? `${head}${lines[0]}` : `${head}${lines.length} configuration errors:\n${lines.map((l) => `  - ${l}`).join('\n')}`);
    this.name = 'ConfigError';
    this.issues = issues;
  }
}

/**
 * Collects configuration issues, then throws them together. Concern validators receive one and record what they find.
 */
export class Checks {
  private readonly found: ConfigIssue[] = [];

  /** Records an issue. */
  public fail(path: string, value: unknown, problem: string, fix: string): void {
    this.found.push({ path, value, problem, fix });
  }

  /** Records an issue unless `ok` holds. Returns `ok`. */
  public expect(ok: boolean, path: string, value: unknown, problem: string, fix: string): boolean {
    if (!ok) this.fail(path, value, problem, fix);
    return ok;
  }

  /** `value` must be one of `allowed` (case-sensitive); suggests the closest allowed value for typos. */
  public oneOf<T extends string>(path: string, value: unknown, allowed: readonly T[], why = ''): value is T {
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return true;
    const near = typeof value === 'string' ? closest(value, allowed) : undefined;
    this.fail(
      path,
      value,
      `is not one of ${allowed.join(', ')}${why ? ` (${why})` : ''}`,
      near ? `did you mean ${near}?` : `use one of ${allowed.join(', ')}`,
    );
    return false;
  }

  /** `value` must be a DNS-1123 label (lower case alphanumerics and '-', at most 63 characters). */
  public dnsLabel(path: string, value: unknown): boolean {
    return this.expect(
      typeof value === 'string' && isDnsLabel(value),
      path,
      value,
      'is not a DNS-1123 label (lower-case letters, digits and "-", starting and ending with an alphanumeric, at most 63 characters)',
      'choose a name such as "models-team-a"',
    );
  }

  /** `value` must be an integer within [min, max]. */
  public integer(path: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): boolean {
    return this.expect(
      typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max,
      path,
      value,
      `must be an integer from ${min}${max === Number.MAX_SAFE_INTEGER ? ' up' : ` to ${max}`}`,
      `set a whole number ${max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `between ${min} and ${max}`}`,
    );
  }

  /** `value` must be a non-empty string. */
  public nonEmpty(path: string, value: unknown, fix: string): boolean {
    return this.expect(typeof value === 'string' && value.trim().length > 0, path, value, 'is required and must be a non-empty string', fix);
  }

  /** The issues recorded so far. */
  public get issues(): readonly ConfigIssue[] {
    return this.found;
  }

  /** Throws a ConfigError carrying every recorded issue, if any. */
  public throwIfAny(context?: string): void {
    if (this.found.length > 0) throw new ConfigError([...this.found], context);
  }
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** True for a DNS-1123 label: namespaces, most object names. */
export function isDnsLabel(s: string): boolean {
  return s.length <= 63 && DNS_LABEL.test(s);
}

/** True for a DNS-1123 subdomain: most `metadata.name`s. */
export function isDnsSubdomain(s: string): boolean {
  return s.length <= 253 && DNS_SUBDOMAIN.test(s);
}

/** The allowed value nearest to `value` by edit distance, if it is close enough to be a typo. */
function closest(value: string, allowed: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of allowed) {
    const d = editDistance(value.toUpperCase(), candidate.toUpperCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(2, Math.floor((best?.length ?? 0) / 4)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}
