// The HTTP test table run against BOTH hosts (tests/js/http-node.test.mjs and
// tests/js/http-workerd.test.mjs): the same requests, the same upstream
// assertions against the fake provider, the same answers.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { assertUpstream, startFakeProvider } from './fake-provider.mjs';

/** The provider key of the HTTP tests; it must never appear in a response or a log line. */
export const KEY = 'sk-test-http-secret-0123456789';
/** Body cap used by the hosts under test. */
export const CAP_BYTES = 64 * 1024;
/** Listing page size used by the hosts under test. */
export const PAGE_SIZE = 2;

function endpoint(name, type, model, base, extra = '') {
  return `  - name: ${name}
    endpoint_type: ${type}${extra}
    model:
      provider: openai
      name: ${model}
      config:
        openai_api_key: $OPENAI_API_KEY
        openai_api_base: ${base}/v1
`;
}

/** The endpoints-style (MLflow 2.9+) config pointing at the fake provider. */
export function httpConfig(fakeUrl) {
  return `endpoints:\n${[
    endpoint('chat', 'llm/v1/chat', 'gpt-4o-mini', fakeUrl),
    endpoint('completions', 'llm/v1/completions', 'gpt-3.5-turbo-instruct', fakeUrl),
    endpoint('embeddings', 'llm/v1/embeddings', 'text-embedding-3-small', fakeUrl),
    endpoint('slow-chat', 'llm/v1/chat', 'stall', fakeUrl, '\n    timeout_seconds: 1'),
    endpoint('html-chat', 'llm/v1/chat', 'html-error', fakeUrl),
    endpoint('limited-chat', 'llm/v1/chat', 'rate-limited', fakeUrl),
    endpoint('xml-chat', 'llm/v1/chat', 'xml', fakeUrl),
  ].join('')}`;
}

const JSON_HEADERS = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };
const HELLO = [{ role: 'user', content: 'Hello' }];

/**
 * Sends one request; checks Server-Timing; remembers the text for the key check.
 * @returns {Promise<{status: number, headers: Headers, text: string, json: any}>}
 */
export async function call(host, seen, { method = 'POST', path, body, text, headers = {} }) {
  const init = { method, headers: { ...headers }, redirect: 'manual', signal: AbortSignal.timeout(15000) };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['content-type'] ??= 'application/json';
  } else if (text !== undefined) {
    init.body = text;
  }
  const res = await fetch(`${host.url}${path}`, init);
  const out = { status: res.status, headers: res.headers, text: await res.text() };
  try { out.json = JSON.parse(out.text); } catch { out.json = undefined; }
  seen.push(`${out.status} ${JSON.stringify([...res.headers])} ${out.text}`);
  assert.match(res.headers.get('server-timing') ?? '', /^gw;dur=\d+(\.\d+)?/, `Server-Timing on ${path}`);
  return out;
}

const UPSTREAM_CASES = [
  { name: 'POST /endpoints/chat/invocations', path: '/endpoints/chat/invocations',
    body: { messages: HELLO, temperature: 0.5, max_tokens: 20 },
    upstream: { path: '/v1/chat/completions', body: { model: 'gpt-4o-mini', messages: HELLO, temperature: 0.5,
      max_tokens: 20, n: 1 } },
    check: (r) => {
      assert.equal(r.json.object, 'chat.completion');
      assert.deepEqual(r.json.choices[0].message, { role: 'assistant', content: 'Hello from fake', tool_calls: null,
        refusal: null });
      assert.equal(r.headers.get('content-type'), 'application/json');
    } },
  { name: 'POST /gateway/chat/invocations (2.9+ config: OpenAI-like shape)', path: '/gateway/chat/invocations',
    body: { messages: HELLO },
    upstream: { path: '/v1/chat/completions', body: { model: 'gpt-4o-mini', messages: HELLO, n: 1 } },
    check: (r) => assert.equal(r.json.choices[0].message.content, 'Hello from fake') },
  { name: 'POST /endpoints/completions/invocations', path: '/endpoints/completions/invocations',
    body: { prompt: 'hi', max_tokens: 7 },
    upstream: { path: '/v1/completions', body: { model: 'gpt-3.5-turbo-instruct', prompt: 'hi', max_tokens: 7, n: 1 } },
    check: (r) => assert.equal(r.json.choices[0].text, 'fake completion') },
  { name: 'POST /endpoints/embeddings/invocations', path: '/endpoints/embeddings/invocations',
    body: { input: ['a', 'b'] },
    upstream: { path: '/v1/embeddings', body: { model: 'text-embedding-3-small', input: ['a', 'b'] } },
    check: (r) => assert.deepEqual(r.json.data.map((d) => d.embedding), [[0.5, 0.25], [0.5, 1.25]]) },
  { name: 'POST /v1/chat/completions', path: '/v1/chat/completions',
    body: { model: 'chat', messages: HELLO, top_p: 0.9 },
    upstream: { path: '/v1/chat/completions', body: { model: 'gpt-4o-mini', messages: HELLO, top_p: 0.9, n: 1 } },
    check: (r) => assert.equal(r.json.choices[0].finish_reason, 'stop') },
  { name: 'POST /v1/completions', path: '/v1/completions', body: { model: 'completions', prompt: 'hi' },
    upstream: { path: '/v1/completions', body: { model: 'gpt-3.5-turbo-instruct', prompt: 'hi', n: 1 } },
    check: (r) => assert.equal(r.json.object, 'text_completion') },
  { name: 'POST /v1/embeddings', path: '/v1/embeddings', body: { model: 'embeddings', input: 'x' },
    upstream: { path: '/v1/embeddings', body: { model: 'text-embedding-3-small', input: 'x' } },
    check: (r) => assert.equal(r.json.data.length, 1) },
  { name: 'upstream error status and message kept (429)', path: '/endpoints/limited-chat/invocations',
    body: { messages: HELLO },
    upstream: { path: '/v1/chat/completions', body: { model: 'rate-limited', messages: HELLO, n: 1 } },
    status: 429, check: (r) => assert.deepEqual(r.json, { detail: 'Rate limit reached for requests' }) },
  { name: 'upstream error on /v1 in OpenAI error shape', path: '/v1/chat/completions',
    body: { model: 'limited-chat', messages: HELLO },
    upstream: { path: '/v1/chat/completions', body: { model: 'rate-limited', messages: HELLO, n: 1 } },
    status: 429, check: (r) => {
      assert.equal(r.json.error.message, 'Rate limit reached for requests');
      assert.equal(r.json.error.type, 'rate_limit_error');
    } },
  { name: '502 unsupported upstream content type', path: '/endpoints/xml-chat/invocations', body: { messages: HELLO },
    upstream: { path: '/v1/chat/completions', body: { model: 'xml', messages: HELLO, n: 1 } },
    status: 502, check: (r) => assert.deepEqual(r.json, { detail:
      'The returned data type from the route service is not supported. Received content type: application/xml' }) },
  { name: '502 for an HTML upstream error page', path: '/endpoints/html-chat/invocations', body: { messages: HELLO },
    upstream: { path: '/v1/chat/completions', body: { model: 'html-error', messages: HELLO, n: 1 } },
    status: 502, check: (r) => assert.match(r.json.detail, /Received content type: text\/html/) },
  { name: '504 when the provider stalls past timeout_seconds', path: '/endpoints/slow-chat/invocations',
    body: { messages: HELLO },
    upstream: { path: '/v1/chat/completions', body: { model: 'stall', messages: HELLO, n: 1 } },
    status: 504, check: (r) => assert.deepEqual(r.json,
      { detail: 'The upstream provider did not respond within 1 second.' }) },
];

const LOCAL_CASES = [
  { name: 'GET /health', method: 'GET', path: '/health', check: (r) => assert.deepEqual(r.json, { status: 'OK' }) },
  { name: 'HEAD /health', method: 'HEAD', path: '/health', check: (r) => assert.equal(r.text, '') },
  { name: 'GET / redirects to /docs', method: 'GET', path: '/', status: 307,
    check: (r) => assert.equal(r.headers.get('location'), '/docs') },
  { name: 'GET /docs lists the routes', method: 'GET', path: '/docs', check: (r) => {
    assert.match(r.headers.get('content-type'), /^text\/html/);
    for (const name of ['chat', 'embeddings', 'slow-chat', '/openapi.json']) assert.ok(r.text.includes(name), name);
  } },
  { name: 'GET /openapi.json', method: 'GET', path: '/openapi.json', check: (r) => {
    assert.equal(r.json.openapi, '3.1.0');
    for (const p of ['/health', '/endpoints/chat/invocations', '/gateway/completions/invocations',
      '/v1/chat/completions', '/v1/models', '/api/2.0/endpoints/']) assert.ok(r.json.paths[p], p);
  } },
  { name: 'GET /v1/models', method: 'GET', path: '/v1/models', check: (r) => {
    assert.equal(r.json.object, 'list');
    assert.deepEqual(r.json.data.map((m) => m.id), ['chat', 'completions', 'embeddings', 'slow-chat', 'html-chat',
      'limited-chat', 'xml-chat']);
  } },
  { name: 'GET /api/2.0/endpoints/chat', method: 'GET', path: '/api/2.0/endpoints/chat', check: (r) =>
    assert.deepEqual(r.json, { name: 'chat', endpoint_type: 'llm/v1/chat', model: { name: 'gpt-4o-mini',
      provider: 'openai' }, endpoint_url: '/gateway/chat/invocations', limit: null }) },
  { name: '400 bad page_token', method: 'GET', path: '/api/2.0/endpoints/?page_token=bm90LWpzb24', status: 400,
    check: (r) => assert.match(r.json.detail, /^Invalid SearchRoutes token: bm90LWpzb24\./) },
  { name: '404 unknown endpoint', path: '/endpoints/nope/invocations', body: { prompt: 'x' }, status: 404,
    check: (r) => assert.deepEqual(r.json, { detail:
      "The endpoint 'nope' is not present or active on the server. Please verify the endpoint name." }) },
  { name: '404 unknown path', method: 'GET', path: '/nope', status: 404,
    check: (r) => assert.deepEqual(r.json, { detail: 'Not Found' }) },
  { name: '405 wrong method', method: 'GET', path: '/endpoints/chat/invocations', status: 405,
    check: (r) => assert.equal(r.headers.get('allow'), 'POST') },
  { name: '400 malformed JSON', path: '/endpoints/chat/invocations', text: '{"messages": [}', status: 400,
    check: (r) => assert.match(r.json.detail, /^The request body is not valid JSON: parse error at line 1, column 15/) },
  { name: '422 validation names the field', path: '/endpoints/chat/invocations', body: { prompt: 'hi' },
    status: 422, check: (r) => assert.deepEqual(r.json.detail[0].loc, ['body', 'messages']) },
  { name: '422 on /v1 in OpenAI error shape', path: '/v1/chat/completions', status: 422,
    body: { model: 'chat', messages: HELLO, temperature: -1 },
    check: (r) => assert.equal(r.json.error.param, 'temperature') },
  { name: '400 wrong route type on /v1', path: '/v1/embeddings', body: { model: 'chat', input: 'x' }, status: 400,
    check: (r) => assert.equal(r.json.error.message, "Endpoint 'chat' is not an embeddings endpoint.") },
  { name: '413 for a streamed body over the cap (counted while reading)', path: '/endpoints/chat/invocations',
    text: 'x'.repeat(CAP_BYTES + 1), headers: { 'content-type': 'application/json' }, chunked: true, status: 413,
    check: (r) => assert.match(r.json.detail, /exceeds the gateway's limit of 65536 bytes/) },
  { name: '413 on /v1 in OpenAI error shape', path: '/v1/chat/completions', text: 'x'.repeat(CAP_BYTES + 1),
    status: 413, check: (r) => assert.equal(r.json.error.code, 'request_too_large') },
  { name: 'a body just under the cap is read', path: '/endpoints/chat/invocations',
    body: { prompt: 'x'.repeat(CAP_BYTES - 100) }, status: 422, check: () => {} },
];

function chunkedBody(text) {
  const bytes = new TextEncoder().encode(text);
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(sent, sent + 8192));
      sent += 8192;
    },
  });
}

async function runCase(host, fake, seen, c) {
  const before = fake.requests.length;
  let r;
  if (c.chunked) {
    const res = await fetch(`${host.url}${c.path}`, { method: 'POST', body: chunkedBody(c.text), duplex: 'half',
      headers: c.headers });
    r = { status: res.status, headers: res.headers, text: await res.text() };
    r.json = JSON.parse(r.text);
    seen.push(r.text);
    assert.match(res.headers.get('server-timing') ?? '', /^gw;dur=/);
  } else {
    r = await call(host, seen, c);
  }
  assert.equal(r.status, c.status ?? 200, `${c.name}: ${r.text}`);
  c.check?.(r);
  if (c.upstream) {
    assert.equal(fake.requests.length, before + 1, 'exactly one upstream request');
    assertUpstream(fake.last(), { ...c.upstream, headers: JSON_HEADERS });
  } else {
    assert.equal(fake.requests.length, before, 'no upstream request');
  }
}

/** Sends headers declaring a huge body, then a few bytes: the 413 must come without the rest. */
function declaredTooLarge(host) {
  const { hostname, port } = new URL(host.url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    let data = '';
    socket.setTimeout(5000, () => { socket.destroy(); reject(new Error('no 413 before the body was sent')); });
    socket.on('data', (d) => {
      data += d;
      if (data.includes('\r\n\r\n')) { socket.destroy(); resolve(data); }
    });
    socket.on('error', reject);
    socket.write(`POST /endpoints/chat/invocations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${20 * 1024 * 1024}\r\n\r\n{"messages":`);
  });
}

async function pageThrough(host, seen) {
  const names = [];
  let token = '';
  for (let i = 0; i < 10; i++) {
    const r = await call(host, seen, { method: 'GET',
      path: `/api/2.0/endpoints/${token ? `?page_token=${encodeURIComponent(token)}` : ''}` });
    assert.equal(r.status, 200);
    assert.ok(r.json.endpoints.length <= PAGE_SIZE);
    names.push(...r.json.endpoints.map((e) => e.name));
    token = r.json.next_page_token;
    if (!token) break;
  }
  return names;
}

/**
 * Defines the whole table for one host.
 * @param {string} name
 * @param {(options: {config: string, env: object}) => Promise<object>} startHost
 */
export function defineHostSuite(name, startHost) {
  describe(`HTTP API on ${name}`, () => {
    let fake;
    let host;
    const seen = [];
    before(async () => {
      fake = await startFakeProvider();
      host = await startHost({ config: httpConfig(fake.url), env: { OPENAI_API_KEY: KEY } });
    });
    after(async () => {
      await host?.stop();
      await fake?.close();
    });
    for (const c of [...LOCAL_CASES, ...UPSTREAM_CASES]) it(c.name, () => runCase(host, fake, seen, c));
    it('listing pagination walks every endpoint', async () => {
      assert.deepEqual(await pageThrough(host, seen), ['chat', 'completions', 'embeddings', 'slow-chat',
        'html-chat', 'limited-chat', 'xml-chat']);
    });
    it('413 on a declared Content-Length over the cap, without reading the body', async () => {
      assert.match(await declaredTooLarge(host), /^HTTP\/1\.1 413 /);
    });
    it('stream: true is streamed through as SSE (501 while the core lacks streaming)', async () => {
      const before = fake.requests.length;
      const r = await call(host, seen, { path: '/v1/chat/completions', body: { model: 'chat', messages: HELLO,
        stream: true } });
      if (r.status === 501) return;  // a core build without streaming: nothing reached the provider
      assert.equal(r.status, 200, r.text);
      assert.match(r.headers.get('content-type'), /^text\/event-stream/);
      assert.equal(fake.requests.length, before + 1);
      assert.equal(fake.last().body.stream, true);
      const events = r.text.split('\n\n').filter((e) => e.startsWith('data: {'));
      const text = events.map((e) => JSON.parse(e.slice(6)).choices?.[0]?.delta?.content ?? '').join('');
      assert.equal(text, 'Hello from fake');
    });
    it('no key in any response or log line; one log line per request', async () => {
      await new Promise((r) => setTimeout(r, 100));  // let batched log lines flush
      for (const text of seen) assert.ok(!text.includes(KEY), `key leaked in a response: ${text}`);
      const log = host.output();
      assert.ok(!log.includes(KEY), 'key leaked in the log');
      assert.match(log, /POST \/endpoints\/chat\/invocations 200 \d+\.\dms/);
      assert.match(log, /GET \/health 200 /);
    });
  });
}
