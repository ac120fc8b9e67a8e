/** Public types of the manifest validator. */

/** Which rule a finding comes from; the CLI totals some of them separately. */
export type FindingCheck =
  /** The object does not match the schema of its kind (Kubernetes definitions or CRD). */
  | 'schema'
  /** No schema is known for the object's apiVersion and kind, or the version is not served. */
  | 'unknown-kind'
  /** A PrometheusRule expression or duration does not parse. */
  | 'promql'
  /** `metadata` names, namespace, labels or annotations break Kubernetes' rules. */
  | 'metadata'
  /** A cluster-scoped object carries a namespace, or a namespaced one lacks it. */
  | 'scope'
  /** A Secret carries `data` or `stringData`: a secret value would land in Git. */
  | 'secret-data'
  /** A string somewhere in the object looks like a secret value (src/lib/secret-scan.ts). */
  | 'secret-value'
  /** The object lacks an integer Argo CD sync wave. */
  | 'sync-wave'
  /** The input could not be read as a Kubernetes object (not a mapping, YAML syntax error, broken CRD file). */
  | 'input';

/** One problem found in one rendered object. */
export interface Finding {
  /** The file the object was read from (as given to the validator). */
  readonly file: string;
  /** The object's `kind`, or `?` when it has none. */
  readonly kind: string;
  /** The object's `metadata.name`, or `?` when it has none. */
  readonly name: string;
  /** The object's `metadata.namespace`, when it has one. */
  readonly namespace?: string;
  /** Where in the object, as a JSON path such as `spec.servers[0].port` (empty for the whole object). */
  readonly path: string;
  /** What is wrong: names the bad value and the rule it breaks. */
  readonly message: string;
  /** Always `error`: every finding fails validation. */
  readonly severity: 'error';
  /** The rule that produced the finding. */
  readonly check: FindingCheck;
}

/** One object to validate and the file it came from. */
export interface ManifestObject {
  /** File the object was read from; echoed in findings. */
  readonly file: string;
  /** The parsed YAML document; anything that is not a mapping is reported. */
  readonly object: unknown;
}

/** Options of {@link validateObjects}. */
export interface ValidateOptions {
  /**
   * Folder of CustomResourceDefinition YAML files (searched recursively) and, optionally,
   * `k8s/k8s-1.28-definitions.json` for the built-in kinds. Without it only the schema-free checks run.
   */
  readonly crdDir?: string;
}

/** A problem located inside an object, before the object's identity is attached. */
export interface Issue {
  readonly path: string;
  readonly message: string;
  readonly check: FindingCheck;
}
