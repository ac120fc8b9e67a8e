/**
 * Steady-state health: for every rendered object of a kind Argo CD runs a Lua health script for, the status its
 * controller writes once everything works, evaluated with the scripts the Argo CD that applies the render really runs
 * (its built-in scripts, `../shared/argocd`, plus the overrides of `dist/<env>/bootstrap/`). Anything but Healthy
 * stops every later sync wave for good, so it is an error: change the design, not the model.
 *
 * Each model derives the status from the object's own spec and cites the controller code that writes it; where a
 * controller can settle in more than one working state (an OLM upgrade awaiting manual approval, a Strimzi resource
 * with a deprecation warning) every variant must be Healthy. A rendered kind with a script but no model is an error
 * too: the table must grow with the render.
 */
import { join } from 'node:path';
import { isRecord } from './json';
import { ArgoCdLuaVm, HealthScript, HealthScriptError, healthKeyOf, HealthScripts, HealthStatus, loadBuiltInHealthScripts } from './argocd-health';

type Obj = Record<string, unknown>;

/** One working state of an object. */
export interface SteadyStateVariant {
  readonly name: string;
  readonly status: Obj;
}

/** How a kind's controller reports a working object, and where that is written down upstream. */
export interface SteadyStateModel {
  readonly source: string;
  readonly variants: (object: Obj) => SteadyStateVariant[];
}

const T = '2026-01-01T00:00:00Z';
const ready = (extra: Obj = {}): Obj => ({ type: 'Ready', status: 'True', lastTransitionTime: T, ...extra });
const spec = (o: Obj): Obj => (isRecord(o.spec) ? o.spec : {});
const meta = (o: Obj): Obj => (isRecord(o.metadata) ? o.metadata : {});
const strimziWarning = { type: 'Warning', status: 'True', lastTransitionTime: T, reason: 'DeprecatedFields', message: 'a deprecated field is used' };

/**
 * Elasticsearch health: green when every replica can be assigned. Every index the platform's writers create (Seldon's
 * request logger, the log forwarders) takes the default of one replica, and a replica never shares a node with its
 * primary (see gitops-health-checks.ts, ELASTICSEARCH), so one node means yellow.
 */
const DEFAULT_REPLICAS = 1;

export const STEADY_STATES: Readonly<Record<string, SteadyStateModel>> = {
  'cert-manager.io/Certificate': {
    source: 'cert-manager/cert-manager@007a977488ce79393ac0f58b79cb43c3d31853b3:pkg/controller/certificates/readiness/readiness_controller.go (BuildReadyConditionFromChain: Ready True, reason Ready; notBefore/notAfter/renewalTime from the issued secret)',
    variants: () => [{ name: 'issued', status: { conditions: [ready({ reason: 'Ready', message: 'Certificate is up to date and has not expired', observedGeneration: 1 })], notBefore: T, notAfter: '2026-03-31T00:00:00Z', renewalTime: '2026-03-16T00:00:00Z', revision: 1 } }],
  },
  'cert-manager.io/ClusterIssuer': issuerModel(),
  'cert-manager.io/Issuer': issuerModel(),
  'kafka.strimzi.io/Kafka': {
    source: 'strimzi/strimzi-kafka-operator@058ec52adfc7cdb3ade3db17420ec11a116f293f:operator-common/src/main/java/io/strimzi/operator/common/model/StatusUtils.java (setStatusConditionAndObservedGeneration: one condition Ready True; validate/addConditionsToStatus append Warning conditions)',
    variants: (o) => strimzi({ clusterId: 'seldon-cluster-id', kafkaVersion: '4.1.0', listeners: [{ name: 'tls', bootstrapServers: `${String(meta(o).name)}-kafka-bootstrap.${String(meta(o).namespace)}.svc:9093` }] }),
  },
  'kafka.strimzi.io/KafkaUser': {
    source: 'strimzi/strimzi-kafka-operator@058ec52adfc7cdb3ade3db17420ec11a116f293f:operator-common/src/main/java/io/strimzi/operator/common/model/StatusUtils.java (the User Operator reports Ready True, plus Warning conditions)',
    variants: (o) => strimzi({ username: String(meta(o).name), secret: String(meta(o).name) }),
  },
  'kafka.strimzi.io/KafkaTopic': {
    source: 'strimzi/strimzi-kafka-operator@058ec52adfc7cdb3ade3db17420ec11a116f293f:operator-common/src/main/java/io/strimzi/operator/common/model/StatusUtils.java (the Topic Operator reports Ready True)',
    variants: (o) => strimzi({ topicName: String(meta(o).name) }),
  },
  'operator.knative.dev/KnativeServing': {
    source: 'knative/operator@0f969359242008d54a9bf9f1a3cc2dce01783abf:pkg/apis/operator/v1beta1/knativeserving_lifecycle.go (servingCondSet: DependenciesInstalled, DeploymentsAvailable, InstallSucceeded, VersionMigrationEligible, TargetClusterResolved, and the living set\'s Ready; all True when installed)',
    variants: () => knative(['DependenciesInstalled', 'DeploymentsAvailable', 'InstallSucceeded', 'TargetClusterResolved', 'VersionMigrationEligible']),
  },
  'operator.knative.dev/KnativeEventing': {
    source: 'knative/operator@44d0a499419fa2417d0fa88a7394af8e8732bc97:pkg/apis/operator/v1beta1/knativeeventing_lifecycle.go (eventingCondSet: the same conditions as KnativeServing\'s; all True when installed)',
    variants: () => knative(['DependenciesInstalled', 'DeploymentsAvailable', 'InstallSucceeded', 'TargetClusterResolved', 'VersionMigrationEligible']),
  },
  'elasticsearch.k8s.elastic.co/Elasticsearch': {
    source: 'elastic/cloud-on-k8s@d30eddf8159892bf221b4f5843b71112c6fd8d0e:pkg/apis/elasticsearch/v1/elasticsearch_types.go (status availableNodes, health green/yellow/red from the cluster health API, phase Ready); health with the index settings the platform produces: every index gets index.number_of_replicas 1 (elastic/elasticsearch@0034d7ae0d20afc9d48d5335d051bdadd856af05:server/src/main/java/org/elasticsearch/cluster/metadata/IndexMetadata.java), never on its primary\'s node',
    variants: (o) => {
      const nodeSets = Array.isArray(spec(o).nodeSets) ? (spec(o).nodeSets as Obj[]) : [];
      const nodes = nodeSets.reduce((sum, set) => sum + (typeof set.count === 'number' ? set.count : 1), 0);
      const health = nodes >= DEFAULT_REPLICAS + 1 ? 'green' : 'yellow';
      return [{ name: `${nodes} node(s), indices with ${DEFAULT_REPLICAS} replica: ${health}`, status: { availableNodes: nodes, health, phase: 'Ready', version: spec(o).version, observedGeneration: 1 } }];
    },
  },
  'operators.coreos.com/Subscription': {
    source: 'operator-framework/api@55e744f999d6ee9f542bb7b8ebfc7daa80e4213c:pkg/operators/v1alpha1/subscription_types.go (SubscriptionState AtLatestKnown / UpgradePending, condition types CatalogSourcesUnhealthy and InstallPlanPending, installedCSV/currentCSV)',
    variants: (o) => {
      const s = spec(o);
      const csv = typeof s.startingCSV === 'string' ? s.startingCSV : `${String(s.name)}.v1.0.0`;
      const catalogs = { type: 'CatalogSourcesUnhealthy', status: 'False', reason: 'AllCatalogSourcesHealthy', message: 'all available catalogsources are healthy', lastTransitionTime: T };
      const variants: SteadyStateVariant[] = [{ name: 'installed, at the latest known version', status: { conditions: [catalogs], state: 'AtLatestKnown', installedCSV: csv, currentCSV: csv, lastUpdated: T } }];
      if (s.installPlanApproval === 'Manual') {
        variants.push({
          name: 'installed, an upgrade awaiting manual approval',
          status: { conditions: [catalogs, { type: 'InstallPlanPending', status: 'True', reason: 'RequiresApproval', lastTransitionTime: T }], state: 'UpgradePending', installedCSV: csv, currentCSV: `${csv}-next`, lastUpdated: T },
        });
      }
      return variants;
    },
  },
  'route.openshift.io/Route': {
    source: 'openshift/api@223d1d8d1565f2f9a62adbc172d014a50566d5a3:route/v1/types.go (RouteIngress per router with condition Admitted True once the router serves it)',
    variants: (o) => [{ name: 'admitted by the default router', status: { ingress: [{ host: String(spec(o).host ?? 'route.apps.example.com'), routerName: 'default', wildcardPolicy: 'None', routerCanonicalHostname: 'router-default.apps.example.com', conditions: [{ type: 'Admitted', status: 'True', lastTransitionTime: T }] }] } }],
  },
  'external-secrets.io/ExternalSecret': {
    source: 'external-secrets/external-secrets@9738ec4060232f8b5e90023aada55fe4930df5e5:apis/externalsecrets/v1 (ExternalSecretStatus: condition Ready True, reason SecretSynced; refreshTime, syncedResourceVersion)',
    variants: () => [{ name: 'synced', status: { conditions: [ready({ reason: 'SecretSynced', message: 'secret synced' })], refreshTime: T, syncedResourceVersion: '1-0123456789abcdef' } }],
  },
  'external-secrets.io/SecretStore': storeModel(),
  'external-secrets.io/ClusterSecretStore': storeModel(),
  'sailoperator.io/Istio': {
    source: 'istio-ecosystem/sail-operator@1.28.3:controllers/istio/istio_controller.go:176-190,222-299 (observedGeneration; Reconciled, Ready and DependenciesHealthy copied from the active IstioRevision, all True with istiod ready and the IstioCNI Healthy: controllers/istiorevision/istiorevision_controller.go:350-394; state Healthy; activeRevisionName = the Istio\'s name with InPlace updates; revisions counted, the gateway using the one revision)',
    variants: (o) => [{
      name: 'reconciled, istiod ready',
      status: { observedGeneration: 1, conditions: sailConditions(['Reconciled', 'Ready', 'DependenciesHealthy']), state: 'Healthy', activeRevisionName: String(meta(o).name), revisions: { total: 1, ready: 1, inUse: 1 } },
    }],
  },
  'sailoperator.io/IstioCNI': {
    source: 'istio-ecosystem/sail-operator@1.28.3:controllers/istiocni/istiocni_controller.go:269-348 (observedGeneration; Reconciled True once the chart is installed, Ready True when every istio-cni-node pod is ready; state Healthy)',
    variants: () => [{ name: 'reconciled, istio-cni-node ready', status: { observedGeneration: 1, conditions: sailConditions(['Reconciled', 'Ready']), state: 'Healthy' } }],
  },
  'maistra.io/ServiceMeshControlPlane': {
    source: 'maistra/istio-operator@maistra-2.5 (8143614c5f13ef9b894d107d47353507b70f45ea):pkg/controller/servicemesh/controlplane/reconciler.go:336-348 and status.go:16-39 (observedGeneration; Installed and Reconciled True, reason InstallSuccessful after the install, ReconcileSuccessful on later reconciles), readiness.go:68-115 (Ready True, reason ComponentsReady, once every component Deployment is ready; readiness.components lists them: istiod from resources/helm/v2.5/istio-control/istio-discovery, the ingress gateway from resources/helm/v2.5/gateways/istio-ingress)',
    variants: (o) => {
      const gateways = isRecord(spec(o).gateways) ? (spec(o).gateways as Obj) : {};
      const ingress = !isRecord(gateways.ingress) || (gateways.ingress as Obj).enabled !== false;
      const components = ['istio-discovery', ...(ingress ? ['istio-ingress'] : [])];
      const maistra = (type: string, reason: string, message: string): Obj => ({ type, status: 'True', reason, message, lastTransitionTime: T });
      const status = (reconciled: Obj): Obj => ({
        observedGeneration: 1,
        conditions: [maistra('Installed', 'InstallSuccessful', 'Successfully installed all mesh components'), reconciled, maistra('Ready', 'ComponentsReady', 'All component deployments are Available')],
        readiness: { components: { ready: components, unready: [], pending: [] } },
        annotations: { readyComponentCount: `${components.length}/${components.length}` },
      });
      return [
        { name: 'installed, every component ready', status: status(maistra('Reconciled', 'InstallSuccessful', 'Successfully installed all mesh components')) },
        { name: 'reconciled again (operator restart), every component ready', status: status(maistra('Reconciled', 'ReconcileSuccessful', 'Successfully reconciled')) },
      ];
    },
  },
  'maistra.io/ServiceMeshMemberRoll': {
    source: 'maistra/istio-operator@maistra-2.5 (8143614c5f13ef9b894d107d47353507b70f45ea):pkg/controller/servicemesh/memberroll/controller.go:296-310 (a listed namespace that does not exist: member condition Reconciled False, NamespaceNotExists), :399-443 (members, configuredMembers, pendingMembers; Ready True Configured, or False ReconcileError while members are pending), :634-646 (observedGeneration)',
    variants: (o) => {
      const members = (Array.isArray(spec(o).members) ? (spec(o).members as unknown[]) : []).map(String).sort();
      const base = { observedGeneration: 1, meshGeneration: 1, members, terminatingMembers: [] };
      const member = (namespace: string, status: string, reason?: string, message?: string): Obj => ({ namespace, conditions: [{ type: 'Reconciled', status, lastTransitionTime: T, ...(reason ? { reason } : {}), ...(message ? { message } : {}) }] });
      return [
        {
          name: 'every member namespace configured',
          status: { ...base, annotations: { configuredMemberCount: `${members.length}/${members.length}` }, configuredMembers: members, pendingMembers: [], memberStatuses: members.map((ns) => member(ns, 'True')), conditions: [ready({ reason: 'Configured', message: 'All namespaces have been configured successfully' })] },
        },
        {
          // The roll lists the model namespaces, which a later wave creates: until then they are pending.
          name: 'first sync: member namespaces not created yet (a later wave creates them)',
          status: {
            ...base,
            annotations: { configuredMemberCount: `0/${members.length}` },
            configuredMembers: [],
            pendingMembers: members,
            memberStatuses: members.map((ns) => member(ns, 'False', 'NamespaceNotExists', `Namespace ${ns} does not exist`)),
            conditions: [{ type: 'Ready', status: 'False', lastTransitionTime: T, reason: 'ReconcileError', message: `The following namespaces are not yet configured: [${members.join(' ')}]` }],
          },
        },
      ];
    },
  },
  'argoproj.io/Application': {
    source: 'argoproj/argo-cd@v3.5.1:pkg/apis/application/v1alpha1/types.go (ApplicationStatus.sync.status Synced, health.status Healthy, operationState.phase Succeeded once the chart is applied and its workloads are ready)',
    variants: (o) => {
      const revision = String((isRecord(spec(o).source) ? (spec(o).source as Obj).targetRevision : undefined) ?? 'HEAD');
      const operationState = { operation: { sync: { revision } }, phase: 'Succeeded', message: 'successfully synced (all tasks run)', startedAt: T, finishedAt: T };
      const variants: SteadyStateVariant[] = [{ name: 'synced and healthy', status: { sync: { status: 'Synced', revision }, health: { status: 'Healthy' }, operationState } }];
      // Seldon Deploy's namespace Applications follow the models repository, which has no folder for a namespace
      // until its first model is deployed: Argo CD then reports a ComparisonError "app path does not exist"
      // (argoproj/argo-cd@v3.5.1:util/app/path/path.go:15) and the sync status stays Unknown. A
      // working platform sits in that state for as long as no model is deployed.
      const component = isRecord(meta(o).labels) ? (meta(o).labels as Obj)['app.kubernetes.io/component'] : undefined;
      // A root Application applies itself: in its own sync it is a wave -1 task whose health Argo CD waits for while
      // its sync status is OutOfSync and its operation Running (gitops-engine/pkg/sync/sync_context.go:540-567).
      if (component === 'delivery') {
        variants.push({ name: 'a root during its own sync', status: { sync: { status: 'OutOfSync', revision }, health: { status: 'Progressing' }, operationState: { operation: operationState.operation, phase: 'Running', message: 'one or more tasks are running', startedAt: T } } });
      }
      if (component === 'gitops') {
        variants.push({ name: 'models repository without the namespace folder yet', status: { sync: { status: 'Unknown', revision }, health: { status: 'Healthy' }, conditions: [{ type: 'ComparisonError', message: `Failed to load target state: app path does not exist`, lastTransitionTime: T }] } });
      }
      return variants;
    },
  },
};

/** Sail conditions when all is well: True, with no reason or message (the operator sets those only when not True). */
function sailConditions(types: readonly string[]): Obj[] {
  return types.map((type) => ({ type, status: 'True', lastTransitionTime: T }));
}

function issuerModel(): SteadyStateModel {
  return {
    source: 'cert-manager CRD status.conditions (../shared/crds/cert-manager); a CA or self-signed issuer reports Ready True once set up (cert-manager/cert-manager@05065c88e7a2985f3bbd29409faeae8ed1b61eee:pkg/issuer/ca/setup.go verifies the CA key pair), as in Argo CD\'s own healthy vector',
    variants: () => [{ name: 'ready', status: { conditions: [ready({ observedGeneration: 1 })] } }],
  };
}

function storeModel(): SteadyStateModel {
  return {
    source: 'external-secrets/external-secrets@9738ec4060232f8b5e90023aada55fe4930df5e5:apis/externalsecrets/v1 (SecretStoreStatus: condition Ready True, reason Valid, once the provider validates)',
    variants: () => [{ name: 'valid', status: { conditions: [ready({ reason: 'Valid', message: 'store validated' })], capabilities: 'ReadWrite' } }],
  };
}

function strimzi(fields: Obj): SteadyStateVariant[] {
  const base = { observedGeneration: 1, ...fields };
  return [
    { name: 'ready', status: { ...base, conditions: [ready()] } },
    { name: 'ready, with a warning condition (e.g. a deprecated field)', status: { ...base, conditions: [ready(), strimziWarning] } },
  ];
}

/** Installed: every condition of the set True; operator releases before TargetClusterResolved lack that one. */
function knative(types: readonly string[]): SteadyStateVariant[] {
  const all = (list: readonly string[]): Obj => ({ conditions: [...list, 'Ready'].sort().map((type) => ({ type, status: 'True', lastTransitionTime: T })) });
  return [
    { name: 'installed', status: all(types) },
    { name: 'installed (an operator release without TargetClusterResolved)', status: all(types.filter((t) => t !== 'TargetClusterResolved')) },
  ];
}

/** The verdict for one rendered object. */
export interface SteadyStateResult {
  readonly file: string;
  readonly key: string;
  readonly name: string;
  /** The script's origin: `built-in` or `bootstrap override`. */
  readonly script: 'built-in' | 'bootstrap override';
  readonly variant: string;
  readonly health: HealthStatus | { status: 'error'; message: string };
  /** The object with its steady-state status (for schema checks). */
  readonly object: Obj;
  readonly source: string;
}

/** A problem: not Healthy, a script error, or a scripted kind without a model. */
export interface SteadyStateProblem {
  readonly file: string;
  readonly key: string;
  readonly message: string;
}

/** The built-in scripts of `<argocdDir>/resource_customizations`. */
export function argoCdScripts(argocdDir: string): HealthScripts {
  return new HealthScripts(loadBuiltInHealthScripts(join(argocdDir, 'resource_customizations')));
}

/**
 * The overrides an environment's bootstrap configures: the `argocd-cm` keys `resource.customizations.health.<group>_<kind>`
 * (upstream Argo CD) or `ArgoCD.spec.resourceHealthChecks` (OpenShift GitOps, which the operator writes to the same
 * keys), run without the standard libraries unless `resource.customizations.useOpenLibs.<group>_<kind>` is "true".
 */
export function bootstrapOverrides(objects: ReadonlyArray<{ file: string; object: unknown }>): HealthScript[] {
  const overrides: HealthScript[] = [];
  for (const { file, object } of objects) {
    if (!isRecord(object)) continue;
    if (object.kind === 'ConfigMap' && meta(object).name === 'argocd-cm' && isRecord(object.data)) {
      const data = object.data as Record<string, string>;
      for (const [k, lua] of Object.entries(data)) {
        const m = /^resource\.customizations\.health\.(.+)$/.exec(k);
        if (!m) continue;
        overrides.push({ key: fromConfigMapSuffix(m[1]), lua, useOpenLibs: data[`resource.customizations.useOpenLibs.${m[1]}`] === 'true', source: file });
      }
    }
    if (object.kind === 'ArgoCD' && Array.isArray(spec(object).resourceHealthChecks)) {
      for (const c of spec(object).resourceHealthChecks as Obj[]) {
        const key = c.group ? `${String(c.group)}/${String(c.kind)}` : String(c.kind);
        overrides.push({ key, lua: String(c.check), useOpenLibs: false, source: file });
      }
    }
  }
  return overrides;
}

/** `<group>_<Kind>` back to `<group>/<Kind>`: the kind is after the last underscore (a group has none). */
function fromConfigMapSuffix(suffix: string): string {
  const at = suffix.lastIndexOf('_');
  return at < 0 ? suffix : `${suffix.slice(0, at)}/${suffix.slice(at + 1)}`;
}

/**
 * Evaluates the steady state of every object that has a health script: results (one per object and variant) and
 * problems. Objects in `bootstrap/` configure Argo CD and are not applied by it: they are skipped.
 */
export function steadyStateHealth(vm: ArgoCdLuaVm, scripts: HealthScripts, objects: ReadonlyArray<{ file: string; object: unknown }>): { results: SteadyStateResult[]; problems: SteadyStateProblem[] } {
  const results: SteadyStateResult[] = [];
  const problems: SteadyStateProblem[] = [];
  for (const { file, object } of objects) {
    if (!isRecord(object) || /(^|\/)bootstrap\//.test(file)) continue;
    const script = scripts.scriptFor(object);
    if (!script) continue;
    const key = healthKeyOf(object);
    const model = STEADY_STATES[key];
    const name = `${meta(object).namespace ? `${String(meta(object).namespace)}/` : ''}${String(meta(object).name)}`;
    if (!model) {
      problems.push({ file, key, message: `${key} ${name}: Argo CD runs a health script for this kind (${script.source}) but src/validation/argocd-health-steady.ts has no steady-state model for it: add one, citing the controller that writes its status` });
      continue;
    }
    const origin = scripts.builtIn.get(key) === script ? 'built-in' : 'bootstrap override';
    for (const variant of model.variants(object)) {
      const withStatus = { ...object, status: variant.status };
      let health: SteadyStateResult['health'];
      try {
        health = vm.evaluate(script, withStatus);
      } catch (error) {
        health = { status: 'error', message: error instanceof HealthScriptError ? error.message : String(error) };
      }
      results.push({ file, key, name, script: origin, variant: variant.name, health, object: withStatus, source: model.source });
      if (health.status !== 'Healthy') {
        problems.push({
          file,
          key,
          message: `${key} ${name} (${variant.name}): Argo CD's ${origin} health script reports ${health.status || 'no health'}${health.message ? ` ("${health.message.trim()}")` : ''} in steady state, so every later sync wave waits for ever: change the design (or add a reasoned override to the bootstrap)`,
        });
      }
    }
  }
  return { results, problems };
}

/** Per kind: how many objects, the health of every variant, and the script used; for `npm run validate`. */
export function steadyStateTable(results: readonly SteadyStateResult[]): string[] {
  const byKey = new Map<string, SteadyStateResult[]>();
  for (const r of results) byKey.set(r.key, [...(byKey.get(r.key) ?? []), r]);
  return [...byKey.keys()].sort().map((key) => {
    const rs = byKey.get(key) as SteadyStateResult[];
    const objects = new Set(rs.map((r) => `${r.file} ${r.name}`)).size;
    const variants = [...new Set(rs.map((r) => r.variant))];
    const verdicts = variants.map((v) => {
      const statuses = [...new Set(rs.filter((r) => r.variant === v).map((r) => r.health.status || 'no health'))];
      return `${statuses.join('/')} (${v})`;
    });
    return `${key} ×${objects}: ${verdicts.join('; ')} [${rs[0].script} script]`;
  });
}
