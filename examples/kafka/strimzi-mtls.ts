import { kafkaExample } from './environment';

/** In-cluster Strimzi, mutual TLS with the `tls` KafkaUser `seldon` (upstream `values-strimzi-kafka-mtls.yaml`). The platform default. */
export const config = kafkaExample('strimzi-mtls', {
  provider: { type: 'strimzi' },
  security: { mode: 'strimzi-mtls' },
});
