#!/usr/bin/env bash
# One-command, idempotent setup for a fresh Debian 12 machine (run as root; only apt + npm needed).
#   - apt packages: installed only when missing (apt-get update only then);
#   - npm install: only when package.json / package-lock.json changed since the last run.
# Takes well under 2 s when everything is in place.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# What serving needs (the Wasm build), then what the tests add. SETUP_SCOPE=serve (`npm start`)
# installs only the first list, so a fresh machine reaches the banner in the time the Wasm build takes.
SERVE_PACKAGES=(emscripten node-acorn nlohmann-json3-dev cmake ninja-build dpkg-dev)
TEST_PACKAGES=(libgtest-dev g++ clang libclang-rt-14-dev redis-server chromium)
APT_PACKAGES=("${SERVE_PACKAGES[@]}")
[[ "${SETUP_SCOPE:-all}" == serve ]] || APT_PACKAGES+=("${TEST_PACKAGES[@]}")

# One dpkg-query for all packages; "install ok installed" excludes removed-but-configured ones.
missing=()
declare -A status=()
while read -r pkg st; do status[$pkg]="$st"; done < <(
  dpkg-query -W -f='${Package} ${Status}\n' "${APT_PACKAGES[@]}" 2>/dev/null || true)
for pkg in "${APT_PACKAGES[@]}"; do
  [[ "${status[$pkg]:-}" == "install ok installed" ]] || missing+=("$pkg")
done

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  SUDO=()
  if [[ $EUID -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "setup: need root (or sudo) to install ${missing[*]}" >&2; exit 1; }
    SUDO=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get update -qq
  "${SUDO[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# npm install only when the manifest or lock file changed (stamp = their checksums).
if [[ -f package.json ]]; then
  command -v npm >/dev/null || { echo "setup: npm not found (install Node 20)" >&2; exit 1; }
  stamp="$ROOT/build/npm-install.stamp"
  checksum() { cat package.json $([[ -f package-lock.json ]] && echo package-lock.json) | sha256sum | cut -d' ' -f1; }
  sum="$(checksum)"
  deps_gone=0  # node_modules deleted while the lock file lists packages
  [[ -d node_modules ]] || ! grep -qs '"node_modules/' package-lock.json || deps_gone=1
  if [[ $deps_gone == 1 || ! -f "$stamp" || "$(cat "$stamp")" != "$sum" ]]; then
    echo "setup: npm install" >&2
    npm install --no-audit --no-fund --loglevel=error
    mkdir -p "$(dirname "$stamp")"
    # npm may have just created/updated package-lock.json: stamp what is there now.
    checksum > "$stamp"
  fi
fi
