/**
 * An environment in the Seldon Meta-Operator install mode (seed 003), compiled by `tsc` and rendered by
 * test/concerns/meta-operator.test.ts. Not listed in src/environments/index.ts: the Meta-Operator is a preview alpha
 * upstream. To use it, copy this file into src/environments/ and add the builder to ENVIRONMENTS.
 */
import { Construct } from 'constructs';
import { PlatformConfig } from '../src/config';
import { SeldonDeployment } from '../src/constructs/seldon-deployment';
import { SeldonPlatform } from '../src/platform';

export const metaOperatorConfig: PlatformConfig = {
  name: 'meta-operator',
  platform: 'kubernetes',
  delivery: { repoURL: 'https://git.example.com/platform/seldon-platform.git' },
  logging: false,
  // The Meta-Operator installs Seldon Core and Seldon Deploy itself.
  coreV1: false,
  deploy: false,
  metaOperator: {
    // A reviewed copy of https://storage.googleapis.com/seldonoperator/seldonoperator_install.yaml.
    install: { repoURL: 'https://git.example.com/platform/vendor.git', path: 'seldon-meta-operator', targetRevision: 'v2024.06.0' },
    // Routing (the platform's seldon-gateway), detectors (Knative) and the external payload store (the platform's
    // Elasticsearch) follow from serviceMesh, serverless and elasticsearch, which are on.
    analytics: true,
    coreValues: { executor: { requestLogger: { workQueueSize: 20000 } } },
  },
};

/** Builds the environment: the platform plus a model namespace with a canary. */
export function metaOperator(scope: Construct): SeldonPlatform {
  const platform = new SeldonPlatform(scope, 'meta-operator', metaOperatorConfig);
  const models = platform.addModelNamespace('models');
  new SeldonDeployment(models.scope, 'Iris', {
    name: 'iris',
    predictors: [
      { name: 'main', traffic: 90, graph: { name: 'classifier', implementation: 'SKLEARN_SERVER', modelUri: 'gs://seldon-models/v1.18.2/sklearn/iris' } },
      { name: 'canary', traffic: 10, graph: { name: 'classifier', implementation: 'XGBOOST_SERVER', modelUri: 'gs://seldon-models/xgboost/iris' } },
    ],
  });
  return platform;
}
