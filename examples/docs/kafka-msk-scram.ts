import { Construct } from 'constructs';
import { PlatformConfig } from '../../src/config';
import { SeldonPlatform } from '../../src/platform';

/** Amazon MSK with SASL/SCRAM-SHA-512; the password comes from AWS Secrets Manager through external-secrets. */
export const mskConfig: PlatformConfig = {
  name: 'kafka-msk',
  platform: 'kubernetes',
  delivery: { repoURL: 'https://git.example.com/platform/seldon-platform.git' },
  gitops: { repoURL: 'https://git.example.com/models/seldon-gitops.git' },
  kafka: {
    provider: {
      type: 'aws-msk',
      bootstrap: 'b-1.seldon.abc123.c2.kafka.eu-west-1.amazonaws.com:9096,b-2.seldon.abc123.c2.kafka.eu-west-1.amazonaws.com:9096',
      minInsyncReplicas: 2,
    },
    security: { mode: 'msk-scram', username: 'seldon', passwordSecret: 'aws-msk-kafka-secret' },
    topics: { replicationFactor: 3, numPartitions: 4, prefix: 'prod' },
    consumerGroupIdPrefix: 'prod',
    secrets: {
      source: { from: 'external-secret', remoteKey: 'kafka/msk/seldon', store: { kind: 'ClusterSecretStore', name: 'aws-secrets-manager' } },
    },
  },
};

export function kafkaMsk(scope: Construct): SeldonPlatform {
  const platform = new SeldonPlatform(scope, 'kafka-msk', mskConfig);
  platform.addModelNamespace('models');
  return platform;
}
