import { kafkaExample } from './environment';

/** Confluent Cloud, SASL/OAUTHBEARER with OIDC client credentials (upstream `values-confluent-kafka-oauth.yaml.tmpl`). */
export const config = kafkaExample('confluent-oauth', {
  provider: { type: 'confluent-cloud', bootstrap: 'pkc-12345.europe-west1.gcp.confluent.cloud:9092' },
  security: { mode: 'confluent-oauth', oauthSecret: 'confluent-kafka-oauth' },
  topics: { replicationFactor: 3, numPartitions: 4 },
});
