import { find, render, testConfig } from '../helpers/render';

const ROLE = 'seldon-platform.io/namespace-role';

describe('network isolation between the platform and model namespaces', () => {
  const objects = render(testConfig(), { models: {} });
  const ingressFrom = (name: string, namespace: string) => (find(objects, 'NetworkPolicy', name, namespace).spec as { ingress: Array<{ from: unknown[] }> }).ingress[0].from;

  test('GIVEN the platform namespaces THEN they carry the platform role, model namespaces the models role', () => {
    for (const ns of ['seldon-system', 'seldon-logs', 'seldon-kafka', 'seldon-argocd', 'istio-system']) {
      expect([ns, find(objects, 'Namespace', ns).metadata.labels?.[ROLE]]).toEqual([ns, 'platform']);
    }
    expect(find(objects, 'Namespace', 'models').metadata.labels?.[ROLE]).toBe('models');
  });

  test('THEN every platform namespace admits its own pods and the platform namespaces only', () => {
    for (const ns of ['seldon-system', 'seldon-logs', 'seldon-kafka', 'seldon-argocd']) {
      expect(ingressFrom('allow-from-platform-namespaces', ns)).toEqual([{ podSelector: {} }, { namespaceSelector: { matchLabels: { [ROLE]: 'platform' } } }]);
    }
  });

  test('THEN model namespaces reach Kafka (Core 2 clients) and the logs namespace (detector replies), nothing else', () => {
    const admitting = objects.filter((o) => o.object.kind === 'NetworkPolicy' && o.object.metadata.name === 'allow-from-model-namespaces').map((o) => o.object.metadata.namespace);
    expect(admitting.sort()).toEqual(['seldon-kafka', 'seldon-logs']);
    expect(ingressFrom('allow-from-model-namespaces', 'seldon-kafka')).toEqual([{ namespaceSelector: { matchLabels: { [ROLE]: 'models' } } }]);
  });

  test('GIVEN managed Kafka THEN only the logs namespace admits model namespaces', () => {
    const managed = render(testConfig({ kafka: { provider: { type: 'aws-msk', bootstrap: 'b-1.msk.example.com:9094' }, security: { mode: 'msk-mtls', clientSecret: 'c', brokerCaSecret: 'ca' } } }));
    expect(managed.filter((o) => o.object.metadata.name === 'allow-from-model-namespaces').map((o) => o.object.metadata.namespace)).toEqual(['seldon-logs']);
  });
});
