import { ApiObject, Chart, Testing } from 'cdk8s';
import { applyArgoConventions, setSyncWave, SYNC_OPTIONS, SYNC_WAVE } from '../../src/lib/argo';
import { PlatformChart } from '../../src/lib/concern';

const annotations = (chart: Chart) => chart.toJson().map((o: { kind: string; metadata: { annotations: Record<string, string> } }) => [o.kind, o.metadata.annotations]);

describe('the Argo CD final pass', () => {
  test('GIVEN objects without waves THEN each gets its kind\'s wave; an explicit wave is kept', () => {
    const chart = Testing.chart();
    new ApiObject(chart, 'ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } });
    new ApiObject(chart, 'sub', { apiVersion: 'operators.coreos.com/v1alpha1', kind: 'Subscription', metadata: { name: 's', namespace: 'a' } });
    const custom = new ApiObject(chart, 'kafka', { apiVersion: 'kafka.strimzi.io/v1beta2', kind: 'Kafka', metadata: { name: 'k', namespace: 'a' } });
    setSyncWave(custom, 42);
    applyArgoConventions(chart, { preinstalled: ['operators.coreos.com/*'] });
    expect(annotations(chart)).toEqual([
      ['Namespace', { [SYNC_WAVE]: '0' }],
      ['Subscription', { [SYNC_WAVE]: '2' }],
      ['Kafka', { [SYNC_WAVE]: '42', [SYNC_OPTIONS]: 'SkipDryRunOnMissingResource=true' }],
    ]);
  });

  test('custom resources of a preinstalled group/kind get no SkipDryRun; others do', () => {
    const chart = Testing.chart();
    setSyncWave(new ApiObject(chart, 'app', { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'a', namespace: 'argocd' } }), 5);
    new ApiObject(chart, 'argocd', { apiVersion: 'argoproj.io/v1beta1', kind: 'ArgoCD', metadata: { name: 'b', namespace: 'argocd' } });
    applyArgoConventions(chart, { preinstalled: ['argoproj.io/Application'] });
    const [app, argocd] = chart.toJson();
    expect(app.metadata.annotations[SYNC_OPTIONS]).toBeUndefined();
    expect(argocd.metadata.annotations[SYNC_OPTIONS]).toBe('SkipDryRunOnMissingResource=true');
  });

  test('objects in a model-namespace chart are offset to render last', () => {
    const chart = new PlatformChart(Testing.app(), 'm', { waveOffset: 10 });
    new ApiObject(chart, 'ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } });
    applyArgoConventions(chart, { preinstalled: [] });
    expect(chart.toJson()[0].metadata.annotations[SYNC_WAVE]).toBe('10');
  });

  test('a kind with no wave is refused with a message saying how to fix it', () => {
    const chart = Testing.chart();
    new ApiObject(chart, 'x', { apiVersion: 'example.com/v1', kind: 'Mystery', metadata: { name: 'x', namespace: 'a' } });
    expect(() => applyArgoConventions(chart, { preinstalled: [] })).toThrow(/Mystery .* has no sync wave: set one with setSyncWave\(\) or add Mystery to WAVE_BY_KIND/);
  });
});
