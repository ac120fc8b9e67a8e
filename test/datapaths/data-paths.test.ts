import { App } from 'cdk8s';
import { countResults, pathProblems, proveDataPaths, PathReport, PathResult } from '../../src/datapaths';
import { KubeObject } from '../../src/lib/render';
import { checkDataPaths } from '../../src/synth';
import { ALL_ENVIRONMENTS } from './examples';

type Mutable = Record<string, any>;

/** The rendered objects of a named environment, deep-copied so that a test may break them. */
function objectsOf(name: string): Mutable[] {
  const entry = ALL_ENVIRONMENTS.find(([n]) => n === name);
  if (!entry) throw new Error(`no environment ${name}`);
  return JSON.parse(JSON.stringify(entry[1](new App()).render().map((o) => o.object)));
}

function prove(objects: readonly Mutable[]): PathReport {
  return proveDataPaths(objects as unknown as KubeObject[]);
}

function result(report: PathReport, id: string): PathResult {
  const r = report.results.find((x) => x.path.id === id);
  if (!r) throw new Error(`no path ${id} among ${report.results.map((x) => x.path.id).join(', ')}`);
  return r;
}

function find(objects: Mutable[], kind: string, name: string, namespace?: string): Mutable {
  const hit = objects.find((o) => o.kind === kind && o.metadata.name === name && (namespace === undefined || o.metadata.namespace === namespace));
  if (!hit) throw new Error(`no ${kind} ${namespace}/${name}`);
  return hit;
}

function without(objects: Mutable[], kind: string, name: string, namespace?: string): Mutable[] {
  const drop = find(objects, kind, name, namespace);
  return objects.filter((o) => o !== drop);
}

function app(objects: Mutable[], chart: string): Mutable {
  const hit = objects.find((o) => o.kind === 'Application' && o.spec?.source?.chart === chart);
  if (!hit) throw new Error(`no Application for ${chart}`);
  return hit.spec.source.helm.valuesObject;
}

describe('every data path of every shipped environment', () => {
  it.each(ALL_ENVIRONMENTS.map(([name]) => [name]))('%s: every path works and every forbidden path is denied', (name) => {
    // GIVEN the environment as rendered WHEN its paths are proven THEN none fails, and the verdicts are as recorded
    const report = prove(objectsOf(name));
    expect(pathProblems(report)).toEqual([]);
    const counts = countResults(report);
    expect(counts.failing).toBe(0);
    expect(counts.open).toBeGreaterThan(0);
    expect(report.results.map((r) => `${r.path.expect === 'denied' ? 'denied' : 'works '} ${r.path.id} [${r.allowedBy}] [${r.tls}] [${r.acl}]`)).toMatchSnapshot();
  });

  it('covers the paths the issue lists, in the OpenShift reference environment', () => {
    const ids = prove(objectsOf('openshift')).results.map((r) => r.path.id);
    for (const id of [
      'gateway->core-v1/seldon/deploy-created',
      'gateway->core-v2/seldon',
      'deploy->core-v2/seldon',
      'deploy->gateway',
      'deploy->prometheus',
      'deploy->alertmanager',
      'deploy->elasticsearch',
      'deploy->postgresql',
      'deploy->argocd',
      'core-v1/seldon->broker',
      'broker->request-logger',
      'request-logger->elasticsearch',
      'core-v2/seldon/model-gateway->kafka',
      'core-v2/seldon/pipeline-gateway->kafka',
      'core-v2/seldon/dataflow-engine->kafka',
      'request-logger->kafka',
      'controller->scheduler/seldon',
      'agents->scheduler/seldon',
      'monitoring->core-v2/seldon',
      'monitoring->deploy',
      'alertmanager->deploy',
      'log-collector->elasticsearch',
      'knative-serving->detectors/seldon',
      'knative-eventing->detectors/seldon',
      'argocd->seldon-gitops',
      'forbidden:seldon->seldon-system',
      'forbidden:seldon->seldon-argocd',
      'forbidden:other-models->seldon-gitops',
    ]) {
      expect(ids).toContain(id);
    }
  });

  it('covers the Meta-Operator equivalents', () => {
    const ids = prove(objectsOf('meta-operator')).results.map((r) => r.path.id);
    expect(ids).toEqual(expect.arrayContaining(['broker->request-logger', 'detectors/models->request-logger', 'request-logger->elasticsearch', 'gateway->core-v1/models/iris/main', 'forbidden:models->seldon-system']));
  });
});

describe('each failure mode is reported with a clear message', () => {
  it('a removed NetworkPolicy closes the path it admitted', () => {
    const objects = without(objectsOf('openshift'), 'NetworkPolicy', 'allow-from-ingress-gateway', 'seldon');
    const r = result(prove(objects), 'gateway->core-v2/seldon');
    expect(r.problems.join('\n')).toMatch(/NetworkPolicy: Istio ingress gateway \(istio-ingress\) cannot reach Core 2 Envoy \(seldon-mesh\) \(seldon:9000\): denied: .* none admits istio-ingress; admit istio-ingress in a policy of seldon/);
  });

  it('OpenShift Service Mesh 2.x policies (manageNetworkPolicy on, its default) open the forbidden paths', () => {
    const objects = objectsOf('openshift-4-14');
    delete find(objects, 'ServiceMeshControlPlane', 'basic').spec.security.manageNetworkPolicy;
    const report = prove(objects);
    const r = result(report, 'forbidden:seldon->seldon-system');
    expect(r.problems.join('\n')).toContain('must be denied, but is admitted by seldon-system/istio-mesh-basic (OSSM manageNetworkPolicy, ServiceMeshControlPlane istio-system/basic)');
    expect(result(report, 'forbidden:other-models->seldon-gitops').problems.join('\n')).toContain('other model namespaces (1) → model namespace seldon-gitops must be denied, but seldon is admitted by seldon-gitops/istio-mesh-basic');
  });

  it('Core v1 with ISTIO_TLS_MODE=ISTIO_MUTUAL breaks the predictors Seldon Deploy creates (no sidecar)', () => {
    const objects = objectsOf('openshift');
    app(objects, 'seldon-core-operator').istio.tlsMode = 'ISTIO_MUTUAL';
    const report = prove(objects);
    expect(result(report, 'gateway->core-v1/seldon/deploy-created').problems.join('\n')).toMatch(/ISTIO_MUTUAL.*has no sidecar to terminate it: every request fails \(503\)/);
    // The rendered SeldonDeployment opts into a sidecar, so its predictors still work.
    expect(result(report, 'gateway->core-v1/seldon/iris/main').problems).toEqual([]);
  });

  it('the same with the OLM install, where the mode is the Subscription env ISTIO_TLS_MODE', () => {
    // No environment of the matrix installs Core v1 through OLM any more; the Subscription as the platform renders it.
    const objects = objectsOf('openshift-4-14');
    const values = app(objects, 'seldon-core-operator');
    const olm = objects.filter((o) => !(o.kind === 'Application' && o.spec?.source?.chart === 'seldon-core-operator'));
    olm.push({
      apiVersion: 'operators.coreos.com/v1alpha1',
      kind: 'Subscription',
      metadata: { name: 'seldon-operator-certified', namespace: 'openshift-operators' },
      spec: { name: 'seldon-operator-certified', config: { env: [{ name: 'ISTIO_ENABLED', value: 'true' }, { name: 'ISTIO_GATEWAY', value: values.istio.gateway }, { name: 'ISTIO_TLS_MODE', value: 'ISTIO_MUTUAL' }] } },
    });
    expect(result(prove(olm), 'gateway->core-v1/seldon/deploy-created').problems.join('\n')).toContain('Subscription seldon-operator-certified env ISTIO_TLS_MODE="ISTIO_MUTUAL"');
  });

  it('the same on Kubernetes, where the mode comes from the chart value istio.tlsMode', () => {
    const objects = objectsOf('kubernetes');
    app(objects, 'seldon-core-operator').istio.tlsMode = 'ISTIO_MUTUAL';
    expect(result(prove(objects), 'gateway->core-v1/seldon/deploy-created').problems.join('\n')).toContain('istio.tlsMode="ISTIO_MUTUAL"');
  });

  it('flipping one end\'s TLS: Deploy calling seldon-mesh over http while Envoy serves TLS', () => {
    const objects = objectsOf('openshift');
    app(objects, 'seldon-deploy').seldonCoreV2.protocol = 'http';
    expect(result(prove(objects), 'deploy->core-v2/seldon').problems.join('\n')).toMatch(/Seldon Deploy speaks plaintext .*seldonCoreV2.protocol="http".* but Core 2 Envoy \(seldon-mesh\) in seldon:9000 requires TLS/);
  });

  it('flipping the other end: the Kafka listener without client authentication still takes the mTLS client; without TLS it does not', () => {
    const objects = objectsOf('openshift');
    const listener = find(objects, 'Kafka', 'seldon').spec.kafka.listeners.find((l: Mutable) => l.port === 9093);
    listener.tls = false;
    expect(result(prove(objects), 'core-v2/seldon/model-gateway->kafka').problems.join('\n')).toMatch(/speaks mutual TLS .* but Kafka brokers in seldon-kafka:9093 requires plaintext/);
  });

  it('a STRICT sidecar port that Prometheus (outside the mesh) scrapes', () => {
    const objects = without(objectsOf('openshift'), 'PeerAuthentication', 'seldon-metrics', 'seldon');
    expect(result(prove(objects), 'monitoring->core-v1/seldon/iris/main:6000').problems.join('\n')).toMatch(/PeerAuthentication is STRICT on port 6000, but Prometheus \(openshift-user-workload-monitoring\) sends without a sidecar/);
  });

  it('SASL: the client and the listener disagree', () => {
    const objects = objectsOf('kafka/kafka-strimzi-scram');
    find(objects, 'Kafka', 'seldon').spec.kafka.listeners.find((l: Mutable) => l.port === 9093).authentication.type = 'tls';
    expect(result(prove(objects), 'core-v2/fraud-models/pipeline-gateway->kafka').problems.join('\n')).toContain('SASL: Core 2 pipeline gateway authenticates with SCRAM-SHA-512 but the listener');
  });

  it('a dropped ACL: the dataflow engine\'s Kafka Streams topics of a namespace not named seldon*', () => {
    const objects = objectsOf('kafka/kafka-strimzi-mtls');
    const user = find(objects, 'KafkaUser', 'seldon');
    user.spec.authorization.acls = user.spec.authorization.acls.filter((a: Mutable) => a.resource.name !== 'fraud-models-seldon-dataflow-');
    expect(result(prove(objects), 'core-v2/fraud-models/dataflow-engine->kafka').problems.join('\n')).toBe(
      'ACL: KafkaUser seldon-kafka/seldon does not grant topic fraud-models-seldon-dataflow-* (Core 2 dataflow engine (Kafka Streams) in fraud-models uses them): add a prefix ACL for each',
    );
  });

  it('a Strimzi secret copied by hand instead of kept in sync', () => {
    const objects = without(objectsOf('openshift'), 'ExternalSecret', 'seldon', 'seldon');
    expect(result(prove(objects), 'core-v2/seldon/model-gateway->kafka').problems.join('\n')).toContain(
      'credentials: seldon/seldon is a copy of a secret Strimzi writes and rotates in seldon-kafka, and nothing in the render keeps the copy in sync',
    );
  });

  it('a consumer group outside the KafkaUser\'s group prefix (Deploy\'s metronome group with kafka.consumerGroupIdPrefix)', () => {
    const objects = objectsOf('openshift');
    const user = find(objects, 'KafkaUser', 'seldon');
    user.spec.authorization.acls = user.spec.authorization.acls.map((a: Mutable) => (a.resource.type === 'group' ? { ...a, resource: { type: 'group', name: 'team1', patternType: 'prefix' } } : a));
    expect(result(prove(objects), 'request-logger->kafka').problems.join('\n')).toContain('does not grant group metronome');
  });

  it('Deploy\'s Kafka consumer switched off', () => {
    const objects = objectsOf('openshift');
    app(objects, 'seldon-deploy').requestLogger.kafka_consumer = { enabled: false };
    expect(result(prove(objects), 'request-logger->kafka').problems.join('\n')).toContain('the consumer is disabled (requestLogger.kafka_consumer.enabled: false): Core 2 payloads never reach Elasticsearch');
  });

  it('Meta-Operator mode without the request logger policy: Knative deliveries are refused', () => {
    const objects = without(objectsOf('meta-operator'), 'NetworkPolicy', 'seldon-request-logger', 'seldon-system');
    const report = prove(objects);
    expect(result(report, 'broker->request-logger').problems.join('\n')).toContain('Knative broker filter (knative-eventing) cannot reach request logger (seldon-system:8080)');
    expect(result(report, 'detectors/models->request-logger').problems.join('\n')).toContain('detector (models) cannot reach request logger (seldon-system:8080)');
  });

  it('the synth invariant refuses a render with a broken path, naming it', () => {
    const objects = without(objectsOf('openshift'), 'NetworkPolicy', 'allow-from-ingress-gateway', 'seldon');
    expect(() => checkDataPaths('openshift', objects as unknown as KubeObject[])).toThrow(/environment "openshift".*gateway->core-v2\/seldon: NetworkPolicy/s);
    expect(() => checkDataPaths('openshift', objectsOf('openshift') as unknown as KubeObject[])).not.toThrow();
  });
});
