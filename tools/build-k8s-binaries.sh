#!/usr/bin/env bash
# Builds the real kube-apiserver and etcd from the Go module proxy for `npm run e2e` (tools/e2e.ts), and caches them
# outside the repo, keyed by version:
#   ${SELDON_PLATFORM_CACHE:-~/.cache/seldon-platform}/kube-apiserver-v<K8S>/kube-apiserver
#   ${SELDON_PLATFORM_CACHE:-~/.cache/seldon-platform}/etcd-v<ETCD>/etcd
# A second run on the same machine only checks the cache (seconds). Nothing built is committed.
#
# Versions (docs/e2e.md says why):
# - Kubernetes 1.33: the newest that Seldon Core 2.9.1 supports (SeldonIO/seldon-core@v2.9.1:docs-gb/installation/README.md:48,
#   "Kubernetes | 1.27 | 1.33.0"); 1.33.13 is the newest 1.33 patch on the module proxy.
# - etcd 3.5.24: the etcd that Kubernetes v1.33.13 itself pins (kubernetes@v1.33.13:build/dependencies.yaml:66-67).
#   Debian's etcd-server is 3.4, older than the 3.5 that Kubernetes 1.33 is built and tested against, so it is not used.
#
# How: k8s.io/kubernetes is published with every k8s.io/* staging module required at v0.0.0 and replaced by
# ./staging/src/...; those replaces do not apply to a dependency, so a throwaway main module requires
# k8s.io/kubernetes and replaces each staging module with its published v0.<minor>.<patch>. etcd's server module is a
# main package (go.etcd.io/etcd/server/v3@v3.5.24:main.go) and builds the same way without replaces.
#
# Usage: tools/build-k8s-binaries.sh [--print-paths]   (prints "KUBE_APISERVER=... ETCD=..." at the end)
set -euo pipefail

K8S_VERSION="${K8S_VERSION:-v1.33.13}"
ETCD_VERSION="${ETCD_VERSION:-v3.5.24}"
CACHE="${SELDON_PLATFORM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/seldon-platform}"
APISERVER_DIR="$CACHE/kube-apiserver-$K8S_VERSION"
ETCD_DIR="$CACHE/etcd-$ETCD_VERSION"

command -v go >/dev/null 2>&1 || { echo "build-k8s-binaries: 'go' is not on PATH; install Go 1.24 or newer" >&2; exit 1; }
export CGO_ENABLED=0 GOFLAGS="${GOFLAGS:-} -mod=mod" GOTOOLCHAIN="${GOTOOLCHAIN:-local}"
# Two cores are shared; the Go build is the long pole. GOMAXPROCS/-p stay at their defaults unless the caller sets them.

work=""
cleanup() { if [ -n "$work" ] && [ -d "$work" ]; then chmod -R u+w "$work" 2>/dev/null || true; rm -rf "$work"; fi; }
trap cleanup EXIT

# newmodule NAME: a fresh throwaway module directory (go 1.24 with Kubernetes' own godebug defaults).
newmodule() {
  cleanup
  work="$(mktemp -d "${TMPDIR:-/tmp}/seldon-k8s-build.XXXXXX")"
  printf 'module %s\n\ngo 1.24.0\n\ngodebug default=go1.24\n' "$1" >"$work/go.mod"
}

ok_binary() { [ -x "$1" ] && "$1" --version >/dev/null 2>&1; }

build_apiserver() {
  local out="$APISERVER_DIR/kube-apiserver"
  if ok_binary "$out"; then echo "kube-apiserver $K8S_VERSION: cached at $out"; return; fi
  local start=$SECONDS minor patch gomod
  minor="$(echo "$K8S_VERSION" | cut -d. -f2)"; patch="$(echo "$K8S_VERSION" | cut -d. -f3)"
  echo "kube-apiserver $K8S_VERSION: building from the module proxy (cold build takes a while)"
  newmodule seldon-platform/build-kube-apiserver
  gomod="$(go mod download -json "k8s.io/kubernetes@$K8S_VERSION" | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",$/\1/p')"
  [ -f "$gomod" ] || { echo "build-k8s-binaries: cannot download k8s.io/kubernetes@$K8S_VERSION" >&2; exit 1; }
  {
    echo
    echo "require k8s.io/kubernetes $K8S_VERSION"
    echo
    echo "replace ("
    # Every "k8s.io/X => ./staging/src/k8s.io/X" of the published go.mod becomes "k8s.io/X => k8s.io/X v0.<minor>.<patch>".
    grep -E '^[[:space:]]*k8s\.io/[^ ]+ => \./staging/src/' "$gomod" | awk -v v="v0.$minor.$patch" '{ print "\t" $1 " => " $1 " " v }'
    echo ")"
  } >>"$work/go.mod"
  (cd "$work" && go get "k8s.io/kubernetes/cmd/kube-apiserver@$K8S_VERSION" >/dev/null)
  local ldflags="-s -w"
  local vpkg=k8s.io/component-base/version
  ldflags+=" -X $vpkg.gitVersion=$K8S_VERSION -X $vpkg.gitMajor=1 -X $vpkg.gitMinor=$minor -X $vpkg.gitTreeState=clean"
  mkdir -p "$APISERVER_DIR"
  (cd "$work" && go build -trimpath -ldflags="$ldflags" -o "$out.tmp" k8s.io/kubernetes/cmd/kube-apiserver)
  mv "$out.tmp" "$out"
  echo "kube-apiserver $K8S_VERSION: built in $((SECONDS - start)) s: $("$out" --version)"
}

build_etcd() {
  local out="$ETCD_DIR/etcd"
  if ok_binary "$out"; then echo "etcd $ETCD_VERSION: cached at $out"; return; fi
  local start=$SECONDS
  echo "etcd $ETCD_VERSION: building from the module proxy"
  newmodule seldon-platform/build-etcd
  printf '\nrequire go.etcd.io/etcd/server/v3 %s\n' "$ETCD_VERSION" >>"$work/go.mod"
  (cd "$work" && go get "go.etcd.io/etcd/server/v3@$ETCD_VERSION" >/dev/null)
  mkdir -p "$ETCD_DIR"
  (cd "$work" && go build -trimpath -ldflags="-s -w" -o "$out.tmp" go.etcd.io/etcd/server/v3)
  mv "$out.tmp" "$out"
  echo "etcd $ETCD_VERSION: built in $((SECONDS - start)) s: $("$out" --version | head -1)"
}

build_etcd
build_apiserver
if [ "${1:-}" = "--print-paths" ]; then echo "KUBE_APISERVER=$APISERVER_DIR/kube-apiserver ETCD=$ETCD_DIR/etcd"; fi
