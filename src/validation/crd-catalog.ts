/**
 * The CustomResourceDefinitions in a folder: every `*.yaml` / `*.yml` below it, holding CRD documents or `kind: List`s
 * of them (as `kubectl get crd -o yaml` prints). Files are parsed only when a kind they may define is looked up, so
 * validating a handful of kinds does not pay for parsing megabytes of unrelated schemas.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { arrayAt, isRecord, recordAt, stringAt } from './json';
import { GroupVersionKind } from './kinds';
import { listYamlFiles, parseYamlDocuments } from './yaml-files';

/** One version of a CRD. */
export interface CrdVersion {
  readonly name: string;
  readonly served: boolean;
  /** True for the storage version of its CRD file. */
  readonly storage: boolean;
  /** The version's `schema.openAPIV3Schema` (undefined when the CRD has none: anything goes). */
  readonly schema: unknown;
  /** The file this version was read from. */
  readonly file: string;
}

/** Everything the folder says about one group and kind, merged over every CRD file that defines it. */
export interface CrdKind {
  readonly group: string;
  readonly kind: string;
  /** `spec.scope` of the first CRD found. */
  readonly scope: 'Cluster' | 'Namespaced';
  /** Versions in file order; a version defined by several files appears once per file. */
  readonly versions: CrdVersion[];
}

/** The answer for one apiVersion/kind. */
export type CrdLookup =
  | { readonly status: 'served'; readonly crd: CrdKind; readonly version: CrdVersion }
  | { readonly status: 'not-served'; readonly crd: CrdKind }
  | { readonly status: 'unknown-version'; readonly crd: CrdKind }
  | { readonly status: 'unknown-kind' };

/** A CRD file that could not be used, and why. */
export interface CrdFileProblem {
  readonly file: string;
  readonly message: string;
}

interface CrdFile {
  readonly path: string;
  readonly text: string;
  parsed: boolean;
}

/** CRDs of one folder, indexed by group and kind as they are looked up. */
export class CrdCatalog {
  private files: CrdFile[] | undefined;
  private readonly kinds = new Map<string, CrdKind>();
  private readonly searched = new Set<string>();
  private readonly fileProblems: CrdFileProblem[] = [];

  /** @param dir the folder to search recursively. */
  constructor(public readonly dir: string) {}

  /** Files that hold something other than valid CRDs (syntax errors, CRDs without `spec.versions`). */
  public get problems(): readonly CrdFileProblem[] {
    return this.fileProblems;
  }

  /**
   * What the folder defines for this group/version/kind. When several files define the version (an operator's old and
   * new release side by side), a file that serves it wins, and among those the one whose storage version it is, i.e. the
   * release written for it; then the first in path order.
   */
  public lookup(gvk: GroupVersionKind): CrdLookup {
    const crd = this.kindOf(gvk.group, gvk.kind);
    if (!crd) return { status: 'unknown-kind' };
    const matching = crd.versions.filter((v) => v.name === gvk.version);
    const served = matching.find((v) => v.served && v.storage) ?? matching.find((v) => v.served);
    if (served) return { status: 'served', crd, version: served };
    return matching.length > 0 ? { status: 'not-served', crd } : { status: 'unknown-version', crd };
  }

  private kindOf(group: string, kind: string): CrdKind | undefined {
    const key = kindKey(group, kind);
    if (!this.searched.has(key)) {
      this.searched.add(key);
      const mention = new RegExp(`\\bkind:\\s*["']?${escapeRegExp(kind)}["']?\\s*(?:$|[,}#])`, 'm');
      for (const file of this.allFiles()) {
        if (!file.parsed && file.text.includes(group) && mention.test(file.text)) this.index(file);
      }
    }
    return this.kinds.get(key);
  }

  private allFiles(): CrdFile[] {
    this.files ??= listYamlFiles(this.dir).map((path) => ({ path, text: readFileSync(path, 'utf8'), parsed: false }));
    return this.files;
  }

  private index(file: CrdFile): void {
    file.parsed = true;
    const name = relative(this.dir, file.path) || file.path;
    const { documents, errors } = parseYamlDocuments(file.text);
    for (const error of errors) this.fileProblems.push({ file: name, message: `YAML syntax error: ${error}` });
    for (const definition of documents.flatMap(crdDocuments)) {
      const problem = this.add(definition, file.path);
      if (problem) this.fileProblems.push({ file: name, message: problem });
    }
  }

  /** Adds one CRD document; returns why it cannot be used, if so. */
  private add(definition: Record<string, unknown>, file: string): string | undefined {
    const spec = recordAt(definition, 'spec');
    const group = stringAt(spec, 'group');
    const kind = stringAt(recordAt(spec, 'names'), 'kind');
    const versions = arrayAt(spec, 'versions').filter(isRecord);
    const crdName = stringAt(recordAt(definition, 'metadata'), 'name') ?? '?';
    if (group === undefined || kind === undefined || versions.length === 0) {
      return `CRD ${crdName} lacks spec.group, spec.names.kind or spec.versions (only apiextensions.k8s.io/v1 CRDs are read)`;
    }
    const key = kindKey(group, kind);
    const existing = this.kinds.get(key);
    const crd: CrdKind = existing ?? { group, kind, scope: stringAt(spec, 'scope') === 'Cluster' ? 'Cluster' : 'Namespaced', versions: [] };
    for (const version of versions) {
      crd.versions.push({
        name: stringAt(version, 'name') ?? '?',
        served: version.served === true,
        storage: version.storage === true,
        schema: recordAt(recordAt(version, 'schema'), 'openAPIV3Schema'),
        file,
      });
    }
    this.kinds.set(key, crd);
    return undefined;
  }
}

/** The names of the versions the folder serves for a kind, without duplicates. */
export function servedVersions(crd: CrdKind): string[] {
  return [...new Set(crd.versions.filter((v) => v.served).map((v) => v.name))];
}

/** The CRDs in one YAML document: the document itself, or the items of a `List`. */
function crdDocuments(document: unknown): Record<string, unknown>[] {
  if (!isRecord(document)) return [];
  if (document.kind === 'CustomResourceDefinition') return [document];
  if (typeof document.kind === 'string' && document.kind.endsWith('List')) return arrayAt(document, 'items').flatMap(crdDocuments);
  return [];
}

function kindKey(group: string, kind: string): string {
  return `${kind}.${group}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
