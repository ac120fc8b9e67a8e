import { Construct } from 'constructs';
import { PlatformConfig } from '../../src/config';
import { SeldonPlatform } from '../../src/platform';

export const bigClusterConfig: PlatformConfig = {
  name: 'big',
  platform: 'kubernetes',
  delivery: { repoURL: 'https://git.example.com/platform/seldon-platform.git' },
  gitops: { repoURL: 'https://git.example.com/models/seldon-gitops.git' },
  // Per chart, over the platform's hardening values (src/lib/workload-security.ts): a larger cainjector.
  workloadValues: { 'cert-manager': { cainjector: { resources: { limits: { memory: '1Gi' } } } } },
};

export function big(scope: Construct): SeldonPlatform {
  const platform = new SeldonPlatform(scope, 'big', bigClusterConfig);
  platform.addModelNamespace('models', {
    quota: { cpu: '16', memory: '32Gi' },
    // defaultCpu must cover the largest CPU request of a container without a CPU limit (Core 2's agent: 200m).
    limits: { defaultCpu: '1', defaultMemory: '1Gi', defaultRequestCpu: '100m', defaultRequestMemory: '256Mi' },
  });
  return platform;
}
