/**
 * The bash library of `verify.sh`: one function per kind of check, each with the helpers it needs. The generator
 * includes only the functions a script calls (shellcheck reports unused functions as unreachable code). Every function
 * is read-only: the only call to the cluster is `kube_get`.
 *
 * In this file `\${` is a literal bash `${` and `\\n` a literal `\n`.
 */

/** A bash function and the functions it calls. */
interface ShellFunction {
  readonly needs: readonly string[];
  readonly body: string;
}

/** Counters, output (text or JSON), the error classifier and the preflight: every script has these. */
const CORE = `passed=0
failed=0
results=()
CLUSTER=target

# json_string TEXT: TEXT as a JSON string.
json_string() {
  local s="$1"
  s="\${s//\\\\/\\\\\\\\}"
  s="\${s//\\"/\\\\\\"}"
  s="\${s//$'\\t'/\\\\t}"
  s="\${s//$'\\n'/\\\\n}"
  s="\${s//$'\\r'/}"
  printf '"%s"' "$s"
}

# record STATUS WHAT HINT: one result, printed at once (text) or collected for the summary (JSON).
record() {
  local where=""
  if [ "$TWO_CLUSTERS" = 1 ]; then
    where=" [$CLUSTER cluster]"
  fi
  if [ "$JSON" = 1 ]; then
    results+=("{\\"status\\":$(json_string "$1"),\\"cluster\\":$(json_string "$CLUSTER"),\\"check\\":$(json_string "$2"),\\"detail\\":$(json_string "$3")}")
  elif [ -n "$3" ] && [ "$1" = FAIL ]; then
    printf '%s %s%s (%s)\\n' "$1" "$2" "$where" "$3"
  elif [ -n "$3" ]; then
    printf '%s %s%s: %s\\n' "$1" "$2" "$where" "$3"
  else
    printf '%s %s%s\\n' "$1" "$2" "$where"
  fi
}

pass() {
  passed=$((passed + 1))
  record PASS "$1" ""
}

# fail WHAT HINT
fail() {
  failed=$((failed + 1))
  record FAIL "$1" "$2"
}

section() {
  if [ "$JSON" = 0 ]; then
    printf '\\n== %s\\n' "$1"
  fi
}

summary() {
  if [ "$JSON" = 1 ]; then
    local IFS=,
    printf '{"environment":%s,"passed":%d,"failed":%d,"results":[%s]}\\n' "$(json_string "$ENVIRONMENT")" "$passed" "$failed" "\${results[*]}"
  else
    printf '\\n%d passed, %d failed\\n' "$passed" "$failed"
  fi
  if [ "$failed" -gt 0 ]; then
    exit 1
  fi
  exit 0
}

# classify ERROR-TEXT: why a client call failed, as one word.
classify() {
  case "$1" in
    *"context was not found"* | *"does not exist"*context* | *context*"does not exist"* | *"current-context is not set"*) echo no-context ;;
    *"Unable to connect"* | *"connection refused"* | *"was refused"* | *"no such host"* | *"i/o timeout"* | *"dial tcp"* | *"deadline exceeded"* | *"Client.Timeout"* | *"TLS handshake"* | *x509*) echo unreachable ;;
    *Unauthorized* | *"must be logged in"* | *"provide credentials"* | *"token has expired"*) echo unauthorised ;;
    *Forbidden* | *forbidden*) echo forbidden ;;
    *NotFound* | *"not found"*) echo not-found ;;
    *) echo error ;;
  esac
}

# preflight_fail CLUSTER PROBLEM MESSAGE: one clear line (or one JSON object), exit 2; no check has run.
preflight_fail() {
  local context
  context="$(context_of "$1")"
  if [ "$JSON" = 1 ]; then
    printf '{"environment":%s,"preflight":{"cluster":%s,"context":%s,"problem":%s,"message":%s},"passed":0,"failed":0,"results":[]}\\n' \\
      "$(json_string "$ENVIRONMENT")" "$(json_string "$1")" "$(json_string "$context")" "$(json_string "$2")" "$(json_string "$3")"
  else
    printf 'verify.sh: preflight failed: %s cluster (context %s): %s: %s\\n' "$1" "$context" "$2" "$3"
  fi
  exit 2
}

# context_of CLUSTER: the context used for it, as shown to the user.
context_of() {
  local context="$TARGET_CONTEXT"
  if [ "$1" = argocd ]; then
    context="$ARGOCD_CONTEXT"
  fi
  printf '%s' "\${context:-<current>}"
}

# probe CLUSTER RESOURCE NAMESPACE NAME WRONG-CONTEXT-HINT: the object must be readable; anything else ends the run.
probe() {
  local err problem
  CLUSTER="$1"
  if err="$(get_object "$2" "$3" "$4" -o name 2>&1 >/dev/null)"; then
    CLUSTER=target
    return 0
  fi
  problem="$(classify "$err")"
  err="\${err%%$'\\n'*}"
  case "$problem" in
    not-found) preflight_fail "$1" wrong-context "$5 ($err)" ;;
    unreachable) preflight_fail "$1" unreachable "cannot reach the API server: $err" ;;
    unauthorised) preflight_fail "$1" unauthorised "not logged in or credentials expired: $err" ;;
    forbidden) preflight_fail "$1" unauthorised "logged in but not allowed to read: $err" ;;
    no-context) preflight_fail "$1" no-context "$err" ;;
    *) preflight_fail "$1" error "\${err:-the client failed without a message}" ;;
  esac
}`;

/** The one cluster call and the object getter: every script has these. */
const CLUSTER_CALLS = `# kube_get ARGS...: the only call to a cluster (read-only), on the cluster CLUSTER names.
kube_get() {
  if [ "$CLUSTER" = argocd ]; then
    "\${ARGOCD_CMD[@]}" --request-timeout="$REQUEST_TIMEOUT" get "$@"
  else
    "\${TARGET_CMD[@]}" --request-timeout="$REQUEST_TIMEOUT" get "$@"
  fi
}

# get_object RESOURCE NAMESPACE NAME ARGS...: an empty NAMESPACE means a cluster-scoped object.
get_object() {
  local resource="$1" namespace="$2" name="$3"
  shift 3
  if [ -n "$namespace" ]; then
    kube_get "$resource" "$name" -n "$namespace" "$@"
  else
    kube_get "$resource" "$name" "$@"
  fi
}`;

/** The check functions and their helpers, in the order they are defined in a script. */
const SHELL_FUNCTIONS: Readonly<Record<string, ShellFunction>> = {
  info: {
    needs: [],
    body: `# info WHAT DETAIL: shown, never counted (e.g. an upgrade awaiting manual approval).
info() {
  record INFO "$1" "$2"
}`,
  },
  on: {
    needs: [],
    body: `# on CLUSTER CHECK ARGS...: runs one check against the Argo CD cluster (argocd) or the target cluster (target).
on() {
  CLUSTER="$1"
  shift
  "$@"
  CLUSTER=target
}`,
  },
  describe: {
    needs: [],
    body: `# describe RESOURCE NAMESPACE NAME: "kind namespace/name"
describe() {
  if [ -n "$2" ]; then
    printf '%s %s/%s' "\${1%%.*}" "$2" "$3"
  else
    printf '%s %s' "\${1%%.*}" "$3"
  fi
}`,
  },
  check_exists: {
    needs: ['describe'],
    body: `# check_exists RESOURCE NAMESPACE NAME
check_exists() {
  local what err
  what="$(describe "$1" "$2" "$3") exists"
  if err="$(get_object "$1" "$2" "$3" -o name 2>&1 >/dev/null)"; then
    pass "$what"
  elif [ "$(classify "$err")" = not-found ]; then
    fail "$what" "not found: see the Argo CD Application that applies it"
  else
    fail "$what" "cannot read it: \${err%%$'\\n'*}"
  fi
}`,
  },
  check_field: {
    needs: ['describe'],
    body: `# check_field RESOURCE NAMESPACE NAME JSONPATH EXPECTED DESCRIPTION (EXPECTED: one value, or several as a|b)
check_field() {
  local what actual err
  what="$(describe "$1" "$2" "$3") $6"
  if ! actual="$(get_object "$1" "$2" "$3" -o "jsonpath=$4" 2>/dev/null)"; then
    err="$(get_object "$1" "$2" "$3" -o name 2>&1 >/dev/null)"
    if [ "$(classify "$err")" = not-found ]; then
      fail "$what" "not found"
    else
      fail "$what" "cannot read it: \${err%%$'\\n'*}"
    fi
  elif [[ "|$5|" == *"|$actual|"* ]] && [ -n "$actual" ]; then
    pass "$what"
  else
    fail "$what" "got '\${actual:-<empty>}', expected '$5'"
  fi
}`,
  },
  check_ready: {
    needs: ['check_field'],
    body: `# check_ready RESOURCE NAMESPACE NAME: the Ready condition is True.
check_ready() {
  check_field "$1" "$2" "$3" '{.status.conditions[?(@.type=="Ready")].status}' True "is Ready"
}`,
  },
  check_application: {
    needs: ['check_field'],
    body: `# check_application NAMESPACE NAME: an Argo CD Application is Synced and Healthy.
check_application() {
  check_field application.argoproj.io "$1" "$2" '{.status.sync.status}' Synced "is Synced"
  check_field application.argoproj.io "$1" "$2" '{.status.health.status}' Healthy "is Healthy"
}`,
  },
  check_subscription: {
    needs: [],
    body: `# check_subscription NAMESPACE NAME: the operator's ClusterServiceVersion has phase Succeeded.
check_subscription() {
  local what csv state phase
  what="subscription $1/$2 installed its operator"
  if ! csv="$(get_object subscription.operators.coreos.com "$1" "$2" -o 'jsonpath={.status.installedCSV}' 2>/dev/null)"; then
    fail "$what" "Subscription not found"
    return
  fi
  if [ -z "$csv" ]; then
    state="$(get_object subscription.operators.coreos.com "$1" "$2" -o 'jsonpath={.status.state}' 2>/dev/null)"
    fail "$what" "no ClusterServiceVersion installed yet, state '\${state:-<empty>}': check its InstallPlan"
    return
  fi
  phase="$(get_object clusterserviceversion.operators.coreos.com "$1" "$csv" -o 'jsonpath={.status.phase}' 2>/dev/null)"
  if [ "$phase" = Succeeded ]; then
    pass "$what ($csv)"
  else
    fail "$what" "ClusterServiceVersion $csv is '\${phase:-<missing>}', expected 'Succeeded'"
  fi
}`,
  },
  check_pending_installplans: {
    needs: ['info'],
    body: `# check_pending_installplans NAMESPACE SUBSCRIPTION: lists InstallPlans of a Manual-approval Subscription awaiting
# approval (an upgrade waiting for a person is expected there: shown, not failed).
check_pending_installplans() {
  local plans name csvs owners
  if ! plans="$(kube_get installplan.operators.coreos.com -n "$1" -o 'jsonpath={range .items[?(@.spec.approved==false)]}{.metadata.name}{"\\t"}{.spec.clusterServiceVersionNames[*]}{"\\t"}{.metadata.ownerReferences[*].name}{"\\n"}{end}' 2>/dev/null)"; then
    fail "installplans of subscription $1/$2 can be listed" "cannot list InstallPlans in $1"
    return
  fi
  while IFS=$'\\t' read -r name csvs owners; do
    case " $owners " in
      *" $2 "*) info "subscription $1/$2 has InstallPlan $name awaiting manual approval" "$csvs: approve with: oc patch installplan $name -n $1 --type merge -p '{\\"spec\\":{\\"approved\\":true}}'" ;;
    esac
  done <<< "$plans"
}`,
  },
  check_pods: {
    needs: [],
    body: `# check_pods NAMESPACE PREFIX: pods named PREFIX-* exist and are all Ready.
check_pods() {
  local what pods name status total=0 ready=0
  what="pods $2-* in $1 are Ready"
  if ! pods="$(kube_get pods -n "$1" -o 'jsonpath={range .items[*]}{.metadata.name}{" "}{.status.conditions[?(@.type=="Ready")].status}{"\\n"}{end}' 2>/dev/null)"; then
    fail "$what" "cannot list pods in $1"
    return
  fi
  while read -r name status; do
    case "$name" in
      "$2"-*)
        total=$((total + 1))
        if [ "$status" = True ]; then
          ready=$((ready + 1))
        fi
        ;;
    esac
  done <<< "$pods"
  if [ "$total" -eq 0 ]; then
    fail "$what" "no such pod: is the SeldonRuntime reconciled?"
  elif [ "$ready" -lt "$total" ]; then
    fail "$what" "$ready of $total Ready"
  else
    pass "$what ($ready/$total)"
  fi
}`,
  },
  check_secret: {
    needs: [],
    body: `# check_secret NAMESPACE NAME KEY...: the secret exists with every key (values are never printed).
check_secret() {
  local namespace="$1" name="$2" what keys key
  local missing=()
  shift 2
  what="secret $namespace/$name has keys $*"
  # A Go template that lists the keys only; its dollar signs are template variables, not shell.
  # shellcheck disable=SC2016
  if ! keys="$(kube_get secret "$name" -n "$namespace" -o 'go-template={{range $k, $v := .data}}{{$k}}{{"\\n"}}{{end}}' 2>/dev/null)"; then
    fail "$what" "not found: create it, or check its ExternalSecret"
    return
  fi
  for key in "$@"; do
    if ! grep -qxF -- "$key" <<< "$keys"; then
      missing+=("$key")
    fi
  done
  if [ "\${#missing[@]}" -eq 0 ]; then
    pass "$what"
  else
    fail "$what" "missing keys: \${missing[*]}"
  fi
}`,
  },
};

/** The functions `used` calls, with everything they need, in definition order. */
function closure(used: ReadonlySet<string>): string[] {
  const needed = new Set<string>();
  const add = (name: string): void => {
    const fn = SHELL_FUNCTIONS[name];
    if (!fn) throw new Error(`verify.sh: no shell function ${name}`);
    if (needed.has(name)) return;
    needed.add(name);
    fn.needs.forEach(add);
  };
  used.forEach(add);
  return Object.keys(SHELL_FUNCTIONS).filter((name) => needed.has(name));
}

/** What the prelude needs to know about where the objects live. */
export interface ScriptClusters {
  /** True when the environment deploys to another cluster than the one running Argo CD (`delivery.destinationServer`). */
  readonly twoClusters: boolean;
  /** The target cluster's API server URL as Argo CD knows it. */
  readonly destinationServer: string;
  /** Namespace of the Argo CD instance; the root Application lives there. */
  readonly argoNamespace: string;
  /** Name of the root Application (on the Argo CD cluster). */
  readonly rootApplication: string;
}

/** Everything before the checks: header, options, core functions, the used check functions, the preflight. */
export function scriptPrelude(environment: string, platform: string, client: string, used: ReadonlySet<string>, clusters: ScriptClusters): string {
  const q = (v: string) => `'${v.replace(/'/g, `'\\''`)}'`;
  const contexts = clusters.twoClusters
    ? `#   ./verify.sh --argocd-context HUB --context TARGET   contexts of the Argo CD cluster and of the target cluster\n#                                                    (${clusters.destinationServer})`
    : `#   ./verify.sh --context CONTEXT                    a kubeconfig context (Argo CD runs in the target cluster)`;
  const targetProbe = clusters.twoClusters
    ? `
# The target cluster must be the one Argo CD deploys to.
target_server="$("\${TARGET_CMD[@]}" config view --minify -o 'jsonpath={.clusters[0].cluster.server}' 2>/dev/null)"
if [ -n "$target_server" ] && [ "\${target_server%/}" != "\${DESTINATION_SERVER%/}" ]; then
  preflight_fail target wrong-context "it points at $target_server, but this environment deploys to $DESTINATION_SERVER: pass --context for that cluster"
fi
probe target namespace '' kube-system "namespace kube-system not found: this is not a Kubernetes cluster"`
    : '';
  return [
    `#!/usr/bin/env bash
# verify.sh for environment "${environment}" (${platform}).
# GENERATED by seldon-platform (npm run synth) from the rendered objects: do not edit, re-run the synth instead.
#
# Read-only installation checks (seed 004 "Validating Installation"): it only runs "get" (and "config view" to read
# the target context's server) and changes nothing.
# Usage: ./verify.sh [--context CONTEXT] [--argocd-context CONTEXT] [--json]
${contexts}
#   ./verify.sh --json                               machine-readable results, one JSON object on stdout
#   KUBECTL=kubectl ./verify.sh                      use another client (default: ${client})
#   VERIFY_REQUEST_TIMEOUT=60s ./verify.sh           per-request timeout (default: 20s)
# First a preflight: each cluster must be reachable, the credentials valid and allowed to read, and the context the
# right cluster; otherwise it prints one line saying which and exits 2 before any check.
# Then PASS or FAIL per check (INFO lines are shown, never counted) and a summary; exits 1 when any check fails.
set -u

ENVIRONMENT=${q(environment)}
ARGOCD_NAMESPACE=${q(clusters.argoNamespace)}
ROOT_APPLICATION=${q(clusters.rootApplication)}
${clusters.twoClusters ? `DESTINATION_SERVER=${q(clusters.destinationServer)}\n` : ''}TWO_CLUSTERS=${clusters.twoClusters ? 1 : 0}
JSON=0
TARGET_CONTEXT="\${VERIFY_CONTEXT:-}"
ARGOCD_CONTEXT="\${VERIFY_ARGOCD_CONTEXT:-}"
while [ "$#" -gt 0 ]; do
  case "$1" in
    --json) JSON=1 ;;
    --context) TARGET_CONTEXT="\${2:-}"; shift ;;
    --context=*) TARGET_CONTEXT="\${1#*=}" ;;
    --argocd-context) ARGOCD_CONTEXT="\${2:-}"; shift ;;
    --argocd-context=*) ARGOCD_CONTEXT="\${1#*=}" ;;
    -h | --help) sed -n '2,/^set -u$/p' "$0" | sed -e '/^set -u$/d' -e 's/^# \\{0,1\\}//'; exit 0 ;;
    *) printf 'verify.sh: unknown argument %s (see --help)\\n' "$1" >&2; exit 2 ;;
  esac
  shift
done
${clusters.twoClusters ? '' : `# One cluster: Argo CD runs where it deploys, so both contexts default to the same.
ARGOCD_CONTEXT="\${ARGOCD_CONTEXT:-$TARGET_CONTEXT}"
`}read -r -a CLIENT <<< "\${KUBECTL:-${client}}"
TARGET_CMD=("\${CLIENT[@]}")
ARGOCD_CMD=("\${CLIENT[@]}")
if [ -n "$TARGET_CONTEXT" ]; then
  TARGET_CMD+=(--context "$TARGET_CONTEXT")
fi
if [ -n "$ARGOCD_CONTEXT" ]; then
  ARGOCD_CMD+=(--context "$ARGOCD_CONTEXT")
fi
REQUEST_TIMEOUT="\${VERIFY_REQUEST_TIMEOUT:-20s}"`,
    CORE,
    CLUSTER_CALLS,
    ...closure(used).map((name) => SHELL_FUNCTIONS[name].body),
    `if ! command -v "\${CLIENT[0]:-}" >/dev/null 2>&1; then
  preflight_fail target no-client "'\${CLIENT[0]:-}' is not on PATH: install it, or set KUBECTL to your cluster client"
fi

# Preflight: the Argo CD cluster holds the root Application${clusters.twoClusters ? '; the target cluster is the one it deploys to' : ''}.
probe argocd namespace '' "$ARGOCD_NAMESPACE" "namespace $ARGOCD_NAMESPACE not found: this is not the cluster running the environment's Argo CD"
probe argocd application.argoproj.io "$ARGOCD_NAMESPACE" "$ROOT_APPLICATION" "root Application $ARGOCD_NAMESPACE/$ROOT_APPLICATION not found: wrong context, or the environment is not bootstrapped yet"${targetProbe}`,
  ].join('\n\n');
}
