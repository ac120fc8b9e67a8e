/**
 * How the Strimzi-generated Kafka client secrets reach every client namespace and follow rotation.
 *
 * Strimzi writes the user secret (`<user>`, `user.crt`/`user.key`/`ca.crt` or `password`) and the cluster CA
 * (`<cluster>-cluster-ca-cert`) in the Kafka namespace only, and renews both (certificate validity and renewal days
 * of the clients and cluster CAs). The options weighed (docs/data-paths.md):
 * - a KafkaUser per client namespace: the User Operator watches one namespace and writes the secret next to the
 *   KafkaUser, so it cannot serve several namespaces; one User Operator per namespace is not something the Kafka CR can
 *   express (`entityOperator.userOperator.watchedNamespace` is a single namespace);
 * - copying by hand: expires at the next renewal;
 * - external-secrets' `kubernetes` provider: an ExternalSecret per client namespace reads the secret from the Kafka
 *   namespace through a store whose service account may `get` exactly these secrets; the copy is refreshed every
 *   `refreshInterval` and owned by the ExternalSecret. Chosen: declarative, least privilege, and the same mechanism the
 *   platform already uses for every other secret. Strimzi renews certificates `renewalDays` (30) before they expire
 *   and trusts old and new CA during the renewal, so an hourly refresh is well inside the window.
 *
 * Renders, in the Kafka namespace: the ServiceAccount `seldon-kafka-secret-reader`, a Role that may get/list/watch only
 * the named secrets (never the CA private keys), its RoleBinding, and the ClusterSecretStore `seldon-kafka` of the
 * `kubernetes` provider, usable only from namespaces labelled `app.kubernetes.io/part-of: seldon-platform`. The
 * external-secrets operator itself is a prerequisite, like Argo CD.
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { setSyncWave, Wave } from '../lib/argo';
import { SecretStoreRef } from '../lib/secrets';
import { PART_OF, standardLabels } from '../lib/names';
import { API_VERSIONS } from '../versions';

const COMPONENT = 'kafka';
const READER = 'seldon-kafka-secret-reader';

export interface StrimziSecretStoreProps {
  /** The Kafka namespace, where Strimzi writes the secrets. */
  readonly namespace: string;
  /** The secrets to expose (the user secret and the cluster CA certificate). */
  readonly secrets: readonly string[];
  /** @default "seldon-kafka" */
  readonly storeName?: string;
}

/** The store, its service account and the least-privilege Role that lets it read the Strimzi secrets. */
export class StrimziSecretStore extends Construct {
  public readonly ref: SecretStoreRef;

  constructor(scope: Construct, id: string, props: StrimziSecretStoreProps) {
    super(scope, id);
    const labels = standardLabels(COMPONENT);
    const name = props.storeName ?? 'seldon-kafka';
    this.ref = { kind: 'ClusterSecretStore', name };
    new k8s.KubeServiceAccount(this, 'ServiceAccount', { metadata: { name: READER, namespace: props.namespace, labels } });
    new k8s.KubeRole(this, 'Role', {
      metadata: { name: READER, namespace: props.namespace, labels },
      rules: [{ apiGroups: [''], resources: ['secrets'], resourceNames: [...props.secrets].sort(), verbs: ['get', 'list', 'watch'] }],
    });
    new k8s.KubeRoleBinding(this, 'RoleBinding', {
      metadata: { name: READER, namespace: props.namespace, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: READER },
      subjects: [{ kind: 'ServiceAccount', name: READER, namespace: props.namespace }],
    });
    const store = new ApiObject(this, 'Store', {
      apiVersion: API_VERSIONS.ClusterSecretStore,
      kind: 'ClusterSecretStore',
      metadata: { name, labels },
      spec: {
        conditions: [{ namespaceSelector: { matchLabels: { 'app.kubernetes.io/part-of': PART_OF } } }],
        provider: {
          kubernetes: {
            remoteNamespace: props.namespace,
            server: { caProvider: { type: 'ConfigMap', name: 'kube-root-ca.crt', key: 'ca.crt', namespace: props.namespace } },
            auth: { serviceAccount: { name: READER, namespace: props.namespace } },
          },
        },
      },
    });
    // Beside the ExternalSecrets that use it.
    setSyncWave(store, Wave.PREREQUISITES);
  }
}
