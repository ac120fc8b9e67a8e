/**
 * Kubernetes' own rules for `metadata`: object names, namespace, label and annotation keys and values, and whether the
 * kind's scope allows a namespace. The API server rejects objects that break them, whatever the schema says.
 */
import { formatPath, isRecord, JsonRecord, PathSegment, showValue } from './json';
import { GroupVersionKind } from './kinds';
import { Issue } from './types';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** The rules, as messages state them. */
const DNS_LABEL_RULE = 'a DNS-1123 label (lower-case alphanumerics and "-", alphanumeric at both ends, at most 63 characters)';
const DNS_1035_LABEL_RULE = 'a DNS-1035 label (lower-case alphanumerics and "-", starting with a letter, at most 63 characters)';
const DNS_SUBDOMAIN_RULE = 'a DNS-1123 subdomain (lower-case alphanumerics, "-" and ".", at most 253 characters)';
const PATH_SEGMENT_RULE = 'a valid path segment (non-empty, not "." or "..", no "/" or "%")';
const NAME_PART_RULE = 'may hold only alphanumerics, "-", "_" and ".", and must start and end with an alphanumeric';

/** The most annotation data one object may carry (keys plus values), as the API server enforces. */
const ANNOTATIONS_MAX_BYTES = 256 * 1024;

/** True for a DNS-1123 label: lower-case alphanumerics and `-`, alphanumeric at both ends, at most 63 characters. */
export function isDnsLabel(text: string): boolean {
  return text.length <= 63 && DNS_LABEL.test(text);
}

/** True for a DNS-1123 subdomain: dot-separated DNS-1123 labels, at most 253 characters. */
export function isDnsSubdomain(text: string): boolean {
  return text.length <= 253 && DNS_SUBDOMAIN.test(text);
}

/**
 * Why `key` is not a valid label or annotation key (`[prefix/]name`: an optional DNS-1123 subdomain prefix, then a
 * name of at most 63 alphanumerics, `-`, `_` and `.`, alphanumeric at both ends); undefined when it is valid.
 */
export function qualifiedNameProblem(key: string): string | undefined {
  const slash = key.indexOf('/');
  const prefix = slash < 0 ? undefined : key.slice(0, slash);
  const name = slash < 0 ? key : key.slice(slash + 1);
  if (prefix !== undefined && !isDnsSubdomain(prefix)) {
    return `prefix "${prefix}" must be ${DNS_SUBDOMAIN_RULE}`;
  }
  if (name.length === 0) return 'the name part is empty';
  if (name.length > 63) return `the name part has ${name.length} characters, at most 63 are allowed`;
  if (!QUALIFIED_NAME_PART.test(name)) return `name part "${name}" ${NAME_PART_RULE}`;
  return undefined;
}

/** Why `value` is not a valid label value (at most 63 characters of the key-name charset, may be empty). */
export function labelValueProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return `label values must be strings, got ${showValue(value)} (quote it in YAML)`;
  if (value.length > 63) return `label value has ${value.length} characters, at most 63 are allowed`;
  if (!LABEL_VALUE.test(value)) return `label value ${showValue(value)} ${NAME_PART_RULE}`;
  return undefined;
}

/** Checks `metadata`: name, namespace, labels and annotations. */
export function checkMetadata(gvk: GroupVersionKind, metadata: unknown): Issue[] {
  if (!isRecord(metadata)) return [issue(['metadata'], `metadata must be a mapping, got ${showValue(metadata)}`)];
  return [
    ...checkName(gvk, metadata.name),
    ...checkNamespaceField(metadata.namespace),
    ...checkLabels(metadata.labels),
    ...checkAnnotations(metadata.annotations),
  ];
}

/** The namespace rule of a kind: cluster-scoped objects carry no `metadata.namespace`, namespaced ones must. */
export function checkScope(gvk: GroupVersionKind, scope: 'Cluster' | 'Namespaced', namespace: unknown): Issue[] {
  if (scope === 'Cluster' && namespace !== undefined) {
    return [scopeIssue(`${gvk.kind} is cluster-scoped but carries namespace ${showValue(namespace)}; remove metadata.namespace`)];
  }
  if (scope === 'Namespaced' && namespace === undefined) {
    return [scopeIssue(`${gvk.kind} is namespaced but has no metadata.namespace; Argo CD would put it in the Application's default namespace`)];
  }
  return [];
}

/**
 * Names follow the API server: Namespaces are DNS-1123 labels, Services DNS-1035 labels (they become DNS names and
 * environment variables, so they must start with a letter), RBAC objects path segments (`system:foo` is fine), and
 * everything else DNS-1123 subdomains.
 */
function checkName(gvk: GroupVersionKind, name: unknown): Issue[] {
  const path = ['metadata', 'name'];
  if (name === undefined) return [issue(path, 'metadata.name is required: Argo CD and the file layout identify objects by name')];
  if (typeof name !== 'string') return [issue(path, `name must be a string, got ${showValue(name)}`)];
  const rule = nameRuleOf(gvk);
  return rule.valid(name) ? [] : [issue(path, `name ${showValue(name)} is not ${rule.text}`)];
}

function nameRuleOf(gvk: GroupVersionKind): { valid: (name: string) => boolean; text: string } {
  if (gvk.group === '' && gvk.kind === 'Namespace') return { valid: isDnsLabel, text: DNS_LABEL_RULE };
  if (gvk.group === '' && gvk.kind === 'Service') return { valid: isDns1035Label, text: DNS_1035_LABEL_RULE };
  if (gvk.group === 'rbac.authorization.k8s.io') return { valid: isPathSegment, text: PATH_SEGMENT_RULE };
  return { valid: isDnsSubdomain, text: DNS_SUBDOMAIN_RULE };
}

function isDns1035Label(name: string): boolean {
  return name.length <= 63 && DNS_1035_LABEL.test(name);
}

function isPathSegment(name: string): boolean {
  return name !== '' && name !== '.' && name !== '..' && !/[/%]/.test(name);
}

function checkNamespaceField(namespace: unknown): Issue[] {
  if (namespace === undefined || (typeof namespace === 'string' && isDnsLabel(namespace))) return [];
  return [issue(['metadata', 'namespace'], `namespace ${showValue(namespace)} is not ${DNS_LABEL_RULE}`)];
}

function checkLabels(labels: unknown): Issue[] {
  if (labels === undefined) return [];
  if (!isRecord(labels)) return [issue(['metadata', 'labels'], `labels must be a mapping, got ${showValue(labels)}`)];
  return Object.entries(labels).flatMap(([key, value]) => {
    const path = ['metadata', 'labels', key];
    const keyProblem = qualifiedNameProblem(key);
    const valueProblem = labelValueProblem(value);
    return [
      ...(keyProblem ? [issue(path, `label key ${showValue(key)} is invalid: ${keyProblem}`)] : []),
      ...(valueProblem ? [issue(path, valueProblem)] : []),
    ];
  });
}

function checkAnnotations(annotations: unknown): Issue[] {
  if (annotations === undefined) return [];
  if (!isRecord(annotations)) return [issue(['metadata', 'annotations'], `annotations must be a mapping, got ${showValue(annotations)}`)];
  const issues = Object.entries(annotations).flatMap(([key, value]) => {
    const path = ['metadata', 'annotations', key];
    const keyProblem = qualifiedNameProblem(key);
    return [
      ...(keyProblem ? [issue(path, `annotation key ${showValue(key)} is invalid: ${keyProblem}`)] : []),
      ...(typeof value === 'string' ? [] : [issue(path, `annotation values must be strings, got ${showValue(value)} (quote it in YAML)`)]),
    ];
  });
  const size = annotationBytes(annotations);
  if (size > ANNOTATIONS_MAX_BYTES) {
    issues.push(issue(['metadata', 'annotations'], `annotations total ${size} bytes, at most ${ANNOTATIONS_MAX_BYTES} are allowed`));
  }
  return issues;
}

function annotationBytes(annotations: JsonRecord): number {
  return Object.entries(annotations).reduce((sum, [key, value]) => sum + Buffer.byteLength(key) + Buffer.byteLength(String(value)), 0);
}

function issue(path: PathSegment[], message: string): Issue {
  return { path: formatPath(path), message, check: 'metadata' };
}

function scopeIssue(message: string): Issue {
  return { path: formatPath(['metadata', 'namespace']), message, check: 'scope' };
}
