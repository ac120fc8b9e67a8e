import { App } from 'cdk8s';
import { PlatformConfig } from '../../src/config';
import { RenderedObject } from '../../src/lib/render';
import { SeldonPlatform } from '../../src/platform';
import { errorOf, find, render, testConfig, TEST_OPENSHIFT_VERSION } from '../helpers/render';
import { openshiftLine } from '../../src/lib/openshift-matrix';
import { QUEUE_PROXY_RESOURCES } from '../../src/lib/workload-security';

const kubernetes = (overrides: Partial<PlatformConfig> = {}): PlatformConfig => testConfig({ platform: 'kubernetes', ingressDomain: undefined, ...overrides });
const serverlessObjects = (objects: readonly RenderedObject[]) => objects.filter((o) => o.object.metadata.labels?.['app.kubernetes.io/component'] === 'serverless');

/** The seed's NetworkPolicy: every pod of the namespace admits the given Knative namespace. */
const admits = (from: string) => ({ podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': from } } }] }] });

describe('serverless on OpenShift', () => {
  const objects = render(testConfig(), { models: {} });

  test('GIVEN the seed defaults WHEN rendered THEN the objects match the snapshot', () => {
    expect(serverlessObjects(objects)).toMatchSnapshot();
  });

  test('THEN the Serverless operator is subscribed in its own namespace for all namespaces, and creates the Knative namespaces itself', () => {
    // The channel the version matrix gives the test's OpenShift minor (src/versions.ts), not the floating `stable`.
    expect(find(objects, 'Subscription', 'serverless-operator', 'openshift-serverless').spec).toMatchObject({ channel: openshiftLine(TEST_OPENSHIFT_VERSION)?.channels.serverless, source: 'redhat-operators' });
    expect(find(objects, 'OperatorGroup', 'serverless-operator', 'openshift-serverless').spec).toEqual({});
    expect(objects.filter((o) => o.object.kind === 'Namespace' && o.object.metadata.name?.startsWith('knative-'))).toEqual([]);
  });

  test('THEN KnativeServing and KnativeEventing instances run in their namespaces with the operator defaults', () => {
    const serving = find(objects, 'KnativeServing', 'knative-serving', 'knative-serving');
    const eventing = find(objects, 'KnativeEventing', 'knative-eventing', 'knative-eventing');
    // Only the queue-proxy's requests and limits (model namespaces' quotas; src/lib/workload-security.ts).
    expect([serving.apiVersion, serving.spec, eventing.apiVersion]).toEqual(['operator.knative.dev/v1beta1', { config: { deployment: QUEUE_PROXY_RESOURCES } }, 'operator.knative.dev/v1beta1']);
  });

  test('THEN the Broker "default" and the seldon-request-logs policy are in seldon-logs', () => {
    expect(find(objects, 'Broker', 'default', 'seldon-logs').apiVersion).toBe('eventing.knative.dev/v1');
    expect(find(objects, 'NetworkPolicy', 'seldon-request-logs', 'seldon-logs').spec).toEqual(admits('knative-eventing'));
  });

  test('THEN each model namespace admits Knative Eventing and Serving (seldon-detectors, seldon-detectors-serving)', () => {
    expect(find(objects, 'NetworkPolicy', 'seldon-detectors', 'models').spec).toEqual(admits('knative-eventing'));
    expect(find(objects, 'NetworkPolicy', 'seldon-detectors-serving', 'models').spec).toEqual(admits('knative-serving'));
  });

  test('GIVEN another broker name THEN the Broker and the request-logger URL follow it', () => {
    const platform = new SeldonPlatform(new App(), 'test', testConfig({ serverless: { brokerName: 'seldon' } }));
    expect(platform.serverless?.brokerUrl).toBe('http://broker-ingress.knative-eventing.svc.cluster.local/seldon-logs/seldon');
    expect(find(platform.render(), 'Broker', 'seldon', 'seldon-logs')).toBeDefined();
  });
});

describe('serverless on Kubernetes', () => {
  const objects = render(kubernetes(), { models: {} });

  test('GIVEN the defaults WHEN rendered THEN the objects match the snapshot', () => {
    expect(serverlessObjects(objects)).toMatchSnapshot();
  });

  test('THEN the Knative operator chart installs, and the Knative namespaces are rendered', () => {
    const app = find(objects, 'Application', 'knative-operator');
    expect(app.spec).toMatchObject({ source: { chart: 'knative-operator', repoURL: 'https://knative.github.io/operator', targetRevision: 'v1.23.0' }, destination: { namespace: 'knative-operator' } });
    expect(find(objects, 'Namespace', 'knative-serving').metadata.annotations?.['argocd.argoproj.io/sync-wave']).toBe('0');
    expect(find(objects, 'Namespace', 'knative-eventing')).toBeDefined();
  });

  test('THEN Knative Serving uses a cluster-internal Kourier instead of the default net-istio', () => {
    expect(find(objects, 'KnativeServing', 'knative-serving').spec).toEqual({
      ingress: { kourier: { enabled: true, 'service-type': 'ClusterIP' } },
      config: { network: { 'ingress-class': 'kourier.ingress.networking.knative.dev' }, deployment: QUEUE_PROXY_RESOURCES },
    });
  });

  test('THEN the broker and the seed\'s policies are the same as on OpenShift', () => {
    expect(find(objects, 'Broker', 'default', 'seldon-logs')).toBeDefined();
    expect(find(objects, 'NetworkPolicy', 'seldon-detectors', 'models').spec).toEqual(admits('knative-eventing'));
  });
});

describe('serverless configuration errors', () => {
  test('GIVEN a broker name that is not a DNS label THEN it is rejected', () => {
    expect(errorOf(() => SeldonPlatform.validate(testConfig({ serverless: { brokerName: 'Default' } })))).toContain('serverless.brokerName ("Default"): is not a DNS-1123 label');
  });
});
