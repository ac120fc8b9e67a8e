/**
 * One benchmark run (a child process of tools/bench.ts): the reference OpenShift environment with N extra model
 * namespaces, rendered and published exactly as `cdk8s synth` does, into a scratch folder on the same disk as dist/.
 * Publishes twice: into an empty folder (cold: every file is created) and again over that render (warm: the normal
 * re-synth, where unchanged files are kept). Prints one JSON line.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openshift } from '../src/environments/openshift';
import { publish } from '../src/lib/publish';
import { synthesizeEnvironments } from '../src/synth';

const count = Number(process.argv[2] ?? '0');
/** `render-only`: skip publishing, to compare runners on identical work without disk noise. */
const renderOnly = process.argv[3] === 'render-only';
const ms = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e6;
mkdirSync('.synth-staging', { recursive: true });
const out = mkdtempSync(join('.synth-staging', 'bench-'));
try {
  const started = process.hrtime.bigint();
  const [env] = synthesizeEnvironments([
    (scope) => {
      const platform = openshift(scope);
      for (let i = 0; i < count; i++) platform.addModelNamespace(`bench-${String(i).padStart(4, '0')}`, { gitops: i % 2 === 0 });
      return platform;
    },
  ]);
  const renderMs = ms(started);
  const cold = process.hrtime.bigint();
  if (!renderOnly) publish([env.output], join(out, 'dist'), join(out, 'staging'));
  const coldPublishMs = ms(cold);
  const warm = process.hrtime.bigint();
  if (!renderOnly) publish([env.output], join(out, 'dist'), join(out, 'staging'));
  const warmPublishMs = ms(warm);
  console.log(
    JSON.stringify({
      namespaces: env.platform.modelNamespaces.length,
      objects: env.objectCount,
      renderMs,
      coldPublishMs,
      warmPublishMs,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
    }),
  );
} finally {
  rmSync(out, { recursive: true, force: true });
}
