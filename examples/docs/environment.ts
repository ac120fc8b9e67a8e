import { Construct } from 'constructs';
import { PlatformConfig } from '../../src/config';
import { SeldonPlatform } from '../../src/platform';

export const prodConfig: PlatformConfig = {
  name: 'prod', // → dist/prod/
  platform: 'openshift',
  delivery: { repoURL: 'https://git.example.com/platform/seldon-platform.git' },
  ingressDomain: 'apps.prod.example.com',
  openshiftVersion: '4.20', // selects the version matrix row (src/versions.ts): Service Mesh 3, Logging 6, channels
  gitops: { repoURL: 'https://git.example.com/models/seldon-gitops.git' }, // where Seldon Deploy writes deployments
  logging: false, // any component can be switched off
};

export function prod(scope: Construct): SeldonPlatform {
  const platform = new SeldonPlatform(scope, 'prod', prodConfig);
  platform.addModelNamespace('fraud-models', { gitops: true });
  return platform;
}
