// Streaming end to end through the Wasm core: `createGateway(...).exchange` with
// an OpenAI-style upstream on loopback that writes SSE in small delayed pieces.
// Checks the exact client bytes (the conformance fixtures' response.sse), the
// error event for an upstream that breaks off, and that a client that stops
// reading (backpressure) or cancels stops the gateway reading upstream.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createGateway } from '../../bindings/index.mjs';
import { CONFORMANCE_ROOT } from './conformance-runner.mjs';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const fixture = (name, file) => readFileSync(join(CONFORMANCE_ROOT, 'openai', name, file));

async function waitUntil(predicate, what, timeoutMs = 5000) {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

// The upstream: what it does is chosen by the last user message.
//   "<fixture case>"  → that case's upstream_response.sse in 7-byte pieces, 1 ms apart
//   "reset:<case>"    → the first 600 bytes of it, then the connection is destroyed
//   "endless"         → 1 KB SSE events forever, honouring backpressure (write() → 'drain')
const upstream = { requests: [], endless: { written: 0, closed: false } };

async function writePieces(res, bytes, size = 7) {
  for (let at = 0; at < bytes.length; at += size) {
    res.write(bytes.subarray(at, at + size));
    await sleep(1);
  }
}

function endless(res) {
  const state = upstream.endless;
  const event = `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm',
    choices: [{ index: 0, delta: { content: 'x'.repeat(900) }, finish_reason: null }] })}\n\n`;
  res.on('close', () => { state.closed = true; });
  const pump = () => {
    while (!state.closed) {
      state.written += Buffer.byteLength(event);
      if (!res.write(event)) return res.once('drain', pump);
    }
  };
  pump();
}

async function serve(req, res) {
  let text = '';
  for await (const part of req) text += part;
  const body = JSON.parse(text);
  upstream.requests.push({ url: req.url, body });
  const what = body.messages.at(-1).content;
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  if (what === 'endless') return endless(res);
  if (what.startsWith('reset:')) {
    await writePieces(res, fixture(what.slice(6), 'upstream_response.sse').subarray(0, 600));
    return res.destroy();
  }
  await writePieces(res, fixture(what, 'upstream_response.sse'));
  res.end();
}

let server;
let gateway;

function gatewayOptions() {
  const base = `http://127.0.0.1:${server.address().port}/v1`;
  return {
    config: `endpoints:
  - name: chat
    endpoint_type: llm/v1/chat
    model:
      provider: openai
      name: gpt-4o-mini
      config:
        openai_api_key: $OPENAI_API_KEY
        openai_api_base: ${base}
`,
    env: { OPENAI_API_KEY: 'sk-test' },
  };
}

before(async () => {
  server = http.createServer((req, res) => { serve(req, res).catch(() => res.destroy()); });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  gateway = await createGateway(gatewayOptions());
});

after(async () => {
  gateway?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function streamRequest(target, content) {
  const body = { messages: [{ role: 'user', content }], stream: true };
  if (target.startsWith('/v1/')) body.model = 'chat';
  return { method: 'POST', target, headers: [['content-type', 'application/json']],
    body: encoder.encode(JSON.stringify(body)) };
}

async function readAll(stream) {
  return decoder.decode(await new Response(stream).arrayBuffer());
}

const header = (result, name) => result.headers.find(([k]) => k.toLowerCase() === name)?.[1];

for (const [target, name] of [['/endpoints/chat/invocations', 'stream-chat-text'],
  ['/v1/chat/completions', 'stream-chat-v1'], ['/endpoints/chat/invocations', 'stream-error-event'],
  ['/endpoints/chat/invocations', 'stream-truncated']]) {
  test(`${target} streams ${name} byte for byte`, async () => {
    const result = await gateway.exchange(streamRequest(target, name));
    assert.equal(result.status, 200);
    assert.match(header(result, 'content-type'), /^text\/event-stream/);
    assert.equal(await readAll(result.stream), fixture(name, 'response.sse').toString('utf8'));
    const sent = upstream.requests.at(-1).body;
    assert.equal(sent.stream, true);
    assert.deepEqual(sent.stream_options, { include_usage: true });
  });
}

test('an upstream connection that breaks off ends with an error event', async () => {
  const result = await gateway.exchange(streamRequest('/endpoints/chat/invocations', 'reset:stream-chat-text'));
  const text = await readAll(result.stream);
  const events = text.split('\n\n').filter(Boolean);
  assert.ok(events.length >= 2, text);
  const last = JSON.parse(events.at(-1).slice('data: '.length));
  assert.equal(last.error.type, 'bad_gateway');
  assert.match(last.error.message, /^upstream stream failed: /);
  for (const event of events.slice(0, -1)) {
    assert.equal(JSON.parse(event.slice(6)).object, 'chat.completion.chunk');
  }
});

test('a client that stops reading stops the upstream reads; cancel closes the upstream', async () => {
  const state = upstream.endless;
  const result = await gateway.exchange(streamRequest('/endpoints/chat/invocations', 'endless'));
  const reader = result.stream.getReader();
  const first = await reader.read();
  assert.match(decoder.decode(first.value), /^data: \{"id":"c"/);
  // Not reading: the upstream fills the socket buffers and then must wait.
  await waitUntil(() => state.written > 0, 'upstream writes');
  let before = -1;
  for (let i = 0; i < 50 && before !== state.written; i++) {
    before = state.written;
    await sleep(100);
  }
  assert.equal(state.written, before, 'upstream writes stalled while the client was not reading');
  assert.ok(state.written < 32 * 1024 * 1024, `bounded buffering (${state.written} bytes written)`);
  assert.equal(state.closed, false);
  await reader.cancel();
  await waitUntil(() => state.closed, 'the upstream connection to close after cancel');
  const atClose = state.written;
  await sleep(100);
  assert.equal(state.written, atClose);
});

// Starts a stream, reads its first chunk, then reloads the gateway: the stream's
// core is now the retired one.
async function streamAcrossReload(local, options) {
  const result = await local.exchange(streamRequest('/endpoints/chat/invocations', 'stream-chat-text'));
  const reader = result.stream.getReader();
  const first = decoder.decode((await reader.read()).value);
  const retired = local.core;
  local.reload({ config: options.config, env: options.env });
  assert.notEqual(local.core, retired);
  assert.ok(retired.core, 'the retired core stays open while its stream runs');
  return { reader, first, retired };
}

// Gateway.exchange keeps the old core in flight until the stream ends: a reload
// mid-stream retires it without breaking the stream (bindings/index.mjs).
test('a hot reload leaves a stream in flight intact', async () => {
  const options = gatewayOptions();
  const local = await createGateway(options);
  try {
    const { reader, first, retired } = await streamAcrossReload(local, options);
    let text = first;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value);
    }
    assert.equal(text, fixture('stream-chat-text', 'response.sse').toString('utf8'));
    assert.equal(retired.core, null, 'the retired core is freed when its last stream ends');
  } finally {
    local.close();
  }
});

test('a client that cancels a stream after a reload frees the retired core', async () => {
  const options = gatewayOptions();
  const local = await createGateway(options);
  try {
    const { reader, retired } = await streamAcrossReload(local, options);
    await reader.cancel('client went away');
    assert.equal(retired.core, null);
  } finally {
    local.close();
  }
});
