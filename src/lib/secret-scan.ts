/**
 * The one secret scanner of the project: the synth runs it over every string of the configuration (platform options,
 * model-namespace options, construct props, chart value pass-throughs such as `deploy.values`), and `npm run validate`
 * runs it over every string of every object in dist/. A finding names the path and the reason, never the value.
 *
 * Two independent rules:
 *
 * 1. By key. A key is split into words (`adminPassword` → admin, password; `DB_PASS` → db, pass). When its LAST word
 *    names a credential (password, passwd, pass, pwd, passphrase, token, credential(s), apikey/api key, private key,
 *    access key, …), the key holds the credential itself, so any non-empty string there is refused. When the last word
 *    names a reference instead (`secretName`, `secretKeyRef`, `passwordKey`, `tokenSecretRef`, `tokenEndpoint`), the
 *    string is the name of something else and is allowed. A key whose last word is `secret` (`existingSecret`,
 *    `passwordSecret`, `clientSecret`) names a Kubernetes Secret in this project's config and in most charts, so its
 *    value is allowed exactly when it is a valid Secret name (a DNS-1123 subdomain); anything else (`"S3cr3t!"`,
 *    `"a b"`) is refused. Referencing a secret by name is therefore always possible; writing its value is not.
 *    A `{ name, value }` pair (a container's env entry, a Helm parameter) is judged as if `value` were under the key
 *    `name`: `{ name: "DB_PASSWORD", value: "…" }` is a credential, `{ name: "DB_PASSWORD", valueFrom: … }` is not.
 * 2. By value shape, under any key: a PEM private-key block, a URL with a password (`scheme://user:pass@host`), a
 *    known token prefix (GitHub, GitLab, Slack, AWS access key id, Stripe, OpenAI, Google API, Hugging Face, npm, a
 *    signed JWT), or a long high-entropy word (≥ 32 characters of letters, digits and `+/=_-`, all of upper case,
 *    lower case and digits, Shannon entropy ≥ 4.2 bits per character). Hex digests and commit ids (entropy ≤ 4) and
 *    base64 of a public PEM certificate are not secrets and pass.
 */

/** Why a string looks like a secret. */
export interface SecretFinding {
  /** Dotted path of the string, e.g. `deploy.values.db.password`. */
  readonly path: string;
  /** What gave it away, without the value. */
  readonly reason: string;
}

/** Last words of a key that name a credential value. Pairs like `api key` are joined first (see `keyWords`). */
const CREDENTIAL_WORDS = new Set([
  'password', 'passwords', 'passwd', 'pass', 'pwd', 'passphrase', 'token', 'credential', 'credentials', 'creds',
  'apikey', 'privatekey', 'accesskey', 'secretaccesskey', 'clientsecretvalue', 'authtoken', 'bearertoken', 'sasljaasconfig', 'jaasconfig',
]);

/** Word pairs that name one credential (joined before the last-word test): `api_key` → apikey. */
const JOINED = new Map([
  ['api key', 'apikey'],
  ['private key', 'privatekey'],
  ['access key', 'accesskey'],
  ['jaas config', 'jaasconfig'],
]);

/** Splits a key into lower-case words: camelCase, snake_case, kebab-case, dotted and digit boundaries. */
export function keyWords(key: string): string[] {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
  const out: string[] = [];
  for (const word of words) {
    const joined = out.length > 0 ? JOINED.get(`${out[out.length - 1]} ${word}`) : undefined;
    if (joined) out[out.length - 1] = joined;
    else out.push(word);
  }
  return out;
}

/** A valid name of a Kubernetes Secret: a DNS-1123 subdomain. */
const SECRET_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Why the value under `key` is a credential by the key rule, or undefined. */
function byKey(key: string, value: string): string | undefined {
  if (value === '') return undefined;
  const words = keyWords(key);
  const last = words[words.length - 1];
  if (last === undefined) return undefined;
  if (CREDENTIAL_WORDS.has(last)) return `the key "${key}" names a credential, so its value is one`;
  if ((last === 'secret' || last === 'secrets') && !(value.length <= 253 && SECRET_NAME.test(value))) {
    return `the key "${key}" names a Secret, and this is not a Secret name (a DNS-1123 name such as "my-secret")`;
  }
  return undefined;
}

/** Known credential shapes, by the provider that issues them. */
const TOKEN_SHAPES: readonly (readonly [RegExp, string])[] = [
  [/-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----/, 'a PEM private key block'],
  [/\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:([^\s/@$][^\s/@]*)@/i, 'a URL with a password (scheme://user:password@host)'],
  [/\b(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{30,}/, 'a GitHub token'],
  [/\bgithub_pat_[A-Za-z0-9_]{40,}/, 'a GitHub fine-grained token'],
  [/\bglpat-[A-Za-z0-9_-]{20,}/, 'a GitLab token'],
  [/\bxox[abposr]-[A-Za-z0-9-]{10,}/, 'a Slack token'],
  [/\bhttps:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/]{20,}/, 'a Slack webhook URL (the URL is the credential)'],
  [/\b(AKIA|ASIA)[0-9A-Z]{16}\b/, 'an AWS access key id'],
  [/\b[sr]k_(live|test)_[A-Za-z0-9]{16,}/, 'a Stripe key'],
  [/\bsk-(proj-)?[A-Za-z0-9_-]{20,}/, 'an OpenAI-style API key'],
  [/\bAIza[0-9A-Za-z_-]{35}\b/, 'a Google API key'],
  [/\bhf_[A-Za-z0-9]{30,}/, 'a Hugging Face token'],
  [/\bnpm_[A-Za-z0-9]{36}\b/, 'an npm token'],
  [/\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/, 'a signed JWT'],
];

/** Shannon entropy in bits per character. */
function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / s.length) * Math.log2(n / s.length);
  return bits;
}

/** True when `word` is base64 of a public PEM certificate (a CA bundle is not a secret). */
function isBase64Certificate(word: string): boolean {
  try {
    return Buffer.from(word, 'base64').toString('latin1').startsWith('-----BEGIN CERTIFICATE-----');
  } catch {
    return false;
  }
}

/** Why the value's shape is a credential's, or undefined. */
export function byShape(value: string): string | undefined {
  for (const [pattern, what] of TOKEN_SHAPES) if (pattern.test(value)) return `the value has the shape of ${what}`;
  for (const word of value.split(/[^A-Za-z0-9+/=_-]+/)) {
    if (word.length < 32) continue;
    for (const part of word.split('/').length > 3 ? word.split('/') : [word]) {
      if (part.length >= 32 && /[a-z]/.test(part) && /[A-Z]/.test(part) && /[0-9]/.test(part) && entropy(part) >= 4.2 && !isBase64Certificate(part)) {
        return 'the value holds a long random-looking string (high entropy), the shape of a key or token';
      }
    }
  }
  return undefined;
}

/** Why `value` under `key` looks like a secret, or undefined. Only strings can be secrets. */
export function secretReason(key: string | undefined, value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  return (key !== undefined ? byKey(key, value) : undefined) ?? byShape(value);
}

/** Appends a key to a dotted path: identifiers as `.key`, anything else as `["key"]`. */
export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  const part = /^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(key) ? key : JSON.stringify(key);
  if (part.startsWith('"')) return `${path}[${part}]`;
  return path === '' ? part : `${path}.${part}`;
}

/**
 * Every string under `value` that looks like a secret, depth first. Array elements are judged by the key that holds
 * the array; map keys are judged by shape too (a token used as a key is still a token).
 */
export function scanSecrets(value: unknown, path = '', key?: string, seen: Set<object> = new Set()): SecretFinding[] {
  if (typeof value === 'string') {
    const reason = secretReason(key, value);
    return reason ? [{ path, reason }] : [];
  }
  if (typeof value !== 'object' || value === null || seen.has(value)) return [];
  seen.add(value);
  if (Array.isArray(value)) return value.flatMap((item, i) => scanSecrets(item, childPath(path, i), key, seen));
  const findings: SecretFinding[] = [];
  const named = namedValueKey(value);
  for (const [k, v] of Object.entries(value)) {
    const at = childPath(path, k);
    const keyShape = byShape(k);
    if (keyShape) findings.push({ path: at, reason: `the key itself: ${keyShape}` });
    findings.push(...scanSecrets(v, at, k === 'value' && named ? named : k, seen));
  }
  return findings;
}

/** For a `{ name, value }` pair (an env entry, a Helm parameter), the name its value is judged by. */
function namedValueKey(o: object): string | undefined {
  const { name, value } = o as { name?: unknown; value?: unknown };
  return typeof name === 'string' && typeof value === 'string' ? name : undefined;
}

/** The value with every secret-looking string (and any value under a credential key) replaced by `<redacted>`. */
export function redactSecrets(value: unknown, key?: string, seen: Set<object> = new Set()): unknown {
  if (typeof value === 'string') return secretReason(key, value) ? REDACTED : value;
  if (typeof value !== 'object' || value === null || seen.has(value)) return value;
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => redactSecrets(item, key, seen));
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  const named = namedValueKey(value);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [byShape(k) ? REDACTED : k, redactSecrets(v, k === 'value' && named ? named : k, seen)]));
}

/** The strings under `value` that look like secrets (to keep them out of the text of a message too). */
export function secretValues(value: unknown, key?: string, seen: Set<object> = new Set()): string[] {
  if (typeof value === 'string') return value !== '' && secretReason(key, value) ? [value] : [];
  if (typeof value !== 'object' || value === null || seen.has(value)) return [];
  seen.add(value);
  if (Array.isArray(value)) return value.flatMap((item) => secretValues(item, key, seen));
  const named = namedValueKey(value);
  return Object.entries(value).flatMap(([k, v]) => [...(byShape(k) ? [k] : []), ...secretValues(v, k === 'value' && named ? named : k, seen)]);
}

/** What a redacted value shows instead. */
export const REDACTED = '<redacted>';

/** The last key of a dotted path (`a.b[2]` → b, `a["x.y"]` → x.y), for judging a value by its key. */
export function lastKey(path: string): string | undefined {
  const match = /(?:\.|^)([A-Za-z_$][A-Za-z0-9_$-]*)(?:\[\d+\])*$|\["((?:[^"\\]|\\.)*)"\](?:\[\d+\])*$/.exec(path);
  return match ? (match[1] ?? JSON.parse(`"${match[2]}"`)) : undefined;
}
