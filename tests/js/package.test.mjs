// The npm package as users get it: `npm pack`, install the tarball into an empty
// folder, then use it there under Node, under workerd (a minimal worker bundled
// by wrangler, which picks the `workerd` condition) and in Chromium; the
// declarations type-check a consumer file.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { freePort, ROOT, tempDir } from './hosts.mjs';
import { hasChromium, launch } from '../web/browser.mjs';
import { serveStatic } from '../web/static-server.mjs';

const run = promisify(execFile);
const HERE = path.join(ROOT, 'tests/js/package');
const require = createRequire(import.meta.url);
const npm = (args, cwd) => run('npm', args, { cwd, env: { ...process.env, npm_config_update_notifier: 'false' },
  maxBuffer: 16 << 20 });

describe('npm package', () => {
  let dir;
  let app;
  let files;
  before(async () => {
    dir = tempDir();
    const { stdout } = await npm(['pack', '--json', '--pack-destination', dir], ROOT);
    files = JSON.parse(stdout)[0].files.map((f) => f.path);
    app = path.join(dir, 'app');
    fs.mkdirSync(app);
    fs.writeFileSync(path.join(app, 'package.json'), '{"name": "app", "private": true, "type": "module"}\n');
    const tarball = path.join(dir, JSON.parse(stdout)[0].filename);
    await npm(['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', tarball], app);
    for (const f of ['node-check.mjs', 'browser.html', 'types-check.ts']) {
      fs.copyFileSync(path.join(HERE, f), path.join(app, f));
    }
    // The README's edge-worker snippet, as is.
    for (const f of ['worker.mjs', 'wrangler.toml']) {
      fs.copyFileSync(path.join(ROOT, 'examples/edge-worker', f), path.join(app, f));
    }
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('tarball: explicit files only (no sources, tests or build trees)', () => {
    for (const f of ['bindings/index.mjs', 'bindings/index.d.ts', 'bindings/client/client.d.ts', 'bindings/client/langchain.d.ts',
      'bindings/workerd.mjs', 'dist/gw-core.wasm', 'dist/gw-core.mjs', 'web/index.html', 'worker/node/cli.mjs']) {
      assert.ok(files.includes(f), f);
    }
    assert.ok(!files.some((f) => /^(src|tests|build|third_party|scripts)\//.test(f)), files.join(' '));
  });

  test('Node: in-process gateway, typed errors, client, the .wasm export', async () => {
    const { stdout } = await run(process.execPath, ['node-check.mjs'], { cwd: app });
    const out = JSON.parse(stdout);
    assert.match(out.answer, /^\[mock\] echo: from the tarball/);
    assert.match(out.streamed, /^\[mock\] echo: streamed/);
    assert.deepEqual(out.routes, ['chat']);
    assert.equal(out.status, 422);
    assert.ok(out.line >= 2, String(out.line));  // positions point into the YAML text
    assert.deepEqual(out.endpoints, ['chat']);
    assert.ok(out.wasm > 100_000);
  });

  test('types: a consumer file type-checks against the declarations', async () => {
    fs.symlinkSync(path.join(ROOT, 'node_modules/@langchain'), path.join(app, 'node_modules/@langchain'));
    const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');
    await run(process.execPath, [tsc, '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext',
      '--target', 'es2022', '--lib', 'es2022,esnext.disposable,dom,dom.iterable', '--skipLibCheck', 'false',
      'types-check.ts'], { cwd: app })
      .catch((error) => assert.fail(`${error.stdout}${error.stderr}`));
  });

  test('workerd: a minimal worker importing the package (wrangler bundle, workerd condition)', async () => {
    const wrangler = path.join(path.dirname(require.resolve('wrangler/package.json')), 'bin/wrangler.js');
    await run(process.execPath, [wrangler, 'deploy', '--dry-run', '--outdir', 'out'], { cwd: app,
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: '1' } })
      .catch((error) => assert.fail(`${error.stdout}${error.stderr}`));
    const out = fs.readdirSync(path.join(app, 'out')).filter((f) => /\.(m?js|wasm)$/.test(f));
    assert.ok(out.some((f) => f.endsWith('.wasm')), out.join(' '));
    const port = await freePort();
    const modules = out.map((f) => `(name = "${f}", ${f.endsWith('.wasm') ? 'wasm' : 'esModule'} = embed "out/${f}")`);
    const main = out.find((f) => /^(index|worker)\.m?js$/.test(f));
    modules.unshift(modules.splice(out.indexOf(main), 1)[0]);
    fs.writeFileSync(path.join(app, 'app.capnp'), `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [(name = "main", worker = (modules = [${modules.join(', ')}], compatibilityDate = "2025-09-01"))],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
`);
    const child = spawn(require.resolve('workerd/bin/workerd'), ['serve', 'app.capnp'], { cwd: app, stdio: 'pipe' });
    let log = '';
    child.stderr.on('data', (d) => { log += d; });
    try {
      let res;
      for (let i = 0; i < 200 && !res; i++) {
        res = await fetch(`http://127.0.0.1:${port}/endpoints/chat/invocations`, { method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ messages: [{ role: 'user', content: 'from workerd' }] }) }).catch(() => undefined);
        if (!res) await new Promise((r) => setTimeout(r, 50));
      }
      assert.ok(res, log);
      const body = await res.json();
      assert.equal(res.status, 200, JSON.stringify(body));
      assert.match(body.choices[0].message.content, /^\[mock\] echo: from workerd/);
    } finally {
      child.kill('SIGTERM');
    }
  });

  test('Chromium: the package in a page (import map), and its demo page in-browser', { skip: !hasChromium() }, async () => {
    const server = await serveStatic(app);
    const browser = await launch();
    try {
      const page = await browser.context.newPage();
      await page.goto(`${server.url}/browser.html`);
      await page.waitForFunction(() => window.result !== undefined, undefined, { timeout: 15000 });
      assert.match(await page.evaluate(() => window.result), /^\[mock\] echo: in chromium/);
      await page.goto(`${server.url}/node_modules/ai-gateway-wasm/web/index.html`);
      await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
      assert.equal(await page.$$eval('#route option', (els) => els.length), 3);
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
