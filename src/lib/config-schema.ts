/**
 * The runtime check of everything a user types, against the JSON Schemas generated from the TypeScript types
 * (`npm run schema`, tools/schema-generate.ts; committed under schema/). The synth runs through tsx, which does not
 * type-check, so without this a misspelt key at any depth (`delivery.destinationserver`), `gitops: 'yes'` or
 * `kafka: null` would be silently taken.
 *
 * ajv decides whether a value conforms (every interface is closed: `additionalProperties: false` at every depth). When
 * it does not, `explain` walks the same schema to say where and why in the user's terms, one issue per problem: for a
 * union it reports only the alternative the value was meant to be (the one whose discriminating constants it matches,
 * with the fewest problems), and for an unknown key it suggests the allowed key nearest by edit distance.
 */
import Ajv, { ValidateFunction } from 'ajv';
import platformConfigSchema from '../../schema/platform-config.schema.json';
import modelNamespaceSchema from '../../schema/model-namespace-options.schema.json';
import seldonDeploymentSchema from '../../schema/seldon-deployment.schema.json';
import { closestWord } from '../validation/json';
import { Checks, showValue } from './errors';
import { childPath, REDACTED, scanSecrets } from './secret-scan';

type Schema = { readonly [key: string]: unknown };

/** The schemas the synth checks, by the thing the user writes. */
const SCHEMAS = {
  platformConfig: platformConfigSchema as Schema,
  modelNamespaceOptions: modelNamespaceSchema as Schema,
  seldonDeploymentProps: seldonDeploymentSchema as Schema,
} as const;

export type ConfigSchemaName = keyof typeof SCHEMAS;

let ajv: Ajv | undefined;
const validators = new Map<ConfigSchemaName, ValidateFunction>();

/**
 * The compiled validator of a schema, compiled on first use. `inlineRefs: false` compiles each definition once instead
 * of inlining it at every reference, and `optimize: false` skips ajv's code optimisation passes: together they halve
 * the compile time of the SeldonDeployment schema (its Kubernetes PodSpec is most of it), which the synth pays once.
 */
function validatorOf(name: ConfigSchemaName): ValidateFunction {
  let validate = validators.get(name);
  if (!validate) {
    ajv ??= new Ajv({ strict: false, allErrors: false, validateFormats: false, validateSchema: false, inlineRefs: false, code: { optimize: false } });
    validate = ajv.compile(SCHEMAS[name]);
    validators.set(name, validate);
  }
  return validate;
}

/** One structural problem: where, what kind, and the words for it. */
interface SchemaIssue {
  readonly path: string;
  readonly value: unknown;
  readonly kind: 'unknown-key' | 'type' | 'enum' | 'required';
  readonly problem: string;
  readonly fix: string;
}

/**
 * Checks `value` against a schema and records one issue per structural problem (unknown key, wrong type, value not
 * allowed, required key missing), with paths below `path`. Returns the paths of the recorded issues.
 */
export function checkSchema(checks: Checks, name: ConfigSchemaName, value: unknown, path: string): void {
  if (validatorOf(name)(value)) return;
  const schema = SCHEMAS[name];
  const issues = explain(schema, schema, value, path);
  if (issues.length === 0) {
    // ajv and the explanation disagree: report ajv's first error rather than nothing.
    const error = validatorOf(name).errors?.[0];
    const at = (error?.instancePath ?? '').split('/').filter(Boolean).reduce((p, s) => childPath(p, /^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')), path);
    checks.fail(at, value, `does not match the schema (${error?.message ?? 'unknown reason'})`, 'see the type of this option in the source or the JSON Schema in schema/');
  }
  for (const issue of issues) checks.fail(issue.path, issue.value, issue.problem, issue.fix, issue.kind === 'type' ? 'structure' : 'schema');
}

/** The schema of a definition reference, or the node itself. */
function resolve(root: Schema, node: Schema): Schema {
  let current = node;
  for (let i = 0; i < 20 && typeof current.$ref === 'string'; i++) {
    const name = decodeURIComponent(current.$ref.replace('#/definitions/', ''));
    const target = (root.definitions as Record<string, Schema>)[name];
    if (!target) return {};
    const { $ref: _ref, ...rest } = current;
    current = { ...target, ...rest };
  }
  return current;
}

type JsonType = 'null' | 'boolean' | 'number' | 'integer' | 'string' | 'array' | 'object';

function jsonType(value: unknown): JsonType | 'undefined' | 'function' {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const t = typeof value;
  if (t === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (t === 'object') return 'object';
  if (t === 'bigint') return 'number';
  return t as 'boolean' | 'string' | 'undefined' | 'function';
}

function typesOf(node: Schema): JsonType[] | undefined {
  if (node.type === undefined) return undefined;
  return (Array.isArray(node.type) ? node.type : [node.type]) as JsonType[];
}

function typeMatches(types: readonly JsonType[], value: unknown): boolean {
  const actual = jsonType(value);
  return types.some((t) => t === actual || (t === 'number' && actual === 'integer'));
}

/** How a schema node reads in a message: "a boolean", "false", "one of \"a\", \"b\"", "an object (options)". */
function describe(root: Schema, node: Schema): string {
  const n = resolve(root, node);
  if ('const' in n) return showValue(n.const);
  if (Array.isArray(n.enum)) return n.enum.length === 1 ? showValue(n.enum[0]) : `one of ${n.enum.map((v) => showValue(v)).join(', ')}`;
  if (Array.isArray(n.anyOf)) return n.anyOf.map((b) => describe(root, b as Schema)).join(' or ');
  const types = typesOf(n) ?? (n.properties ? ['object'] : []);
  if (types.length === 0) return 'any value';
  return types.map((t) => ({ null: 'null', boolean: 'true or false', number: 'a number', integer: 'a whole number', string: 'a string', array: 'a list', object: 'an object' })[t]).join(' or ');
}

/** What a value is, for "… not X". */
function what(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  const t = typeof value;
  return t === 'object' ? 'an object' : t === 'string' ? `the string ${showValue(value)}` : `the ${t} ${showValue(value)}`;
}

function typeFix(root: Schema, node: Schema, value: unknown): string {
  const expected = describe(root, node);
  if (value === null) return `remove the key to get the default, or give ${expected}${expected.includes('false') ? ' (false switches it off)' : ''}`;
  if (typeof value === 'string' && /^(yes|no|true|false|on|off)$/i.test(value) && expected.includes('true or false')) return `write ${/^(yes|true|on)$/i.test(value) ? 'true' : 'false'} without quotes`;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value) && /number/.test(expected)) return `write ${value} without quotes`;
  return `give ${expected}`;
}

/**
 * The structural problems of `value` against `node`, in the user's terms. Empty when it conforms (for the keywords
 * ts-json-schema-generator emits: $ref, anyOf, type, const, enum, properties, required, additionalProperties, items).
 */
function explain(root: Schema, node: Schema, value: unknown, path: string): SchemaIssue[] {
  const n = resolve(root, node);
  if (Array.isArray(n.anyOf)) return explainUnion(root, n, n.anyOf as Schema[], value, path);
  const types = typesOf(n);
  if (types && !typeMatches(types, value)) {
    return [{ path, value, kind: 'type', problem: `must be ${describe(root, n)}, not ${what(value)}`, fix: typeFix(root, n, value) }];
  }
  if ('const' in n && value !== n.const) {
    return [{ path, value, kind: 'enum', problem: `must be ${showValue(n.const)}`, fix: `set ${showValue(n.const)}` }];
  }
  if (Array.isArray(n.enum) && !n.enum.includes(value)) {
    const allowed = n.enum.map(String);
    const near = typeof value === 'string' ? closestWord(value, allowed) : undefined;
    return [{ path, value, kind: 'enum', problem: `is not one of ${allowed.join(', ')}`, fix: near ? `did you mean ${near}?` : `use one of ${allowed.join(', ')}` }];
  }
  const issues: SchemaIssue[] = [];
  if (Array.isArray(value) && n.items && typeof n.items === 'object' && !Array.isArray(n.items)) {
    value.forEach((item, i) => issues.push(...explain(root, n.items as Schema, item, childPath(path, i))));
  }
  if (jsonType(value) === 'object' && (n.properties || n.additionalProperties !== undefined || n.required)) {
    const record = value as Record<string, unknown>;
    const properties = (n.properties ?? {}) as Record<string, Schema>;
    for (const key of (n.required ?? []) as string[]) {
      if (record[key] === undefined) {
        const exists = Object.keys(record).find((k) => k.toLowerCase() === key.toLowerCase());
        issues.push({ path: childPath(path, key), value: undefined, kind: 'required', problem: `is required${where(path)}`, fix: exists ? `rename ${exists} to ${key}` : `set ${key} (${describe(root, properties[key] ?? {})})` });
      }
    }
    for (const [key, v] of Object.entries(record)) {
      if (v === undefined) continue;
      if (Object.hasOwn(properties, key)) issues.push(...explain(root, properties[key], v, childPath(path, key)));
      else if (n.additionalProperties === false) issues.push(unknownKey(path, key, v, Object.keys(properties)));
      else if (n.additionalProperties && typeof n.additionalProperties === 'object') issues.push(...explain(root, n.additionalProperties as Schema, v, childPath(path, key)));
    }
  }
  return issues;
}

function where(path: string): string {
  return path ? ` in ${path}` : '';
}

function unknownKey(path: string, key: string, value: unknown, allowed: readonly string[]): SchemaIssue {
  const near = closestWord(key, allowed);
  const known = allowed.length > 0 ? `the options${where(path) || ' here'} are ${[...allowed].sort().join(', ')}` : 'this object takes no options';
  return {
    path: childPath(path, key),
    value,
    kind: 'unknown-key',
    problem: `is not an option${path ? ` of ${path}` : ''}: the key would be silently ignored`,
    fix: near ? `did you mean ${near}?` : `remove it (${known})`,
  };
}

/**
 * A union: conforming to any alternative is enough. Otherwise report the alternative the value was meant as: of those
 * whose type it has, the one that matches its discriminating constants (e.g. `type: "strimzi"`) with the fewest
 * problems. A value of none of the types gets one "must be A or B" issue.
 */
function explainUnion(root: Schema, node: Schema, branches: readonly Schema[], value: unknown, path: string): SchemaIssue[] {
  const scored: { issues: SchemaIssue[]; score: number }[] = [];
  for (const branch of branches) {
    const b = resolve(root, branch);
    const issues = explain(root, b, value, path);
    if (issues.length === 0) return [];
    const types = typesOf(b) ?? (Array.isArray(b.anyOf) ? undefined : b.properties ? ['object' as const] : undefined);
    if (types && !typeMatches(types, value)) continue;
    if (!types && issues.some((i) => i.path === path && i.kind === 'type')) continue;
    const discriminatorMisses = issues.filter((i) => i.kind === 'enum' && i.path !== path && isDirectChild(path, i.path)).length;
    scored.push({ issues, score: discriminatorMisses * 1000 + issues.length });
  }
  // No alternative of the value's type, or only constants of it that it misses (`number | ""` given "3"): say what the
  // union takes as a whole.
  const onlyMissesConstant = scored.every((s) => s.issues.length === 1 && s.issues[0].path === path && s.issues[0].kind === 'enum');
  if (scored.length === 0 || (onlyMissesConstant && scored.length < branches.length)) {
    return [{ path, value, kind: 'type', problem: `must be ${describe(root, node)}, not ${what(value)}`, fix: typeFix(root, node, value) }];
  }
  scored.sort((a, b) => a.score - b.score);
  return scored[0].issues;
}

function isDirectChild(parent: string, child: string): boolean {
  const rest = parent === '' ? child : child.slice(parent.length);
  return child.startsWith(parent) && /^\.?[A-Za-z_$][\w$-]*$|^\["[^"]*"\]$/.test(rest);
}

/**
 * Everything the synth checks about a value a user typed before any concern looks at it: its structure against the
 * generated schema, and every string in it (chart value pass-throughs included) against the secret scanner.
 */
export function checkUserInput(checks: Checks, name: ConfigSchemaName, value: unknown, path: string): void {
  checkSchema(checks, name, value, path);
  for (const finding of scanSecrets(value, path)) {
    checks.fail(
      finding.path,
      REDACTED,
      `looks like a secret value (${finding.reason}): everything here is written to Git and dist/`,
      'reference a Kubernetes Secret by name instead (a `...Secret`, `secretName` or `existingSecret` key, created out of band or by an ExternalSecret; see docs/secrets.md)',
      'secret',
    );
  }
}
