/**
 * The bad-input catalogue (issues 7 and 13): invalid environments, each expected to fail the synth with its field
 * named. Every case is one environment named after it, so one `npm run synth` runs them all and reports every
 * problem of every environment at once, grouped by environment (test/bad-input-catalogue.test.ts). Hand-written
 * cases cover each concern's own rules; generated cases (./generated.ts) cover every option the schema has.
 */
import { Construct } from 'constructs';
import { ModelNamespaceOptions } from '../../src/concerns/model-namespace';
import { PlatformConfig } from '../../src/config';
import { SeldonDeployment, SeldonDeploymentProps } from '../../src/constructs/seldon-deployment';
import { EnvironmentBuilder } from '../../src/environments';
import { SeldonPlatform } from '../../src/platform';
import { testConfig } from '../helpers/render';
import { pathOf, SCHEMAS, SECRET_SHAPES, Site, sitesOf, typoOf } from './generated';

/** Builds the environment of a case under the environment name it is given. */
export type Build = (name: string) => EnvironmentBuilder;

/** Optional expectations: the environment the problem is reported under (default: the case's), a secret never to print. */
export interface CaseOptions {
  readonly environment?: string;
  readonly secret?: string;
}

/** [what is wrong, how to build it, the path named, the value as printed, a fragment of the fix, options] */
export type Case = readonly [string, Build, string, string, string, CaseOptions?];

const K8S: Partial<PlatformConfig> = { platform: 'kubernetes', ingressDomain: undefined };
const STORE = { kind: 'ClusterSecretStore' as const, name: 'vault' };
const EVENT_HUB: PlatformConfig['kafka'] = { provider: { type: 'azure-event-hub', namespace: 'seldon-events', tier: 'Standard' }, security: { mode: 'event-hub-sasl', passwordSecret: 'azure-kafka-secret' } };
const EXTERNAL_KAFKA = { type: 'external' as const, bootstrap: 'kafka.example.com:9093' };

/** An environment with config overrides and model namespaces. */
function env(overrides: Partial<PlatformConfig>, namespaces: [string, ModelNamespaceOptions?][] = []): Build {
  return (name) =>
    function environment(scope: Construct) {
      const platform = new SeldonPlatform(scope, name, testConfig({ name, ...overrides }));
      for (const [ns, options] of namespaces) platform.addModelNamespace(ns, options);
      return platform;
    };
}

/** An environment with SeldonDeployments in its model namespace `models`. */
function models(...deployments: SeldonDeploymentProps[]): Build {
  return (name) =>
    function environment(scope: Construct) {
      const platform = new SeldonPlatform(scope, name, testConfig({ name }));
      const ns = platform.addModelNamespace('models');
      deployments.forEach((props, i) => new SeldonDeployment(ns.scope, `Model${i}`, props));
      return platform;
    };
}

const iris = (predictors: SeldonDeploymentProps['predictors']): SeldonDeploymentProps => ({ name: 'iris', predictors });
const graph = { name: 'classifier', implementation: 'SKLEARN_SERVER', modelUri: 'gs://seldon-models/v1.18.2/sklearn/iris' };

/** Cases marked "(was accepted)" were not rejected (or only by the render invariants) before issue 7. */
const HAND_WRITTEN: readonly Case[] = [
  // Platform-wide settings (src/config.ts)
  ['environment name that is not DNS-1123', env({ name: 'Prod_1' }), 'name', '"Prod_1"', 'choose a name such as', { environment: 'Prod_1' }],
  ['platform with a typo', env({ platform: 'openshfit' as never }), 'platform', '"openshfit"', 'did you mean openshift?'],
  ['delivery repository that is not a Git URL', env({ delivery: { repoURL: 'not a url' } }), 'delivery.repoURL', '"not a url"', 'use an https://, ssh:// or git@ URL'],
  ['Argo CD project that is not a name (was accepted)', env({ delivery: { repoURL: 'https://git.example.com/p.git', project: 'Bad Project' } }), 'delivery.project', '"Bad Project"', 'use the name of an AppProject'],
  ['a delivery path outside the repository (was accepted)', env({ delivery: { repoURL: 'https://git.example.com/p.git', path: '/srv/dist' } }), 'delivery.path', '"/srv/dist"', 'use a relative path such as "dist/prod"'],
  ['OpenShift without an ingress domain', env({ ingressDomain: undefined }), 'ingressDomain', 'undefined', 'oc get ingresses.config/cluster'],
  ['two platform namespaces with one name (duplicate namespace)', env({ namespaces: { logs: 'seldon-system' } }), 'namespaces.logs', '"seldon-system"', 'give each a distinct name'],
  ['a platform namespace of a cluster component (was a render-invariant error)', env({ namespaces: { system: 'istio-system' } }), 'namespaces.system', '"istio-system"', 'choose a name such as "seldon-system"'],
  ['a secret store kind that does not exist (wrong enum)', env({ secrets: { store: { kind: 'VaultStore' as never, name: 'vault' } } }), 'secrets.store.kind', '"VaultStore"', 'use one of ClusterSecretStore, SecretStore'],
  ['a refresh interval that is not a duration (was accepted)', env({ secrets: { store: STORE, refreshInterval: 'often' } }), 'secrets.refreshInterval', '"often"', 'use a Go duration'],
  ['an empty remote key prefix (was accepted)', env({ secrets: { store: STORE, remoteKeyPrefix: '' } }), 'secrets.remoteKeyPrefix', '""', 'use e.g. "seldon"'],
  // Model namespaces (src/concerns/model-namespace.ts, gitops.ts)
  ['a model namespace added twice (duplicate namespace)', env({}, [['models-a'], ['models-a']]), 'addModelNamespace("models-a").name', '"models-a"', 'add each model namespace once'],
  ['a reserved model namespace', env({}, [['istio-system']]), 'addModelNamespace("istio-system").name', '"istio-system"', 'choose another name for the model namespace'],
  ['a model namespace that is not a DNS name', env({}, [['Models_A']]), 'addModelNamespace("Models_A").name', '"Models_A"', 'choose a name such as "models-team-a"'],
  ['a GitOps namespace without a repository', env({ gitops: {} }, [['models-a', { gitops: true }]]), 'gitops.repoURL', 'undefined', 'set gitops: { repoURL:'],
  ['a quota without memory (was a serialisation crash)', env({}, [['models-a', { quota: { cpu: '4' } as never }]]), 'addModelNamespace("models-a").quota.memory', 'undefined', 'set memory, e.g. "8Gi"'],
  // Service mesh and ingress
  ['the seed\'s Service Mesh control plane v2.0', env({ serviceMesh: { controlPlaneVersion: 'v2.0' as never } }), 'serviceMesh.controlPlaneVersion', '"v2.0"', 'did you mean v2.4?'],
  ['a mesh mTLS mode that does not exist', env({ serviceMesh: { mtls: 'DISABLE' as never } }), 'serviceMesh.mtls', '"DISABLE"', 'use one of STRICT, PERMISSIVE'],
  [
    'a gateway certificate that does not cover the Route host',
    env({ serviceMesh: { ingress: { tls: { mode: 'cert-manager', issuerRef: { kind: 'ClusterIssuer', name: 'letsencrypt' }, dnsNames: ['other.example.com'] } } } }),
    'serviceMesh.ingress.tls.dnsNames',
    '["other.example.com"]',
    'add "seldon.apps.test.example.com" to dnsNames',
  ],
  // Seldon Core v1 and the Meta-Operator
  ['the seed\'s STRICT tlsMode for Core v1', env({ coreV1: { istio: { tlsMode: 'STRICT' as never } } }), 'coreV1.istio.tlsMode', '"STRICT"', 'remove tlsMode: the operator then leaves DestinationRule TLS to Istio auto mTLS'],
  ['the OLM install on Kubernetes', env({ ...K8S, coreV1: { install: 'olm' } }), 'coreV1.install', '"olm"', 'set install: "helm"'],
  ['the certified operator on OpenShift 4.16', env({ openshiftVersion: '4.16', coreV1: { install: 'olm' } }), 'coreV1.install', '"olm"', 'set coreV1.install: "helm"'],
  ['the Meta-Operator together with Core v1 (conflicting options)', env({ metaOperator: {}, deploy: false }), 'coreV1', 'undefined', 'set coreV1: false'],
  [
    'the Meta-Operator installed from its raw manifest URL',
    env({ metaOperator: { install: { repoURL: 'https://storage.googleapis.com/seldonoperator/seldonoperator_install.yaml', path: 'vendor', targetRevision: 'v1' } }, coreV1: false, deploy: false }),
    'metaOperator.install.repoURL',
    '"https://storage.googleapis.com/seldonoperator/seldonoperator_install.yaml"',
    'mirror seldonoperator_install.yaml into a Git repository',
  ],
  // Seldon Core 2
  ['a typo in the Envoy protocol', env({ coreV2: { security: { envoy: 'PLAINTXT' as never } } }), 'coreV2.security.envoy', '"PLAINTXT"', 'did you mean PLAINTEXT?'],
  ['Core 2 TLS with the tls component off', env({ tls: false }), 'coreV2.security.controlPlane', '"SSL"', 'opt out of TLS explicitly with coreV2.security.controlPlane: "PLAINTEXT"'],
  ['Core 2 without Kafka', env({ kafka: false }), 'kafka', 'false', 'enable kafka'],
  ['downstream mTLS without Envoy TLS', env({ coreV2: { security: { envoy: 'PLAINTEXT', downstreamMtls: true } } }), 'coreV2.security.downstreamMtls', 'true', 'set coreV2.security.envoy: "SSL"'],
  // Kafka
  ['the reference doc\'s typo PLAINTXT as Kafka protocol', env({ kafka: { provider: EXTERNAL_KAFKA, security: { mode: 'custom', protocol: 'PLAINTXT' as never } } }), 'kafka.security.protocol', '"PLAINTXT"', 'did you mean PLAINTEXT?'],
  ['SASL_PLAINTEXT', env({ kafka: { provider: EXTERNAL_KAFKA, security: { mode: 'custom', protocol: 'SASL_PLAINTEXT' as never } } }), 'kafka.security.protocol', '"SASL_PLAINTEXT"', 'use SASL_SSL'],
  [
    'SASL without its password secret (missing secret reference)',
    env({ kafka: { provider: { type: 'aws-msk', bootstrap: 'b-1.msk.example.com:9096' }, security: { mode: 'msk-scram', username: 'seldon' } as never } }),
    'kafka.security.passwordSecret',
    'undefined',
    'create the secret in seldon-logs and every Core 2 namespace',
  ],
  ['a replication factor above the broker count', env({ kafka: { topics: { replicationFactor: 5 } } }), 'kafka.topics.replicationFactor', '5', 'set replicationFactor <= 3'],
  [
    'a replication factor below min.insync.replicas',
    env({ kafka: { provider: { type: 'strimzi', cluster: { config: { minInsyncReplicas: 2 } } }, topics: { replicationFactor: 1 } } }),
    'kafka.topics.replicationFactor',
    '1',
    'set replicationFactor >= 2',
  ],
  ['an Event Hub of the Basic tier', env({ kafka: { ...EVENT_HUB, provider: { type: 'azure-event-hub', namespace: 'seldon-events', tier: 'Basic' as never } } }), 'kafka.provider.tier', '"Basic"', 'use a Standard'],
  ['a topic plan above the Event Hub quota', env({ kafka: EVENT_HUB }, [['models-a']]), 'addModelNamespace("models-a")', '{"plannedModels":10,"plannedPipelines":5}', 'lower plannedModels/plannedPipelines'],
  [
    'an OAuth secret without all six keys',
    env({ kafka: { provider: { type: 'confluent-cloud', bootstrap: 'pkc-1.gcp.confluent.cloud:9092' }, security: { mode: 'confluent-oauth', oauthSecret: 'confluent-kafka-oauth', oauthSecretKeys: ['method', 'client_id', 'client_secret', 'token_endpoint_url'] } } }),
    'kafka.security.oauthSecretKeys',
    '["method","client_id","client_secret","token_endpoint_url"]',
    'add "extensions", "scope"',
  ],
  ['a topic prefix with a slash', env({ kafka: { topics: { prefix: 'seldon/prod' } } }), 'kafka.topics.prefix', '"seldon/prod"', 'use letters, digits, ".", "_" or "-"'],
  ['a Kafka version "latest" (was accepted)', env({ kafka: { provider: { type: 'strimzi', cluster: { version: 'latest' } } } }), 'kafka.provider.cluster.version', '"latest"', 'use e.g. "4.1.0"'],
  ['a negative consumer timeout (was accepted)', env({ kafka: { consumer: { sessionTimeoutMs: -5 } } }), 'kafka.consumer.sessionTimeoutMs', '-5', 'set a whole number >= 1'],
  // Secrets, TLS and the components around Seldon
  ['a secret value given inline', env({ modelCatalogue: { source: { from: 'existing', value: 's3cr3t' } as never } }), 'modelCatalogue.source.value', '"<redacted>"', 'create the secret out of band', { secret: 's3cr3t' }],
  ['an ExternalSecret without a store', env({ modelCatalogue: { source: { from: 'external-secret' } } }), 'modelCatalogue.source.from', '"external-secret"', 'set secrets.store'],
  ['a trial volume size without the trial instance', env({ modelCatalogue: { trialStorage: '5Gi' } }), 'modelCatalogue.trialStorage', '"5Gi"', 'set modelCatalogue.trialInstance: true'],
  ['certificates renewed before they are issued', env({ tls: { duration: '24h', renewBefore: '48h' } }), 'tls.renewBefore', '"48h"', 'set renewBefore well below duration'],
  ['the seed\'s Elasticsearch 7.12.1', env({ elasticsearch: { version: '7.12.1' } }), 'elasticsearch.version', '"7.12.1"', 'use "7.17.29"'],
  ['OpenShift Logging on Kubernetes', env({ ...K8S, logging: {} }), 'logging', '{}', 'set logging: false'],
  ['user-workload monitoring switched off', env({ monitoring: { clusterMonitoringConfig: { enableUserWorkload: false } } }), 'monitoring.clusterMonitoringConfig.enableUserWorkload', 'false', 'the platform sets enableUserWorkload: true'],
  ['a GitOps repository without a scheme', env({ gitops: { repoURL: 'github.com/org/models' } }), 'gitops.repoURL', '"github.com/org/models"', 'use an https://, ssh:// or git@ URL'],
  ['a broker name that is not a DNS label', env({ serverless: { brokerName: 'Default' } }), 'serverless.brokerName', '"Default"', 'choose a name such as'],
  // Seldon Deploy
  ['Seldon Deploy on :latest', env({ deploy: { image: 'seldonio/seldon-deploy-server:latest' } }), 'deploy.image', '"seldonio/seldon-deploy-server:latest"', 'pin it'],
  ['Seldon Deploy without Prometheus', env({ monitoring: false }), 'deploy.prometheus', 'undefined', 'set deploy.prometheus'],
  ['a link scheme that is not http(s) (was accepted)', env({ deploy: { externalProtocol: 'ftp' as never } }), 'deploy.externalProtocol', '"ftp"', 'did you mean http?'],
  // SeldonDeployments (src/constructs/seldon-deployment.ts)
  [
    'traffic that does not add up to 100',
    models(iris([{ name: 'main', traffic: 70, graph }, { name: 'canary', traffic: 20, graph }])),
    'predictors[].traffic',
    '"main=70, canary=20"',
    'so that they add up to 100',
  ],
  [
    'a model server image without a tag',
    models(iris([{ name: 'main', graph: { name: 'classifier' }, componentSpecs: [{ spec: { containers: [{ name: 'classifier', image: 'seldonio/mock_classifier' }] } }] }])),
    'predictors[0].componentSpecs[0].spec.containers[0].image',
    '"seldonio/mock_classifier"',
    'use a version tag or digest',
  ],
  ['two SeldonDeployments with one name (was a render-invariant error)', models(iris([{ name: 'main', graph }]), iris([{ name: 'main', graph }])), 'name', '"iris"', 'give each SeldonDeployment of a namespace its own name'],

  // Issue 13: what a careless user types (typos at every depth, wrong types, null), refused with "did you mean"
  ['a misspelt component switch (was silently ignored)', env({ loging: false } as never), 'loging', 'false', 'did you mean logging?'],
  ['a misspelt topic option (was silently ignored)', env({ kafka: { topics: { numPartiton: 3 } } as never }), 'kafka.topics.numPartiton', '3', 'did you mean numPartitions?'],
  ['a misspelt destination server (moved the environment onto the Argo CD cluster)', env({ delivery: { repoURL: 'https://git.example.com/p.git', destinationserver: 'https://api.prod.example.com:6443' } as never }), 'delivery.destinationserver', '"https://api.prod.example.com:6443"', 'did you mean destinationServer?'],
  ['a misspelt namespace option gitop (was silently ignored)', env({}, [['models-a', { gitop: true } as never]]), 'addModelNamespace("models-a").gitop', 'true', 'did you mean gitops?'],
  ['a misspelt namespace option confirmprune (was silently ignored)', env({}, [['models-a', { confirmprune: true } as never]]), 'addModelNamespace("models-a").confirmprune', 'true', 'did you mean confirmPrune?'],
  ['gitops: "yes" on a namespace (was taken as true)', env({}, [['models-a', { gitops: 'yes' } as never]]), 'addModelNamespace("models-a").gitops', '"yes"', 'write true without quotes'],
  ['kafka: null (installed in-cluster Strimzi)', env({ kafka: null } as never), 'kafka', 'null', 'remove the key to get the default, or give an object or false'],
  ['delivery: null', env({ delivery: null } as never), 'delivery', 'null', 'remove the key to get the default'],
  ['a component switched on with "true"', env({ serverless: 'true' } as never), 'serverless', '"true"', 'give an object or false'],
  ['a number in quotes', env({ kafka: { topics: { replicationFactor: '3' } } as never }), 'kafka.topics.replicationFactor', '"3"', 'write 3 without quotes'],
  ['a list where an object is expected', env({ tls: ['self-signed'] } as never), 'tls', '["self-signed"]', 'give an object or false'],
  ['a misspelt key in a discriminated union (Kafka provider)', env({ kafka: { provider: { type: 'external', bootstrap: 'kafka.example.com:9093', bootstrapp: 'x' } } as never }), 'kafka.provider.bootstrapp', '"x"', 'did you mean bootstrap?'],
  ['a misspelt key in a SeldonDeployment graph', models(iris([{ name: 'main', graph: { ...graph, modelURI: 'gs://x' } as never }])), 'predictors[0].graph.modelURI', '"gs://x"', 'did you mean modelUri?'],
  ['a misspelt key in a predictor container (Kubernetes PodSpec)', models(iris([{ name: 'main', graph: { name: 'classifier' }, componentSpecs: [{ spec: { containers: [{ name: 'classifier', image: 'seldonio/mock_classifier:1.18.2', imagePulPolicy: 'Always' } as never] } }] }])), 'predictors[0].componentSpecs[0].spec.containers[0].imagePulPolicy', '"Always"', 'did you mean imagePullPolicy?'],
  ['a SeldonDeployment prop of the wrong type', models({ name: 'iris', predictors: [{ name: 'main', graph, replicas: '2' as never }] }), 'predictors[0].replicas', '"2"', 'write 2 without quotes'],
  ['an unknown SeldonDeployment prop', models({ name: 'iris', predictors: [{ name: 'main', graph }], protocoll: 'v2' } as never), 'protocoll', '"v2"', 'did you mean protocol?'],
  // Issue 13: meaningless values
  ['a LimitRange default request above its default limit', env({}, [['models-a', { quota: { cpu: '8', memory: '32Gi' }, limits: { defaultCpu: '500m', defaultMemory: '1Gi', defaultRequestCpu: '2', defaultRequestMemory: '256Mi' } }]]), 'addModelNamespace("models-a").limits.defaultRequestCpu', '"2"', 'set defaultRequestCpu <= defaultCpu'],
  ['a LimitRange default memory request above its limit', env({}, [['models-a', { limits: { defaultCpu: '1', defaultMemory: '512Mi', defaultRequestCpu: '100m', defaultRequestMemory: '1Gi' } }]]), 'addModelNamespace("models-a").limits.defaultRequestMemory', '"1Gi"', 'set defaultRequestMemory <= defaultMemory'],
  ['an empty audiences list (audience restriction silently dropped)', env({}, [['models-a', { auth: { issuer: 'https://idp.example.com/realms/seldon', jwksUri: 'https://idp.example.com/realms/seldon/certs', audiences: [] } }]]), 'addModelNamespace("models-a").auth.audiences', '[]', 'list the audiences a token must carry'],
  ['plannedModels: 1e12', env({}, [['models-a', { plannedModels: 1e12 }]]), 'addModelNamespace("models-a").plannedModels', '1000000000000', 'plan the models and pipelines this namespace will really serve'],
  ['plannedPipelines that is not a whole number', env({}, [['models-a', { plannedPipelines: 2.5 }]]), 'addModelNamespace("models-a").plannedPipelines', '2.5', 'set a whole number >= 0'],
  ['a pod quota above what any cluster runs', env({}, [['models-a', { quota: { cpu: '8', memory: '32Gi', pods: 1e7 }, limits: { defaultCpu: '1', defaultMemory: '1Gi', defaultRequestCpu: '100m', defaultRequestMemory: '256Mi' } }]]), 'addModelNamespace("models-a").quota.pods', '10000000', 'set the pods this namespace may really run'],
  ['ingressDomain on plain Kubernetes (no effect)', env({ platform: 'kubernetes' }), 'ingressDomain', '"apps.test.example.com"', 'remove it; on Kubernetes expose the Istio ingress gateway'],
  ['openshiftVersion on plain Kubernetes (no effect)', env({ ...K8S, openshiftVersion: '4.16' }), 'openshiftVersion', '"4.16"', 'remove it from the Kubernetes environment'],
  ['a Route host on plain Kubernetes (no effect)', env({ ...K8S, serviceMesh: { ingress: { routeHost: 'seldon.example.com' } } }), 'serviceMesh.ingress.routeHost', '"seldon.example.com"', 'expose the istio-ingressgateway Service'],
  ['an empty list of gateway hosts (the gateway serves nothing)', env({ serviceMesh: { ingress: { hosts: [] } } }), 'serviceMesh.ingress.hosts', '[]', 'list at least one host'],
  ['a cert-manager gateway certificate without names', env({ serviceMesh: { ingress: { tls: { mode: 'cert-manager', issuerRef: { kind: 'ClusterIssuer', name: 'letsencrypt' }, dnsNames: [] } } } }), 'serviceMesh.ingress.tls.dnsNames', '[]', 'list the host names clients use'],
  ['a quota without limits (every container refused)', env({}, [['models-a', { quota: { cpu: '8', memory: '32Gi' } }]]), 'addModelNamespace("models-a").limits', 'undefined', 'set limits: { defaultCpu'],
  ['an empty list of alert severities (the receiver would get nothing)', env({ monitoring: { alertReceiver: { severities: [] } } }), 'monitoring.alertReceiver.severities', '[]', 'list at least one value, e.g. ["warning","critical"]'],
  ['a Maistra control plane version on plain Kubernetes (no effect)', env({ ...K8S, serviceMesh: { controlPlaneVersion: 'v2.6' } }), 'serviceMesh.controlPlaneVersion', '"v2.6"', 'the Istio version is the chart version'],
  ['Kiali on plain Kubernetes (no effect)', env({ ...K8S, serviceMesh: { kiali: true } }), 'serviceMesh.kiali', 'true', 'remove it from the Kubernetes environment'],
  ['a member roll on plain Kubernetes (no effect)', env({ ...K8S, serviceMesh: { members: ['team-a'] } }), 'serviceMesh.members[0]', '"team-a"', 'label the namespace istio-injection=enabled instead'],
  // Issue 13: secrets in chart value pass-throughs and construct props (the key rule and the value shapes)
  ['a password under any key of deploy.values (was written to dist/)', env({ deploy: { values: { metadata: { pg: { adminPassword: 'Tr0ub4dor-3' } } } } }), 'deploy.values.metadata.pg.adminPassword', '"<redacted>"', 'reference a Kubernetes Secret by name instead', { secret: 'Tr0ub4dor-3' }],
  ['a DB_PASS environment variable of Seldon Deploy', env({ deploy: { env: { DB_PASS: 'Tr0ub4dor-4' } } }), 'deploy.env.DB_PASS', '"<redacted>"', 'reference a Kubernetes Secret by name instead', { secret: 'Tr0ub4dor-4' }],
  ['a SASL JAAS config with a password in deploy.values', env({ deploy: { values: { requestLogger: { kafka_consumer: { sasl_password: 'Tr0ub4dor-5' } } } } }), 'deploy.values.requestLogger.kafka_consumer.sasl_password', '"<redacted>"', 'reference a Kubernetes Secret by name instead', { secret: 'Tr0ub4dor-5' }],
  ['a user:password URL in the Meta-Operator values', env({ metaOperator: { enterpriseValues: { metadata: { pg: { host: 'postgres://seldon:Tr0ub4dor-6@db.example.com/deploy' } } } }, coreV1: false, deploy: false }), 'metaOperator.enterpriseValues.metadata.pg.host', '"<redacted>"', 'reference a Kubernetes Secret by name instead', { secret: 'Tr0ub4dor-6' }],
  ['a token in the cluster-monitoring config', env({ monitoring: { clusterMonitoringConfig: { alertmanagerMain: { token: 'Tr0ub4dor-7' } } } }), 'monitoring.clusterMonitoringConfig.alertmanagerMain.token', '"<redacted>"', 'reference a Kubernetes Secret by name instead', { secret: 'Tr0ub4dor-7' }],
  ['an API key in a SeldonDeployment annotation', models({ name: 'iris', predictors: [{ name: 'main', graph }], annotations: { 'example.com/api-key': 'Tr0ub4dor-8' } }), 'annotations["example.com/api-key"]', '"<redacted>"', 'reference a Kubernetes Secret by name instead', { secret: 'Tr0ub4dor-8' }],
  ['a password in a container env value of a predictor', models(iris([{ name: 'main', graph: { name: 'classifier' }, componentSpecs: [{ spec: { containers: [{ name: 'classifier', image: 'seldonio/mock_classifier:1.18.2', env: [{ name: 'DB_PASSWORD', value: 'Tr0ub4dor-9' }] }] } }] }])), 'predictors[0].componentSpecs[0].spec.containers[0].env[0].value', '"<redacted>"', 'reference a Kubernetes Secret by name instead', { secret: 'Tr0ub4dor-9' }],
  ['a secret name that is not a name (a value under a ...Secret key)', env({ kafka: { provider: EXTERNAL_KAFKA, security: { mode: 'custom', protocol: 'SASL_SSL', sasl: { mechanism: 'SCRAM-SHA-512', username: 'seldon', passwordSecret: 'Tr0ub4dor!10' } } } }), 'kafka.security.sasl.passwordSecret', '"<redacted>"', '', { secret: 'Tr0ub4dor!10' }],
];

/** Where a generated value goes, per schema: the input it builds and the path prefix the synth prints. */
const TARGETS = {
  platform: { prefix: '', label: '', build: (placed: Record<string, unknown>) => env(placed as Partial<PlatformConfig>) },
  namespace: { prefix: 'addModelNamespace("models")', label: '', build: (placed: Record<string, unknown>) => env({}, [['models', placed as ModelNamespaceOptions]]) },
  deployment: { prefix: '', label: ' (SeldonDeployment)', build: (placed: Record<string, unknown>) => models({ ...iris([{ name: 'main', graph }]), ...placed } as SeldonDeploymentProps) },
} as const;

function generated(): Case[] {
  const cases: Case[] = [];
  let shape = 0;
  for (const [schema, target] of Object.entries(TARGETS) as [keyof typeof TARGETS, (typeof TARGETS)[keyof typeof TARGETS]][]) {
    const sites = sitesOf(SCHEMAS[schema]);
    const at = (site: Site) => pathOf(target.prefix, site.segments);
    for (const site of sites.objects) {
      // Open objects (chart values typed as OpenPartial) pass unknown keys to the chart on purpose.
      if (site.node.additionalProperties !== false) continue;
      const typo = typoOf(Object.keys(site.node.properties));
      if (!typo) continue;
      const path = pathOf(target.prefix, [...site.segments, typo.typo]);
      cases.push([`typo: ${path} for ${typo.key}${target.label} ${JSON.stringify(site.place({}))}`, target.build(site.place({ [typo.typo]: 1 })), path, '1', `did you mean ${typo.key}?`]);
    }
    for (const site of sites.strings) {
      const [what, secret] = SECRET_SHAPES[shape++ % SECRET_SHAPES.length];
      // A secret as the environment's own name is redacted where the environment is named too.
      const environment = schema === 'platform' && at(site) === 'name' ? '<redacted>' : undefined;
      cases.push([`secret: ${what} in ${at(site)}${target.label}`, target.build(site.place(secret)), at(site), '"<redacted>"', '', { secret, ...(environment ? { environment } : {}) }]);
    }
    for (const site of sites.freeForm) {
      const inner = { nested: { dbPassword: 'Tr0ub4dor-free' } };
      cases.push([`secret: a password in the free-form ${at(site)}${target.label}`, target.build(site.place(inner)), `${at(site)}.nested.dbPassword`, '"<redacted>"', 'reference a Kubernetes Secret by name instead', { secret: 'Tr0ub4dor-free' }]);
    }
    for (const site of sites.enums) {
      // A near miss of the last allowed value (its middle letter dropped, or an "x" added when that is allowed too).
      const allowed: string[] = site.node.enum;
      const intended = allowed[allowed.length - 1];
      const dropped = intended.slice(0, Math.floor(intended.length / 2)) + intended.slice(Math.floor(intended.length / 2) + 1);
      const typo = intended.length > 2 && !allowed.includes(dropped) ? dropped : `${intended}x`;
      cases.push([`value: ${JSON.stringify(typo)} for ${at(site)}${target.label}`, target.build(site.place(typo)), at(site), JSON.stringify(typo), `did you mean ${intended}`]);
    }
    for (const site of sites.booleans) cases.push([`type: "yes" for the boolean ${at(site)}${target.label}`, target.build(site.place('yes')), at(site), '"yes"', 'write true without quotes']);
    for (const site of sites.numbers) cases.push([`type: "3" for the number ${at(site)}${target.label}`, target.build(site.place('3')), at(site), '"3"', 'write 3 without quotes']);
  }
  return cases;
}

/** Every case, hand-written first. */
export const CATALOGUE: readonly Case[] = [...HAND_WRITTEN, ...generated()];

/** The environment name of case `i`. */
export const caseName = (i: number): string => `case-${String(i + 1).padStart(3, '0')}`;

/** The environment a case's problems are reported under. */
export const environmentOf = (c: Case, i: number): string => c[5]?.environment ?? caseName(i);
