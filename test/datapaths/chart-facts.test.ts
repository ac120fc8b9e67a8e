/**
 * The facts the data-path model takes from upstream charts, checked against the charts' own render (a real `helm
 * template` of the pinned packages in ../shared/charts, as Argo CD renders the Applications). Skipped with a note when
 * ../shared is absent outside CI; CI never skips (test/helpers/shared.ts).
 */
import { App } from 'cdk8s';
import { CORE_V2_PORTS, PODS } from '../../src/datapaths/paths';
import { openshift } from '../../src/environments/openshift';
import { chartSourceOf, renderChart } from '../../src/validation/chart-render';
import { sharedFolder } from '../helpers/shared';

const CHARTS = sharedFolder('charts', 'the data-path chart-fact tests');
const maybe = CHARTS ? describe : describe.skip;

type Obj = Record<string, any>;

maybe('the chart facts of the data-path model hold in the pinned charts\' render', () => {
  const cache = new Map<string, Obj[]>();
  const rendered = (chart: string): Obj[] => {
    const hit = cache.get(chart);
    if (hit) return hit;
    const objects = openshift(new App()).render().map((o) => o.object as Obj);
    const app = objects.find((o) => o.kind === 'Application' && o.spec?.source?.chart === chart);
    const source = chartSourceOf(app as Obj);
    if (!source) throw new Error(`no Application for ${chart}`);
    const result = renderChart(CHARTS as string, source).objects;
    cache.set(chart, result);
    return result;
  };
  const env = (container: Obj): Record<string, string> => Object.fromEntries((container.env ?? []).filter((e: Obj) => e.value !== undefined).map((e: Obj) => [e.name, e.value]));

  describe('seldon-deploy 2.4.0', () => {
    const one = (kind: string, match: (o: Obj) => boolean): Obj => {
      const hit = rendered('seldon-deploy').find((o) => o.kind === kind && match(o));
      if (!hit) throw new Error(`the chart renders no such ${kind}`);
      return hit;
    };
    const logger = () => one('Deployment', (o) => o.metadata.name === 'seldon-request-logger');
    const server = () => one('Deployment', (o) => o.metadata.name === 'seldon-deploy');

    test('the request logger consumes Kafka over mutual TLS with the Strimzi secrets, in seldon-logs, with the pod labels the policies select', () => {
      expect(logger().metadata.namespace).toBe('seldon-logs');
      expect(logger().spec.template.metadata.labels).toMatchObject(PODS.requestLogger);
      const e = env(logger().spec.template.spec.containers[0]);
      expect(e).toMatchObject({
        METRONOME_SERVER_KAFKA_CONSUMER_BOOTSTRAP_SERVERS: 'seldon-kafka-bootstrap.seldon-kafka.svc:9093',
        METRONOME_SERVER_KAFKA_CONSUMER_SECURITY_PROTOCOL: 'SSL',
        METRONOME_SERVER_KAFKA_CONSUMER_SSL_KEY_LOCATION: '/tmp/certs/kafka/client/user.key',
        METRONOME_SERVER_KAFKA_CONSUMER_SSL_CERTIFICATE_LOCATION: '/tmp/certs/kafka/client/user.crt',
        METRONOME_SERVER_KAFKA_CONSUMER_SSL_CA_LOCATION: '/tmp/certs/kafka/broker/ca.crt',
        METRONOME_SERVER_HTTP_PORT: '8080',
      });
      expect(logger().spec.template.spec.volumes.map((v: Obj) => v.secret?.secretName).sort()).toEqual(['seldon', 'seldon-cluster-ca-cert']);
    });

    test('Deploy calls seldon-mesh over https, and its own pod has no sidecar and the labels the policies select', () => {
      const config = one('ConfigMap', (o) => o.data?.seldonCoreV2Protocol !== undefined);
      expect(config.data.seldonCoreV2Protocol).toBe('https');
      expect(server().spec.template.metadata.labels).toMatchObject({ 'app.kubernetes.io/name': PODS.deploy['app.kubernetes.io/name'] });
      expect(server().spec.template.metadata.annotations['sidecar.istio.io/inject']).toBe(PODS.deploy['sidecar.istio.io/inject']);
    });
  });

  describe('seldon-core-v2-setup 2.9.1', () => {
    test('the scheduler and Envoy ports the model uses are the ones the runtime declares', () => {
      const text = JSON.stringify(rendered('seldon-core-v2-setup'));
      for (const port of [CORE_V2_PORTS.scheduler, CORE_V2_PORTS.schedulerTls, CORE_V2_PORTS.agent, CORE_V2_PORTS.agentTls, CORE_V2_PORTS.envoy, CORE_V2_PORTS.metrics]) {
        expect(text).toContain(`"containerPort":${port}`);
      }
    });
  });
});
