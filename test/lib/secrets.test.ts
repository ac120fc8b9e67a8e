import { Testing } from 'cdk8s';
import { Checks } from '../../src/lib/errors';
import { checkSecretSource, SecretReference } from '../../src/lib/secrets';

const requirement = { name: 'elastic-credentials', namespace: 'seldon-logs', keys: ['username', 'password'], purpose: 'test', component: 'elasticsearch' };

describe('secret references', () => {
  test('GIVEN no store THEN nothing is rendered and the secret is expected to exist', () => {
    const chart = Testing.chart();
    const ref = new SecretReference(chart, 'ref', requirement, {});
    expect(Testing.synth(chart)).toEqual([]);
    expect(ref.external).toBe(false);
    expect(ref.name).toBe('elastic-credentials');
  });

  test('GIVEN a platform store THEN an ExternalSecret maps each key from the derived remote key', () => {
    const chart = Testing.chart();
    new SecretReference(chart, 'ref', requirement, { store: { kind: 'ClusterSecretStore', name: 'vault' } });
    const [es] = Testing.synth(chart);
    expect(es.kind).toBe('ExternalSecret');
    expect(es.apiVersion).toBe('external-secrets.io/v1');
    expect(es.spec).toEqual({
      refreshInterval: '1h',
      secretStoreRef: { kind: 'ClusterSecretStore', name: 'vault' },
      target: { name: 'elastic-credentials', creationPolicy: 'Owner' },
      data: [
        { secretKey: 'username', remoteRef: { key: 'seldon/seldon-logs/elastic-credentials', property: 'username' } },
        { secretKey: 'password', remoteRef: { key: 'seldon/seldon-logs/elastic-credentials', property: 'password' } },
      ],
    });
    expect(JSON.stringify(es)).not.toMatch(/"(data|stringData)":\s*\{/);
  });

  test('a per-secret source overrides the platform default', () => {
    const chart = Testing.chart();
    new SecretReference(chart, 'ref', { ...requirement, source: { from: 'existing' } }, { store: { kind: 'ClusterSecretStore', name: 'vault' } });
    expect(Testing.synth(chart)).toEqual([]);
  });

  test('a secret value given inline is rejected without echoing it', () => {
    const checks = new Checks();
    checkSecretSource(checks, 'elasticsearch.credentials', { from: 'existing', password: 'hunter2' }, undefined);
    expect(checks.issues).toHaveLength(1);
    expect(checks.issues[0].path).toBe('elasticsearch.credentials.password');
    expect(checks.issues[0].problem).toContain('secret value was given inline');
    expect(JSON.stringify(checks.issues)).not.toContain('hunter2');
  });

  test('an external-secret source without any store is rejected', () => {
    const checks = new Checks();
    checkSecretSource(checks, 'x', { from: 'external-secret' }, undefined);
    expect(checks.issues[0].problem).toContain('needs a secret store');
  });
});
