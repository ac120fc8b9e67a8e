/**
 * The platform's own Lua health checks, run in the Lua VM that reproduces Argo CD's (src/validation/argocd-health.ts),
 * against realistic statuses; the Subscription and Elasticsearch checks also against Argo CD's own test vectors
 * (../shared/argocd; skipped with a note when absent).
 */
import { join } from 'node:path';
import { APPLICATION_HEALTH_CHECK, ELASTICSEARCH_HEALTH_CHECK, MAISTRA_HEALTH_CHECKS, OLM_HEALTH_CHECKS, ResourceHealthCheck, SAIL_HEALTH_CHECKS, WAVE_HEALTH_ANNOTATION } from '../../src/concerns/gitops-health-checks';
import { ArgoCdLuaVm, HealthStatus, loadHealthTestVectors } from '../../src/validation/argocd-health';
import { sharedFolder } from '../helpers/shared';

const [SUBSCRIPTION, INSTALL_PLAN] = OLM_HEALTH_CHECKS;
const [ISTIO, ISTIO_CNI] = SAIL_HEALTH_CHECKS;
const [SMCP, SMMR] = MAISTRA_HEALTH_CHECKS;
const ALL: readonly ResourceHealthCheck[] = [APPLICATION_HEALTH_CHECK, ...OLM_HEALTH_CHECKS, ELASTICSEARCH_HEALTH_CHECK, ...SAIL_HEALTH_CHECKS, ...MAISTRA_HEALTH_CHECKS];

let vm: ArgoCdLuaVm;
beforeAll(async () => {
  vm = await ArgoCdLuaVm.create();
});
afterAll(() => vm.close());

/** As Argo CD runs a `resource.customizations.health` entry: no standard libraries (useOpenLibs false). */
function health(check: ResourceHealthCheck, object: Record<string, unknown>): HealthStatus {
  return vm.evaluate({ lua: check.check, useOpenLibs: false }, object);
}

const cond = (type: string, status: string, reason?: string, message?: string) => ({ type, status, lastTransitionTime: '2026-11-30T10:00:00Z', ...(reason ? { reason } : {}), ...(message ? { message } : {}) });
const CATALOGS_HEALTHY = cond('CatalogSourcesUnhealthy', 'False', 'AllCatalogSourcesHealthy', 'all available catalogsources are healthy');

function subscription(approval: 'Automatic' | 'Manual', status?: Record<string, unknown>): Record<string, unknown> {
  return {
    apiVersion: 'operators.coreos.com/v1alpha1',
    kind: 'Subscription',
    metadata: { name: 'serverless-operator', namespace: 'openshift-serverless' },
    spec: { name: 'serverless-operator', channel: 'stable', source: 'redhat-operators', sourceNamespace: 'openshift-marketplace', installPlanApproval: approval, startingCSV: 'serverless-operator.v1.36.0' },
    ...(status ? { status } : {}),
  };
}

describe('Subscription', () => {
  const installed = { conditions: [CATALOGS_HEALTHY], state: 'AtLatestKnown', installedCSV: 'serverless-operator.v1.36.0', currentCSV: 'serverless-operator.v1.36.0' };
  const upgradeAwaitingApproval = {
    conditions: [CATALOGS_HEALTHY, cond('InstallPlanPending', 'True', 'RequiresApproval')],
    state: 'UpgradePending',
    installedCSV: 'serverless-operator.v1.36.0',
    currentCSV: 'serverless-operator.v1.36.1',
  };

  test.each([
    ['installed', 'Automatic', installed, 'Healthy'],
    ['installed, upgrade awaiting approval (Manual)', 'Manual', upgradeAwaitingApproval, 'Healthy'],
    ['installed, upgrade awaiting approval but Automatic approval (a stuck plan)', 'Automatic', upgradeAwaitingApproval, 'Progressing'],
    ['first install awaiting approval (Manual, nothing installed yet)', 'Manual', { conditions: [CATALOGS_HEALTHY, cond('InstallPlanPending', 'True', 'RequiresApproval')], state: 'UpgradePending', currentCSV: 'serverless-operator.v1.36.0' }, 'Progressing'],
    ['just created: no status', 'Automatic', undefined, 'Progressing'],
    ['catalog checked, state not yet known', 'Automatic', { conditions: [CATALOGS_HEALTHY] }, 'Progressing'],
    ['installing', 'Automatic', { conditions: [CATALOGS_HEALTHY, cond('InstallPlanPending', 'True', 'Installing')], state: 'UpgradePending', currentCSV: 'serverless-operator.v1.36.0' }, 'Progressing'],
    ['resolution failed', 'Automatic', { conditions: [CATALOGS_HEALTHY, cond('ResolutionFailed', 'True', 'ConstraintsNotSatisfiable', 'no operators found in channel stable')] }, 'Degraded'],
    ['install plan failed', 'Automatic', { conditions: [CATALOGS_HEALTHY, cond('InstallPlanFailed', 'True', 'InstallComponentFailed')], state: 'AtLatestKnown', installedCSV: 'x' }, 'Degraded'],
    ['catalog unhealthy', 'Automatic', { conditions: [cond('CatalogSourcesUnhealthy', 'True', 'UnhealthyCatalogSourceFound')] }, 'Degraded'],
    ['upgrade failed', 'Automatic', { conditions: [CATALOGS_HEALTHY], state: 'UpgradeFailed', installedCSV: 'x' }, 'Degraded'],
    ['a resolved failure kept as False does not count', 'Automatic', { ...installed, conditions: [CATALOGS_HEALTHY, cond('ResolutionFailed', 'False')] }, 'Healthy'],
  ] as const)('%s: %s approval → %s', (_name, approval, status, expected) => {
    expect(health(SUBSCRIPTION, subscription(approval, status)).status).toBe(expected);
  });

  test('the message names what is awaited or what failed', () => {
    expect(health(SUBSCRIPTION, subscription('Manual', upgradeAwaitingApproval)).message).toBe('Installed: serverless-operator.v1.36.0; an upgrade to serverless-operator.v1.36.1 awaits manual approval');
    expect(health(SUBSCRIPTION, subscription('Automatic', { conditions: [cond('ResolutionFailed', 'True', 'X', 'no operators found')] })).message).toBe('ResolutionFailed: no operators found');
  });
});

describe('InstallPlan', () => {
  const plan = (phase?: string) => ({ apiVersion: 'operators.coreos.com/v1alpha1', kind: 'InstallPlan', spec: { approval: 'Manual', approved: false, clusterServiceVersionNames: ['x'] }, ...(phase ? { status: { phase } } : {}) });
  test.each([
    [undefined, 'Progressing'],
    ['RequiresApproval', 'Progressing'],
    ['Installing', 'Progressing'],
    ['Complete', 'Healthy'],
    ['Failed', 'Degraded'],
  ] as const)('phase %s → %s', (phase, expected) => {
    expect(health(INSTALL_PLAN, plan(phase)).status).toBe(expected);
  });
});

describe('Application (child Applications make a wave wait)', () => {
  const app = (status?: Record<string, unknown>) => ({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'seldon-core-v2-setup', namespace: 'argocd' }, spec: { project: 'default' }, ...(status ? { status } : {}) });
  const synced = { status: 'Synced', revision: '2.9.1' };
  test.each([
    ['just created: no status', undefined, 'Progressing'],
    ['Synced and Healthy', { sync: synced, health: { status: 'Healthy' }, operationState: { phase: 'Succeeded' } }, 'Healthy'],
    ['Synced, Progressing (pods starting)', { sync: synced, health: { status: 'Progressing', message: 'Waiting for rollout' } }, 'Progressing'],
    ['Synced, Degraded', { sync: synced, health: { status: 'Degraded', message: 'Deployment exceeded its progress deadline' } }, 'Degraded'],
    ['Missing (resources not created yet)', { sync: { status: 'OutOfSync' }, health: { status: 'Missing' } }, 'Progressing'],
    ['OutOfSync but still Healthy (a version bump not applied yet)', { sync: { status: 'OutOfSync', revision: '2.9.2' }, health: { status: 'Healthy' } }, 'Progressing'],
    ['a sync running', { sync: { status: 'OutOfSync' }, health: { status: 'Healthy' }, operationState: { phase: 'Running' } }, 'Progressing'],
    ['the sync failed, retries exhausted', { sync: { status: 'OutOfSync' }, health: { status: 'Healthy' }, operationState: { phase: 'Failed', message: 'one or more objects failed to apply' } }, 'Degraded'],
    ['a failed earlier sync no longer matters once Synced and Healthy', { sync: synced, health: { status: 'Healthy' }, operationState: { phase: 'Failed' } }, 'Healthy'],
    ['Suspended', { sync: synced, health: { status: 'Suspended' } }, 'Suspended'],
    ['Unknown health', { sync: synced, health: { status: 'Unknown' } }, 'Progressing'],
  ] as const)('%s → %s', (_name, status, expected) => {
    expect(health(APPLICATION_HEALTH_CHECK, app(status)).status).toBe(expected);
  });

  test('messages say what is awaited', () => {
    expect(health(APPLICATION_HEALTH_CHECK, app({ sync: { status: 'OutOfSync' }, health: { status: 'Healthy' } })).message).toBe('Waiting for the application: sync OutOfSync, health Healthy');
    expect(health(APPLICATION_HEALTH_CHECK, app({ sync: { status: 'OutOfSync' }, health: { status: 'Healthy' }, operationState: { phase: 'Failed', message: 'boom' } })).message).toBe('The last sync failed: boom');
  });
});

describe('Elasticsearch', () => {
  const es = (counts: number[], status?: Record<string, unknown>) => ({
    apiVersion: 'elasticsearch.k8s.elastic.co/v1',
    kind: 'Elasticsearch',
    spec: { version: '7.17.29', nodeSets: counts.map((count, i) => ({ name: `set${i}`, count })) },
    ...(status ? { status } : {}),
  });
  test.each([
    ['one node, yellow (replicas cannot be assigned)', [1], { availableNodes: 1, health: 'yellow', phase: 'Ready' }, 'Healthy'],
    ['one node, green', [1], { availableNodes: 1, health: 'green', phase: 'Ready' }, 'Healthy'],
    ['one node, red', [1], { availableNodes: 1, health: 'red', phase: 'Ready' }, 'Degraded'],
    ['one node, not yet available', [1], { availableNodes: 0, health: 'unknown', phase: 'ApplyingChanges' }, 'Progressing'],
    ['three nodes, yellow (a node lost or relocating)', [3], { availableNodes: 3, health: 'yellow', phase: 'Ready' }, 'Progressing'],
    ['two node sets of one node each, yellow', [1, 1], { availableNodes: 2, health: 'yellow', phase: 'Ready' }, 'Progressing'],
    ['no status yet', [1], undefined, 'Unknown'],
  ] as const)('%s → %s', (_name, counts, status, expected) => {
    expect(health(ELASTICSEARCH_HEALTH_CHECK, es([...counts], status)).status).toBe(expected);
  });
});

/**
 * Statuses as the Sail operator writes them (istio-ecosystem/sail-operator@1.28.3: controllers/istio/istio_controller.go
 * determineStatus, controllers/istiorevision/istiorevision_controller.go determineStatus/deriveState,
 * controllers/istiocni/istiocni_controller.go determineStatus): reasons and messages are the operator's own strings.
 */
describe('Sail operator Istio and IstioCNI (Service Mesh 3)', () => {
  const sail = (kind: 'Istio' | 'IstioCNI', generation: number, status?: Record<string, unknown>) => ({
    apiVersion: 'sailoperator.io/v1',
    kind,
    metadata: { name: 'default', generation },
    spec: { namespace: kind === 'Istio' ? 'istio-system' : 'istio-cni', version: 'v1.28-latest' },
    ...(status ? { status } : {}),
  });
  const t = (type: string) => cond(type, 'True');
  const reconcileError = (message: string) => cond('Reconciled', 'False', 'ReconcileError', message);

  test.each([
    ['just created: no status (not yet reconciled)', 'Progressing', undefined],
    ['a status for an older generation (spec changed, not yet reconciled)', 'Progressing', { observedGeneration: 1, conditions: [t('Reconciled'), t('Ready'), t('DependenciesHealthy')], state: 'Healthy', revisions: { total: 1, ready: 1, inUse: 1 } }],
    ['the active revision not created yet', 'Progressing', { observedGeneration: 2, conditions: [cond('Reconciled', 'False', 'ActiveRevisionNotFound', 'active IstioRevision not found'), cond('Ready', 'False', 'ActiveRevisionNotFound', 'active IstioRevision not found')], state: 'ActiveRevisionNotFound', revisions: { total: 0, ready: 0, inUse: 0 } }],
    ['reconciling: chart installed, istiod not ready', 'Progressing', { observedGeneration: 2, conditions: [t('Reconciled'), cond('Ready', 'False', 'IstiodNotReady', 'not all istiod pods are ready'), t('DependenciesHealthy')], state: 'IstiodNotReady', revisions: { total: 1, ready: 0, inUse: 0 } }],
    ['istiod ready, the IstioCNI not yet healthy', 'Progressing', { observedGeneration: 2, conditions: [t('Reconciled'), t('Ready'), cond('DependenciesHealthy', 'False', 'IstioCNINotHealthy', 'IstioCNI resource status indicates that the component is not healthy')], state: 'IstioCNINotHealthy', revisions: { total: 1, ready: 1, inUse: 0 } }],
    ['readiness could not be checked (retried)', 'Progressing', { observedGeneration: 2, conditions: [t('Reconciled'), cond('Ready', 'Unknown', 'ReadinessCheckFailed', 'failed to get readiness: timeout'), t('DependenciesHealthy')], state: 'ReadinessCheckFailed' }],
    ['ready', 'Healthy', { observedGeneration: 2, conditions: [t('Reconciled'), t('Ready'), t('DependenciesHealthy')], state: 'Healthy', activeRevisionName: 'default', revisions: { total: 1, ready: 1, inUse: 1 } }],
    ['failed: reconcile error', 'Degraded', { observedGeneration: 2, conditions: [reconcileError('failed to install istiod chart'), cond('Ready', 'Unknown', 'ReconcileError', 'cannot determine readiness due to reconciliation error')], state: 'ReconcileError' }],
    ['failed: a revision of that name exists', 'Degraded', { observedGeneration: 2, conditions: [cond('Reconciled', 'False', 'NameAlreadyExists', 'an IstioRevision named default already exists'), t('Ready'), t('DependenciesHealthy')], state: 'NameAlreadyExists' }],
  ] as const)('Istio, %s → %s', (_name, expected, status) => {
    expect(health(ISTIO, sail('Istio', 2, status)).status).toBe(expected);
  });

  test.each([
    ['just created: no status', 'Progressing', undefined],
    ['reconciling: DaemonSet not ready', 'Progressing', { observedGeneration: 1, conditions: [t('Reconciled'), cond('Ready', 'False', 'DaemonSetNotReady', 'not all istio-cni-node pods are ready')], state: 'DaemonSetNotReady' }],
    ['ready', 'Healthy', { observedGeneration: 1, conditions: [t('Reconciled'), t('Ready')], state: 'Healthy' }],
    ['failed: reconcile error', 'Degraded', { observedGeneration: 1, conditions: [reconcileError('error reconciling resource: boom'), cond('Ready', 'False', 'DaemonSetNotReady', 'istio-cni-node DaemonSet not found')], state: 'ReconcileError' }],
  ] as const)('IstioCNI, %s → %s', (_name, expected, status) => {
    expect(health(ISTIO_CNI, sail('IstioCNI', 1, status)).status).toBe(expected);
  });

  test('Healthy needs Ready reported and the state Healthy, not just no failing condition', () => {
    expect(health(ISTIO, sail('Istio', 1, { observedGeneration: 1, conditions: [t('Reconciled')], state: 'Healthy' })).status).toBe('Progressing');
    expect(health(ISTIO, sail('Istio', 1, { observedGeneration: 1, conditions: [t('Reconciled'), t('Ready')] })).status).toBe('Progressing');
  });

  test('messages say what is awaited or what failed', () => {
    expect(health(ISTIO, sail('Istio', 3, { observedGeneration: 2, conditions: [t('Reconciled'), t('Ready')], state: 'Healthy' })).message).toBe('Waiting for the Sail operator to reconcile generation 3');
    expect(health(ISTIO, sail('Istio', 1, { observedGeneration: 1, conditions: [t('Reconciled'), cond('Ready', 'False', 'IstiodNotReady', 'not all istiod pods are ready')], state: 'IstiodNotReady' })).message).toBe('Waiting (state IstiodNotReady): Ready False: not all istiod pods are ready');
    expect(health(ISTIO_CNI, sail('IstioCNI', 1, { observedGeneration: 1, conditions: [reconcileError('boom')], state: 'ReconcileError' })).message).toBe('ReconcileError: boom');
  });
});

/**
 * Statuses as the Service Mesh 2.x operator writes them (maistra/istio-operator@maistra-2.5 (8143614):
 * pkg/controller/servicemesh/controlplane/reconciler.go initializeReconcileStatus, pauseReconciliation,
 * postReconciliationStatus; status.go updateConditions; readiness.go updateReadinessStatus;
 * pkg/controller/servicemesh/memberroll/controller.go reconcileObject): reasons and messages are the operator's own.
 */
describe('Service Mesh 2.x ServiceMeshControlPlane', () => {
  const smcp = (generation: number, status?: Record<string, unknown>) => ({
    apiVersion: 'maistra.io/v2',
    kind: 'ServiceMeshControlPlane',
    metadata: { name: 'basic', namespace: 'istio-system', generation },
    spec: { version: 'v2.6' },
    ...(status ? { status } : {}),
  });
  const installing = (reason: string, message: string) => [cond('Installed', 'False', reason, message), cond('Reconciled', 'False', reason, message), cond('Ready', 'False', reason, message)];
  const installed = cond('Installed', 'True', 'InstallSuccessful', 'Successfully installed all mesh components');
  const reconciled = cond('Reconciled', 'True', 'InstallSuccessful', 'Successfully installed all mesh components');
  const ready = cond('Ready', 'True', 'ComponentsReady', 'All component deployments are Available');
  const failed = (reason: string, message: string) => [installed, cond('Reconciled', 'False', reason, message), cond('Ready', 'False', reason, message)];

  test.each([
    ['just created: no status (not yet reconciled)', 'Progressing', 1, undefined],
    ['install started (not reconciled)', 'Progressing', 1, { conditions: installing('ResourceCreated', 'Installing mesh generation 1'), readiness: { components: {} } }],
    ['reconciling: paused until istiod is ready', 'Progressing', 1, { conditions: installing('PausingInstall', 'Paused until the following components become ready: [istio-discovery]'), readiness: { components: { pending: ['istio-discovery'], ready: [], unready: [] } } }],
    ['reconciled, the ingress gateway not yet available', 'Progressing', 1, { observedGeneration: 1, conditions: [installed, reconciled, cond('Ready', 'False', 'ComponentsNotReady', 'The following components are not fully available: [istio-ingress]')], readiness: { components: { ready: ['istio-discovery'], unready: ['istio-ingress'], pending: [] } } }],
    ['readiness could not be read (retried)', 'Progressing', 1, { observedGeneration: 1, conditions: [installed, reconciled, cond('Ready', 'Unknown', 'ProbeError', 'Error collecting ready state: timeout')], readiness: { components: {} } }],
    ['spec changed: an older generation reconciled and ready', 'Progressing', 2, { observedGeneration: 1, conditions: [installed, cond('Reconciled', 'False', 'SpecUpdated', 'Updating mesh from generation 1 to generation 2'), cond('Ready', 'False', 'SpecUpdated', 'Updating mesh from generation 1 to generation 2')], readiness: { components: {} } }],
    ['operator upgraded: the same generation reconciled again', 'Progressing', 1, { observedGeneration: 1, conditions: [installed, cond('Reconciled', 'False', 'OperatorUpdated', 'Updating mesh due to operator version change (2.5.0 to 2.6.0)'), ready], readiness: { components: {} } }],
    ['ready', 'Healthy', 1, { observedGeneration: 1, conditions: [installed, reconciled, ready], readiness: { components: { ready: ['istio-discovery', 'istio-ingress'], unready: [], pending: [] } } }],
    ['ready after a later reconcile', 'Healthy', 1, { observedGeneration: 1, conditions: [installed, cond('Reconciled', 'True', 'ReconcileSuccessful', 'Successfully reconciled'), ready], readiness: { components: {} } }],
    ['failed: invalid spec', 'Degraded', 1, { conditions: failed('ValidationError', 'Spec is invalid: error: version v2.9 is not supported'), readiness: { components: {} } }],
    ['failed: a component could not be applied', 'Degraded', 1, { conditions: failed('ReconcileError', 'Error processing component istio-discovery: error: boom'), readiness: { components: {} } }],
    ['failed: a dependency (Kiali operator) is missing', 'Degraded', 1, { conditions: failed('DependencyMissingError', 'Dependency "Kiali" is missing: error: ...'), readiness: { components: {} } }],
    ['failed: a second control plane in the namespace', 'Degraded', 1, { conditions: failed('ErrMultipleSMCPs', 'reconciliation skipped: error: multiple ServiceMeshControlPlane resources exist in the namespace'), readiness: { components: {} } }],
    ['failed on a spec change: the old generation still reported', 'Degraded', 2, { observedGeneration: 1, conditions: failed('ReconcileError', 'Error processing component istio-ingress: error: boom'), readiness: { components: {} } }],
  ] as const)('%s → %s', (_name, expected, generation, status) => {
    expect(health(SMCP, smcp(generation, status)).status).toBe(expected);
  });

  test('Healthy needs Ready True, not just Reconciled', () => {
    expect(health(SMCP, smcp(1, { observedGeneration: 1, conditions: [installed, reconciled], readiness: { components: {} } })).status).toBe('Progressing');
  });

  test('messages say what is awaited or what failed', () => {
    expect(health(SMCP, smcp(2, { observedGeneration: 1, conditions: [installed, cond('Reconciled', 'False', 'SpecUpdated', 'Updating mesh from generation 1 to generation 2')] })).message)
      .toBe('Waiting for the Service Mesh operator to reconcile generation 2 (SpecUpdated: Updating mesh from generation 1 to generation 2)');
    expect(health(SMCP, smcp(1, { observedGeneration: 1, conditions: [installed, reconciled, cond('Ready', 'False', 'ComponentsNotReady', 'The following components are not fully available: [istio-ingress]')] })).message)
      .toBe('Waiting for the control plane components to be ready (ComponentsNotReady: The following components are not fully available: [istio-ingress])');
    expect(health(SMCP, smcp(1, { conditions: failed('ValidationError', 'Spec is invalid') })).message).toBe('ValidationError: Spec is invalid');
    expect(health(SMCP, smcp(1, { observedGeneration: 1, conditions: [installed, reconciled, ready] })).message).toBe('All component deployments are Available');
  });
});

describe('Service Mesh 2.x ServiceMeshMemberRoll', () => {
  const smmr = (generation: number, status?: Record<string, unknown>) => ({
    apiVersion: 'maistra.io/v1',
    kind: 'ServiceMeshMemberRoll',
    metadata: { name: 'default', namespace: 'istio-system', generation },
    spec: { members: ['models', 'seldon-system'] },
    ...(status ? { status } : {}),
  });
  const member = (namespace: string, status: string, reason?: string, message?: string) => ({ namespace, conditions: [cond('Reconciled', status, reason, message)] });
  const pending = (members: string[]) => cond('Ready', 'False', 'ReconcileError', `The following namespaces are not yet configured: [${members.join(' ')}]`);

  test.each([
    ['just created: no status', 'Progressing', 1, undefined],
    ['a status for an older generation', 'Progressing', 2, { observedGeneration: 1, conditions: [cond('Ready', 'True', 'Configured', 'All namespaces have been configured successfully')] }],
    ['no control plane yet', 'Progressing', 1, { observedGeneration: 1, members: ['models', 'seldon-system'], pendingMembers: ['models', 'seldon-system'], conditions: [cond('Ready', 'False', 'ErrSMCPMissing', 'No ServiceMeshControlPlane exists in the namespace')] }],
    ['an existing namespace not yet configured', 'Progressing', 1, { observedGeneration: 1, pendingMembers: ['models', 'seldon-system'], memberStatuses: [member('models', 'False', 'NamespaceNotExists', 'Namespace models does not exist'), member('seldon-system', 'False')], conditions: [pending(['models', 'seldon-system'])] }],
    ['only namespaces a later wave creates are pending', 'Healthy', 1, { observedGeneration: 1, pendingMembers: ['models'], configuredMembers: ['seldon-system'], memberStatuses: [member('models', 'False', 'NamespaceNotExists', 'Namespace models does not exist'), member('seldon-system', 'True')], conditions: [pending(['models'])] }],
    ['every member configured', 'Healthy', 1, { observedGeneration: 1, pendingMembers: [], configuredMembers: ['models', 'seldon-system'], memberStatuses: [member('models', 'True'), member('seldon-system', 'True')], conditions: [cond('Ready', 'True', 'Configured', 'All namespaces have been configured successfully')] }],
    ['failed: the roll is not named default', 'Degraded', 1, { observedGeneration: 1, conditions: [cond('Ready', 'False', 'ErrInvalidName', 'the ServiceMeshMemberRoll name is invalid; must be "default"')] }],
    ['failed: two control planes in the namespace', 'Degraded', 1, { observedGeneration: 1, conditions: [cond('Ready', 'False', 'ErrMultipleSMCPs', 'Multiple ServiceMeshControlPlane resources exist in the namespace')] }],
    ['failed: a member belongs to another control plane', 'Degraded', 1, { observedGeneration: 1, pendingMembers: ['models'], memberStatuses: [member('models', 'False', 'ReferencesDifferentControlPlane', 'ServiceMeshMember models/default exists, but references ServiceMeshControlPlane other/basic')], conditions: [pending(['models'])] }],
  ] as const)('%s → %s', (_name, expected, generation, status) => {
    expect(health(SMMR, smmr(generation, status)).status).toBe(expected);
  });

  test('the missing namespaces are named, not silently passed', () => {
    expect(health(SMMR, smmr(1, { observedGeneration: 1, pendingMembers: ['models'], memberStatuses: [member('models', 'False', 'NamespaceNotExists')], conditions: [pending(['models'])] })).message)
      .toBe('Every existing member namespace is configured; not yet created (a later wave creates them): models');
  });
});

describe('written for Argo CD\'s VM: Lua 5.1, no standard libraries', () => {
  test.each(ALL.map((c) => [`${c.group}/${c.kind}`, c] as const))('%s', (_key, c) => {
    // Lua 5.3+ syntax gopher-lua rejects, and library calls that fail without useOpenLibs.
    expect(c.check).not.toMatch(/\/\/|\bgoto\b|<const>|<close>|[^~=<>]=?~[^=]|\s&\s|\s\|\s|<<|>>/);
    expect(c.check).not.toMatch(/\b(string|math|io|debug|coroutine|utf8)\.|:\w+\(/);
  });
});

const ARGOCD = sharedFolder('argocd', "the comparison of the platform's checks with Argo CD's own test vectors");
(ARGOCD ? describe : describe.skip)("agreement with Argo CD's built-in checks on Argo CD's own test vectors", () => {
  const vectors = ARGOCD ? loadHealthTestVectors(join(ARGOCD, 'resource_customizations')) : [];

  test('Subscription: the same status on every vector', () => {
    const subs = vectors.filter((v) => v.key === 'operators.coreos.com/Subscription');
    expect(subs.length).toBeGreaterThan(5);
    for (const v of subs) expect([v.name, health(SUBSCRIPTION, v.object).status]).toEqual([v.name, v.expected.status]);
  });

  test('Elasticsearch: the same status and message on every vector (all multi-node)', () => {
    const clusters = vectors.filter((v) => v.key === 'elasticsearch.k8s.elastic.co/Elasticsearch');
    expect(clusters.length).toBeGreaterThan(5);
    for (const v of clusters) {
      const ours = health(ELASTICSEARCH_HEALTH_CHECK, v.object);
      expect([v.name, ours.status]).toEqual([v.name, v.expected.status]);
      if (ours.status !== 'Unknown') expect(ours.message).toBe(v.expected.message);
    }
  });
});

describe('an Application that opts out of gating sync waves', () => {
  const app = (annotations: Record<string, string>, status: Record<string, unknown>) => ({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'seldon-gitops-models', annotations }, status });
  const noFolderYet = { sync: { status: 'Unknown' }, health: { status: 'Healthy' }, conditions: [{ type: 'ComparisonError', message: 'app path does not exist' }] };
  test('Healthy whatever its status, saying why', () => {
    expect(health(APPLICATION_HEALTH_CHECK, app({ [WAVE_HEALTH_ANNOTATION]: 'ignore' }, noFolderYet))).toEqual({ status: 'Healthy', message: 'Does not gate sync waves (seldon-platform/wave-health: ignore); see its own status' });
  });
  test('without the annotation (or another value) the same status keeps the wave waiting', () => {
    expect(health(APPLICATION_HEALTH_CHECK, app({}, noFolderYet)).status).toBe('Progressing');
    expect(health(APPLICATION_HEALTH_CHECK, app({ [WAVE_HEALTH_ANNOTATION]: 'yes' }, noFolderYet)).status).toBe('Progressing');
  });
});
