/**
 * Configuration errors. Every problem names the field path, the bad value, what is wrong and how to fix it, and all
 * problems are found before anything is written. A value that looks like a secret is never kept: it is replaced by
 * `<redacted>` when the issue is recorded (src/lib/secret-scan.ts).
 */
import type { IConstruct } from 'constructs';
import { lastKey, REDACTED, redactSecrets, secretValues } from './secret-scan';

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
  /**
   * Where it was found: `structure` (a value of the wrong type, from the JSON Schema), `schema` (other schema rules:
   * unknown key, value not allowed, key missing),
   * `secret` (the secret scanner); undefined for the concerns' own checks.
   */
  readonly kind?: 'structure' | 'schema' | 'secret';
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

/** How a named thing appears in a message context, e.g. `environment "prod"`; a name that looks like a secret is redacted. */
export function named(kind: string, name: unknown): string {
  return `${kind} ${showValue(redactSecrets(name))}`;
}

/** Formats one issue as a single line: `path (value): problem; fix`. */
export function formatIssue(issue: ConfigIssue): string {
  return `${issue.path} (${showValue(issue.value)}): ${issue.problem}; ${issue.fix}`;
}

/** Thrown when a configuration is invalid; carries every issue found. */
export class ConfigError extends Error {
  public readonly issues: readonly ConfigIssue[];
  /** What the issues belong to, e.g. `environment "prod"` or `SeldonDeployment "models/iris"`. */
  public readonly context?: string;

  constructor(issues: readonly ConfigIssue[], context?: string) {
    const head = context ? `${context}: ` : '';
    const lines = issues.map(formatIssue);
    super(lines.length === 1 ? `${head}${lines[0]}` : `${head}${lines.length} configuration errors:\n${lines.map((l) => `  - ${l}`).join('\n')}`);
    this.name = 'ConfigError';
    this.issues = issues;
    this.context = context;
  }
}

/**
 * Collects configuration issues, then throws them together. Concern validators receive one and record what they find.
 */
export class Checks {
  private readonly found: ConfigIssue[] = [];

  /** Records an issue; a value that looks like a secret (by its key or its shape) is recorded as `<redacted>`. */
  public fail(path: string, value: unknown, problem: string, fix: string, kind?: ConfigIssue['kind']): void {
    const secrets = secretValues(value, lastKey(path)).flatMap((secret) => [secret, JSON.stringify(secret).slice(1, -1)]);
    const hide = (text: string) => secrets.reduce((t, secret) => t.split(secret).join(REDACTED), text);
    this.found.push({ path, value: redactSecrets(value, lastKey(path)), problem: hide(problem), fix: hide(fix), ...(kind ? { kind } : {}) });
  }

  /** Records issues found elsewhere (already redacted). */
  public add(issues: readonly ConfigIssue[]): void {
    this.found.push(...issues);
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

  /** The recorded issues as one ConfigError, or undefined when there are none. */
  public error(context?: string): ConfigError | undefined {
    return this.found.length > 0 ? new ConfigError([...this.found], context) : undefined;
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

/**
 * The structural issues (JSON Schema, secret scanner) together with the concerns' own checks, without saying one thing
 * twice: at a path where a concern reports a problem, its message (with the specific fix) replaces the schema's about
 * an unknown key, a disallowed value or a missing key, and the secret scanner's; at and below a value of the wrong
 * type (say `serviceMesh: "yes"`), what a concern made of it is dropped: the type issue already says what to fix.
 * (Concern checks judge only the keys they know, so an unknown key keeps the schema's "did you mean".)
 */
export function mergeIssues(structural: readonly ConfigIssue[], semantic: readonly ConfigIssue[]): ConfigIssue[] {
  const semanticPaths = new Set(semantic.map((i) => i.path));
  const wrongType = structural.filter((i) => i.kind === 'structure').map((i) => i.path);
  const under = (path: string, parent: string) => path === parent || path.startsWith(`${parent}.`) || path.startsWith(`${parent}[`);
  return [
    ...structural.filter((i) => i.kind === 'structure' || !semanticPaths.has(i.path)),
    ...semantic.filter((i) => !wrongType.some((p) => under(i.path, p))),
  ];
}

/**
 * Runs the structural checks (schema, secrets), then the concern's own checks, and merges their issues (see
 * mergeIssues). A concern's check may trip over a value of the wrong type; when the structural checks already found
 * a problem, that crash is the same problem and is dropped, otherwise it is a bug and propagates.
 */
export function checkAll(structural: (checks: Checks) => void, semantic: (checks: Checks) => void): ConfigIssue[] {
  const first = new Checks();
  structural(first);
  const second = new Checks();
  try {
    semantic(second);
  } catch (error) {
    if (first.issues.length === 0 || error instanceof ConfigError) throw error;
  }
  return mergeIssues(first.issues, second.issues);
}

/**
 * Problems of one environment collected instead of thrown, so that one synth reports every problem of every
 * environment at once (the synth enables it; without it, constructs throw a ConfigError at the first problem, as
 * tests and library users expect).
 */
export class ProblemCollector {
  /** The environment's name, once SeldonPlatform has seen its config. */
  public environment?: string;
  public readonly errors: ConfigError[] = [];
}

const COLLECTORS = new WeakMap<object, ProblemCollector>();

/** Makes constructs under `root` (an App) record their configuration errors in the returned collector. */
export function collectProblems(root: IConstruct): ProblemCollector {
  const collector = new ProblemCollector();
  COLLECTORS.set(root.node.root, collector);
  return collector;
}

/** The collector of the app `scope` belongs to, if the synth enabled one. */
export function problemCollector(scope: IConstruct): ProblemCollector | undefined {
  return COLLECTORS.get(scope.node.root);
}

/**
 * Throws `error`, or records it when the app of `scope` collects problems. Returns true when recorded: the caller
 * then skips rendering what was invalid, and the synth reports it with everything else.
 */
export function raise(scope: IConstruct, error: ConfigError): true {
  const collector = problemCollector(scope);
  if (!collector) throw error;
  collector.errors.push(error);
  return true;
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
