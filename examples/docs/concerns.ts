import { Construct } from 'constructs';
import { PlatformConfig } from '../../src/config';
import { SeldonPlatform } from '../../src/platform';

/** One option of each concern changed from the seed default, to show where each lives. */
export const tunedConfig: PlatformConfig = {
  name: 'tuned',
  platform: 'openshift',
  delivery: { repoURL: 'https://git.example.com/platform/seldon-platform.git' },
  ingressDomain: 'apps.cluster.example.com',
  openshiftVersion: '4.16', // required on OpenShift: Service Mesh 3, Logging 6 and Core v1 from its chart follow the matrix
  secrets: { store: { kind: 'ClusterSecretStore', name: 'vault' } },
  serviceMesh: {
    members: ['payments-gateway'],
    ingress: {
      tls: { mode: 'cert-manager', issuerRef: { kind: 'ClusterIssuer', name: 'letsencrypt' }, dnsNames: ['seldon.apps.cluster.example.com'] },
    },
  },
  serverless: { brokerName: 'default' },
  elasticsearch: { nodeSets: [{ name: 'default', count: 3, storageSize: '50Gi' }] },
  logging: { namespaceScoped: true }, // Logging 6 on 4.16 (the matrix's default), collecting from model namespaces only
  monitoring: {
    alertReceiver: { oidc: { tokenUrl: 'https://keycloak.example.com/auth/realms/deploy-realm/protocol/openid-connect/token' } },
  },
  modelCatalogue: { trialInstance: true },
  gitops: { repoURL: 'https://git.example.com/models/seldon-gitops.git', prune: true, selfHeal: true },
  kafka: { provider: { type: 'strimzi', cluster: { storage: { type: 'persistent-claim', size: '100Gi' } } } },
  tls: { duration: '720h', renewBefore: '240h' },
  coreV2: { servers: { triton: { replicas: 0 } } },
  deploy: { enableAppAuth: true, externalProtocol: 'https' },
};

export function tuned(scope: Construct): SeldonPlatform {
  const platform = new SeldonPlatform(scope, 'tuned', tunedConfig);
  platform.addModelNamespace('models', { gitops: true });
  return platform;
}
