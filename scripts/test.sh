#!/usr/bin/env bash
# `npm test`: installs what is missing, builds the Wasm core, then runs
#   1. the native GoogleTest suite (conformance, config, providers, policy, fuzz regressions),
#      built with AddressSanitizer + UBSan (clang, -O1; build/asan) — the one native run CI does;
#      SANITIZE=0 runs the plain Release build instead (build/native, quicker to rebuild locally);
#   2. the JS suites (node --test) against the Wasm build: conformance, hosts (Node server and
#      workerd), SDK clients, browser page.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

bash scripts/build.sh wasm
export SKIP_SETUP=1

if [[ "${SANITIZE:-1}" == 1 ]]; then
  # clang at -O1 compiles the suite about twice as fast as gcc -O2 -g with the same sanitizers.
  if ! grep -qs 'CMAKE_CXX_COMPILER:.*clang++' build/asan/CMakeCache.txt; then
    rm -rf build/asan
    CC=clang CXX=clang++ cmake -S . -B build/asan -G Ninja -DCMAKE_BUILD_TYPE=Sanitize \
      -DCMAKE_CXX_FLAGS_SANITIZE="-O1 -gline-tables-only" -DGW_SANITIZE=ON >/dev/null
  fi
  cmake --build build/asan --target gw_tests
  echo "test: native suite under ASan + UBSan"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ./build/asan/gw_tests --gtest_brief=1
else
  bash scripts/build.sh native
  ctest --test-dir build/native --output-on-failure --parallel 2
fi

# Node 20's runner searches the folder recursively for *.test.mjs (helpers are not run).
node --test tests/js/ tests/web/
