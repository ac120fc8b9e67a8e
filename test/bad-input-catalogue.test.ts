/**
 * The bad-input catalogue (issue 7): invalid configurations across every concern, each run end to end through
 * `runSynth` into a dist/ that holds a good render. Each must fail with a ConfigError whose message names the field
 * path, the bad value and the fix (`path (value): problem; fix`), before anything is written; through the CLI it must
 * exit 1 with no stack trace. The per-concern tests check each message in detail; this is the cross-concern list.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { synthCommand } from '../src/cli';
import { ModelNamespaceOptions } from '../src/concerns/model-namespace';
import { PlatformConfig } from '../src/config';
import { SeldonDeployment, SeldonDeploymentProps } from '../src/constructs/seldon-deployment';
import { EnvironmentBuilder } from '../src/environments';
import { ConfigError, formatIssue, showValue } from '../src/lib/errors';
import { SeldonPlatform } from '../src/platform';
import { runSynth } from '../src/synth';
import { testConfig } from './helpers/render';
import { tree } from './helpers/files';

const ENV = 'catalogue';
const K8S: Partial<PlatformConfig> = { platform: 'kubernetes', ingressDomain: undefined };
const STORE = { kind: 'ClusterSecretStore' as const, name: 'vault' };
const EVENT_HUB: PlatformConfig['kafka'] = { provider: { type: 'azure-event-hub', namespace: 'seldon-events', tier: 'Standard' }, security: { mode: 'event-hub-sasl', passwordSecret: 'azure-kafka-secret' } };
const EXTERNAL_KAFKA = { type: 'external' as const, bootstrap: 'kafka.example.com:9093' };

/** The environment `catalogue` with config overrides and model namespaces. */
function env(overrides: Partial<PlatformConfig>, namespaces: [string, ModelNamespaceOptions?][] = []): EnvironmentBuilder[] {
  return [
    (scope) => {
      const platform = new SeldonPlatform(scope, ENV, testConfig({ name: ENV, ...overrides }));
      for (const [name, options] of namespaces) platform.addModelNamespace(name, options);
      return platform;
    },
  ];
}

/** The environment with SeldonDeployments in a model namespace `models`. */
function models(...deployments: SeldonDeploymentProps[]): EnvironmentBuilder[] {
  return [
    (scope) => {
      const platform = new SeldonPlatform(scope, ENV, testConfig({ name: ENV }));
      const ns = platform.addModelNamespace('models');
      deployments.forEach((props, i) => new SeldonDeployment(ns.scope, `Model${i}`, props));
      return platform;
    },
  ];
}

const iris = (predictors: SeldonDeploymentProps['predictors']): SeldonDeploymentProps => ({ name: 'iris', predictors });
const graph = { name: 'classifier', implementation: 'SKLEARN_SERVER', modelUri: 'gs://seldon-models/v1.18.2/sklearn/iris' };

/** [what is wrong, the builders runSynth gets, expected path, expected value as rendered, a fragment of the fix] */
type Case = readonly [string, EnvironmentBuilder[], string, string, string];

/** Cases marked "(was accepted)" were not rejected (or only by the render invariants) before this catalogue. */
const CATALOGUE: readonly Case[] = [
  // Platform-wide settings (src/config.ts)
  ['environment name that is not DNS-1123', env({ name: 'Prod_1' }), 'name', '"Prod_1"', 'choose a name such as'],
  ['two environments with one name', [...env({}), ...env({})], 'name', `"${ENV}"`, 'give each environment its own name'],
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
  ['a secret value given inline', env({ modelCatalogue: { source: { from: 'existing', value: 's3cr3t' } as never } }), 'modelCatalogue.source.value', '"<redacted>"', 'create the secret out of band'],
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
];


/** What a synth throws (the test fails when it does not throw). */
function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the synth to fail, but it succeeded');
}

describe('bad-input catalogue: every invalid configuration fails before anything is written', () => {
  let work: string;
  let dist: string;
  let staging: string;
  let before: Record<string, string>;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'catalogue-'));
    dist = join(work, 'dist');
    staging = join(work, 'staging');
    runSynth(env({}, [['models']]), dist, staging);
    before = tree(dist);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test('GIVEN the catalogue THEN it has at least 30 distinct cases across every concern', () => {
    expect(new Set(CATALOGUE.map(([what]) => what)).size).toBe(CATALOGUE.length);
    expect(new Set(CATALOGUE.map(([, , path, value, fix]) => `${path} ${value} ${fix}`)).size).toBe(CATALOGUE.length);
    expect(CATALOGUE.length).toBeGreaterThanOrEqual(30);
    const roots = new Set(CATALOGUE.map(([, , path]) => path.split(/[.([]/)[0]));
    for (const root of ['name', 'platform', 'delivery', 'namespaces', 'secrets', 'addModelNamespace', 'gitops', 'serviceMesh', 'coreV1', 'metaOperator', 'coreV2', 'kafka', 'modelCatalogue', 'tls', 'elasticsearch', 'logging', 'monitoring', 'serverless', 'deploy', 'predictors']) {
      expect(roots).toContain(root);
    }
  });

  test.each(CATALOGUE)('GIVEN %s WHEN synthesised THEN a ConfigError names path, value and fix, and dist/ is untouched', (_what, builders, path, value, fix) => {
    const error = thrownBy(() => runSynth(builders, dist, staging));
    expect(error).toBeInstanceOf(ConfigError);
    const { issues, message } = error as ConfigError;
    expect(issues.map((i) => `${i.path} (${showValue(i.value)})`)).toContain(`${path} (${value})`);
    const issue = issues.find((i) => i.path === path && showValue(i.value) === value);
    if (!issue) throw new Error('unreachable');
    expect(issue.fix).toContain(fix);
    expect(message).toContain(formatIssue(issue));
    expect(formatIssue(issue)).toBe(`${path} (${value}): ${issue.problem}; ${issue.fix}`);
    expect(message).not.toMatch(/\n\s+at /);
    expect(tree(dist)).toEqual(before);
  });
});

describe('bad-input catalogue through the synth command', () => {
  const picked = CATALOGUE.filter(([what]) => ['SASL_PLAINTEXT', 'a GitOps namespace without a repository', 'traffic that does not add up to 100', 'a quota without memory (was a serialisation crash)'].includes(what));

  test.each(picked)('GIVEN %s WHEN synthesised by the CLI THEN it exits 1 with one error line, no stack trace, and dist/ as it was', (_what, builders, path, value) => {
    const work = mkdtempSync(join(tmpdir(), 'catalogue-cli-'));
    try {
      const dist = join(work, 'dist');
      runSynth(env({}), dist, join(work, 'st'));
      const before = tree(dist);
      const out: string[] = [];
      const err: string[] = [];
      const code = synthCommand(builders, { dist, staging: join(work, 'st'), print: (l) => out.push(l), printError: (l) => err.push(l) });
      expect(code).toBe(1);
      expect(out).toEqual([]);
      expect(err[0]).toMatch(/^error: /);
      expect(err[0]).toContain(`${path} (${value}): `);
      expect(err.join('\n')).not.toContain('\n    at ');
      expect(err[err.length - 1]).toBe(`${dist}/ was left as it was.`);
      expect(tree(dist)).toEqual(before);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
