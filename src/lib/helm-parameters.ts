import { JsonPatch } from 'cdk8s';
import { HelmApplication } from './argo-application';

/**
 * Deletes chart defaults from a Helm release. Helm removes a default whose value is set to `null`, but a `null` in an
 * Application's `helm.valuesObject` never reaches Helm: cdk8s drops it when rendering, and Kubernetes strips it from the
 * stored Application (argo-cd#16312, #19781). Parameters survive (`--set key=null` is Helm's documented deletion), so
 * each key becomes a `helm.parameters` entry with the value `null`, patched in after cdk8s has rendered the object.
 *
 * @param keys dotted Helm value paths, e.g. `controller.securityContext.runAsUser`
 */
export function deleteChartDefaults(app: HelmApplication, keys: readonly string[]): void {
  if (keys.length === 0) return;
  app.application.addJsonPatch(JsonPatch.add('/spec/source/helm/parameters', [...keys].sort().map((name) => ({ name, value: 'null' }))));
}
