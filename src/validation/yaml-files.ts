/**
 * Finding and reading YAML files: shared by the CRD catalogue and the `validate` command. Parsing uses js-yaml's YAML
 * 1.2 core schema (as cdk8s writes), which reads the megabytes of a CRD folder several times faster than `yaml`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAll, YAMLException } from 'js-yaml';

/** The documents of one YAML file, empty documents skipped, and its syntax error if any. */
export interface YamlFile {
  readonly documents: unknown[];
  /** The syntax error with its line and column; a file with an error yields no documents. */
  readonly errors: string[];
}

/** Every `*.yaml` / `*.yml` file under `dir`, recursively, in a stable (sorted) order. Hidden entries are skipped. */
export function listYamlFiles(dir: string): string[] {
  const entries = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => !entry.name.startsWith('.'))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return entries.flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listYamlFiles(path);
    return entry.isFile() && /\.ya?ml$/.test(entry.name) ? [path] : [];
  });
}

/** Parses YAML text holding any number of documents; duplicate keys are syntax errors, as for the API server. */
export function parseYamlDocuments(text: string): YamlFile {
  try {
    return { documents: loadAll(text).filter((document) => document !== null && document !== undefined), errors: [] };
  } catch (error) {
    if (!(error instanceof YAMLException)) throw error;
    const { line, column } = error.mark ?? {};
    const where = line === undefined ? '' : ` at line ${line + 1}, column ${(column ?? 0) + 1}`;
    return { documents: [], errors: [`${error.reason}${where}`] };
  }
}

/** Reads and parses one YAML file; see {@link parseYamlDocuments}. */
export function readYamlFile(path: string): YamlFile {
  return parseYamlDocuments(readFileSync(path, 'utf8'));
}
