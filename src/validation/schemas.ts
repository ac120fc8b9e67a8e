/**
 * The JSON Schema engine shared by the core-kind and CRD validators: one configured ajv, compiling a schema into a
 * function that returns readable issues (JSON path, bad value, what is wrong).
 */
import Ajv, { ErrorObject } from 'ajv';
import type { RegExpEngine, RegExpLike } from 'ajv/dist/types';
import { closestWord, formatPath, isRecord, JsonRecord, jsonTypeOf, PathSegment, showValue } from './json';
import { Issue } from './types';

/** A JSON Schema as a plain object (draft-07, as ajv reads it). */
export type JsonSchema = JsonRecord;

/** Checks one object against a compiled schema; an empty list means it conforms. */
export type SchemaCheck = (object: unknown) => Issue[];

/** Creates the ajv instance used for every schema: lenient about schema keywords, strict about data. */
export function createAjv(): Ajv {
  return new Ajv({
    strict: false,
    allErrors: true,
    verbose: true,
    validateFormats: false,
    validateSchema: false,
    code: { regExp: goCompatibleRegExp },
  });
}

/** Compiles a schema (or a reference already added to `ajv`) into a {@link SchemaCheck}. Throws when ajv cannot. */
export function compileCheck(ajv: Ajv, schema: JsonSchema | string): SchemaCheck {
  const validate = typeof schema === 'string' ? ajv.getSchema(schema) : ajv.compile(schema);
  if (!validate) throw new Error(`no schema ${schema as string}`);
  return (object) => (validate(object) ? [] : describeErrors(validate.errors ?? [], object));
}

/** Annotation keyword (ignored by ajv) listing the fields a pruned object schema declared before pruning. */
const DECLARED_FIELDS = 'x-declared-fields';

/**
 * The part of `schema` that `values` reach: object properties they do not have, and the schemas below them, are left
 * out. Validation is unchanged (an absent field is checked only by `required`, which is kept), but compiling the
 * result costs in proportion to the object rather than to a multi-megabyte CRD schema. The pruned schema records the
 * declared field names, so messages about unknown fields still list them.
 */
export function pruneToData(schema: JsonSchema, values: readonly unknown[]): JsonSchema {
  const pruned: JsonSchema = { ...schema };
  const records = values.filter(isRecord);
  const declared = isRecord(schema.properties) ? schema.properties : undefined;
  if (declared) {
    const kept: JsonSchema = {};
    for (const [field, child] of Object.entries(declared)) {
      const reached = records.filter((record) => Object.hasOwn(record, field)).map((record) => record[field]);
      if (reached.length > 0) kept[field] = isRecord(child) ? pruneToData(child, reached) : child;
    }
    pruned.properties = kept;
    pruned[DECLARED_FIELDS] = Object.keys(declared);
  }
  if (isRecord(schema.additionalProperties)) {
    const undeclared = (key: string): boolean => !declared || !Object.hasOwn(declared, key);
    const extra = records.flatMap((record) => Object.keys(record).filter(undeclared).map((key) => record[key]));
    pruned.additionalProperties = pruneToData(schema.additionalProperties, extra);
  }
  if (isRecord(schema.items)) pruned.items = pruneToData(schema.items, values.filter(Array.isArray).flat());
  return pruned;
}

/**
 * The type list equivalent to alternatives that are bare types (`[{type: integer}, {type: string}]` → `['integer',
 * 'string']`), as Kubernetes writes int-or-string and quantity; undefined for any other alternatives.
 */
export function typeListOf(alternatives: unknown): string[] | undefined {
  if (!Array.isArray(alternatives) || alternatives.length === 0) return undefined;
  const types = alternatives.map((branch) =>
    isRecord(branch) && Object.keys(branch).length === 1 && typeof branch.type === 'string' ? branch.type : undefined,
  );
  return types.every((type): type is string => type !== undefined) ? types : undefined;
}

/**
 * Patterns in Kubernetes schemas are Go (RE2) regular expressions. Most are valid JavaScript; the rest use the inline
 * flag `(?i)`, which becomes a case-insensitive match of the whole pattern. A pattern JavaScript still cannot compile
 * is not checked rather than failing the whole schema.
 */
const goCompatibleRegExp: RegExpEngine = Object.assign(
  (pattern: string, flags: string): RegExpLike =>
    tryRegExp(pattern, flags) ??
    tryRegExp(pattern, flags.replace('u', '')) ??
    tryRegExp(pattern.split('(?i)').join(''), `${flags.replace('u', '')}i`) ?? { test: () => true },
  { code: 'goCompatibleRegExp' },
);

function tryRegExp(pattern: string, flags: string): RegExp | undefined {
  try {
    return new RegExp(pattern, flags);
  } catch {
    return undefined;
  }
}

/** Turns ajv errors into one issue per problem, without the noise of every failed `anyOf` / `oneOf` branch. */
export function describeErrors(errors: readonly ErrorObject[], object: unknown): Issue[] {
  const alternatives = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => `${e.schemaPath}/`);
  const seen = new Set<string>();
  const issues: Issue[] = [];
  for (const error of errors) {
    if (alternatives.some((prefix) => error.schemaPath.startsWith(prefix))) continue;
    const issue = describeError(error, object);
    const key = `${issue.path}\u0000${issue.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      issues.push(issue);
    }
  }
  return issues;
}

function describeError(error: ErrorObject, object: unknown): Issue {
  const { segments, value } = resolvePointer(object, error.instancePath);
  const params: JsonRecord = error.params;
  const at = (extra: PathSegment[], message: string): Issue => ({ path: formatPath([...segments, ...extra]), message, check: 'schema' });
  switch (error.keyword) {
    case 'additionalProperties': {
      const field = String(params.additionalProperty);
      return at([field], unknownFieldMessage(field, error.parentSchema));
    }
    case 'required':
      return at([String(params.missingProperty)], 'required field is missing');
    case 'type': {
      const expected = listOf(params.type).join(' or ');
      return at([], value === null
        ? `null is not allowed: the field is not nullable, so the API server would drop it; remove it or set a value (${expected})`
        : `${showValue(value)} is ${article(jsonTypeOf(value))}, expected ${expected}`);
    }
    case 'enum':
      return at([], `${showValue(value)} is not one of ${listOf(params.allowedValues).map(showValue).join(', ')}`);
    case 'const':
      return at([], `${showValue(value)} must be ${showValue(params.allowedValue)}`);
    case 'pattern':
      return at([], `${showValue(value)} does not match the pattern ${String(params.pattern)}`);
    case 'anyOf':
      return at([], `${showValue(value)} matches none of the allowed forms`);
    case 'oneOf':
      return at([], Array.isArray(params.passingSchemas)
        ? `${showValue(value)} matches more than one of the forms of which exactly one is allowed`
        : `${showValue(value)} matches none of the allowed forms`);
    case 'not':
      return at([], `${showValue(value)} matches a form that is not allowed here`);
    case 'false schema':
      return at([], `${showValue(value)} is not allowed here`);
    default:
      return at([], `${showValue(value)} ${error.message ?? `breaks the schema keyword ${error.keyword}`}`);
  }
}

function unknownFieldMessage(field: string, parentSchema: unknown): string {
  const properties = declaredFields(parentSchema);
  if (properties.length === 0) {
    return `unknown field "${field}": the schema declares no fields here, so the API server would drop it`;
  }
  const suggestion = closestWord(field, properties);
  if (suggestion) return `unknown field "${field}": did you mean "${suggestion}"?`;
  const shown = properties.length > 12 ? [...properties.slice(0, 12), '...'] : properties;
  return `unknown field "${field}" (allowed here: ${shown.join(', ')})`;
}

function declaredFields(schema: unknown): string[] {
  if (!isRecord(schema)) return [];
  const recorded = schema[DECLARED_FIELDS];
  if (Array.isArray(recorded)) return recorded.map(String);
  return isRecord(schema.properties) ? Object.keys(schema.properties) : [];
}

/** Follows a JSON pointer into `object`, returning readable path segments (array indexes as numbers) and the value. */
function resolvePointer(object: unknown, pointer: string): { segments: PathSegment[]; value: unknown } {
  const segments: PathSegment[] = [];
  let value = object;
  if (pointer === '') return { segments, value };
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(value)) {
      const index = Number(token);
      segments.push(index);
      value = value[index];
    } else {
      segments.push(token);
      value = isRecord(value) ? value[token] : undefined;
    }
  }
  return { segments, value };
}

function listOf(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return typeof value === 'string' ? value.split(',') : [value];
}

function article(typeName: string): string {
  return /^[aeiou]/.test(typeName) ? `an ${typeName}` : `a ${typeName}`;
}
