import { App } from 'cdk8s';
import { PlatformConfig } from '../../src/config';
import { KafkaOptions } from '../../src/concerns/kafka';
import { KubeObject, RenderedObject } from '../../src/lib/render';
import { SeldonPlatform } from '../../src/platform';
import { errorOf, find, render, testConfig } from '../helpers/render';

const kubernetes = (overrides: Partial<PlatformConfig> = {}): PlatformConfig => testConfig({ platform: 'kubernetes', ingressDomain: undefined, ...overrides });
const withKafka = (kafka: KafkaOptions, overrides: Partial<PlatformConfig> = {}) => testConfig({ kafka, ...overrides });
const rejected = (kafka: KafkaOptions, overrides: Partial<PlatformConfig> = {}) => errorOf(() => SeldonPlatform.validate(withKafka(kafka, overrides)));

/** Every object the Kafka concern renders, wherever it is written. */
const kafkaObjects = (objects: readonly RenderedObject[]) => objects.filter((o) => o.object.metadata.labels?.['app.kubernetes.io/component'] === 'kafka');
const spec = (o: KubeObject) => o.spec as Record<string, any>;
const STORE = { kind: 'ClusterSecretStore' as const, name: 'vault' };

describe('Kafka on OpenShift (AMQ Streams, seed 004)', () => {
  const objects = render(testConfig(), { seldon: {} });
  const kafka = find(objects, 'Kafka', 'seldon', 'seldon-kafka');

  test('GIVEN the seed defaults WHEN rendered THEN the objects match the snapshot', () => {
    expect(kafkaObjects(objects)).toMatchSnapshot();
  });

  test('THEN AMQ Streams is subscribed in openshift-operators', () => {
    expect(spec(find(objects, 'Subscription', 'amq-streams', 'openshift-operators'))).toMatchObject({ name: 'amq-streams', channel: 'stable', source: 'redhat-operators' });
  });

  test('THEN the Kafka "seldon" is KRaft with a node pool of 3 brokers/controllers on ephemeral storage (seed replicas and storage)', () => {
    expect(kafka.apiVersion).toBe('kafka.strimzi.io/v1beta2');
    expect(kafka.metadata.annotations).toMatchObject({ 'strimzi.io/node-pools': 'enabled', 'strimzi.io/kraft': 'enabled' });
    expect(spec(kafka).zookeeper).toBeUndefined();
    expect(spec(kafka).kafka.version).toBe('4.1.0');
    const pool = find(objects, 'KafkaNodePool', 'kafka', 'seldon-kafka');
    expect(pool.metadata.labels?.['strimzi.io/cluster']).toBe('seldon');
    expect(spec(pool)).toEqual({ replicas: 3, roles: ['controller', 'broker'], storage: { type: 'ephemeral' } });
  });

  test('THEN the broker config carries the seed values (without the ZooKeeper-era inter.broker.protocol.version)', () => {
    expect(spec(kafka).kafka.config).toEqual({
      'auto.create.topics.enable': true,
      'offsets.topic.replication.factor': 3,
      'transaction.state.log.replication.factor': 3,
      'transaction.state.log.min.isr': 2,
      'default.replication.factor': 3,
      'min.insync.replicas': 1,
      'message.max.bytes': 1000000000,
    });
    expect(spec(kafka).entityOperator).toEqual({ topicOperator: {}, userOperator: {} });
  });

  test('THEN only the TLS listener 9093 is open, with mutual TLS, and ACLs are enforced', () => {
    expect(spec(kafka).kafka.listeners).toEqual([{ name: 'tls', port: 9093, type: 'internal', tls: true, authentication: { type: 'tls' } }]);
    expect(spec(kafka).kafka.authorization).toEqual({ type: 'simple' });
  });

  test('THEN the KafkaUser "seldon" is a tls user with Seldon\'s topic, cluster and group ACLs', () => {
    const user = find(objects, 'KafkaUser', 'seldon', 'seldon-kafka');
    expect(user.metadata.labels?.['strimzi.io/cluster']).toBe('seldon');
    expect(spec(user)).toEqual({
      authentication: { type: 'tls' },
      authorization: {
        type: 'simple',
        acls: [
          { resource: { type: 'topic', name: 'seldon', patternType: 'prefix' }, operations: ['All'] },
          // The dataflow engine's Kafka Streams topics of the Core 2 namespace "seldon" (Configuration.kt withAppId).
          { resource: { type: 'topic', name: 'seldon-seldon-dataflow-', patternType: 'prefix' }, operations: ['All'] },
          { resource: { type: 'cluster' }, operations: ['Create', 'Describe', 'DescribeConfigs', 'IdempotentWrite'] },
          { resource: { type: 'group', name: '*', patternType: 'literal' }, operations: ['All'] },
        ],
      },
    });
  });

  test('THEN no ZooKeeper, no plain listener and no secret value is rendered', () => {
    expect(objects.filter((o) => o.object.kind === 'Secret')).toEqual([]);
  });
});

describe('Kafka on Kubernetes (Strimzi chart)', () => {
  const objects = render(kubernetes(), { seldon: {} });

  test('GIVEN the defaults WHEN rendered THEN the objects match the snapshot', () => {
    expect(kafkaObjects(objects)).toMatchSnapshot();
  });

  test('THEN the Strimzi 0.51.0 chart is installed from its OCI repository next to the cluster, with server-side apply', () => {
    const app = find(objects, 'Application', 'strimzi-kafka-operator');
    expect(spec(app).source).toMatchObject({ repoURL: 'quay.io/strimzi-helm', chart: 'strimzi-kafka-operator', targetRevision: '0.51.0' });
    expect(spec(app).destination.namespace).toBe('seldon-kafka');
    expect(spec(app).syncPolicy.syncOptions).toContain('ServerSideApply=true');
  });
});

describe('Kafka cluster options', () => {
  test('GIVEN persistent jbod storage, 5 brokers and the plain listener THEN the node pool and listeners follow', () => {
    const objects = render(withKafka({ provider: { type: 'strimzi', cluster: { replicas: 5, plainListener: true, storage: { type: 'jbod', volumes: [{ size: '100Gi', class: 'gp3' }, { size: '200Gi' }] } } } }));
    expect(spec(find(objects, 'KafkaNodePool', 'kafka')).storage).toEqual({
      type: 'jbod',
      volumes: [
        { id: 0, type: 'persistent-claim', size: '100Gi', class: 'gp3', deleteClaim: false, kraftMetadata: 'shared' },
        { id: 1, type: 'persistent-claim', size: '200Gi', deleteClaim: false },
      ],
    });
    expect(spec(find(objects, 'Kafka', 'seldon')).kafka.listeners.map((l: { name: string }) => l.name)).toEqual(['plain', 'tls']);
  });

  test('GIVEN strimzi-scram-sha-512 THEN the listener and the user use SCRAM', () => {
    const objects = render(withKafka({ security: { mode: 'strimzi-scram-sha-512' } }));
    expect(spec(find(objects, 'Kafka', 'seldon')).kafka.listeners[0].authentication).toEqual({ type: 'scram-sha-512' });
    expect(spec(find(objects, 'KafkaUser', 'seldon')).authentication).toEqual({ type: 'scram-sha-512' });
  });

  test('GIVEN one-way TLS on Strimzi THEN the TLS listener has no authentication and no user is rendered', () => {
    const objects = render(withKafka({ security: { mode: 'tls', brokerCaSecret: 'seldon-cluster-ca-cert' } }));
    expect(spec(find(objects, 'Kafka', 'seldon')).kafka.listeners).toEqual([{ name: 'tls', port: 9093, type: 'internal', tls: true }]);
    expect(objects.filter((o) => o.object.kind === 'KafkaUser')).toEqual([]);
  });

  test('GIVEN a consumer group prefix THEN the group ACL is a prefix ACL', () => {
    const objects = render(withKafka({ consumerGroupIdPrefix: 'myorg', topics: { prefix: 'myorg-seldon' } }));
    const acls = spec(find(objects, 'KafkaUser', 'seldon')).authorization.acls;
    expect(acls[0].resource).toEqual({ type: 'topic', name: 'myorg-seldon', patternType: 'prefix' });
    expect(acls[2].resource).toEqual({ type: 'group', name: 'myorg', patternType: 'prefix' });
  });

  test('GIVEN a managed provider THEN no operator, cluster or user is rendered', () => {
    const objects = render(withKafka({ provider: { type: 'aws-msk', bootstrap: 'b-1.msk.example.com:9094' }, security: { mode: 'msk-mtls', clientSecret: 'aws-msk-client' } }));
    expect(kafkaObjects(objects).map((o) => o.object.kind)).toEqual([]);
  });
});

describe('Kafka credentials in every client namespace', () => {
  test('GIVEN a secret store and a managed provider THEN seldon-logs and every Core 2 namespace get ExternalSecrets', () => {
    const objects = render(
      withKafka({ provider: { type: 'confluent-cloud', bootstrap: 'pkc-1.europe-west1.gcp.confluent.cloud:9092' }, security: { mode: 'confluent-sasl-plain', username: 'KEY', passwordSecret: 'confluent-kafka-sasl' } }, { secrets: { store: STORE } }),
      { models: {}, 'no-core2': { coreV2: false } },
    );
    const secrets = objects.filter((o) => o.object.kind === 'ExternalSecret' && o.object.metadata.name === 'confluent-kafka-sasl');
    expect(secrets.map((o) => o.object.metadata.namespace).sort()).toEqual(['models', 'seldon-logs']);
    expect(spec(find(objects, 'ExternalSecret', 'confluent-kafka-sasl', 'models')).data).toEqual([{ secretKey: 'password', remoteRef: { key: 'seldon/models/confluent-kafka-sasl', property: 'password' } }]);
  });

  test('GIVEN one shared remote key THEN every namespace reads the same store entry', () => {
    const objects = render(
      withKafka(
        { provider: { type: 'azure-event-hub', namespace: 'seldon-events', tier: 'Standard' }, security: { mode: 'event-hub-sasl', passwordSecret: 'azure-kafka-secret' }, secrets: { source: { from: 'external-secret', remoteKey: 'kafka/event-hub' } } },
        { secrets: { store: STORE } },
      ),
      { models: { plannedModels: 1, plannedPipelines: 1 } },
    );
    const keys = objects.filter((o) => o.object.kind === 'ExternalSecret' && o.object.metadata.name === 'azure-kafka-secret').map((o) => spec(o.object).data[0].remoteRef.key);
    expect(keys).toEqual(['kafka/event-hub', 'kafka/event-hub']);
  });

  test('GIVEN Strimzi and a platform store THEN the Strimzi-generated secrets come from the Kafka namespace through the rendered ClusterSecretStore seldon-kafka (the platform store does not hold them)', () => {
    const objects = render(testConfig({ secrets: { store: STORE } }), { models: {} });
    const copies = objects.filter((o) => o.object.kind === 'ExternalSecret' && ['seldon', 'seldon-cluster-ca-cert'].includes(o.object.metadata.name ?? ''));
    expect(copies.map((o) => `${o.object.metadata.namespace}/${o.object.metadata.name} ${JSON.stringify(spec(o.object).secretStoreRef)}`).sort()).toEqual([
      'models/seldon {"kind":"ClusterSecretStore","name":"seldon-kafka"}',
      'models/seldon-cluster-ca-cert {"kind":"ClusterSecretStore","name":"seldon-kafka"}',
      'seldon-logs/seldon {"kind":"ClusterSecretStore","name":"seldon-kafka"}',
      'seldon-logs/seldon-cluster-ca-cert {"kind":"ClusterSecretStore","name":"seldon-kafka"}',
    ]);
  });

  test('GIVEN the default Strimzi setup THEN the store reads only the two secrets, from the Kafka namespace, for platform namespaces only', () => {
    const objects = render(testConfig(), { models: {} });
    const store = find(objects, 'ClusterSecretStore', 'seldon-kafka');
    expect(spec(store)).toEqual({
      conditions: [{ namespaceSelector: { matchLabels: { 'app.kubernetes.io/part-of': 'seldon-platform' } } }],
      provider: {
        kubernetes: {
          remoteNamespace: 'seldon-kafka',
          server: { caProvider: { type: 'ConfigMap', name: 'kube-root-ca.crt', key: 'ca.crt', namespace: 'seldon-kafka' } },
          auth: { serviceAccount: { name: 'seldon-kafka-secret-reader', namespace: 'seldon-kafka' } },
        },
      },
    });
    expect(find(objects, 'Role', 'seldon-kafka-secret-reader', 'seldon-kafka').rules).toEqual([{ apiGroups: [''], resources: ['secrets'], resourceNames: ['seldon', 'seldon-cluster-ca-cert'], verbs: ['get', 'list', 'watch'] }]);
    expect(find(objects, 'RoleBinding', 'seldon-kafka-secret-reader', 'seldon-kafka').subjects).toEqual([{ kind: 'ServiceAccount', name: 'seldon-kafka-secret-reader', namespace: 'seldon-kafka' }]);
  });

  test('GIVEN a kubernetes-provider store for Strimzi THEN the user secret and cluster CA are copied into seldon-logs and each Core 2 namespace', () => {
    const objects = render(withKafka({ secrets: { strimziStore: { kind: 'ClusterSecretStore', name: 'seldon-kafka' } } }), { models: {} });
    const copies = objects.filter((o) => o.object.kind === 'ExternalSecret');
    expect(copies.map((o) => `${o.object.metadata.namespace}/${o.object.metadata.name}`).sort()).toEqual(['models/seldon', 'models/seldon-cluster-ca-cert', 'seldon-logs/seldon', 'seldon-logs/seldon-cluster-ca-cert']);
    const user = find(objects, 'ExternalSecret', 'seldon', 'models');
    expect(spec(user).secretStoreRef).toEqual({ kind: 'ClusterSecretStore', name: 'seldon-kafka' });
    expect(spec(user).data).toEqual(['user.crt', 'user.key', 'ca.crt'].map((k) => ({ secretKey: k, remoteRef: { key: 'seldon', property: k } })));
  });
});

describe('Kafka topic budget', () => {
  const eventHub: KafkaOptions = { provider: { type: 'azure-event-hub', namespace: 'seldon-events', tier: 'Standard' }, security: { mode: 'event-hub-sasl', passwordSecret: 'azure-kafka-secret' } };

  test('GIVEN namespaces with planned models and pipelines THEN topics are 2 x (models + pipelines) + 1 per namespace, times the partitions', () => {
    const platform = new SeldonPlatform(new App(), 'test', testConfig());
    platform.addModelNamespace('a', { plannedModels: 10, plannedPipelines: 5 });
    platform.addModelNamespace('b', { plannedModels: 2, plannedPipelines: 0 });
    platform.addModelNamespace('c', { coreV2: false });
    expect(platform.kafka?.topicBudget()).toEqual({ namespaces: 2, topics: 31 + 5, partitions: 36 * 4, quota: undefined });
  });

  test('GIVEN Event Hub Standard and a plan above 10 topics THEN adding the namespace fails with the numbers and their source', () => {
    const platform = new SeldonPlatform(new App(), 'test', withKafka(eventHub));
    expect(errorOf(() => platform.addModelNamespace('models', { plannedModels: 4, plannedPipelines: 1 }))).toContain(
      'addModelNamespace("models") ({"plannedModels":4,"plannedPipelines":1}): brings the Core 2 topic plan (2 x (models + pipelines) + 1 per namespace, 1 namespace(s), 4 partitions each) to 11 topics, above the quota of 10 (Azure Event Hub Standard: 10 event hubs per namespace, 32 partitions each); lower plannedModels/plannedPipelines',
    );
  });

  test('GIVEN onExceeded "warn" THEN the namespace is added and the warning recorded', () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const platform = new SeldonPlatform(new App(), 'test', withKafka({ ...eventHub, topicBudget: { onExceeded: 'warn' } }));
    platform.addModelNamespace('models', { plannedModels: 4, plannedPipelines: 1 });
    expect(platform.kafka?.warnings).toEqual([expect.stringContaining('to 11 topics, above the quota of 10')]);
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });

  test('GIVEN a configured partition quota THEN the partitions count against it', () => {
    const platform = new SeldonPlatform(new App(), 'test', withKafka({ topicBudget: { maxPartitions: 100 } }));
    expect(errorOf(() => platform.addModelNamespace('models'))).toContain('to 124 partitions, above the quota of 100 (kafka.topicBudget)');
  });
});

describe('Kafka configuration is rejected with field, value and fix', () => {
  test('SASL_PLAINTEXT (unsupported by Core 2)', () => {
    expect(rejected({ provider: { type: 'external', bootstrap: 'kafka.example.com:9092' }, security: { mode: 'custom', protocol: 'SASL_PLAINTEXT' as never } })).toContain(
      'kafka.security.protocol ("SASL_PLAINTEXT"): is not supported by Seldon Core 2 (only PLAINTEXT, SSL and SASL_SSL; components/tls/pkg/config/auth.go), and would send SASL credentials unencrypted; use SASL_SSL',
    );
  });

  test('the reference doc\'s PLAINTXT typo, with a suggestion', () => {
    expect(rejected({ provider: { type: 'external', bootstrap: 'kafka.example.com:9092' }, security: { mode: 'custom', protocol: 'PLAINTXT' as never } })).toContain(
      'kafka.security.protocol ("PLAINTXT"): is not one of PLAINTEXT, SSL, SASL_SSL (KAFKA_SECURITY_PROTOCOL; the reference doc\'s "PLAINTXT" is a typo the code does not accept); did you mean PLAINTEXT?',
    );
  });

  test('a typo in the mode, with a suggestion', () => {
    expect(rejected({ security: { mode: 'strimzi-mtsl' as never } })).toContain('kafka.security.mode ("strimzi-mtsl"): is not one of');
    expect(rejected({ security: { mode: 'strimzi-mtsl' as never } })).toContain('did you mean strimzi-mtls?');
  });

  test('SASL without a password secret', () => {
    expect(rejected({ provider: { type: 'aws-msk', bootstrap: 'b-1.msk.example.com:9096' }, security: { mode: 'msk-scram', username: 'seldon', passwordSecret: '' } })).toContain(
      'kafka.security.passwordSecret (""): SASL needs a secret holding the password (key "password"): without it the gateways start with an empty password and every Kafka connection fails authentication; create the secret',
    );
  });

  test('custom SASL_SSL without SASL settings', () => {
    expect(rejected({ provider: { type: 'external', bootstrap: 'kafka.example.com:9093' }, security: { mode: 'custom', protocol: 'SASL_SSL' } })).toContain('kafka.security.sasl (undefined): is required with protocol SASL_SSL');
  });

  test('an OAuth secret missing keys', () => {
    expect(
      rejected({ provider: { type: 'confluent-cloud', bootstrap: 'pkc-1.gcp.confluent.cloud:9092' }, security: { mode: 'confluent-oauth', oauthSecret: 'confluent-kafka-oauth', oauthSecretKeys: ['method', 'client_id', 'client_secret', 'token_endpoint_url'] } }),
    ).toContain('kafka.security.oauthSecretKeys (["method","client_id","client_secret","token_endpoint_url"]): lacks extensions, scope: Core 2\'s OAuth loader requires all of method, client_id, client_secret, token_endpoint_url, extensions, scope');
  });

  test('replicationFactor below the cluster\'s min.insync.replicas (AWS MSK default 2)', () => {
    expect(rejected({ provider: { type: 'aws-msk', bootstrap: 'b-1.msk.example.com:9094' }, security: { mode: 'msk-mtls', clientSecret: 'aws-msk-client' }, topics: { replicationFactor: 1 } })).toContain(
      'kafka.topics.replicationFactor (1): is below the cluster\'s min.insync.replicas (2): producers will fail with NOT_ENOUGH_REPLICAS ("not enough in-sync replicas" in the pipeline gateway); set replicationFactor >= 2',
    );
  });

  test('replicationFactor above the broker count of the Strimzi cluster', () => {
    expect(rejected({ provider: { type: 'strimzi', cluster: { replicas: 3 } }, topics: { replicationFactor: 4 } })).toContain(
      'kafka.topics.replicationFactor (4): is above the 3 broker(s) of the Strimzi cluster: topic creation fails with INVALID_REPLICATION_FACTOR; set replicationFactor <= 3, or raise kafka.provider.cluster.replicas',
    );
  });

  test('a single-broker Strimzi cluster keeping the seed\'s internal replication factors', () => {
    expect(rejected({ provider: { type: 'strimzi', cluster: { replicas: 1 } }, topics: { replicationFactor: 1 } })).toContain(
      'kafka.provider.cluster.config.offsetsTopicReplicationFactor (3): is above the cluster\'s 1 broker(s): Kafka cannot place that many replicas (this is the seed default)',
    );
  });

  test('a topic prefix outside [A-Za-z0-9._-]', () => {
    expect(rejected({ topics: { prefix: 'seldon/prod' } })).toContain('kafka.topics.prefix ("seldon/prod"): may only contain [A-Za-z0-9._-]');
  });

  test('a topic prefix ending in the separator', () => {
    expect(rejected({ topics: { prefix: 'seldon.' } })).toContain('kafka.topics.prefix ("seldon."): ends with "."');
  });

  test('the Event Hub Basic tier', () => {
    expect(rejected({ provider: { type: 'azure-event-hub', namespace: 'seldon-events', tier: 'Basic' as never }, security: { mode: 'event-hub-sasl', passwordSecret: 'azure-kafka-secret' } })).toContain(
      'kafka.provider.tier ("Basic"): has no Kafka endpoint: the Basic tier of Azure Event Hub does not support the Kafka protocol (seed 000, seed 001); use a Standard',
    );
  });

  test('more partitions per topic than Event Hub Standard allows', () => {
    expect(rejected({ provider: { type: 'azure-event-hub', namespace: 'seldon-events', tier: 'Standard' }, security: { mode: 'event-hub-sasl', passwordSecret: 'azure-kafka-secret' }, topics: { numPartitions: 64 } })).toContain(
      'kafka.topics.numPartitions (64): is above 32 partitions per topic',
    );
  });

  test('a managed provider without a security mode', () => {
    expect(rejected({ provider: { type: 'aws-msk', bootstrap: 'b-1.msk.example.com:9094' } })).toContain('kafka.security (undefined): is required for aws-msk');
  });

  test('a mode of another provider', () => {
    expect(rejected({ provider: { type: 'aws-msk', bootstrap: 'b-1.msk.example.com:9094' }, security: { mode: 'strimzi-mtls' } })).toContain(
      'kafka.security.mode ("strimzi-mtls"): belongs to the strimzi provider, but kafka.provider.type is aws-msk',
    );
  });

  test('a bootstrap without a port', () => {
    expect(rejected({ provider: { type: 'external', bootstrap: 'kafka.example.com' }, security: { mode: 'tls' } })).toContain('kafka.provider.bootstrap ("kafka.example.com"): is not a Kafka bootstrap list of host:port pairs');
  });

  test('a Strimzi secret store with a managed provider', () => {
    expect(rejected({ provider: { type: 'external', bootstrap: 'kafka.example.com:9093' }, security: { mode: 'tls' }, secrets: { strimziStore: STORE } })).toContain('kafka.secrets.strimziStore');
  });

  test('an inline secret value', () => {
    expect(rejected({ secrets: { source: { from: 'external-secret', password: 'hunter2' } as never } })).toContain('kafka.secrets.source.password ("<redacted>"): a secret value was given inline');
  });
});

describe('the Kafka namespace', () => {
  const namespaces = (kafka: PlatformConfig['kafka']) => render(testConfig({ kafka })).filter((o) => o.object.kind === 'Namespace').map((o) => o.object.metadata.name);

  test('GIVEN in-cluster Strimzi THEN seldon-kafka is created and joins the member roll', () => {
    const objects = render(testConfig());
    expect(objects.some((o) => o.object.kind === 'Namespace' && o.object.metadata.name === 'seldon-kafka')).toBe(true);
    expect((find(objects, 'ServiceMeshMemberRoll', 'default').spec as { members: string[] }).members).toContain('seldon-kafka');
  });

  test('GIVEN managed Kafka THEN no seldon-kafka namespace is created', () => {
    expect(namespaces({ provider: { type: 'aws-msk', bootstrap: 'b-1.msk.example.com:9094' }, security: { mode: 'msk-mtls', clientSecret: 'aws-msk-client', brokerCaSecret: 'aws-msk-broker-ca' } })).not.toContain('seldon-kafka');
  });
});

test('GIVEN one-way TLS to the in-cluster Strimzi cluster without its CA THEN it is rejected naming the CA secret', () => {
  expect(errorOf(() => SeldonPlatform.validate(testConfig({ kafka: { security: { mode: 'tls' } } })))).toContain(
    'kafka.security.brokerCaSecret (undefined): is required for one-way TLS to the in-cluster Strimzi cluster',
  );
  expect(() => SeldonPlatform.validate(testConfig({ kafka: { security: { mode: 'tls', brokerCaSecret: 'seldon-cluster-ca-cert' } } }))).not.toThrow();
});
