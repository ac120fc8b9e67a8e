/**
 * Where the custom resource definitions of a render come from, as data: what a fresh cluster already serves before
 * the render is applied, which CRDs (and namespaces) each OLM package's bundle brings, and which custom resources make
 * their operator install further CRDs. Paths are relative to a folder of upstream CRD copies (`../shared/crds`, whose
 * SOURCES.md names the upstream file, tag and commit of each); a path is a file or a folder of files.
 *
 * Chart Applications need no entry here: their CRDs are read from the chart's own `helm template --include-crds`
 * output (see installer-crds.ts).
 */

/** What one installer brings, besides its CRDs found elsewhere. */
export interface CrdSource {
  /** CRD files or folders below the CRD folder. */
  readonly crds: readonly string[];
  /** Charts (in the chart folder) whose `helm template --include-crds` with default values gives the CRDs. */
  readonly charts?: ReadonlyArray<{ readonly chart: string; readonly version: string }>;
  /** Namespaces the installer creates itself (operators that create their operand namespace). */
  readonly namespaces?: readonly string[];
  /** Why these CRDs, with the upstream source; shown when a check fails. */
  readonly note: string;
}

/** The platforms the render targets. */
export type Platform = 'openshift' | 'kubernetes';

/**
 * What exists before Argo CD applies the first wave: the platform's own APIs and namespaces, and Argo CD itself (a
 * bootstrap prerequisite: the root Application is applied into an Argo CD that already runs).
 */
export const CLUSTER_BASELINE: Readonly<Record<Platform, CrdSource>> = {
  kubernetes: {
    crds: ['argo-cd'],
    namespaces: ['default', 'kube-system', 'kube-public', 'kube-node-lease'],
    note: 'a Kubernetes cluster with Argo CD installed (argoproj/argo-cd@v3.5.1:manifests/crds)',
  },
  openshift: {
    // Built into OpenShift 4: OLM (operators.coreos.com), the Route API, and the cluster monitoring stack's
    // prometheus-operator CRDs (monitoring.coreos.com); the GitOps operator runs (bootstrap prerequisite, docs/bootstrap.md),
    // so its ArgoCD CRD, the Argo CD CRDs and its default instance namespace openshift-gitops exist.
    crds: ['olm', 'openshift-api', 'prometheus-operator', 'argocd-operator', 'argo-cd'],
    namespaces: [
      'default',
      'kube-system',
      'openshift-operators',
      'openshift-monitoring',
      'openshift-user-workload-monitoring',
      'openshift-config',
      'openshift-gitops',
    ],
    note: 'OpenShift 4 built-in APIs (OLM, Route, cluster monitoring) and the OpenShift GitOps operator (bootstrap prerequisite)',
  },
};

/**
 * Operators the render expects the cluster owner to have installed when it uses their API (keyed by API group): their
 * CRDs are part of the baseline of a render that has such objects.
 */
export const PREREQUISITE_CRDS: Readonly<Record<string, CrdSource>> = {
  'external-secrets.io': {
    crds: ['external-secrets'],
    note: 'the External Secrets operator and its store are the cluster owner\'s to install (docs/secrets.md)',
  },
};

/** One OLM package: CRDs per channel (the first entry whose pattern matches the Subscription's channel). */
export interface OlmBundleSource extends CrdSource {
  /** Channels this entry describes; omitted: every channel. */
  readonly channels?: RegExp;
}

/**
 * Bundle CRDs per OLM package name (`Subscription.spec.name`). OLM creates a bundle's CRDs when it installs the CSV, so
 * they exist once the Subscription is healthy, i.e. from the next sync wave on.
 */
export const OLM_BUNDLE_CRDS: Readonly<Record<string, readonly OlmBundleSource[]>> = {
  servicemeshoperator: [
    {
      crds: ['maistra', 'istio'],
      note:
        'OpenShift Service Mesh 2: maistra.io CRDs from the bundle; the operator creates the Istio CRDs at start-up ' +
        '(maistra/istio-operator@055462d7:pkg/bootstrap/crds.go InstallCRDs). ../shared/crds has Istio 1.30.3 copies, ' +
        'which serve v1 besides the v1beta1/v1alpha3 that Maistra 2.x serves',
    },
  ],
  servicemeshoperator3: [
    { crds: ['sail-operator', 'istio'], note: 'OpenShift Service Mesh 3 (Sail operator): sailoperator.io CRDs and the Istio CRDs it ships' },
  ],
  'serverless-operator': [
    {
      crds: ['knative-operator'],
      namespaces: ['knative-serving', 'knative-serving-ingress', 'knative-eventing'],
      note:
        'OpenShift Serverless: operator.knative.dev CRDs; its operator creates the REQUIRED_*_NAMESPACE namespaces ' +
        '(openshift-knative/serverless-operator@02f6bc2c:knative-operator/pkg/controller/knativeserving/knativeserving_controller.go:84-93, ' +
        'olm-catalog/serverless-operator/manifests/serverless-operator.clusterserviceversion.yaml:879-884)',
    },
  ],
  'elasticsearch-eck-operator-certified': [{ crds: ['eck'], note: 'ECK operator bundle (elastic/cloud-on-k8s v3.5.0 CRDs)' }],
  'cluster-logging': [
    {
      channels: /^stable-5\./,
      crds: ['cluster-logging-operator/clusterloggings.logging.openshift.io.yaml', 'cluster-logging-operator/clusterlogforwarders.logging.openshift.io.yaml'],
      note: 'Logging 5.x bundle (openshift/cluster-logging-operator release-5.9 bundle/manifests)',
    },
    {
      channels: /^stable-6\./,
      crds: ['cluster-logging-operator/clusterlogforwarders.observability.openshift.io.yaml'],
      note: 'Logging 6.x bundle (openshift/cluster-logging-operator release-6.6 bundle/manifests)',
    },
  ],
  'openshift-gitops-operator': [
    {
      crds: ['argocd-operator', 'argo-cd'],
      namespaces: ['openshift-gitops'],
      note: 'OpenShift GitOps bundle: the argocd-operator ArgoCD CRD and the Argo CD CRDs',
    },
  ],
  'amq-streams': [
    {
      crds: ['strimzi-0.51.0'],
      note: 'AMQ Streams: no bundle copy in ../shared/crds; Strimzi 0.51.0, the last upstream release serving kafka.strimzi.io/v1beta2, stands in',
    },
  ],
  'openshift-cert-manager-operator': [
    {
      crds: ['cert-manager'],
      namespaces: ['cert-manager'],
      note:
        'cert-manager Operator for Red Hat OpenShift: cert-manager.io CRDs; the operator creates the operand namespace ' +
        'cert-manager (openshift/cert-manager-operator@e99717e3:bindata/cert-manager-deployment/cert-manager-namespace.yaml)',
    },
  ],
  'seldon-operator-certified': [
    {
      crds: [],
      charts: [{ chart: 'seldon-core-operator', version: '1.18.2' }],
      note:
        'certified Seldon Core v1 operator: no bundle copy in ../shared; the SeldonDeployment CRD of the same release\'s Helm chart ' +
        'stands in (../shared/crds/seldon-core-v1 is the raw operator/config/crd/bases output, which the API server rejects: ' +
        'spec.validation.openAPIV3Schema...graph.properties.children.items.type must not be empty)',
    },
  ],
  // Installed for the mesh and tracing; the render creates none of their custom resources.
  'kiali-ossm': [{ crds: [], note: 'Kiali: no custom resource of it is rendered' }],
  'tempo-product': [{ crds: [], note: 'Tempo: no custom resource of it is rendered' }],
  'opentelemetry-product': [{ crds: [], note: 'OpenTelemetry: no custom resource of it is rendered' }],
};

/**
 * Custom resources whose operator installs further CRDs when it reconciles them: the CRDs exist once the resource is
 * healthy, i.e. from the next sync wave on. Keyed by `group/Kind`.
 */
export const OPERAND_CRDS: Readonly<Record<string, CrdSource>> = {
  'operator.knative.dev/KnativeEventing': {
    crds: ['knative-eventing'],
    note: 'the Knative operator applies Eventing\'s core manifests, CRDs included, when it reconciles KnativeEventing (knative/eventing knative-v1.22.2 config/core/resources)',
  },
};
