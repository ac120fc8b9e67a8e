import { Construct } from 'constructs';
import { PlatformConfig } from '../src/config';
import { SeldonDeployment } from '../src/constructs/seldon-deployment';
import { openshiftConfig } from '../src/environments/openshift';
import { SeldonPlatform } from '../src/platform';

/**
 * The reference OpenShift environment on the seed's line, OpenShift 4.14 (Kubernetes 1.27): the version matrix
 * (src/versions.ts) gives it OpenShift Service Mesh 2.6 (ServiceMeshControlPlane + member roll), Logging 5 (stable-5.9),
 * Serverless stable-1.37 and Core v1 from the seldon-core-operator chart (the certified bundle ends at 4.13). Rendered
 * into dist/openshift-4-14/ beside the current-OpenShift reference environment, and validated the same way.
 */
export const openshift414Config: PlatformConfig = {
  ...openshiftConfig,
  name: 'openshift-4-14',
  ingressDomain: 'apps.ocp414.example.com',
  openshiftVersion: '4.14',
};

/** Builds the environment: the platform plus the same model namespaces as the reference environment. */
export function openshift414(scope: Construct): SeldonPlatform {
  const platform = new SeldonPlatform(scope, 'openshift-4-14', openshift414Config);
  const seldon = platform.addModelNamespace('seldon');
  new SeldonDeployment(seldon.scope, 'Iris', {
    name: 'iris',
    predictors: [{ name: 'main', graph: { name: 'classifier', implementation: 'SKLEARN_SERVER', modelUri: 'gs://seldon-models/v1.18.2/sklearn/iris' } }],
  });
  platform.addModelNamespace('seldon-gitops', { gitops: true });
  return platform;
}
