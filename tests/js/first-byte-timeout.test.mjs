// first_byte_timeout_seconds (issue 17): a provider that has not sent its response
// headers — or, streaming, its first event — in time counts as a timeout: it falls
// back (before anything reached the client), or answers 504 in the client's shape.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeProvider } from './fake-provider.mjs';
import { startNodeHost, startWorkerdHost } from './hosts.mjs';

const KEY = 'sk-test-first-byte';
const endpoint = (name, model, base, extra = '') => `  - name: ${name}
    endpoint_type: llm/v1/chat
    model:
      provider: openai
      name: ${model}
      config: {openai_api_key: $OPENAI_API_KEY, openai_api_base: ${base}/v1}
${extra}`;
const config = (base) => `endpoints:
${endpoint('stalls', 'stall', base, '    first_byte_timeout_seconds: 0.3\n')}\
${endpoint('stalls-then-falls-back', 'stall', base, '    first_byte_timeout_seconds: 0.3\n    fallbacks: [fast]\n')}\
${endpoint('stream-stalls', 'stall-stream', base, '    first_byte_timeout_seconds: 0.3\n    fallbacks: [fast]\n')}\
${endpoint('stream-stalls-alone', 'stall-stream', base, '    first_byte_timeout_seconds: 0.3\n')}\
${endpoint('fast', 'gpt-4o-mini', base)}`;

const HELLO = [{ role: 'user', content: 'Hello' }];

for (const [name, startHost] of [['Node', startNodeHost], ['workerd', startWorkerdHost]]) {
  describe(`first_byte_timeout_seconds on the ${name} host`, () => {
    let fake;
    let host;
    before(async () => {
      fake = await startFakeProvider();
      host = await startHost({ config: config(fake.url), env: { OPENAI_API_KEY: KEY } });
    });
    after(async () => {
      await host?.stop();
      await fake?.close();
    });
    const post = (path, body) => fetch(`${host.url}${path}`, { method: 'POST',
      headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(10000) });

    it('no response headers in time: 504 in the client\'s shape, well before the total timeout', async () => {
      const started = Date.now();
      const res = await post('/v1/chat/completions', { model: 'stalls', messages: HELLO });
      assert.equal(res.status, 504);
      const body = await res.json();
      assert.equal(body.error.message, 'The upstream provider did not start answering within 0.3 seconds.');
      assert.ok(Date.now() - started < 5000);
    });

    it('counts as a timeout for fallbacks', async () => {
      const res = await post('/endpoints/stalls-then-falls-back/invocations', { messages: HELLO });
      assert.equal(res.status, 200);
      assert.equal((await res.json()).choices[0].message.content, 'Hello from fake');
      assert.equal(res.headers.get('x-gateway-endpoint'), 'fast');
      assert.match(res.headers.get('x-gateway-attempt-history'), /^stalls-then-falls-back:timeout,fast:200$/);
    });

    it('a stream whose first event does not come falls back before anything reached the client', async () => {
      const res = await post('/endpoints/stream-stalls/invocations', { messages: HELLO, stream: true });
      assert.equal(res.status, 200);
      const text = await res.text();
      assert.match(text, /Hello /);
      assert.doesNotMatch(text, /"error"/);
    });

    it('a stream with nowhere to fall back answers the 504 itself (nothing was sent yet)', async () => {
      const res = await post('/v1/chat/completions', { model: 'stream-stalls-alone', messages: HELLO, stream: true });
      assert.equal(res.status, 504);
      assert.equal((await res.json()).error.message, 'The upstream provider did not start answering within 0.3 seconds.');
    });
  });
}
