// Streams handed out by the bindings free what they hold in the core when they
// end, are cancelled or closed, and — the backstop — when their consumer drops
// them and the garbage collector finds them (FinalizationRegistry).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import v8 from 'node:v8';
import vm from 'node:vm';
import { createGateway } from '../../bindings/index.mjs';
import { startFakeProvider } from './fake-provider.mjs';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');

const config = (base) => `endpoints:
  - name: chat
    endpoint_type: llm/v1/chat
    model:
      provider: openai
      name: gpt-4o-mini
      config: {openai_api_key: sk-lifetime-test, openai_api_base: ${base}/v1}
`;
const request = () => ({ method: 'POST', target: '/endpoints/chat/invocations',
  headers: [['content-type', 'application/json']],
  body: new TextEncoder().encode(JSON.stringify({ messages: [{ role: 'user', content: 'hi' }], stream: true })) });

// Collects garbage until `done()` or 100 rounds (finalizers run after a collection, in a later task).
async function collectUntil(done) {
  for (let i = 0; i < 100 && !done(); i++) {
    gc();
    await sleep(10);
  }
  return done();
}

describe('stream lifetime', () => {
  let fake;
  let gateway;
  before(async () => {
    fake = await startFakeProvider();
    gateway = await createGateway({ config: config(fake.url) });
  });
  after(async () => {
    gateway?.close();
    await fake?.close();
  });

  it('a read stream releases its core: a reload frees the old one at the end of the stream', async () => {
    const result = await gateway.exchange(request());
    const old = gateway.core;
    gateway.reload({ config: config(fake.url) });
    assert.notEqual(old.core, null, 'the old core serves the open stream');
    const text = await new Response(result.stream).text();
    assert.match(text, /from fake/);
    assert.equal(old.core, null);
  });

  it('a dropped stream is finalized: the old core is freed without the stream being read', async () => {
    let result = await gateway.exchange(request());
    assert.ok(result.stream instanceof ReadableStream);
    const old = gateway.core;
    gateway.reload({ config: config(fake.url) });
    assert.notEqual(old.core, null);
    result = null;  // the consumer drops it
    assert.ok(await collectUntil(() => old.core === null), 'the abandoned stream released the old core');
  });

  it('a dropped CoreStream frees its core-side stream', async () => {
    const core = gateway.core;
    const plan = core.plan(request(), { nowMs: Date.now(), random: 0.5 });
    assert.equal(plan.kind, 'call');
    const open = () => core.openStream(plan.token, { nowMs: Date.now(), random: 0.5 }).stream;
    open().close();  // warm the buffers
    const baseline = core.wasm.heapBytesInUse();
    let stream = open();
    assert.ok(core.wasm.heapBytesInUse() > baseline, 'an open stream holds core memory');
    stream = null;
    assert.ok(await collectUntil(() => core.wasm.heapBytesInUse() === baseline),
      `heap ${core.wasm.heapBytesInUse()} back to ${baseline}`);
    assert.equal(stream, null);
  });
});
