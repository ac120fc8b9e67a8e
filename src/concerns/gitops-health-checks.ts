/**
 * The platform's own Argo CD resource health checks (Lua), so that sync waves wait for what really matters:
 *
 * - `argoproj.io/Application`: a parent waits for its child Applications (chart installs). Argo CD removed the
 *   built-in Application health check in 1.8 and documents restoring it for app-of-apps with sync waves
 *   (argoproj/argo-cd@v3.5.1:docs/operator-manual/health.md:29-59).
 * - `operators.coreos.com/Subscription` and `InstallPlan`: a wave waits until OLM has installed the operator.
 * - `elasticsearch.k8s.elastic.co/Elasticsearch`: a single-node cluster is Healthy when yellow (see below).
 * - `sailoperator.io/Istio` and `IstioCNI` (Service Mesh 3): a wave waits until the control plane is ready (see below).
 * - `maistra.io/ServiceMeshControlPlane` and `ServiceMeshMemberRoll` (Service Mesh 2.x): the same for the 2.x control
 *   plane and its member namespaces (see below).
 *
 * They are rendered into `dist/<env>/bootstrap/` for the Argo CD that applies the render (`ArgoCD.spec
 * .resourceHealthChecks` on OpenShift GitOps, `argocd-cm` keys `resource.customizations.health.<group>_<kind>` on
 * upstream Argo CD), and the OLM ones into Seldon's own `ArgoCD` instance. An entry replaces Argo CD's built-in check
 * for the same kind (util/lua/lua.go:169-205). Argo CD runs them without the standard libraries (no `string`, `math`,
 * no string methods; only base, `table` and `os.time`/`os.date`: util/lua/lua.go:76-100) and with Lua 5.1 syntax
 * (gopher-lua): keep them to that subset. `test/concerns/gitops-health-checks.test.ts` runs each in the Lua VM of
 * src/validation/argocd-health.ts against realistic statuses.
 */

/** One `ArgoCD.spec.resourceHealthChecks` entry. */
export interface ResourceHealthCheck {
  readonly group: string;
  readonly kind: string;
  /** Lua: reads `obj`, returns `{ status = "Healthy" | "Progressing" | "Degraded" | ..., message = "..." }`. */
  readonly check: string;
}

/**
 * The annotation with which an Application opts out of gating sync waves. The root Applications carry it: a root
 * applies itself, and during its own sync it is OutOfSync, so it would wait for itself for ever. So do Seldon's
 * model-namespace Applications: they follow a repository the model teams own, which has no folder for a namespace
 * until Seldon Deploy writes its first model (Argo CD then reports a ComparisonError and sync status Unknown): the
 * platform's last wave must not wait for that.
 */
export const WAVE_HEALTH_ANNOTATION = 'seldon-platform/wave-health';
export const WAVE_HEALTH_IGNORE = 'ignore';

/**
 * Application: Healthy only when the child is Synced *and* Healthy (or carries the opt-out annotation above). Argo CD's documented snippet copies the child's
 * health alone (health.md:46-58): right after the parent changes a child (a chart version bump), the child is still
 * Healthy with the old release and OutOfSync, and the next wave would start before the upgrade is applied. Degraded
 * when the child is Degraded or its last sync failed (phase Failed or Error, retries exhausted) while not Synced;
 * Suspended passes through; anything else (no status yet, Missing, OutOfSync, Unknown, a sync running) is Progressing
 * with what is awaited.
 */
const APPLICATION = `local hs = { status = "Progressing", message = "Waiting for the application to report its status" }
if obj.metadata ~= nil and obj.metadata.annotations ~= nil and obj.metadata.annotations["${WAVE_HEALTH_ANNOTATION}"] == "${WAVE_HEALTH_IGNORE}" then
  hs.status = "Healthy"
  hs.message = "Does not gate sync waves (${WAVE_HEALTH_ANNOTATION}: ${WAVE_HEALTH_IGNORE}); see its own status"
  return hs
end
if obj.status == nil then
  return hs
end
local health = "Unknown"
if obj.status.health ~= nil and obj.status.health.status ~= nil then
  health = obj.status.health.status
end
local sync = "Unknown"
if obj.status.sync ~= nil and obj.status.sync.status ~= nil then
  sync = obj.status.sync.status
end
local phase = nil
if obj.status.operationState ~= nil then
  phase = obj.status.operationState.phase
end
if health == "Degraded" then
  hs.status = "Degraded"
  hs.message = "Degraded"
  if obj.status.health.message ~= nil then
    hs.message = obj.status.health.message
  end
elseif sync ~= "Synced" and (phase == "Failed" or phase == "Error") then
  hs.status = "Degraded"
  hs.message = "The last sync failed"
  if obj.status.operationState.message ~= nil then
    hs.message = "The last sync failed: " .. obj.status.operationState.message
  end
elseif health == "Suspended" then
  hs.status = "Suspended"
  hs.message = "Suspended"
elseif health == "Healthy" and sync == "Synced" then
  hs.status = "Healthy"
  hs.message = "Synced and healthy"
else
  hs.message = "Waiting for the application: sync " .. sync .. ", health " .. health
end
return hs
`;

/**
 * Subscription, with the semantics of Argo CD v3.5.1's built-in check
 * (argoproj/argo-cd@v3.5.1:resource_customizations/operators.coreos.com/Subscription/health.lua), pinned here because
 * the Argo CD that applies the render may be older: before v3.0.0 (argo-cd commit c93924b3cc, #21425) Argo CD called
 * a Subscription Healthy before `.status.state` said the operator was installed, and before v3.5.0 (69e6f94f24,
 * #25923) an installed operator whose next upgrade awaits manual approval stayed Progressing forever, blocking every
 * later wave of a `Manual` install. OpenShift GitOps ships the Argo CD of its channel.
 *
 * - Degraded: a condition CatalogSourcesUnhealthy, InstallPlanFailed or ResolutionFailed is True, or InstallPlanMissing
 *   is True for another reason than ReferencedInstallPlanNotFound, or the state is UpgradeFailed. (Argo CD counts
 *   InstallPlanMissing whatever its status; a condition here counts only when True.)
 * - Progressing: no status or conditions yet, an install plan is pending (InstallPlanPending True), or the state is not
 *   yet known, empty or UpgradeAvailable (OLM: operator-framework/api@v0.45.0:pkg/operators/v1alpha1/subscription_types.go
 *   SubscriptionState values), or UpgradePending.
 * - Healthy: otherwise (AtLatestKnown). With `installPlanApproval: Manual`, an installed operator (`installedCSV` set)
 *   whose upgrade waits for approval (InstallPlanPending True, reason RequiresApproval; state UpgradePending) is
 *   Healthy: the installed version keeps running until someone approves.
 */
const SUBSCRIPTION = `local hs = { status = "Progressing", message = "Waiting for the subscription to report its conditions" }
if obj.status == nil or obj.status.conditions == nil then
  return hs
end
local awaitingApproval = false
if obj.spec ~= nil and obj.spec.installPlanApproval == "Manual" and obj.status.installedCSV ~= nil then
  for _, c in ipairs(obj.status.conditions) do
    if c.type == "InstallPlanPending" and c.status == "True" and c.reason == "RequiresApproval" then
      awaitingApproval = true
    end
  end
end
local failures = {}
local pending = {}
for _, c in ipairs(obj.status.conditions) do
  if c.status == "True" then
    if c.type == "InstallPlanPending" then
      if not awaitingApproval then
        table.insert(pending, "an install plan is pending")
      end
    elseif c.type == "CatalogSourcesUnhealthy" or c.type == "InstallPlanFailed" or c.type == "ResolutionFailed"
        or (c.type == "InstallPlanMissing" and c.reason ~= "ReferencedInstallPlanNotFound") then
      table.insert(failures, c.type .. ": " .. (c.message or c.reason or ""))
    end
  end
end
local state = obj.status.state
if state == "UpgradeFailed" then
  table.insert(failures, "state UpgradeFailed")
elseif state == nil or state == "" or state == "UpgradeAvailable" then
  table.insert(pending, "state " .. (state or "not yet known"))
elseif state == "UpgradePending" and not awaitingApproval then
  table.insert(pending, "state UpgradePending")
end
if #failures > 0 then
  hs.status = "Degraded"
  hs.message = table.concat(failures, "; ")
elseif #pending > 0 then
  hs.message = "Installing: " .. table.concat(pending, "; ")
else
  hs.status = "Healthy"
  hs.message = "Installed: " .. (obj.status.installedCSV or "")
  if awaitingApproval then
    hs.message = hs.message .. "; an upgrade to " .. (obj.status.currentCSV or "a newer version") .. " awaits manual approval"
  end
end
return hs
`;

/**
 * InstallPlan: Healthy when its phase is Complete, Degraded when Failed (a terminal phase), otherwise Progressing.
 * Phases: operator-framework/api@v0.45.0:pkg/operators/v1alpha1/installplan_types.go (InstallPlanPhase).
 */
const INSTALL_PLAN = `local hs = { status = "Progressing", message = "Waiting for the install plan to complete" }
if obj.status ~= nil and obj.status.phase ~= nil then
  if obj.status.phase == "Complete" then
    hs.status = "Healthy"
    hs.message = "The install plan is complete"
  elseif obj.status.phase == "Failed" then
    hs.status = "Degraded"
    hs.message = obj.status.message or "The install plan failed"
  else
    hs.message = "Install plan phase: " .. obj.status.phase
  end
end
return hs
`;

/**
 * Elasticsearch (ECK): Argo CD v3.5.1's built-in decision table
 * (argoproj/argo-cd@v3.5.1:resource_customizations/elasticsearch.k8s.elastic.co/Elasticsearch/health.lua), except that
 * a cluster of exactly one node is Healthy when its health is yellow. Elasticsearch never allocates a replica to the
 * node holding its primary (elastic/elasticsearch@0a7bac20fdbf2e260e9268a82cf5457cc94bfc2a:server/src/main/java/org/
 * elasticsearch/cluster/routing/allocation/decider/SameShardAllocationDecider.java, class comment and decideSameNode),
 * and every index gets one replica unless it says otherwise (`index.number_of_replicas` defaults to 1:
 * elastic/elasticsearch@0034d7ae0d20afc9d48d5335d051bdadd856af05:server/src/main/java/org/elasticsearch/cluster/metadata/
 * IndexMetadata.java, INDEX_NUMBER_OF_REPLICAS_SETTING). So one node is yellow for good as soon as Seldon's request
 * logger or a log forwarder creates an index: all primaries are assigned, no data is unavailable, and the built-in
 * check would keep the wave Progressing forever. Clusters of two or more nodes keep Argo CD's semantics (yellow there
 * means a lost node or a relocation: wait).
 */
const ELASTICSEARCH = `local hs = { status = "Unknown", message = "Elasticsearch Cluster status is unknown" }
if obj.status == nil or obj.status.availableNodes == nil then
  return hs
end
local sum = 0
for _, set in ipairs(obj.spec.nodeSets) do
  sum = sum + set.count
end
local available = obj.status.availableNodes
if available < sum then
  hs.status = "Progressing"
  hs.message = "The desired amount of availableNodes is " .. sum .. " but the current amount is " .. available
  return hs
end
if available ~= sum or obj.status.phase == nil or obj.status.health == nil then
  return hs
end
local phase = obj.status.phase
local health = obj.status.health
if phase == "Ready" then
  if health == "green" then
    hs.status = "Healthy"
    hs.message = "Elasticsearch Cluster status is Green"
  elseif health == "yellow" and sum == 1 then
    hs.status = "Healthy"
    hs.message = "Elasticsearch Cluster status is Yellow on a single node: replica shards cannot be assigned (all primaries are)"
  elseif health == "yellow" then
    hs.status = "Progressing"
    hs.message = "Elasticsearch Cluster status is Yellow. Check the status of indices, replicas and shards"
  elseif health == "red" then
    hs.status = "Degraded"
    hs.message = "Elasticsearch Cluster status is Red. Check the status of indices, replicas and shards"
  end
elseif phase == "ApplyingChanges" or phase == "MigratingData" then
  hs.status = "Progressing"
  hs.message = "Elasticsearch phase is " .. phase
elseif phase == "Invalid" then
  hs.status = "Degraded"
  hs.message = "Elasticsearch phase is Invalid"
end
return hs
`;

/**
 * Sail operator (OpenShift Service Mesh 3) `Istio` and `IstioCNI`: Argo CD v3.5.1 has no health check for
 * `sailoperator.io` (argoproj/argo-cd@v3.5.1:resource_customizations/ has none), so without this one a sync wave would
 * not wait for the control plane: the ingress gateway's pods (next wave, gateway injection, `image: auto`) could be
 * created before istiod's injection webhook exists and never start.
 *
 * What the operator writes (istio-ecosystem/sail-operator@1.28.3, the release of ../shared/crds/sail-operator):
 * - every reconcile ends with a status update (controllers/istio/istio_controller.go:72-82,
 *   controllers/istiocni/istiocni_controller.go:269-281) setting `observedGeneration` to the generation it reconciled;
 * - `Reconciled`: True once the Helm charts are installed; False with reason `ReconcileError` (retried) on a failure
 *   (istio_controller.go:228-241; controllers/istiorevision/istiorevision_controller.go:396-411, where a revision name
 *   clash gives `NameAlreadyExists`; istiocni_controller.go:308-319). For an `Istio` the charts are the revision's
 *   `istiod` chart (istiorevision_controller.go:116-124), which holds the injection MutatingWebhookConfiguration with
 *   `failurePolicy: Fail` (resources/v1.28.3/charts/istiod/templates/mutatingwebhook.yaml:34,43-48);
 * - `Ready`: for an `Istio`, copied from its active IstioRevision (istio_controller.go:258-262): True when the istiod
 *   Deployment has all replicas ready (istiorevision_controller.go:413-430), reason `IstiodNotReady` otherwise; for an
 *   `IstioCNI`, True when every scheduled istio-cni-node pod is ready (istiocni_controller.go:321-348);
 * - `DependenciesHealthy` (`Istio` only): False while the IstioCNI it depends on is missing or not Healthy
 *   (istiorevision_controller.go:468-533);
 * - `state`: the reason of the first condition that is not True, or `Healthy` (istiorevision_controller.go:387-394,
 *   istiocni_controller.go:299-306; reasons in api/v1/istio_types.go:208-258, api/v1/istiocni_types.go:145-164).
 *
 * So: Healthy only when the current generation is reconciled, `Reconciled` and `Ready` are True, no other condition is
 * False or Unknown, and the state is `Healthy` (for an `Istio`: the webhook configuration is installed and istiod, which
 * serves it, is ready). Degraded when `Reconciled` is False with reason `ReconcileError` or `NameAlreadyExists`.
 * Progressing otherwise (no status yet, an older generation, istiod or the CNI pods starting, a dependency not yet
 * healthy, a readiness check that failed and is retried). One script for both kinds: they share the scheme.
 */
const SAIL = `local hs = { status = "Progressing", message = "Waiting for the Sail operator to report a status" }
if obj.status == nil then
  return hs
end
if obj.metadata ~= nil and obj.metadata.generation ~= nil and (obj.status.observedGeneration == nil or obj.status.observedGeneration < obj.metadata.generation) then
  hs.message = "Waiting for the Sail operator to reconcile generation " .. obj.metadata.generation
  return hs
end
local conditions = {}
if obj.status.conditions ~= nil then
  for _, c in ipairs(obj.status.conditions) do
    if c.type ~= nil then
      conditions[c.type] = c
    end
  end
end
local reconciled = conditions["Reconciled"]
if reconciled ~= nil and reconciled.status == "False" and (reconciled.reason == "ReconcileError" or reconciled.reason == "NameAlreadyExists") then
  hs.status = "Degraded"
  hs.message = reconciled.reason .. ": " .. (reconciled.message or "")
  return hs
end
local waiting = {}
for _, t in ipairs({ "Reconciled", "Ready" }) do
  if conditions[t] == nil then
    table.insert(waiting, t .. " not yet reported")
  end
end
if obj.status.conditions ~= nil then
  for _, c in ipairs(obj.status.conditions) do
    if c.status ~= "True" then
      table.insert(waiting, (c.type or "a condition") .. " " .. (c.status or "Unknown") .. ": " .. (c.message or c.reason or ""))
    end
  end
end
local state = obj.status.state or "not yet known"
if #waiting == 0 and state == "Healthy" then
  hs.status = "Healthy"
  hs.message = "Reconciled and ready"
elseif #waiting == 0 then
  hs.message = "Waiting for state Healthy (state " .. state .. ")"
else
  hs.message = "Waiting (state " .. state .. "): " .. table.concat(waiting, "; ")
end
return hs
`;

/**
 * OpenShift Service Mesh 2.x `ServiceMeshControlPlane`: Argo CD v3.5.1 has no health check for `maistra.io`
 * (argoproj/argo-cd@v3.5.1:resource_customizations/ has `install.istio.io` but no `maistra.io`), so without this one the
 * control plane's wave would not wait: sidecar-injected pods of later waves could be created before istiod, which
 * serves the injection webhook, is ready.
 *
 * What the operator writes (maistra/istio-operator@maistra-2.5 (8143614c5f13ef9b894d107d47353507b70f45ea), the
 * branch of ../shared/crds/maistra; no maistra-2.6 branch was available):
 * - conditions `Installed`, `Reconciled`, `Ready` (pkg/apis/maistra/status/status.go:93-103, reasons :126-166);
 * - a reconcile of a new generation first sets `Reconciled` and `Ready` False with reason `ResourceCreated`,
 *   `SpecUpdated` or `OperatorUpdated` (pkg/controller/servicemesh/controlplane/reconciler.go:95-96,502-540);
 *   while it waits for a component's Deployments the reason is `PausingInstall` / `PausingUpdate`
 *   (reconciler.go:299-319,378-393); a failure keeps `Reconciled` not True with reason `ReconcileError`,
 *   `InstallError`, `ValidationError`, `DependencyMissingError` or `ErrMultipleSMCPs` (reconciler.go:85-93,141-168,
 *   477-500; pkg/controller/servicemesh/controlplane/status.go:40-59), and the operator retries;
 * - only a successful reconcile sets `observedGeneration` to the generation and `Reconciled` True (reconciler.go:
 *   336-348, status.go:16-39);
 * - `Ready` mirrors `Reconciled` while that is not True; once it is, `Ready` is True (reason `ComponentsReady`) when
 *   every Deployment, StatefulSet and DaemonSet of every component is ready, False `ComponentsNotReady` otherwise,
 *   Unknown `ProbeError` when readiness could not be read (pkg/controller/servicemesh/controlplane/readiness.go:39-95,
 *   122-160).
 *
 * So: Degraded when `Reconciled` is not True with one of the failure reasons above (message: the operator's);
 * Progressing while the current generation is not reconciled or a component is not ready; Healthy when
 * `observedGeneration` is the current generation and `Reconciled` and `Ready` are True (istiod and the gateways of the
 * control plane are ready, so is the injection webhook).
 */
const SERVICE_MESH_CONTROL_PLANE = `local hs = { status = "Progressing", message = "Waiting for the Service Mesh operator to report a status" }
if obj.status == nil or obj.status.conditions == nil then
  return hs
end
local conditions = {}
for _, c in ipairs(obj.status.conditions) do
  if c.type ~= nil then
    conditions[c.type] = c
  end
end
local reconciled = conditions["Reconciled"]
local ready = conditions["Ready"]
local failures = { ReconcileError = true, InstallError = true, ValidationError = true, DependencyMissingError = true, ErrMultipleSMCPs = true }
if reconciled ~= nil and reconciled.status ~= "True" and reconciled.reason ~= nil and failures[reconciled.reason] then
  hs.status = "Degraded"
  hs.message = reconciled.reason .. ": " .. (reconciled.message or "")
  return hs
end
if obj.metadata ~= nil and obj.metadata.generation ~= nil and (obj.status.observedGeneration == nil or obj.status.observedGeneration < obj.metadata.generation) then
  hs.message = "Waiting for the Service Mesh operator to reconcile generation " .. obj.metadata.generation
  if reconciled ~= nil and reconciled.message ~= nil then
    hs.message = hs.message .. " (" .. (reconciled.reason or "") .. ": " .. reconciled.message .. ")"
  end
  return hs
end
if reconciled == nil or reconciled.status ~= "True" then
  hs.message = "Waiting for the control plane to be reconciled"
  if reconciled ~= nil then
    hs.message = hs.message .. " (" .. (reconciled.reason or reconciled.status or "") .. ": " .. (reconciled.message or "") .. ")"
  end
  return hs
end
if ready == nil or ready.status ~= "True" then
  hs.message = "Waiting for the control plane components to be ready"
  if ready ~= nil then
    hs.message = hs.message .. " (" .. (ready.reason or ready.status or "") .. ": " .. (ready.message or "") .. ")"
  end
  return hs
end
hs.status = "Healthy"
hs.message = ready.message or "Reconciled and ready"
return hs
`;

/**
 * OpenShift Service Mesh 2.x `ServiceMeshMemberRoll`: the member namespaces. Injection in 2.x only applies to member
 * namespaces: the webhook selects `maistra.io/member-of: <control plane namespace>`
 * (maistra/istio-operator@maistra-2.5:resources/helm/v2.5/istio-control/istio-discovery/templates/mutatingwebhook.yaml:38-43),
 * a label the operator sets when it configures a member.
 *
 * What the operator writes (pkg/controller/servicemesh/memberroll/controller.go at the same ref):
 * - on every reconcile `observedGeneration` (:634-646) and one condition `Ready` (:518-525,
 *   reasons in pkg/apis/maistra/v1/servicemeshmemberroll_types.go:224-237): True `Configured` when every member is
 *   configured; False `ErrInvalidName` (the roll is not named `default`, :259-264) or `ErrMultipleSMCPs` (:272-283),
 *   which need a person; False `ErrSMCPMissing` (no control plane yet) or `ReconcileError` with pending members
 *   (:423-443), which the operator resolves as things appear;
 * - per member in `memberStatuses`, condition `Reconciled`: False `NamespaceNotExists` for a listed namespace that does
 *   not exist (:296-310), False `ReferencesDifferentControlPlane` when the namespace's ServiceMeshMember points at
 *   another control plane (:312-320).
 *
 * The roll lists the model namespaces, which a later wave creates (after the roll's wave): a roll whose only pending
 * members are namespaces that do not exist yet is Healthy (the message names them), otherwise the first sync would wait
 * for ever. The operator watches namespaces and configures each when it appears (controller.go:103-116). Degraded on
 * `ErrInvalidName`, `ErrMultipleSMCPs` or a member that references another control plane; Progressing otherwise.
 */
const SERVICE_MESH_MEMBER_ROLL = `local hs = { status = "Progressing", message = "Waiting for the Service Mesh operator to report a status" }
if obj.status == nil then
  return hs
end
if obj.metadata ~= nil and obj.metadata.generation ~= nil and (obj.status.observedGeneration == nil or obj.status.observedGeneration < obj.metadata.generation) then
  hs.message = "Waiting for the Service Mesh operator to reconcile generation " .. obj.metadata.generation
  return hs
end
local ready = nil
if obj.status.conditions ~= nil then
  for _, c in ipairs(obj.status.conditions) do
    if c.type == "Ready" then
      ready = c
    end
  end
end
if ready == nil then
  return hs
end
if ready.status == "True" then
  hs.status = "Healthy"
  hs.message = ready.message or "All namespaces have been configured"
  return hs
end
if ready.reason == "ErrInvalidName" or ready.reason == "ErrMultipleSMCPs" then
  hs.status = "Degraded"
  hs.message = ready.reason .. ": " .. (ready.message or "")
  return hs
end
local memberReason = {}
if obj.status.memberStatuses ~= nil then
  for _, m in ipairs(obj.status.memberStatuses) do
    if m.namespace ~= nil and m.conditions ~= nil then
      for _, c in ipairs(m.conditions) do
        if c.type == "Reconciled" and c.status ~= "True" then
          memberReason[m.namespace] = c.reason or ""
          if c.reason == "ReferencesDifferentControlPlane" then
            hs.status = "Degraded"
            hs.message = "ReferencesDifferentControlPlane: " .. (c.message or m.namespace)
            return hs
          end
        end
      end
    end
  end
end
local missing = {}
local other = {}
if obj.status.pendingMembers ~= nil then
  for _, ns in ipairs(obj.status.pendingMembers) do
    if memberReason[ns] == "NamespaceNotExists" then
      table.insert(missing, ns)
    else
      table.insert(other, ns)
    end
  end
end
if ready.reason == "ReconcileError" and #missing > 0 and #other == 0 then
  hs.status = "Healthy"
  hs.message = "Every existing member namespace is configured; not yet created (a later wave creates them): " .. table.concat(missing, ", ")
  return hs
end
hs.message = "Waiting for the member namespaces to be configured (" .. (ready.reason or ready.status or "") .. ": " .. (ready.message or "") .. ")"
return hs
`;

/** The child-Application check. */
export const APPLICATION_HEALTH_CHECK: ResourceHealthCheck = { group: 'argoproj.io', kind: 'Application', check: APPLICATION };

/** The OLM health checks: Subscription and InstallPlan of `operators.coreos.com`. */
export const OLM_HEALTH_CHECKS: readonly ResourceHealthCheck[] = [
  { group: 'operators.coreos.com', kind: 'Subscription', check: SUBSCRIPTION },
  { group: 'operators.coreos.com', kind: 'InstallPlan', check: INSTALL_PLAN },
];

/** The single-node-aware Elasticsearch check. */
export const ELASTICSEARCH_HEALTH_CHECK: ResourceHealthCheck = { group: 'elasticsearch.k8s.elastic.co', kind: 'Elasticsearch', check: ELASTICSEARCH };

/** The Sail operator's `Istio` and `IstioCNI` (OpenShift Service Mesh 3): one script, see SAIL above. */
export const SAIL_HEALTH_CHECKS: readonly ResourceHealthCheck[] = [
  { group: 'sailoperator.io', kind: 'Istio', check: SAIL },
  { group: 'sailoperator.io', kind: 'IstioCNI', check: SAIL },
];

/** OpenShift Service Mesh 2.x: `ServiceMeshControlPlane` and `ServiceMeshMemberRoll`, see above. */
export const MAISTRA_HEALTH_CHECKS: readonly ResourceHealthCheck[] = [
  { group: 'maistra.io', kind: 'ServiceMeshControlPlane', check: SERVICE_MESH_CONTROL_PLANE },
  { group: 'maistra.io', kind: 'ServiceMeshMemberRoll', check: SERVICE_MESH_MEMBER_ROLL },
];

/** `<group>/<Kind>`, as Argo CD keys health scripts (util/lua/lua.go:476-481). */
export function healthCheckKey(check: Pick<ResourceHealthCheck, 'group' | 'kind'>): string {
  return check.group === '' ? check.kind : `${check.group}/${check.kind}`;
}
