#!/usr/bin/env bash
# Fetches Debian's yaml-cpp 0.7.0 source package into third_party/yaml-cpp (git-ignored).
# The Wasm build compiles yaml-cpp from this source; the native build may use it too.
#
# It never touches /etc/apt or the system apt state: it runs apt-get with a private
# sources list, lists folder and cache under build/.apt-src. Needs `dpkg-source`
# (package dpkg-dev) to unpack. Idempotent: does nothing when the source is present.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VERSION="${YAML_CPP_DEB_VERSION:-0.7.0+dfsg-8}"
DEST="$ROOT/third_party/yaml-cpp"
STAMP="$DEST/.fetched-$VERSION"

if [[ -f "$STAMP" && -f "$DEST/src/parser.cpp" ]]; then
  exit 0
fi

# Mirror: the one the machine already uses for bookworm (so proxies/mirrors keep working).
MIRROR="${DEBIAN_MIRROR:-}"
if [[ -z "$MIRROR" ]]; then
  MIRROR="$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null \
    | grep -v '^[[:space:]]*#' | grep -oE '(https?://[^ ]+/debian)/?( |$)' | head -n1 | tr -d ' ' || true)"
  MIRROR="${MIRROR%/}"
  [[ -n "$MIRROR" ]] || MIRROR="http://deb.debian.org/debian"
fi

APT_DIR="$ROOT/build/.apt-src"
mkdir -p "$APT_DIR/lists/partial" "$APT_DIR/archives/partial" "$APT_DIR/cache" "$APT_DIR/work"
echo "deb-src $MIRROR bookworm main" > "$APT_DIR/sources.list"
APT_OPTS=(
  -o "Dir::Etc::sourcelist=$APT_DIR/sources.list"
  -o "Dir::Etc::sourceparts=-"
  -o "Dir::State::lists=$APT_DIR/lists"
  -o "Dir::Cache=$APT_DIR/cache"
  -o "Dir::Cache::archives=$APT_DIR/archives"
  -o "APT::Sandbox::User=root"
  -o "Debug::NoLocking=1"
)

echo "fetch-yaml-cpp: downloading Debian source yaml-cpp=$VERSION from $MIRROR" >&2
apt-get -qq "${APT_OPTS[@]}" update
WORK="$APT_DIR/work"
rm -rf "$WORK" && mkdir -p "$WORK"
(cd "$WORK" && apt-get -qq "${APT_OPTS[@]}" source "yaml-cpp=$VERSION" >/dev/null)

SRC_DIR="$(find "$WORK" -mindepth 1 -maxdepth 1 -type d -name 'yaml-cpp-*' | head -n1)"
[[ -n "$SRC_DIR" && -f "$SRC_DIR/src/parser.cpp" ]] || { echo "fetch-yaml-cpp: unpack failed" >&2; exit 1; }

rm -rf "$DEST"
mkdir -p "$(dirname "$DEST")"
mv "$SRC_DIR" "$DEST"
touch "$STAMP"
rm -rf "$WORK"
echo "fetch-yaml-cpp: yaml-cpp $VERSION in third_party/yaml-cpp" >&2
