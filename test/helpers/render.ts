import { App } from 'cdk8s';
import { PlatformConfig } from '../../src/config';
import { ModelNamespaceOptions } from '../../src/concerns/model-namespace';
import { KubeObject, RenderedObject } from '../../src/lib/render';
import { SeldonPlatform } from '../../src/platform';
import { OPENSHIFT_MATRIX } from '../../src/versions';

/**
 * The OpenShift version tests render for unless they set one: the oldest minor of the version matrix (the seed's line:
 * Service Mesh 2.6, Logging 5), taken from src/versions.ts.
 */
export const TEST_OPENSHIFT_VERSION = `4.${OPENSHIFT_MATRIX[0].minor}`;

/** A minimal valid environment for tests; override what a test is about. */
export function testConfig(overrides: Partial<PlatformConfig> = {}): PlatformConfig {
  const platform = overrides.platform ?? 'openshift';
  return {
    name: 'test',
    platform: 'openshift',
    delivery: { repoURL: 'https://git.example.com/platform/seldon.git' },
    ingressDomain: 'apps.test.example.com',
    gitops: { repoURL: 'https://git.example.com/models/seldon-gitops.git' },
    ...(platform === 'openshift' ? { openshiftVersion: TEST_OPENSHIFT_VERSION } : {}),
    ...overrides,
  } as PlatformConfig;
}

/** GIVEN a config (and model namespaces) WHEN rendered THEN the objects, in file order. */
export function render(config: PlatformConfig, namespaces: Record<string, ModelNamespaceOptions> = {}): RenderedObject[] {
  const platform = new SeldonPlatform(new App(), config.name, config);
  for (const [name, options] of Object.entries(namespaces)) platform.addModelNamespace(name, options);
  return platform.render();
}

/** The objects of one chart folder (e.g. `service-mesh`, `model-namespaces/seldon`). */
export function inDir(objects: readonly RenderedObject[], dir: string): KubeObject[] {
  return objects.filter((o) => o.file.startsWith(`${dir}/`)).map((o) => o.object);
}

/** The one object of a kind and name; fails the test when there is not exactly one. */
export function find(objects: readonly RenderedObject[], kind: string, name: string, namespace?: string): KubeObject {
  const hits = objects.filter((o) => o.object.kind === kind && o.object.metadata.name === name && (namespace === undefined || o.object.metadata.namespace === namespace));
  if (hits.length !== 1) throw new Error(`expected one ${kind} ${namespace ?? '*'}/${name}, found ${hits.length}`);
  return hits[0].object;
}

/** The error message a config fails with (the test fails if it does not fail). */
export function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  throw new Error('expected an error, but none was thrown');
}
