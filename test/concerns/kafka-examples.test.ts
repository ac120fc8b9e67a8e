import { App } from 'cdk8s';
import { PlatformConfig } from '../../src/config';
import { SeldonPlatform } from '../../src/platform';
import { find } from '../helpers/render';
import * as confluentOauth from '../../examples/kafka/confluent-oauth';
import * as confluentSaslPlain from '../../examples/kafka/confluent-sasl-plain';
import * as eventHubSasl from '../../examples/kafka/event-hub-sasl';
import * as mskMtls from '../../examples/kafka/msk-mtls';
import * as mskScram from '../../examples/kafka/msk-scram';
import * as oneWayTls from '../../examples/kafka/one-way-tls';
import * as strimziMtls from '../../examples/kafka/strimzi-mtls';
import * as strimziScram from '../../examples/kafka/strimzi-scram';

/** The `kafka` and `security.kafka` Helm values of an upstream sample (k8s/samples/ at SeldonIO/seldon-core v2), verbatim. */
interface SampleValues {
  kafka?: { bootstrap?: string; topics?: { replicationFactor?: number; numPartitions?: number }; consumer?: { messageMaxBytes?: number }; producer?: { messageMaxBytes?: number } };
  security: { kafka: Record<string, any> };
}

/** The upstream samples, as published (placeholders `<...>` included). */
const UPSTREAM: Record<string, SampleValues> = {
  // values-strimzi-kafka-mtls.yaml (its `brokerCa` key is not a chart key; `brokerCaPath` defaults to the same file)
  'strimzi-mtls': {
    kafka: { bootstrap: 'seldon-kafka-bootstrap.seldon-mesh.svc.cluster.local:9093' },
    security: {
      kafka: {
        protocol: 'SSL',
        ssl: {
          client: {
            secret: 'seldon',
            brokerValidationSecret: 'seldon-cluster-ca-cert',
            keyPath: '/tmp/certs/kafka/client/user.key',
            crtPath: '/tmp/certs/kafka/client/user.crt',
            caPath: '/tmp/certs/kafka/client/ca.crt',
            brokerCa: '/tmp/certs/kafka/broker/ca.crt',
          },
        },
      },
    },
  },
  // values-strimzi-kafka-sasl-scram.yaml
  'strimzi-scram': {
    kafka: { bootstrap: 'seldon-kafka-bootstrap.seldon-mesh.svc.cluster.local:9093' },
    security: {
      kafka: {
        protocol: 'SASL_SSL',
        sasl: { mechanism: 'SCRAM-SHA-512', client: { username: 'seldon', secret: 'seldon', passwordPath: '/tmp/sasl/kafka/client/password' } },
        ssl: { client: { brokerValidationSecret: 'seldon-cluster-ca-cert', brokerCaPath: '/tmp/certs/kafka/broker/ca.crt' } },
      },
    },
  },
  // values-aws-msk-kafka-mtls.yaml.tmpl
  'msk-mtls': {
    kafka: { bootstrap: '<MSK Broker Endpoints>' },
    security: { kafka: { protocol: 'SSL', ssl: { client: { secret: 'aws-msk-client', brokerValidationSecret: 'aws-msk-broker-ca' } } } },
  },
  // values-aws-msk-kafka-sasl-scram.yaml.tmpl
  'msk-scram': {
    kafka: { bootstrap: '<msk-bootstrap-server-endpoints>', topics: { replicationFactor: 3, numPartitions: 4 } },
    security: {
      kafka: {
        protocol: 'SASL_SSL',
        sasl: { mechanism: 'SCRAM-SHA-512', client: { username: '< username >', secret: 'aws-msk-kafka-secret', passwordPath: 'password' } },
        ssl: { client: { secret: null, brokerValidationSecret: null } },
      },
    },
  },
  // values-confluent-kafka-sasl.yaml.tmpl
  'confluent-sasl-plain': {
    kafka: { bootstrap: '<broker id and region>.gcp.confluent.cloud:9092', topics: { replicationFactor: 3, numPartitions: 4 }, consumer: { messageMaxBytes: 8388608 }, producer: { messageMaxBytes: 8388608 } },
    security: {
      kafka: {
        protocol: 'SASL_SSL',
        sasl: { mechanism: 'PLAIN', client: { username: '< username >', secret: '< secret with password >' } },
        ssl: { client: { secret: null, brokerValidationSecret: null } },
      },
    },
  },
  // values-confluent-kafka-oauth.yaml.tmpl
  'confluent-oauth': {
    kafka: { bootstrap: '< Confluent Cloud Broker Endpoints >', topics: { replicationFactor: 3, numPartitions: 4 }, consumer: { messageMaxBytes: 8388608 }, producer: { messageMaxBytes: 8388608 } },
    security: {
      kafka: {
        protocol: 'SASL_SSL',
        sasl: { mechanism: 'OAUTHBEARER', client: { secret: 'confluent-kafka-oauth' } },
        ssl: { client: { secret: null, brokerValidationSecret: null } },
      },
    },
  },
  // values-azure-event-hub-sasl.yaml.tmpl
  'event-hub-sasl': {
    kafka: { bootstrap: '<namespace>.servicebus.windows.net', topics: { replicationFactor: 3, numPartitions: 4 } },
    security: {
      kafka: {
        protocol: 'SASL_SSL',
        sasl: { mechanism: 'PLAIN', client: { username: '$ConnectionString', secret: 'azure-kafka-secret' } },
        ssl: { client: { secret: null, brokerValidationSecret: null } },
      },
    },
  },
  // No sample file: seed 001 "Kafka Encryption (TLS)" (broker CA in `kafka-broker-tls`, no client certificate) with PR #4916.
  'one-way-tls': {
    security: { kafka: { protocol: 'SSL', ssl: { client: { secret: '', brokerValidationSecret: 'kafka-broker-tls' } } } },
  },
};

const EXAMPLES: Record<string, PlatformConfig> = {
  'strimzi-mtls': strimziMtls.config,
  'strimzi-scram': strimziScram.config,
  'msk-mtls': mskMtls.config,
  'msk-scram': mskScram.config,
  'confluent-sasl-plain': confluentSaslPlain.config,
  'confluent-oauth': confluentOauth.config,
  'event-hub-sasl': eventHubSasl.config,
  'one-way-tls': oneWayTls.config,
};

const CHART_DEFAULT_MESSAGE_MAX_BYTES = 1000000000;
const placeholder = (v: unknown) => typeof v === 'string' && v.includes('<');
const base = (path: unknown, fallback: string) => (typeof path === 'string' && path ? path.split('/').pop() : fallback);

/**
 * What the Helm values mean to Core 2: the protocol, mechanism and user, which secrets are read and which key of each
 * (Core 2 reads the key named like the file, `filepath.Base`), and the bootstrap's service and port. Fields the sample
 * leaves as placeholders (`<...>`) or omits are left out of both sides; chart defaults fill keys a sample omits.
 */
function meaning(values: SampleValues, sample: SampleValues) {
  const k = values.security.kafka;
  const ssl = k.ssl?.client ?? {};
  const sasl = k.protocol === 'SASL_SSL' ? k.sasl : undefined;
  const fromSample = sample.security.kafka.sasl?.client ?? {};
  const concrete = (v: unknown) => v !== undefined && !placeholder(v);
  const bootstrap = values.kafka?.bootstrap ?? '';
  const [host, port] = bootstrap.split(',')[0].split(':');
  return {
    protocol: k.protocol,
    ...(sasl
      ? {
          mechanism: sasl.mechanism,
          ...(concrete(fromSample.username) ? { username: sasl.client.username } : {}),
          ...(concrete(fromSample.secret) ? { saslSecret: sasl.client.secret } : {}),
          ...(sasl.mechanism === 'OAUTHBEARER' ? {} : { passwordKey: base(sasl.client.passwordPath, 'password') }),
        }
      : {}),
    clientSecret: ssl.secret || '',
    ...(ssl.secret ? { clientKeys: [base(ssl.keyPath, 'tls.key'), base(ssl.crtPath, 'tls.crt'), base(ssl.caPath, 'ca.crt')] } : {}),
    brokerCaSecret: ssl.brokerValidationSecret || '',
    ...(ssl.brokerValidationSecret ? { brokerCaKey: base(ssl.brokerCaPath, 'ca.crt') } : {}),
    ...(concrete(sample.kafka?.bootstrap) ? { bootstrapService: host.split('.')[0], bootstrapPort: port } : {}),
  };
}

/** The sizing a sample sets (only those keys). */
function sizing(sample: SampleValues, ours: SampleValues) {
  const pick = (v: SampleValues) => ({
    ...(sample.kafka?.topics ? { topics: v.kafka?.topics } : {}),
    ...(sample.kafka?.consumer ? { consumerMessageMaxBytes: v.kafka?.consumer?.messageMaxBytes ?? CHART_DEFAULT_MESSAGE_MAX_BYTES } : {}),
    ...(sample.kafka?.producer ? { producerMessageMaxBytes: v.kafka?.producer?.messageMaxBytes ?? CHART_DEFAULT_MESSAGE_MAX_BYTES } : {}),
  });
  return [pick(ours), pick(sample)];
}

function renderExample(config: PlatformConfig): SampleValues {
  const platform = new SeldonPlatform(new App(), config.name, config);
  platform.addModelNamespace('models', { plannedModels: 2, plannedPipelines: 1 });
  const setup = find(platform.render(), 'Application', 'seldon-core-v2-setup');
  return (setup.spec as { source: { helm: { valuesObject: SampleValues } } }).source.helm.valuesObject;
}

describe.each(Object.keys(EXAMPLES))('Kafka example %s', (variant) => {
  const ours = renderExample(EXAMPLES[variant]);
  const sample = UPSTREAM[variant];

  test('GIVEN the example WHEN rendered THEN its Kafka values match the snapshot', () => {
    expect({ kafka: ours.kafka, security: ours.security.kafka }).toMatchSnapshot();
  });

  test('THEN its values mean what the upstream sample\'s mean', () => {
    expect(meaning(ours, sample)).toEqual(meaning(sample, sample));
  });

  test('THEN it sizes topics and messages as the upstream sample does', () => {
    const [mine, theirs] = sizing(sample, ours);
    expect(mine).toEqual(theirs);
  });

  test('THEN brokers are verified by host name (every sample leaves it empty, which Core 2 turns into "none")', () => {
    expect(ours.security.kafka.ssl?.client.endpointIdentificationAlgorithm).toBe('https');
  });
});

describe('Kafka examples where this platform deliberately differs from the samples', () => {
  test('Event Hub: the sample\'s bootstrap has no port; clients would try 9092, Event Hubs listen on 9093', () => {
    expect(renderExample(eventHubSasl.config).kafka?.bootstrap).toBe('seldon-events.servicebus.windows.net:9093');
  });

  test('MSK mTLS: the sample keeps the chart\'s replicationFactor 1, below MSK\'s min.insync.replicas 2; the platform defaults to 3', () => {
    expect(renderExample(mskMtls.config).kafka?.topics).toEqual({ replicationFactor: 3, numPartitions: 4 });
  });

  test('Strimzi: the cluster runs in seldon-kafka (seed 004), not the samples\' seldon-mesh', () => {
    expect(renderExample(strimziMtls.config).kafka?.bootstrap).toBe('seldon-kafka-bootstrap.seldon-kafka.svc:9093');
  });
});
