/**
 * Every CRD the platform renders: the alias used for `cdk8s import`, the local copy (relative to a CRD folder such as
 * `../shared/crds`) and the canonical upstream URL pinned to the commit in `../shared/crds/SOURCES.md`.
 *
 * Each kind gets its own alias so that two kinds of one API group never overwrite each other's generated module
 * (cdk8s#883). Where upstream publishes a bundle (Istio `crd-all.gen.yaml`, Seldon Core 2 `crds.yaml`, ECK
 * `all-crds.yaml`), the URL is the bundle and the local copy is the one CRD split out of it, byte for byte.
 *
 * `cdk8s.yaml` lists the same `alias:=url` pairs; a test keeps the two in step.
 */
export interface CrdSource {
  readonly alias: string;
  readonly file: string;
  readonly url: string;
}

const gh = (repo: string, commit: string, path: string) => `https://raw.githubusercontent.com/${repo}/${commit}/${path}`;

const MAISTRA = (f: string) => gh('maistra/istio-operator', '8143614c5f13ef9b894d107d47353507b70f45ea', `manifests-maistra/2.5.1/${f}`);
const OLM = (f: string) => gh('operator-framework/api', '72d46e1db6dffddc1c5747c885d845b39d3db1b2', `crds/${f}`);
const ISTIO = gh('istio/istio', '56df41f63e513f834c9a3af33d8aed82d1d961f2', 'manifests/charts/base/files/crd-all.gen.yaml');
const KNATIVE_OP = (f: string) => gh('knative/operator', '8f004985af79024f25b9e6014da1a4c22bf48182', `config/crd/bases/${f}`);
const KNATIVE_EV = (f: string) => gh('knative/eventing', '532b01f0cb2ce7bed271204697081e4264385531', `config/core/resources/${f}`);
const STRIMZI = (f: string) => gh('strimzi/strimzi-kafka-operator', '54081abf97d0e5e524de773b88343756934db1a8', `packaging/install/cluster-operator/${f}`);
const PROM = (f: string) => gh('prometheus-operator/prometheus-operator', 'f8fafd475f3d132e239432ae6172de60a6cb6516', `example/prometheus-operator-crd-full/${f}`);
const ARGO = (f: string) => gh('argoproj/argo-cd', '109ca7ca71139e514114499d294a492e7910a965', `manifests/crds/${f}`);
const CERT = (f: string) => gh('cert-manager/cert-manager', '24e33194fb39488eff2bbf10c6dc640f407cad44', `deploy/crds/${f}`);
const ESO = (f: string) => gh('external-secrets/external-secrets', '378bdb622ed9712ef4a58370f6a17af033b7d343', `config/crds/bases/${f}`);
const CLO59 = (f: string) => gh('openshift/cluster-logging-operator', '119cdfad47b0547a2a0babf314c0d0ac3d50dd5b', `bundle/manifests/${f}`);
const CLO66 = (f: string) => gh('openshift/cluster-logging-operator', '646e47497ed979d72d314d5bdba363e91ffce8d1', `bundle/manifests/${f}`);
const SELDON_V2 = gh('SeldonIO/seldon-core', '8ca3c3c741d6b7d25a1eedf2d415359ab042d2ce', 'k8s/yaml/crds.yaml');

export const CRD_SOURCES: readonly CrdSource[] = [
  { alias: 'smmr', file: 'maistra/servicemeshmemberrolls.maistra.io.yaml', url: MAISTRA('servicemeshmemberrolls.crd.yaml') },
  { alias: 'olm-subscription', file: 'olm/subscriptions.operators.coreos.com.yaml', url: OLM('operators.coreos.com_subscriptions.yaml') },
  { alias: 'olm-operatorgroup', file: 'olm/operatorgroups.operators.coreos.com.yaml', url: OLM('operators.coreos.com_operatorgroups.yaml') },
  { alias: 'route', file: 'openshift-api/routes.route.openshift.io.yaml', url: gh('openshift/api', '2a3d73913b5a7caec4c57d5c3d04f51106ec4da3', 'route/v1/zz_generated.crd-manifests/routes.crd.yaml') },
  { alias: 'istio-gateway', file: 'istio/gateways.networking.istio.io.yaml', url: ISTIO },
  { alias: 'istio-virtualservice', file: 'istio/virtualservices.networking.istio.io.yaml', url: ISTIO },
  { alias: 'istio-destinationrule', file: 'istio/destinationrules.networking.istio.io.yaml', url: ISTIO },
  { alias: 'istio-authorizationpolicy', file: 'istio/authorizationpolicies.security.istio.io.yaml', url: ISTIO },
  { alias: 'istio-requestauthentication', file: 'istio/requestauthentications.security.istio.io.yaml', url: ISTIO },
  { alias: 'istio-peerauthentication', file: 'istio/peerauthentications.security.istio.io.yaml', url: ISTIO },
  { alias: 'knative-serving', file: 'knative-operator/knativeservings.operator.knative.dev.yaml', url: KNATIVE_OP('operator.knative.dev_knativeservings.yaml') },
  { alias: 'knative-eventing', file: 'knative-operator/knativeeventings.operator.knative.dev.yaml', url: KNATIVE_OP('operator.knative.dev_knativeeventings.yaml') },
  { alias: 'knative-broker', file: 'knative-eventing/brokers.eventing.knative.dev.yaml', url: KNATIVE_EV('broker.yaml') },
  { alias: 'eck', file: 'eck/elasticsearches.elasticsearch.k8s.elastic.co.yaml', url: gh('elastic/cloud-on-k8s', '386c7b14f2d1bbb7f2af1e7da997e64875f16e47', 'config/crds/v1/all-crds.yaml') },
  { alias: 'logging5-clusterlogging', file: 'cluster-logging-operator/clusterloggings.logging.openshift.io.yaml', url: CLO59('logging.openshift.io_clusterloggings.yaml') },
  { alias: 'logging5-forwarder', file: 'cluster-logging-operator/clusterlogforwarders.logging.openshift.io.yaml', url: CLO59('logging.openshift.io_clusterlogforwarders.yaml') },
  { alias: 'logging6-forwarder', file: 'cluster-logging-operator/clusterlogforwarders.observability.openshift.io.yaml', url: CLO66('observability.openshift.io_clusterlogforwarders.yaml') },
  { alias: 'prom-podmonitor', file: 'prometheus-operator/podmonitors.monitoring.coreos.com.yaml', url: PROM('monitoring.coreos.com_podmonitors.yaml') },
  { alias: 'prom-rule', file: 'prometheus-operator/prometheusrules.monitoring.coreos.com.yaml', url: PROM('monitoring.coreos.com_prometheusrules.yaml') },
  { alias: 'prom-alertmanagerconfig', file: 'prometheus-operator/alertmanagerconfigs.monitoring.coreos.com.yaml', url: PROM('monitoring.coreos.com_alertmanagerconfigs.yaml') },
  { alias: 'argo-application', file: 'argo-cd/applications.argoproj.io.yaml', url: ARGO('application-crd.yaml') },
  { alias: 'argo-appproject', file: 'argo-cd/appprojects.argoproj.io.yaml', url: ARGO('appproject-crd.yaml') },
  { alias: 'argocd-operator', file: 'argocd-operator/argocds.argoproj.io.yaml', url: gh('argoproj-labs/argocd-operator', '9745824a8b4b4aa3129de27e31514ddebde93b9e', 'bundle/manifests/argoproj.io_argocds.yaml') },
  { alias: 'strimzi-kafka', file: 'strimzi-0.51.0/kafkas.kafka.strimzi.io.yaml', url: STRIMZI('040-Crd-kafka.yaml') },
  { alias: 'strimzi-kafkauser', file: 'strimzi-0.51.0/kafkausers.kafka.strimzi.io.yaml', url: STRIMZI('044-Crd-kafkauser.yaml') },
  { alias: 'strimzi-nodepool', file: 'strimzi-0.51.0/kafkanodepools.kafka.strimzi.io.yaml', url: STRIMZI('045-Crd-kafkanodepool.yaml') },
  { alias: 'certmanager-issuer', file: 'cert-manager/issuers.cert-manager.io.yaml', url: CERT('cert-manager.io_issuers.yaml') },
  { alias: 'certmanager-certificate', file: 'cert-manager/certificates.cert-manager.io.yaml', url: CERT('cert-manager.io_certificates.yaml') },
  { alias: 'eso-externalsecret', file: 'external-secrets/externalsecrets.external-secrets.io.yaml', url: ESO('external-secrets.io_externalsecrets.yaml') },
  { alias: 'seldon-runtime', file: 'seldon-core-v2/seldonruntimes.mlops.seldon.io.yaml', url: SELDON_V2 },
];
