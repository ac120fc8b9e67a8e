/** Every environment the project ships — the two references and every example — as builders, for the path tests. */
import { App } from 'cdk8s';
import { Construct } from 'constructs';
import { PlatformConfig } from '../../src/config';
import { ENVIRONMENTS } from '../../src/environments';
import { SeldonPlatform } from '../../src/platform';
import * as addNamespace from '../../examples/docs/add-namespace';
import * as concerns from '../../examples/docs/concerns';
import * as environment from '../../examples/docs/environment';
import * as eventHub from '../../examples/docs/kafka-event-hub';
import * as mskScramDoc from '../../examples/docs/kafka-msk-scram';
import * as strimziDoc from '../../examples/docs/kafka-strimzi';
import * as modelNamespaces from '../../examples/docs/model-namespaces';
import * as seldonDeployment from '../../examples/docs/seldon-deployment';
import * as confluentOauth from '../../examples/kafka/confluent-oauth';
import * as confluentSaslPlain from '../../examples/kafka/confluent-sasl-plain';
import * as eventHubSasl from '../../examples/kafka/event-hub-sasl';
import * as mskMtls from '../../examples/kafka/msk-mtls';
import * as mskScram from '../../examples/kafka/msk-scram';
import * as oneWayTls from '../../examples/kafka/one-way-tls';
import * as strimziMtls from '../../examples/kafka/strimzi-mtls';
import * as strimziScram from '../../examples/kafka/strimzi-scram';
import * as metaOperator from '../../examples/meta-operator';

type Builder = (scope: Construct) => SeldonPlatform;

/** A Kafka example config with a Core 2 namespace not named `seldon*` (the dataflow ACL case). */
function kafkaBuilder(config: PlatformConfig): Builder {
  return (scope) => {
    const platform = new SeldonPlatform(scope, config.name, config);
    platform.addModelNamespace('fraud-models', { plannedModels: 2, plannedPipelines: 1 });
    return platform;
  };
}

/** name → builder. */
export const ALL_ENVIRONMENTS: ReadonlyArray<[string, Builder]> = [
  ...ENVIRONMENTS.map((b): [string, Builder] => [b(new App()).config.name, b]),
  ['docs/add-namespace', addNamespace.prod],
  ['docs/concerns', concerns.tuned],
  ['docs/environment', environment.prod],
  ['docs/kafka-event-hub', eventHub.kafkaEventHub],
  ['docs/kafka-msk-scram', mskScramDoc.kafkaMsk],
  ['docs/kafka-strimzi', strimziDoc.kafkaStrimzi],
  ['docs/model-namespaces', modelNamespaces.teams],
  ['docs/seldon-deployment', seldonDeployment.models],
  ['meta-operator', metaOperator.metaOperator],
  ...[confluentOauth, confluentSaslPlain, eventHubSasl, mskMtls, mskScram, oneWayTls, strimziMtls, strimziScram].map((m): [string, Builder] => [`kafka/${m.config.name}`, kafkaBuilder(m.config)]),
];
