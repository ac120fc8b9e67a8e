import { isDnsLabel, isDnsSubdomain } from './errors';
import { identityOf, isClusterScoped, RenderedObject } from './render';
import { SYNC_WAVE } from './argo';

/**
 * Whole-render invariants checked before anything is written. Each returns the problems found, one line each; an empty
 * list means the render may be published.
 */
export function checkRender(objects: readonly RenderedObject[]): string[] {
  return [...uniqueIdentities(objects), ...uniqueFiles(objects), ...objects.flatMap(checkObject)];
}

function uniqueIdentities(objects: readonly RenderedObject[]): string[] {
  const seen = new Map<string, string>();
  const problems: string[] = [];
  for (const { file, object } of objects) {
    const id = identityOf(object);
    const first = seen.get(id);
    if (first) problems.push(`${id} is rendered twice (${first} and ${file}): give one of them another name or namespace`);
    else seen.set(id, file);
  }
  return problems;
}

function uniqueFiles(objects: readonly RenderedObject[]): string[] {
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const { file, object } of objects) {
    if (seen.has(file)) problems.push(`${file} would be written twice (${identityOf(object)}): two kinds of one name share a file`);
    seen.add(file);
  }
  return problems;
}

function checkObject({ file, object }: RenderedObject): string[] {
  const problems: string[] = [];
  const { name, namespace, annotations } = object.metadata;
  const where = `${file} (${object.kind})`;
  if (!name || !isDnsSubdomain(name)) problems.push(`${where}: metadata.name ${JSON.stringify(name)} is not a DNS-1123 name`);
  if (isClusterScoped(object)) {
    if (namespace !== undefined) problems.push(`${where}: cluster-scoped kind carries metadata.namespace ${JSON.stringify(namespace)}`);
    if (object.kind === 'Namespace' && name && !isDnsLabel(name)) problems.push(`${where}: namespace name ${JSON.stringify(name)} is not a DNS-1123 label`);
  } else if (!namespace || !isDnsLabel(namespace)) {
    problems.push(`${where}: namespaced kind needs a DNS-1123 metadata.namespace, has ${JSON.stringify(namespace)}`);
  }
  if (!/^-?\d+$/.test(annotations?.[SYNC_WAVE] ?? '')) problems.push(`${where}: no integer ${SYNC_WAVE} annotation`);
  if (object.kind === 'Secret' && object.apiVersion === 'v1' && ('data' in object || 'stringData' in object)) {
    problems.push(`${where}: a Secret with data would put a secret value in Git; reference an existing secret or render an ExternalSecret`);
  }
  return problems;
}
