// The demo page in real headless Chromium: served by the Node gateway at /ui/
// (mock config), and standalone in in-browser mode (Wasm core in the page).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ROOT, startNodeHost } from '../js/hosts.mjs';
import { MOCK_CONFIG } from '../js/mock-config.mjs';
import { hasChromium, launch } from './browser.mjs';
import { serveStatic } from './static-server.mjs';

const SHOTS = path.join(ROOT, 'tests/web/screenshots');
const skip = hasChromium() ? false : 'no /usr/bin/chromium (run scripts/setup.sh)';

async function screenshot(page, name) {
  fs.mkdirSync(SHOTS, { recursive: true });
  const file = path.join(SHOTS, name);
  await page.screenshot({ path: file, fullPage: true });
  console.log(`screenshot: ${file}`);
  return file;
}

/** Picks a route, fills the form, sends, and waits for the request to finish. */
async function sendRequest(page, { route, text, temperature, stream = true }) {
  await page.selectOption('#route', route);
  await page.fill('#prompt', text);
  if (temperature !== undefined) await page.fill('#temperature', String(temperature));
  if (!(await page.isDisabled('#stream'))) await page.setChecked('#stream', stream);
  await page.click('#send');
  await page.waitForFunction(() => !document.getElementById('send').disabled
    && document.getElementById('latency').textContent !== '…');
}

async function exercisePage(page, url, shotName) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
  const options = await page.$$eval('#route option', (els) => els.map((o) => o.value));
  assert.deepEqual(options.slice(0, 3), ['chat', 'completions', 'embeddings']);

  // Streamed chat: record the output as it grows.
  await page.evaluate(() => {
    window.seen = [];
    new MutationObserver(() => window.seen.push(document.getElementById('output').textContent))
      .observe(document.getElementById('output'), { childList: true, characterData: true, subtree: true });
  });
  await sendRequest(page, { route: 'chat', text: 'hello from chromium', temperature: 0.5 });
  const output = await page.textContent('#output');
  assert.match(output, /^\[mock\] echo: hello from chromium/);
  const seen = await page.evaluate(() => window.seen.filter(Boolean));
  assert.ok(seen.length >= 2 && seen[0].length < output.length, `streamed in pieces: ${JSON.stringify(seen)}`);
  assert.match(await page.textContent('#raw-request'), /"stream": true/);
  assert.match(await page.textContent('#raw-response'), /^HTTP 200\ndata: /);
  assert.match(await page.textContent('#usage'), /total \d+/);
  assert.match(await page.textContent('#latency'), /ms/);
  assert.equal(await page.isHidden('#error'), true);
  const shot = await screenshot(page, shotName);

  // The same chat in the Anthropic Messages dialect, streamed and not.
  await page.selectOption('#dialect', 'anthropic');
  await sendRequest(page, { route: 'chat', text: 'hello claude', temperature: 0.5 });
  assert.match(await page.textContent('#output'), /^\[mock\] echo: hello claude/);
  assert.match(await page.textContent('#raw-request'), /^POST \/v1\/messages\n/);
  assert.match(await page.textContent('#raw-response'), /^HTTP 200\nevent: message_start\ndata: /);
  assert.match(await page.textContent('#usage'), /^input \d+, output \d+$/);
  await sendRequest(page, { route: 'chat', text: 'hello claude', stream: false });
  assert.match(await page.textContent('#output'), /^\[mock\] echo: hello claude/);
  assert.match(await page.textContent('#raw-response'), /"type":"message"/);
  assert.equal(await page.isHidden('#error'), true);

  // And in the OpenAI Responses dialect.
  await page.selectOption('#dialect', 'responses');
  await sendRequest(page, { route: 'chat', text: 'hello responses', temperature: 0.5 });
  assert.match(await page.textContent('#output'), /^\[mock\] echo: hello responses/);
  assert.match(await page.textContent('#raw-request'), /^POST \/v1\/responses\n/);
  assert.match(await page.textContent('#raw-response'), /^HTTP 200\nevent: response.created\ndata: /);
  assert.match(await page.textContent('#usage'), /^input \d+, output \d+$/);
  await sendRequest(page, { route: 'chat', text: 'hello responses', stream: false });
  assert.match(await page.textContent('#output'), /^\[mock\] echo: hello responses/);
  assert.match(await page.textContent('#raw-response'), /"object":"response"/);
  assert.equal(await page.isHidden('#error'), true);
  await page.selectOption('#dialect', 'mlflow');

  // A bad request: a readable error, the raw 422 body.
  await sendRequest(page, { route: 'chat', text: 'too hot', temperature: 5 });
  assert.equal(await page.isVisible('#error'), true);
  assert.match(await page.textContent('#error'), /Error 422: temperature: Input should be less than or equal to 2/);
  assert.match(await page.textContent('#raw-response'), /^HTTP 422/);

  // Embeddings and a non-streamed completion.
  await sendRequest(page, { route: 'embeddings', text: 'one\ntwo' });
  assert.match(await page.textContent('#output'), /#1: \[.*\] \(8 dims\)/);
  await sendRequest(page, { route: 'completions', text: 'complete me', temperature: 0.2, stream: false });
  assert.match(await page.textContent('#output'), /complete me/, await page.textContent('#raw-response') + await page.textContent('#error'));
  assert.deepEqual(errors, []);
  return shot;
}

describe('demo page in Chromium', { skip }, () => {
  let browser;
  let host;
  before(async () => {
    browser = await launch();
    host = await startNodeHost({ config: MOCK_CONFIG });
  });
  after(async () => {
    await browser?.close();
    await host?.stop();
  });

  test('served by the Node gateway at /ui/', async () => {
    const page = await browser.context.newPage();
    await exercisePage(page, `${host.url}/ui/`, 'ui-node.png');
    assert.equal(await page.textContent('#mode'), `server: ${new URL(host.url).host}`);
    await page.close();
  });

  test('standalone, in-browser mode (Wasm core in the page, no network)', async () => {
    const files = await serveStatic(ROOT);
    const page = await browser.context.newPage();
    const requests = [];
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    try {
      await exercisePage(page, `${files.url}/web/index.html`, 'ui-in-browser.png');
      assert.match(await page.textContent('#mode'), /in-browser/);
      assert.ok(!requests.some((p) => p.includes('/invocations') || p.startsWith('/api/')), requests.join(' '));
    } finally {
      await page.close();
      await files.close();
    }
  });
});
