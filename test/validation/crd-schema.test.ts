import { Finding, validateObjects } from '../../src/validation';
import { pruneToData } from '../../src/validation/schemas';
import { crdFolder, manifest, removeFolder, tempFolder, widget } from './fixtures';

let crdDir: string;
beforeAll(() => {
  crdDir = crdFolder();
});
afterAll(() => removeFolder(crdDir));

function validate(object: unknown): Finding[] {
  return validateObjects([{ file: 'widget.yaml', object }], { crdDir });
}

/** path → message, for compact and exact assertions. */
function byPath(findings: Finding[]): Record<string, string> {
  return Object.fromEntries(findings.map((f) => [f.path, f.message]));
}

describe('custom resources against their CRD', () => {
  test('GIVEN a Widget that matches the served v1 schema WHEN validated THEN nothing is reported', () => {
    const findings = validate(widget({ size: 3, port: 8080, mode: 'fast', tls: { secretName: 'widget-tls' } }));
    expect(findings).toEqual([]);
  });

  test('GIVEN an unknown field in a closed object WHEN validated THEN it is reported at its path with a suggestion', () => {
    const findings = validate(widget({ size: 3, sise: 4, tls: { secretName: 'x', secretname: 'y' } }));
    expect(byPath(findings)).toEqual({
      'spec.sise': 'unknown field "sise": did you mean "size"?',
      'spec.tls.secretname': 'unknown field "secretname": did you mean "secretName"?',
    });
    expect(findings.every((f) => f.check === 'schema' && f.severity === 'error' && f.kind === 'Widget' && f.name === 'example')).toBe(true);
  });

  test('GIVEN an unknown field far from any declared one WHEN validated THEN the message lists the allowed fields', () => {
    const [finding] = validate(widget({ size: 3, colour: 'red' }));
    expect(finding.path).toBe('spec.colour');
    expect(finding.message).toBe('unknown field "colour" (allowed here: size, port, mode, config, template, tls)');
  });

  test('GIVEN arbitrary content under x-kubernetes-preserve-unknown-fields WHEN validated THEN it is accepted', () => {
    const findings = validate(widget({ size: 1, config: { anything: { nested: [1, 'two', { three: true }] }, 'dotted.key': null } }));
    expect(findings).toEqual([]);
  });

  test.each([[8080], ['http'], ['50%']])('GIVEN int-or-string port %p WHEN validated THEN it is accepted', (port) => {
    expect(validate(widget({ size: 1, port }))).toEqual([]);
  });

  test('GIVEN an int-or-string field holding a boolean WHEN validated THEN one message names value and types', () => {
    expect(byPath(validate(widget({ size: 1, port: true })))).toEqual({ 'spec.port': 'true is a boolean, expected integer or string' });
  });

  test('GIVEN a nullable enum WHEN it is null THEN it is accepted, and WHEN it is outside the enum THEN the allowed values are named', () => {
    expect(validate(widget({ size: 1, mode: null }))).toEqual([]);
    expect(byPath(validate(widget({ size: 1, mode: 'slow' })))).toEqual({ 'spec.mode': '"slow" is not one of "fast", "safe", null' });
  });

  test('GIVEN null in a field that is not nullable WHEN validated THEN it is reported as dropped by the API server', () => {
    expect(byPath(validate(widget({ size: 1, port: null })))).toEqual({
      'spec.port': 'null is not allowed: the field is not nullable, so the API server would drop it; remove it or set a value (integer or string)',
    });
  });

  test('GIVEN a missing required field and a value below its minimum WHEN validated THEN both are reported', () => {
    expect(byPath(validate(widget({ port: 1 })))).toEqual({ 'spec.size': 'required field is missing' });
    expect(byPath(validate(widget({ size: 0 })))).toEqual({ 'spec.size': '0 must be >= 1' });
  });

  test('GIVEN an embedded resource WHEN it carries apiVersion, kind and metadata THEN they are allowed besides its own fields', () => {
    const template = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' }, replicas: 2 };
    expect(validate(widget({ size: 1, template }))).toEqual([]);
    expect(byPath(validate(widget({ size: 1, template: { ...template, extra: 1 } })))).toEqual({
      'spec.template.extra': 'unknown field "extra" (allowed here: replicas, apiVersion, kind, metadata)',
    });
  });

  test('GIVEN a root field the CRD does not declare WHEN validated THEN it is reported', () => {
    expect(byPath(validate(manifest('example.com/v1', 'Widget', { spec: { size: 1 }, data: {} })))).toEqual({
      data: 'unknown field "data" (allowed here: apiVersion, kind, metadata, spec)',
    });
  });
});

describe('kinds and versions the CRD folder does not serve', () => {
  test('GIVEN a kind no CRD defines WHEN validated THEN it is reported as an unknown kind', () => {
    const findings = validate(manifest('example.com/v1', 'Sprocket', { spec: {} }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ check: 'unknown-kind', path: '', kind: 'Sprocket' });
    expect(findings[0].message).toBe(`unknown kind: no CRD in ${crdDir} defines example.com/v1 Sprocket`);
  });

  test('GIVEN a version that exists with served: false WHEN validated THEN it is reported with the served version to use', () => {
    const findings = validate(widget({ size: 1 }, 'example.com/v1alpha1'));
    expect(findings.map((f) => [f.check, f.message])).toEqual([
      ['unknown-kind', 'example.com/v1alpha1 Widget is defined but has served: false; use apiVersion example.com/v1'],
    ]);
  });

  test('GIVEN a version the CRD does not define WHEN validated THEN it is reported with the served version to use', () => {
    const [finding] = validate(widget({ size: 1 }, 'example.com/v2'));
    expect(finding.message).toBe('the CRD for Widget.example.com has no version v2; use apiVersion example.com/v1');
  });

  test('GIVEN a CRD from a kubectl List in a subfolder WHEN its kind is validated THEN its schema applies', () => {
    const gadget = (spec: unknown): unknown => manifest('example.com/v1', 'Gadget', { spec }, null);
    expect(validateObjects([{ file: 'g.yaml', object: gadget({ colour: 'red' }) }], { crdDir })).toEqual([]);
    expect(byPath(validateObjects([{ file: 'g.yaml', object: gadget({ color: 'red' }) }], { crdDir }))).toEqual({
      'spec.color': 'unknown field "color": did you mean "colour"?',
    });
  });

  test('GIVEN no CRD folder WHEN a custom kind with unknown fields is validated THEN only the schema-free checks run', () => {
    const findings = validateObjects([{ file: 'w.yaml', object: manifest('example.com/v9', 'Sprocket', { spec: { anything: 1 } }) }]);
    expect(findings).toEqual([]);
  });
});

describe('schema pruning', () => {
  test('GIVEN a schema and an object WHEN pruned THEN only reached fields remain, with required and the declared names kept', () => {
    const schema = {
      type: 'object',
      required: ['a'],
      additionalProperties: false,
      properties: { a: { type: 'string' }, b: { type: 'object', properties: { deep: { type: 'integer' } } }, toString: { type: 'string' } },
    };
    expect(pruneToData(schema, [{ a: 'x', c: 1 }])).toEqual({
      type: 'object',
      required: ['a'],
      additionalProperties: false,
      properties: { a: { type: 'string' } },
      'x-declared-fields': ['a', 'b', 'toString'],
    });
  });
});

describe('one kind defined by two releases in the folder', () => {
  const release = (versions: string): string => `
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: { name: pumps.example.com }
spec:
  group: example.com
  names: { kind: Pump, plural: pumps }
  scope: Namespaced
  versions:${versions}
`;
  const version = (name: string, storage: boolean, field: string): string => `
    - name: ${name}
      served: true
      storage: ${storage}
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec: { type: object, properties: { ${field}: { type: string } } }`;
  let dir: string;
  beforeAll(() => {
    dir = tempFolder({
      'pump-0.9/pumps.yaml': release(version('v1', false, 'oldField') + version('v1beta1', true, 'oldField')),
      'pump-1.0/pumps.yaml': release(version('v1', true, 'newField')),
    });
  });
  afterAll(() => removeFolder(dir));

  const pump = (apiVersion: string, spec: Record<string, unknown>): unknown => manifest(apiVersion, 'Pump', { spec });

  test('GIVEN both releases serve v1 WHEN a v1 object is validated THEN the release storing v1 decides', () => {
    expect(validateObjects([{ file: 'p.yaml', object: pump('example.com/v1', { newField: 'x' }) }], { crdDir: dir })).toEqual([]);
    expect(validateObjects([{ file: 'p.yaml', object: pump('example.com/v1', { oldField: 'x' }) }], { crdDir: dir }).map((f) => f.path)).toEqual(['spec.oldField']);
  });

  test('GIVEN only the old release serves v1beta1 WHEN a v1beta1 object is validated THEN the old release decides', () => {
    expect(validateObjects([{ file: 'p.yaml', object: pump('example.com/v1beta1', { oldField: 'x' }) }], { crdDir: dir })).toEqual([]);
  });
});
