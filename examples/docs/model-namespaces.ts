import { Construct } from 'constructs';
import { PlatformConfig } from '../../src/config';
import { SeldonPlatform } from '../../src/platform';

export const teamsConfig: PlatformConfig = {
  name: 'teams',
  platform: 'openshift',
  delivery: { repoURL: 'https://git.example.com/platform/seldon-platform.git' },
  ingressDomain: 'apps.cluster.example.com',
  openshiftVersion: '4.20',
  gitops: { repoURL: 'https://git.example.com/models/seldon-gitops.git' },
};

export function teams(scope: Construct): SeldonPlatform {
  const platform = new SeldonPlatform(scope, 'teams', teamsConfig);

  // Every option: GitOps from the team's own repository, JWT-protected inference, a quota and container defaults,
  // and the Core 2 topic plan the Kafka budget is checked against.
  platform.addModelNamespace('fraud', {
    gitops: true,
    gitRepo: 'https://git.example.com/models/fraud.git',
    argocdApp: 'fraud-models',
    auth: {
      issuer: 'https://keycloak.example.com/auth/realms/deploy-realm',
      jwksUri: 'https://keycloak.example.com/auth/realms/deploy-realm/protocol/openid-connect/certs',
      audiences: ['seldon'],
    },
    quota: { cpu: '32', memory: '128Gi', pods: 100 },
    limits: { defaultCpu: '1', defaultMemory: '2Gi', defaultRequestCpu: '100m', defaultRequestMemory: '256Mi' },
    plannedModels: 20,
    plannedPipelines: 5,
  });

  // Seldon Core v1 only: no Core 2 runtime, certificates, Kafka credentials or seldon-mesh route here.
  platform.addModelNamespace('legacy', { coreV2: false });
  return platform;
}
