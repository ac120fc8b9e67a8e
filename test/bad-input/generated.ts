/**
 * Catalogue cases derived from the generated JSON Schemas (schema/), so that every option is covered as options are
 * added: a misspelt key in every object at every depth (expecting "did you mean <key>?"), a secret in every place a
 * string is accepted (expecting the path and `<redacted>`, and the secret nowhere in the output), and a quoted value
 * for every boolean and number option (expecting a type error at the path). The schema only says where the options
 * are; what the synth must answer is stated here.
 */
import platformSchema from '../../schema/platform-config.schema.json';
import namespaceSchema from '../../schema/model-namespace-options.schema.json';
import deploymentSchema from '../../schema/seldon-deployment.schema.json';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any
type Place = (inner: Json) => Json;

/** Where a generated value goes: its path segments and how to build the whole input around it. */
export interface Site {
  readonly segments: readonly (string | number)[];
  readonly place: Place;
  readonly node: Json;
}

export interface Sites {
  readonly objects: Site[];
  readonly strings: Site[];
  readonly booleans: Site[];
  readonly numbers: Site[];
  readonly freeForm: Site[];
  /** String options with a fixed set of values (two or more). */
  readonly enums: Site[];
}

/** Definitions not to descend into: Kubernetes' own PodSpec (typed by cdk8s-plus; one hand-written case covers it). */
const OPAQUE = new Set(['PodSpec']);

function resolve(root: Json, node: Json): { node: Json; def?: string } {
  let def: string | undefined;
  let n = node;
  while (n && typeof n.$ref === 'string') {
    def = decodeURIComponent(n.$ref.replace('#/definitions/', ''));
    n = root.definitions[def];
  }
  return { node: n, def };
}

/** The alternatives a node allows, with anyOf flattened and references resolved. */
function alternatives(root: Json, node: Json): { node: Json; def?: string }[] {
  const r = resolve(root, node);
  if (Array.isArray(r.node?.anyOf)) return r.node.anyOf.flatMap((b: Json) => alternatives(root, b)).map((a: { node: Json; def?: string }) => ({ ...a, def: a.def ?? r.def }));
  return [r];
}

/** The constants an object alternative is recognised by (its discriminator), e.g. { type: "strimzi" }. */
function discriminators(root: Json, node: Json): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const key of node.required ?? []) {
    const p = resolve(root, node.properties?.[key] ?? {}).node;
    if (p && 'const' in p) out[key] = p.const;
    else if (Array.isArray(p?.enum) && p.enum.length === 1) out[key] = p.enum[0];
  }
  return out;
}

/** Every object, string, boolean, number and free-form place under a root schema. */
export function sitesOf(root: Json): Sites {
  const sites: Sites = { objects: [], strings: [], booleans: [], numbers: [], freeForm: [], enums: [] };
  const walk = (node: Json, place: Place, segments: (string | number)[], seen: ReadonlySet<string>): void => {
    const alts = alternatives(root, node);
    // `"A" | "B" | (string & {})`: any string is allowed, so a near miss of A is no mistake.
    const anyString = alts.some((a) => a.node?.type === 'string' && !Array.isArray(a.node.enum) && !('const' in a.node));
    for (const alt of alts) {
      const n = alt.node;
      if (!n || (alt.def && (seen.has(alt.def) || OPAQUE.has(alt.def)))) continue;
      const inside = alt.def ? new Set([...seen, alt.def]) : seen;
      const types: string[] = n.type === undefined ? [] : Array.isArray(n.type) ? n.type : [n.type];
      if (n.properties) {
        const consts = discriminators(root, n);
        const here: Place = (inner) => place({ ...consts, ...inner });
        sites.objects.push({ segments, place: here, node: n });
        for (const [key, child] of Object.entries(n.properties)) walk(child, (v) => here({ [key]: v }), [...segments, key], inside);
      } else if (types.includes('array') && n.items && !Array.isArray(n.items)) {
        walk(n.items, (v) => place([v]), [...segments, 0], inside);
      } else if (types.includes('object') && n.additionalProperties && typeof n.additionalProperties === 'object') {
        if (Object.keys(n.additionalProperties).length === 0) sites.freeForm.push({ segments, place, node: n });
        else walk(n.additionalProperties, (v) => place({ item: v }), [...segments, 'item'], inside);
      } else if ('const' in n || Array.isArray(n.enum)) {
        if (!anyString && Array.isArray(n.enum) && n.enum.length > 1 && n.enum.every((v: Json) => typeof v === 'string')) sites.enums.push({ segments, place, node: n });
      } else if (types.includes('string')) sites.strings.push({ segments, place, node: n });
      else if (types.includes('boolean')) sites.booleans.push({ segments, place, node: n });
      else if (types.includes('number') || types.includes('integer')) sites.numbers.push({ segments, place, node: n });
    }
  };
  walk({ $ref: root.$ref }, (v) => v, [], new Set());
  const unique = (list: Site[]) => [...new Map(list.map((s) => [`${s.segments.join('.')}|${JSON.stringify(s.place({}))}`, s])).values()];
  return { objects: unique(sites.objects), strings: uniqueByPath(sites.strings), booleans: uniqueByPath(sites.booleans), numbers: uniqueByPath(sites.numbers), freeForm: uniqueByPath(sites.freeForm), enums: uniqueByPath(sites.enums) };
}

function uniqueByPath(list: Site[]): Site[] {
  return [...new Map(list.map((s) => [s.segments.join('.'), s])).values()];
}

export const SCHEMAS = { platform: platformSchema as Json, namespace: namespaceSchema as Json, deployment: deploymentSchema as Json };

/** A dotted path as the synth prints it: `a.b[0].c`. */
export function pathOf(prefix: string, segments: readonly (string | number)[]): string {
  return segments.reduce<string>((p, s) => (typeof s === 'number' ? `${p}[${s}]` : p ? `${p}.${s}` : s), prefix);
}

/** Levenshtein distance (case-insensitive), to keep only typos with one obvious intended key. */
function distance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  const row = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    let diag = row[0];
    row[0] = i;
    for (let j = 1; j <= y.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diag + (x[i - 1] === y[j - 1] ? 0 : 1));
      diag = above;
    }
  }
  return row[y.length];
}

/**
 * A misspelling of one of the object's keys that is one edit from it and at least three from every other key: the
 * middle letter dropped (or, for short keys, a letter doubled). Undefined when no key gives an unambiguous typo.
 */
export function typoOf(keys: readonly string[]): { key: string; typo: string } | undefined {
  for (const key of [...keys].sort()) {
    const typo = key.length > 3 ? key.slice(0, Math.floor(key.length / 2)) + key.slice(Math.floor(key.length / 2) + 1) : `${key}${key.slice(-1)}`;
    if (keys.every((k) => k === key || distance(typo, k) >= 3)) return { key, typo };
  }
  return undefined;
}

/** Secret values of every shape the scanner must catch, used in turn (built so the literal is not a token in Git). */
export const SECRET_SHAPES: readonly (readonly [string, string])[] = [
  ['a GitHub token', ['ghp', 'Zq8vN3xK1mR7tY5wL2pB9cF4hJ6dS0aE3gU8'].join('_')],
  ['a PEM private key', ['-----BEGIN', 'RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAq1w2e3r4\n-----END RSA PRIVATE KEY-----'].join(' ')],
  ['a URL with a password', ['postgres://seldon', 'Pw9xQ2vL@db.example.com:5432/deploy'].join(':')],
  ['an AWS access key id', ['AKIA', 'Q3ZV7XK2M9PL4RTB'].join('')],
  ['a long random string', ['aB3xQ9zLmP2vK8wR4tY7', 'uN1cE5hJ6gF0dSq'].join('')],
  ['a Slack token', ['xoxb', '2784519203-7713829104-Qm8ZrT3vX9kL2pW'].join('-')],
];
