// Issue 7's size budget: the worker bundle wrangler would upload (the .wasm, the
// minified JS and the bundled YAML; not the source map) stays under 400 KB gzipped.
// `npm run bench` prints the same figure; this test keeps a change from silently
// breaking the budget (new dialect code belongs in CMakeLists.txt's -Os library).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BUDGET_BYTES = 400 * 1024;

test('the worker bundle (wrangler deploy --dry-run) is under 400 KB gzipped', () => {
  const wrangler = createRequire(import.meta.url).resolve('wrangler/bin/wrangler.js');
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'gw-bundle-'));
  try {
    execFileSync(process.execPath, [wrangler, 'deploy', '--dry-run', '--outdir', out,
      '-c', path.join(ROOT, 'worker/wrangler.toml')],
    { cwd: ROOT, stdio: 'pipe', timeout: 120_000, env: { ...process.env, WRANGLER_SEND_METRICS: 'false' } });
    const files = fs.readdirSync(out).filter((f) => !f.endsWith('.map') && f !== 'README.md');
    assert.ok(files.some((f) => f.endsWith('.wasm')), `no .wasm in the bundle: ${files}`);
    assert.ok(files.some((f) => f.endsWith('.js')), `no JS in the bundle: ${files}`);
    let gz = 0;
    for (const f of files) gz += gzipSync(fs.readFileSync(path.join(out, f)), { level: 9 }).length;
    console.log(`# worker bundle: ${(gz / 1024).toFixed(1)} KB gzipped (${files.join(', ')})`);
    assert.ok(gz <= BUDGET_BYTES, `worker bundle ${(gz / 1024).toFixed(1)} KB gzipped > 400 KB`);
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});
