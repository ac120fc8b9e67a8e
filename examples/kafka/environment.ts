import { PlatformConfig } from '../../src/config';
import { KafkaOptions } from '../../src/concerns/kafka';

/**
 * The environment every Kafka example shares: Core 2 behind the mesh with TLS, and nothing unrelated to Kafka, so that
 * each example shows only its `kafka` block. Render one with `new SeldonPlatform(app, config.name, config)`.
 */
export function kafkaExample(variant: string, kafka: KafkaOptions): PlatformConfig {
  return {
    name: `kafka-${variant}`,
    platform: 'kubernetes',
    delivery: { repoURL: 'https://git.example.com/platform/seldon-platform.git' },
    kafka,
    serverless: false,
    elasticsearch: false,
    logging: false,
    monitoring: false,
    modelCatalogue: false,
    gitops: false,
    coreV1: false,
    deploy: false,
  };
}
