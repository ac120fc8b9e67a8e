import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { Concern } from '../lib/concern';
import { PART_OF, standardLabels } from '../lib/names';

export interface PlatformNamespacesProps {
  /** The namespaces to create, e.g. seldon-system, seldon-logs, seldon-kafka, seldon-argocd. */
  readonly names: readonly string[];
}

/**
 * The platform's own namespaces (seed 004, "Creating the Seldon Namespaces"). Each gets a NetworkPolicy that admits
 * traffic from the platform's namespaces (every namespace this platform creates carries `app.kubernetes.io/part-of`),
 * so that the first policy a concern adds (e.g. from Knative) does not cut Seldon off from itself.
 */
export class PlatformNamespaceSet extends Construct implements Concern {
  constructor(scope: Construct, id: string, props: PlatformNamespacesProps) {
    super(scope, id);
    const labels = standardLabels('namespaces');
    for (const name of [...new Set(props.names)].sort()) {
      new k8s.KubeNamespace(this, name, { metadata: { name, labels } });
      new k8s.KubeNetworkPolicy(this, `${name}-platform`, {
        metadata: { name: 'allow-from-platform-namespaces', namespace: name, labels },
        spec: {
          podSelector: {},
          policyTypes: ['Ingress'],
          ingress: [{ from: [{ podSelector: {} }, { namespaceSelector: { matchLabels: { 'app.kubernetes.io/part-of': PART_OF } } }] }],
        },
      });
    }
  }
}
