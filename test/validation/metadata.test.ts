import { Finding, labelValueProblem, qualifiedNameProblem, validateObjects } from '../../src/validation';
import { crdFolder, manifest, removeFolder } from './fixtures';

/** A valid object with `metadata` fields replaced (undefined removes one). */
function withMetadata(apiVersion: string, kind: string, patch: Record<string, unknown>): Record<string, unknown> {
  const object = manifest(apiVersion, kind);
  const metadata = { ...(object.metadata as Record<string, unknown>), ...patch };
  for (const key of Object.keys(patch)) if (patch[key] === undefined) delete metadata[key];
  return { ...object, metadata };
}

function validate(object: unknown, crdDir?: string): Finding[] {
  return validateObjects([{ file: 'object.yaml', object }], { crdDir });
}

const summary = (findings: Finding[]): string[][] => findings.map((f) => [f.check, f.path, f.message]);

describe('metadata rules', () => {
  test('GIVEN a valid object WHEN validated without a CRD folder THEN nothing is reported', () => {
    expect(validate(manifest('v1', 'ConfigMap'))).toEqual([]);
  });

  test('GIVEN an invalid label key and an invalid label value WHEN validated THEN each is reported at its label', () => {
    const findings = validate(withMetadata('v1', 'ConfigMap', { labels: { 'Bad_Prefix/name': 'ok', team: 'a b', tier: true } }));
    expect(summary(findings)).toEqual([
      ['metadata', 'metadata.labels["Bad_Prefix/name"]', 'label key "Bad_Prefix/name" is invalid: prefix "Bad_Prefix" must be a DNS-1123 subdomain (lower-case alphanumerics, "-" and ".", at most 253 characters)'],
      ['metadata', 'metadata.labels.team', 'label value "a b" may hold only alphanumerics, "-", "_" and ".", and must start and end with an alphanumeric'],
      ['metadata', 'metadata.labels.tier', 'label values must be strings, got true (quote it in YAML)'],
    ]);
  });

  test.each([
    ['app.kubernetes.io/name', undefined],
    ['example.com/My_Key.v2', undefined],
    ['-leading', 'name part "-leading" may hold only alphanumerics, "-", "_" and ".", and must start and end with an alphanumeric'],
    ['example.com/', 'the name part is empty'],
    [`k${'x'.repeat(63)}`, 'the name part has 64 characters, at most 63 are allowed'],
  ])('GIVEN key %p THEN its problem is %p', (key, problem) => {
    expect(qualifiedNameProblem(key)).toBe(problem);
  });

  test.each([[''], ['v1.2.3'], ['a_b-c']])('GIVEN label value %p THEN it is valid', (value) => {
    expect(labelValueProblem(value)).toBeUndefined();
  });

  test('GIVEN a label value of 64 characters THEN it is too long', () => {
    expect(labelValueProblem('a'.repeat(64))).toBe('label value has 64 characters, at most 63 are allowed');
  });

  test('GIVEN a non-string annotation value and an invalid annotation key WHEN validated THEN both are reported', () => {
    const annotations = { 'argocd.argoproj.io/sync-wave': '1', replicas: 3, 'a/b/c': 'x' };
    expect(summary(validate(withMetadata('v1', 'ConfigMap', { annotations })))).toEqual([
      ['metadata', 'metadata.annotations.replicas', 'annotation values must be strings, got 3 (quote it in YAML)'],
      ['metadata', 'metadata.annotations["a/b/c"]', 'annotation key "a/b/c" is invalid: name part "b/c" may hold only alphanumerics, "-", "_" and ".", and must start and end with an alphanumeric'],
    ]);
  });

  test('GIVEN names breaking the rule of their kind WHEN validated THEN each is reported', () => {
    expect(summary(validate(withMetadata('v1', 'ConfigMap', { name: 'Upper_Case' })))).toEqual([
      ['metadata', 'metadata.name', 'name "Upper_Case" is not a DNS-1123 subdomain (lower-case alphanumerics, "-" and ".", at most 253 characters)'],
    ]);
    expect(summary(validate(withMetadata('v1', 'Service', { name: '1st-service' })))).toEqual([
      ['metadata', 'metadata.name', 'name "1st-service" is not a DNS-1035 label (lower-case alphanumerics and "-", starting with a letter, at most 63 characters)'],
    ]);
    expect(summary(validate(withMetadata('v1', 'Namespace', { name: 'a.b', namespace: undefined })))).toEqual([
      ['metadata', 'metadata.name', 'name "a.b" is not a DNS-1123 label (lower-case alphanumerics and "-", alphanumeric at both ends, at most 63 characters)'],
    ]);
    expect(validate(withMetadata('rbac.authorization.k8s.io/v1', 'ClusterRole', { name: 'seldon:manager', namespace: undefined }))).toEqual([]);
  });

  test('GIVEN no name WHEN validated THEN it is reported', () => {
    expect(summary(validate(withMetadata('v1', 'ConfigMap', { name: undefined })))).toEqual([
      ['metadata', 'metadata.name', 'metadata.name is required: Argo CD and the file layout identify objects by name'],
    ]);
  });
});

describe('scope', () => {
  let crdDir: string;
  beforeAll(() => {
    crdDir = crdFolder();
  });
  afterAll(() => removeFolder(crdDir));

  test('GIVEN a namespaced kind without a namespace WHEN validated THEN it is reported', () => {
    const findings = validate(withMetadata('v1', 'ConfigMap', { namespace: undefined }));
    expect(summary(findings)).toEqual([
      ['scope', 'metadata.namespace', "ConfigMap is namespaced but has no metadata.namespace; Argo CD would put it in the Application's default namespace"],
    ]);
  });

  test('GIVEN cluster-scoped built-in kinds with a namespace WHEN validated THEN each is reported', () => {
    const objects = ['Namespace', 'ClusterRole'].map((kind) => ({
      file: `${kind}.yaml`,
      object: manifest(kind === 'Namespace' ? 'v1' : 'rbac.authorization.k8s.io/v1', kind),
    }));
    expect(validateObjects(objects).map((f) => [f.kind, f.check, f.message])).toEqual([
      ['Namespace', 'scope', 'Namespace is cluster-scoped but carries namespace "team-a"; remove metadata.namespace'],
      ['ClusterRole', 'scope', 'ClusterRole is cluster-scoped but carries namespace "team-a"; remove metadata.namespace'],
    ]);
  });

  test('GIVEN a custom kind whose CRD says Cluster WHEN it carries a namespace THEN the CRD scope decides', () => {
    const gadget = manifest('example.com/v1', 'Gadget', { spec: {} });
    expect(summary(validate(gadget, crdDir))).toEqual([
      ['scope', 'metadata.namespace', 'Gadget is cluster-scoped but carries namespace "team-a"; remove metadata.namespace'],
    ]);
    expect(summary(validate(gadget))).toEqual([]);
  });

  test('GIVEN a well-known cluster-scoped custom kind and no CRD folder WHEN it carries a namespace THEN it is reported', () => {
    const issuer = manifest('cert-manager.io/v1', 'ClusterIssuer', { spec: {} });
    expect(validate(issuer).map((f) => f.check)).toEqual(['scope']);
  });
});
