/**
 * The secure-defaults report (src/review/secure-defaults.ts): every rule on (or not applicable) in the reference
 * environments, every config opt-out turns its rule off and is named, and rules broken without an opt-in show as off
 * with no opt-in. The report reads rendered objects only, so the last part feeds it hand-made objects.
 */
import { App } from 'cdk8s';
import { PlatformConfig } from '../src/config';
import { EnvironmentBuilder } from '../src/environments';
import { kubernetes } from '../src/environments/kubernetes';
import { openshift } from '../src/environments/openshift';
import { openshift414 } from '../examples/openshift-4-14';
import { SYNC_WAVE } from '../src/lib/argo';
import { KubeObject } from '../src/lib/render';
import { isPinnedImage } from '../src/review/secure-defaults-scans';
import { SECURE_DEFAULT_IDS, SecureDefault, SecureDefaultId, secureDefaults, secureDefaultsLine } from '../src/review/secure-defaults';
import { render, testConfig } from './helpers/render';

function reportOf(build: EnvironmentBuilder): SecureDefault[] {
  return secureDefaults(build(new App()).render().map((o) => o.object));
}

function reportFor(overrides: Partial<PlatformConfig>): SecureDefault[] {
  return secureDefaults(render(testConfig(overrides), { models: {} }).map((o) => o.object));
}

function rule(report: readonly SecureDefault[], id: SecureDefaultId): SecureDefault {
  const found = report.find((r) => r.id === id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
}

const offRules = (report: readonly SecureDefault[]) => report.filter((r) => r.status === 'off').map((r) => r.id);
const K8S: Partial<PlatformConfig> = { platform: 'kubernetes', ingressDomain: undefined };

describe('the reference environments keep every secure default', () => {
  test('GIVEN the openshift environment WHEN rendered THEN every rule is on', () => {
    expect(reportOf(openshift).map((r) => [r.id, r.status])).toEqual([
      ['core2-control-plane-tls', 'on'],
      ['core2-envoy-tls', 'on'],
      ['kafka-tls', 'on'],
      ['kafka-no-plaintext-listener', 'on'],
      ['core-v1-auto-mtls', 'on'],
      ['istio-strict-mtls', 'on'],
      ['network-policies', 'on'],
      ['non-root-workloads', 'on'],
      ['pinned-images', 'on'],
      ['tls-verification', 'on'],
    ]);
  });

  test('GIVEN the kubernetes environment WHEN rendered THEN every rule is on (non-root: the workload hardening sets securityContexts)', () => {
    expect(reportOf(kubernetes).map((r) => [r.id, r.status])).toEqual([
      ['core2-control-plane-tls', 'on'],
      ['core2-envoy-tls', 'on'],
      ['kafka-tls', 'on'],
      ['kafka-no-plaintext-listener', 'on'],
      ['core-v1-auto-mtls', 'on'],
      ['istio-strict-mtls', 'on'],
      ['network-policies', 'on'],
      ['non-root-workloads', 'on'],
      ['pinned-images', 'on'],
      ['tls-verification', 'on'],
    ]);
  });

  test('GIVEN the reference environments WHEN reported THEN no rule names an opt-in and the rules come in report order', () => {
    for (const build of [openshift, kubernetes, openshift414]) {
      const report = reportOf(build);
      expect(report.map((r) => r.id)).toEqual([...SECURE_DEFAULT_IDS]);
      expect(report.filter((r) => r.optIn !== undefined)).toEqual([]);
    }
  });

  test('GIVEN openshift (Service Mesh 3) WHEN reported THEN the operator namespaces without NetworkPolicies are named as exemptions, with their reason', () => {
    const evidence = rule(reportOf(openshift), 'network-policies').evidence;
    for (const ns of ['istio-ingress', 'seldon', 'seldon-argocd', 'seldon-gitops', 'seldon-kafka', 'seldon-logs', 'seldon-system']) expect(evidence).toContainEqual(expect.stringMatching(new RegExp(`^${ns}: [1-9]\\d* NetworkPolic(y|ies)$`)));
    expect(evidence).toContain('cert-manager-operator exempt: OLM operator namespace (Subscription openshift-cert-manager-operator)');
    expect(evidence).toContain('istio-system exempt: operands of Istio default');
    expect(evidence).toContain('istio-cni exempt: operands of IstioCNI default');
    expect(evidence).toContain('openshift-logging exempt: OLM operator namespace (Subscription cluster-logging)');
    expect(evidence.filter((e) => e.includes(' exempt: '))).toHaveLength(7); // openshift-gitops-operator is a prerequisite, not rendered
  });

  test('GIVEN the OpenShift 4.14 example (Service Mesh 2.6) WHEN reported THEN the control plane namespace is exempt as the control plane operands (manageNetworkPolicy off)', () => {
    const evidence = rule(reportOf(openshift414), 'network-policies').evidence;
    // manageNetworkPolicy: false (docs/data-paths.md): the operator writes no policies, the namespace is exempt as its operands'.
    expect(evidence).toContain('istio-system exempt: operands of ServiceMeshControlPlane basic');
    expect(evidence).toContain('openshift-logging exempt: OLM operator namespace (Subscription cluster-logging); operands of ClusterLogging instance');
    expect(evidence.filter((e) => e.includes(' exempt: '))).toHaveLength(6); // openshift-gitops-operator is a prerequisite now, not rendered
  });

  test('GIVEN kubernetes WHEN reported THEN Helm-installed operator namespaces (created by Argo CD) and Knative operand namespaces are the exemptions', () => {
    const evidence = rule(reportOf(kubernetes), 'network-policies').evidence;
    expect(evidence).toContain('cert-manager exempt: Helm-installed cert-manager');
    expect(evidence).toContain('istio-system exempt: Helm-installed base, istiod');
    expect(evidence).toContain('istio-ingress exempt: Helm-installed gateway');
    expect(evidence).toContain('knative-serving exempt: operands of KnativeServing knative-serving');
    expect(evidence).toContain('monitoring exempt: Helm-installed kube-prometheus-stack');
  });

  test('GIVEN openshift WHEN reported THEN the evidence shows each setting the rules read', () => {
    const report = reportOf(openshift);
    expect(rule(report, 'kafka-no-plaintext-listener').evidence).toContain('seldon-core-v2-setup values kafka.bootstrap → seldon-kafka/seldon listener tls:9093 (TLS)');
    expect(rule(report, 'core-v1-auto-mtls').evidence).toEqual(['Application openshift-gitops/seldon-core values istio.tlsMode: unset (auto mTLS)']);
    expect(rule(report, 'istio-strict-mtls').evidence).toEqual([
      'PeerAuthentication istio-system/default (mesh-wide) mtls.mode: STRICT',
      'seldon: PeerAuthentication STRICT',
      'seldon-gitops: PeerAuthentication STRICT',
      'istio-ingress: mesh-wide STRICT',
      'seldon-kafka: mesh-wide STRICT',
      'seldon-logs: mesh-wide STRICT',
      'seldon-system: mesh-wide STRICT',
    ]);
    expect(rule(reportOf(openshift414), 'istio-strict-mtls').evidence).toEqual([
      'ServiceMeshControlPlane istio-system/basic security.dataPlane.mtls: true (mesh-wide STRICT)',
      'seldon: PeerAuthentication STRICT',
      'seldon-gitops: PeerAuthentication STRICT',
      'seldon-kafka: mesh-wide STRICT',
      'seldon-logs: mesh-wide STRICT',
      'seldon-system: mesh-wide STRICT',
    ]);
    expect(rule(report, 'tls-verification').evidence[0]).toBe('seldon-core-v2-setup values security.kafka.ssl.client.endpointIdentificationAlgorithm: https (broker host names verified)');
  });
});

describe('every config opt-out turns its rule off and names the option', () => {
  const STACK = (values: Record<string, unknown>): Partial<PlatformConfig> => ({ ...K8S, monitoring: { stackValues: values } });
  const META = (values: Partial<Extract<PlatformConfig['metaOperator'], object>>): Partial<PlatformConfig> => ({ metaOperator: values, coreV1: false, deploy: false });

  test.each<[string, SecureDefaultId, Partial<PlatformConfig>, string, SecureDefaultId[]]>([
    ['control-plane PLAINTEXT', 'core2-control-plane-tls', { coreV2: { security: { controlPlane: 'PLAINTEXT' } } }, 'coreV2.security.controlPlane: "PLAINTEXT"', ['core2-control-plane-tls']],
    ['Envoy PLAINTEXT', 'core2-envoy-tls', { coreV2: { security: { envoy: 'PLAINTEXT' } } }, 'coreV2.security.envoy: "PLAINTEXT"', ['core2-envoy-tls']],
    ['plaintext Kafka', 'kafka-tls', { kafka: { security: { mode: 'plaintext' } } }, 'kafka.security.mode: "plaintext"', ['kafka-tls', 'kafka-no-plaintext-listener']],
    ['custom PLAINTEXT Kafka, through the plain listener', 'kafka-no-plaintext-listener', { kafka: { security: { mode: 'custom', protocol: 'PLAINTEXT' } } }, '"custom" with protocol "PLAINTEXT"', ['kafka-tls', 'kafka-no-plaintext-listener']],
    // Another Core v1 TLS mode is only accepted with a permissive mesh, so both Istio rules go off.
    ['Core v1 (OLM) tlsMode SIMPLE', 'core-v1-auto-mtls', { serviceMesh: { mtls: 'PERMISSIVE' }, coreV1: { istio: { tlsMode: 'SIMPLE' } } }, 'coreV1.istio.tlsMode: "SIMPLE"', ['core-v1-auto-mtls', 'istio-strict-mtls']],
    ['Core v1 (Helm) tlsMode DISABLE', 'core-v1-auto-mtls', { ...K8S, serviceMesh: { mtls: 'PERMISSIVE' }, coreV1: { istio: { tlsMode: 'DISABLE' } } }, 'coreV1.istio.tlsMode: "DISABLE"', ['core-v1-auto-mtls', 'istio-strict-mtls']],
    ['Meta-Operator core values tlsMode MUTUAL', 'core-v1-auto-mtls', META({ coreValues: { istio: { tlsMode: 'MUTUAL' } } }), 'metaOperator.coreValues.istio.tlsMode: "MUTUAL"', ['core-v1-auto-mtls']],
    ['OpenShift mesh PERMISSIVE', 'istio-strict-mtls', { serviceMesh: { mtls: 'PERMISSIVE' } }, 'serviceMesh.mtls: "PERMISSIVE"', ['istio-strict-mtls']],
    ['Kubernetes mesh PERMISSIVE', 'istio-strict-mtls', { ...K8S, serviceMesh: { mtls: 'PERMISSIVE' } }, 'serviceMesh.mtls: "PERMISSIVE"', ['istio-strict-mtls']],
    ['Deploy defaultUserID 0', 'non-root-workloads', { deploy: { defaultUserID: '0' } }, 'deploy.defaultUserID: "0"', ['non-root-workloads']],
    ['a root securityContext in stackValues', 'non-root-workloads', STACK({ prometheus: { prometheusSpec: { securityContext: { runAsNonRoot: false } } } }), 'monitoring.stackValues.prometheus.prometheusSpec.securityContext.runAsNonRoot: false', ['non-root-workloads']],
    ['a latest tag in stackValues', 'pinned-images', STACK({ grafana: { image: { tag: 'latest' } } }), 'monitoring.stackValues.grafana.image.tag: "latest"', ['pinned-images']],
    ['a latest image in the Meta-Operator enterprise values', 'pinned-images', META({ enterpriseValues: { image: { image: 'seldonio/seldon-deploy-server:latest' } } }), 'metaOperator.enterpriseValues.image.image: "seldonio/seldon-deploy-server:latest"', ['pinned-images']],
    ['Kafka host name verification off', 'tls-verification', { kafka: { security: { mode: 'strimzi-mtls', endpointIdentification: 'none' } } }, 'kafka.security.endpointIdentification: "none"', ['tls-verification']],
    ['curl -k in Deploy', 'tls-verification', { deploy: { curlInsecure: true } }, 'deploy.curlInsecure: true', ['tls-verification']],
    ['insecureSkipVerify in stackValues', 'tls-verification', STACK({ grafana: { 'grafana.ini': { server: { insecureSkipVerify: true } } } }), 'monitoring.stackValues.grafana.grafana.ini.server.insecureSkipVerify: true', ['tls-verification']],
  ])('GIVEN %s WHEN rendered THEN %s is off and names the opt-in', (_what, id, overrides, optIn, off) => {
    const report = reportFor(overrides);
    const found = rule(report, id);
    expect(found.status).toBe('off');
    expect(found.optIn).toContain(optIn);
    expect(offRules(report)).toEqual(off);
  });

  test('GIVEN the plain listener opened next to TLS WHEN Seldon uses the TLS one THEN the rule stays on and says the plain one is unused', () => {
    const found = rule(reportFor({ kafka: { provider: { type: 'strimzi', cluster: { plainListener: true } } } }), 'kafka-no-plaintext-listener');
    expect(found.status).toBe('on');
    expect(found.evidence).toContain('seldon-kafka/seldon listener plain:9092 is plaintext but no Seldon client uses it (kafka.provider.cluster.plainListener: true)');
  });

  test('GIVEN components switched off WHEN reported THEN their rules are not applicable, with the reason', () => {
    const report = reportFor({ coreV2: false, kafka: false, serviceMesh: false, coreV1: { istio: false } });
    expect(rule(report, 'core2-envoy-tls')).toMatchObject({ status: 'not-applicable', evidence: ['no seldon-core-v2-setup Application is rendered'] });
    expect(rule(report, 'core-v1-auto-mtls').status).toBe('not-applicable');
    expect(rule(report, 'istio-strict-mtls').status).toBe('not-applicable');
    expect(offRules(report)).toEqual([]);
  });

  test('GIVEN the trial PostgreSQL WHEN reported THEN its Deployment is the evidence of the non-root rule', () => {
    for (const platform of [{}, K8S]) {
      const found = rule(reportFor({ ...platform, modelCatalogue: { trialInstance: true } }), 'non-root-workloads');
      expect(found.status).toBe('on');
      expect(found.evidence).toContain('Deployment seldon-system/metadata: runAsNonRoot, allowPrivilegeEscalation false');
    }
  });
});

/** A hand-made object with a sync wave, for the rules that no config option can break. */
function obj(apiVersion: string, kind: string, name: string, namespace: string | undefined, rest: Record<string, unknown> = {}): KubeObject {
  return { apiVersion, kind, metadata: { name, ...(namespace ? { namespace } : {}), annotations: { [SYNC_WAVE]: '0' } }, ...rest };
}

const deployment = (name: string, pod: Record<string, unknown>) => obj('apps/v1', 'Deployment', name, 'seldon', { spec: { template: { spec: pod } } });

describe('rules broken without a config opt-in are off with no opt-in named', () => {
  test('GIVEN a namespace without NetworkPolicies and no operator WHEN reported THEN network-policies is off and names it', () => {
    const found = rule(secureDefaults([obj('v1', 'Namespace', 'models', undefined)]), 'network-policies');
    expect(found).toEqual(expect.objectContaining({ status: 'off', evidence: ['models: no NetworkPolicy (created by a Namespace object)'] }));
    expect(found.optIn).toBeUndefined();
  });

  test('GIVEN an OLM operator namespace that also runs a workload of ours WHEN reported THEN it is not exempt', () => {
    const objects = [
      obj('v1', 'Namespace', 'tools', undefined),
      obj('operators.coreos.com/v1alpha1', 'Subscription', 'tool', 'tools', { spec: { name: 'tool' } }),
      obj('apps/v1', 'Deployment', 'helper', 'tools', {}),
    ];
    expect(rule(secureDefaults(objects), 'network-policies').evidence).toEqual(['tools: no NetworkPolicy (created by a Namespace object)']);
  });

  test('GIVEN a Seldon chart installed into a namespace Argo CD creates WHEN it has no NetworkPolicy THEN it is not exempt', () => {
    const app = obj('argoproj.io/v1alpha1', 'Application', 'seldon-deploy', 'argocd', {
      spec: { source: { chart: 'seldon-deploy', helm: { valuesObject: {} } }, destination: { namespace: 'deploy' }, syncPolicy: { syncOptions: ['CreateNamespace=true'] } },
    });
    expect(rule(secureDefaults([app]), 'network-policies').evidence).toEqual(['deploy: no NetworkPolicy (created by Argo CD CreateNamespace)']);
  });

  test('GIVEN a member namespace whose PeerAuthentication is PERMISSIVE WHEN the mesh is STRICT THEN istio-strict-mtls is off for that namespace', () => {
    const objects = [
      obj('maistra.io/v2', 'ServiceMeshControlPlane', 'basic', 'istio-system', { spec: { security: { dataPlane: { mtls: true } } } }),
      obj('maistra.io/v1', 'ServiceMeshMemberRoll', 'default', 'istio-system', { spec: { members: ['models', 'other'] } }),
      obj('security.istio.io/v1beta1', 'PeerAuthentication', 'default', 'models', { spec: { mtls: { mode: 'PERMISSIVE' } } }),
    ];
    expect(rule(secureDefaults(objects), 'istio-strict-mtls')).toEqual(
      expect.objectContaining({
        status: 'off',
        evidence: ['models: sidecars without STRICT mTLS (namespace PeerAuthentication PERMISSIVE)', 'ServiceMeshControlPlane istio-system/basic security.dataPlane.mtls: true (mesh-wide STRICT)', 'other: mesh-wide STRICT'],
      }),
    );
  });

  test('GIVEN a pod without a securityContext WHEN reported THEN non-root-workloads is off and names the container', () => {
    const found = rule(secureDefaults([deployment('root', { containers: [{ name: 'app', image: 'example/app:1.0' }] })]), 'non-root-workloads');
    expect(found.status).toBe('off');
    expect(found.evidence).toEqual([
      'Deployment seldon/root: container app may run as root (runAsNonRoot not true, or runAsUser 0)',
      'Deployment seldon/root: container app allows privilege escalation (allowPrivilegeEscalation not false)',
    ]);
    expect(found.optIn).toBeUndefined();
  });

  test('GIVEN a pod non-root at pod level but runAsUser 0 in a container WHEN reported THEN it is off', () => {
    const pod = { securityContext: { runAsNonRoot: true }, containers: [{ name: 'app', image: 'example/app:1.0', securityContext: { runAsUser: 0, allowPrivilegeEscalation: false } }] };
    expect(rule(secureDefaults([deployment('mixed', pod)]), 'non-root-workloads').evidence).toEqual(['Deployment seldon/mixed: container app may run as root (runAsNonRoot not true, or runAsUser 0)']);
  });

  test('GIVEN a SeldonDeployment with an unpinned custom image WHEN reported THEN pinned-images is off and names it', () => {
    const sdep = obj('machinelearning.seldon.io/v1', 'SeldonDeployment', 'iris', 'seldon', {
      spec: { predictors: [{ name: 'main', componentSpecs: [{ spec: { containers: [{ name: 'classifier', image: 'seldonio/mock_classifier' }] } }] }] },
    });
    expect(rule(secureDefaults([sdep]), 'pinned-images')).toEqual(
      expect.objectContaining({ status: 'off', evidence: ['SeldonDeployment seldon/iris predictors[0].componentSpecs[0] container classifier: seldonio/mock_classifier is not pinned (no tag, or latest)'] }),
    );
  });

  test('GIVEN insecureSkipVerify on a rendered object WHEN reported THEN tls-verification is off without an opt-in', () => {
    const forwarder = obj('logging.openshift.io/v1', 'ClusterLogForwarder', 'instance', 'openshift-logging', { spec: { outputs: [{ name: 'es', tls: { insecureSkipVerify: true } }] } });
    const found = rule(secureDefaults([forwarder]), 'tls-verification');
    expect(found.status).toBe('off');
    expect(found.evidence[0]).toBe('ClusterLogForwarder openshift-logging/instance spec.outputs.0.tls.insecureSkipVerify: true');
    expect(found.optIn).toBeUndefined();
  });

  test('GIVEN a bootstrap on a port no listener has WHEN reported THEN kafka-no-plaintext-listener is off', () => {
    const kafka = obj('kafka.strimzi.io/v1beta2', 'Kafka', 'seldon', 'seldon-kafka', { spec: { kafka: { listeners: [{ name: 'tls', port: 9093, type: 'internal', tls: true }] } } });
    const runtime = obj('mlops.seldon.io/v1alpha1', 'SeldonRuntime', 'seldon', 'models', { spec: { config: { kafkaConfig: { 'bootstrap.servers': 'seldon-kafka-bootstrap.seldon-kafka.svc.cluster.local:9092' } } } });
    expect(rule(secureDefaults([kafka, runtime]), 'kafka-no-plaintext-listener').evidence).toEqual([
      'SeldonRuntime models/seldon spec.config.kafkaConfig → seldon-kafka-bootstrap.seldon-kafka.svc.cluster.local:9092: no listener of Kafka seldon-kafka/seldon has that port',
    ]);
  });
});

describe('the report in one line', () => {
  test('GIVEN the reference environments WHEN summarised THEN the line counts the applicable rules and names the others', () => {
    expect(secureDefaultsLine(reportOf(openshift))).toBe('secure defaults: 10/10 on');
    expect(secureDefaultsLine(reportOf(kubernetes))).toBe('secure defaults: 10/10 on');
  });

  test('GIVEN rules off WHEN summarised THEN each is named with the option that turned it off, or "without an opt-in"', () => {
    const line = secureDefaultsLine(reportFor({ coreV2: { security: { envoy: 'PLAINTEXT' } } }));
    expect(line).toBe('secure defaults: 9/10 on (off: core2-envoy-tls by coreV2.security.envoy: "PLAINTEXT")');
    expect(secureDefaultsLine(secureDefaults([obj('v1', 'Namespace', 'models', undefined)]))).toMatch(/^secure defaults: 1\/2 on \(off: network-policies without an opt-in; not applicable: /);
  });

  test.each([
    ['seldonio/seldon-deploy-server:2.4.0', true],
    ['registry.example.com:5000/seldon/app@sha256:' + 'a'.repeat(64), true],
    ['registry.example.com:5000/seldon/app', false],
    ['seldonio/app:latest', false],
    ['seldonio/app', false],
  ])('the image %s is pinned: %s', (image, pinned) => {
    expect(isPinnedImage(image)).toBe(pinned);
  });
});

test('GIVEN OpenShift Logging 6 THEN every rule stays on: the collector namespace is an operator namespace', () => {
  const report = reportFor({ logging: { version: 6 } });
  expect(offRules(report)).toEqual([]);
  expect(rule(report, 'network-policies').evidence.some((e) => e.startsWith('openshift-logging exempt: OLM operator namespace'))).toBe(true);
});
