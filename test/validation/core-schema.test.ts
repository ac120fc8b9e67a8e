import { validateObjects } from '../../src/validation';
import { crdFolder, manifest, removeFolder, tempFolder, WIDGET_CRD } from './fixtures';

let crdDir: string;
beforeAll(() => {
  crdDir = crdFolder();
});
afterAll(() => removeFolder(crdDir));

const service = (ports: unknown[]): unknown => manifest('v1', 'Service', { spec: { ports } });

describe('built-in kinds against the Kubernetes definitions', () => {
  test('GIVEN a ConfigMap with a misspelt top-level field WHEN validated THEN the strict schema reports it', () => {
    const findings = validateObjects([{ file: 'cm.yaml', object: manifest('v1', 'ConfigMap', { datta: { a: 'b' } }) }], { crdDir });
    expect(findings.map((f) => [f.check, f.path, f.message])).toEqual([['schema', 'datta', 'unknown field "datta": did you mean "data"?']]);
  });

  test('GIVEN an unknown field in metadata WHEN validated THEN ObjectMeta is closed too', () => {
    const object = manifest('v1', 'ConfigMap');
    (object.metadata as Record<string, unknown>).lables = { a: 'b' };
    const findings = validateObjects([{ file: 'cm.yaml', object }], { crdDir });
    expect(findings.map((f) => [f.path, f.message])).toEqual([['metadata.lables', 'unknown field "lables": did you mean "labels"?']]);
  });

  test('GIVEN IntOrString targetPorts as number and as name WHEN validated THEN both are accepted', () => {
    const object = service([{ port: 80, targetPort: 8080 }, { port: 443, targetPort: 'https' }]);
    expect(validateObjects([{ file: 'svc.yaml', object }], { crdDir })).toEqual([]);
  });

  test('GIVEN a port given as a string WHEN validated THEN the array index appears in the path', () => {
    const findings = validateObjects([{ file: 'svc.yaml', object: service([{ port: 80 }, { port: '443' }]) }], { crdDir });
    expect(findings.map((f) => [f.path, f.message])).toEqual([['spec.ports[1].port', '"443" is a string, expected integer']]);
  });

  test('GIVEN a built-in group and a version Kubernetes 1.28 does not serve WHEN validated THEN it is an unknown kind', () => {
    const findings = validateObjects([{ file: 'd.yaml', object: manifest('apps/v1beta1', 'Deployment', { spec: {} }) }], { crdDir });
    expect(findings.map((f) => [f.check, f.message])).toEqual([['unknown-kind', 'Kubernetes 1.28 does not serve apps/v1beta1 Deployment']]);
  });

  test('GIVEN a CRD folder without k8s definitions WHEN a built-in kind is validated THEN only the schema-free checks run', () => {
    const onlyCrds = tempFolder({ 'widgets.yaml': WIDGET_CRD });
    try {
      expect(validateObjects([{ file: 'cm.yaml', object: manifest('v1', 'ConfigMap', { datta: 1 }) }], { crdDir: onlyCrds })).toEqual([]);
    } finally {
      removeFolder(onlyCrds);
    }
  });
});
