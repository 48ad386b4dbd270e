// The demo page's hosting: the embedded copy is fresh, and /ui/ is served by the
// Node server and by the worker in real workerd (the page itself: tests/web/).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { bundleText } from '../../scripts/bundle-ui.mjs';
import { ROOT, startNodeHost, startWorkerdHost } from './hosts.mjs';
import { MOCK_CONFIG } from './mock-config.mjs';

const CONFIG = MOCK_CONFIG;

test('worker/ui-assets.mjs matches web/ (run `node scripts/bundle-ui.mjs`)', () => {
  assert.equal(fs.readFileSync(path.join(ROOT, 'worker/ui-assets.mjs'), 'utf8'), bundleText());
});

for (const [name, start] of [['node', startNodeHost], ['workerd', startWorkerdHost]]) {
  describe(`/ui/ on ${name}`, () => {
    let host;
    before(async () => { host = await start({ config: CONFIG }); });
    after(() => host?.stop());

    test('index, module, stylesheet, redirect, 404', async () => {
      const index = await fetch(`${host.url}/ui/`);
      assert.equal(index.status, 200);
      assert.match(index.headers.get('content-type'), /^text\/html/);
      assert.match(await index.text(), /<script type="module" src="app.mjs">/);
      const app = await fetch(`${host.url}/ui/app.mjs`);
      assert.match(app.headers.get('content-type'), /^text\/javascript/);
      assert.equal(await app.text(), fs.readFileSync(path.join(ROOT, 'web/app.mjs'), 'utf8'));
      const css = await fetch(`${host.url}/ui/style.css`);
      assert.match(css.headers.get('content-type'), /^text\/css/);
      await css.arrayBuffer();
      const bare = await fetch(`${host.url}/ui`, { redirect: 'manual' });
      assert.equal(bare.status, 308);
      assert.equal(bare.headers.get('location'), '/ui/');
      const missing = await fetch(`${host.url}/ui/nope.js`);
      assert.equal(missing.status, 404);
      await missing.arrayBuffer();
    });
  });
}
