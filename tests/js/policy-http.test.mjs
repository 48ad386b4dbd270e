// Traffic policy over HTTP on BOTH hosts (issue 5): the Node server and the
// worker in real workerd, with the fake and the faulty provider on loopback.
// Gateway keys (plain and SHA-256, hashed by each host with WebCrypto), a limit
// keyed by gateway key, fallback with attempt headers, and streamed fallback
// before the first byte vs. an error event after it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startFakeProvider } from './fake-provider.mjs';
import { startFaultProvider } from './fault-provider.mjs';
import { startNodeHost, startWorkerdHost } from './hosts.mjs';

const TEAM_KEY = 'gw-team-key-0123456789';
const CI_KEY = 'gw-ci-key-abcdef';
const HELLO = [{ role: 'user', content: 'Hello' }];
const sha256 = (text) => createHash('sha256').update(text).digest('hex');

function endpoint(name, model, base, extra = '') {
  return `  - name: ${name}
    endpoint_type: llm/v1/chat
    model:
      provider: openai
      name: ${model}
      config:
        openai_api_key: sk-upstream-0000
        openai_api_base: ${base}/v1
${extra}`;
}

function config(fake, fault) {
  return `endpoints:
${endpoint('chat', 'gpt-4o-mini', fake, '    limit: {calls: 2, renewal_period: minute}\n')}${
  endpoint('flaky', 'rate-limited', fake, '    fallbacks: [backup]\n')}${
  endpoint('reset', 'fault-reset', fault, '    fallbacks: [backup]\n')}${
  endpoint('trunc', 'fault-truncsse', fault, '    fallbacks: [backup]\n')}${
  endpoint('backup', 'gpt-4o-mini', fake)}
auth:
  keys:
    - {name: team, key: $TEAM_KEY}
    - {name: ci, sha256: ${sha256(CI_KEY)}, routes: [chat]}
`;
}

async function post(host, path, body, key) {
  const res = await fetch(`${host.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: res.status, headers: res.headers, text, json };
}

const streamText = (text) => text.split('\n\n').filter((e) => e.startsWith('data: {'))
  .map((e) => JSON.parse(e.slice(6)).choices?.[0]?.delta?.content ?? '').join('');

function definePolicySuite(name, startHost) {
  describe(`traffic policy over HTTP on ${name}`, () => {
    let fake;
    let fault;
    let host;
    before(async () => {
      fake = await startFakeProvider();
      fault = await startFaultProvider();
      host = await startHost({ config: config(fake.url, fault.url), env: { TEAM_KEY } });
    });
    after(async () => {
      await host?.stop();
      await fake?.close();
      await fault?.close();
    });

    it('401 without a key or with a wrong one, in each surface\'s shape; /health stays open', async () => {
      let r = await post(host, '/endpoints/chat/invocations', { messages: HELLO });
      assert.equal(r.status, 401);
      assert.equal(r.headers.get('www-authenticate'), 'Bearer');
      assert.match(r.json.detail, /Missing gateway key/);
      r = await post(host, '/v1/chat/completions', { model: 'chat', messages: HELLO }, 'wrong');
      assert.equal(r.status, 401);
      assert.equal(r.json.error.message, 'Invalid gateway key.');
      assert.equal((await fetch(`${host.url}/health`)).status, 200);
    });

    it('a hashed key works (the host hashes the token) and is refused outside its routes (403)', async () => {
      const r = await post(host, '/endpoints/backup/invocations', { messages: HELLO }, CI_KEY);
      assert.equal(r.status, 403);
      assert.equal(r.json.detail, "The gateway key 'ci' may not use 'backup'.");
      const ok = await post(host, '/gateway/chat/invocations', { messages: HELLO }, CI_KEY);
      assert.equal(ok.status, 200, ok.text);
      assert.equal(ok.headers.get('x-ratelimit-limit'), '2');
      // The provider got its own key, never the gateway key.
      assert.equal(fake.last().headers.authorization, 'Bearer sk-upstream-0000');
    });

    it('the limit counts per gateway key across paths', async () => {
      const team = [await post(host, '/gateway/chat/invocations', { messages: HELLO }, TEAM_KEY),
        await post(host, '/v1/chat/completions', { model: 'chat', messages: HELLO }, TEAM_KEY),
        await post(host, '/endpoints/chat/invocations', { messages: HELLO }, TEAM_KEY)];
      assert.deepEqual(team.map((r) => r.status), [200, 200, 429]);
      assert.deepEqual(team[2].json, { error: 'Rate limit exceeded: 2 per 1 minute' });
      assert.equal(team[2].headers.get('x-ratelimit-remaining'), '0');
      assert.ok(Number(team[2].headers.get('retry-after')) >= 1);
      // ci used one call of its own window in the previous case.
      assert.equal((await post(host, '/endpoints/chat/invocations', { messages: HELLO }, CI_KEY)).status, 200);
      assert.equal((await post(host, '/endpoints/chat/invocations', { messages: HELLO }, CI_KEY)).status, 429);
    });

    it('an upstream 429 falls back to the next endpoint, and the headers say so', async () => {
      const r = await post(host, '/endpoints/flaky/invocations', { messages: HELLO }, TEAM_KEY);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.headers.get('x-gateway-endpoint'), 'backup');
      assert.equal(r.headers.get('x-gateway-attempts'), '2');
      assert.equal(r.headers.get('x-gateway-attempt-history'), 'flaky:429,backup:200');
    });

    it('a stream whose upstream fails before the first byte falls over; the client sees one clean stream', async () => {
      const r = await post(host, '/v1/chat/completions', { model: 'reset', messages: HELLO, stream: true }, TEAM_KEY);
      assert.equal(r.status, 200, r.text);
      assert.match(r.headers.get('content-type'), /^text\/event-stream/);
      assert.equal(r.headers.get('x-gateway-attempt-history'), 'reset:unreachable,backup:200');
      assert.equal(streamText(r.text), 'Hello from fake');
      assert.doesNotMatch(r.text, /"error"/);
    });

    it('a stream that fails after content ends with an error event and is not retried', async () => {
      const before = fake.requests.length;
      const r = await post(host, '/v1/chat/completions', { model: 'trunc', messages: HELLO, stream: true }, TEAM_KEY);
      assert.equal(r.status, 200);
      assert.equal(streamText(r.text), 'Hel');
      assert.match(r.text, /data: \{"error"/);
      assert.equal(fake.requests.length, before, 'no fallback call after content was sent');
    });
  });
}

definePolicySuite('the Node server', (options) => startNodeHost({ ...options, args: ['--quiet'] }));
definePolicySuite('the worker in workerd', startWorkerdHost);
