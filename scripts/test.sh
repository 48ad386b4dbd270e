#!/usr/bin/env bash
# `npm test`: installs what is missing, builds native + Wasm, then runs
#   1. the native GoogleTest suite (CTest),
#   2. the same suite built with AddressSanitizer + UBSan (build/asan; SANITIZE=0 skips it locally),
#   3. the JS suites (node --test) against the Wasm build: conformance, hosts (Node server and
#      workerd), SDK clients, browser page.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

bash scripts/build.sh

ctest --test-dir build/native --output-on-failure --parallel 2

if [[ "${SANITIZE:-1}" == 1 ]]; then
  if [[ ! -f build/asan/build.ninja ]]; then
    cmake -S . -B build/asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGW_SANITIZE=ON >/dev/null
  fi
  cmake --build build/asan --target gw_tests
  echo "test: native suite under ASan + UBSan"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ./build/asan/gw_tests --gtest_brief=1
fi

# Node 20's runner searches the folder recursively for *.test.mjs (helpers are not run).
node --test tests/js/ tests/web/
