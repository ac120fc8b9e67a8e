import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { ClusterLogging, ClusterLoggingSpecManagementState } from '../../imports/logging5-clusterlogging-logging.openshift.io';
import * as logging5 from '../../imports/logging5-forwarder-logging.openshift.io';
import * as logging6 from '../../imports/logging6-forwarder-observability.openshift.io';
import type { PlatformConfig } from '../config';
import { setSyncWave, Wave } from '../lib/argo';
import { Concern, ModelNamespaceContext, PlatformContext } from '../lib/concern';
import { Checks } from '../lib/errors';
import { namespaceSelector, standardLabels } from '../lib/names';
import { OperatorInstall } from '../lib/operator';
import { stringRegistry } from '../lib/registry';
import { checkSecretSource, SecretSource } from '../lib/secrets';
import { OLM, OpenShiftLine } from '../versions';
import { loggingPackage, openshiftLine } from '../lib/openshift-matrix';
import type { ElasticsearchEndpoint } from './elasticsearch';
import { HTTP_URL } from '../lib/formats';

const COMPONENT = 'logging';

/** The namespace of OpenShift Logging: the ClusterLogging and ClusterLogForwarder `instance` live here. */
const LOGGING_NAMESPACE = OLM.logging.namespace;

/** Options of the container logging concern (OpenShift only; on Kubernetes leave `logging` out or set it to false). */
export interface LoggingOptions {
  /**
   * The OpenShift Logging major version. 5 is the seed's API: ClusterLogging plus a `logging.openshift.io/v1`
   * ClusterLogForwarder, channel `stable-5.9`. Logging 5.x ends at 5.9, published for OpenShift 4.13–4.16; 6 has
   * `stable-6.N` channels (the version matrix in src/versions.ts picks the newest one published for the cluster's
   * OpenShift minor), only an `observability.openshift.io/v1` ClusterLogForwarder (always vector, no
   * ClusterLogging), whose collector runs as the ServiceAccount `seldon-log-collector` bound to the operator's
   * ClusterRole `collect-application-logs`. A major the matrix does not list for the cluster is refused.
   * @default the version matrix's default for `openshiftVersion`: 5 on 4.14, 6 on 4.16 and later
   */
  readonly version?: 5 | 6;
  /**
   * The log collector (Logging 5 only: Logging 6 always runs vector, and setting this with version 6 is rejected). The
   * seed's fluentd is deprecated in Logging 5.x and removed in 6; `vector` is its replacement and forwards to the same
   * output.
   * @default "fluentd"
   */
  readonly collector?: 'fluentd' | 'vector';
  /**
   * The Elasticsearch index (Logging 6 only, which requires one; Logging 5 picks it). The default is the index
   * Logging 5 writes application logs to, which Seldon Deploy reads (`elasticIndexPattern`). Static text or the
   * forwarder's template syntax, e.g. `app-{.kubernetes.namespace_name||"none"}`.
   * @default "app-write"
   */
  readonly index?: string;
  /**
   * Collect only from the model namespaces (the forwarder input lists them; each `addModelNamespace` adds one, seed
   * appendix step 4) instead of from every namespace with Seldon pods.
   * @default false
   */
  readonly namespaceScoped?: boolean;
  /** Labels of the pods whose logs are forwarded. @default { "app.kubernetes.io/managed-by": "seldon-core" } */
  readonly podSelector?: Readonly<Record<string, string>>;
  /** Elasticsearch to forward to. @default the platform's Elasticsearch (`https://elasticsearch-seldon-es-http.seldon-logs:9200`) */
  readonly url?: string;
  /** Major version of that Elasticsearch (the forwarder's protocol). @default the platform's Elasticsearch major version, else 7 */
  readonly elasticsearchVersion?: 6 | 7 | 8;
  /** Where the forwarder's `seldon-elasticsearch` secret comes from. @default the platform's secret source */
  readonly secretSource?: SecretSource;
}

const DEFAULT_POD_SELECTOR = { 'app.kubernetes.io/managed-by': 'seldon-core' };
const INPUT = 'seldon-pods';
const OUTPUT = 'seldon-elasticsearch';
const PIPELINE = 'seldon-container-logs';
const DEFAULT_INDEX = 'app-write';
/** Logging 6: the ServiceAccount the collector runs as (`ClusterLogForwarder.spec.serviceAccount.name`). */
const COLLECTOR_ACCOUNT = 'seldon-log-collector';
/** Logging 6: the operator bundle's ClusterRole that lets a collector read application container logs. */
const COLLECT_APPLICATION_LOGS = 'collect-application-logs';
/**
 * Logging 6 `elasticsearch.index`: static characters and `{.field||"fallback"}` templates. The CRD's pattern, with its
 * nested `(…*…*)*` flattened so that a bad value fails fast.
 */
const INDEX_PATTERN = /^(?:[-a-zA-Z0-9_./]|\{(?:\.[a-zA-Z0-9_]+|\."[^"]+")+(?:\|\|(?:\.[a-zA-Z0-9_]+|\.?"[^"]+")+)*\|\|"[^"]*"\})+$/;

/** What both Logging APIs forward, and where to. */
interface Forwarding {
  readonly labels: Record<string, string>;
  readonly podSelector: Record<string, string>;
  readonly namespaceScoped: boolean;
  readonly url: string;
  readonly elasticsearchVersion: number;
  /** The secret with `username`, `password` and `ca-bundle.crt` in openshift-logging. */
  readonly secretName: string;
}

/**
 * Container logs of Seldon's pods, forwarded to Elasticsearch (seed 004 "Container Logs Forwarding"). OpenShift only:
 * on Kubernetes the concern renders nothing by default, and configuring it is rejected (see checkLogging). On OpenShift:
 * the Logging operator (own namespace openshift-logging), the `seldon-elasticsearch` secret, a ClusterLogForwarder
 * `instance` (input `seldon-pods`, output `seldon-elasticsearch`, pipeline `seldon-container-logs`), and the
 * NetworkPolicy `seldon-container-logs` admitting the collector into seldon-logs.
 *
 * Logging 5 (the default, the seed's API): channel stable-5.9, the ClusterLogging `instance` with a collector and no
 * internal log store, and a `logging.openshift.io/v1` forwarder. Logging 6 (`version: 6`): channel stable-6.6, no
 * ClusterLogging, an `observability.openshift.io/v1` forwarder whose collector runs as the ServiceAccount
 * `seldon-log-collector`, bound to `collect-application-logs` (the only input is application logs).
 */
export class Logging extends Construct implements Concern {
  private readonly namespaces = stringRegistry();

  /** @param elasticsearch the platform's Elasticsearch, when enabled (the default destination). */
  constructor(scope: Construct, id: string, ctx: PlatformContext, options: LoggingOptions, elasticsearch?: ElasticsearchEndpoint) {
    super(scope, id);
    if (ctx.platform !== 'openshift') return;
    const url = options.url ?? elasticsearch?.url;
    if (!url) throw new Error(`${this.node.path}: logging needs logging.url or the elasticsearch component (validated earlier)`);
    const labels = standardLabels(COMPONENT);
    const version = loggingVersion(options, ctx.openshift);

    new OperatorInstall(this, 'Operator', {
      platform: 'openshift',
      olm: loggingPackage(ctx.openshift, version),
      target: ctx.target,
      component: COMPONENT,
      namespaceLabels: { 'openshift.io/cluster-monitoring': 'true' },
    });
    const secret = ctx.secret(this, 'Secret', {
      name: OUTPUT,
      namespace: LOGGING_NAMESPACE,
      keys: ['username', 'password', 'ca-bundle.crt'],
      purpose: 'The log collector\'s Elasticsearch login: username "elastic", the password from key "elastic" of elasticsearch-seldon-es-elastic-user, and ca-bundle.crt from key "tls.crt" of elasticsearch-seldon-es-http-certs-public (both in seldon-logs, created by ECK)',
      component: COMPONENT,
      source: options.secretSource,
    });
    const forwarding: Forwarding = {
      labels,
      podSelector: { ...(options.podSelector ?? DEFAULT_POD_SELECTOR) },
      namespaceScoped: options.namespaceScoped ?? false,
      url,
      elasticsearchVersion: options.elasticsearchVersion ?? majorVersion(elasticsearch?.version),
      secretName: secret.name,
    };
    if (version === 6) this.renderLogging6(forwarding, options.index ?? DEFAULT_INDEX);
    else this.renderLogging5(forwarding, options.collector ?? 'fluentd');
    if (options.url === undefined && elasticsearch) {
      new k8s.KubeNetworkPolicy(this, 'ContainerLogs', {
        metadata: { name: PIPELINE, namespace: ctx.namespaces.logs, labels },
        spec: { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: namespaceSelector(LOGGING_NAMESPACE) }] }] },
      });
    }
  }

  /** With `namespaceScoped`, the forwarder also collects from this namespace (seed appendix step 4). */
  public addModelNamespace(ns: ModelNamespaceContext): void {
    this.namespaces.add(ns.name);
  }

  /** Logging 5 (the seed's objects): ClusterLogging with the collector, and the `logging.openshift.io/v1` forwarder. */
  private renderLogging5(f: Forwarding, collector: 'fluentd' | 'vector'): void {
    new ClusterLogging(this, 'ClusterLogging', {
      metadata: { name: 'instance', namespace: LOGGING_NAMESPACE, labels: f.labels },
      // The seed's `collection.logs.type` is deprecated; `collection.type` is the same setting.
      spec: { collection: { type: collector }, managementState: ClusterLoggingSpecManagementState.MANAGED },
    });
    new logging5.ClusterLogForwarder(this, 'Forwarder', {
      metadata: { name: 'instance', namespace: LOGGING_NAMESPACE, labels: f.labels },
      spec: {
        inputs: [{ name: INPUT, application: { selector: { matchLabels: f.podSelector }, namespaces: this.scopedTo(f.namespaceScoped, (names) => names) } }],
        outputs: [
          {
            name: OUTPUT,
            type: logging5.ClusterLogForwarderSpecOutputsType.ELASTICSEARCH,
            url: f.url,
            secret: { name: f.secretName },
            elasticsearch: { version: f.elasticsearchVersion },
          },
        ],
        pipelines: [{ name: PIPELINE, inputRefs: [INPUT], outputRefs: [OUTPUT] }],
      },
    });
  }

  /**
   * Logging 6: the collector's ServiceAccount and its binding to `collect-application-logs`, and the
   * `observability.openshift.io/v1` forwarder, which names its Elasticsearch login and CA by secret key.
   */
  private renderLogging6(f: Forwarding, index: string): void {
    new k8s.KubeServiceAccount(this, 'CollectorAccount', { metadata: { name: COLLECTOR_ACCOUNT, namespace: LOGGING_NAMESPACE, labels: f.labels } });
    const binding = new k8s.KubeClusterRoleBinding(this, 'CollectApplicationLogs', {
      metadata: { name: `${COLLECTOR_ACCOUNT}-${COLLECT_APPLICATION_LOGS}`, labels: f.labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: COLLECT_APPLICATION_LOGS },
      subjects: [{ kind: 'ServiceAccount', name: COLLECTOR_ACCOUNT, namespace: LOGGING_NAMESPACE }],
    });
    // The operator's bundle creates the ClusterRole: bind it after the Subscription, with the forwarder (creating a
    // binding to a role that does not exist yet fails the API server's escalation check unless Argo CD may escalate).
    setSyncWave(binding, Wave.INSTANCE_CONFIG);
    const secretKey = (key: string) => ({ secretName: f.secretName, key });
    new logging6.ClusterLogForwarder(this, 'Forwarder', {
      metadata: { name: 'instance', namespace: LOGGING_NAMESPACE, labels: f.labels },
      spec: {
        serviceAccount: { name: COLLECTOR_ACCOUNT },
        inputs: [
          {
            name: INPUT,
            type: logging6.ClusterLogForwarderSpecInputsType.APPLICATION,
            application: {
              selector: { matchLabels: f.podSelector },
              includes: this.scopedTo(f.namespaceScoped, (names) => names.map((namespace) => ({ namespace }))),
            },
          },
        ],
        outputs: [
          {
            name: OUTPUT,
            type: logging6.ClusterLogForwarderSpecOutputsType.ELASTICSEARCH,
            elasticsearch: {
              url: f.url,
              version: f.elasticsearchVersion,
              index,
              authentication: { username: secretKey('username'), password: secretKey('password') },
            },
            tls: { ca: secretKey('ca-bundle.crt') },
          },
        ],
        pipelines: [{ name: PIPELINE, inputRefs: [INPUT], outputRefs: [OUTPUT] }],
      },
    });
  }

  /**
   * With `namespaceScoped`, `render` of the model namespaces, resolved at synth (none yet: undefined, every namespace);
   * else undefined.
   */
  private scopedTo<T>(scoped: boolean, render: (names: string[]) => T): T | undefined {
    return scoped ? this.namespaces.lazy((names) => (names.length > 0 ? render(names) : undefined)) : undefined;
  }
}

function majorVersion(version: string | undefined): number {
  return version ? Number(version.split('.')[0]) : 7;
}

/** Validates the container logging options. */
export function checkLogging(checks: Checks, options: LoggingOptions, config: PlatformConfig): void {
  if (config.platform !== 'openshift') {
    // Left at its default, logging renders nothing on Kubernetes; asked for explicitly, it is an error rather than a
    // silent no-op.
    if (config.logging !== undefined) checks.fail('logging', options, 'is OpenShift Logging (ClusterLogging and ClusterLogForwarder), which plain Kubernetes does not have', 'set logging: false (or leave it out) and ship container logs with your own collector (e.g. fluent-bit) to the Elasticsearch endpoint');
    return;
  }
  checkVersionSettings(checks, options, openshiftLine(config.openshiftVersion));
  if (options.url !== undefined) {
    checks.expect(HTTP_URL.test(options.url), 'logging.url', options.url, 'is not an Elasticsearch URL', 'use e.g. "https://elasticsearch.example.com:9200"');
  } else if (config.elasticsearch === false) {
    checks.fail('logging.url', undefined, 'is required when the elasticsearch component is disabled: the forwarder has nowhere to send logs', 'set logging.url to your Elasticsearch, or enable elasticsearch');
  }
  if (options.elasticsearchVersion !== undefined) checks.integer('logging.elasticsearchVersion', options.elasticsearchVersion, 6, 8);
  for (const [key, value] of Object.entries(options.podSelector ?? {})) {
    checks.expect(key.length > 0 && typeof value === 'string', `logging.podSelector.${key}`, value, 'is not a label selector entry', 'use label: value pairs, e.g. { "app.kubernetes.io/managed-by": "seldon-core" }');
  }
  checkSecretSource(checks, 'logging.secretSource', options.secretSource, config.secrets?.store);
}

/** The Logging major: the configured one, else the version matrix's default for the cluster's OpenShift minor. */
function loggingVersion(options: LoggingOptions, line: OpenShiftLine | undefined): 5 | 6 {
  return options.version ?? line?.logging.default ?? 5;
}

/**
 * The Logging major version (one the version matrix lists for the cluster's OpenShift minor), and the settings that
 * belong to one of them: `collector` to 5, `index` to 6.
 */
function checkVersionSettings(checks: Checks, options: LoggingOptions, line: OpenShiftLine | undefined): void {
  const version = loggingVersion(options, line);
  const valid = checks.expect(version === 5 || version === 6, 'logging.version', options.version, 'is not an OpenShift Logging major version the platform renders (5 or 6)', 'use 5 (the seed\'s API, channel stable-5.9) or 6 (channel stable-6.N, for newer OpenShift releases)');
  if (valid && line && line.logging.channels[version] === undefined) {
    const other = version === 5 ? 6 : 5;
    checks.fail('logging.version', version, `OpenShift Logging ${version} does not install on OpenShift 4.${line.minor} (version matrix, src/versions.ts: Logging 5.9 is published for OpenShift 4.13–4.16)`, `set logging.version: ${other} (channel ${line.logging.channels[other]}), or remove it to get the matrix's default`);
  }
  if (options.collector !== undefined) {
    if (version === 6) checks.fail('logging.collector', options.collector, 'does not apply to Logging 6, which has no ClusterLogging and always collects with vector', 'remove logging.collector, or set logging.version: 5');
    else checks.oneOf('logging.collector', options.collector, ['fluentd', 'vector'] as const);
  }
  if (options.index !== undefined) {
    if (version !== 6) checks.fail('logging.index', options.index, 'is a Logging 6 setting: Logging 5 picks the index itself (app-write for application logs)', 'remove logging.index, or set logging.version: 6');
    else checks.expect(INDEX_PATTERN.test(options.index), 'logging.index', options.index, 'is not an Elasticsearch index the forwarder accepts (letters, digits, "-", "_", ".", "/" and {.field||"fallback"} templates)', 'use e.g. "app-write" or "app-{.kubernetes.namespace_name||\"none\"}"');
  }
}
