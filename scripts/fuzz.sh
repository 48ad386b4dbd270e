#!/usr/bin/env bash
# `npm run fuzz`: builds the libFuzzer targets (clang, ASan + UBSan) into build/fuzz and runs
# each for a bounded time (FUZZ_SECONDS, default 30) on a seed corpus made from the fixtures.
# A crash is copied to tests/fuzz/regressions/<target>/ (replayed by the native test suite)
# and the script exits non-zero.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
[[ "${SKIP_SETUP:-0}" == 1 ]] || bash scripts/setup.sh
SECONDS_PER_TARGET="${FUZZ_SECONDS:-30}"
BUILD=build/fuzz

if [[ ! -f "$BUILD/build.ninja" ]]; then
  CC=clang CXX=clang++ cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DGW_FUZZ=ON -DGW_USE_PCH=OFF >/dev/null
fi
cmake --build "$BUILD" --target fuzz_config fuzz_request fuzz_response fuzz_stream

# Seed corpora from the fixtures.
seed="$BUILD/corpus"
rm -rf "$seed" && mkdir -p "$seed"/{fuzz_config,fuzz_request,fuzz_response,fuzz_stream}
find tests/config tests/conformance examples -name '*.yaml' -exec cp --backup=numbered -t "$seed/fuzz_config" {} + 2>/dev/null || true
node - "$seed" <<'JS'
const fs = require('node:fs'), path = require('node:path');
const [seed] = process.argv.slice(2);
const root = 'tests/conformance';
let n = 0;
const write = (dir, prefix, text) => fs.writeFileSync(path.join(seed, dir, `s${n++}`), Buffer.concat([Buffer.from(prefix), Buffer.from(text)]));
for (const provider of fs.readdirSync(root)) {
  const pdir = path.join(root, provider);
  if (!fs.statSync(pdir).isDirectory()) continue;
  for (const c of fs.readdirSync(pdir)) {
    const dir = path.join(pdir, c);
    if (!fs.statSync(dir).isDirectory()) continue;
    const req = path.join(dir, 'request.json');
    if (fs.existsSync(req)) {
      const r = JSON.parse(fs.readFileSync(req, 'utf8'));
      const body = 'body_text' in r ? r.body_text : JSON.stringify(r.body);
      for (let t = 0; t < 22; t += 7) write('fuzz_request', [t], body);
    }
    const up = path.join(dir, 'upstream_response.json');
    if (fs.existsSync(up)) {
      for (const r of [].concat(JSON.parse(fs.readFileSync(up, 'utf8')))) {
        const body = 'body_text' in r ? r.body_text : JSON.stringify(r.body);
        for (let t = 0; t < 19; t += 5) write('fuzz_response', [t, 0], body);
      }
    }
    const sse = path.join(dir, 'upstream_response.sse');
    if (fs.existsSync(sse)) for (let t = 0; t < 8; t++) write('fuzz_stream', [t, 7], fs.readFileSync(sse));
  }
}
JS

status=0
for target in fuzz_config fuzz_request fuzz_response fuzz_stream; do
  work="$BUILD/work/$target" artifacts="$BUILD/artifacts/$target/"
  mkdir -p "$work" "$artifacts"
  echo "fuzz: $target for ${SECONDS_PER_TARGET}s"
  if ! "$BUILD/$target" -max_total_time="$SECONDS_PER_TARGET" -timeout=10 -rss_limit_mb=2048 \
      -max_len=65536 -artifact_prefix="$artifacts" -print_final_stats=1 \
      "$work" "$seed/$target" > "$BUILD/$target.log" 2>&1; then
    echo "fuzz: $target FOUND A CRASH (log: $BUILD/$target.log)"
    mkdir -p "tests/fuzz/regressions/$target"
    cp "$artifacts"* "tests/fuzz/regressions/$target/" 2>/dev/null || true
    status=1
  fi
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$BUILD/$target.log" | sed "s/^/  /" || true
done
exit $status
