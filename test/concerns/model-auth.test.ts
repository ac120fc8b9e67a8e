import { PlatformConfig } from '../../src/config';
import { ModelNamespaceOptions } from '../../src/concerns/model-namespace';
import { KubeObject, RenderedObject } from '../../src/lib/render';
import { SeldonPlatform } from '../../src/platform';
import { errorOf, find, render, testConfig } from '../helpers/render';

const kubernetes = (overrides: Partial<PlatformConfig> = {}): PlatformConfig => testConfig({ platform: 'kubernetes', ingressDomain: undefined, logging: false, ...overrides });

const auth = { issuer: 'https://keycloak.example.com/auth/realms/deploy-realm', jwksUri: 'https://keycloak.example.com/auth/realms/deploy-realm/protocol/openid-connect/certs', audiences: ['seldon-models'] };
const namespaces: Record<string, ModelNamespaceOptions> = { secured: { auth }, open: {}, 'core-v2-only': { coreV1: false } };

const authObjects = (objects: readonly RenderedObject[]): KubeObject[] => objects.filter((o) => o.object.metadata.labels?.['app.kubernetes.io/component'] === 'model-auth').map((o) => o.object);

describe.each([
  ['OpenShift', testConfig()],
  ['Kubernetes', kubernetes()],
])('model namespace auth on %s', (_platform, config) => {
  const objects = render(config, namespaces);

  test('GIVEN namespaces with and without auth WHEN rendered THEN the objects match the snapshot', () => {
    expect(authObjects(objects)).toMatchSnapshot();
  });

  test('THEN every model namespace is STRICT mTLS (security.istio.io/v1beta1, served by OpenShift Service Mesh 2.x)', () => {
    for (const ns of Object.keys(namespaces)) {
      const pa = find(objects, 'PeerAuthentication', 'default', ns);
      expect(pa.apiVersion).toBe('security.istio.io/v1beta1');
      expect(pa.spec).toEqual({ mtls: { mode: 'STRICT' } });
      expect(pa.metadata.annotations?.['argocd.argoproj.io/sync-wave']).toBe('14');
    }
  });

  test('THEN Seldon Core pods keep their metrics ports PERMISSIVE for a Prometheus outside the mesh, in Core v1 namespaces only', () => {
    expect(find(objects, 'PeerAuthentication', 'seldon-metrics', 'open').spec).toEqual({
      selector: { matchLabels: { 'app.kubernetes.io/managed-by': 'seldon-core' } },
      mtls: { mode: 'STRICT' },
      portLevelMtls: { '6000': { mode: 'PERMISSIVE' }, '8000': { mode: 'PERMISSIVE' }, '6001': { mode: 'PERMISSIVE' } },
    });
    expect(objects.filter((o) => o.object.kind === 'PeerAuthentication' && o.object.metadata.namespace === 'core-v2-only').map((o) => o.object.metadata.name)).toEqual(['default']);
  });

  test('GIVEN auth THEN a RequestAuthentication trusts the issuer\'s JWKS and audiences', () => {
    expect(find(objects, 'RequestAuthentication', 'seldon-jwt', 'secured').spec).toEqual({ jwtRules: [{ issuer: auth.issuer, jwks_uri: auth.jwksUri, audiences: ['seldon-models'] }] });
  });

  test('GIVEN auth THEN an AuthorizationPolicy requires a valid token, except same-namespace calls and the seed\'s Prometheus scrape', () => {
    expect(find(objects, 'AuthorizationPolicy', 'seldon-require-jwt', 'secured').spec).toEqual({
      action: 'ALLOW',
      rules: [
        { from: [{ source: { requestPrincipals: ['*'] } }] },
        { from: [{ source: { namespaces: ['secured'] } }] },
        { to: [{ operation: { methods: ['GET'], paths: ['/prometheus'], ports: ['6000', '8000', '6001'] } }] },
      ],
    });
  });

  test('GIVEN no auth THEN there is no token policy', () => {
    const kinds = authObjects(objects).filter((o) => o.metadata.namespace === 'open').map((o) => o.kind);
    expect(kinds).toEqual(['PeerAuthentication', 'PeerAuthentication']);
  });
});

describe('model namespace auth', () => {
  test('GIVEN auth without audiences THEN the rule has none', () => {
    const objects = render(testConfig(), { secured: { auth: { issuer: auth.issuer, jwksUri: auth.jwksUri } } });
    expect(find(objects, 'RequestAuthentication', 'seldon-jwt', 'secured').spec).toEqual({ jwtRules: [{ issuer: auth.issuer, jwks_uri: auth.jwksUri }] });
  });

  test('GIVEN the service mesh off THEN no Istio security object is rendered', () => {
    const objects = render(testConfig({ serviceMesh: false, coreV1: { istio: false } }), { open: {} });
    expect(authObjects(objects)).toEqual([]);
  });
});

describe('the namespace mTLS mode follows the mesh', () => {
  test('GIVEN serviceMesh.mtls PERMISSIVE THEN the namespace PeerAuthentications are permissive too', () => {
    const objects = render(testConfig({ serviceMesh: { mtls: 'PERMISSIVE' } }), { models: {} });
    expect((find(objects, 'PeerAuthentication', 'default', 'models').spec as { mtls: { mode: string } }).mtls.mode).toBe('PERMISSIVE');
    expect((find(objects, 'PeerAuthentication', 'seldon-metrics', 'models').spec as { mtls: { mode: string } }).mtls.mode).toBe('PERMISSIVE');
  });

  test('GIVEN STRICT mTLS THEN a Core v1 TLS mode other than ISTIO_MUTUAL is rejected: the gateway could not reach predictors', () => {
    expect(errorOf(() => SeldonPlatform.validate(testConfig({ coreV1: { istio: { tlsMode: 'DISABLE' } } })))).toContain('coreV1.istio.tlsMode ("DISABLE"): the model namespaces\' sidecars accept only Istio mutual TLS');
    expect(() => SeldonPlatform.validate(testConfig({ serviceMesh: { mtls: 'PERMISSIVE' }, coreV1: { istio: { tlsMode: 'DISABLE' } } }))).not.toThrow();
  });
});
