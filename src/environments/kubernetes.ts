import { Construct } from 'constructs';
import { PlatformConfig } from '../config';
import { SeldonPlatform } from '../platform';

/**
 * Plain Kubernetes: upstream Istio, cert-manager, Strimzi, Knative, ECK, prometheus-operator and Argo CD, each
 * installed from its pinned Helm chart by Argo CD. Edit this file for your cluster.
 */
export const kubernetesConfig: PlatformConfig = {
  name: 'kubernetes',
  platform: 'kubernetes',
  delivery: { repoURL: 'https://git.example.com/platform/seldon-platform.git' },
  logging: false,
  /** The repository Seldon Deploy writes model deployments to (GitOps-enabled model namespaces sync from it). */
  gitops: { repoURL: 'https://git.example.com/models/seldon-gitops.git' },
  /** In-cluster Kafka, Seldon authenticating over TLS (9093) as the KafkaUser `seldon` (mutual TLS, the default). */
  kafka: { provider: { type: 'strimzi' }, security: { mode: 'strimzi-mtls' } },
  /** Core 2 with TLS on the control plane and through Envoy (the default; PLAINTEXT is an explicit opt-in). */
  coreV2: { security: { controlPlane: 'SSL', envoy: 'SSL' } },
};

/** Builds the environment: the platform plus its model namespaces. */
export function kubernetes(scope: Construct): SeldonPlatform {
  const platform = new SeldonPlatform(scope, 'kubernetes', kubernetesConfig);
  platform.addModelNamespace('seldon');
  return platform;
}
