import { kafkaExample } from './environment';

/** Confluent Cloud, SASL/PLAIN with an API key (upstream `values-confluent-kafka-sasl.yaml.tmpl`; secret name from seed 001). */
export const config = kafkaExample('confluent-sasl-plain', {
  provider: { type: 'confluent-cloud', bootstrap: 'pkc-12345.europe-west1.gcp.confluent.cloud:9092' },
  security: { mode: 'confluent-sasl-plain', username: 'ABCDEFGHIJKLMNOP', passwordSecret: 'confluent-kafka-sasl' },
  topics: { replicationFactor: 3, numPartitions: 4 },
});
