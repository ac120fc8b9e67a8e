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

/** Counters, output and the one cluster call: every script has these. */
const CORE = `passed=0
failed=0

pass() {
  passed=$((passed + 1))
  printf 'PASS %s\\n' "$1"
}

# fail WHAT HINT
fail() {
  failed=$((failed + 1))
  printf 'FAIL %s (%s)\\n' "$1" "$2"
}

section() {
  printf '\\n== %s\\n' "$1"
}

summary() {
  printf '\\n%d passed, %d failed\\n' "$passed" "$failed"
  if [ "$failed" -gt 0 ]; then
    exit 1
  fi
  exit 0
}`;

/** The check functions and their helpers, in the order they are defined in a script. */
const SHELL_FUNCTIONS: Readonly<Record<string, ShellFunction>> = {
  kube_get: {
    needs: [],
    body: `# kube_get ARGS...: the only call to the cluster (read-only).
kube_get() {
  "\${KUBECTL_CMD[@]}" --request-timeout="$REQUEST_TIMEOUT" get "$@"
}`,
  },
  get_object: {
    needs: ['kube_get'],
    body: `# get_object RESOURCE NAMESPACE NAME ARGS...: an empty NAMESPACE means a cluster-scoped object.
get_object() {
  local resource="$1" namespace="$2" name="$3"
  shift 3
  if [ -n "$namespace" ]; then
    kube_get "$resource" "$name" -n "$namespace" "$@"
  else
    kube_get "$resource" "$name" "$@"
  fi
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
    needs: ['get_object', 'describe'],
    body: `# check_exists RESOURCE NAMESPACE NAME
check_exists() {
  local what
  what="$(describe "$1" "$2" "$3") exists"
  if get_object "$1" "$2" "$3" -o name >/dev/null 2>&1; then
    pass "$what"
  else
    fail "$what" "not found: see the Argo CD Application that applies it"
  fi
}`,
  },
  check_field: {
    needs: ['get_object', 'describe'],
    body: `# check_field RESOURCE NAMESPACE NAME JSONPATH EXPECTED DESCRIPTION (EXPECTED: one value, or several as a|b)
check_field() {
  local what actual
  what="$(describe "$1" "$2" "$3") $6"
  if ! actual="$(get_object "$1" "$2" "$3" -o "jsonpath=$4" 2>/dev/null)"; then
    fail "$what" "not found"
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
    needs: ['get_object'],
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
  check_pods: {
    needs: ['kube_get'],
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
    needs: ['kube_get'],
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

/** Everything before the checks: header, settings, core functions, the used check functions, the client preflight. */
export function scriptPrelude(environment: string, platform: string, client: string, used: ReadonlySet<string>): string {
  return [
    `#!/usr/bin/env bash
# verify.sh for environment "${environment}" (${platform}).
# GENERATED by seldon-platform (npm run synth) from the rendered objects: do not edit, re-run the synth instead.
#
# Read-only installation checks (seed 004 "Validating Installation"): it only runs "get" and changes nothing.
# Usage: ./verify.sh
#   KUBECTL="kubectl --context prod" ./verify.sh     use another client or context (default: ${client})
#   VERIFY_REQUEST_TIMEOUT=60s ./verify.sh            per-request timeout (default: 20s)
# Prints PASS or FAIL per check and a summary; exits 1 when any check fails.
set -u

read -r -a KUBECTL_CMD <<< "\${KUBECTL:-${client}}"
REQUEST_TIMEOUT="\${VERIFY_REQUEST_TIMEOUT:-20s}"`,
    CORE,
    ...closure(used).map((name) => SHELL_FUNCTIONS[name].body),
    `if ! command -v "\${KUBECTL_CMD[0]:-}" >/dev/null 2>&1; then
  fail "client '\${KUBECTL_CMD[0]:-}' is on PATH" "install it, or set KUBECTL to your cluster client"
  summary
fi`,
  ].join('\n\n');
}
