import { Lazy } from 'cdk8s';

/**
 * A sorted, de-duplicated list that many constructs extend and that renders late: the ServiceMeshMemberRoll members,
 * AppProject destinations, log-forwarder namespaces and similar singletons. Sorting makes the output independent of
 * the order in which namespaces were added.
 */
export class Registry<T> {
  private readonly entries = new Map<string, T>();

  /** @param keyOf identity of an entry: adding a second entry with the same key replaces nothing and is ignored. */
  constructor(private readonly keyOf: (item: T) => string) {}

  /** Adds an entry (idempotent by key). */
  public add(item: T): void {
    const key = this.keyOf(item);
    if (!this.entries.has(key)) this.entries.set(key, item);
  }

  /** Whether an entry with this key exists. */
  public has(key: string): boolean {
    return this.entries.has(key);
  }

  /** The entries, sorted by key. */
  public items(): T[] {
    return [...this.entries.keys()].sort().map((k) => this.entries.get(k) as T);
  }

  /** A value resolved at synth time: `render` applied to the sorted entries. */
  public lazy<R>(render: (items: T[]) => R): R {
    return Lazy.any({ produce: () => render(this.items()) }) as unknown as R;
  }
}

/** A registry of plain strings (namespace names), sorted. */
export function stringRegistry(): Registry<string> {
  return new Registry<string>((s) => s);
}
