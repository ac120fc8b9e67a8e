import { Construct } from 'constructs';
import { PlatformConfig } from '../../src/config';
import { SeldonPlatform } from '../../src/platform';

/** In-cluster Kafka sized for production: persistent storage, min.insync.replicas 2, SCRAM, secrets copied by ESO. */
export const strimziConfig: PlatformConfig = {
  name: 'kafka-strimzi',
  platform: 'openshift',
  delivery: { repoURL: 'https://git.example.com/platform/seldon-platform.git' },
  ingressDomain: 'apps.cluster.example.com',
  openshiftVersion: '4.20',
  gitops: { repoURL: 'https://git.example.com/models/seldon-gitops.git' },
  kafka: {
    provider: {
      type: 'strimzi',
      cluster: {
        replicas: 3,
        storage: { type: 'persistent-claim', size: '100Gi', class: 'gp3-csi' },
        config: { minInsyncReplicas: 2 },
      },
    },
    security: { mode: 'strimzi-scram-sha-512' },
    topics: { replicationFactor: 3, numPartitions: 4 },
    // ExternalSecrets copy the user secret `seldon` and the CA `seldon-cluster-ca-cert` out of seldon-kafka.
    secrets: { strimziStore: { kind: 'ClusterSecretStore', name: 'seldon-kafka' } },
  },
};

export function kafkaStrimzi(scope: Construct): SeldonPlatform {
  const platform = new SeldonPlatform(scope, 'kafka-strimzi', strimziConfig);
  platform.addModelNamespace('models');
  return platform;
}
