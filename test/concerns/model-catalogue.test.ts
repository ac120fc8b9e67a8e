import { App } from 'cdk8s';
import { PlatformConfig } from '../../src/config';
import { ModelCatalogueOptions } from '../../src/concerns/model-catalogue';
import { RenderedObject } from '../../src/lib/render';
import { SeldonPlatform } from '../../src/platform';
import { errorOf, find, render, testConfig } from '../helpers/render';

const kubernetes = (overrides: Partial<PlatformConfig> = {}): PlatformConfig => testConfig({ platform: 'kubernetes', ingressDomain: undefined, ...overrides });
const mine = (objects: readonly RenderedObject[]) => objects.filter((o) => o.object.metadata.labels?.['app.kubernetes.io/component'] === 'model-catalogue');
const VAULT = { store: { kind: 'ClusterSecretStore' as const, name: 'vault' } };
const KEYS = ['user', 'password', 'host', 'port', 'dbname', 'sslmode'];

type Container = {
  image: string;
  env: Array<{ name: string; value?: string; valueFrom?: { secretKeyRef: { name: string; key: string } } }>;
  securityContext: Record<string, unknown>;
  volumeMounts: Array<{ mountPath: string }>;
};
type PodSpec = { securityContext: Record<string, unknown>; containers: Container[]; volumes: unknown[] };
const podOf = (objects: readonly RenderedObject[]) => (find(objects, 'Deployment', 'metadata', 'seldon-system').spec as { template: { spec: PodSpec } }).template.spec;

describe('model catalogue', () => {
  test('GIVEN the seed defaults THEN only the metadata-postgres reference (keys user … sslmode) is rendered', () => {
    const objects = render(testConfig({ secrets: VAULT }));
    expect(mine(objects).map((o) => o.file)).toEqual(['model-catalogue/externalsecret.seldon-system.metadata-postgres.yaml']);
    const secret = find(objects, 'ExternalSecret', 'metadata-postgres', 'seldon-system');
    expect((secret.spec as { data: Array<{ secretKey: string }> }).data.map((d) => d.secretKey)).toEqual(KEYS);
  });

  test('GIVEN no secret store THEN nothing is rendered and Seldon Deploy still gets the secret name', () => {
    const platform = new SeldonPlatform(new App(), 'test', testConfig());
    expect(platform.modelCatalogue?.secretName).toBe('metadata-postgres');
    expect(mine(platform.render())).toEqual([]);
  });

  describe('GIVEN a trial instance on OpenShift', () => {
    const objects = render(testConfig({ secrets: VAULT, modelCatalogue: { trialInstance: true } }));

    test('WHEN rendered THEN the objects match the snapshot', () => {
      expect(mine(objects)).toMatchSnapshot();
    });

    test('THEN PVC, Deployment and Service are named metadata (seed DATABASE_SERVICE_NAME) and marked not for production', () => {
      for (const kind of ['PersistentVolumeClaim', 'Deployment', 'Service']) {
        const o = find(objects, kind, 'metadata', 'seldon-system');
        expect(o.metadata.annotations?.['seldon-platform/not-for-production']).toMatch(/^trial PostgreSQL/);
      }
      expect(find(objects, 'Service', 'metadata').spec).toMatchObject({ ports: [{ name: 'postgresql', port: 5432 }] });
      expect(find(objects, 'PersistentVolumeClaim', 'metadata').spec).toMatchObject({ resources: { requests: { storage: '1Gi' } } });
    });

    test('THEN the Red Hat image runs non-root without privilege escalation, credentials from the secret reference', () => {
      const pod = podOf(objects);
      expect(pod.securityContext).toEqual({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
      const [container] = pod.containers;
      expect(container.image).toBe('registry.redhat.io/rhel9/postgresql-15:1-1');
      expect(container.image).not.toMatch(/:latest$/);
      expect(container.securityContext).toEqual({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
      expect(container.env).toEqual([
        { name: 'POSTGRESQL_USER', valueFrom: { secretKeyRef: { name: 'metadata-postgres', key: 'user' } } },
        { name: 'POSTGRESQL_PASSWORD', valueFrom: { secretKeyRef: { name: 'metadata-postgres', key: 'password' } } },
        { name: 'POSTGRESQL_DATABASE', valueFrom: { secretKeyRef: { name: 'metadata-postgres', key: 'dbname' } } },
      ]);
      expect(JSON.stringify(objects.map((o) => o.object))).not.toMatch(/"value":"postgresql"/);
    });
  });

  test('GIVEN a trial instance on Kubernetes THEN the community image runs as its postgres user with the data in a subdirectory', () => {
    const objects = render(kubernetes({ modelCatalogue: { trialInstance: true, trialStorage: '5Gi', trialStorageClass: 'fast' } }));
    expect(mine(objects)).toMatchSnapshot();
    const pod = podOf(objects);
    expect(pod.securityContext).toEqual({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' }, runAsUser: 999, runAsGroup: 999, fsGroup: 999 });
    const [container] = pod.containers;
    expect(container.image).toBe('docker.io/library/postgres:15.8');
    expect(container.env.map((e) => e.name)).toEqual(['POSTGRES_USER', 'POSTGRES_PASSWORD', 'POSTGRES_DB', 'PGDATA']);
    expect(find(objects, 'PersistentVolumeClaim', 'metadata').spec).toMatchObject({ storageClassName: 'fast', resources: { requests: { storage: '5Gi' } } });
  });
});

describe('model catalogue rejects', () => {
  const run = (modelCatalogue: ModelCatalogueOptions) => errorOf(() => SeldonPlatform.validate(testConfig({ modelCatalogue })));

  test.each<[string, ModelCatalogueOptions, string]>([
    ['a bad secret name', { secretName: 'Metadata' }, 'modelCatalogue.secretName ("Metadata"): is not a DNS-1123 label'],
    ['an inline password', { source: { from: 'existing', password: 'postgresql' } as never }, 'modelCatalogue.source.password ("<redacted>"): a secret value was given inline'],
    ['trial settings without the trial instance', { trialStorage: '5Gi' }, 'modelCatalogue.trialStorage ("5Gi"): configures the trial instance, which is off'],
    ['a bad trial volume size', { trialInstance: true, trialStorage: '5 GB' }, 'modelCatalogue.trialStorage ("5 GB"): is not a storage quantity'],
    ['a bad StorageClass', { trialInstance: true, trialStorageClass: 'Fast_SSD' }, 'modelCatalogue.trialStorageClass ("Fast_SSD"): is not a StorageClass name'],
  ])('GIVEN %s THEN validation names the field, value and fix', (_name, options, message) => {
    expect(run(options)).toContain(message);
  });
});
