/** `npm run validate -- --argocd DIR`: Argo CD health in steady state, run as a user would (through tsx). */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { ELASTICSEARCH_HEALTH_CHECK } from '../../src/concerns/gitops-health-checks';
import { removeFolder, tempFolder } from './fixtures';
import { sharedFolder } from '../helpers/shared';

const ROOT = resolve(__dirname, '../..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const ARGOCD = sharedFolder('argocd', 'the validate --argocd command tests');

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(TSX, [join(ROOT, 'tools', 'validate.ts'), ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const ONE_NODE = `apiVersion: elasticsearch.k8s.elastic.co/v1
kind: Elasticsearch
metadata:
  name: es
  namespace: logs
  annotations:
    argocd.argoproj.io/sync-wave: "3"
spec:
  version: 7.17.29
  nodeSets:
    - name: default
      count: 1
`;

const indent = (text: string, spaces: number): string => text.split('\n').map((l) => (l ? ' '.repeat(spaces) + l : l)).join('\n');
const ARGOCD_CM = `apiVersion: v1
kind: ConfigMap
metadata:
  name: argocd-cm
  namespace: argocd
  annotations:
    argocd.argoproj.io/sync-wave: "-1"
data:
  resource.customizations.health.elasticsearch.k8s.elastic.co_Elasticsearch: |
${indent(ELASTICSEARCH_HEALTH_CHECK.check, 4)}`;

(ARGOCD ? describe : describe.skip)('validate --argocd', () => {
  test('GIVEN a one-node Elasticsearch and no bootstrap override THEN it is Progressing in steady state: exit 1, named', () => {
    const dist = tempFolder({ 'env/elasticsearch/es.yaml': ONE_NODE });
    try {
      const { status, stdout } = run(['--dist', dist, '--argocd', ARGOCD as string, '--quiet']);
      expect(status).toBe(1);
      expect(stdout).toContain('elasticsearch.k8s.elastic.co/Elasticsearch ×1: Progressing (1 node(s), indices with 1 replica: yellow) [built-in script]');
      expect(stdout).toMatch(/FAIL .*elasticsearch\/es\.yaml: elasticsearch\.k8s\.elastic\.co\/Elasticsearch logs\/es .*reports Progressing/);
      expect(stdout).toMatch(/^UNHEALTHY: 1 object would not be Healthy in steady state/m);
    } finally {
      removeFolder(dist);
    }
  });

  test("GIVEN the bootstrap's override beside it THEN Healthy: exit 0", () => {
    const dist = tempFolder({ 'env/elasticsearch/es.yaml': ONE_NODE, 'env/bootstrap/argocd-cm.yaml': ARGOCD_CM });
    try {
      const { status, stdout } = run(['--dist', dist, '--argocd', ARGOCD as string, '--quiet']);
      expect(stdout).toContain('1 overrides from');
      expect(stdout).toContain('elasticsearch.k8s.elastic.co/Elasticsearch ×1: Healthy (1 node(s), indices with 1 replica: yellow) [bootstrap override script]');
      expect(status).toBe(0);
    } finally {
      removeFolder(dist);
    }
  });

  test('GIVEN a folder without resource_customizations THEN a usage error, exit 2', () => {
    const { status, stderr } = run(['--argocd', ROOT]);
    expect(status).toBe(2);
    expect(stderr.trim()).toBe(`error: --argocd folder "${join(ROOT, 'resource_customizations')}" does not exist; pass the folder holding Argo CD's resource_customizations/, e.g. --argocd ../shared/argocd`);
  });
});
