/**
 * How Seldon's Kafka clients authenticate: one variant per mode the Core 2 security guide documents (seed 000, seed
 * 001, research §2.1), each resolved to the `security.kafka` Helm values of `seldon-core-v2-setup` and to the secrets
 * every Kafka client namespace needs.
 */
import { Checks } from '../lib/errors';

/** `KAFKA_SECURITY_PROTOCOL`. `SASL_PLAINTEXT` is not supported by Core 2 (`components/tls/pkg/config/auth.go`). */
export type KafkaProtocol = 'PLAINTEXT' | 'SSL' | 'SASL_SSL';
export const KAFKA_PROTOCOLS: readonly KafkaProtocol[] = ['PLAINTEXT', 'SSL', 'SASL_SSL'];

/** `KAFKA_SASL_MECHANISM`: the mechanisms Core 2 implements. */
export type SaslMechanism = 'PLAIN' | 'SCRAM-SHA-256' | 'SCRAM-SHA-512' | 'OAUTHBEARER';
export const SASL_MECHANISMS: readonly SaslMechanism[] = ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512', 'OAUTHBEARER'];

/** The keys Core 2's OAuth loader requires, all six even when empty (`components/tls/pkg/config/oauth/k8s_secret.go`). */
export const OAUTH_SECRET_KEYS = ['method', 'client_id', 'client_secret', 'token_endpoint_url', 'extensions', 'scope'] as const;

/**
 * Verifying that the broker certificate names the host connected to. Core 2 turns an empty
 * `endpointIdentificationAlgorithm` into `none` (PR #4916), which is what every upstream sample leaves: this platform
 * defaults to `https` (hostname verification), which managed brokers and Strimzi's bootstrap certificates satisfy.
 */
export type EndpointIdentification = 'https' | 'none';

/** How the client trusts the brokers (every TLS variant). */
export interface BrokerTrust {
  /**
   * Secret with the brokers' CA certificate as `ca.crt` (`security.kafka.ssl.client.brokerValidationSecret`). Omit it
   * when the brokers use a publicly trusted CA (AWS MSK, Confluent Cloud, Azure Event Hub): seed 001 "leave it empty
   * if your brokers use well known Certificate Authority".
   */
  readonly brokerCaSecret?: string;
  /** @default "https" */
  readonly endpointIdentification?: EndpointIdentification;
}

/** Strimzi in-cluster Kafka, mutual TLS: a `KafkaUser` of type `tls` (seed 000 "mTLS Strimzi example"). */
export interface StrimziMtls {
  readonly mode: 'strimzi-mtls';
  readonly endpointIdentification?: EndpointIdentification;
}

/** Strimzi in-cluster Kafka, SASL/SCRAM-SHA-512 over TLS: a `KafkaUser` of type `scram-sha-512` (seed 000). */
export interface StrimziScram {
  readonly mode: 'strimzi-scram-sha-512';
  readonly endpointIdentification?: EndpointIdentification;
}

/** AWS MSK, mutual TLS (seed 000 "mTLS AWS MSK"; sample `values-aws-msk-kafka-mtls.yaml.tmpl`). */
export interface MskMtls extends BrokerTrust {
  readonly mode: 'msk-mtls';
  /** Secret with the client certificate: `tls.key`, `tls.crt`, `ca.crt` (the sample's `aws-msk-client`). */
  readonly clientSecret: string;
}

/** AWS MSK, SASL/SCRAM over TLS (sample `values-aws-msk-kafka-sasl-scram.yaml.tmpl`). */
export interface MskScram extends BrokerTrust {
  readonly mode: 'msk-scram';
  /** The SCRAM user stored in AWS Secrets Manager. */
  readonly username: string;
  /** Secret with the user's password as `password` (the sample's `aws-msk-kafka-secret`). */
  readonly passwordSecret: string;
  /** MSK supports SCRAM-SHA-512 only. @default "SCRAM-SHA-512" */
  readonly mechanism?: 'SCRAM-SHA-512';
}

/** Confluent Cloud, SASL/PLAIN over TLS with an API key (sample `values-confluent-kafka-sasl.yaml.tmpl`). */
export interface ConfluentSaslPlain extends BrokerTrust {
  readonly mode: 'confluent-sasl-plain';
  /** The API key. */
  readonly username: string;
  /** Secret with the API secret as `password` (seed 001's `confluent-kafka-sasl`). */
  readonly passwordSecret: string;
}

/** Confluent Cloud, SASL/OAUTHBEARER with OIDC client credentials, new in Core 2.7 (sample `values-confluent-kafka-oauth.yaml.tmpl`). */
export interface ConfluentOauth extends BrokerTrust {
  readonly mode: 'confluent-oauth';
  /** Secret with `method`, `client_id`, `client_secret`, `token_endpoint_url`, `extensions`, `scope` (seed 001's `confluent-kafka-oauth`). */
  readonly oauthSecret: string;
  /**
   * The keys your secret (or secret-store entry) provides. Core 2 needs all six, even when `scope` is empty; a missing
   * key fails the gateways at start-up. The ExternalSecret (when a store is configured) maps exactly these keys.
   * @default the six keys
   */
  readonly oauthSecretKeys?: readonly string[];
}

/** Azure Event Hub's Kafka endpoint, SASL/PLAIN with the namespace connection string (sample `values-azure-event-hub-sasl.yaml.tmpl`). */
export interface EventHubSasl extends BrokerTrust {
  readonly mode: 'event-hub-sasl';
  /** Secret with the namespace-level connection string as `password` (seed 001's `azure-kafka-secret`). */
  readonly passwordSecret: string;
}

/** One-way TLS: encryption and broker verification, no client authentication (research #4870, PR #4916). */
export interface OneWayTls extends BrokerTrust {
  readonly mode: 'tls';
}

/** Plaintext: no encryption, no authentication. An explicit, visible opt-in for development clusters only. */
export interface Plaintext {
  readonly mode: 'plaintext';
}

/**
 * Any other Kafka, described by its raw protocol: e.g. SASL/SCRAM-SHA-256 on a self-managed cluster. The protocol is
 * `KAFKA_SECURITY_PROTOCOL`: `PLAINTEXT`, `SSL` or `SASL_SSL` (the reference doc's `PLAINTXT` is a typo; `SASL_PLAINTEXT`
 * is unsupported).
 */
export interface CustomKafkaSecurity extends BrokerTrust {
  readonly mode: 'custom';
  readonly protocol: KafkaProtocol;
  /** SASL settings, required with `SASL_SSL`. */
  readonly sasl?: { readonly mechanism: Exclude<SaslMechanism, 'OAUTHBEARER'>; readonly username: string; readonly passwordSecret: string };
  /** Secret with a client certificate (`tls.key`, `tls.crt`, `ca.crt`) for mutual TLS with `SSL`. */
  readonly clientSecret?: string;
}

/** Kafka client security: one variant per documented mode. */
export type KafkaSecurity =
  | StrimziMtls
  | StrimziScram
  | MskMtls
  | MskScram
  | ConfluentSaslPlain
  | ConfluentOauth
  | EventHubSasl
  | OneWayTls
  | Plaintext
  | CustomKafkaSecurity;

export type KafkaSecurityMode = KafkaSecurity['mode'];
export const KAFKA_SECURITY_MODES: readonly KafkaSecurityMode[] = [
  'strimzi-mtls',
  'strimzi-scram-sha-512',
  'msk-mtls',
  'msk-scram',
  'confluent-sasl-plain',
  'confluent-oauth',
  'event-hub-sasl',
  'tls',
  'plaintext',
  'custom',
];

/** A secret every Kafka client namespace needs. */
export interface KafkaClientSecret {
  readonly name: string;
  readonly keys: readonly string[];
  readonly purpose: string;
  /** True when Strimzi's User or Cluster Operator writes it (in the Kafka namespace only). */
  readonly strimziGenerated: boolean;
}

/** The `security.kafka` block of the `seldon-core-v2-setup` chart (research §1.1), as this platform renders it. */
export interface KafkaSecurityValues {
  readonly protocol: KafkaProtocol;
  readonly sasl?: {
    readonly mechanism: SaslMechanism;
    readonly client: { readonly username?: string; readonly secret: string; readonly passwordPath?: string };
  };
  readonly ssl?: {
    readonly client: {
      readonly secret: string;
      readonly brokerValidationSecret: string;
      readonly keyPath?: string;
      readonly crtPath?: string;
      readonly caPath?: string;
      readonly brokerCaPath?: string;
      readonly endpointIdentificationAlgorithm: string;
    };
  };
}

/** A security mode resolved against the Strimzi names: what the clients, the listener and the KafkaUser need. */
export interface ResolvedKafkaSecurity {
  readonly protocol: KafkaProtocol;
  readonly values: KafkaSecurityValues;
  readonly secrets: readonly KafkaClientSecret[];
  /** Strimzi: authentication of the TLS listener and of the KafkaUser; undefined for no client authentication. */
  readonly strimziAuthentication?: 'tls' | 'scram-sha-512';
  readonly saslUsername?: string;
  readonly saslMechanism?: SaslMechanism;
}

/** Names Strimzi gives the secrets it writes for a cluster and a user. */
export interface StrimziNames {
  /** The `KafkaUser` (and its secret). */
  readonly user: string;
  /** `<cluster>-cluster-ca-cert`: the cluster CA (`ca.crt`). */
  readonly clusterCaSecret: string;
}

const CLIENT_DIR = '/tmp/certs/kafka/client';
const BROKER_CA_PATH = '/tmp/certs/kafka/broker/ca.crt';
/** Core 2 reads the secret key named like the file (`filepath.Base`), so `password` means key `password`. */
const PASSWORD_PATH = 'password';

/** Resolves a security mode into Helm values and the secrets its clients need. */
export function resolveKafkaSecurity(security: KafkaSecurity, strimzi: StrimziNames): ResolvedKafkaSecurity {
  switch (security.mode) {
    case 'strimzi-mtls':
      return {
        protocol: 'SSL',
        strimziAuthentication: 'tls',
        // Strimzi's user secret holds user.key/user.crt/ca.crt (sample values-strimzi-kafka-mtls.yaml).
        values: sslValues({ clientSecret: strimzi.user, keyFile: 'user.key', crtFile: 'user.crt', brokerCaSecret: strimzi.clusterCaSecret, endpointIdentification: security.endpointIdentification }),
        secrets: [strimziUserSecret(strimzi.user, ['user.crt', 'user.key', 'ca.crt']), strimziCaSecret(strimzi.clusterCaSecret)],
      };
    case 'strimzi-scram-sha-512':
      return saslResolution({
        mechanism: 'SCRAM-SHA-512',
        username: strimzi.user,
        passwordSecret: strimziUserSecret(strimzi.user, ['password']),
        trust: { brokerCaSecret: strimzi.clusterCaSecret, endpointIdentification: security.endpointIdentification },
        brokerCa: strimziCaSecret(strimzi.clusterCaSecret),
        strimziAuthentication: 'scram-sha-512',
      });
    case 'msk-mtls':
      return {
        protocol: 'SSL',
        values: sslValues({ clientSecret: security.clientSecret, keyFile: 'tls.key', crtFile: 'tls.crt', brokerCaSecret: security.brokerCaSecret, endpointIdentification: security.endpointIdentification }),
        secrets: [
          { name: security.clientSecret, keys: ['tls.key', 'tls.crt', 'ca.crt'], purpose: 'Kafka client certificate (AWS MSK mutual TLS)', strimziGenerated: false },
          ...brokerCaSecrets(security),
        ],
      };
    case 'msk-scram':
      return managedSasl(security, security.mechanism ?? 'SCRAM-SHA-512', security.username, 'AWS MSK SASL/SCRAM password');
    case 'confluent-sasl-plain':
      return managedSasl(security, 'PLAIN', security.username, 'Confluent Cloud API secret');
    case 'event-hub-sasl':
      // The username is the literal `$ConnectionString`, not a variable (seed 000, seed 001).
      return managedSasl(security, 'PLAIN', '$ConnectionString', 'Azure Event Hub namespace connection string');
    case 'confluent-oauth':
      return {
        protocol: 'SASL_SSL',
        saslMechanism: 'OAUTHBEARER',
        values: {
          protocol: 'SASL_SSL',
          sasl: { mechanism: 'OAUTHBEARER', client: { secret: security.oauthSecret } },
          ssl: sslValues({ clientSecret: '', brokerCaSecret: security.brokerCaSecret, endpointIdentification: security.endpointIdentification }).ssl,
        },
        secrets: [
          { name: security.oauthSecret, keys: [...(security.oauthSecretKeys ?? OAUTH_SECRET_KEYS)], purpose: 'Kafka OAuth client credentials (Confluent Cloud)', strimziGenerated: false },
          ...brokerCaSecrets(security),
        ],
      };
    case 'tls':
      return {
        protocol: 'SSL',
        values: sslValues({ clientSecret: '', brokerCaSecret: security.brokerCaSecret, endpointIdentification: security.endpointIdentification }),
        secrets: brokerCaSecrets(security),
      };
    case 'plaintext':
      return { protocol: 'PLAINTEXT', values: { protocol: 'PLAINTEXT' }, secrets: [] };
    case 'custom':
      return resolveCustom(security);
  }
}

function resolveCustom(security: CustomKafkaSecurity): ResolvedKafkaSecurity {
  if (security.protocol === 'PLAINTEXT') return { protocol: 'PLAINTEXT', values: { protocol: 'PLAINTEXT' }, secrets: [] };
  if (security.protocol === 'SASL_SSL' && security.sasl) {
    return managedSasl({ ...security, passwordSecret: security.sasl.passwordSecret }, security.sasl.mechanism, security.sasl.username, 'Kafka SASL password');
  }
  const client = security.clientSecret ?? '';
  return {
    protocol: 'SSL',
    values: sslValues({ clientSecret: client, keyFile: 'tls.key', crtFile: 'tls.crt', brokerCaSecret: security.brokerCaSecret, endpointIdentification: security.endpointIdentification }),
    secrets: [
      ...(client ? [{ name: client, keys: ['tls.key', 'tls.crt', 'ca.crt'], purpose: 'Kafka client certificate (mutual TLS)', strimziGenerated: false }] : []),
      ...brokerCaSecrets(security),
    ],
  };
}

function managedSasl(security: BrokerTrust & { passwordSecret: string }, mechanism: SaslMechanism, username: string, purpose: string): ResolvedKafkaSecurity {
  return saslResolution({
    mechanism,
    username,
    passwordSecret: { name: security.passwordSecret, keys: ['password'], purpose, strimziGenerated: false },
    trust: security,
    brokerCa: brokerCaSecrets(security)[0],
  });
}

function saslResolution(p: {
  mechanism: SaslMechanism;
  username: string;
  passwordSecret: KafkaClientSecret;
  trust: BrokerTrust;
  brokerCa?: KafkaClientSecret;
  strimziAuthentication?: 'scram-sha-512';
}): ResolvedKafkaSecurity {
  return {
    protocol: 'SASL_SSL',
    saslMechanism: p.mechanism,
    saslUsername: p.username,
    strimziAuthentication: p.strimziAuthentication,
    values: {
      protocol: 'SASL_SSL',
      sasl: { mechanism: p.mechanism, client: { username: p.username, secret: p.passwordSecret.name, passwordPath: PASSWORD_PATH } },
      ssl: sslValues({ clientSecret: '', brokerCaSecret: p.trust.brokerCaSecret, endpointIdentification: p.trust.endpointIdentification }).ssl,
    },
    secrets: [p.passwordSecret, ...(p.brokerCa ? [p.brokerCa] : [])],
  };
}

/**
 * The `security.kafka.ssl` values. The chart turns the paths into `KAFKA_CLIENT_TLS_{KEY,CRT,CA}_LOCATION`; the
 * upstream reference page calls them `KAFKA_CLIENT_SERVER_TLS_*_LOCATION`, which no component reads.
 */
function sslValues(p: { clientSecret: string; keyFile?: string; crtFile?: string; brokerCaSecret?: string; endpointIdentification?: EndpointIdentification }): KafkaSecurityValues {
  const files = p.clientSecret && p.keyFile && p.crtFile ? { keyPath: `${CLIENT_DIR}/${p.keyFile}`, crtPath: `${CLIENT_DIR}/${p.crtFile}`, caPath: `${CLIENT_DIR}/ca.crt` } : {};
  return {
    protocol: 'SSL',
    ssl: {
      client: {
        secret: p.clientSecret,
        brokerValidationSecret: p.brokerCaSecret ?? '',
        ...files,
        ...(p.brokerCaSecret ? { brokerCaPath: BROKER_CA_PATH } : {}),
        endpointIdentificationAlgorithm: (p.endpointIdentification ?? 'https') === 'https' ? 'https' : '',
      },
    },
  };
}

function brokerCaSecrets(trust: BrokerTrust): KafkaClientSecret[] {
  return trust.brokerCaSecret ? [{ name: trust.brokerCaSecret, keys: ['ca.crt'], purpose: 'CA of the Kafka brokers', strimziGenerated: false }] : [];
}

function strimziUserSecret(name: string, keys: string[]): KafkaClientSecret {
  return { name, keys, purpose: `Kafka credentials of the Strimzi KafkaUser ${name}`, strimziGenerated: true };
}

function strimziCaSecret(name: string): KafkaClientSecret {
  return { name, keys: ['ca.crt'], purpose: 'Strimzi cluster CA (broker validation)', strimziGenerated: true };
}

/** The provider each mode belongs to (`any` for the generic ones). */
export const MODE_PROVIDER: Readonly<Record<KafkaSecurityMode, string>> = {
  'strimzi-mtls': 'strimzi',
  'strimzi-scram-sha-512': 'strimzi',
  'msk-mtls': 'aws-msk',
  'msk-scram': 'aws-msk',
  'confluent-sasl-plain': 'confluent-cloud',
  'confluent-oauth': 'confluent-cloud',
  'event-hub-sasl': 'azure-event-hub',
  tls: 'any',
  plaintext: 'any',
  custom: 'any',
};

/** Validates a security mode on its own (the provider pairing is checked in kafka.ts). */
export function checkKafkaSecurity(checks: Checks, path: string, security: KafkaSecurity): void {
  if (!checks.oneOf(`${path}.mode`, security.mode, KAFKA_SECURITY_MODES)) return;
  if ('endpointIdentification' in security && security.endpointIdentification !== undefined) {
    checks.oneOf(`${path}.endpointIdentification`, security.endpointIdentification, ['https', 'none'] as const);
  }
  if ('brokerCaSecret' in security && security.brokerCaSecret !== undefined) secretName(checks, `${path}.brokerCaSecret`, security.brokerCaSecret, 'the secret holding the brokers\' CA as ca.crt');
  switch (security.mode) {
    case 'msk-mtls':
      secretName(checks, `${path}.clientSecret`, security.clientSecret, 'the secret with tls.key, tls.crt and ca.crt, e.g. "aws-msk-client"');
      break;
    case 'msk-scram':
    case 'confluent-sasl-plain':
      checks.nonEmpty(`${path}.username`, security.username, security.mode === 'msk-scram' ? 'set the SCRAM user stored in AWS Secrets Manager' : 'set the Confluent Cloud API key');
      saslPassword(checks, path, security.passwordSecret);
      if (security.mode === 'msk-scram' && security.mechanism !== undefined) checks.oneOf(`${path}.mechanism`, security.mechanism, ['SCRAM-SHA-512'] as const, 'AWS MSK supports SCRAM-SHA-512 only');
      break;
    case 'event-hub-sasl':
      saslPassword(checks, path, security.passwordSecret);
      break;
    case 'confluent-oauth':
      checkOauth(checks, path, security);
      break;
    case 'custom':
      checkCustom(checks, path, security);
      break;
    default:
      break;
  }
}

function checkOauth(checks: Checks, path: string, security: ConfluentOauth): void {
  secretName(checks, `${path}.oauthSecret`, security.oauthSecret, 'name the secret with the six OAuth keys, e.g. "confluent-kafka-oauth"');
  if (security.oauthSecretKeys === undefined) return;
  const missing = OAUTH_SECRET_KEYS.filter((k) => !security.oauthSecretKeys?.includes(k));
  checks.expect(
    missing.length === 0,
    `${path}.oauthSecretKeys`,
    security.oauthSecretKeys,
    `lacks ${missing.join(', ')}: Core 2's OAuth loader requires all of ${OAUTH_SECRET_KEYS.join(', ')} and the gateways fail at start-up without them`,
    `add ${missing.map((k) => `"${k}"`).join(', ')} to the secret (an empty value is fine, e.g. scope: "" unless Azure AD needs api://<client id>/.default) and to oauthSecretKeys`,
  );
}

function checkCustom(checks: Checks, path: string, security: CustomKafkaSecurity): void {
  const protocol: unknown = security.protocol;
  if (typeof protocol === 'string' && protocol.toUpperCase() === 'SASL_PLAINTEXT') {
    checks.fail(
      `${path}.protocol`,
      protocol,
      'is not supported by Seldon Core 2 (only PLAINTEXT, SSL and SASL_SSL; components/tls/pkg/config/auth.go), and would send SASL credentials unencrypted',
      'use SASL_SSL (SASL over TLS) with the broker\'s TLS listener',
    );
    return;
  }
  if (!checks.oneOf(`${path}.protocol`, protocol, KAFKA_PROTOCOLS, 'KAFKA_SECURITY_PROTOCOL; the reference doc\'s "PLAINTXT" is a typo the code does not accept')) return;
  if (security.protocol === 'SASL_SSL') {
    if (!security.sasl) {
      checks.fail(`${path}.sasl`, security.sasl, 'is required with protocol SASL_SSL', 'set sasl: { mechanism: "SCRAM-SHA-512", username: "...", passwordSecret: "..." }');
      return;
    }
    checks.oneOf(`${path}.sasl.mechanism`, security.sasl.mechanism, ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'] as const, 'OAUTHBEARER is the confluent-oauth mode');
    checks.nonEmpty(`${path}.sasl.username`, security.sasl.username, 'set the SASL username');
    saslPassword(checks, `${path}.sasl`, security.sasl.passwordSecret);
  } else if (security.sasl) {
    checks.fail(`${path}.sasl`, security.sasl, `is only used with protocol SASL_SSL, not ${security.protocol}`, 'remove sasl, or set protocol: "SASL_SSL"');
  }
  if (security.clientSecret !== undefined) {
    if (security.protocol === 'SSL') secretName(checks, `${path}.clientSecret`, security.clientSecret, 'the secret with tls.key, tls.crt and ca.crt');
    else checks.fail(`${path}.clientSecret`, security.clientSecret, `a client certificate is only used with protocol SSL (mutual TLS), not ${security.protocol}`, 'remove clientSecret, or set protocol: "SSL"');
  }
}

function saslPassword(checks: Checks, path: string, value: unknown): void {
  checks.expect(
    typeof value === 'string' && value.trim().length > 0,
    `${path}.passwordSecret`,
    value,
    'SASL needs a secret holding the password (key "password"): without it the gateways start with an empty password and every Kafka connection fails authentication',
    'create the secret in seldon-logs and every Core 2 namespace (or fetch it with an ExternalSecret) and name it here, e.g. passwordSecret: "kafka-sasl-secret"',
  );
  if (typeof value === 'string' && value.trim().length > 0) secretName(checks, `${path}.passwordSecret`, value, 'a Kubernetes secret name');
}

function secretName(checks: Checks, path: string, value: unknown, what: string): void {
  checks.expect(
    typeof value === 'string' && /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(value) && value.length <= 253,
    path,
    value,
    'is not a Kubernetes secret name (lower-case DNS subdomain)',
    `set ${what}`,
  );
}
