#!/usr/bin/env bash
# A fake `oc`/`kubectl` for testing verify.sh: a cluster where everything verify.sh asks about is healthy, except
# the objects (or Core 2 pod prefixes) named in FAKE_BROKEN (space-separated), which are missing or not Ready.
# Every invocation is appended to FAKE_LOG, so a test can prove that the script only ever runs `get`.
#
# Other cases, each set by the test:
#   FAKE_FAIL=unreachable|unauthorised|forbidden|no-context   every call fails the way the real client does
#     (only for calls with --context FAKE_FAIL_CONTEXT when that is set)
#   FAKE_SERVER / FAKE_SERVER_<context>   what `config view --minify` reports as the context's API server
#   FAKE_ARGOCD_CONTEXT   two clusters: that context holds only namespaces and Argo CD Applications; every other
#     context holds everything but the Applications in FAKE_ARGOCD_NAMESPACE
#   FAKE_PENDING   InstallPlans awaiting approval, lines of "name<TAB>csv<TAB>owner"
set -u

printf '%s\n' "$*" >> "${FAKE_LOG:-/dev/null}"

context=""
while [ "$#" -gt 0 ]; do
  case "$1" in
    --context) context="${2:-}"; shift 2 ;;
    --context=*) context="${1#*=}"; shift ;;
    --request-timeout=*) shift ;;
    *) break ;;
  esac
done

if [ -n "${FAKE_FAIL:-}" ] && { [ -z "${FAKE_FAIL_CONTEXT:-}" ] || [ "$context" = "${FAKE_FAIL_CONTEXT:-}" ]; }; then
  case "$FAKE_FAIL" in
    unreachable) echo 'Unable to connect to the server: dial tcp 10.0.0.1:6443: connect: connection refused' >&2 ;;
    unauthorised) echo 'error: You must be logged in to the server (Unauthorized)' >&2 ;;
    forbidden) echo 'Error from server (Forbidden): namespaces "x" is forbidden: User "dev" cannot get resource "namespaces" in API group "" at the cluster scope' >&2 ;;
    no-context) echo "error: context \"$context\" does not exist" >&2 ;;
  esac
  exit 1
fi

if [ "${1:-}" = config ] && [ "${2:-}" = view ]; then
  server_var="FAKE_SERVER_${context//-/_}"
  printf '%s' "${!server_var:-${FAKE_SERVER:-https://kubernetes.default.svc}}"
  exit 0
fi
if [ "${1:-}" != get ]; then
  echo "fake kubectl: only 'get' is answered, got: $*" >&2
  exit 3
fi
resource="${2:-}"
name="${3:-}"
output="${*: -1}"
namespace=""
if [ "${4:-}" = -n ]; then
  namespace="${5:-}"
fi

broken() {
  case " ${FAKE_BROKEN:-} " in
    *" $1 "*) return 0 ;;
  esac
  return 1
}

if [ "$resource" = pods ]; then
  for prefix in seldon-dataflow-engine seldon-envoy seldon-modelgateway seldon-pipelinegateway seldon-scheduler; do
    if broken "$prefix"; then
      printf '%s-0 False\n' "$prefix"
    else
      printf '%s-0 True\n' "$prefix"
    fi
  done
  exit 0
fi

not_found() {
  echo "Error from server (NotFound): $resource \"$name\" not found" >&2
  exit 1
}

if [ -n "${FAKE_ARGOCD_CONTEXT:-}" ]; then
  if [ "$context" = "$FAKE_ARGOCD_CONTEXT" ]; then
    case "$resource" in
      namespace | application.argoproj.io) ;;
      *) not_found ;;
    esac
  elif [ "$resource" = application.argoproj.io ] && [ "$namespace" = "${FAKE_ARGOCD_NAMESPACE:-}" ]; then
    not_found
  fi
fi

if [[ "$resource" == installplan* ]]; then
  printf '%b' "${FAKE_PENDING:-}"
  exit 0
fi

if broken "$name"; then
  echo "Error from server (NotFound): $resource \"$name\" not found" >&2
  exit 1
fi

case "$output" in
  name) printf '%s/%s\n' "${resource%%.*}" "$name" ;;
  *'type=="Ready"'*) printf 'True' ;;
  *sync.status*) printf 'Synced' ;;
  *health.status*) printf 'Healthy' ;;
  *status.health*) printf 'green' ;;
  *installedCSV*) printf '%s.v1.0.0' "$name" ;;
  *status.phase*)
    if [[ "$resource" == clusterserviceversion* ]]; then
      printf 'Succeeded'
    else
      printf 'Available'
    fi
    ;;
  go-template=*) printf 'password\nusername\n' ;;
  *)
    echo "fake kubectl: unexpected query: $*" >&2
    exit 4
    ;;
esac
