import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { Elasticsearch as EckElasticsearch, ElasticsearchSpecNodeSets, ElasticsearchSpecNodeSetsVolumeClaimTemplatesSpecResourcesRequests } from '../../imports/eck-elasticsearch.k8s.elastic.co';
import type { PlatformConfig } from '../config';
import { Concern, PlatformContext } from '../lib/concern';
import { Checks } from '../lib/errors';
import { namespaceSelector, standardLabels } from '../lib/names';
import { OperatorInstall } from '../lib/operator';
import { checkSecretSource, SecretSource } from '../lib/secrets';
import { CHARTS, INSTANCE_VERSIONS, OLM } from '../versions';
import { QUANTITY } from '../lib/formats';
import { hardenedValues } from '../lib/workload-security';

const COMPONENT = 'elasticsearch';

/** Kubernetes: namespace of the ECK operator (the chart's documented layout). */
const KUBERNETES_OPERATOR_NAMESPACE = 'elastic-system';

/** The ECK operator serves the Elasticsearch API on this port; the operator itself calls it to manage the cluster. */
const HTTP_PORT = 9200;

/** One group of Elasticsearch nodes with the same configuration (an ECK `nodeSet`). */
export interface ElasticsearchNodeSetOptions {
  /** Name of the node set (part of the pod names). */
  readonly name: string;
  /**
   * Number of nodes. One node leaves replica shards unassigned (health yellow, for good): the bootstrap's Argo CD health
   * check takes that as the one-node cluster's working state (docs/bootstrap.md); use 3 for redundancy. @default 1
   */
  readonly count?: number;
  /** Size of each node's data volume. @default "1Gi" (ECK's default claim) */
  readonly storageSize?: string;
  /** Storage class of the data volumes. @default the cluster's default storage class */
  readonly storageClassName?: string;
}

/** Options of the Elasticsearch concern. */
export interface ElasticsearchOptions {
  /** Name of the Elasticsearch cluster in seldon-logs (seed 004). At most 36 characters (ECK). @default "elasticsearch-seldon" */
  readonly name?: string;
  /**
   * Elasticsearch version. ECK 3.5.0 still reconciles 7.x but marks the whole 7.x line deprecated
   * (elastic/cloud-on-k8s@v3.5.0:pkg/controller/common/version/version.go:26), and 7.17 is the only 7.x line with a direct
   * upgrade path to 8.x (pkg/controller/elasticsearch/version/supported_versions.go:31), so the seed's 7.12.1 is refused
   * and the default is the last 7.x release: the line Seldon Deploy and the OpenShift Logging 5 forwarder were built against.
   * @default "7.17.29"
   */
  readonly version?: string;
  /** The node sets. The seed shows a minimal cluster. @default [{ name: "default", count: 1 }] */
  readonly nodeSets?: readonly ElasticsearchNodeSetOptions[];
  /**
   * Let Elasticsearch memory-map its data (`node.store.allow_mmap`). Needs `vm.max_map_count >= 262144` on every node,
   * which OpenShift and most managed clusters do not set; off is ECK's documented setting for them.
   * @default false
   */
  readonly mmap?: boolean;
  /** Where the `elastic-credentials` secrets in seldon-logs and seldon-system come from. @default the platform's secret source */
  readonly credentialsSource?: SecretSource;
}

/** How Seldon reaches Elasticsearch (consumed by logging and Seldon Deploy). */
export interface ElasticsearchEndpoint {
  /** e.g. `https://elasticsearch-seldon-es-http.seldon-logs:9200` */
  readonly url: string;
  /** e.g. `elasticsearch-seldon-es-http.seldon-logs` */
  readonly host: string;
  readonly port: number;
  readonly protocol: 'https' | 'http';
  /** Name of the `elastic-credentials` secret (keys `username`, `password`) in seldon-logs and seldon-system. */
  readonly credentialsSecret: string;
  /** The Elasticsearch version, e.g. `7.17.29` (log forwarders pick their protocol by major version). */
  readonly version?: string;
}

const DEFAULT_NODE_SETS: readonly ElasticsearchNodeSetOptions[] = [{ name: 'default', count: 1 }];
const CREDENTIALS_SECRET = 'elastic-credentials';

/**
 * Elasticsearch for request logs and container logs (seed 004 "Elasticsearch").
 *
 * OpenShift: the certified ECK operator for all namespaces (openshift-operators). Kubernetes: the `eck-operator` chart
 * in elastic-system, managing seldon-logs only. Both: the `Elasticsearch` `elasticsearch-seldon` in seldon-logs with
 * ECK's default self-signed HTTP TLS, the `elastic-credentials` secrets in seldon-logs and seldon-system, and a
 * NetworkPolicy that lets the operator reach the cluster's API through seldon-logs' policies.
 */
export class Elasticsearch extends Construct implements Concern {
  public readonly endpoint: ElasticsearchEndpoint;

  constructor(scope: Construct, id: string, ctx: PlatformContext, options: ElasticsearchOptions) {
    super(scope, id);
    const name = options.name ?? 'elasticsearch-seldon';
    const version = options.version ?? INSTANCE_VERSIONS.elasticsearch;
    const logs = ctx.namespaces.logs;
    const labels = standardLabels(COMPONENT);
    const host = `${name}-es-http.${logs}`;
    this.endpoint = { url: `https://${host}:${HTTP_PORT}`, host, port: HTTP_PORT, protocol: 'https', credentialsSecret: CREDENTIALS_SECRET, version };

    const operatorNamespace = this.installOperator(ctx, logs);
    new EckElasticsearch(this, 'Cluster', {
      metadata: { name, namespace: logs, labels },
      spec: { version, nodeSets: (options.nodeSets ?? DEFAULT_NODE_SETS).map((set) => nodeSet(set, options.mmap ?? false)) },
    });
    new k8s.KubeNetworkPolicy(this, 'AllowOperator', {
      metadata: { name: 'allow-from-eck-operator', namespace: logs, labels },
      spec: {
        podSelector: { matchLabels: { 'elasticsearch.k8s.elastic.co/cluster-name': name } },
        policyTypes: ['Ingress'],
        ingress: [{ from: [{ namespaceSelector: namespaceSelector(operatorNamespace) }], ports: [{ port: k8s.IntOrString.fromNumber(HTTP_PORT), protocol: 'TCP' }] }],
      },
    });
    for (const namespace of [logs, ctx.namespaces.system]) {
      ctx.secret(this, `Credentials-${namespace}`, {
        name: CREDENTIALS_SECRET,
        namespace,
        keys: ['username', 'password'],
        purpose: `Elasticsearch basic auth for ${namespace === logs ? 'the Seldon request logger' : 'Seldon Deploy'}: username "elastic" and the password from key "elastic" of the secret ${name}-es-elastic-user in ${logs} (created by ECK)`,
        component: COMPONENT,
        source: options.credentialsSource,
      });
    }
  }

  /** Installs ECK and returns the namespace its pod runs in. */
  private installOperator(ctx: PlatformContext, logs: string): string {
    if (ctx.platform === 'openshift') {
      new OperatorInstall(this, 'Operator', { platform: 'openshift', olm: OLM.eck, target: ctx.target, component: COMPONENT });
      return OLM.eck.namespace;
    }
    new OperatorInstall(this, 'Operator', {
      platform: 'kubernetes',
      helm: {
        chart: CHARTS.eck,
        name: 'elastic-operator',
        namespace: KUBERNETES_OPERATOR_NAMESPACE,
        // Least privilege: the operator manages the logs namespace only.
        values: hardenedValues(CHARTS.eck, ctx, { installCRDs: true, managedNamespaces: [logs] }),
      },
      target: ctx.target,
      component: COMPONENT,
    });
    return KUBERNETES_OPERATOR_NAMESPACE;
  }
}

function nodeSet(set: ElasticsearchNodeSetOptions, mmap: boolean): ElasticsearchSpecNodeSets {
  return {
    name: set.name,
    count: set.count ?? 1,
    config: { 'node.store.allow_mmap': mmap },
    volumeClaimTemplates: [
      {
        metadata: { name: 'elasticsearch-data' },
        spec: {
          accessModes: ['ReadWriteOnce'],
          resources: { requests: { storage: ElasticsearchSpecNodeSetsVolumeClaimTemplatesSpecResourcesRequests.fromString(set.storageSize ?? '1Gi') } },
          ...(set.storageClassName ? { storageClassName: set.storageClassName } : {}),
        },
      },
    ],
  };
}

const VERSION = /^(\d+)\.(\d+)\.(\d+)$/;

/** Validates the Elasticsearch options. */
export function checkElasticsearch(checks: Checks, options: ElasticsearchOptions, config: PlatformConfig): void {
  if (options.name !== undefined && checks.dnsLabel('elasticsearch.name', options.name)) {
    checks.expect(options.name.length <= 36, 'elasticsearch.name', options.name, 'is longer than 36 characters, the limit ECK puts on cluster names (pod and service names derive from it)', 'choose a shorter name');
  }
  if (options.version !== undefined) checkVersion(checks, options.version);
  if (options.nodeSets !== undefined) checkNodeSets(checks, options.nodeSets);
  checkSecretSource(checks, 'elasticsearch.credentialsSource', options.credentialsSource, config.secrets?.store);
}

function checkVersion(checks: Checks, version: string): void {
  const match = VERSION.exec(version);
  if (!checks.expect(match !== null, 'elasticsearch.version', version, 'is not an Elasticsearch version (major.minor.patch)', `use e.g. "${INSTANCE_VERSIONS.elasticsearch}"`)) return;
  const [major, minor] = [Number(match?.[1]), Number(match?.[2])];
  checks.expect(major > 7 || (major === 7 && minor >= 17), 'elasticsearch.version', version, 'is older than 7.17: ECK 3.x deprecates all of 7.x, and only 7.17 upgrades directly to 8.x (the seed\'s 7.12.1 included)', `use "${INSTANCE_VERSIONS.elasticsearch}" or a later 8.x`);
}

function checkNodeSets(checks: Checks, nodeSets: readonly ElasticsearchNodeSetOptions[]): void {
  if (!checks.expect(nodeSets.length > 0, 'elasticsearch.nodeSets', nodeSets, 'is empty: the cluster would have no nodes', 'give at least one node set, e.g. [{ name: "default", count: 3 }]')) return;
  const seen = new Set<string>();
  nodeSets.forEach((set, i) => {
    const path = `elasticsearch.nodeSets[${i}]`;
    if (checks.dnsLabel(`${path}.name`, set.name) && seen.has(set.name)) checks.fail(`${path}.name`, set.name, 'is used by two node sets', 'give each node set its own name');
    seen.add(set.name);
    if (set.count !== undefined) checks.integer(`${path}.count`, set.count, 1);
    if (set.storageSize !== undefined) checks.expect(QUANTITY.test(set.storageSize), `${path}.storageSize`, set.storageSize, 'is not a storage quantity', 'use e.g. "10Gi"');
    if (set.storageClassName !== undefined) checks.dnsLabel(`${path}.storageClassName`, set.storageClassName);
  });
}
