import { kafkaExample } from './environment';

/** In-cluster Strimzi, SASL/SCRAM-SHA-512 over TLS (upstream `values-strimzi-kafka-sasl-scram.yaml`). */
export const config = kafkaExample('strimzi-scram', {
  provider: { type: 'strimzi' },
  security: { mode: 'strimzi-scram-sha-512' },
});
