#!/usr/bin/env bash
# Builds the kube-score Kubernetes manifest scanner (github.com/zegl/kube-score, cmd/kube-score) from the Go module
# proxy into a cache keyed by version, and prints the binary's path on stdout (the build log goes to stderr).
#
# Why kube-score and not kube-linter: golang.stackrox.io/kube-linter (and github.com/stackrox/kube-linter) are not
# served by the Go module proxy this project may reach (`go list -m -versions` answers 403 "not available"); kube-score
# is an established static scanner of the same kind (resources, security context, image tags, pull policy, probes,
# network policies, PodDisruptionBudgets) and is served.
#
# Cold run: a few minutes on 2 cores. Warm run: the cached binary, in well under a second.
#   KUBE_SCORE_VERSION  the module version to build (default below, the newest the proxy listed)
#   SELDON_PLATFORM_CACHE  cache root (default ~/.cache/seldon-platform)
set -euo pipefail
version="${KUBE_SCORE_VERSION:-v1.20.0}"
cache_root="${SELDON_PLATFORM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/seldon-platform}"
dir="$cache_root/kube-score-$version"
bin="$dir/kube-score"
if [ -x "$bin" ] && "$bin" version >/dev/null 2>&1; then
  echo "$bin"
  exit 0
fi
command -v go >/dev/null 2>&1 || { echo "build-kube-score: 'go' is not on PATH; install Go >= 1.22" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$dir"
(
  cd "$work"
  export GOFLAGS=-mod=mod CGO_ENABLED=0 GOBIN="$work/bin"
  go mod init kube-score-build >&2
  go get "github.com/zegl/kube-score@$version" >&2
  go install -trimpath -ldflags "-s -w -X main.version=${version#v}" github.com/zegl/kube-score/cmd/kube-score >&2
)
mv "$work/bin/kube-score" "$bin.tmp"
mv "$bin.tmp" "$bin"
"$bin" version >&2
echo "$bin"
