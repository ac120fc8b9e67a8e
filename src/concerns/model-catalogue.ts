import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import type { PlatformConfig } from '../config';
import { Concern, PlatformContext } from '../lib/concern';
import { Checks, isDnsSubdomain } from '../lib/errors';
import { standardLabels } from '../lib/names';
import { Platform } from '../lib/operator';
import { checkSecretSource, SecretReference, SecretSource } from '../lib/secrets';
import { IMAGES } from '../versions';
import { QUANTITY } from '../lib/formats';

const COMPONENT = 'model-catalogue';

/** The connection keys Seldon Deploy reads from the catalogue secret (seed: `oc create secret generic metadata-postgres`). */
export const CATALOGUE_SECRET_KEYS = ['user', 'password', 'host', 'port', 'dbname', 'sslmode'] as const;

/** Options of the model catalogue (PostgreSQL) concern (seed 004, "PostgreSQL for Model Catalogue"). */
export interface ModelCatalogueOptions {
  /**
   * Secret in the Seldon system namespace with the PostgreSQL connection: keys `user`, `password`, `host`, `port`,
   * `dbname`, `sslmode`. PostgreSQL itself is outside the Seldon stack: point it at a managed instance.
   * @default "metadata-postgres"
   */
  readonly secretName?: string;
  /** Where the secret comes from. @default the platform's secrets setting */
  readonly source?: SecretSource;
  /**
   * Render a small single-replica PostgreSQL (Deployment, Service and PVC named `metadata`) in the Seldon system
   * namespace, like the seed's `oc new-app postgresql-persistent`. It is NOT for production (no replication, no
   * backups; the seed calls it development-only). It reads its user, password and database from the same secret, whose
   * `host` must then be `metadata.<system namespace>.svc.cluster.local` and `port` 5432.
   * @default false
   */
  readonly trialInstance?: boolean;
  /** Size of the trial instance's volume. @default "1Gi" (the postgresql-persistent template's VOLUME_CAPACITY) */
  readonly trialStorage?: string;
  /** StorageClass of the trial instance's volume. @default the cluster's default StorageClass */
  readonly trialStorageClass?: string;
}

/** How a PostgreSQL image is configured: its env names, data directory and user. */
interface PostgresImage {
  readonly image: string;
  /** Env var → key of the catalogue secret. */
  readonly credentialEnv: Readonly<Record<string, (typeof CATALOGUE_SECRET_KEYS)[number]>>;
  readonly extraEnv: Readonly<Record<string, string>>;
  readonly mountPath: string;
  /** The image's non-root uid/gid; unset on OpenShift, whose restricted SCC assigns one. */
  readonly uid?: number;
}

/**
 * OpenShift: Red Hat's image, the one behind the seed's template (arbitrary uid). Kubernetes: the community image,
 * run as its `postgres` user (999) with the data in a subdirectory of the volume.
 */
const POSTGRES_IMAGES: Readonly<Record<Platform, PostgresImage>> = {
  openshift: {
    image: IMAGES.postgres,
    credentialEnv: { POSTGRESQL_USER: 'user', POSTGRESQL_PASSWORD: 'password', POSTGRESQL_DATABASE: 'dbname' },
    extraEnv: {},
    mountPath: '/var/lib/pgsql/data',
  },
  kubernetes: {
    image: IMAGES.postgresCommunity,
    credentialEnv: { POSTGRES_USER: 'user', POSTGRES_PASSWORD: 'password', POSTGRES_DB: 'dbname' },
    extraEnv: { PGDATA: '/var/lib/postgresql/data/pgdata' },
    mountPath: '/var/lib/postgresql/data',
    uid: 999,
  },
};

const TRIAL_NAME = 'metadata';
const TRIAL_LABELS = { 'app.kubernetes.io/name': 'postgresql', 'app.kubernetes.io/instance': TRIAL_NAME };
const NOT_FOR_PRODUCTION = {
  'seldon-platform/not-for-production': 'trial PostgreSQL for the model catalogue: one replica, no backups; use a managed PostgreSQL in production',
};

/**
 * The Seldon Deploy model catalogue's PostgreSQL connection: the `metadata-postgres` secret reference, and optionally
 * a trial PostgreSQL instance.
 */
export class ModelCatalogue extends Construct implements Concern {
  /** The connection secret Seldon Deploy reads (`metadata.pg.secret`). */
  public readonly secretName: string;

  constructor(scope: Construct, id: string, ctx: PlatformContext, options: ModelCatalogueOptions) {
    super(scope, id);
    const secret = ctx.secret(this, 'Connection', {
      name: options.secretName ?? 'metadata-postgres',
      namespace: ctx.namespaces.system,
      keys: CATALOGUE_SECRET_KEYS,
      purpose: 'PostgreSQL connection of the Seldon Deploy model catalogue (user, password, host, port, dbname, sslmode)',
      component: COMPONENT,
      source: options.source,
    });
    this.secretName = secret.name;
    if (options.trialInstance) new TrialPostgres(this, 'Trial', { namespace: ctx.namespaces.system, image: POSTGRES_IMAGES[ctx.platform], secret, options });
  }
}

interface TrialPostgresProps {
  readonly namespace: string;
  readonly image: PostgresImage;
  readonly secret: SecretReference;
  readonly options: ModelCatalogueOptions;
}

/** The trial instance: PVC, single-replica Deployment (Recreate, like the template's DeploymentConfig) and Service. */
class TrialPostgres extends Construct {
  constructor(scope: Construct, id: string, props: TrialPostgresProps) {
    super(scope, id);
    const metadata = { name: TRIAL_NAME, namespace: props.namespace, labels: { ...standardLabels(COMPONENT), ...TRIAL_LABELS }, annotations: NOT_FOR_PRODUCTION };
    new k8s.KubePersistentVolumeClaim(this, 'Data', {
      metadata,
      spec: {
        accessModes: ['ReadWriteOnce'],
        resources: { requests: { storage: k8s.Quantity.fromString(props.options.trialStorage ?? '1Gi') } },
        ...(props.options.trialStorageClass ? { storageClassName: props.options.trialStorageClass } : {}),
      },
    });
    new k8s.KubeDeployment(this, 'Deployment', {
      metadata,
      spec: {
        replicas: 1,
        strategy: { type: 'Recreate' },
        selector: { matchLabels: TRIAL_LABELS },
        template: { metadata: { labels: TRIAL_LABELS, annotations: NOT_FOR_PRODUCTION }, spec: podSpec(props.image, props.secret) },
      },
    });
    new k8s.KubeService(this, 'Service', {
      metadata,
      spec: { selector: TRIAL_LABELS, ports: [{ name: 'postgresql', port: 5432, targetPort: k8s.IntOrString.fromString('postgresql') }] },
    });
  }
}

function podSpec(image: PostgresImage, secret: SecretReference): k8s.PodSpec {
  const ids = image.uid === undefined ? {} : { runAsUser: image.uid, runAsGroup: image.uid, fsGroup: image.uid };
  const credentials = Object.entries(image.credentialEnv).map(([name, key]) => ({ name, valueFrom: { secretKeyRef: { name: secret.name, key } } }));
  const probe = (initialDelaySeconds: number): k8s.Probe => ({ exec: { command: ['pg_isready', '-h', '127.0.0.1', '-p', '5432'] }, initialDelaySeconds, periodSeconds: 10 });
  return {
    securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' }, ...ids },
    containers: [
      {
        name: 'postgresql',
        image: image.image,
        ports: [{ name: 'postgresql', containerPort: 5432 }],
        env: [...credentials, ...Object.entries(image.extraEnv).map(([name, value]) => ({ name, value }))],
        volumeMounts: [{ name: 'data', mountPath: image.mountPath }],
        readinessProbe: probe(5),
        livenessProbe: probe(30),
        resources: {
          requests: { cpu: k8s.Quantity.fromString('100m'), memory: k8s.Quantity.fromString('256Mi') },
          limits: { memory: k8s.Quantity.fromString('512Mi') },
        },
        securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
      },
    ],
    volumes: [{ name: 'data', persistentVolumeClaim: { claimName: TRIAL_NAME } }],
  };
}


/** Validates the model catalogue (PostgreSQL) options. */
export function checkModelCatalogue(checks: Checks, options: ModelCatalogueOptions, config: PlatformConfig): void {
  if (options.secretName !== undefined) checks.dnsLabel('modelCatalogue.secretName', options.secretName);
  checkSecretSource(checks, 'modelCatalogue.source', options.source, config.secrets?.store);
  if (!options.trialInstance) {
    for (const field of ['trialStorage', 'trialStorageClass'] as const) {
      if (options[field] !== undefined) checks.fail(`modelCatalogue.${field}`, options[field], 'configures the trial instance, which is off', 'set modelCatalogue.trialInstance: true or remove it');
    }
    return;
  }
  if (options.trialStorage !== undefined) checks.expect(QUANTITY.test(options.trialStorage), 'modelCatalogue.trialStorage', options.trialStorage, 'is not a storage quantity', 'use a size such as "1Gi" or "10Gi"');
  if (options.trialStorageClass !== undefined) checks.expect(isDnsSubdomain(options.trialStorageClass), 'modelCatalogue.trialStorageClass', options.trialStorageClass, 'is not a StorageClass name', 'use the name of a StorageClass of the cluster (`kubectl get storageclass`)');
}
