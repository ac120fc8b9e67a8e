/**
 * Renders a rendered Argo CD `Application` that installs a Helm chart the way Argo CD's repo-server does: `helm
 * template` of the pinned chart package with the Application's release name, destination namespace, `--include-crds`,
 * its `valuesObject` and `parameters`, and the Kubernetes version given. The chart packages come from a folder
 * (`../shared/charts` in CI), named `<chart>-<version>.tgz`; nothing is fetched.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { helmBinary } from './helm-binary';
import { parseYamlDocuments } from './yaml-files';

/** The Kubernetes version charts are rendered for (`.Capabilities.KubeVersion`): the e2e API server's (docs/e2e.md). */
export const RENDER_KUBE_VERSION = '1.33.13';

/** What of a rendered `Application` a chart render needs. */
export interface ChartSource {
  /** `metadata.name` of the Application. */
  readonly application: string;
  readonly chart: string;
  readonly version: string;
  readonly releaseName: string;
  /** `spec.destination.namespace`. */
  readonly namespace: string;
  readonly values: Record<string, unknown>;
  /** `spec.source.helm.parameters` (`--set` / `--set-string`). */
  readonly parameters: ReadonlyArray<{ name: string; value: string; forceString?: boolean }>;
}

export interface RenderedChart {
  readonly source: ChartSource;
  /** The `helm template` output, every document parsed; empty documents dropped. */
  readonly objects: Array<Record<string, any>>;
  /** The raw YAML text, for determinism checks. */
  readonly text: string;
}

/** The chart source of an Application object, or undefined when it does not install a Helm chart. */
export function chartSourceOf(application: Record<string, any>): ChartSource | undefined {
  if (application?.kind !== 'Application' || !String(application.apiVersion ?? '').startsWith('argoproj.io/')) return undefined;
  const source = application.spec?.source;
  if (!source?.chart) return undefined;
  const helm = source.helm ?? {};
  return {
    application: application.metadata?.name,
    chart: source.chart,
    version: String(source.targetRevision),
    releaseName: helm.releaseName ?? application.metadata?.name,
    namespace: application.spec?.destination?.namespace ?? 'default',
    values: helm.valuesObject ?? {},
    parameters: helm.parameters ?? [],
  };
}

/** The package file of a chart version in `chartsDir`, or undefined. Tries `<chart>-<version>.tgz` and `v`-prefixed. */
export function chartPackage(chartsDir: string, chart: string, version: string): string | undefined {
  const bare = version.replace(/^v/, '');
  return [`${chart}-${version}.tgz`, `${chart}-${bare}.tgz`, `${chart}-v${bare}.tgz`]
    .map((file) => join(chartsDir, file))
    .find((path) => existsSync(path));
}

/**
 * `helm template` of one chart source. Throws an Error naming the Application, the chart version and helm's message
 * when the package is missing or the chart does not render (including a `values.schema.json` rejection).
 */
export function renderChart(chartsDir: string, source: ChartSource, kubeVersion = RENDER_KUBE_VERSION): RenderedChart {
  const job = prepareRender(chartsDir, source, kubeVersion);
  try {
    let text: string;
    try {
      text = execFileSync(helmBinary(), job.args, { encoding: 'utf8', maxBuffer: MAX_OUTPUT, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      throw job.failure(error);
    }
    return job.parse(text);
  } finally {
    job.cleanup();
  }
}

/**
 * {@link renderChart} without blocking the event loop, so that a caller can keep a small pool of helm processes
 * running (the mutation checks render each chart tens of times). Same arguments, same output, same errors.
 */
export async function renderChartAsync(chartsDir: string, source: ChartSource, kubeVersion = RENDER_KUBE_VERSION): Promise<RenderedChart> {
  const job = prepareRender(chartsDir, source, kubeVersion);
  try {
    const text = await new Promise<string>((resolvePromise, reject) => {
      execFile(helmBinary(), job.args, { encoding: 'utf8', maxBuffer: MAX_OUTPUT }, (error, stdout, stderr) => {
        if (error) reject(job.failure(Object.assign(error, { stderr })));
        else resolvePromise(stdout);
      });
    });
    return job.parse(text);
  } finally {
    job.cleanup();
  }
}

const MAX_OUTPUT = 256 * 1024 * 1024;

/** The one place the helm arguments are built: the values file, release name, namespace, CRDs, Kubernetes version. */
function prepareRender(chartsDir: string, source: ChartSource, kubeVersion: string) {
  const where = `Application ${source.application} (chart ${source.chart} ${source.version})`;
  const pkg = chartPackage(chartsDir, source.chart, source.version);
  if (pkg === undefined) throw new Error(`${where}: no package ${source.chart}-${source.version}.tgz in ${chartsDir}`);
  const dir = mkdtempSync(join(tmpdir(), 'chart-render-'));
  const valuesFile = join(dir, 'values.json'); // JSON is YAML: no re-serialisation quirks
  writeFileSync(valuesFile, JSON.stringify(source.values));
  const args = ['template', source.releaseName, pkg, '--namespace', source.namespace, '--include-crds',
    '--kube-version', kubeVersion, '--values', valuesFile];
  for (const p of source.parameters) args.push(p.forceString ? '--set-string' : '--set', `${p.name}=${p.value}`);
  return {
    args,
    failure: (error: unknown): Error => {
      const stderr = String((error as { stderr?: unknown }).stderr || error).trim();
      return new Error(`${where} does not render: ${stderr}`);
    },
    parse: (text: string): RenderedChart => {
      const { documents, errors } = parseYamlDocuments(text);
      if (errors.length) throw new Error(`${where}: helm output does not parse: ${errors.join('; ')}`);
      return { source, objects: documents as Array<Record<string, any>>, text };
    },
    cleanup: (): void => rmSync(dir, { recursive: true, force: true }),
  };
}
