import { kafkaExample } from './environment';

/** AWS MSK, SASL/SCRAM-SHA-512 with the password in a secret (upstream `values-aws-msk-kafka-sasl-scram.yaml.tmpl`). */
export const config = kafkaExample('msk-scram', {
  provider: { type: 'aws-msk', bootstrap: 'b-1.seldon.abc123.c2.kafka.eu-west-1.amazonaws.com:9096,b-2.seldon.abc123.c2.kafka.eu-west-1.amazonaws.com:9096' },
  security: { mode: 'msk-scram', username: 'seldon', passwordSecret: 'aws-msk-kafka-secret' },
  topics: { replicationFactor: 3, numPartitions: 4 },
});
