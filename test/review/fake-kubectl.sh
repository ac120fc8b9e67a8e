#!/usr/bin/env bash
# A fake `oc`/`kubectl` for testing verify.sh: a cluster where everything verify.sh asks about is healthy, except
# the objects (or Core 2 pod prefixes) named in FAKE_BROKEN (space-separated), which are missing or not Ready.
# Every invocation is appended to FAKE_LOG, so a test can prove that the script only ever runs `get`.
set -u

printf '%s\n' "$*" >> "${FAKE_LOG:-/dev/null}"

if [[ "${1:-}" == --request-timeout=* ]]; then
  shift
fi
if [ "${1:-}" != get ]; then
  echo "fake kubectl: only 'get' is answered, got: $*" >&2
  exit 3
fi
resource="${2:-}"
name="${3:-}"
output="${*: -1}"

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
