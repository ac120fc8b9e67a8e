import { PlatformConfig } from '../../src/config';
import { RenderedObject } from '../../src/lib/render';
import { SeldonPlatform } from '../../src/platform';
import { errorOf, find, render, testConfig } from '../helpers/render';

const loggingObjects = (objects: readonly RenderedObject[]) => objects.filter((o) => o.object.metadata.labels?.['app.kubernetes.io/component'] === 'logging');
const VAULT = { store: { kind: 'ClusterSecretStore' as const, name: 'vault' } };
type ForwarderSpec = { inputs: Array<{ application: { namespaces?: string[] } }>; outputs: Array<{ url: string; elasticsearch: { version: number } }> };

describe('container logging on OpenShift', () => {
  const objects = render(testConfig({ secrets: VAULT }), { models: {} });

  test('GIVEN the seed defaults WHEN rendered THEN the objects match the snapshot', () => {
    expect(loggingObjects(objects)).toMatchSnapshot();
  });

  test('THEN the Logging operator is subscribed on stable-5.9 in its own namespace', () => {
    expect(find(objects, 'Subscription', 'cluster-logging', 'openshift-logging').spec).toMatchObject({ channel: 'stable-5.9', source: 'redhat-operators' });
    expect(find(objects, 'OperatorGroup', 'cluster-logging', 'openshift-logging').spec).toEqual({ targetNamespaces: ['openshift-logging'] });
  });

  test('THEN ClusterLogging "instance" runs the fluentd collector, managed, without an internal log store', () => {
    expect(find(objects, 'ClusterLogging', 'instance', 'openshift-logging').spec).toEqual({ collection: { type: 'fluentd' }, managementState: 'Managed' });
  });

  test('THEN ClusterLogForwarder "instance" forwards Seldon pods to the platform Elasticsearch, as the seed', () => {
    expect(find(objects, 'ClusterLogForwarder', 'instance', 'openshift-logging').spec).toEqual({
      inputs: [{ name: 'seldon-pods', application: { selector: { matchLabels: { 'app.kubernetes.io/managed-by': 'seldon-core' } } } }],
      outputs: [{ name: 'seldon-elasticsearch', secret: { name: 'seldon-elasticsearch' }, type: 'elasticsearch', url: 'https://elasticsearch-seldon-es-http.seldon-logs:9200', elasticsearch: { version: 7 } }],
      pipelines: [{ name: 'seldon-container-logs', inputRefs: ['seldon-pods'], outputRefs: ['seldon-elasticsearch'] }],
    });
  });

  test('THEN the forwarder secret has username, password and ca-bundle.crt in openshift-logging', () => {
    const secret = find(objects, 'ExternalSecret', 'seldon-elasticsearch', 'openshift-logging');
    expect((secret.spec as { data: Array<{ secretKey: string }> }).data.map((d) => d.secretKey)).toEqual(['username', 'password', 'ca-bundle.crt']);
  });

  test('THEN seldon-logs admits the collector from openshift-logging', () => {
    expect(find(objects, 'NetworkPolicy', 'seldon-container-logs', 'seldon-logs').spec).toEqual({
      podSelector: {},
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'openshift-logging' } } }] }],
    });
  });

  test('GIVEN namespaceScoped THEN the input lists the model namespaces, sorted (seed appendix step 4)', () => {
    const scoped = render(testConfig({ logging: { namespaceScoped: true } }), { 'team-b': {}, 'team-a': {} });
    expect((find(scoped, 'ClusterLogForwarder', 'instance').spec as ForwarderSpec).inputs[0].application.namespaces).toEqual(['team-a', 'team-b']);
  });

  test('GIVEN namespaceScoped without model namespaces THEN no namespace list is rendered', () => {
    const scoped = render(testConfig({ logging: { namespaceScoped: true } }));
    expect((find(scoped, 'ClusterLogForwarder', 'instance').spec as ForwarderSpec).inputs[0].application).not.toHaveProperty('namespaces');
  });

  test('GIVEN Elasticsearch 8 THEN the forwarder speaks version 8', () => {
    const v8 = render(testConfig({ elasticsearch: { version: '8.15.3' } }));
    expect((find(v8, 'ClusterLogForwarder', 'instance').spec as ForwarderSpec).outputs[0].elasticsearch).toEqual({ version: 8 });
  });

  test('GIVEN an external Elasticsearch and vector THEN the forwarder targets it and seldon-logs needs no policy', () => {
    const external = render(testConfig({ elasticsearch: false, logging: { url: 'https://es.example.com:9200', elasticsearchVersion: 8, collector: 'vector' } }));
    expect((find(external, 'ClusterLogForwarder', 'instance').spec as ForwarderSpec).outputs[0]).toMatchObject({ url: 'https://es.example.com:9200', elasticsearch: { version: 8 } });
    expect(find(external, 'ClusterLogging', 'instance').spec).toMatchObject({ collection: { type: 'vector' } });
    expect(external.some((o) => o.object.metadata.name === 'seldon-container-logs')).toBe(false);
  });
});

describe('container logging on Kubernetes', () => {
  test('GIVEN logging left out THEN nothing is rendered (OpenShift Logging does not exist there)', () => {
    expect(loggingObjects(render(testConfig({ platform: 'kubernetes', ingressDomain: undefined })))).toEqual([]);
  });
});

describe('container logging configuration errors', () => {
  const rejects = (config: PlatformConfig) => errorOf(() => SeldonPlatform.validate(config));

  test('GIVEN logging configured on Kubernetes THEN it is rejected rather than silently dropped', () => {
    expect(rejects(testConfig({ platform: 'kubernetes', ingressDomain: undefined, logging: {} }))).toContain(
      'logging ({}): is OpenShift Logging (ClusterLogging and ClusterLogForwarder), which plain Kubernetes does not have; set logging: false (or leave it out)',
    );
  });

  test('GIVEN Elasticsearch off and no URL THEN the forwarder has no destination', () => {
    expect(rejects(testConfig({ elasticsearch: false }))).toContain('logging.url (undefined): is required when the elasticsearch component is disabled');
  });

  test('GIVEN a misspelt collector THEN the right one is suggested', () => {
    expect(rejects(testConfig({ logging: { collector: 'fluentbit' as never } }))).toContain('logging.collector ("fluentbit"): is not one of fluentd, vector');
  });

  test('GIVEN a URL that is not http(s) THEN it is rejected', () => {
    expect(rejects(testConfig({ logging: { url: 'elasticsearch:9200' } }))).toContain('logging.url ("elasticsearch:9200"): is not an Elasticsearch URL');
  });

  test('GIVEN an Elasticsearch version the forwarder does not speak THEN it is rejected', () => {
    expect(rejects(testConfig({ logging: { elasticsearchVersion: 5 as never } }))).toContain('logging.elasticsearchVersion (5): must be an integer from 6 to 8');
  });
});
