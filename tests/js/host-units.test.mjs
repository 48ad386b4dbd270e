// In-process tests of the host pieces: byte sizes, the default 10 MB cap,
// streamed responses piped with backpressure (Node) and passed through (worker
// handler), client disconnects, Server-Timing accounting, config failures.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { createGateway } from '../../bindings/index.mjs';
import { ConfigUnavailableError, createHandler } from '../../worker/handler.mjs';
import { parseByteSize, serverTiming, timedTransport } from '../../worker/http-util.mjs';
import { createNodeServer } from '../../worker/node/server.mjs';
import { nodeTransport } from '../../worker/node/transport.mjs';
import { chatStreamEvents, startFakeProvider } from './fake-provider.mjs';

const CHUNK = new Uint8Array(64 * 1024).fill(97);

/** A gateway stand-in whose every answer is a lazily generated stream of `chunks` chunks. */
function streamingGateway(chunks, counters) {
  const stream = () => new ReadableStream({
    pull(controller) {
      counters.pulled++;
      if (counters.pulled > chunks) controller.close();
      else controller.enqueue(CHUNK);
    },
    cancel() { counters.cancelled = true; },
  }, { highWaterMark: 1 });
  const result = () => ({ status: 200, headers: [['content-type', 'text/event-stream']], body: null, stream: stream() });
  return {
    core: {}, transport: async () => ({}),
    exchange: async () => result(),
    handle: async () => new Response(stream(), { status: 200, headers: { 'content-type': 'text/event-stream' } }),
  };
}

async function listen(server) {
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${server.address().port}`;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

describe('host pieces', () => {
  it('parses byte sizes', () => {
    assert.equal(parseByteSize(undefined), 10 * 1024 * 1024);
    assert.equal(parseByteSize('512kb'), 512 * 1024);
    assert.equal(parseByteSize('10MB'), 10 * 1024 * 1024);
    assert.equal(parseByteSize('1000'), 1000);
    assert.throws(() => parseByteSize('lots'), RangeError);
  });

  it('Server-Timing separates the gateway time from the upstream wait', async () => {
    const timing = { upstreamMs: 0 };
    let t = 0;
    const send = timedTransport(async () => { t += 40; return {}; }, timing, () => t);
    await Promise.all([send({}, {}), send({}, {})]);
    assert.equal(timing.upstreamMs, 80);
    assert.equal(serverTiming(100, 80), 'gw;dur=20.000, upstream;dur=80.000');
    assert.equal(serverTiming(0.5, 0), 'gw;dur=0.500');
  });

  it('the Node server caps bodies at 10 MB by default', async () => {
    const gateway = await createGateway({ config: 'endpoints: []\n' });
    const server = createNodeServer(() => gateway, { log: () => {} });
    const url = await listen(server);
    try {
      const big = await fetch(`${url}/endpoints/x/invocations`, { method: 'POST', body: new Uint8Array(10 * 1024 * 1024 + 1) });
      assert.equal(big.status, 413);
      assert.match((await big.json()).detail, /limit of 10485760 bytes/);
      const ok = await fetch(`${url}/endpoints/x/invocations`, { method: 'POST', body: '{}' });
      assert.equal(ok.status, 404);
    } finally {
      server.close();
      gateway.close();
    }
  });

  it('the Node server pipes a streamed answer with backpressure', async () => {
    const counters = { pulled: 0 };
    const server = createNodeServer(() => streamingGateway(1000, counters), { log: () => {} });
    const url = await listen(server);
    try {
      const res = await new Promise((resolve) => http.get(`${url}/v1/chat/completions`, resolve));
      res.pause();
      await sleep(300);
      assert.ok(counters.pulled < 200, `read ahead ${counters.pulled} chunks of 1000 while the client paused`);
      let bytes = 0;
      res.on('data', (d) => { bytes += d.length; });
      res.resume();
      await new Promise((resolve) => res.on('end', resolve));
      assert.equal(bytes, 1000 * CHUNK.length);
      assert.match(res.headers['server-timing'], /^gw;dur=/);
    } finally {
      server.close();
    }
  });

  it('the Node server cancels the stream when the client goes away', async () => {
    const counters = { pulled: 0 };
    const server = createNodeServer(() => streamingGateway(1e6, counters), { log: () => {} });
    const url = await listen(server);
    try {
      await new Promise((resolve) => {
        const req = http.get(`${url}/v1/chat/completions`, (res) => res.once('data', () => { req.destroy(); resolve(); }));
      });
      const deadline = Date.now() + 2000;
      while (!counters.cancelled && Date.now() < deadline) await sleep(10);
      assert.equal(counters.cancelled, true);
    } finally {
      server.close();
    }
  });

  it('the worker handler passes a stream through and stamps Server-Timing', async () => {
    const counters = { pulled: 0 };
    const handler = createHandler({ getGateway: async () => streamingGateway(3, counters), log: () => {} });
    const res = await handler.fetch(new Request('http://gw/v1/chat/completions', { method: 'POST', body: '{}' }));
    assert.equal(res.headers.get('content-type'), 'text/event-stream');
    assert.match(res.headers.get('server-timing'), /^gw;dur=/);
    assert.equal((await res.arrayBuffer()).byteLength, 3 * CHUNK.length);
  });

  it('the worker handler answers 500 without details when the config does not load', async () => {
    const lines = [];
    // As worker/index.mjs does: the error carries the reply of the core that refused the config.
    const refused = await createGateway({ config: 'endpoints: [{name: x}]\n' }).catch((error) => error);
    const handler = createHandler({ getGateway: async () => { throw new ConfigUnavailableError((p) => refused.reply(p)); },
      log: (l) => lines.push(l) });
    const res = await handler.fetch(new Request('http://gw/v1/models'));
    assert.equal(res.status, 500);
    assert.equal((await res.json()).error.code, 'invalid_configuration');
    assert.deepEqual(lines, [lines[0]]);
    assert.match(lines[0], /^GET \/v1\/models 500 /);
  });

  it('Gateway.handle serves a WHATWG Request (HEAD without a body)', async () => {
    const gateway = await createGateway({ config: 'endpoints: []\n' });
    try {
      const res = await gateway.handle(new Request('http://gw/health'));
      assert.deepEqual(await res.json(), { status: 'OK' });
      const head = await gateway.handle(new Request('http://gw/health', { method: 'HEAD' }));
      assert.equal(head.status, 200);
      assert.equal(head.body, null);
    } finally {
      gateway.close();
    }
  });

  it('the Node transport: JSON, streamed 2xx, timeout and connection failure', async () => {
    const fake = await startFakeProvider();
    const send = nodeTransport();
    const request = (model, stream) => ({ method: 'POST', url: `${fake.url}/v1/chat/completions`,
      headers: [['content-type', 'application/json'], ['authorization', 'Bearer k']],
      body: new TextEncoder().encode(JSON.stringify({ model, messages: [], stream })) });
    try {
      const plain = await send(request('m'), { timeoutMs: 2000, stream: false });
      assert.equal(plain.status, 200);
      assert.equal(JSON.parse(new TextDecoder().decode(plain.body)).choices[0].message.content, 'Hello from fake');
      assert.deepEqual(fake.last().headers.authorization, 'Bearer k');
      const streamed = await send(request('m', true), { timeoutMs: 2000, stream: true });
      assert.equal(streamed.status, 200);
      assert.equal(await new Response(streamed.stream).text(), chatStreamEvents('m').join(''));
      const stalled = await send(request('stall'), { timeoutMs: 150, stream: false });
      assert.deepEqual([stalled.status, stalled.timedOut], [0, true]);
      const refused = await send({ ...request('m'), url: 'http://127.0.0.1:1/v1' }, { timeoutMs: 2000 });
      assert.equal(refused.status, 0);
      assert.equal(new TextDecoder().decode(refused.body), 'ECONNREFUSED');
    } finally {
      send.close();
      await fake.close();
    }
  });
});
