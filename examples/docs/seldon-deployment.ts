import { Construct } from 'constructs';
import { PlatformConfig } from '../../src/config';
import { SeldonDeployment } from '../../src/constructs/seldon-deployment';
import { SeldonPlatform } from '../../src/platform';

export const modelsConfig: PlatformConfig = {
  name: 'models',
  platform: 'openshift',
  delivery: { repoURL: 'https://git.example.com/platform/seldon-platform.git' },
  ingressDomain: 'apps.cluster.example.com',
  openshiftVersion: '4.20',
  gitops: { repoURL: 'https://git.example.com/models/seldon-gitops.git' },
};

export function models(scope: Construct): SeldonPlatform {
  const platform = new SeldonPlatform(scope, 'models', modelsConfig);
  const fraud = platform.addModelNamespace('fraud');

  // A canary (90/10) plus a shadow that receives a copy of the traffic, through the Seldon gateway, with retries.
  new SeldonDeployment(fraud.scope, 'Scorer', {
    name: 'scorer',
    istio: { retries: 3, retriesTimeout: 2 },
    predictors: [
      { name: 'main', traffic: 90, graph: { name: 'classifier', implementation: 'SKLEARN_SERVER', modelUri: 'gs://seldon-models/v1.18.2/sklearn/iris' } },
      { name: 'canary', traffic: 10, graph: { name: 'classifier', implementation: 'XGBOOST_SERVER', modelUri: 'gs://seldon-models/xgboost/iris' } },
      {
        name: 'candidate',
        shadow: true,
        componentSpecs: [{ spec: { containers: [{ name: 'classifier', image: 'seldonio/mock_classifier:1.18.2' }] } }],
        graph: { name: 'classifier', type: 'MODEL', endpoint: { type: 'REST' }, logger: { mode: 'all' } },
      },
    ],
  });

  // Mesh-internal routing (seed 002 "Using the Istio Service Mesh"): callers inside the mesh reach http://scorer-internal:8000.
  new SeldonDeployment(fraud.scope, 'Internal', {
    name: 'internal',
    istio: { gateway: 'mesh', host: 'scorer-internal' },
    predictors: [
      { name: 'main', svcName: 'scorer-internal', traffic: 75, graph: { name: 'classifier', implementation: 'SKLEARN_SERVER', modelUri: 'gs://seldon-models/v1.18.2/sklearn/iris' } },
      { name: 'canary', traffic: 25, graph: { name: 'classifier', implementation: 'XGBOOST_SERVER', modelUri: 'gs://seldon-models/xgboost/iris' } },
    ],
  });
  return platform;
}
