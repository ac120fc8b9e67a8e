import { validateObjects } from '../../src/validation';
import { manifest } from './fixtures';

describe('platform policies', () => {
  test('GIVEN a Secret with data and stringData WHEN validated THEN both are reported as secret values in Git', () => {
    const secret = manifest('v1', 'Secret', { data: { password: 'c2VjcmV0' }, stringData: { token: 'x' } });
    const findings = validateObjects([{ file: 'secret.yaml', object: secret }]);
    expect(findings.map((f) => [f.check, f.path])).toEqual([
      ['secret-data', 'data'],
      ['secret-data', 'stringData'],
      ['secret-value', 'data.password'],
      ['secret-value', 'stringData.token'],
    ]);
    expect(findings[0].message).toBe('a Secret with data puts secret values in Git; reference a Secret created out of band or render an ExternalSecret');
  });

  test('GIVEN a Secret without data (e.g. a typed placeholder) WHEN validated THEN it passes', () => {
    expect(validateObjects([{ file: 'secret.yaml', object: manifest('v1', 'Secret', { type: 'Opaque' }) }])).toEqual([]);
  });

  test('GIVEN an object without a sync wave WHEN validated THEN it is reported', () => {
    const object = manifest('v1', 'ConfigMap');
    (object.metadata as Record<string, unknown>).annotations = {};
    const findings = validateObjects([{ file: 'cm.yaml', object }]);
    expect(findings.map((f) => [f.check, f.path, f.message])).toEqual([
      ['sync-wave', 'metadata.annotations["argocd.argoproj.io/sync-wave"]', 'missing: every object needs an integer sync wave so Argo CD applies it in order'],
    ]);
  });

  test.each([['early'], ['1.5'], ['']])('GIVEN sync wave %p WHEN validated THEN it is not an integer string', (wave) => {
    const object = manifest('v1', 'ConfigMap');
    (object.metadata as Record<string, unknown>).annotations = { 'argocd.argoproj.io/sync-wave': wave };
    const findings = validateObjects([{ file: 'cm.yaml', object }]);
    expect(findings.map((f) => f.message)).toEqual([`${JSON.stringify(wave)} is not an integer string such as "0" or "-1"`]);
  });

  test('GIVEN a document that is not a mapping, and one without kind WHEN validated THEN each is reported as bad input', () => {
    const findings = validateObjects([
      { file: 'a.yaml', object: 'just text' },
      { file: 'b.yaml', object: { apiVersion: 'v1', metadata: { name: 'x' } } },
    ]);
    expect(findings.map((f) => [f.file, f.check, f.message])).toEqual([
      ['a.yaml', 'input', 'expected a Kubernetes object (a mapping), got "just text"'],
      ['b.yaml', 'input', 'apiVersion and kind must both be non-empty strings'],
    ]);
  });
});
