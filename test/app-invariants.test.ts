import { synthesizeEnvironments } from '../src/synth';
import { ENVIRONMENTS } from '../src/environments';
import { identityOf, isClusterScoped } from '../src/lib/render';
import { groupOf, SYNC_WAVE } from '../src/lib/argo';
import { isBuiltInGroup } from '../src/validation/kinds';
import { pinnedApiVersions } from '../src/versions';
import { parseAllDocuments } from 'yaml';

const environments = synthesizeEnvironments(ENVIRONMENTS);
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const QUALIFIED_NAME = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

describe.each(environments.map((e) => [e.output.name, e] as const))('environment %s', (_name, env) => {
  const objects = [...env.output.files.entries()]
    .filter(([file]) => file.endsWith('.yaml'))
    .flatMap(([file, text]) => parseAllDocuments(text).map((d) => ({ file, object: d.toJSON() })));

  test('every object has a unique (group, kind, namespace, name)', () => {
    const ids = objects.map((o) => identityOf(o.object));
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('every file holds exactly one object', () => {
    expect(objects.length).toBe([...env.output.files.keys()].filter((f) => f.endsWith('.yaml')).length);
  });

  test('cluster-scoped kinds carry no namespace; namespaced kinds carry one', () => {
    for (const { object } of objects) {
      if (isClusterScoped(object)) expect(object.metadata.namespace).toBeUndefined();
      else expect(object.metadata.namespace).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
    }
  });

  test('every object has an explicit DNS-1123 name and an integer sync wave', () => {
    for (const { object } of objects) {
      expect(object.metadata.name).toMatch(DNS_SUBDOMAIN);
      expect(object.metadata.annotations?.[SYNC_WAVE]).toMatch(/^-?\d+$/);
    }
  });

  test('labels and annotation keys are syntactically valid', () => {
    for (const { object } of objects) {
      for (const [key, value] of Object.entries<string>(object.metadata.labels ?? {})) {
        expect(key).toMatch(QUALIFIED_NAME);
        expect(value.length).toBeLessThanOrEqual(63);
        expect(value).toMatch(LABEL_VALUE);
      }
      for (const key of Object.keys(object.metadata.annotations ?? {})) expect(key).toMatch(QUALIFIED_NAME);
    }
  });

  test('no Secret carries data', () => {
    const leaks = objects.filter(({ object }) => object.kind === 'Secret' && ('data' in object || 'stringData' in object));
    expect(leaks.map((l) => l.file)).toEqual([]);
  });

  test('custom kinds use an API version pinned in src/versions.ts', () => {
    for (const { object } of objects) {
      if (!isBuiltInGroup(groupOf(object.apiVersion))) expect(pinnedApiVersions(object.kind).map((v) => `${object.kind} ${v}`)).toContain(`${object.kind} ${object.apiVersion}`);
    }
  });

  test('model namespaces render after the platform (wave >= 10)', () => {
    for (const { file, object } of objects.filter((o) => o.file.startsWith('model-namespaces/'))) {
      expect([file, Number(object.metadata.annotations[SYNC_WAVE]) >= 10]).toEqual([file, true]);
    }
  });

  test('every file is named after its kind, namespace and name', () => {
    for (const { file, object } of objects) {
      const base = file.split('/').pop();
      const ns = object.metadata.namespace;
      expect(base).toBe(`${object.kind.toLowerCase()}.${ns ? `${ns}.` : ''}${object.metadata.name}.yaml`);
    }
  });
});
