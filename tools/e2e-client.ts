/**
 * The smallest Kubernetes API client `npm run e2e` needs, on Node's https: discovery (kind → resource), server-side
 * apply with strict field validation, get, delete, list. Rejections carry the API server's own message.
 */
import { request } from 'node:https';

/** What discovery says about one kind. */
export interface ApiResource {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  /** The plural resource name used in URLs. */
  readonly name: string;
  readonly namespaced: boolean;
  readonly verbs: readonly string[];
}

export interface ApiResponse {
  readonly status: number;
  readonly body: any;
}

/** The result of one apply: the stored object, or the API server's rejection. */
export type ApplyResult = { readonly ok: true; readonly object: any } | { readonly ok: false; readonly status: number; readonly message: string };

export class ApiClient {
  private readonly discovery = new Map<string, Promise<ApiResource[] | undefined>>();

  constructor(public readonly server: string, private readonly token: string, private readonly ca: Buffer) {}

  public async call(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<ApiResponse> {
    const payload = body === undefined ? undefined : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    return new Promise((resolve, reject) => {
      const req = request(
        `${this.server}${path}`,
        {
          method,
          ca: this.ca,
          headers: {
            Authorization: `Bearer ${this.token}`,
            Accept: 'application/json',
            ...(payload ? { 'Content-Type': contentType, 'Content-Length': payload.length } : {}),
          },
          timeout: 60_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown = text;
            try {
              parsed = text ? JSON.parse(text) : undefined;
            } catch {
              /* not JSON: keep the text */
            }
            resolve({ status: res.statusCode ?? 0, body: parsed });
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error(`${method} ${path}: timed out`)));
      req.on('error', reject);
      if (payload) req.write(payload);
      req.end();
    });
  }

  /** Waits until `/readyz` answers 200. */
  public async waitReady(timeoutMs: number, diagnostics: () => string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      try {
        const res = await this.call('GET', '/readyz');
        if (res.status === 200) return;
        last = `HTTP ${res.status}: ${String(typeof res.body === 'string' ? res.body : JSON.stringify(res.body)).slice(0, 300)}`;
      } catch (error) {
        last = error instanceof Error ? error.message : String(error);
      }
      await sleep(250);
    }
    throw new Error(`kube-apiserver was not ready within ${timeoutMs / 1000}s (${last}); its log ends:\n${diagnostics()}`);
  }

  /** Forgets discovery (after CRDs were installed). */
  public resetDiscovery(): void {
    this.discovery.clear();
  }

  private groupVersionResources(apiVersion: string): Promise<ApiResource[] | undefined> {
    let found = this.discovery.get(apiVersion);
    if (!found) {
      const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
      const path = group === '' ? `/api/${version}` : `/apis/${group}/${version}`;
      found = this.call('GET', path).then((res) =>
        res.status !== 200
          ? undefined
          : (res.body.resources as any[])
              .filter((r) => !String(r.name).includes('/'))
              .map((r): ApiResource => ({ group, version, kind: r.kind, name: r.name, namespaced: r.namespaced, verbs: r.verbs ?? [] })),
      );
      this.discovery.set(apiVersion, found);
    }
    return found;
  }

  /**
   * The resource serving `apiVersion`/`kind`, or undefined when the API server does not serve it. Discovery lags a
   * moment behind a CRD's `Established` condition, so a miss is asked again (uncached) for up to `patienceMs`.
   */
  public async resourceFor(apiVersion: string, kind: string, patienceMs = 5000): Promise<ApiResource | undefined> {
    const deadline = Date.now() + patienceMs;
    for (;;) {
      const found = (await this.groupVersionResources(apiVersion))?.find((r) => r.kind === kind);
      if (found || Date.now() >= deadline) return found;
      this.discovery.delete(apiVersion);
      await sleep(100);
    }
  }

  /** Every resource the server serves (preferred versions), for listing what is left in a namespace. */
  public async allResources(): Promise<ApiResource[]> {
    const core = (await this.groupVersionResources('v1')) ?? [];
    const groups = (await this.call('GET', '/apis')).body.groups as any[];
    const others = await Promise.all(groups.map((g) => this.groupVersionResources(g.preferredVersion.groupVersion)));
    return [...core, ...others.flatMap((r) => r ?? [])];
  }

  /** The URL path of one object (or of its collection when `name` is omitted). */
  public pathOf(resource: ApiResource, namespace: string | undefined, name?: string): string {
    const base = resource.group === '' ? `/api/${resource.version}` : `/apis/${resource.group}/${resource.version}`;
    const ns = resource.namespaced ? `/namespaces/${encodeURIComponent(namespace ?? 'default')}` : '';
    return `${base}${ns}/${resource.name}${name === undefined ? '' : `/${encodeURIComponent(name)}`}`;
  }

  /**
   * Server-side apply with strict field validation and forced conflicts (Argo CD's `ServerSideApply=true` sync), as
   * `fieldManager`. An unserved kind is a rejection with the API server's discovery answer.
   */
  public async apply(object: any, fieldManager: string): Promise<ApplyResult> {
    const resource = await this.resourceFor(object.apiVersion, object.kind);
    if (!resource) {
      return { ok: false, status: 404, message: `the server could not find the requested resource: no ${object.kind} in ${object.apiVersion} (discovery)` };
    }
    const path = `${this.pathOf(resource, object.metadata?.namespace, object.metadata?.name)}?fieldManager=${encodeURIComponent(fieldManager)}&fieldValidation=Strict&force=true`;
    const res = await this.call('PATCH', path, object, 'application/apply-patch+yaml');
    if (res.status === 200 || res.status === 201) return { ok: true, object: res.body };
    return { ok: false, status: res.status, message: messageOf(res) };
  }

  public async get(apiVersion: string, kind: string, namespace: string | undefined, name: string): Promise<any | undefined> {
    const resource = await this.resourceFor(apiVersion, kind, 0);
    if (!resource) return undefined;
    const res = await this.call('GET', this.pathOf(resource, namespace, name));
    return res.status === 200 ? res.body : undefined;
  }

  /** Deletes with background propagation (there is no garbage collector to finish a foreground deletion). */
  public async delete(apiVersion: string, kind: string, namespace: string | undefined, name: string): Promise<ApiResponse> {
    const resource = await this.resourceFor(apiVersion, kind);
    if (!resource) return { status: 404, body: `no ${kind} in ${apiVersion}` };
    return this.call('DELETE', this.pathOf(resource, namespace, name), { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' });
  }

  /** Waits until a CRD reports `Established` (its kind is then served). */
  public async waitEstablished(name: string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const res = await this.call('GET', `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${encodeURIComponent(name)}`);
      const conditions: any[] = res.body?.status?.conditions ?? [];
      if (conditions.some((c) => c.type === 'Established' && c.status === 'True')) return;
      await sleep(50);
    }
    throw new Error(`CRD ${name} was not Established within ${timeoutMs / 1000}s`);
  }
}

/** The API server's message of a failed call. */
export function messageOf(res: ApiResponse): string {
  if (res.body && typeof res.body === 'object' && typeof res.body.message === 'string') return res.body.message;
  return `HTTP ${res.status}: ${typeof res.body === 'string' ? res.body.slice(0, 500) : JSON.stringify(res.body)?.slice(0, 500)}`;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
