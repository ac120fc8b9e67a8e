/**
 * Every pinned version in one place: OLM packages and channels (OpenShift), Helm charts (Kubernetes and the Seldon
 * charts), images, and the API version the platform emits for each kind.
 *
 * Sources: ../shared/research/operators-and-charts.md (install facts) and ../shared/crds/SOURCES.md (CRD versions).
 * To upgrade, change a value here, run `npm test` (snapshots show the rendered change), review, and commit.
 */

/** An operator from an OLM catalog. `namespace` is where its Subscription lives. */
export interface OlmPackage {
  /** `Subscription.spec.name`: the package name in the catalog. */
  readonly name: string;
  /**
   * `Subscription.spec.channel`: always set here, never left to the catalog's default channel. A floating channel
   * such as `stable` still upgrades the operator when the catalog moves; use a versioned channel (e.g. `amq-streams-3.1.x`)
   * or `installPlanApproval: Manual` where an unreviewed upgrade is not acceptable.
   */
  readonly channel: string;
  /** `Subscription.spec.source`: the CatalogSource. */
  readonly source: 'redhat-operators' | 'certified-operators' | 'community-operators';
  /** Namespace of the Subscription. `openshift-operators` has the global OperatorGroup already. */
  readonly namespace: string;
  /**
   * Create an OperatorGroup in `namespace`: `'all'` (no target namespaces: AllNamespaces mode) or `'own'`
   * (targetNamespaces = [namespace]). Omitted for `openshift-operators`.
   */
  readonly operatorGroup?: 'all' | 'own';
}

/** A Helm chart rendered by an Argo CD Application. */
export interface HelmChart {
  /** Chart repository URL (`https://…`), or an OCI registry host path without scheme (Argo CD's OCI form). */
  readonly repoURL: string;
  readonly chart: string;
  readonly version: string;
}

const OPENSHIFT_OPERATORS = 'openshift-operators';

/** OpenShift OperatorHub packages (OLM). */
export const OLM = {
  serviceMesh: { name: 'servicemeshoperator', channel: 'stable', source: 'redhat-operators', namespace: OPENSHIFT_OPERATORS },
  kiali: { name: 'kiali-ossm', channel: 'stable', source: 'redhat-operators', namespace: OPENSHIFT_OPERATORS },
  /** Distributed tracing: `jaeger-product` left the catalog in 2025; Tempo with OpenTelemetry replaces it. */
  tempo: { name: 'tempo-product', channel: 'stable', source: 'redhat-operators', namespace: 'openshift-tempo-operator', operatorGroup: 'all' },
  openTelemetry: { name: 'opentelemetry-product', channel: 'stable', source: 'redhat-operators', namespace: 'openshift-opentelemetry-operator', operatorGroup: 'all' },
  serverless: { name: 'serverless-operator', channel: 'stable', source: 'redhat-operators', namespace: 'openshift-serverless', operatorGroup: 'all' },
  eck: { name: 'elasticsearch-eck-operator-certified', channel: 'stable', source: 'certified-operators', namespace: OPENSHIFT_OPERATORS },
  /** Logging 5.x (`logging.openshift.io/v1` ClusterLogging + ClusterLogForwarder, fluentd) ends at 5.9. */
  logging: { name: 'cluster-logging', channel: 'stable-5.9', source: 'redhat-operators', namespace: 'openshift-logging', operatorGroup: 'own' },
  /** Logging 6.x (`observability.openshift.io/v1` ClusterLogForwarder only, vector): `stable-6.N` channels, 6.6 the newest. */
  logging6: { name: 'cluster-logging', channel: 'stable-6.6', source: 'redhat-operators', namespace: 'openshift-logging', operatorGroup: 'own' },
  gitops: { name: 'openshift-gitops-operator', channel: 'gitops-1.16', source: 'redhat-operators', namespace: 'openshift-gitops-operator', operatorGroup: 'all' },
  amqStreams: { name: 'amq-streams', channel: 'stable', source: 'redhat-operators', namespace: OPENSHIFT_OPERATORS },
  /**
   * cert-manager Operator for Red Hat OpenShift. Package, namespace and `stable-v1` channel as in Red Hat's install
   * docs and public GitOps catalogs (assumption: not checked against a live catalog); it runs cert-manager in `cert-manager`.
   */
  certManager: { name: 'openshift-cert-manager-operator', channel: 'stable-v1', source: 'redhat-operators', namespace: 'cert-manager-operator', operatorGroup: 'own' },
  /** The certified Seldon Core v1 operator supports OpenShift 4.10–4.13 only; on 4.14+ use the Helm chart. */
  seldonCoreV1: { name: 'seldon-operator-certified', channel: 'stable', source: 'certified-operators', namespace: OPENSHIFT_OPERATORS },
} as const satisfies Record<string, OlmPackage>;

/** Helm charts: the upstream installs on plain Kubernetes, and the Seldon charts on both platforms. */
export const CHARTS = {
  istioBase: { repoURL: 'https://istio-release.storage.googleapis.com/charts', chart: 'base', version: '1.30.3' },
  istiod: { repoURL: 'https://istio-release.storage.googleapis.com/charts', chart: 'istiod', version: '1.30.3' },
  istioGateway: { repoURL: 'https://istio-release.storage.googleapis.com/charts', chart: 'gateway', version: '1.30.3' },
  certManager: { repoURL: 'https://charts.jetstack.io', chart: 'cert-manager', version: 'v1.21.1' },
  /** 0.51.0 is the last Strimzi serving `kafka.strimzi.io/v1beta2`, the version AMQ Streams serves too. */
  strimzi: { repoURL: 'quay.io/strimzi-helm', chart: 'strimzi-kafka-operator', version: '0.51.0' },
  knativeOperator: { repoURL: 'https://knative.github.io/operator', chart: 'knative-operator', version: 'v1.23.0' },
  eck: { repoURL: 'https://helm.elastic.co', chart: 'eck-operator', version: '3.5.0' },
  kubePrometheusStack: { repoURL: 'https://prometheus-community.github.io/helm-charts', chart: 'kube-prometheus-stack', version: '88.5.3' },
  seldonCoreV1: { repoURL: 'https://storage.googleapis.com/seldon-charts', chart: 'seldon-core-operator', version: '1.18.2' },
  /** 2.9.1 is the newest Core 2 release in the published Helm repository index. */
  seldonCoreV2Crds: { repoURL: 'https://seldonio.github.io/helm-charts', chart: 'seldon-core-v2-crds', version: '2.9.1' },
  seldonCoreV2Setup: { repoURL: 'https://seldonio.github.io/helm-charts', chart: 'seldon-core-v2-setup', version: '2.9.1' },
  /** Seldon Deploy (Enterprise Platform) needs a licence; its chart source is configurable per environment. */
  seldonDeploy: { repoURL: 'https://seldonio.github.io/helm-charts', chart: 'seldon-deploy', version: '2.4.0' },
} as const satisfies Record<string, HelmChart>;

/** One API version, or (for a kind whose API moved between supported operator releases) one per release. */
type ApiVersionPin = string | readonly [string, string, ...string[]];

/**
 * The API version the platform emits for each custom kind it renders (checked by a test over the whole render).
 * OpenShift Service Mesh 2.x serves Istio `v1beta1`; AMQ Streams serves Strimzi `v1beta2`; Argo CD operator `v1beta1`.
 * A kind whose API moved between operator releases the platform supports lists one version per release
 * (ClusterLogForwarder: Logging 5, Logging 6) or between platforms (AlertmanagerConfig) lists each; every other kind
 * has exactly one.
 */
export const API_VERSIONS = {
  Application: 'argoproj.io/v1alpha1',
  AppProject: 'argoproj.io/v1alpha1',
  ArgoCD: 'argoproj.io/v1beta1',
  /** Kubernetes (kube-prometheus-stack serves only v1alpha1), OpenShift monitoring. */
  AlertmanagerConfig: ['monitoring.coreos.com/v1alpha1', 'monitoring.coreos.com/v1beta1'],
  AuthorizationPolicy: 'security.istio.io/v1beta1',
  Broker: 'eventing.knative.dev/v1',
  Certificate: 'cert-manager.io/v1',
  ClusterIssuer: 'cert-manager.io/v1',
  ClusterLogForwarder: ['logging.openshift.io/v1', 'observability.openshift.io/v1'],
  ClusterLogging: 'logging.openshift.io/v1',
  DestinationRule: 'networking.istio.io/v1beta1',
  Elasticsearch: 'elasticsearch.k8s.elastic.co/v1',
  ExternalSecret: 'external-secrets.io/v1',
  Gateway: 'networking.istio.io/v1beta1',
  Issuer: 'cert-manager.io/v1',
  Kafka: 'kafka.strimzi.io/v1beta2',
  KafkaNodePool: 'kafka.strimzi.io/v1beta2',
  KafkaUser: 'kafka.strimzi.io/v1beta2',
  KnativeEventing: 'operator.knative.dev/v1beta1',
  KnativeServing: 'operator.knative.dev/v1beta1',
  OperatorGroup: 'operators.coreos.com/v1',
  PeerAuthentication: 'security.istio.io/v1beta1',
  PodMonitor: 'monitoring.coreos.com/v1',
  PrometheusRule: 'monitoring.coreos.com/v1',
  RequestAuthentication: 'security.istio.io/v1beta1',
  Route: 'route.openshift.io/v1',
  SeldonDeployment: 'machinelearning.seldon.io/v1',
  SeldonOperator: 'operator.seldon.io/v1alpha1',
  SeldonRuntime: 'mlops.seldon.io/v1alpha1',
  Server: 'mlops.seldon.io/v1alpha1',
  ServiceMeshControlPlane: 'maistra.io/v2',
  ServiceMeshMemberRoll: 'maistra.io/v1',
  Subscription: 'operators.coreos.com/v1alpha1',
  VirtualService: 'networking.istio.io/v1beta1',
} as const satisfies Readonly<Record<string, ApiVersionPin>>;

/** Every API version the platform may emit for `kind`; none for a kind it does not render. */
export function pinnedApiVersions(kind: string): readonly string[] {
  const pin: ApiVersionPin | undefined = (API_VERSIONS as Readonly<Record<string, ApiVersionPin>>)[kind];
  if (pin === undefined) return [];
  return typeof pin === 'string' ? [pin] : pin;
}

/** Versions of the instances operators deploy from a custom resource (the operator picks the matching images). */
export const INSTANCE_VERSIONS = {
  /**
   * OpenShift Service Mesh control plane (`ServiceMeshControlPlane.spec.version`). 2.6 is the last 2.x release and the
   * start of the migration to 3.x; the seed's v2.0 has long been out of support (operator 2.6 runs v2.4–v2.6 only).
   */
  serviceMeshControlPlane: 'v2.6',
  /**
   * Elasticsearch (`Elasticsearch.spec.version`). ECK 3.x manages 7.17 and later, so the seed's 7.12.1 would be
   * rejected; 7.17 is the last 7.x line, the one Seldon Deploy's request logger and the fluentd forwarder speak.
   */
  elasticsearch: '7.17.29',
  /**
   * Kafka (`Kafka.spec.kafka.version`), KRaft only. 4.1.0 is supported by Strimzi 0.48 through 1.0 (so by the pinned
   * 0.51.0) and is the Kafka of Streams for Apache Kafka 3.1 (AMQ Streams on OpenShift; assumption). The seed's 3.2.3
   * (ZooKeeper) is refused by every current operator.
   */
  kafka: '4.1.0',
} as const;

/** Container images the platform itself renders (never `:latest`). */
export const IMAGES = {
  seldonDeploy: 'seldonio/seldon-deploy-server:2.4.0',
  /** Trial PostgreSQL for the model catalogue (not for production). */
  postgres: 'registry.redhat.io/rhel9/postgresql-15:1-1',
  /** Trial PostgreSQL on plain Kubernetes (registry.redhat.io needs Red Hat pull credentials there). Not for production. */
  postgresCommunity: 'docker.io/library/postgres:15.8',
} as const;
