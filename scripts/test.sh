#!/usr/bin/env bash
# Builds everything, then runs the native tests (CTest) and the JS tests against the built package.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

bash scripts/build.sh

if [[ -f build/native/CTestTestfile.cmake ]]; then
  ctest --test-dir build/native --output-on-failure
else
  echo "test: no native tests yet" >&2
fi

# Node 20's runner searches the folder recursively for *.test.mjs (helpers are not run).
if [[ -n "$(find tests/js -name '*.test.mjs' -print -quit 2>/dev/null)" ]]; then
  node --test tests/js/
fi
