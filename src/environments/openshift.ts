import { Construct } from 'constructs';
import { PlatformConfig } from '../config';
import { SeldonPlatform } from '../platform';

/**
 * The seed 004 install: Seldon Deploy, Core v1 and Core 2 on OpenShift with OpenShift Service Mesh, Serverless,
 * ECK, OpenShift Logging and Monitoring, AMQ Streams and OpenShift GitOps. Edit this file for your cluster.
 */
export const openshiftConfig: PlatformConfig = {
  name: 'openshift',
  platform: 'openshift',
  delivery: { repoURL: 'https://git.example.com/platform/seldon-platform.git' },
  ingressDomain: 'apps.cluster.example.com',
};

/** Builds the environment: the platform plus its model namespaces. */
export function openshift(scope: Construct): SeldonPlatform {
  const platform = new SeldonPlatform(scope, 'openshift', openshiftConfig);
  platform.addModelNamespace('seldon');
  platform.addModelNamespace('seldon-gitops', { gitops: true });
  return platform;
}
