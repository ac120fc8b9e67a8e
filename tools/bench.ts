/**
 * `npm run bench`: synth performance of the reference OpenShift environment with 1, 10, 100 and 1000 extra model
 * namespaces, each in a fresh process the way `cdk8s synth` runs the app (tsx, no type-check). For each: the render
 * (build, validate, resolve, serialise), publishing into an empty dist/ (cold: every file created) and again over the
 * previous render (warm: the usual re-synth), wall time and peak RSS. Then the cdk8s template's default way (ts-node,
 * which type-checks) against tsx on identical work (100 namespaces, render only).
 *
 * Targets, checked (exit 1 when missed): 100 namespaces synthesised (render + warm publish) under 1 s; tsx at least 5x
 * faster than ts-node; no quadratic growth (cost per namespace from 100 to 1000 within 2x of 10 to 100).
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

interface Run {
  readonly namespaces: number;
  readonly objects: number;
  readonly renderMs: number;
  readonly coldPublishMs: number;
  readonly warmPublishMs: number;
  readonly maxRssMb: number;
  readonly wallMs: number;
}

const root = join(__dirname, '..');
const app = join('tools', 'bench-app.ts');

function run(command: string, args: string[]): Run {
  const started = process.hrtime.bigint();
  const stdout = execFileSync(command, args, { cwd: root, encoding: 'utf8', env: { ...process.env, TS_NODE_PROJECT: join(root, 'tsconfig.json') } });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  return { ...(JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as Omit<Run, 'wallMs'>), wallMs };
}

const tsx = (n: number, ...flags: string[]) => run(process.execPath, ['--import', 'tsx', app, String(n), ...flags]);
const tsNode = (n: number, ...flags: string[]) => run(join(root, 'node_modules', '.bin', 'ts-node'), [app, String(n), ...flags]);
const col = (v: number, w = 10, d = 0) => v.toFixed(d).padStart(w);

tsx(1, 'render-only'); // warm tsx's transform cache, as any later synth on a machine finds it
console.log('extra ns   objects  render ms  publish cold  publish warm   wall ms  peak RSS MB');
const runs = [1, 10, 100, 1000].map((n) => tsx(n));
for (const r of runs) {
  console.log(`${col(r.namespaces - 2, 8)}${col(r.objects)}${col(r.renderMs, 11)}${col(r.coldPublishMs, 14)}${col(r.warmPublishMs, 14)}${col(r.wallMs)}${col(r.maxRssMb, 13)}`);
}
const viaTsx = tsx(100, 'render-only');
const viaTsNode = tsNode(100, 'render-only');
console.log('');
console.log(`same app, 100 namespaces, render only: tsx ${viaTsx.wallMs.toFixed(0)} ms, ts-node ${viaTsNode.wallMs.toFixed(0)} ms (whole process)`);

const at = (n: number) => runs.find((r) => r.namespaces - 2 === n) as Run;
const synth100 = at(100).renderMs + at(100).warmPublishMs;
const speedup = viaTsNode.wallMs / viaTsx.wallMs;
const perNs = (a: number, b: number) => (at(b).renderMs - at(a).renderMs) / (b - a);
const growth = perNs(100, 1000) / perNs(10, 100);
console.log(`100 namespaces: render + publish ${synth100.toFixed(0)} ms (target < 1000)`);
console.log(`tsx over ts-node: ${speedup.toFixed(1)}x (target >= 5x)`);
console.log(`render cost per namespace: ${perNs(10, 100).toFixed(2)} ms (10→100), ${perNs(100, 1000).toFixed(2)} ms (100→1000): ${growth.toFixed(2)}x (target < 2x)`);
const ok = synth100 < 1000 && speedup >= 5 && growth < 2;
console.log(ok ? 'targets met' : 'TARGETS MISSED');
process.exitCode = ok ? 0 : 1;
