/**
 * Reading a chart's output the way its workloads will see it: the containers of each component (Deployments,
 * StatefulSets, and Seldon Core 2's `SeldonConfig` components and `ServerConfig`s, which the Core 2 operator turns into
 * workloads), their environment, and ConfigMap data. Pure.
 */

/** One environment variable as a container gets it: a literal `value`, or the secret / ConfigMap it is read from. */
export interface EnvEntry {
  readonly value?: string;
  readonly secret?: string;
  readonly configMap?: string;
}

/** A component: a name (workload or Core 2 component) and the env of each of its containers, by container name. */
export interface Component {
  readonly name: string;
  readonly containers: ReadonlyMap<string, ReadonlyMap<string, EnvEntry>>;
}

/** Every component of a render, by name (`seldon-v2-controller-manager`, `seldon-scheduler`, `mlserver`, …). */
export function componentsOf(objects: ReadonlyArray<Record<string, any>>): Map<string, Component> {
  const components = new Map<string, Component>();
  const add = (name: unknown, podSpec: any): void => {
    if (typeof name !== 'string' || !podSpec) return;
    const containers = new Map<string, Map<string, EnvEntry>>();
    for (const c of [...(podSpec.initContainers ?? []), ...(podSpec.containers ?? [])]) containers.set(String(c?.name), envOf(c?.env));
    components.set(name, { name, containers });
  };
  for (const o of objects) {
    if (['Deployment', 'StatefulSet', 'DaemonSet'].includes(o?.kind)) add(o.metadata?.name, o.spec?.template?.spec);
    else if (o?.kind === 'SeldonConfig') for (const c of o.spec?.components ?? []) add(c?.name, c?.podSpec);
    else if (o?.kind === 'ServerConfig') add(o.metadata?.name, o.spec?.podSpec);
  }
  return components;
}

function envOf(env: unknown): Map<string, EnvEntry> {
  const entries = new Map<string, EnvEntry>();
  for (const e of Array.isArray(env) ? env : []) {
    if (typeof e?.name !== 'string') continue;
    const from = e.valueFrom ?? {};
    entries.set(e.name, {
      ...(e.value !== undefined ? { value: String(e.value) } : {}),
      ...(from.secretKeyRef?.name !== undefined ? { secret: String(from.secretKeyRef.name) } : {}),
      ...(from.configMapKeyRef?.name !== undefined ? { configMap: String(from.configMapKeyRef.name) } : {}),
    });
  }
  return entries;
}

/** The values of env var `name` in a component, one per container that sets it. */
export function envValues(component: Component | undefined, name: string, field: keyof EnvEntry = 'value'): string[] {
  if (!component) return [];
  return [...component.containers.values()].flatMap((env) => {
    const entry = env.get(name);
    return entry?.[field] !== undefined ? [entry[field] as string] : [];
  });
}

/** `data[key]` of the ConfigMap `name` in the render, or undefined. */
export function configMapValue(objects: ReadonlyArray<Record<string, any>>, name: string, key: string): string | undefined {
  const value = objects.find((o) => o?.kind === 'ConfigMap' && o.metadata?.name === name)?.data?.[key];
  return value === undefined || value === null ? undefined : String(value);
}

/** The value at a dotted path (`a.b.c`; keys with dots are not supported), or undefined. */
export function valueAt(root: unknown, path: string): unknown {
  return path.split('.').reduce<any>((node, key) => (node !== null && typeof node === 'object' ? node[key] : undefined), root);
}
