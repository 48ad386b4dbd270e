// Traffic policy through the Wasm build and the JS exchange loop (issue 5):
// rate limits on every path, retries and fallback (plain and streamed),
// the circuit breaker, gateway keys with host-side SHA-256, and the limiter's
// failure mode. Upstreams are a scripted in-process transport.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { BreakerStore, createGateway, MemoryRateLimitStore } from '../../bindings/index.mjs';
import { call, chatEvents, errorJson, json, chatAnswer, openaiEndpoint, scriptedTransport, sse } from './policy-helpers.mjs';

const LIMITED = `endpoints:
${openaiEndpoint('chat', '    limit: {calls: 3, renewal_period: minute}\n')}${openaiEndpoint('free')}
routes:
  - name: split
    task_type: llm/v1/chat
    destinations:
      - {name: chat, traffic_percentage: 100}
`;

async function gatewayFor(config, script = {}, options = {}) {
  const transport = scriptedTransport(script);
  const gateway = await createGateway({ config, transport: transport.send, ...options });
  return { gateway, calls: transport.calls };
}

test('a route limited to N calls a minute lets exactly N through across /gateway, /endpoints, /v1 and traffic routes', async () => {
  const { gateway, calls } = await gatewayFor(LIMITED);
  const targets = ['/gateway/chat/invocations', '/endpoints/chat/invocations', '/v1/chat/completions',
    '/gateway/split/invocations', '/v1/chat/completions'];
  const results = [];
  for (const target of targets) {
    results.push(await call(gateway, target, { body: { model: target.startsWith('/v1') ? 'chat' : undefined,
      messages: [{ role: 'user', content: 'hi' }] } }));
  }
  assert.deepEqual(results.map((r) => r.status), [200, 200, 200, 429, 429]);
  assert.equal(calls.length, 3);
  assert.equal(results[0].headers['x-ratelimit-limit'], '3');
  assert.equal(results[0].headers['x-ratelimit-remaining'], '2');
  assert.equal(results[2].headers['x-ratelimit-remaining'], '0');
  assert.match(results[0].headers['x-ratelimit-reset'], /^\d{10}$/);
  assert.deepEqual(results[3].json, { error: 'Rate limit exceeded: 3 per 1 minute' });
  assert.ok(Number(results[3].headers['retry-after']) >= 1);
  assert.equal(results[4].json.error.type, 'rate_limit_error');
  // Another client has its own counter; unlimited routes carry no limit headers.
  assert.equal((await call(gateway, '/gateway/chat/invocations', { clientKey: '10.0.0.2' })).status, 200);
  const free = await call(gateway, '/gateway/free/invocations');
  assert.equal(free.status, 200);
  assert.equal(free.headers['x-ratelimit-limit'], undefined);
  gateway.close();
});

test('the window renews after the renewal period (injected clock), and survives a hot reload', async () => {
  let now = 1_700_000_000_000;
  const { gateway } = await gatewayFor(LIMITED, {}, { now: () => now });
  for (let i = 0; i < 3; i++) assert.equal((await call(gateway, '/gateway/chat/invocations')).status, 200);
  assert.equal((await call(gateway, '/gateway/chat/invocations')).status, 429);
  gateway.reload({ config: LIMITED });
  assert.equal((await call(gateway, '/gateway/chat/invocations')).status, 429, 'counters are the host\'s, kept across reloads');
  now += 60_000;
  assert.equal((await call(gateway, '/gateway/chat/invocations')).status, 200);
  gateway.close();
});

test('limited mock endpoints (answered inside the core) are limited too', async () => {
  const config = 'endpoints:\n  - name: m\n    endpoint_type: llm/v1/chat\n    model: {provider: mock}\n' +
    '    limit: {calls: 2, renewal_period: hour}\n';
  const { gateway } = await gatewayFor(config);
  const statuses = [];
  for (let i = 0; i < 4; i++) statuses.push((await call(gateway, '/endpoints/m/invocations')).status);
  assert.deepEqual(statuses, [200, 200, 429, 429]);
  gateway.close();
});

test('a failing limiter lets requests through and is reported', async () => {
  const errors = [];
  const limiter = { hit: async () => { throw new Error('store down'); } };
  const { gateway } = await gatewayFor(LIMITED, {}, { limiter, onLimiterError: (e, key) => errors.push([e.message, key]) });
  for (let i = 0; i < 5; i++) assert.equal((await call(gateway, '/gateway/chat/invocations')).status, 200);
  assert.deepEqual(errors[0], ['store down', 'chat:ip:10.0.0.1']);
  gateway.close();
});

const CHAIN = `endpoints:
${openaiEndpoint('chat', '    retries: {attempts: 2, on: [429, 5xx], backoff_ms: 10}\n    fallbacks: [backup]\n')}${openaiEndpoint('backup')}`;

test('retries, then falls back, and says so in x-gateway-attempts and x-gateway-attempt-history', async () => {
  const { gateway, calls } = await gatewayFor(CHAIN, { chat: [errorJson(503)], backup: [json(200, chatAnswer('from backup'))] });
  const r = await call(gateway, '/gateway/chat/invocations');
  assert.equal(r.status, 200);
  assert.equal(r.json.choices[0].message.content, 'from backup');
  assert.deepEqual(calls, ['chat', 'chat', 'backup']);
  assert.equal(r.headers['x-gateway-endpoint'], 'backup');
  assert.equal(r.headers['x-gateway-attempts'], '3');
  assert.equal(r.headers['x-gateway-attempt-history'], 'chat:503,chat:503,backup:200');
  gateway.close();
});

test('the final error is the last attempt\'s; no retry or fallback after a 4xx', async () => {
  let g = await gatewayFor(CHAIN, { chat: [errorJson(503)], backup: [errorJson(502)] });
  let r = await call(g.gateway, '/v1/chat/completions', { body: { model: 'chat', messages: [{ role: 'user', content: 'x' }] } });
  assert.equal(r.status, 502);
  assert.equal(r.json.error.message, 'upstream 502');
  assert.equal(r.headers['x-gateway-attempt-history'], 'chat:503,chat:503,backup:502');
  g.gateway.close();
  g = await gatewayFor(CHAIN, { chat: [errorJson(400)] });
  r = await call(g.gateway, '/gateway/chat/invocations');
  assert.equal(r.status, 400);
  assert.deepEqual(g.calls, ['chat']);
  g.gateway.close();
});

test('an upstream Retry-After is waited for', async () => {
  const config = `endpoints:\n${openaiEndpoint('chat', '    retries: {attempts: 2, on: [429]}\n')}`;
  const { gateway, calls } = await gatewayFor(config, { chat: [errorJson(429, [['retry-after-ms', '300']]), json(200, chatAnswer())] });
  const start = performance.now();
  const r = await call(gateway, '/gateway/chat/invocations');
  assert.equal(r.status, 200);
  assert.ok(performance.now() - start >= 290, 'waited for retry-after-ms');
  assert.deepEqual(calls, ['chat', 'chat']);
  gateway.close();
});

test('the circuit breaker skips a failing endpoint for its cool-down', async () => {
  let now = 1_700_000_000_000;
  const breaker = new BreakerStore();
  const config = `endpoints:\n${openaiEndpoint('chat', '    fallbacks: [backup]\n')}${openaiEndpoint('backup')}`;
  const { gateway, calls } = await gatewayFor(config, { chat: [errorJson(500)] }, { breaker, now: () => now });
  for (let i = 0; i < 3; i++) assert.equal((await call(gateway, '/gateway/chat/invocations')).status, 200);
  assert.deepEqual(calls, ['chat', 'backup', 'chat', 'backup', 'chat', 'backup']);
  assert.deepEqual(breaker.entries(), [['chat', 3, now + 30_000]]);
  calls.length = 0;
  const skipped = await call(gateway, '/gateway/chat/invocations');
  assert.deepEqual(calls, ['backup'], 'open: straight to the fallback');
  assert.equal(skipped.headers['x-gateway-attempt-history'], 'backup:200');
  now += 30_000;  // half-open: chat is tried again
  calls.length = 0;
  await call(gateway, '/gateway/chat/invocations');
  assert.deepEqual(calls, ['chat', 'backup']);
  gateway.close();
});

const STREAM_BODY = { messages: [{ role: 'user', content: 'hi' }], stream: true };

test('streams fall over before the first byte: on an error status and on a failure before any content', async () => {
  const { gateway, calls } = await gatewayFor(CHAIN, {
    chat: [errorJson(503), () => sse(chatEvents('never'), 0)],
    backup: [() => sse(chatEvents('from backup'))],
  });
  const r = await call(gateway, '/endpoints/chat/invocations', { body: STREAM_BODY });
  assert.equal(r.status, 200);
  assert.deepEqual(calls, ['chat', 'chat', 'backup']);
  assert.match(r.text, /from backup/);
  assert.doesNotMatch(r.text, /never|error/);
  assert.equal(r.headers['content-type'], 'text/event-stream');
  assert.equal(r.headers['x-gateway-attempts'], '3');
  assert.equal(r.headers['x-gateway-attempt-history'], 'chat:503,chat:unreachable,backup:200');
  gateway.close();
});

test('a stream that fails after content ends with an error event, never a retry that duplicates output', async () => {
  const { gateway, calls } = await gatewayFor(CHAIN, { chat: [() => sse(chatEvents('partial'), 2)] });
  const r = await call(gateway, '/endpoints/chat/invocations', { body: STREAM_BODY });
  assert.equal(r.status, 200);
  assert.deepEqual(calls, ['chat']);
  assert.match(r.text, /partial/);
  assert.match(r.text, /"error"/);
  gateway.close();
});

test('without a fallback, a stream failing before content is answered as before (error event)', async () => {
  const config = `endpoints:\n${openaiEndpoint('chat')}`;
  const { gateway, calls } = await gatewayFor(config, { chat: [() => sse(chatEvents('x'), 0)] });
  const r = await call(gateway, '/endpoints/chat/invocations', { body: STREAM_BODY });
  assert.equal(r.status, 200);
  assert.deepEqual(calls, ['chat']);
  assert.match(r.text, /"error"/);
  gateway.close();
});

const sha256 = (text) => createHash('sha256').update(text).digest('hex');
const AUTH = `endpoints:
${openaiEndpoint('chat', '    limit: {calls: 1, renewal_period: minute}\n')}${openaiEndpoint('other')}
auth:
  keys:
    - {name: team, key: $TEAM_KEY}
    - {name: ci, sha256: ${sha256('ci-secret')}, routes: [chat]}
`;

test('gateway keys: 401 without or with a wrong key, 403 outside the key\'s routes, hashed keys via WebCrypto', async () => {
  const { gateway, calls } = await gatewayFor(AUTH, {}, { env: { TEAM_KEY: 'team-secret' } });
  const bearer = (key) => [['Authorization', `Bearer ${key}`]];
  let r = await call(gateway, '/gateway/chat/invocations');
  assert.equal(r.status, 401);
  assert.equal(r.headers['www-authenticate'], 'Bearer');
  assert.match(r.json.detail, /Missing gateway key/);
  r = await call(gateway, '/v1/chat/completions', { headers: bearer('nope'), body: { model: 'chat', messages: [{ role: 'user', content: 'x' }] } });
  assert.equal(r.status, 401);
  assert.equal(r.json.error.type, 'authentication_error');
  r = await call(gateway, '/gateway/other/invocations', { headers: bearer('ci-secret') });
  assert.equal(r.status, 403);
  assert.equal(r.json.detail, "The gateway key 'ci' may not use 'other'.");
  assert.equal((await call(gateway, '/gateway/chat/invocations', { headers: bearer('ci-secret') })).status, 200);
  // The hash itself is not a key.
  assert.equal((await call(gateway, '/gateway/chat/invocations', { headers: bearer(sha256('ci-secret')) })).status, 401);
  assert.equal((await call(gateway, '/gateway/other/invocations', { headers: bearer('team-secret') })).status, 200);
  assert.equal((await call(gateway, '/health', { method: 'GET' })).status, 200);
  assert.equal((await call(gateway, '/api/2.0/endpoints/', { method: 'GET' })).status, 401);
  assert.deepEqual(calls, ['chat', 'other']);
  gateway.close();
});

test('gateway keys as x-api-key (how Anthropic clients send them), hashed keys included', async () => {
  const { gateway, calls } = await gatewayFor(AUTH, {}, { env: { TEAM_KEY: 'team-secret' } });
  const apiKey = (key) => [['X-Api-Key', key]];
  assert.equal((await call(gateway, '/gateway/chat/invocations', { headers: apiKey('ci-secret') })).status, 200);
  assert.equal((await call(gateway, '/gateway/other/invocations', { headers: apiKey('team-secret') })).status, 200);
  assert.equal((await call(gateway, '/gateway/other/invocations', { headers: apiKey('nope') })).status, 401);
  // A bearer token wins over x-api-key, as in the core.
  const both = [['authorization', 'Bearer nope'], ['x-api-key', 'team-secret']];
  assert.equal((await call(gateway, '/gateway/other/invocations', { headers: both })).status, 401);
  assert.deepEqual(calls, ['chat', 'other']);
  gateway.close();
});

test('with auth on, limits count per gateway key, not per IP', async () => {
  const { gateway } = await gatewayFor(AUTH, {}, { env: { TEAM_KEY: 'team-secret' } });
  const bearer = (key) => [['authorization', `Bearer ${key}`]];
  assert.equal((await call(gateway, '/gateway/chat/invocations', { headers: bearer('team-secret'), clientKey: '1.1.1.1' })).status, 200);
  assert.equal((await call(gateway, '/gateway/chat/invocations', { headers: bearer('team-secret'), clientKey: '2.2.2.2' })).status, 429);
  assert.equal((await call(gateway, '/gateway/chat/invocations', { headers: bearer('ci-secret'), clientKey: '1.1.1.1' })).status, 200);
  gateway.close();
});

test('MemoryRateLimitStore: fixed windows opened by the first hit, bounded key count', async () => {
  const store = new MemoryRateLimitStore({ maxKeys: 2 });
  assert.deepEqual(await store.hit('a', 1000, 5000), { count: 1, windowStartMs: 5000 });
  assert.deepEqual(await store.hit('a', 1000, 5999), { count: 2, windowStartMs: 5000 });
  assert.deepEqual(await store.hit('a', 1000, 6000), { count: 1, windowStartMs: 6000 });
  await store.hit('b', 1000, 6000);
  await store.hit('c', 1000, 6000);
  assert.ok(store.windows.size <= 2);
});
