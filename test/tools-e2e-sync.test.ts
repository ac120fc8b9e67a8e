/** The pure parts of `npm run e2e`'s Argo CD model (tools/e2e-sync.ts); the API server run itself is `npm run e2e`. */
import { firstDifference, keyOf, snapshot, sortForWave } from '../tools/e2e-sync';

const obj = (kind: string, name: string, apiVersion = 'v1', namespace?: string) => ({ apiVersion, kind, metadata: { name, ...(namespace ? { namespace } : {}) } });

test('GIVEN one wave THEN objects go in Argo CD\'s kind order: Namespace first, custom resources last, then by key', () => {
  const sorted = sortForWave([obj('Widget', 'a', 'example.io/v1', 'x'), obj('Service', 's', 'v1', 'x'), obj('NetworkPolicy', 'n', 'networking.k8s.io/v1', 'x'), obj('Namespace', 'x')]);
  expect(sorted.map((o) => o.kind)).toEqual(['Namespace', 'NetworkPolicy', 'Service', 'Widget']);
});

test('GIVEN two stored copies that differ only in resourceVersion and managed-field times THEN their snapshots are equal', () => {
  const stored = (rv: string, time: string, data = 'a') => ({ ...obj('ConfigMap', 'c', 'v1', 'x'), data: { k: data }, metadata: { name: 'c', namespace: 'x', resourceVersion: rv, managedFields: [{ manager: 'argocd-controller', time }] } });
  expect(snapshot(stored('1', 't1'))).toBe(snapshot(stored('2', 't2')));
  expect(snapshot(stored('1', 't1'))).not.toBe(snapshot(stored('1', 't1', 'b')));
  expect(firstDifference(snapshot(stored('1', 't1')), snapshot(stored('1', 't1', 'b')))).toBe('"k": "a" → "k": "b"');
});

test('keys ignore the version: the same object in another apiVersion is the same object', () => {
  expect(keyOf(obj('Widget', 'a', 'example.io/v1', 'x'))).toBe(keyOf(obj('Widget', 'a', 'example.io/v1beta1', 'x')));
  expect(keyOf(obj('Widget', 'a', 'example.io/v1', 'x'))).not.toBe(keyOf(obj('Widget', 'a', 'example.io/v1', 'y')));
});
