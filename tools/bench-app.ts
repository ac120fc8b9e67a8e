/**
 * One benchmark run (a child process of tools/bench.ts): the reference OpenShift environment with N extra model
 * namespaces, rendered and written to a temporary folder exactly as `cdk8s synth` would publish it. Prints one JSON
 * line: object count, in-process synth time and peak RSS.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openshift } from '../src/environments/openshift';
import { runSynth } from '../src/synth';

const count = Number(process.argv[2] ?? '0');
const started = process.hrtime.bigint();
const out = mkdtempSync(join(tmpdir(), 'bench-'));
try {
  const [summary] = runSynth(
    [
      (scope) => {
        const platform = openshift(scope);
        for (let i = 0; i < count; i++) platform.addModelNamespace(`bench-${String(i).padStart(4, '0')}`, { gitops: i % 2 === 0 });
        return platform;
      },
    ],
    join(out, 'dist'),
    join(out, 'staging'),
  );
  const synthMs = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(JSON.stringify({ namespaces: summary.modelNamespaces, objects: summary.objects, synthMs, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
} finally {
  rmSync(out, { recursive: true, force: true });
}
