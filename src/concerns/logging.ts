import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { ClusterLogging, ClusterLoggingSpecManagementState } from '../../imports/logging5-clusterlogging-logging.openshift.io';
import { ClusterLogForwarder, ClusterLogForwarderSpecOutputsType } from '../../imports/logging5-forwarder-logging.openshift.io';
import type { PlatformConfig } from '../config';
import { Concern, ModelNamespaceContext, PlatformContext } from '../lib/concern';
import { Checks } from '../lib/errors';
import { namespaceSelector, standardLabels } from '../lib/names';
import { OperatorInstall } from '../lib/operator';
import { stringRegistry } from '../lib/registry';
import { checkSecretSource, SecretSource } from '../lib/secrets';
import { OLM } from '../versions';
import type { ElasticsearchEndpoint } from './elasticsearch';

const COMPONENT = 'logging';

/** The namespace of OpenShift Logging: the ClusterLogging and ClusterLogForwarder `instance` live here. */
const LOGGING_NAMESPACE = OLM.logging.namespace;

/** Options of the container logging concern (OpenShift only; on Kubernetes leave `logging` out or set it to false). */
export interface LoggingOptions {
  /**
   * The log collector. The seed's fluentd is deprecated in Logging 5.x and removed in 6; `vector` is its replacement
   * and forwards to the same output.
   * @default "fluentd"
   */
  readonly collector?: 'fluentd' | 'vector';
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
const OUTPUT = 'seldon-elasticsearch';

/**
 * Container logs of Seldon's pods, forwarded to Elasticsearch (seed 004 "Container Logs Forwarding"). OpenShift only:
 * on Kubernetes the concern renders nothing by default, and configuring it is rejected (see checkLogging). On OpenShift:
 * the Logging operator (channel stable-5.9, own namespace openshift-logging), the ClusterLogging `instance` with a
 * collector and no internal log store, the `seldon-elasticsearch` secret, the ClusterLogForwarder `instance` (input
 * `seldon-pods`, output `seldon-elasticsearch`, pipeline `seldon-container-logs`), and the NetworkPolicy
 * `seldon-container-logs` admitting the collector into seldon-logs.
 *
 * Logging 5 is the seed's API (`logging.openshift.io/v1`). Logging 6 (`observability.openshift.io/v1`) drops
 * ClusterLogging and requires a forwarder service account bound to `collect-application-logs`; it is not rendered yet.
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

    new OperatorInstall(this, 'Operator', {
      platform: 'openshift',
      olm: OLM.logging,
      target: ctx.target,
      component: COMPONENT,
      namespaceLabels: { 'openshift.io/cluster-monitoring': 'true' },
    });
    new ClusterLogging(this, 'ClusterLogging', {
      metadata: { name: 'instance', namespace: LOGGING_NAMESPACE, labels },
      // The seed's `collection.logs.type` is deprecated; `collection.type` is the same setting.
      spec: { collection: { type: options.collector ?? 'fluentd' }, managementState: ClusterLoggingSpecManagementState.MANAGED },
    });
    const secret = ctx.secret(this, 'Secret', {
      name: OUTPUT,
      namespace: LOGGING_NAMESPACE,
      keys: ['username', 'password', 'ca-bundle.crt'],
      purpose: 'The log collector\'s Elasticsearch login: username "elastic", the password from key "elastic" of elasticsearch-seldon-es-elastic-user, and ca-bundle.crt from key "tls.crt" of elasticsearch-seldon-es-http-certs-public (both in seldon-logs, created by ECK)',
      component: COMPONENT,
      source: options.secretSource,
    });
    new ClusterLogForwarder(this, 'Forwarder', {
      metadata: { name: 'instance', namespace: LOGGING_NAMESPACE, labels },
      spec: {
        inputs: [{ name: 'seldon-pods', application: { selector: { matchLabels: { ...(options.podSelector ?? DEFAULT_POD_SELECTOR) } }, namespaces: this.scopedNamespaces(options.namespaceScoped ?? false) } }],
        outputs: [
          {
            name: OUTPUT,
            type: ClusterLogForwarderSpecOutputsType.ELASTICSEARCH,
            url,
            secret: { name: secret.name },
            elasticsearch: { version: options.elasticsearchVersion ?? majorVersion(elasticsearch?.version) },
          },
        ],
        pipelines: [{ name: 'seldon-container-logs', inputRefs: ['seldon-pods'], outputRefs: [OUTPUT] }],
      },
    });
    if (options.url === undefined && elasticsearch) {
      new k8s.KubeNetworkPolicy(this, 'ContainerLogs', {
        metadata: { name: 'seldon-container-logs', namespace: ctx.namespaces.logs, labels },
        spec: { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: namespaceSelector(LOGGING_NAMESPACE) }] }] },
      });
    }
  }

  /** With `namespaceScoped`, the forwarder also collects from this namespace (seed appendix step 4). */
  public addModelNamespace(ns: ModelNamespaceContext): void {
    this.namespaces.add(ns.name);
  }

  /** The input's namespace list: the model namespaces when scoped, else none (every namespace). */
  private scopedNamespaces(scoped: boolean): string[] | undefined {
    return scoped ? this.namespaces.lazy((names) => (names.length > 0 ? names : undefined)) : undefined;
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
  if (options.collector !== undefined) checks.oneOf('logging.collector', options.collector, ['fluentd', 'vector'] as const);
  if (options.url !== undefined) {
    checks.expect(/^https?:\/\/\S+$/.test(options.url), 'logging.url', options.url, 'is not an Elasticsearch URL', 'use e.g. "https://elasticsearch.example.com:9200"');
  } else if (config.elasticsearch === false) {
    checks.fail('logging.url', undefined, 'is required when the elasticsearch component is disabled: the forwarder has nowhere to send logs', 'set logging.url to your Elasticsearch, or enable elasticsearch');
  }
  if (options.elasticsearchVersion !== undefined) checks.integer('logging.elasticsearchVersion', options.elasticsearchVersion, 6, 8);
  for (const [key, value] of Object.entries(options.podSelector ?? {})) {
    checks.expect(key.length > 0 && typeof value === 'string', `logging.podSelector.${key}`, value, 'is not a label selector entry', 'use label: value pairs, e.g. { "app.kubernetes.io/managed-by": "seldon-core" }');
  }
  checkSecretSource(checks, 'logging.secretSource', options.secretSource, config.secrets?.store);
}
