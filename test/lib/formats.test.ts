import { GIT_URL, HOST, HTTP_URL, QUANTITY } from '../../src/lib/formats';

test.each(['1', '500m', '0.5', '8Gi', '100Mi', '2k', '1e3', '.5'])('%s is a Kubernetes quantity', (q) => expect(QUANTITY.test(q)).toBe(true));
test.each(['lots', '1.2.3', '8GB', '', 'Gi', '1 Gi'])('%s is not a Kubernetes quantity', (q) => expect(QUANTITY.test(q)).toBe(false));

test('Git URLs Argo CD can clone, and nothing else', () => {
  for (const url of ['https://git.example.com/a.git', 'ssh://git@git.example.com/a.git', 'git@github.com:org/repo.git']) expect(GIT_URL.test(url)).toBe(true);
  for (const url of ['git.example.com/a', 'http://git.example.com/a.git', 'nope']) expect(GIT_URL.test(url)).toBe(false);
});

test('http(s) URLs and Istio hosts', () => {
  expect([HTTP_URL.test('http://a.svc:8080/x'), HTTP_URL.test('ftp://a')]).toEqual([true, false]);
  expect(['*', '*.example.com', 'seldon.example.com', 'Bad_Host'].map((h) => HOST.test(h))).toEqual([true, true, true, false]);
});
