import { find, render, testConfig } from '../helpers/render';

describe('the root Application', () => {
  test('GIVEN the in-cluster default THEN one root applies all of dist/<env> (*.yaml only), pruning, self-managed', () => {
    const objects = render(testConfig());
    const roots = objects.filter((o) => o.file.startsWith('delivery/'));
    expect(roots.map((o) => o.file)).toEqual(['delivery/application.openshift-gitops.seldon-platform-test.yaml']);
    const root = find(objects, 'Application', 'seldon-platform-test');
    expect(root.spec).toMatchObject({
      // bootstrap/ configures the Argo CD that runs this root: never applied by it.
      source: { repoURL: 'https://git.example.com/platform/seldon.git', targetRevision: 'main', path: 'dist/test', directory: { recurse: true, include: '*.yaml', exclude: 'bootstrap/*' } },
      destination: { server: 'https://kubernetes.default.svc' },
      syncPolicy: { automated: { prune: true, selfHeal: true } },
    });
    expect(root.metadata.annotations?.['argocd.argoproj.io/sync-wave']).toBe('-1');
  });

  test('GIVEN another cluster THEN Argo objects stay with Argo CD and the rest goes to the target cluster', () => {
    const server = 'https://api.prod.example.com:6443';
    const objects = render(testConfig({ delivery: { repoURL: 'https://git.example.com/platform/seldon.git', destinationServer: server, targetRevision: 'v1.2.0' } }));
    const argoSide = find(objects, 'Application', 'seldon-platform-test');
    const clusterSide = find(objects, 'Application', 'seldon-platform-test-cluster');
    expect(argoSide.spec).toMatchObject({ destination: { server: 'https://kubernetes.default.svc' }, source: { targetRevision: 'v1.2.0', directory: { include: '{delivery/*.yaml,applications/*.yaml}' } } });
    expect(clusterSide.spec).toMatchObject({ destination: { server }, source: { directory: { include: '*.yaml', exclude: '{delivery/*,applications/*,bootstrap/*}' } } });
  });

  test('every chart Application the platform renders is in applications/ and deploys to the target cluster', () => {
    const server = 'https://api.prod.example.com:6443';
    const objects = render(testConfig({ platform: 'kubernetes', ingressDomain: undefined, delivery: { repoURL: 'https://git.example.com/p.git', destinationServer: server } }));
    const apps = objects.filter((o) => o.object.kind === 'Application' && !o.file.startsWith('delivery/'));
    for (const app of apps) {
      const spec = app.object.spec as { destination: { server: string } };
      expect([app.file.split('/')[0], spec.destination.server]).toEqual(['applications', server]);
    }
  });
});
