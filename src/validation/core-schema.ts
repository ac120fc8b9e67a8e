/**
 * Built-in Kubernetes kinds, validated against the Kubernetes 1.28 JSON definitions (the `_definitions.json` that cdk8s
 * publishes) and closed like `kubectl apply --validate=strict`: a field the definition does not declare is an error.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Ajv from 'ajv';
import { isRecord, JsonRecord, mapValues } from './json';
import { GroupVersionKind, gvkKey } from './kinds';
import { compileCheck, JsonSchema, SchemaCheck, typeListOf } from './schemas';

/** Where the Kubernetes definitions live inside a CRD folder. */
export const K8S_DEFINITIONS_FILE = join('k8s', 'k8s-1.28-definitions.json');

/** The id under which the converted definitions are registered with ajv. */
const SCHEMA_ID = 'k8s-1.28';

/** Validators for built-in kinds, compiled on first use of each kind. */
export class CoreSchemas {
  /** Loads `k8s/k8s-1.28-definitions.json` from a CRD folder; undefined when the folder has none. */
  public static fromCrdDir(ajv: Ajv, crdDir: string): CoreSchemas | undefined {
    const file = join(crdDir, K8S_DEFINITIONS_FILE);
    if (!existsSync(file)) return undefined;
    const document: unknown = JSON.parse(readFileSync(file, 'utf8'));
    const definitions = isRecord(document) && isRecord(document.definitions) ? document.definitions : undefined;
    if (!definitions) throw new Error(`${file} has no "definitions" object`);
    return new CoreSchemas(ajv, definitions);
  }

  private readonly definitionByGvk = new Map<string, string>();
  private readonly checks = new Map<string, SchemaCheck>();

  private constructor(private readonly ajv: Ajv, definitions: JsonRecord) {
    const converted: JsonRecord = {};
    for (const [name, definition] of Object.entries(definitions)) {
      converted[name] = closeDefinition(definition);
      for (const gvk of groupVersionKinds(definition)) this.definitionByGvk.set(gvkKey(gvk), name);
    }
    ajv.addSchema({ $id: SCHEMA_ID, definitions: converted });
  }

  /** True when Kubernetes 1.28 serves this group/version/kind. */
  public has(gvk: GroupVersionKind): boolean {
    return this.definitionByGvk.has(gvkKey(gvk));
  }

  /** The validator of a served kind (compiled once), or undefined for a kind Kubernetes 1.28 does not serve. */
  public checkFor(gvk: GroupVersionKind): SchemaCheck | undefined {
    const key = gvkKey(gvk);
    const definition = this.definitionByGvk.get(key);
    if (definition === undefined) return undefined;
    let check = this.checks.get(key);
    if (!check) {
      check = compileCheck(this.ajv, `${SCHEMA_ID}#/definitions/${definition}`);
      this.checks.set(key, check);
    }
    return check;
  }
}

/** The `x-kubernetes-group-version-kind` entries of a definition: the kinds it is the top-level schema of. */
function groupVersionKinds(definition: unknown): GroupVersionKind[] {
  const entries = isRecord(definition) ? definition['x-kubernetes-group-version-kind'] : undefined;
  if (!Array.isArray(entries)) return [];
  return entries.filter(isRecord).flatMap((e) =>
    typeof e.group === 'string' && typeof e.version === 'string' && typeof e.kind === 'string'
      ? [{ group: e.group, version: e.version, kind: e.kind }]
      : [],
  );
}

/**
 * Rewrites one definition (recursively) for strict validation: objects that declare `properties` and no
 * `additionalProperties` are closed; a `oneOf` of bare types (IntOrString, Quantity) becomes a type list, so `8080`
 * and `"http"`, or `1` and `"500m"`, are both accepted with a clear message otherwise; descriptions are dropped.
 */
function closeDefinition(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closeDefinition);
  if (!isRecord(node)) return node;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'description') continue;
    out[key] = isDataKeyword(key) ? value : key === 'properties' ? mapValues(value, closeDefinition) : closeDefinition(value);
  }
  const bareTypes = typeListOf(out.oneOf);
  if (bareTypes) {
    delete out.oneOf;
    out.type = bareTypes;
  }
  if (node['x-kubernetes-int-or-string'] === true) out.type = ['integer', 'string'];
  if (isRecord(out.properties) && out.additionalProperties === undefined && node['x-kubernetes-preserve-unknown-fields'] !== true) {
    out.additionalProperties = false;
  }
  return out;
}

/** Keywords whose value is data, not a schema: copied as is. */
function isDataKeyword(key: string): boolean {
  return key === 'enum' || key === 'required' || key === 'default' || key === 'example' || key.startsWith('x-');
}
