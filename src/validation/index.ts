/**
 * Validates rendered Kubernetes objects the way the cluster and Argo CD will judge them: schemas of built-in kinds
 * (Kubernetes 1.28 definitions) and custom kinds (CRDs from a folder), PromQL in PrometheusRules, metadata rules,
 * scope, and the platform's policies (no secret data, no secret-looking string anywhere, an explicit sync wave).
 *
 *   const findings = validateObjects([{ file, object }], { crdDir: '../shared/crds' });
 */
import type Ajv from 'ajv';
import { CoreSchemas } from './core-schema';
import { CrdCatalog, CrdKind, servedVersions } from './crd-catalog';
import { CrdSchemas } from './crd-schema';
import { isRecord, recordAt, showValue } from './json';
import { apiVersionOf, defaultScopeOf, describeGvk, GroupVersionKind, isBuiltInGroup, parseApiVersion } from './kinds';
import { checkMetadata, checkScope } from './metadata';
import { checkNoSecretData, checkNoSecretValues, checkSyncWave } from './policy';
import { checkPrometheusRule } from './promql';
import { createAjv } from './schemas';
import { Finding, Issue, ManifestObject, ValidateOptions } from './types';

export type { Finding, FindingCheck, ManifestObject, ValidateOptions } from './types';
export { isDnsLabel, isDnsSubdomain, labelValueProblem, qualifiedNameProblem } from './metadata';
export { isPrometheusDuration, promqlSyntaxError } from './promql';
export { listYamlFiles, readYamlFile } from './yaml-files';
export { SYNC_WAVE_ANNOTATION } from './policy';
export { K8S_DEFINITIONS_FILE } from './core-schema';

/**
 * Validates objects and returns every problem found (empty when all pass). With `crdDir`, built-in kinds are checked
 * against its Kubernetes definitions (when present) and custom kinds against its CRDs, and a kind with no schema is an
 * error; without it only the schema-free checks run.
 */
export function validateObjects(objects: readonly ManifestObject[], opts: ValidateOptions = {}): Finding[] {
  return new ManifestValidator(opts).validate(objects);
}

/** Validates objects, compiling each kind's schema once across calls. Use one per CRD folder. */
export class ManifestValidator {
  private readonly ajv: Ajv = createAjv();
  private readonly core: CoreSchemas | undefined;
  private readonly crds: CrdCatalog | undefined;
  private readonly crdSchemas: CrdSchemas;
  private reportedCrdProblems = 0;

  constructor(opts: ValidateOptions = {}) {
    this.crdSchemas = new CrdSchemas(this.ajv);
    this.core = opts.crdDir === undefined ? undefined : CoreSchemas.fromCrdDir(this.ajv, opts.crdDir);
    this.crds = opts.crdDir === undefined ? undefined : new CrdCatalog(opts.crdDir);
  }

  /**
   * Every finding for `objects`, in input order, followed by problems of CRD files read for them (each reported once
   * per validator; their `file` is relative to the CRD folder).
   */
  public validate(objects: readonly ManifestObject[]): Finding[] {
    const findings = objects.flatMap(({ file, object }) => this.validateOne(file, object));
    const newProblems = this.crds?.problems.slice(this.reportedCrdProblems) ?? [];
    this.reportedCrdProblems += newProblems.length;
    const crdProblems = newProblems.map((p): Finding => ({
      file: p.file,
      kind: 'CustomResourceDefinition',
      name: '?',
      path: '',
      message: p.message,
      severity: 'error',
      check: 'input',
    }));
    return [...findings, ...crdProblems];
  }

  private validateOne(file: string, object: unknown): Finding[] {
    if (!isRecord(object)) {
      return [toFinding(file, undefined, inputIssue(`expected a Kubernetes object (a mapping), got ${showValue(object)}`))];
    }
    const gvk = groupVersionKindOf(object);
    const issues = gvk ? this.issuesOf(gvk, object) : [inputIssue('apiVersion and kind must both be non-empty strings')];
    return issues.map((issue) => toFinding(file, object, issue));
  }

  private issuesOf(gvk: GroupVersionKind, object: Record<string, unknown>): Issue[] {
    const schema = this.schemaIssues(gvk, object);
    const unknownKind = schema.some((issue) => issue.check === 'unknown-kind');
    return [
      ...schema,
      ...checkMetadata(gvk, object.metadata),
      ...(unknownKind ? [] : checkScope(gvk, this.scopeOf(gvk), recordAt(object, 'metadata')?.namespace)),
      ...checkNoSecretData(gvk, object),
      ...checkNoSecretValues(object),
      ...checkSyncWave(object),
      ...checkPrometheusRule(gvk, object),
    ];
  }

  /** Schema issues, or an unknown-kind issue when the folder has no schema for the kind. Nothing without a folder. */
  private schemaIssues(gvk: GroupVersionKind, object: Record<string, unknown>): Issue[] {
    if (isBuiltInGroup(gvk.group)) {
      if (!this.core) return [];
      const check = this.core.checkFor(gvk);
      return check ? check(object) : [unknownKind(`Kubernetes 1.28 does not serve ${describeGvk(gvk)}`)];
    }
    if (!this.crds) return [];
    const found = this.crds.lookup(gvk);
    switch (found.status) {
      case 'served':
        return this.crdSchemas.checkFor(gvk, found.version.schema, object)(object);
      case 'not-served':
        return [unknownKind(`${describeGvk(gvk)} is defined but has served: false; use ${servedHint(found.crd)}`)];
      case 'unknown-version':
        return [unknownKind(`the CRD for ${gvk.kind}.${gvk.group} has no version ${gvk.version}; use ${servedHint(found.crd)}`)];
      case 'unknown-kind':
        return [unknownKind(`unknown kind: no CRD in ${this.crds.dir} defines ${describeGvk(gvk)}`)];
    }
  }

  /** The CRD's `spec.scope` when the folder has the CRD, else what is known without one. */
  private scopeOf(gvk: GroupVersionKind): 'Cluster' | 'Namespaced' {
    const found = isBuiltInGroup(gvk.group) ? undefined : this.crds?.lookup(gvk);
    return found && found.status !== 'unknown-kind' ? found.crd.scope : defaultScopeOf(gvk);
  }
}

function groupVersionKindOf(object: Record<string, unknown>): GroupVersionKind | undefined {
  const { apiVersion, kind } = object;
  if (typeof apiVersion !== 'string' || apiVersion === '' || typeof kind !== 'string' || kind === '') return undefined;
  return { ...parseApiVersion(apiVersion), kind };
}

function inputIssue(message: string): Issue {
  return { path: '', message, check: 'input' };
}

function unknownKind(message: string): Issue {
  return { path: '', message, check: 'unknown-kind' };
}

function servedHint(crd: CrdKind): string {
  const served = servedVersions(crd);
  if (served.length === 0) return 'a version the CRD serves (it serves none)';
  return served.map((version) => `apiVersion ${apiVersionOf(crd.group, version)}`).join(' or ');
}

function toFinding(file: string, object: Record<string, unknown> | undefined, issue: Issue): Finding {
  const metadata = recordAt(object, 'metadata');
  const namespace = metadata?.namespace;
  return {
    file,
    kind: typeof object?.kind === 'string' ? object.kind : '?',
    name: typeof metadata?.name === 'string' ? metadata.name : '?',
    ...(typeof namespace === 'string' ? { namespace } : {}),
    path: issue.path,
    message: issue.message,
    severity: 'error',
    check: issue.check,
  };
}
