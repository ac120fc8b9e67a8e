import { Testing } from 'cdk8s';
import { CSV_NAME, OperatorInstall } from '../../src/lib/operator';
import { errorOf, render, testConfig } from '../helpers/render';
import { CHARTS, OLM } from '../../src/versions';

const target = { argoNamespace: 'argocd', project: 'default', destinationServer: 'https://kubernetes.default.svc' };

describe('operator installs', () => {
  test('OpenShift, own namespace: Namespace, OperatorGroup and Subscription with an explicit channel and env', () => {
    const chart = Testing.chart();
    new OperatorInstall(chart, 'op', { platform: 'openshift', olm: OLM.logging, target, component: 'logging', env: { A: '1' }, namespaceLabels: { 'openshift.io/cluster-monitoring': 'true' } });
    const [ns, og, sub] = Testing.synth(chart);
    expect(ns).toMatchObject({ kind: 'Namespace', metadata: { name: 'openshift-logging', labels: { 'openshift.io/cluster-monitoring': 'true' } } });
    expect(og).toMatchObject({ kind: 'OperatorGroup', metadata: { namespace: 'openshift-logging' }, spec: { targetNamespaces: ['openshift-logging'] } });
    expect(sub.spec).toEqual({ name: 'cluster-logging', channel: OLM.logging.channel, source: 'redhat-operators', sourceNamespace: 'openshift-marketplace', installPlanApproval: 'Automatic', config: { env: [{ name: 'A', value: '1' }] } });
  });

  test('OpenShift, openshift-operators: only the Subscription (the global OperatorGroup exists)', () => {
    const chart = Testing.chart();
    new OperatorInstall(chart, 'op', { platform: 'openshift', olm: OLM.amqStreams, target, component: 'kafka' });
    expect(Testing.synth(chart).map((o) => o.kind)).toEqual(['Subscription']);
  });

  test('Kubernetes: an Argo CD Application for the pinned chart with typed values', () => {
    const chart = Testing.chart();
    new OperatorInstall(chart, 'op', { platform: 'kubernetes', helm: { chart: CHARTS.certManager, name: 'cert-manager', namespace: 'cert-manager', values: { crds: { enabled: true } } }, target, component: 'tls' });
    const [app] = Testing.synth(chart);
    expect(app.kind).toBe('Application');
    expect(app.spec.source).toEqual({ repoURL: 'https://charts.jetstack.io', chart: 'cert-manager', targetRevision: CHARTS.certManager.version, helm: { releaseName: 'cert-manager', valuesObject: { crds: { enabled: true } } } });
    expect(app.spec.destination).toEqual({ server: 'https://kubernetes.default.svc', namespace: 'cert-manager' });
    expect(app.spec.syncPolicy.syncOptions).toEqual(['CreateNamespace=true']);
    expect(app.metadata.annotations['argocd.argoproj.io/sync-wave']).toBe('2');
  });
});

describe('pinned operators (PlatformConfig.operators)', () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const sub = (objects: ReturnType<typeof render>, name: string): any => objects.map((o) => o.object).find((o) => o.kind === 'Subscription' && o.metadata.name === name);

  test('GIVEN a startingCSV for the mesh operator WHEN rendered THEN its Subscription has it with Manual approval, and the other Subscriptions stay Automatic', () => {
    const objects = render(testConfig({ operators: { servicemeshoperator: { startingCSV: 'servicemeshoperator.v2.6.5' } } }));
    expect(sub(objects, 'servicemeshoperator')?.spec).toMatchObject({ startingCSV: 'servicemeshoperator.v2.6.5', installPlanApproval: 'Manual', channel: OLM.serviceMesh.channel });
    expect(sub(objects, 'kiali-ossm')?.spec.installPlanApproval).toBe('Automatic');
    expect(sub(objects, 'kiali-ossm')?.spec.startingCSV).toBeUndefined();
  });

  test('GIVEN Manual approval without a startingCSV THEN the Subscription follows its channel but waits for approval', () => {
    const objects = render(testConfig({ operators: { 'amq-streams': { installPlanApproval: 'Manual' } } }));
    expect(sub(objects, 'amq-streams')?.spec).toMatchObject({ installPlanApproval: 'Manual' });
    expect(sub(objects, 'amq-streams')?.spec.startingCSV).toBeUndefined();
  });

  test.each([
    [{ 'amq-streams': { startingCSV: 'amqstreams-2.7.0' } }, 'operators.amq-streams.startingCSV ("amqstreams-2.7.0"): is not a ClusterServiceVersion name of the form <name>.v<major>.<minor>.<patch>'],
    [{ 'amq-streams': { startingCSV: 'amqstreams.v2.7' } }, 'operators.amq-streams.startingCSV ("amqstreams.v2.7"): is not a ClusterServiceVersion name'],
    [{ 'amq-streams': { startingCSV: 'amqstreams.v2.7.0-0', installPlanApproval: 'Automatic' as const } }, 'operators.amq-streams.installPlanApproval ("Automatic"): is Automatic with a startingCSV'],
    [{ 'service-mesh': { startingCSV: 'servicemeshoperator.v2.6.5' } }, 'operators.service-mesh ({"startingCSV":"servicemeshoperator.v2.6.5"}): is not an OLM package the platform subscribes to; use one of amq-streams,'],
  ])('GIVEN bad pins %p THEN the config is rejected with field, value and fix', (operators, message) => {
    expect(errorOf(() => render(testConfig({ operators })))).toContain(message);
  });

  test('GIVEN pins on Kubernetes THEN they are rejected (OLM is OpenShift only)', () => {
    const config = testConfig({ platform: 'kubernetes', ingressDomain: undefined, operators: { 'amq-streams': { installPlanApproval: 'Manual' } } });
    expect(errorOf(() => render(config))).toContain('operators ({"amq-streams":{"installPlanApproval":"Manual"}}): only applies on OpenShift');
  });

  test.each(['servicemeshoperator.v2.6.5', 'amqstreams.v2.7.0-0', 'cluster-logging.v5.9.3', 'openshift-gitops-operator.v1.16.0'])('CSV name %s is accepted', (csv) => {
    expect(CSV_NAME.test(csv)).toBe(true);
  });
});
