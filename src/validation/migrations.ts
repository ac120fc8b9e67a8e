/**
 * Known migrations between versions of what `src/versions.ts` pins, as a table evaluated against the pins: when a pin
 * is at or above a migration's `since` version (it has crossed the boundary), the migration's `check` runs over the
 * rendered objects, and a render that lacks the migration's handling fails with the upstream note. Each entry cites
 * the upstream upgrade note it comes from (repository@commit:path:lines).
 *
 * Run by test/versions.test.ts over every environment (so `npm test` refuses a bump that crosses a boundary without
 * its handling), and described step by step in docs/upgrading.md.
 */
import { CHARTS, HelmChart } from '../versions';
import { KubeObject } from '../lib/render';

/** Seldon Core's upgrade notes, at the commit they were read from. */
const CORE_UPGRADING = 'SeldonIO/seldon-core@7b77f8b78e87f6d03030174570707eee00d5202e:docs-gb/upgrading.md';

/** The pins a migration is evaluated against (the real ones by default; tests pass others to simulate a bump). */
export interface Pins {
  readonly charts: Readonly<Record<keyof typeof CHARTS, HelmChart>>;
}

export const CURRENT_PINS: Pins = { charts: CHARTS };

/** One known migration between versions of a pinned component. */
export interface Migration {
  readonly id: string;
  /** The pin it follows: a key of `CHARTS`. */
  readonly pin: keyof typeof CHARTS;
  /** The first version that needs the migration: a pin at or above it has crossed the boundary. */
  readonly since: string;
  /** What changed upstream, in one sentence (quoted in the failure). */
  readonly note: string;
  /** Upstream source of the note: repository@commit:path:lines. */
  readonly source: string;
  /** How the platform handles it (docs/upgrading.md repeats this). */
  readonly handling: string;
  /** The problems of a render that lacks the handling; empty when it is handled. */
  check(objects: readonly KubeObject[], pins: Pins): string[];
}

/** A version's numeric parts (`v1.21.1` → [1, 21, 1]); pre-release suffixes are ignored. */
export function versionParts(version: string): number[] {
  const match = /^v?(\d+(?:\.\d+)*)/.exec(version.trim());
  if (!match) throw new Error(`not a version: "${version}" (expected e.g. "2.9.1" or "v1.21.1")`);
  return match[1].split('.').map(Number);
}

/** Compares two versions numerically: negative when a < b, 0 when equal, positive when a > b. */
export function compareVersions(a: string, b: string): number {
  const pa = versionParts(a);
  const pb = versionParts(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** Core 2 components whose pods Core 2 before 2.7 labelled `app: <name>` and 2.7+ labels `app.kubernetes.io/name`. */
const CORE_V2_POD_NAMES = /^seldon-(server|pipelinegateway|modelgateway|dataflow-engine|envoy|scheduler|agent|hodometer)$/;

function selectorLabels(obj: KubeObject): Record<string, unknown> {
  const spec = obj.spec as { selector?: { matchLabels?: Record<string, unknown> } } | undefined;
  return spec?.selector?.matchLabels ?? {};
}

function describe(obj: KubeObject): string {
  return `${obj.kind} ${obj.metadata.namespace ? `${obj.metadata.namespace}/` : ''}${obj.metadata.name}`;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    id: 'core-v2-2.6-seldonruntime',
    pin: 'seldonCoreV2Setup',
    since: '2.6.0',
    note: 'Release 2.6 brings new custom resources SeldonConfig and SeldonRuntime, a new way to install Core 2; upgrading in the same namespace causes downtime while the pods are recreated',
    source: `${CORE_UPGRADING}:60-68`,
    handling: 'every Core 2 model namespace gets a SeldonRuntime (the components) and the setup chart renders the SeldonConfig',
    check(objects) {
      const runtimes = new Set(objects.filter((o) => o.kind === 'SeldonRuntime').map((o) => o.metadata.namespace));
      const servers = objects.filter((o) => o.kind === 'Server' && o.apiVersion.startsWith('mlops.seldon.io/'));
      return servers.filter((s) => !runtimes.has(s.metadata.namespace)).map((s) => `${describe(s)} has no SeldonRuntime in its namespace`);
    },
  },
  {
    id: 'core-v2-2.7-pod-labels',
    pin: 'seldonCoreV2Setup',
    since: '2.7.0',
    note: 'All pods provisioned through the operator (SeldonRuntime and Server) are labelled app.kubernetes.io/name; PodMonitors of the Prometheus operator must be replaced by the v2.7.0 manifests, which select on it',
    source: `${CORE_UPGRADING}:36-58`,
    handling: 'no PodMonitor or ServiceMonitor selects Core 2 pods by the pre-2.7 `app` label (upstream v2.7+ monitors select `app.kubernetes.io/name: seldon-server`, SeldonIO/seldon-core@v2.9.1:prometheus/monitors/server-podmonitor.yaml:6-8)',
    check(objects) {
      return objects
        .filter((o) => (o.kind === 'PodMonitor' || o.kind === 'ServiceMonitor') && o.apiVersion.startsWith('monitoring.coreos.com/'))
        .filter((o) => CORE_V2_POD_NAMES.test(String(selectorLabels(o).app ?? '')))
        .map((o) => `${describe(o)} selects app: ${String(selectorLabels(o).app)}; select app.kubernetes.io/name: ${String(selectorLabels(o).app)} instead`);
    },
  },
  {
    id: 'core-v2-2.8-crds-with-controller',
    pin: 'seldonCoreV2Setup',
    since: '2.8.0',
    note: '2.8 adds CRD fields (Server statefulSetPersistentVolumeClaimRetentionPolicy, Model status.selector, SeldonRuntime podSpec overrides); updating the CRDs (e.g. via helm) enables them',
    source: `${CORE_UPGRADING}:26-34`,
    handling: 'the CRD chart `seldon-core-v2-crds` is pinned to the same version as `seldon-core-v2-setup`, so the CRDs move with the controller',
    check(_objects, pins) {
      const crds = pins.charts.seldonCoreV2Crds.version;
      const setup = pins.charts.seldonCoreV2Setup.version;
      return compareVersions(crds, setup) === 0 ? [] : [`CHARTS.seldonCoreV2Crds is ${crds} but CHARTS.seldonCoreV2Setup is ${setup}: bump both together`];
    },
  },
  {
    id: 'core-v2-2.10-scaling-config',
    pin: 'seldonCoreV2Setup',
    since: '2.10.0',
    note: '2.10 adds SeldonConfig config.scalingConfig; a helm upgrade fills it from the existing values, but a SeldonConfig not installed by the chart keeps restrictive defaults (set maxShardCountMultiplier for pipeline scalability)',
    source: `${CORE_UPGRADING}:6-12`,
    handling: 'the SeldonConfig comes from the `seldon-core-v2-setup` chart (an Argo CD Application), never from a hand-rendered object; a SeldonConfig the platform renders itself must set spec.config.scalingConfig',
    check(objects) {
      return objects
        .filter((o) => o.kind === 'SeldonConfig' && o.apiVersion.startsWith('mlops.seldon.io/'))
        .filter((o) => (o.spec as { config?: { scalingConfig?: unknown } } | undefined)?.config?.scalingConfig === undefined)
        .map((o) => `${describe(o)} is rendered without spec.config.scalingConfig: it gets the restrictive defaults`);
    },
  },
];

/** A migration a render does not handle, with the upstream note. */
export interface MigrationProblem {
  readonly migration: Migration;
  readonly version: string;
  readonly problems: readonly string[];
}

/** The migrations each pin has crossed (pin ≥ `since`). */
export function crossedMigrations(pins: Pins = CURRENT_PINS, migrations: readonly Migration[] = MIGRATIONS): Migration[] {
  return migrations.filter((m) => compareVersions(pins.charts[m.pin].version, m.since) >= 0);
}

/** Evaluates every crossed migration over a render; returns the unhandled ones. */
export function unhandledMigrations(objects: readonly KubeObject[], pins: Pins = CURRENT_PINS, migrations: readonly Migration[] = MIGRATIONS): MigrationProblem[] {
  return crossedMigrations(pins, migrations)
    .map((migration) => ({ migration, version: pins.charts[migration.pin].version, problems: migration.check(objects, pins) }))
    .filter((p) => p.problems.length > 0);
}

/** One message per unhandled migration: the pin, the upstream note with its source, and what is missing. */
export function migrationMessage(p: MigrationProblem): string {
  const m = p.migration;
  return `CHARTS.${m.pin} ${p.version} crosses ${m.since} (${m.id}): ${m.note} [${m.source}]. Needed: ${m.handling}. Found: ${p.problems.join('; ')}`;
}
