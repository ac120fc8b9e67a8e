import { App } from 'cdk8s';
import { PlatformConfig } from '../../src/config';
import { RenderedObject } from '../../src/lib/render';
import { SeldonPlatform } from '../../src/platform';
import { errorOf, find, render, testConfig } from '../helpers/render';
import { CHARTS, INSTANCE_VERSIONS } from '../../src/versions';

const kubernetes = (overrides: Partial<PlatformConfig> = {}): PlatformConfig => testConfig({ platform: 'kubernetes', ingressDomain: undefined, ...overrides });
const esObjects = (objects: readonly RenderedObject[]) => objects.filter((o) => o.object.metadata.labels?.['app.kubernetes.io/component'] === 'elasticsearch');
const VAULT = { store: { kind: 'ClusterSecretStore' as const, name: 'vault' } };

describe('Elasticsearch on OpenShift', () => {
  const objects = render(testConfig({ secrets: VAULT }));

  test('GIVEN the seed defaults WHEN rendered THEN the objects match the snapshot', () => {
    expect(esObjects(objects)).toMatchSnapshot();
  });

  test('THEN the certified ECK operator is subscribed for all namespaces (openshift-operators, no OperatorGroup)', () => {
    expect(find(objects, 'Subscription', 'elasticsearch-eck-operator-certified', 'openshift-operators').spec).toMatchObject({ source: 'certified-operators', channel: 'stable' });
    expect(esObjects(objects).filter((o) => o.object.kind === 'OperatorGroup')).toEqual([]);
  });

  test('THEN elasticsearch-seldon runs a supported 7.17 in seldon-logs, one node, ECK default TLS, no mmap', () => {
    const es = find(objects, 'Elasticsearch', 'elasticsearch-seldon', 'seldon-logs');
    expect(es.spec).toEqual({
      version: INSTANCE_VERSIONS.elasticsearch,
      nodeSets: [
        {
          name: 'default',
          count: 1,
          config: { 'node.store.allow_mmap': false },
          volumeClaimTemplates: [{ metadata: { name: 'elasticsearch-data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
        },
      ],
    });
  });

  test('THEN elastic-credentials (username, password) are provided in seldon-logs and seldon-system', () => {
    for (const namespace of ['seldon-logs', 'seldon-system']) {
      const secret = find(objects, 'ExternalSecret', 'elastic-credentials', namespace);
      expect((secret.spec as { data: Array<{ secretKey: string }> }).data.map((d) => d.secretKey)).toEqual(['username', 'password']);
    }
  });

  test('THEN the ECK operator may reach the cluster API through seldon-logs\' policies', () => {
    expect(find(objects, 'NetworkPolicy', 'allow-from-eck-operator', 'seldon-logs').spec).toEqual({
      podSelector: { matchLabels: { 'elasticsearch.k8s.elastic.co/cluster-name': 'elasticsearch-seldon' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'openshift-operators' } } }], ports: [{ port: 9200, protocol: 'TCP' }] }],
    });
  });

  test('GIVEN no secret store THEN the credentials are expected to exist, and say where their values come from', () => {
    const platform = new SeldonPlatform(new App(), 'test', testConfig());
    const refs = platform.secrets.filter((s) => s.name === 'elastic-credentials');
    expect(refs.map((s) => [s.namespace, s.external])).toEqual([['seldon-logs', false], ['seldon-system', false]]);
    expect(refs[0].purpose).toContain('elasticsearch-seldon-es-elastic-user');
  });

  test('GIVEN another name, version and node sets THEN the cluster and the endpoint follow', () => {
    const config = testConfig({ elasticsearch: { name: 'logs', version: '8.15.3', mmap: true, nodeSets: [{ name: 'data', count: 3, storageSize: '50Gi', storageClassName: 'fast' }] } });
    const platform = new SeldonPlatform(new App(), 'test', config);
    expect(platform.elasticsearch?.endpoint).toEqual({
      url: 'https://logs-es-http.seldon-logs:9200',
      host: 'logs-es-http.seldon-logs',
      port: 9200,
      protocol: 'https',
      credentialsSecret: 'elastic-credentials',
      version: '8.15.3',
    });
    const es = find(platform.render(), 'Elasticsearch', 'logs', 'seldon-logs');
    expect(es.spec).toMatchObject({
      version: '8.15.3',
      nodeSets: [{ name: 'data', count: 3, config: { 'node.store.allow_mmap': true }, volumeClaimTemplates: [{ spec: { storageClassName: 'fast', resources: { requests: { storage: '50Gi' } } } }] }],
    });
  });
});

describe('Elasticsearch on Kubernetes', () => {
  const objects = render(kubernetes());

  test('GIVEN the defaults WHEN rendered THEN the objects match the snapshot', () => {
    expect(esObjects(objects)).toMatchSnapshot();
  });

  test('THEN the eck-operator chart installs in elastic-system with its CRDs, managing seldon-logs only', () => {
    expect(find(objects, 'Application', 'elastic-operator').spec).toMatchObject({
      source: { repoURL: 'https://helm.elastic.co', chart: 'eck-operator', targetRevision: CHARTS.eck.version, helm: { releaseName: 'elastic-operator', valuesObject: { installCRDs: true, managedNamespaces: ['seldon-logs'] } } },
      destination: { namespace: 'elastic-system' },
    });
    expect((find(objects, 'NetworkPolicy', 'allow-from-eck-operator', 'seldon-logs').spec as { ingress: unknown }).ingress).toEqual([
      { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'elastic-system' } } }], ports: [{ port: 9200, protocol: 'TCP' }] },
    ]);
  });
});

describe('Elasticsearch configuration errors', () => {
  const rejects = (elasticsearch: NonNullable<Exclude<PlatformConfig['elasticsearch'], false>>) => errorOf(() => SeldonPlatform.validate(testConfig({ elasticsearch })));

  test('GIVEN the seed\'s 7.12.1 THEN it is rejected as older than ECK 3 supports', () => {
    expect(rejects({ version: '7.12.1' })).toContain(`elasticsearch.version ("7.12.1"): is older than 7.17, the oldest version ECK 3.x manages (the seed's 7.12.1 included); use "${INSTANCE_VERSIONS.elasticsearch}" or a later 8.x`);
  });

  test('GIVEN a version that is not major.minor.patch THEN it is rejected', () => {
    expect(rejects({ version: '7.17' })).toContain('elasticsearch.version ("7.17"): is not an Elasticsearch version (major.minor.patch)');
  });

  test('GIVEN a name longer than ECK allows THEN it is rejected', () => {
    expect(rejects({ name: 'elasticsearch-seldon-request-and-container-logs' })).toContain('is longer than 36 characters, the limit ECK puts on cluster names');
  });

  test('GIVEN no node sets THEN it is rejected', () => {
    expect(rejects({ nodeSets: [] })).toContain('elasticsearch.nodeSets ([]): is empty: the cluster would have no nodes');
  });

  test('GIVEN duplicate names, zero nodes and a bad storage size THEN each is rejected', () => {
    const message = rejects({ nodeSets: [{ name: 'default' }, { name: 'default', count: 0, storageSize: '10 GB' }] });
    expect(message).toContain('elasticsearch.nodeSets[1].name ("default"): is used by two node sets');
    expect(message).toContain('elasticsearch.nodeSets[1].count (0): must be an integer from 1 up');
    expect(message).toContain('elasticsearch.nodeSets[1].storageSize ("10 GB"): is not a storage quantity');
  });

  test('GIVEN an inline password as the credentials source THEN it is refused', () => {
    expect(rejects({ credentialsSource: { from: 'existing', password: 'changeme' } as never })).toContain('elasticsearch.credentialsSource.password ("<redacted>"): a secret value was given inline');
  });
});
