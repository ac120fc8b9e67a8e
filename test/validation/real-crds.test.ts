/**
 * Against the pinned upstream CRDs and Kubernetes 1.28 definitions in ../shared/crds. Skipped on a fresh clone
 * without that folder; CI passes it.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Finding, ManifestValidator } from '../../src/validation';
import { manifest } from './fixtures';

const SHARED_CRDS = resolve(__dirname, '../../../shared/crds');
const describeWithCrds = existsSync(SHARED_CRDS) ? describe : describe.skip;

describeWithCrds('real CRDs in ../shared/crds', () => {
  const validator = new ManifestValidator({ crdDir: SHARED_CRDS });
  const validate = (object: unknown): Finding[] => validator.validate([{ file: 'object.yaml', object }]);
  const summary = (findings: Finding[]): string[][] => findings.map((f) => [f.check, f.path, f.message]);

  const gateway = manifest('networking.istio.io/v1beta1', 'Gateway', {
    spec: {
      selector: { istio: 'ingressgateway' },
      servers: [
        { hosts: ['*'], port: { name: 'http', number: 80, protocol: 'HTTP' } },
        { hosts: ['*'], port: { name: 'https', number: 443, protocol: 'HTTPS' }, tls: { mode: 'SIMPLE', credentialName: 'seldon-tls' } },
      ],
    },
  });

  const kafka = manifest('kafka.strimzi.io/v1beta2', 'Kafka', {
    spec: {
      kafka: {
        version: '4.1.0',
        listeners: [{ name: 'tls', port: 9093, type: 'internal', tls: true, authentication: { type: 'tls' } }],
        config: { 'min.insync.replicas': 2, 'offsets.topic.replication.factor': 3 },
      },
      entityOperator: { topicOperator: {}, userOperator: {} },
    },
  });

  test('GIVEN an OSSM-style Istio v1beta1 Gateway WHEN validated THEN it matches the Istio CRD', () => {
    expect(summary(validate(gateway))).toEqual([]);
  });

  test('GIVEN the Gateway with a misspelt TLS field WHEN validated THEN the path and a suggestion are reported', () => {
    const spec = gateway.spec as { servers: Record<string, unknown>[] };
    const broken = { ...gateway, spec: { ...spec, servers: [spec.servers[0], { ...spec.servers[1], tls: { mode: 'SIMPLE', credentialname: 'x' } }] } };
    expect(summary(validate(broken))).toEqual([['schema', 'spec.servers[1].tls.credentialname', 'unknown field "credentialname": did you mean "credentialName"?']]);
  });

  test('GIVEN a Strimzi v1beta2 Kafka (as AMQ Streams serves) WHEN validated THEN the 0.51.0 CRD serves and accepts it', () => {
    expect(summary(validate(kafka))).toEqual([]);
  });

  test('GIVEN the Kafka with a listener type outside the enum WHEN validated THEN the allowed values are named', () => {
    const spec = kafka.spec as { kafka: Record<string, unknown> };
    const broken = { ...kafka, spec: { ...spec, kafka: { ...spec.kafka, listeners: [{ name: 'tls', port: 9093, type: 'internl', tls: true }] } } };
    const findings = validate(broken);
    expect(findings.map((f) => f.path)).toEqual(['spec.kafka.listeners[0].type']);
    expect(findings[0].message).toMatch(/^"internl" is not one of "internal", /);
  });

  test('GIVEN a NetworkPolicy with a misspelt field WHEN validated THEN the Kubernetes 1.28 definitions reject it', () => {
    const policy = manifest('networking.k8s.io/v1', 'NetworkPolicy', {
      spec: { podSelector: {}, ingress: [{ from: [{ namespaceSelector: {} }], ports: [{ port: 'http' }, { port: 8080 }] }], policyType: ['Ingress'] },
    });
    expect(summary(validate(policy))).toEqual([['schema', 'spec.policyType', 'unknown field "policyType": did you mean "policyTypes"?']]);
  });

  test('GIVEN an ExternalSecret at v1beta1 WHEN validated THEN the not-served version is reported', () => {
    const findings = validate(manifest('external-secrets.io/v1beta1', 'ExternalSecret', { spec: {} }));
    expect(summary(findings)).toEqual([
      ['unknown-kind', '', 'external-secrets.io/v1beta1 ExternalSecret is defined but has served: false; use apiVersion external-secrets.io/v1'],
    ]);
  });
});
