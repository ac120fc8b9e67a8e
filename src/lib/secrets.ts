import { Construct } from 'constructs';
import { ExternalSecret, ExternalSecretSpecSecretStoreRefKind, ExternalSecretSpecTargetCreationPolicy } from '../../imports/eso-externalsecret-external-secrets.io';
import { Checks } from './errors';
import { standardLabels } from './names';

/**
 * Where a secret the platform needs comes from. The platform never renders a secret value: either the secret is
 * created out of band under the expected name (`existing`), or an `ExternalSecret` (external-secrets.io) materialises
 * it from a configured secret store.
 */
export type SecretSource =
  | { readonly from: 'existing' }
  | {
      readonly from: 'external-secret';
      /** The key in the secret store (e.g. a Vault path). @default `<remoteKeyPrefix>/<namespace>/<name>` */
      readonly remoteKey?: string;
      /** The store, when it differs from the platform's default store. */
      readonly store?: SecretStoreRef;
    };

/** A (Cluster)SecretStore of the external-secrets operator. */
export interface SecretStoreRef {
  readonly kind: 'ClusterSecretStore' | 'SecretStore';
  readonly name: string;
}

/** Platform-wide secret settings. */
export interface SecretsConfig {
  /**
   * The default store. When set, every secret reference without its own source renders an ExternalSecret from it;
   * when unset, secrets are expected to exist (created out of band) and the overview lists them.
   */
  readonly store?: SecretStoreRef;
  /** Prefix of the remote keys derived for ExternalSecrets. @default "seldon" */
  readonly remoteKeyPrefix?: string;
  /** How often the external-secrets operator refreshes. @default "1h" */
  readonly refreshInterval?: string;
}

/** What a concern asks for: a secret with these keys, in this namespace. */
export interface SecretRequirement {
  readonly name: string;
  readonly namespace: string;
  /** The keys consumers read, e.g. `username`, `password`. */
  readonly keys: readonly string[];
  /** What the secret is for, shown in the overview and docs. */
  readonly purpose: string;
  /** Overrides the platform default. */
  readonly source?: SecretSource;
  /** `component` label of the rendered ExternalSecret. */
  readonly component: string;
  /**
   * Labels the materialised Secret must carry (e.g. `argocd.argoproj.io/secret-type: repository`), set through the
   * ExternalSecret's `spec.target.template.metadata.labels`. An existing secret must carry them itself.
   */
  readonly targetLabels?: Readonly<Record<string, string>>;
}

/** A secret the render depends on: its name for wiring, and whether an ExternalSecret provides it. */
export class SecretReference extends Construct {
  public readonly name: string;
  public readonly namespace: string;
  public readonly keys: readonly string[];
  public readonly purpose: string;
  /** True when an ExternalSecret renders it; false when it must be created out of band. */
  public readonly external: boolean;

  constructor(scope: Construct, id: string, requirement: SecretRequirement, config: SecretsConfig) {
    super(scope, id);
    this.name = requirement.name;
    this.namespace = requirement.namespace;
    this.keys = requirement.keys;
    this.purpose = requirement.purpose;
    const source = requirement.source ?? (config.store ? { from: 'external-secret' as const } : { from: 'existing' as const });
    this.external = source.from === 'external-secret';
    if (source.from === 'external-secret') {
      const store = source.store ?? config.store;
      if (!store) throw new Error(`secret ${requirement.namespace}/${requirement.name}: external-secret source needs a store (validated earlier)`);
      const remoteKey = source.remoteKey ?? `${config.remoteKeyPrefix ?? 'seldon'}/${requirement.namespace}/${requirement.name}`;
      new ExternalSecret(this, 'Resource', {
        metadata: { name: requirement.name, namespace: requirement.namespace, labels: standardLabels(requirement.component) },
        spec: {
          refreshInterval: config.refreshInterval ?? '1h',
          secretStoreRef: { kind: store.kind as ExternalSecretSpecSecretStoreRefKind, name: store.name },
          target: {
            name: requirement.name,
            creationPolicy: ExternalSecretSpecTargetCreationPolicy.OWNER,
            ...(requirement.targetLabels ? { template: { metadata: { labels: { ...requirement.targetLabels } } } } : {}),
          },
          data: requirement.keys.map((key) => ({ secretKey: key, remoteRef: { key: remoteKey, property: key } })),
        },
      });
    }
  }
}

const INLINE_VALUE_KEYS = ['value', 'data', 'stringData', 'password', 'token', 'key'];

/** Validates a secret source from configuration: known variants only, and never an inline value. */
export function checkSecretSource(checks: Checks, path: string, source: unknown, platformStore: SecretStoreRef | undefined): void {
  if (source === undefined) return;
  if (typeof source !== 'object' || source === null) {
    checks.fail(path, source, 'is not a secret source', 'use { from: "existing" } or { from: "external-secret", remoteKey?: "..." }');
    return;
  }
  const inline = INLINE_VALUE_KEYS.filter((k) => k in source);
  if (inline.length > 0) {
    checks.fail(`${path}.${inline[0]}`, '<redacted>', 'a secret value was given inline: secret values never go into Git or dist/', 'remove it; create the secret out of band ({ from: "existing" }) or fetch it with { from: "external-secret", remoteKey: "..." }');
    return;
  }
  const from = (source as { from?: unknown }).from;
  if (!checks.oneOf(`${path}.from`, from, ['existing', 'external-secret'] as const)) return;
  if (from === 'external-secret' && !(source as { store?: unknown }).store && !platformStore) {
    checks.fail(`${path}.from`, from, 'an ExternalSecret needs a secret store, and none is configured', 'set secrets.store (e.g. { kind: "ClusterSecretStore", name: "vault" }) or give this source a store');
  }
}
