import { keyWords, redactSecrets, scanSecrets, secretReason } from '../../src/lib/secret-scan';

/** Built from parts so that no token-shaped literal sits in the repository. */
const GITHUB = ['ghp', 'Zq8vN3xK1mR7tY5wL2pB9cF4hJ6dS0aE3gU8'].join('_');
const RANDOM = ['aB3xQ9zLmP2vK8wR4tY7', 'uN1cE5hJ6gF0dSq'].join('');
const PEM = ['-----BEGIN', 'PRIVATE KEY-----\nMIIEvQIBADANBg\n-----END PRIVATE KEY-----'].join(' ');

describe('secret scanner: a secret referenced by name is allowed, a secret value is not', () => {
  test.each([
    ['existingSecret', 'seldon-postgres'],
    ['secretName', 'seldon-db'],
    ['passwordSecret', 'kafka-user-password'],
    ['clientSecret', 'seldon-kafka-user'],
    ['tokenSecretRef', 'anything at all'],
    ['passwordKey', 'password'],
    ['secretKey', 'password'],
    ['existingSecretPasswordKey', 'postgres-password'],
    ['tokenEndpoint', 'https://idp.example.com/token'],
    ['token_endpoint_url', 'https://idp.example.com/token'],
    ['password', ''],
    ['image', 'quay.io/seldon/seldon-deploy-server@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef'],
    ['targetRevision', '0123456789abcdef0123456789abcdef01234567'],
    ['passThrough', 'x'],
  ])('GIVEN %s: %p THEN it is a reference (or no secret) and passes', (key, value) => {
    expect(secretReason(key, value)).toBeUndefined();
  });

  test.each([
    ['password', 'hunter2', 'the key "password" names a credential'],
    ['sasl_password', 'x', 'the key "sasl_password" names a credential'],
    ['DB_PASS', 'x', 'the key "DB_PASS" names a credential'],
    ['adminPasswd', 'x', 'the key "adminPasswd" names a credential'],
    ['apiKey', 'x', 'the key "apiKey" names a credential'],
    ['api_key', 'x', 'the key "api_key" names a credential'],
    ['private-key', 'x', 'the key "private-key" names a credential'],
    ['authToken', 'x', 'the key "authToken" names a credential'],
    ['credentials', 'x', 'the key "credentials" names a credential'],
    ['clientSecret', 'S3cr3t!', 'this is not a Secret name'],
    ['existingSecret', 'a b', 'this is not a Secret name'],
    ['url', 'postgres://seldon:pw@db.example.com/deploy', 'a URL with a password'],
    ['note', PEM, 'a PEM private key block'],
    ['note', `token is ${GITHUB}`, 'a GitHub token'],
    ['note', ['AKIA', 'Q3ZV7XK2M9PL4RTB'].join(''), 'an AWS access key id'],
    ['note', RANDOM, 'high entropy'],
  ])('GIVEN %s: <value> THEN it is refused, saying why', (key, value, why) => {
    expect(secretReason(key, value)).toContain(why);
  });

  test('GIVEN an env entry { name, value } THEN the value is judged by the name; valueFrom passes', () => {
    const env = [
      { name: 'DB_PASSWORD', value: 'hunter2' },
      { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
      { name: 'LOG_LEVEL', value: 'debug' },
    ];
    expect(scanSecrets({ env }, '')).toEqual([{ path: 'env[0].value', reason: 'the key "DB_PASSWORD" names a credential, so its value is one' }]);
  });

  test('GIVEN nested values THEN every finding has its path, and redaction keeps the names', () => {
    const values = { db: { existingSecret: 'pg', password: 'hunter2' }, 'odd.key': [GITHUB] };
    expect(scanSecrets(values, 'deploy.values').map((f) => f.path)).toEqual(['deploy.values.db.password', 'deploy.values["odd.key"][0]']);
    expect(redactSecrets(values)).toEqual({ db: { existingSecret: 'pg', password: '<redacted>' }, 'odd.key': ['<redacted>'] });
  });

  test('base64 of a public certificate is not a secret', () => {
    const cert = Buffer.from(`-----BEGIN CERTIFICATE-----\n${RANDOM}${RANDOM}\n-----END CERTIFICATE-----\n`).toString('base64');
    expect(secretReason('caBundle', cert)).toBeUndefined();
  });

  test('key words', () => {
    expect(keyWords('existingSecretPasswordKey')).toEqual(['existing', 'secret', 'password', 'key']);
    expect(keyWords('DB_PASS')).toEqual(['db', 'pass']);
    expect(keyWords('x-api-key')).toEqual(['x', 'apikey']);
  });
});
