import { kafkaExample } from './environment';

/** Azure Event Hub (Standard), SASL/PLAIN with the namespace connection string (upstream `values-azure-event-hub-sasl.yaml.tmpl`). */
export const config = kafkaExample('event-hub-sasl', {
  provider: { type: 'azure-event-hub', namespace: 'seldon-events', tier: 'Standard' },
  security: { mode: 'event-hub-sasl', passwordSecret: 'azure-kafka-secret' },
  topics: { replicationFactor: 3, numPartitions: 4 },
});
