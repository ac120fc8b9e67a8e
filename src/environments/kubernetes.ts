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
};

/** Builds the environment: the platform plus its model namespaces. */
export function kubernetes(scope: Construct): SeldonPlatform {
  const platform = new SeldonPlatform(scope, 'kubernetes', kubernetesConfig);
  platform.addModelNamespace('seldon');
  return platform;
}
