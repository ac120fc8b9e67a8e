import { Construct } from 'constructs';
import { PlatformConfig } from '../config';
import { SeldonDeployment } from '../constructs/seldon-deployment';
import { SeldonPlatform } from '../platform';

/**
 * The seed 004 install on a current OpenShift: Seldon Deploy, Core v1 and Core 2 with OpenShift Service Mesh 3,
 * Serverless, ECK, OpenShift Logging 6 and Monitoring, AMQ Streams and OpenShift GitOps. `openshiftVersion` selects the
 * version matrix row (src/versions.ts `OPENSHIFT_MATRIX`): mesh line, Logging line, channels, Core v1 install. Edit this
 * file for your cluster; examples/openshift-4-14.ts is the seed's line (Service Mesh 2.6, Logging 5).
 */
export const openshiftConfig: PlatformConfig = {
  name: 'openshift',
  platform: 'openshift',
  delivery: { repoURL: 'https://git.example.com/platform/seldon-platform.git' },
  ingressDomain: 'apps.cluster.example.com',
  /** OpenShift 4.20 (EUS): Kubernetes 1.33, Service Mesh 3 (stable-3.3), Logging 6 (stable-6.6), Core v1 from its chart. */
  openshiftVersion: '4.20',
  /** The repository Seldon Deploy writes model deployments to (GitOps-enabled model namespaces sync from it). */
  gitops: { repoURL: 'https://git.example.com/models/seldon-gitops.git' },
  /** In-cluster Kafka, Seldon authenticating over TLS (9093) as the KafkaUser `seldon` (mutual TLS, the default). */
  kafka: { provider: { type: 'strimzi' }, security: { mode: 'strimzi-mtls' } },
  /** Core 2 with TLS on the control plane and through Envoy (the default; PLAINTEXT is an explicit opt-in). */
  coreV2: { security: { controlPlane: 'SSL', envoy: 'SSL' } },
};

/** Builds the environment: the platform plus its model namespaces. */
export function openshift(scope: Construct): SeldonPlatform {
  const platform = new SeldonPlatform(scope, 'openshift', openshiftConfig);
  const seldon = platform.addModelNamespace('seldon');
  // An example model: a 75/25 canary between two prepackaged iris servers, through the Seldon gateway (seed 002).
  new SeldonDeployment(seldon.scope, 'Iris', {
    name: 'iris',
    predictors: [
      { name: 'main', traffic: 75, graph: { name: 'classifier', implementation: 'SKLEARN_SERVER', modelUri: 'gs://seldon-models/v1.18.2/sklearn/iris' } },
      { name: 'canary', traffic: 25, graph: { name: 'classifier', implementation: 'XGBOOST_SERVER', modelUri: 'gs://seldon-models/xgboost/iris' } },
    ],
  });
  platform.addModelNamespace('seldon-gitops', { gitops: true });
  return platform;
}
