import { Testing } from 'cdk8s';
import { OperatorInstall } from '../../src/lib/operator';
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
