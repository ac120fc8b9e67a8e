/**
 * Argo CD resource health checks (Lua) for OLM objects, so that sync waves really wait for an operator to be
 * installed. Semantics as in redhat-cop/gitops-catalog's `health-check-olm` component; written here from those
 * semantics. Rendered into `ArgoCD.spec.resourceHealthChecks` (the operator writes them to argocd-cm as
 * `resource.customizations.health.<group>_<kind>`); an entry replaces Argo CD's built-in check for the same kind.
 */

/** One `ArgoCD.spec.resourceHealthChecks` entry. */
export interface ResourceHealthCheck {
  readonly group: string;
  readonly kind: string;
  /** Lua: reads `obj`, returns `{ status = "Healthy" | "Progressing" | "Degraded" | ..., message = "..." }`. */
  readonly check: string;
}

/**
 * Subscription: Degraded when a condition reports a failure (CatalogSourcesUnhealthy, InstallPlanFailed or
 * ResolutionFailed true, or InstallPlanMissing true for any reason but ReferencedInstallPlanNotFound); else
 * Progressing while an install plan is pending or before any condition is reported; else Healthy. Unlike the catalog's
 * version, a condition counts only when its status is "True" (OLM may keep a resolved condition as "False").
 */
const SUBSCRIPTION = `local hs = { status = "Progressing", message = "Waiting for the subscription to report its conditions" }
if obj.status == nil or obj.status.conditions == nil then
  return hs
end
local failures = {}
local pending = false
for _, c in ipairs(obj.status.conditions) do
  if c.status == "True" then
    if c.type == "InstallPlanPending" then
      pending = true
    elseif c.type == "CatalogSourcesUnhealthy" or c.type == "InstallPlanFailed" or c.type == "ResolutionFailed"
        or (c.type == "InstallPlanMissing" and c.reason ~= "ReferencedInstallPlanNotFound") then
      table.insert(failures, c.type .. ": " .. (c.message or c.reason or ""))
    end
  end
end
if #failures > 0 then
  hs.status = "Degraded"
  hs.message = table.concat(failures, "; ")
elseif pending then
  hs.message = "An install plan is pending"
else
  hs.status = "Healthy"
  hs.message = "The subscription is installed"
end
return hs
`;

/**
 * InstallPlan: Healthy when its phase is Complete, Degraded when Failed (a terminal phase the catalog's version
 * reports as Progressing forever), otherwise Progressing.
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

/** The OLM health checks: Subscription and InstallPlan of `operators.coreos.com`. */
export const OLM_HEALTH_CHECKS: readonly ResourceHealthCheck[] = [
  { group: 'operators.coreos.com', kind: 'Subscription', check: SUBSCRIPTION },
  { group: 'operators.coreos.com', kind: 'InstallPlan', check: INSTALL_PLAN },
];
