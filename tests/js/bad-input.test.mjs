// The bad-input corpus (issue 7, tests/js/bad-input-cases.mjs) against the Node
// server and workerd: each case gets its specific 4xx and nothing else happens
// (no 5xx, nothing sent upstream, /health still answers). Plus header-injection
// attempts in config values, through the core (createGateway) and a host.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { createGateway } from '../../bindings/index.mjs';
import { startFakeProvider } from './fake-provider.mjs';
import { httpConfig } from './http-cases.mjs';
import { startNodeHost, startWorkerdHost } from './hosts.mjs';
import { BAD_INPUT_CASES, CAP } from './bad-input-cases.mjs';

const KEY = 'sk-bad-input-secret-42';

/** A raw HTTP request (node:http: the path is sent as written, no `..` normalisation). */
function raw(url, { method = 'POST', path, text, body, headers = {}, chunked = false }) {
  const payload = body ?? (text === undefined ? undefined : Buffer.from(text, 'utf8'));
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}${path}`, { method, path, agent: false,
      headers: { 'content-type': 'application/json', ...headers,
        ...(payload && !chunked ? { 'content-length': payload.length } : {}) } }, (res) => {
      const parts = [];
      res.on('data', (c) => parts.push(c));
      res.on('end', () => {
        const textOut = Buffer.concat(parts).toString('utf8');
        let json;
        try { json = JSON.parse(textOut); } catch { json = undefined; }
        resolve({ status: res.statusCode, headers: res.headers, text: textOut, json });
      });
    });
    req.setTimeout(15000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    if (payload && chunked) {
      for (let i = 0; i < payload.length; i += 64 * 1024) req.write(payload.subarray(i, i + 64 * 1024));
      req.end();
    } else {
      req.end(payload);
    }
  });
}

function suite(label, start) {
  describe(`bad input: ${label} (${BAD_INPUT_CASES.length} cases)`, () => {
    let provider;
    let host;
    before(async () => {
      provider = await startFakeProvider();
      host = await start({ config: httpConfig(provider.url), env: { OPENAI_API_KEY: KEY } });
    });
    after(async () => {
      await host?.stop();
      await provider?.close();
    });
    for (const c of BAD_INPUT_CASES) {
      it(c.name, async () => {
        const before = provider.requests.length;
        const r = await raw(host.url, c);
        const allowed = Array.isArray(c.status) ? c.status : [c.status];
        assert.ok(allowed.includes(r.status), `status ${r.status}: ${r.text.slice(0, 300)}`);
        if (r.status !== 200) {
          assert.equal(provider.requests.length, before, 'a bad request reached the provider');
          assert.ok(r.json !== undefined, `not a JSON error body: ${r.text.slice(0, 200)}`);
        }
        if (c.check) assert.ok(c.check(r), `detail: ${r.text.slice(0, 300)}`);
        assert.ok(!r.text.includes(KEY) && !JSON.stringify(r.headers).includes(KEY), 'key leaked');
        const health = await raw(host.url, { method: 'GET', path: '/health' });
        assert.equal(health.status, 200, 'the host stopped serving');
      });
    }
    it('no key in the host output', () => assert.ok(!host.output().includes(KEY)));
  });
}

suite('the Node server', (o) => startNodeHost({ ...o, args: ['--max-body-size', String(CAP)] }));
suite('workerd', (o) => startWorkerdHost({ ...o, env: { ...o.env, MAX_BODY_BYTES: String(CAP) } }));

// Header injection through config values: the core must reject the config at
// load, or never emit a header name/value or URL with CR, LF or NUL.
const INJECT = '\r\nX-Injected: 1';
export const INJECTION_CASES = [
  ['model name', { provider: 'openai', name: `gpt-4o${INJECT}`, config: { openai_api_key: 'sk-a' } }],
  ['openai_api_base', { provider: 'openai', name: 'gpt-4o',
    config: { openai_api_key: 'sk-a', openai_api_base: `http://127.0.0.1:9/v1${INJECT}` } }],
  ['openai_api_key', { provider: 'openai', name: 'gpt-4o', config: { openai_api_key: `sk-a${INJECT}` } }],
  ['openai_organization', { provider: 'openai', name: 'gpt-4o',
    config: { openai_api_key: 'sk-a', openai_organization: `org${INJECT}` } }],
  ['anthropic_api_key', { provider: 'anthropic', name: 'claude-3', config: { anthropic_api_key: `k${INJECT}` } }],
];
const BAD_CHAR = /[\r\n\0]/;

describe(`header injection in config values, through the core (${INJECTION_CASES.length} cases)`, () => {
  for (const [name, model] of INJECTION_CASES) {
    // The config loader rejects CR, LF and NUL in config values (they become header values
    // and URLs upstream).
    it(`${name}: rejected at load or no CR/LF in any upstream header or URL`, async () => {
      const seen = [];
      let gw;
      try {
        gw = await createGateway({ config: { endpoints: [{ name: 'c', endpoint_type: 'llm/v1/chat', model }] },
          transport: async (req) => {
            seen.push(req);
            return { status: 200, headers: [['content-type', 'application/json']], body: new TextEncoder().encode('{}') };
          } });
      } catch (error) {
        assert.match(error.constructor.name, /ConfigError/);
        return;  // rejected at load
      }
      const res = await gw.handle(new Request('http://x/endpoints/c/invocations', { method: 'POST',
        headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messages: [{ role: 'user', content: 'hi' }] }) }));
      for (const [k, v] of res.headers) assert.ok(!BAD_CHAR.test(k + v), `response header ${k}`);
      for (const req of seen) {
        assert.ok(!BAD_CHAR.test(req.url), `upstream URL ${JSON.stringify(req.url)}`);
        for (const [k, v] of req.headers) assert.ok(!BAD_CHAR.test(k) && !BAD_CHAR.test(v), `upstream header ${k}: ${JSON.stringify(v)}`);
      }
    });
  }

  it('issue 7: a CR/LF key stops the Node host at load, naming the key but not its value', async () => {
    const provider = await startFakeProvider();
    try {
      await assert.rejects(startNodeHost({ config: httpConfig(provider.url), env: { OPENAI_API_KEY: `sk-a${INJECT}` } }),
        (error) => /contains a line break or NUL character/.test(error.message) && !error.message.includes('sk-a'));
      assert.equal(provider.requests.length, 0);
    } finally {
      await provider.close();
    }
  });
});
