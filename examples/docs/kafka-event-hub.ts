import { Construct } from 'constructs';
import { PlatformConfig } from '../../src/config';
import { SeldonPlatform } from '../../src/platform';

/** Azure Event Hub Premium with 2 processing units: 200 topics and 400 partitions, checked at synth time. */
export const eventHubConfig: PlatformConfig = {
  name: 'kafka-event-hub',
  platform: 'kubernetes',
  delivery: { repoURL: 'https://git.example.com/platform/seldon-platform.git' },
  gitops: { repoURL: 'https://git.example.com/models/seldon-gitops.git' },
  kafka: {
    provider: { type: 'azure-event-hub', namespace: 'seldon-events', tier: 'Premium', capacityUnits: 2 },
    security: { mode: 'event-hub-sasl', passwordSecret: 'azure-kafka-secret' },
    topics: { replicationFactor: 3, numPartitions: 4 },
    topicBudget: { onExceeded: 'fail' },
  },
};

export function kafkaEventHub(scope: Construct): SeldonPlatform {
  const platform = new SeldonPlatform(scope, 'kafka-event-hub', eventHubConfig);
  // 2 x (10 + 5) + 1 = 31 topics and 124 partitions each: 62 topics and 248 partitions, within 200 and 400.
  platform.addModelNamespace('fraud', { plannedModels: 10, plannedPipelines: 5 });
  platform.addModelNamespace('risk', { plannedModels: 10, plannedPipelines: 5 });
  return platform;
}
