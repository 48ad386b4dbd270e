#!/usr/bin/env bash
# Builds the native tree (build/native: gw_core, gw_tests, gw_bench) and the Wasm tree
# (build/wasm: gw_wasm → dist/gw-core.mjs + dist/gw-core.wasm). Incremental.
#   usage: scripts/build.sh [native|wasm]     (no argument: both)
#   env:   SKIP_SETUP=1      skip scripts/setup.sh
#          BUILD_TYPE=Debug  CMake build type (default Release)
#          JOBS=N            parallel jobs (default: ninja's choice)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

what="${1:-all}"
case "$what" in
  native|wasm|all) ;;
  *) echo "usage: $0 [native|wasm]" >&2; exit 2 ;;
esac

[[ "${SKIP_SETUP:-0}" == 1 ]] || bash "$ROOT/scripts/setup.sh"

BUILD_TYPE="${BUILD_TYPE:-Release}"
build_args=()
[[ -z "${JOBS:-}" ]] || build_args+=(--parallel "$JOBS")

# Configure only when the tree is new (or was configured with another generator/type);
# after that, Ninja re-runs CMake by itself when CMakeLists.txt or a glob changes.
needs_configure() {
  local dir="$1"
  [[ -f "$dir/build.ninja" && -f "$dir/CMakeCache.txt" ]] || return 0
  grep -qx "CMAKE_BUILD_TYPE:STRING=$BUILD_TYPE" "$dir/CMakeCache.txt" && return 1
  return 0
}

if [[ "$what" == native || "$what" == all ]]; then
  if needs_configure build/native; then
    cmake -S . -B build/native -G Ninja -DCMAKE_BUILD_TYPE="$BUILD_TYPE"
  fi
  cmake --build build/native "${build_args[@]}"
fi

if [[ "$what" == wasm || "$what" == all ]]; then
  # emcc's JS optimizer needs Debian's acorn (node-acorn).
  export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}
  if needs_configure build/wasm; then
    emcmake cmake -S . -B build/wasm -G Ninja -DCMAKE_BUILD_TYPE="$BUILD_TYPE"
  fi
  cmake --build build/wasm "${build_args[@]}"
  for f in dist/gw-core.mjs dist/gw-core.wasm; do
    [[ -f "$f" ]] && echo "build: $f $(stat -c %s "$f") bytes" || echo "build: $f missing" >&2
  done
fi
