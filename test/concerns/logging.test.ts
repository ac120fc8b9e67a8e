import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { PlatformConfig } from '../../src/config';
import { groupOf, SYNC_WAVE } from '../../src/lib/argo';
import { RenderedObject } from '../../src/lib/render';
import { SeldonPlatform } from '../../src/platform';
import { validateObjects } from '../../src/validation';
import { isBuiltInGroup } from '../../src/validation/kinds';
import { OLM, pinnedApiVersions } from '../../src/versions';
import { errorOf, find, render, testConfig, TEST_OPENSHIFT_VERSION } from '../helpers/render';
import { openshiftLine } from '../../src/lib/openshift-matrix';

const loggingObjects = (objects: readonly RenderedObject[]) => objects.filter((o) => o.object.metadata.labels?.['app.kubernetes.io/component'] === 'logging');
const VAULT = { store: { kind: 'ClusterSecretStore' as const, name: 'vault' } };
type ForwarderSpec = { inputs: Array<{ application: { namespaces?: string[] } }>; outputs: Array<{ url: string; elasticsearch: { version: number } }> };
type Forwarder6Spec = { inputs: Array<{ application: { includes?: Array<{ namespace: string }> } }>; outputs: Array<{ elasticsearch: { url: string; version: number; index: string } }> };
const SHARED_CRDS = resolve(__dirname, '../../../shared/crds');
const testWithCrds = existsSync(SHARED_CRDS) ? test : test.skip;

describe('container logging on OpenShift', () => {
  const objects = render(testConfig({ secrets: VAULT }), { models: {} });

  test('GIVEN the seed defaults WHEN rendered THEN the objects match the snapshot', () => {
    expect(loggingObjects(objects)).toMatchSnapshot();
  });

  test(`THEN the Logging operator is subscribed on ${OLM.logging.channel} in its own namespace`, () => {
    expect(find(objects, 'Subscription', 'cluster-logging', 'openshift-logging').spec).toMatchObject({ channel: OLM.logging.channel, source: 'redhat-operators' });
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

describe('container logging on OpenShift with Logging 6', () => {
  const objects = render(testConfig({ secrets: VAULT, logging: { version: 6 } }), { models: {} });
  const forwarder = () => find(objects, 'ClusterLogForwarder', 'instance', 'openshift-logging');

  test('GIVEN version 6 WHEN rendered THEN the objects match the snapshot', () => {
    expect(loggingObjects(objects)).toMatchSnapshot();
  });

  test('THEN the Logging operator is subscribed on the matrix\'s Logging 6 channel for the OpenShift minor, in its own namespace', () => {
    const channel = openshiftLine(TEST_OPENSHIFT_VERSION)?.logging.channels[6];
    expect(channel).toMatch(/^stable-6\.\d+$/);
    expect(find(objects, 'Subscription', 'cluster-logging', 'openshift-logging').spec).toMatchObject({ name: 'cluster-logging', channel, source: 'redhat-operators' });
    expect(find(objects, 'OperatorGroup', 'cluster-logging', 'openshift-logging').spec).toEqual({ targetNamespaces: ['openshift-logging'] });
  });

  test('THEN there is no ClusterLogging and no logging.openshift.io object (Logging 6 removed them)', () => {
    expect(objects.filter((o) => o.object.kind === 'ClusterLogging' || o.object.apiVersion.startsWith('logging.openshift.io/'))).toEqual([]);
  });

  test('THEN the collector runs as seldon-log-collector, bound cluster-wide to collect-application-logs after the operator', () => {
    expect(find(objects, 'ServiceAccount', 'seldon-log-collector', 'openshift-logging').metadata.labels).toMatchObject({ 'app.kubernetes.io/component': 'logging' });
    const binding = find(objects, 'ClusterRoleBinding', 'seldon-log-collector-collect-application-logs');
    expect(binding.metadata.namespace).toBeUndefined();
    expect(binding.metadata.annotations?.[SYNC_WAVE]).toBe('4');
    expect(binding).toMatchObject({
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'collect-application-logs' },
      subjects: [{ kind: 'ServiceAccount', name: 'seldon-log-collector', namespace: 'openshift-logging' }],
    });
  });

  test('THEN the observability.openshift.io ClusterLogForwarder forwards Seldon pods with the secret\'s login and CA', () => {
    expect(forwarder().apiVersion).toBe('observability.openshift.io/v1');
    expect(forwarder().spec).toEqual({
      serviceAccount: { name: 'seldon-log-collector' },
      inputs: [{ name: 'seldon-pods', type: 'application', application: { selector: { matchLabels: { 'app.kubernetes.io/managed-by': 'seldon-core' } } } }],
      outputs: [
        {
          name: 'seldon-elasticsearch',
          type: 'elasticsearch',
          elasticsearch: {
            url: 'https://elasticsearch-seldon-es-http.seldon-logs:9200',
            version: 7,
            index: 'app-write',
            authentication: { username: { secretName: 'seldon-elasticsearch', key: 'username' }, password: { secretName: 'seldon-elasticsearch', key: 'password' } },
          },
          tls: { ca: { secretName: 'seldon-elasticsearch', key: 'ca-bundle.crt' } },
        },
      ],
      pipelines: [{ name: 'seldon-container-logs', inputRefs: ['seldon-pods'], outputRefs: ['seldon-elasticsearch'] }],
    });
  });

  test('THEN the forwarder secret and the seldon-logs NetworkPolicy are those of Logging 5', () => {
    expect((find(objects, 'ExternalSecret', 'seldon-elasticsearch', 'openshift-logging').spec as { data: Array<{ secretKey: string }> }).data.map((d) => d.secretKey)).toEqual(['username', 'password', 'ca-bundle.crt']);
    expect(find(objects, 'NetworkPolicy', 'seldon-container-logs', 'seldon-logs').spec).toMatchObject({ ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'openshift-logging' } } }] }] });
  });

  test('THEN every custom object uses an API version pinned in src/versions.ts', () => {
    for (const { object } of loggingObjects(objects).filter((o) => !isBuiltInGroup(groupOf(o.object.apiVersion)))) {
      expect(pinnedApiVersions(object.kind)).toContain(object.apiVersion);
    }
  });

  testWithCrds('THEN the rendered objects pass the real Logging 6.6 CRD and the Kubernetes schemas', () => {
    const scoped = render(testConfig({ logging: { version: 6, namespaceScoped: true, index: 'app-{.kubernetes.namespace_name||"none"}' } }), { 'team-a': {} });
    expect(validateObjects([...loggingObjects(objects), ...loggingObjects(scoped)], { crdDir: SHARED_CRDS }).map((f) => `${f.file} ${f.path}: ${f.message}`)).toEqual([]);
  });

  testWithCrds('GIVEN an index outside the CRD pattern THEN the real CRD rejects it too (the check mirrors it)', () => {
    const spec = forwarder().spec as Forwarder6Spec;
    const broken = { ...forwarder(), spec: { ...spec, outputs: [{ ...spec.outputs[0], elasticsearch: { ...spec.outputs[0].elasticsearch, index: 'app write' } }] } };
    expect(validateObjects([{ file: 'clf.yaml', object: broken }], { crdDir: SHARED_CRDS }).map((f) => f.path)).toEqual(['spec.outputs[0].elasticsearch.index']);
  });

  test('GIVEN namespaceScoped THEN the input includes the model namespaces, sorted', () => {
    const scoped = render(testConfig({ logging: { version: 6, namespaceScoped: true } }), { 'team-b': {}, 'team-a': {} });
    expect((find(scoped, 'ClusterLogForwarder', 'instance').spec as Forwarder6Spec).inputs[0].application.includes).toEqual([{ namespace: 'team-a' }, { namespace: 'team-b' }]);
  });

  test('GIVEN namespaceScoped without model namespaces THEN no includes are rendered', () => {
    const scoped = render(testConfig({ logging: { version: 6, namespaceScoped: true } }));
    expect((find(scoped, 'ClusterLogForwarder', 'instance').spec as Forwarder6Spec).inputs[0].application).not.toHaveProperty('includes');
  });

  test('GIVEN an external Elasticsearch 8 and an index THEN the output targets it and seldon-logs needs no policy', () => {
    const external = render(testConfig({ elasticsearch: false, logging: { version: 6, url: 'https://es.example.com:9200', elasticsearchVersion: 8, index: 'seldon-logs' } }));
    expect((find(external, 'ClusterLogForwarder', 'instance').spec as Forwarder6Spec).outputs[0].elasticsearch).toMatchObject({ url: 'https://es.example.com:9200', version: 8, index: 'seldon-logs' });
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

  test('GIVEN a Logging version other than 5 or 6 THEN it is rejected', () => {
    expect(rejects(testConfig({ logging: { version: 7 as never } }))).toContain('logging.version (7): is not an OpenShift Logging major version the platform renders (5 or 6); use 5');
  });

  test('GIVEN a collector with Logging 6 THEN it is rejected: Logging 6 always runs vector', () => {
    expect(rejects(testConfig({ logging: { version: 6, collector: 'vector' } }))).toContain('logging.collector ("vector"): does not apply to Logging 6, which has no ClusterLogging and always collects with vector; remove logging.collector, or set logging.version: 5');
  });

  test('GIVEN an index with Logging 5 THEN it is rejected: Logging 5 picks the index', () => {
    expect(rejects(testConfig({ logging: { index: 'seldon' } }))).toContain('logging.index ("seldon"): is a Logging 6 setting');
  });

  test('GIVEN a Logging 6 index outside the forwarder\'s syntax THEN it is rejected', () => {
    expect(rejects(testConfig({ logging: { version: 6, index: 'app write' } }))).toContain('logging.index ("app write"): is not an Elasticsearch index the forwarder accepts');
    expect(rejects(testConfig({ logging: { version: 6, index: '' } }))).toContain('logging.index (""): is not an Elasticsearch index');
  });

  test('GIVEN an Elasticsearch version the forwarder does not speak THEN it is rejected', () => {
    expect(rejects(testConfig({ logging: { elasticsearchVersion: 5 as never } }))).toContain('logging.elasticsearchVersion (5): must be an integer from 6 to 8');
  });
});
