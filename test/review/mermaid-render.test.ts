/**
 * The apply-order diagram of OVERVIEW.md rendered as a reader sees it: Mermaid (mmdc) in Debian's chromium, to PNG,
 * for every reference environment and a two-cluster one. A legible diagram has a sane aspect ratio (the old layout
 * rendered as one 351 x 6382 px column). Without chromium the test is skipped with a note, except in CI, where it must run.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ENVIRONMENTS } from '../../src/environments';
import { kubernetesConfig } from '../../src/environments/kubernetes';
import { SeldonPlatform } from '../../src/platform';
import { OVERVIEW_FILE } from '../../src/review/overview';
import { synthesizeEnvironments } from '../../src/synth';
import { chromiumPath, mermaidBlocks, renderMermaidPng } from '../../src/validation/mermaid-png';

const chromium = chromiumPath();
const inCi = process.env.CI === 'true';
if (!chromium && !inCi) console.warn('NOTE: chromium is not installed: the diagram PNG checks are skipped (apt-get install -y chromium)');
const withChromium = chromium || inCi ? test : test.skip;

/** Where the PNGs are left for a person to look at (gitignored; the cdk8s CLI empties .cdk8s.out/ on every synth). */
const OUT = resolve(__dirname, '../../.review-diagrams');

const twoClusters = (scope: Parameters<(typeof ENVIRONMENTS)[number]>[0]): SeldonPlatform => {
  const platform = new SeldonPlatform(scope, 'two-clusters', { ...kubernetesConfig, name: 'two-clusters', delivery: { ...kubernetesConfig.delivery, destinationServer: 'https://api.prod.example.com:6443' } });
  platform.addModelNamespace('fraud', { gitops: true });
  platform.addModelNamespace('risk', {});
  return platform;
};

const cases = synthesizeEnvironments([...ENVIRONMENTS, twoClusters]).map((e) => [e.output.name, e.output.files.get(OVERVIEW_FILE) as string] as const);

describe('the apply-order diagram rendered to PNG', () => {
  withChromium.each(cases)('GIVEN environment %s WHEN its diagram is rendered THEN the PNG has a legible shape', (name, overview) => {
    if (!chromium) throw new Error('chromium is required in CI: apt-get install -y chromium (see .ci/run)');
    const [diagram] = mermaidBlocks(overview);
    expect(diagram).toBeDefined();
    mkdirSync(OUT, { recursive: true });
    const { width, height } = renderMermaidPng(diagram, join(OUT, `${name}.png`), chromium);
    console.log(`${name}: apply-order diagram ${width} x ${height} px (${OUT}/${name}.png)`);
    expect(width / height).toBeGreaterThan(1 / 3);
    expect(width / height).toBeLessThan(3);
    expect(width).toBeLessThan(2600);
    expect(height).toBeLessThan(4000);
  }, 180_000);
});
