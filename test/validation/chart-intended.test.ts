/**
 * The intended-settings table and the Service references, on small hand-made chart outputs: a setting present, absent,
 * different, or not issued; a reference to a Service that exists, has another port, or exists nowhere.
 */
import { intendedSettings } from '../../src/validation/chart-intended';
import { serviceReferenceProblems, serviceReferences } from '../../src/validation/chart-references';
import { ChartSource } from '../../src/validation/chart-render';

const core2 = (values: Record<string, unknown>): ChartSource => ({
  application: 'seldon-core-v2-setup', chart: 'seldon-core-v2-setup', version: '2.9.1', releaseName: 'seldon-core-v2-setup', namespace: 'seldon-system', values, parameters: [],
});
const deployment = (name: string, env: Record<string, string | { secret: string }>) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: { template: { spec: { containers: [{ name: 'c', env: Object.entries(env).map(([k, v]) => (typeof v === 'string' ? { name: k, value: v } : { name: k, valueFrom: { secretKeyRef: { name: v.secret, key: 'k' } } })) }] } } },
});
const certificate = (namespace: string, secretName: string) => ({ kind: 'Certificate', metadata: { name: secretName, namespace }, spec: { secretName } });

describe('intended settings', () => {
  const values = { controller: { clusterwide: true }, security: { controlplane: { protocol: 'SSL', ssl: { client: { secret: 'cp-client' }, server: { secret: 'cp-server' } } } } };
  const environment = [{ kind: 'SeldonRuntime', metadata: { name: 'seldon', namespace: 'models' } }, certificate('seldon-system', 'cp-client'), certificate('models', 'cp-client'), certificate('seldon-system', 'cp-server')];
  const controller = (env: Record<string, string>) => [deployment('seldon-v2-controller-manager', { CLUSTERWIDE: 'true', ...env })];
  const forController = (output: Array<Record<string, any>>) =>
    intendedSettings(core2(values), output, environment).filter((r) => r.setting.endsWith('in seldon-v2-controller-manager'));

  test('GIVEN the controller carries our protocol and secrets THEN those settings are found, and an unissued secret is not', () => {
    const results = forController(controller({ CONTROL_PLANE_SECURITY_PROTOCOL: 'SSL', CONTROL_PLANE_CLIENT_TLS_SECRET_NAME: 'cp-client', CONTROL_PLANE_SERVER_TLS_SECRET_NAME: 'cp-server' }));
    const byName = Object.fromEntries(results.map((r) => [r.setting.replace(/: .*/, ''), r.found]));
    expect(byName).toEqual({
      'control-plane security protocol': true,
      'control-plane client TLS secret': true,
      'control-plane server TLS secret': true,
      'control-plane client TLS secret is issued (a Certificate in seldon-system and every runtime namespace)': true,
      // cp-server has a Certificate in seldon-system but not in the runtime namespace "models"
      'control-plane server TLS secret is issued (a Certificate in seldon-system and every runtime namespace)': false,
      'cluster-wide controller': true,
    });
  });

  test('GIVEN the chart drops or changes a setting THEN the problem names the variable, the component and both values', () => {
    const results = forController(controller({ CONTROL_PLANE_SECURITY_PROTOCOL: 'PLAINTEXT' }));
    expect(results.find((r) => r.setting.startsWith('control-plane security protocol'))).toEqual({
      setting: 'control-plane security protocol: CONTROL_PLANE_SECURITY_PROTOCOL in seldon-v2-controller-manager',
      found: false,
      problem: 'seldon-v2-controller-manager has CONTROL_PLANE_SECURITY_PROTOCOL="PLAINTEXT"; expected "SSL"',
    });
    expect(results.find((r) => r.setting.startsWith('control-plane client TLS secret:'))?.problem).toBe('seldon-v2-controller-manager has no CONTROL_PLANE_CLIENT_TLS_SECRET_NAME; expected "cp-client"');
  });

  test('GIVEN a component the chart does not render THEN that is a missing setting', () => {
    const scheduler = intendedSettings(core2(values), controller({}), environment).find((r) => r.setting === 'control-plane security protocol: CONTROL_PLANE_SECURITY_PROTOCOL in seldon-scheduler');
    expect(scheduler).toEqual({ setting: expect.any(String), found: false, problem: 'the chart renders no component seldon-scheduler' });
  });

  test('GIVEN a value we do not set THEN its rows do not apply (nothing counted)', () => {
    const results = intendedSettings(core2({ controller: { clusterwide: true } }), controller({}), []);
    expect(results.map((r) => r.setting)).toEqual(['cluster-wide controller: CLUSTERWIDE in seldon-v2-controller-manager']);
  });

  test('GIVEN Seldon Deploy\'s request logger on a different Elasticsearch port than Deploy\'s URL THEN it is reported', () => {
    const deploy: ChartSource = { ...core2({ elasticsearch: { url: 'https://es-http.logs:9200', basicAuth: false }, requestLogger: { create: true } }), chart: 'seldon-deploy', application: 'seldon-deploy' };
    const output = [deployment('seldon-request-logger', { ELASTICSEARCH_HOST: 'es-http.logs', ELASTICSEARCH_PORT: '9300', ELASTICSEARCH_PROTOCOL: 'https' }), { kind: 'ConfigMap', metadata: { name: 'seldon-deploy-config' }, data: { elasticsearchUrl: 'https://es-http.logs:9200' } }];
    const missing = intendedSettings(deploy, output, []).filter((r) => !r.found && r.setting.endsWith('in seldon-request-logger'));
    expect(missing.map((r) => r.problem)).toEqual(['seldon-request-logger has ELASTICSEARCH_PORT="9300"; expected "9200"']);
  });
});

describe('Service references', () => {
  const namespaces = new Set(['monitoring']);
  test('THEN in-cluster URLs and host:port are references; external hosts and unknown a.b hosts are not', () => {
    const refs = serviceReferences(
      { a: 'http://prom.monitoring.svc:9090/api/v1/', b: 'https://es.logs.svc.cluster.local', c: 'kafka.kafka-ns.svc:9093', d: 'https://seldon.apps.example.com', e: 'http://alerts.monitoring/x', f: 'http://x.unknown/y' },
      namespaces,
    );
    expect(refs.map((r) => [r.path, r.namespace, r.name, r.port])).toEqual([
      ['a', 'monitoring', 'prom', 9090],
      ['b', 'logs', 'es', 443],
      ['c', 'kafka-ns', 'kafka', 9093],
      ['e', 'monitoring', 'alerts', 80],
    ]);
  });

  const source = { ...core2({ url: 'http://prom.monitoring.svc:9090/api/v1/', es: 'https://search-es-http.logs:9200' }), chart: 'seldon-deploy' };
  const environment = [{ kind: 'Namespace', metadata: { name: 'logs' } }, { kind: 'Elasticsearch', metadata: { name: 'search', namespace: 'logs' } }];
  const promService = (port: number) => ({ namespace: 'monitoring', name: 'prom', ports: [port], origin: 'chart kube-prometheus-stack' });

  test('GIVEN a chart-rendered Service and an operator-created one THEN both resolve', () => {
    expect(serviceReferenceProblems(source, [], environment, [promService(9090)])).toEqual({ problems: [], resolved: 2 });
  });

  test('GIVEN the Service on another port, or nowhere THEN each is a problem', () => {
    expect(serviceReferenceProblems(source, [], environment, [promService(80)]).problems).toEqual([
      'value url = "http://prom.monitoring.svc:9090/api/v1/" uses port 9090, but Service monitoring/prom (chart kube-prometheus-stack) has port(s) 80',
    ]);
    expect(serviceReferenceProblems(source, [], [environment[0]], [promService(9090)]).problems).toEqual([
      'value es = "https://search-es-http.logs:9200" points at Service logs/search-es-http, which neither the environment, nor a chart of it, nor a known operator creates',
    ]);
  });

  test('GIVEN an ignoreDifferences target the chart does not render THEN it is a problem', () => {
    const application = { spec: { ignoreDifferences: [{ group: 'admissionregistration.k8s.io', kind: 'MutatingWebhookConfiguration', name: 'x-admission' }] } };
    const rendered = [{ apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingWebhookConfiguration', metadata: { name: 'x-admission' } }];
    expect(serviceReferenceProblems(core2({}), rendered, [], [], application)).toEqual({ problems: [], resolved: 1 });
    expect(serviceReferenceProblems(core2({}), [], [], [], application).problems).toEqual([
      'spec.ignoreDifferences[0] targets admissionregistration.k8s.io/MutatingWebhookConfiguration x-admission, which the chart does not render',
    ]);
  });
});
