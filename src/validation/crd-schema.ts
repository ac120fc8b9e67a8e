/**
 * Converts a CRD's structural `openAPIV3Schema` into a JSON Schema that ajv checks the way the API server treats the
 * object: unknown fields (which the server prunes or, with strict field validation, rejects) are errors, except where
 * the schema says `x-kubernetes-preserve-unknown-fields`.
 */
import type Ajv from 'ajv';
import { isRecord, mapValues } from './json';
import { describeGvk, GroupVersionKind, gvkKey } from './kinds';
import { compileCheck, JsonSchema, pruneToData, SchemaCheck, typeListOf } from './schemas';

/**
 * Where a schema node sits: `structural` nodes describe the object's shape and are closed; `value` nodes sit inside
 * `allOf` / `anyOf` / `oneOf` / `not`, only add constraints to the shape, and are never closed.
 */
type Mode = 'structural' | 'value';

/** Validation keywords copied unchanged (formats are carried but not checked). */
const COPIED_KEYWORDS = [
  'enum',
  'format',
  'maxItems',
  'maxLength',
  'maxProperties',
  'maximum',
  'minItems',
  'minLength',
  'minProperties',
  'minimum',
  'multipleOf',
  'pattern',
  'required',
  'uniqueItems',
] as const;

/** What every embedded resource carries besides its schema's own fields. */
const EMBEDDED_RESOURCE_FIELDS: JsonSchema = {
  apiVersion: { type: 'string' },
  kind: { type: 'string' },
  metadata: { type: 'object' },
};

/**
 * Validators for custom kinds. Each CRD version's schema is converted once per group/version/kind; what ajv compiles is
 * that schema pruned to the fields an object has, once per distinct pruned schema: compiling a whole multi-megabyte
 * CRD schema (Kafka, ArgoCD, ServiceMeshControlPlane) takes ajv the better part of a second, a pruned one milliseconds.
 */
export class CrdSchemas {
  private readonly kinds = new Map<string, { schema: JsonSchema | undefined; checks: Map<string, SchemaCheck> }>();

  constructor(private readonly ajv: Ajv) {}

  /** The check for `object`, of a kind whose served version has this `openAPIV3Schema` (none: anything goes). */
  public checkFor(gvk: GroupVersionKind, openAPIV3Schema: unknown, object: Record<string, unknown>): SchemaCheck {
    const key = gvkKey(gvk);
    let kind = this.kinds.get(key);
    if (!kind) {
      kind = { schema: openAPIV3Schema === undefined ? undefined : crdVersionSchema(openAPIV3Schema), checks: new Map() };
      this.kinds.set(key, kind);
    }
    if (!kind.schema) return () => [];
    const pruned = pruneToData(kind.schema, [object]);
    const shape = JSON.stringify(pruned);
    let check = kind.checks.get(shape);
    if (!check) {
      check = this.compile(gvk, pruned);
      kind.checks.set(shape, check);
    }
    return check;
  }

  /** Compiles a schema; one ajv cannot compile becomes an issue for each object of the kind. */
  private compile(gvk: GroupVersionKind, schema: JsonSchema): SchemaCheck {
    try {
      return compileCheck(this.ajv, schema);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return () => [{ path: '', message: `the CRD schema of ${describeGvk(gvk)} cannot be compiled: ${reason}`, check: 'schema' }];
    }
  }
}

/**
 * The JSON Schema of one CRD version. `apiVersion`, `kind` and `metadata` are always allowed at the root; `metadata`
 * is checked for its basic shape only (the API server owns its schema; names and labels are checked separately).
 */
export function crdVersionSchema(openAPIV3Schema: unknown): JsonSchema {
  const root = convertNode(openAPIV3Schema, 'structural');
  root.properties = { ...(isRecord(root.properties) ? root.properties : {}), ...EMBEDDED_RESOURCE_FIELDS };
  return root;
}

function convertNode(node: unknown, mode: Mode): JsonSchema {
  if (!isRecord(node)) return {};
  const out: JsonSchema = {};
  for (const keyword of COPIED_KEYWORDS) if (node[keyword] !== undefined) out[keyword] = node[keyword];
  convertExclusiveBound(node, out, 'minimum', 'exclusiveMinimum');
  convertExclusiveBound(node, out, 'maximum', 'exclusiveMaximum');
  setType(node, out);
  if (isRecord(node.properties)) out.properties = mapValues(node.properties, (child) => convertNode(child, mode));
  if (isRecord(node.items)) out.items = convertNode(node.items, mode);
  if (isRecord(node.additionalProperties)) out.additionalProperties = convertNode(node.additionalProperties, mode);
  else if (typeof node.additionalProperties === 'boolean') out.additionalProperties = node.additionalProperties;
  for (const junctor of ['allOf', 'anyOf', 'oneOf'] as const) {
    const branches = node[junctor];
    if (Array.isArray(branches) && !(node['x-kubernetes-int-or-string'] === true && typeListOf(branches))) {
      out[junctor] = branches.map((branch) => convertNode(branch, 'value'));
    }
  }
  if (isRecord(node.not)) out.not = convertNode(node.not, 'value');
  if (node['x-kubernetes-embedded-resource'] === true) {
    out.properties = { ...(isRecord(out.properties) ? out.properties : {}), ...EMBEDDED_RESOURCE_FIELDS };
  }
  if (mode === 'structural' && isClosed(node)) out.additionalProperties = false;
  return out;
}

/**
 * The type: `x-kubernetes-int-or-string` accepts integers and strings (the `anyOf` that usually spells it out is
 * then dropped, for one clear message); `nullable` adds `null` to the type and to any `enum`.
 */
function setType(node: Record<string, unknown>, out: JsonSchema): void {
  const types = node['x-kubernetes-int-or-string'] === true ? ['integer', 'string'] : typeof node.type === 'string' ? [node.type] : [];
  if (node.nullable === true) {
    if (types.length > 0) types.push('null');
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
  }
  if (types.length > 0) out.type = types.length === 1 ? types[0] : types;
}

/** OpenAPI v3.0 spells an exclusive bound as `minimum: 0, exclusiveMinimum: true`; draft-07 as `exclusiveMinimum: 0`. */
function convertExclusiveBound(node: Record<string, unknown>, out: JsonSchema, bound: 'minimum' | 'maximum', exclusive: string): void {
  const flag = node[exclusive];
  if (typeof flag === 'number') out[exclusive] = flag;
  else if (flag === true && typeof node[bound] === 'number') {
    out[exclusive] = node[bound];
    delete out[bound];
  }
}

/**
 * True when the API server keeps only the declared fields of this node: it is an object schema (declares
 * `properties`, or is `type: object`) without `additionalProperties` and without `x-kubernetes-preserve-unknown-fields`.
 * A bare `type: object` therefore accepts only `{}`, as the server prunes everything inside it.
 */
function isClosed(node: Record<string, unknown>): boolean {
  if (node.additionalProperties !== undefined || node['x-kubernetes-preserve-unknown-fields'] === true) return false;
  return isRecord(node.properties) || node.type === 'object';
}
