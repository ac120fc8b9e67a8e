import { kafkaExample } from './environment';

/**
 * Any Kafka with TLS encryption but no client authentication (seed 001 "Kafka Encryption (TLS)"; SeldonIO/seldon-core
 * #4870 and PR #4916), verifying the brokers' host names with their CA from `kafka-broker-tls`.
 */
export const config = kafkaExample('one-way-tls', {
  provider: { type: 'external', bootstrap: 'kafka-0.kafka.example.com:9093,kafka-1.kafka.example.com:9093' },
  security: { mode: 'tls', brokerCaSecret: 'kafka-broker-tls' },
});
