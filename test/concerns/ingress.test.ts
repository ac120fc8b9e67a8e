import { PlatformConfig } from '../../src/config';
import { IngressOptions } from '../../src/concerns/ingress';
import { SeldonPlatform } from '../../src/platform';
import { errorOf, find, render, testConfig } from '../helpers/render';

const openshift = (ingress: IngressOptions, overrides: Partial<PlatformConfig> = {}) => testConfig({ serviceMesh: { ingress }, ...overrides });
const kubernetes = (ingress: IngressOptions, overrides: Partial<PlatformConfig> = {}) => testConfig({ platform: 'kubernetes', ingressDomain: undefined, serviceMesh: { ingress }, ...overrides });

const HTTPS_SERVERS = (credentialName: string, hosts = ['*']) => [
  { port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts, tls: { httpsRedirect: true } },
  { port: { number: 443, name: 'https', protocol: 'HTTPS' }, hosts, tls: { mode: 'SIMPLE', credentialName } },
];

describe('the Seldon ingress gateway', () => {
  test('GIVEN an existing TLS secret (seed 002 SSL gateway) THEN HTTPS on 443 with it, and HTTP redirects', () => {
    const objects = render(kubernetes({ tls: { mode: 'existing-secret' } }));
    expect((find(objects, 'Gateway', 'seldon-gateway').spec as { servers: unknown }).servers).toEqual(HTTPS_SERVERS('seldon-ssl-cert'));
    const mesh = objects.filter((o) => o.object.metadata.labels?.['app.kubernetes.io/component'] === 'service-mesh');
    expect(mesh.some((o) => o.object.kind === 'Certificate' || o.object.kind === 'Route')).toBe(false);
  });

  test('GIVEN cert-manager on Kubernetes THEN a Certificate writes the secret where the gateway pods run, after cert-manager', () => {
    const objects = render(kubernetes({ hosts: ['seldon.example.com'], tls: { mode: 'cert-manager', issuerRef: { kind: 'ClusterIssuer', name: 'letsencrypt' }, dnsNames: ['seldon.example.com'], credentialName: 'seldon-tls' } }));
    expect((find(objects, 'Gateway', 'seldon-gateway').spec as { servers: unknown }).servers).toEqual(HTTPS_SERVERS('seldon-tls', ['seldon.example.com']));
    const certificate = find(objects, 'Certificate', 'seldon-gateway', 'istio-ingress');
    expect(certificate.spec).toEqual({ secretName: 'seldon-tls', issuerRef: { group: 'cert-manager.io', kind: 'ClusterIssuer', name: 'letsencrypt' }, dnsNames: ['seldon.example.com'] });
    expect(certificate.metadata.annotations?.['argocd.argoproj.io/sync-wave']).toBe('4');
  });

  test('GIVEN gateway TLS on OpenShift THEN the Route passes TLS through to the gateway\'s https port', () => {
    const objects = render(openshift({ routeHost: 'models.apps.test.example.com', tls: { mode: 'cert-manager', issuerRef: { kind: 'Issuer', name: 'mesh-ca' }, dnsNames: ['*.apps.test.example.com'] } }));
    expect(find(objects, 'Route', 'seldon-route').spec).toMatchObject({ host: 'models.apps.test.example.com', port: { targetPort: 'https' }, tls: { termination: 'passthrough', insecureEdgeTerminationPolicy: 'Redirect' } });
    expect(find(objects, 'Certificate', 'seldon-gateway', 'istio-system').spec).toMatchObject({ issuerRef: { kind: 'Issuer', name: 'mesh-ca' } });
  });

  test('GIVEN a custom gateway name and namespace THEN the Gateway moves and the model policies still admit the gateway pods', () => {
    const objects = render(kubernetes({ name: 'mygateway', namespace: 'istio-ingress' }), { models: {} });
    expect(find(objects, 'Gateway', 'mygateway').metadata.namespace).toBe('istio-ingress');
    expect(find(objects, 'NetworkPolicy', 'allow-from-ingress-gateway', 'models')).toBeDefined();
  });
});

describe('ingress configuration errors', () => {
  const rejects = (config: PlatformConfig) => errorOf(() => SeldonPlatform.validate(config));

  test('GIVEN a misspelt TLS mode THEN the right one is suggested', () => {
    expect(rejects(kubernetes({ tls: { mode: 'cert-manger' } as never }))).toContain('serviceMesh.ingress.tls.mode ("cert-manger"): is not one of none, existing-secret, cert-manager; did you mean cert-manager?');
  });

  test('GIVEN cert-manager without names or issuer THEN each is rejected', () => {
    const message = rejects(kubernetes({ tls: { mode: 'cert-manager', issuerRef: { kind: 'Issuer', name: '' }, dnsNames: [] } }));
    expect(message).toContain('serviceMesh.ingress.tls.issuerRef.name (""): is required and must be a non-empty string');
    expect(message).toContain('serviceMesh.ingress.tls.dnsNames ([]): is empty: a certificate needs at least one name');
  });

  test('GIVEN cert-manager with the tls component off THEN it is rejected', () => {
    expect(rejects(kubernetes({ tls: { mode: 'cert-manager', issuerRef: { kind: 'ClusterIssuer', name: 'ca' }, dnsNames: ['seldon.example.com'] } }, { tls: false }))).toContain('serviceMesh.ingress.tls.mode ("cert-manager"): needs cert-manager, and the tls component is disabled');
  });

  test('GIVEN a certificate that does not cover the OpenShift Route host THEN it is rejected', () => {
    expect(rejects(openshift({ tls: { mode: 'cert-manager', issuerRef: { kind: 'ClusterIssuer', name: 'ca' }, dnsNames: ['seldon.example.com'] } }))).toContain(
      'serviceMesh.ingress.tls.dnsNames (["seldon.example.com"]): does not cover the Route host seldon.apps.test.example.com: the Route passes TLS through, so clients would get a certificate for another name; add "seldon.apps.test.example.com" to dnsNames',
    );
  });

  test('GIVEN a Route host on Kubernetes THEN it is rejected', () => {
    expect(rejects(kubernetes({ routeHost: 'seldon.example.com' }))).toContain('serviceMesh.ingress.routeHost ("seldon.example.com"): only applies on OpenShift');
  });

  test('GIVEN no hosts, a bad host or a bad gateway name THEN each is rejected', () => {
    expect(rejects(kubernetes({ hosts: [] }))).toContain('serviceMesh.ingress.hosts ([]): is empty: the gateway would serve no host');
    expect(rejects(kubernetes({ hosts: ['https://seldon.example.com'] }))).toContain('serviceMesh.ingress.hosts[0] ("https://seldon.example.com"): is not a host name');
    expect(rejects(kubernetes({ name: 'Seldon_Gateway' }))).toContain('serviceMesh.ingress.name ("Seldon_Gateway"): is not a DNS-1123 label');
  });
});
