/**
 * Generates the JSON Schemas of the user-facing types with ts-json-schema-generator (build time only: `npm run schema`
 * and the staleness test; the synth reads the committed files). One TypeScript program serves every root type.
 */
import { createGenerator } from 'ts-json-schema-generator';
import { join } from 'node:path';

/** Where the generated schemas are committed. */
export const SCHEMA_DIR = 'schema';

/** The root types users write, by output file: the type, and the source file that exports it. */
export const SCHEMA_ROOTS = {
  'platform-config.schema.json': { type: 'PlatformConfig', source: 'src/config.ts', title: 'seldon-platform environment (PlatformConfig)' },
  'model-namespace-options.schema.json': { type: 'ModelNamespaceOptions', source: 'src/concerns/model-namespace.ts', title: 'SeldonPlatform.addModelNamespace(name, options)' },
  'seldon-deployment.schema.json': { type: 'SeldonDeploymentProps', source: 'src/constructs/seldon-deployment.ts', title: 'new SeldonDeployment(scope, id, props)' },
} as const;

export type SchemaFile = keyof typeof SCHEMA_ROOTS;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every schema, by file name, generated from the sources under `root`. */
export function generateSchemas(root: string): Map<SchemaFile, Json> {
  const sources = [...new Set(Object.values(SCHEMA_ROOTS).map((r) => r.source))];
  const generator = createGenerator({
    path: join(root, `{${sources.join(',')}}`),
    tsconfig: join(root, 'tsconfig.json'),
    skipTypeCheck: true, // `tsc --noEmit` (npm test) type-checks; here only the types are read
    additionalProperties: false, // an interface's unknown keys are refused, at every depth
    expose: 'export',
    topRef: true,
    jsDoc: 'extended',
    sortProps: true,
    strictTuples: false,
    encodeRefs: false,
  });
  const out = new Map<SchemaFile, Json>();
  for (const [file, { type, title }] of Object.entries(SCHEMA_ROOTS) as [SchemaFile, (typeof SCHEMA_ROOTS)[SchemaFile]][]) {
    const schema = generator.createSchema(type) as unknown as { [key: string]: Json };
    out.set(file, withSchemaKey(type, openPartials(stableNames({ $schema: 'http://json-schema.org/draft-07/schema#', $id: `https://seldon-platform.local/schema/${file}`, title, ...withoutKey(schema, '$schema') }))));
  }
  return out;
}

function withoutKey(o: { [key: string]: Json }, key: string): { [key: string]: Json } {
  const { [key]: _drop, ...rest } = o;
  return rest;
}

/**
 * Anonymous structures get definition names from source offsets (`structure-226284269-7034-…`), which change with
 * every edit of the file. Renames them after the first place that references them (`Parent.property`), so a new field
 * elsewhere does not rename every definition of the file.
 */
function stableNames(schema: { [key: string]: Json }): { [key: string]: Json } {
  const definitions = (schema.definitions ?? {}) as { [key: string]: Json };
  const renames = new Map<string, string>();
  const taken = new Set(Object.keys(definitions).filter((n) => !/structure-|\d{6,}/.test(n)));
  const visit = (node: Json, where: string): void => {
    if (Array.isArray(node)) node.forEach((n) => visit(n, where));
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (k === '$ref' && typeof v === 'string') {
          const name = v.replace('#/definitions/', '');
          if (/structure-|\d{6,}/.test(name) && !renames.has(name)) {
            let stable = where;
            for (let i = 2; taken.has(stable); i++) stable = `${where}${i}`;
            taken.add(stable);
            renames.set(name, stable);
            visit(definitions[name], stable);
          }
        } else visit(v, k === 'properties' || k === 'definitions' ? where : /^[A-Za-z_$][\w$]*$/.test(k) && !KEYWORDS.has(k) ? `${where}.${k}` : where);
      }
    }
  };
  for (const [name, def] of Object.entries(definitions)) if (taken.has(name)) visit(def, name.replace(/[<>]/g, '_').replace(/_+$/, ''));
  visit(withoutKey(schema, 'definitions'), 'root');
  const rename = (node: Json): Json => {
    if (Array.isArray(node)) return node.map(rename);
    if (!node || typeof node !== 'object') return node;
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' ? `#/definitions/${renames.get(v.replace('#/definitions/', '')) ?? v.replace('#/definitions/', '')}` : rename(v)]));
  };
  const renamed = rename(schema) as { [key: string]: Json };
  renamed.definitions = Object.fromEntries(
    Object.entries(definitions)
      .map(([name, def]): [string, Json] => [renames.get(name) ?? name, rename(def)])
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  return renamed;
}

/**
 * `OpenPartial<T>` (src/lib/merge.ts) makes every field optional at every depth and accepts other keys; the generator
 * resolves the mapped type only one level into named interfaces, so those are made open and optional here, as the
 * TypeScript type is.
 */
function openPartials(schema: { [key: string]: Json }): { [key: string]: Json } {
  const open = (node: Json): Json => {
    if (Array.isArray(node)) return node.map(open);
    if (!node || typeof node !== 'object') return node;
    const out: { [key: string]: Json } = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === 'required') continue;
      if (k === 'additionalProperties' && v === false) continue;
      out[k] = k === 'properties' && v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).map(([p, c]) => [p, open(c)])) : open(v);
    }
    return out;
  };
  const definitions = schema.definitions as { [key: string]: Json };
  for (const name of Object.keys(definitions)) if (name.startsWith('OpenPartial')) definitions[name] = open(definitions[name]);
  return schema;
}

/**
 * A JSON or YAML file may name its schema in a top-level `$schema` key (editors read it); the root type accepts that
 * one key besides its own, as a string, and the platform ignores it.
 */
function withSchemaKey(type: string, schema: { [key: string]: Json }): { [key: string]: Json } {
  const root = (schema.definitions as { [key: string]: { [key: string]: Json } })[type];
  root.properties = { $schema: { type: 'string', description: 'The JSON Schema this file follows, for editors; ignored by the platform.' }, ...(root.properties as { [key: string]: Json }) };
  return schema;
}

const KEYWORDS = new Set(['anyOf', 'allOf', 'oneOf', 'items', 'additionalProperties', 'not', 'type', 'enum', 'const', 'required', 'description', 'default']);
