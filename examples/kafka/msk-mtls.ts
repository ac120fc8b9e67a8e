import { kafkaExample } from './environment';

/** AWS MSK, mutual TLS with a client certificate secret (upstream `values-aws-msk-kafka-mtls.yaml.tmpl`). */
export const config = kafkaExample('msk-mtls', {
  provider: { type: 'aws-msk', bootstrap: 'b-1.seldon.abc123.c2.kafka.eu-west-1.amazonaws.com:9094,b-2.seldon.abc123.c2.kafka.eu-west-1.amazonaws.com:9094' },
  security: { mode: 'msk-mtls', clientSecret: 'aws-msk-client', brokerCaSecret: 'aws-msk-broker-ca' },
});
