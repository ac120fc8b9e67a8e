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
  /** OpenShift Service Mesh 2 (Maistra; `stable` carries 2.6, the last 2.x). */
  serviceMesh: { name: 'servicemeshoperator', channel: 'stable', source: 'redhat-operators', namespace: OPENSHIFT_OPERATORS },
  /**
   * OpenShift Service Mesh 3 (the Sail operator). `stable-3.3` is the line whose Istio is 1.28 (the pinned
   * sail-operator CRDs): openshift-service-mesh/sail-operator@release-3.3 (40ca54f):bundle/metadata/annotations.yaml
   * (`stable,stable-3.3`) and bundle/manifests/servicemeshoperator3.clusterserviceversion.yaml (`version: 3.3.7`).
   */
  serviceMesh3: { name: 'servicemeshoperator3', channel: 'stable-3.3', source: 'redhat-operators', namespace: OPENSHIFT_OPERATORS },
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
  ClusterSecretStore: 'external-secrets.io/v1',
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
  Istio: 'sailoperator.io/v1',
  IstioCNI: 'sailoperator.io/v1',
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
   * OpenShift Service Mesh 3 `Istio.spec.version` / `IstioCNI.spec.version`. `v1.28-latest` is the one 1.28 value both
   * CRDs accept: the OSSM 3.3 bundle's enum is v1.28-latest, v1.28.10 … v1.28.4
   * (openshift-service-mesh/sail-operator@release-3.3:bundle/manifests/sailoperator.io_istios.yaml), the pinned upstream
   * CRD's is v1.28-latest, v1.28.3 … (../shared/crds/sail-operator, sail-operator 1.28.3). The operator then runs the newest
   * 1.28 patch it ships, the only one Red Hat supports per operator version (OSSM 3 docs, "Understanding Service Mesh
   * and Istio versions").
   */
  istio: 'v1.28-latest',
  /**
   * Elasticsearch (`Elasticsearch.spec.version`). ECK 3.x deprecates all of 7.x and only 7.17 upgrades directly to 8.x
   * (elastic/cloud-on-k8s@v3.5.0:pkg/controller/common/version/version.go:26,
   * pkg/controller/elasticsearch/version/supported_versions.go:31), so the platform refuses the seed's 7.12.1; 7.17 is
   * the last 7.x line, the one Seldon Deploy's request logger and the fluentd forwarder speak.
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

/**
 * The OpenShift version matrix: for each OpenShift minor the platform renders for, what that cluster runs and which
 * operator lines install on it. `openshiftVersion` (required on OpenShift) selects one row; a minor not listed is refused
 * with the reason and the nearest listed one (`OPENSHIFT_REFUSED`). Checked on 2026-12-01.
 *
 * Sources (every fact below cites one of these; "unverified" says where none was found here):
 * - [LC] Red Hat OpenShift Container Platform Life Cycle Policy, https://access.redhat.com/support/policy/updates/openshift
 *   (dates as tabulated at https://kubernetes.recipes/recipes/configuration/openshift-lifecycle-versions, "as of March 2026").
 * - [K8S] Kubernetes version of each minor: OpenShift release notes "based on Kubernetes 1.N"; 4.14 → 1.27 is in
 *   openshift/openshift-docs PR 64195 (microshift-4-14-release-notes.adoc); 4.14–4.18 as tabulated at
 *   https://kubernetes.recipes/recipes/deployments/openshift-lifecycle-support-versions/. 4.19 → 1.32, 4.20 → 1.33 and
 *   4.21 → 1.34 follow the same one-minor-per-release rule and were NOT verified against a Red Hat page here.
 * - [OSSM2] Service Mesh 2.6.10 "is supported on OpenShift Container Platform 4.14 and later"
 *   (openshift/openshift-docs PR 99682, modules/ossm-release-2-6-10.adoc).
 * - [OSSM3] Service Mesh 3 version support tables: 3.0.7–3.0.11 on OCP 4.14–4.19, 3.1.x on "4.16 and later"
 *   (https://docs.redhat.com/en/documentation/red_hat_openshift_service_mesh/3.0/html/release_notes/ossm-release-notes-version-support-tables,
 *   …/3.1/html/release_notes/ossm-release-notes-version-support-tables). The range of 3.3 (the pinned line) was not found
 *   here; it is taken to be that of 3.1 (4.16 and later): unverified.
 * - [LOG] OpenShift Logging bundle labels `com.redhat.openshift.versions` in openshift/cluster-logging-operator
 *   `bundle.Dockerfile`: release-5.9 (119cdfa) v4.13-v4.16, release-6.0 (5122f9b) v4.14-v4.17, release-6.4 (1215c34)
 *   v4.16-v4.19, release-6.5 (4e85dbb) v4.19-v4.22, release-6.6 (646e474) v4.20-v4.23; channels `stable-5.9`/`stable-6.N`
 *   from each branch's bundle/metadata/annotations.yaml.
 * - [SVL] OpenShift Serverless: openshift-knative/serverless-operator@release-1.37 (c9356ea)
 *   olm-catalog/serverless-operator/Dockerfile `com.redhat.openshift.versions="v4.14"` (4.14 and later), channels
 *   `stable,stable-1.37`; main (1.38) `v4.16`, channels `stable,stable-1.38`.
 * - [GITOPS] OpenShift GitOps 1.16.4 "is available on OpenShift Container Platform 4.12, 4.14, 4.15, 4.16, 4.17 and 4.18"
 *   (https://docs.redhat.com/…/red_hat_openshift_gitops/1.16/html/release_notes/gitops-release-notes-1-16-4_gitops-release-notes).
 *   No statement for 1.17+ was found here: on 4.19+ the matrix uses `latest` (Red Hat's default channel): unverified.
 * - [ECK] certified `elasticsearch-eck-operator-certified` 3.5.0: `com.redhat.openshift.versions: v4.14` (4.14 and later;
 *   ../shared/research/operators-and-charts.md, certified-operators @ 3b7b563).
 * - [CM] cert-manager Operator for Red Hat OpenShift: channels `stable-v1,stable-v1.N` (openshift/cert-manager-operator
 *   branches cert-manager-1.15 … 1.19 and main, bundle/metadata/annotations.yaml); no OpenShift range found: unverified.
 * - AMQ Streams (`stable`), Tempo (`stable`), Red Hat build of OpenTelemetry (`stable`), Kiali (`stable`): channel names
 *   from ../shared/research/operators-and-charts.md (gitops-catalog); their OpenShift ranges were not found: unverified.
 * - [SELDON] Seldon's published ranges: Core 2 2.9.1 "Kubernetes 1.27 … 1.33.0" on its installation overview
 *   (SeldonIO/seldon-core@v2.9.1:docs-gb/installation/README.md:48, linked from docs-gb/SUMMARY.md:10; the older page
 *   docs-gb/getting-started/kubernetes-installation/README.md:14 of the same tag still says 1.31); Core v1 1.18 Kubernetes 1.23–1.27 (1.19
 *   widens to 1.35, not pinned here; https://docs.seldon.ai/seldon-core-1/getting-started/installation/installation);
 *   Seldon Enterprise Platform (Deploy) on OpenShift "4.10 - 4.13 only" (tested with 2.1.0;
 *   https://docs.seldon.ai/seldon-enterprise-platform/openshift-environment).
 * - Core v1 install: the certified bundle `seldon-operator-certified` ends at 1.16.0 for OpenShift v4.10-v4.13 (CERT), so
 *   every row here (4.14+) installs the `seldon-core-operator` chart.
 */
export interface OpenShiftLine {
  /** The minor, e.g. 18 for 4.18. */
  readonly minor: number;
  /** The Kubernetes minor it runs ([K8S]). */
  readonly kubernetes: string;
  /** Red Hat's support status on 2026-12-01 ([LC]). */
  readonly lifecycle: string;
  /** Whether Red Hat supports this minor on 2026-12-01 (any phase, EUS included) ([LC]). */
  readonly supported: boolean;
  /** Service Mesh majors that install on it, and the default ([OSSM2], [OSSM3]). */
  readonly serviceMesh: { readonly default: 2 | 3; readonly allowed: readonly (2 | 3)[] };
  /** Logging majors that install on it with their channel, and the default ([LOG]). */
  readonly logging: { readonly default: 5 | 6; readonly channels: Readonly<Partial<Record<5 | 6, string>>> };
  /** How Seldon Core v1 installs: the certified OLM bundle (OpenShift ≤ 4.13) or the Helm chart. */
  readonly coreV1Install: 'olm' | 'helm';
  /** Channels of the OLM packages whose line depends on the OpenShift minor. */
  readonly channels: { readonly serverless: string; readonly gitops: string };
}

/** Kubernetes ranges Seldon publishes for the pinned Seldon versions ([SELDON]); `openshift` for Deploy's OpenShift range. */
export const SELDON_PUBLISHED_RANGES = {
  coreV2: { component: 'Seldon Core 2', kubernetes: { min: '1.27', max: '1.33' } },
  coreV1: { component: 'Seldon Core v1 1.18', kubernetes: { min: '1.23', max: '1.27' } },
  deploy: { component: 'Seldon Deploy (Enterprise Platform)', openshift: { min: 10, max: 13 } },
} as const;

const OSSM_2_ONLY = { default: 2, allowed: [2] } as const;
const OSSM_3 = { default: 3, allowed: [2, 3] } as const;

/** The rows: 4.14 for the seed's line, then every minor Red Hat supports on 2026-12-01 ([LC]). */
export const OPENSHIFT_MATRIX: readonly OpenShiftLine[] = [
  {
    minor: 14,
    kubernetes: '1.27',
    lifecycle: 'EUS Term 2 ended 2026-10-31: out of Red Hat support; kept for the seed\'s line',
    supported: false,
    // OSSM 3.0 also ran on 4.14, but the pinned 3.3 line is documented for 4.16+ only ([OSSM3]).
    serviceMesh: OSSM_2_ONLY,
    logging: { default: 5, channels: { 5: 'stable-5.9', 6: 'stable-6.0' } },
    coreV1Install: 'helm',
    channels: { serverless: 'stable-1.37', gitops: 'gitops-1.16' },
  },
  {
    minor: 16,
    kubernetes: '1.29',
    lifecycle: 'EUS Term 2 until 2027-06-27',
    supported: true,
    serviceMesh: OSSM_3,
    logging: { default: 6, channels: { 5: 'stable-5.9', 6: 'stable-6.4' } },
    coreV1Install: 'helm',
    channels: { serverless: 'stable-1.38', gitops: 'gitops-1.16' },
  },
  {
    minor: 18,
    kubernetes: '1.31',
    lifecycle: 'EUS Term 1 until 2027-02-25',
    supported: true,
    serviceMesh: OSSM_3,
    logging: { default: 6, channels: { 6: 'stable-6.4' } },
    coreV1Install: 'helm',
    channels: { serverless: 'stable-1.38', gitops: 'gitops-1.16' },
  },
  {
    minor: 19,
    kubernetes: '1.32',
    lifecycle: 'maintenance until 2026-12-17',
    supported: true,
    serviceMesh: OSSM_3,
    logging: { default: 6, channels: { 6: 'stable-6.5' } },
    coreV1Install: 'helm',
    channels: { serverless: 'stable-1.38', gitops: 'latest' },
  },
  {
    minor: 20,
    kubernetes: '1.33',
    lifecycle: 'maintenance until 2027-04-21, EUS Term 1 until 2027-10-21',
    supported: true,
    serviceMesh: OSSM_3,
    logging: { default: 6, channels: { 6: 'stable-6.6' } },
    coreV1Install: 'helm',
    channels: { serverless: 'stable-1.38', gitops: 'latest' },
  },
  {
    minor: 21,
    kubernetes: '1.34',
    lifecycle: 'full support (GA 2026-02-03), maintenance until 2027-08-03',
    supported: true,
    serviceMesh: OSSM_3,
    logging: { default: 6, channels: { 6: 'stable-6.6' } },
    coreV1Install: 'helm',
    channels: { serverless: 'stable-1.38', gitops: 'latest' },
  },
];

/** Why a minor outside the matrix is refused ([LC]); minors not listed here are simply not in the matrix. */
export const OPENSHIFT_REFUSED: Readonly<Record<number, string>> = {
  15: 'OpenShift 4.15 left Red Hat support on 2025-08-27 (no EUS)',
  17: 'OpenShift 4.17 left Red Hat support on 2026-04-01 (no EUS)',
};
