import { PlatformConfig } from '../src/config';
import { ModelNamespaceOptions } from '../src/concerns/model-namespace';
import { find, render, testConfig } from './helpers/render';

/**
 * The complete object list of a model namespace, per platform: what seed 004's appendix "Adding new namespace for
 * Seldon Deploy" does by hand (namespace + label, monitoring and detector policies, pod monitors, usage rules, mesh
 * membership, GitOps labels/project/application), plus Core 2, TLS, authn/authz, quota and limits.
 */
const auth = { issuer: 'https://idp.example.com/realms/seldon', jwksUri: 'https://idp.example.com/realms/seldon/certs' };
const FULL: ModelNamespaceOptions = {
  gitops: true,
  auth,
  quota: { cpu: '8', memory: '32Gi' },
  limits: { defaultCpu: '1', defaultMemory: '2Gi', defaultRequestCpu: '100m', defaultRequestMemory: '256Mi' },
};
const MINIMAL: ModelNamespaceOptions = { coreV1: false, coreV2: false };

const SEED_APPENDIX = [
  'Namespace//ns',
  'NetworkPolicy/ns/seldon-detectors',
  'NetworkPolicy/ns/seldon-detectors-serving',
  'PodMonitor/ns/seldon-podmonitor',
  'PodMonitor/ns/seldon-podmonitor-metrics-server',
  'PrometheusRule/ns/seldon-model-usage-rules',
];
const BASELINE = ['NetworkPolicy/ns/allow-from-ingress-gateway', 'NetworkPolicy/ns/allow-same-namespace', 'PeerAuthentication/ns/default'];
const CORE_V2 = [
  'Certificate/ns/seldon-controlplane-client',
  'Certificate/ns/seldon-controlplane-server',
  'Certificate/ns/seldon-downstream-server',
  'Certificate/ns/seldon-upstream-client',
  'Certificate/ns/seldon-upstream-server',
  'DestinationRule/ns/seldon-mesh',
  // The Strimzi user secret and cluster CA, kept in sync from seldon-kafka (kafka-secret-store.ts).
  'ExternalSecret/ns/seldon',
  'ExternalSecret/ns/seldon-cluster-ca-cert',
  'NetworkPolicy/ns/allow-seldon-core-v2-controller',
  'SeldonRuntime/ns/seldon',
  'Server/ns/mlserver',
  'Server/ns/triton',
  'VirtualService/ns/seldon-mesh',
];
const CORE_V1_METRICS = ['PeerAuthentication/ns/seldon-metrics'];
const AUTH = ['AuthorizationPolicy/ns/seldon-require-jwt', 'RequestAuthentication/ns/seldon-jwt'];
const QUOTA = ['LimitRange/ns/seldon-models', 'ResourceQuota/ns/seldon-models'];

const kubernetes = (o: Partial<PlatformConfig> = {}) => testConfig({ platform: 'kubernetes', ingressDomain: undefined, ...o });

function objectsOf(config: PlatformConfig, name: string, options: ModelNamespaceOptions): string[] {
  return render(config, { [name]: options })
    .filter((o) => o.file.startsWith(`model-namespaces/${name}/`))
    .map((o) => `${o.object.kind}/${o.object.metadata.namespace === name ? 'ns' : (o.object.metadata.namespace ?? '')}/${o.object.metadata.name === name ? 'ns' : o.object.metadata.name}`)
    .sort();
}

describe.each([
  ['openshift', testConfig(), ['NetworkPolicy/ns/user-workload-monitoring'], 'Application/seldon-argocd/seldon-gitops-ns', { 'argocd.argoproj.io/managed-by': 'seldon-argocd' }],
  // On Kubernetes Seldon Deploy uses the platform's cluster-wide Argo CD: no managed-by label is needed.
  ['kubernetes', kubernetes(), ['NetworkPolicy/ns/allow-from-monitoring'], 'Application/argocd/seldon-gitops-ns', {}],
] as const)('a model namespace on %s', (_platform, config, monitoringPolicy, gitopsApp, managedBy) => {
  test('GIVEN every option THEN exactly the seed appendix objects plus Core 2, TLS, auth, quota and GitOps', () => {
    expect(objectsOf(config, 'ns', FULL)).toEqual([...SEED_APPENDIX, ...BASELINE, ...monitoringPolicy, ...CORE_V2, ...CORE_V1_METRICS, ...AUTH, ...QUOTA, gitopsApp].sort());
  });

  test('GIVEN no Core v1, no Core 2, no GitOps THEN exactly the seed appendix objects and the baseline policies', () => {
    expect(objectsOf(config, 'ns', MINIMAL)).toEqual([...SEED_APPENDIX, ...BASELINE, ...monitoringPolicy].sort());
  });

  test('GIVEN a store for the Strimzi secrets THEN each Core 2 namespace gets the Kafka credentials as ExternalSecrets', () => {
    const store = { kind: 'ClusterSecretStore' as const, name: 'strimzi-secrets' };
    const withStore = { ...config, kafka: { ...(config.kafka || {}), secrets: { strimziStore: store } } };
    const secrets = objectsOf(withStore, 'ns', {}).filter((o) => o.startsWith('ExternalSecret/'));
    expect(secrets).toEqual(['ExternalSecret/ns/seldon', 'ExternalSecret/ns/seldon-cluster-ca-cert']);
    expect(objectsOf(withStore, 'ns', MINIMAL).filter((o) => o.startsWith('ExternalSecret/'))).toEqual([]);
  });

  test('GIVEN GitOps THEN the Namespace carries the seed\'s labels and annotation and the AppProject lists it', () => {
    const objects = render(config, { ns: { gitops: true } });
    const ns = find(objects, 'Namespace', 'ns');
    expect(ns.metadata.labels).toMatchObject({ 'seldon.restricted': 'false', 'seldon.gitops': 'enabled', ...managedBy });
    expect(ns.metadata.annotations?.['git-repo']).toBe('https://git.example.com/models/seldon-gitops.git');
    const project = find(objects, 'AppProject', 'seldon');
    expect((project.spec as { destinations: Array<{ namespace: string }> }).destinations.map((d) => d.namespace)).toContain('ns');
  });
});

test('on OpenShift the namespace joins the ServiceMeshMemberRoll', () => {
  const smmr = find(render(testConfig(), { ns: {} }), 'ServiceMeshMemberRoll', 'default');
  expect((smmr.spec as { members: string[] }).members).toContain('ns');
});

test('GIVEN an Argo CD application name that differs THEN the namespace carries the argocdapp label', () => {
  const objects = render(testConfig(), { ns: { gitops: true, argocdApp: 'models-prod' } });
  expect(find(objects, 'Namespace', 'ns').metadata.labels?.argocdapp).toBe('models-prod');
  expect(find(objects, 'Application', 'models-prod').metadata.namespace).toBe('seldon-argocd');
});

test('GIVEN confirmPrune THEN Argo CD asks before pruning the Namespace; by default it prunes it', () => {
  const objects = render(testConfig(), { guarded: { confirmPrune: true }, plain: {} });
  expect(find(objects, 'Namespace', 'guarded').metadata.annotations?.['argocd.argoproj.io/sync-options']).toBe('Delete=confirm,Prune=confirm');
  expect(find(objects, 'Namespace', 'plain').metadata.annotations?.['argocd.argoproj.io/sync-options']).toBeUndefined();
});
