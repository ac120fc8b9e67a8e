import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { Concern } from '../lib/concern';
import { NAMESPACE_ROLE_LABEL, namespaceRole, standardLabels } from '../lib/names';

export interface PlatformNamespacesProps {
  /** The namespaces to create, e.g. seldon-system, seldon-logs, seldon-kafka, seldon-argocd. */
  readonly names: readonly string[];
  /**
   * Those of them model namespaces must reach: the Kafka namespace (Core 2 clients) and the logs namespace (detectors
   * reply to the request logger there). The others (Seldon Deploy, its catalogue, Argo CD) admit no model namespace:
   * the data-path model proves it over the whole render, the mesh operator's own policies included (its forbidden
   * paths, docs/data-paths.md). The one exception is the Meta-Operator mode, where the request logger runs in the system
   * namespace and admits model namespaces on its port only (meta-operator.ts).
   */
  readonly admitModelNamespaces: readonly string[];
}

/**
 * The platform's own namespaces (seed 004, "Creating the Seldon Namespaces"), labelled with the `platform` role. Each
 * gets a NetworkPolicy that admits the platform's namespaces (so that the first policy a concern adds, e.g. from
 * Knative, does not cut Seldon off from itself) but not model namespaces, which run user code: those are admitted
 * only into the namespaces that serve them.
 */
export class PlatformNamespaceSet extends Construct implements Concern {
  private readonly created = new Map<string, k8s.KubeNamespace>();

  constructor(scope: Construct, id: string, props: PlatformNamespacesProps) {
    super(scope, id);
    const labels = standardLabels('namespaces');
    for (const name of [...new Set(props.names)].sort()) {
      this.created.set(name, new k8s.KubeNamespace(this, name, { metadata: { name, labels: { ...labels, ...namespaceRole('platform') } } }));
      new k8s.KubeNetworkPolicy(this, `${name}-platform`, {
        metadata: { name: 'allow-from-platform-namespaces', namespace: name, labels },
        spec: {
          podSelector: {},
          policyTypes: ['Ingress'],
          ingress: [{ from: [{ podSelector: {} }, { namespaceSelector: { matchLabels: { [NAMESPACE_ROLE_LABEL]: 'platform' } } }] }],
        },
      });
      if (props.admitModelNamespaces.includes(name)) {
        new k8s.KubeNetworkPolicy(this, `${name}-models`, {
          metadata: { name: 'allow-from-model-namespaces', namespace: name, labels },
          spec: { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: { matchLabels: { [NAMESPACE_ROLE_LABEL]: 'models' } } }] }] },
        });
      }
    }
  }

  /** The Namespace object of a platform namespace (e.g. for the service mesh's membership label), if created here. */
  public namespace(name: string): k8s.KubeNamespace | undefined {
    return this.created.get(name);
  }
}
