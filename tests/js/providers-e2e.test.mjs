// One end-to-end test per provider (issue 4): a conformance case of each provider
// folder, sent through the Node server and through the worker in real workerd to a
// fake provider on loopback that checks the upstream request and answers with the
// fixture's upstream response; the client must get the fixture's response.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CONFORMANCE_ROOT, caseConfig } from './conformance-runner.mjs';
import { startNodeHost, startWorkerdHost } from './hosts.mjs';

const readJson = (p) => JSON.parse(readFileSync(p, 'utf8'));
const BASE_KEYS = /^(\s+)(api_base|openai_api_base|hf_server_url|model_server_url|mosaicml_api_base):.*$/gm;
const SKIP = new Set(['metadata', 'mock']);  // no upstream

/** The first plain (single request, JSON, 200, default config, non-Azure) case of a provider. */
function pickCase(provider) {
  for (const name of readdirSync(join(CONFORMANCE_ROOT, provider)).sort()) {
    const dir = join(CONFORMANCE_ROOT, provider, name);
    if (!existsSync(join(dir, 'upstream_request.json')) || !existsSync(join(dir, 'upstream_response.json'))) continue;
    if (existsSync(join(dir, 'meta.json')) && readJson(join(dir, 'meta.json')).config) continue;
    const upstream = readJson(join(dir, 'upstream_request.json'));
    const response = readJson(join(dir, 'response.json'));
    if (Array.isArray(upstream) || response.status !== 200 || /azure/.test(upstream.url)) continue;
    return `${provider}/${name}`;
  }
  return undefined;
}

/** Points every endpoint of a fixture config at `base`. */
function rebase(config, base) {
  return config
    .replace(BASE_KEYS, `$1$2: ${base}`)
    .replace(/^(\s*)config:\s*\{\s*\}\s*$/gm, `$1config: {api_base: ${base}}`)
    .replace(/^(\s*)config:\s*$/gm, `$1config:\n$1  api_base: ${base}`);
}

const cases = readdirSync(CONFORMANCE_ROOT).filter((p) => !SKIP.has(p) && !p.endsWith('.json')).map(pickCase).filter(Boolean);
let fake;
let answer;
const seen = [];

before(async () => {
  fake = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      seen.push({ method: req.method, path: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const r = answer;
      res.writeHead(r.status ?? 200, r.headers ?? { 'content-type': 'application/json' });
      res.end('body_text' in r ? r.body_text : JSON.stringify(r.body));
    });
  });
  await new Promise((resolve) => fake.listen(0, '127.0.0.1', resolve));
});
after(() => new Promise((resolve) => fake.close(resolve)));

function checkUpstream(expected, got) {
  assert.equal(got.method, expected.method ?? 'POST');
  const want = new URL(expected.url);
  const lastSegment = decodeURIComponent(want.pathname.split('/').pop());
  assert.equal(decodeURIComponent(got.path.split('?')[0].split('/').pop()), lastSegment, `upstream path ${got.path}`);
  assert.equal(new URL(got.path, 'http://x').search, want.search);
  try {
    if ('body_text' in expected) assert.equal(got.body, expected.body_text);  // exact bytes (native lane)
    else assert.deepEqual(JSON.parse(got.body), expected.body);
  } catch (error) {
    if (typeof expected.body === 'string') assert.equal(got.body, expected.body); else throw error;
  }
  for (const [name, value] of Object.entries(expected.headers ?? {})) {
    if (name === 'host' || name.startsWith('x-amz-') || name === 'authorization' && !value.startsWith('Bearer')) continue;
    assert.equal(got.headers[name], value, `upstream header ${name}`);
  }
}

for (const [hostName, start] of [['node', startNodeHost], ['workerd', startWorkerdHost]]) {
  test(`every provider end to end through the ${hostName} host`, async (t) => {
    assert.ok(cases.length >= 15, `found ${cases.length} provider cases`);
    for (const name of cases) {
      await t.test(name, async () => {
        const provider = name.split('/')[0];
        const c = caseConfig(name);
        const host = await start({ config: rebase(c.config, `http://127.0.0.1:${fake.address().port}/${provider}`), env: c.env });
        try {
          const request = readJson(join(c.dir, 'request.json'));
          answer = readJson(join(c.dir, 'upstream_response.json'));
          seen.length = 0;
          const res = await fetch(host.url + request.path, { method: request.method ?? 'POST',
            headers: { 'content-type': 'application/json', ...request.headers },
            body: 'body_text' in request ? request.body_text : JSON.stringify(request.body) });
          const expected = readJson(join(c.dir, 'response.json'));
          const text = await res.text();
          const body = JSON.parse(text);
          assert.equal(seen.length, 1, 'exactly one upstream request');
          checkUpstream(readJson(join(c.dir, 'upstream_request.json')), seen[0]);
          assert.equal(res.status, expected.status);
          if (expected.body && typeof expected.body === 'object' && 'created' in expected.body && 'created' in body) {
            body.created = expected.body.created;  // gateway time where the provider sends none
          }
          if (expected.body && typeof expected.body === 'object' && typeof expected.body.id === 'string' && /\d{9,}/.test(expected.body.id)) {
            body.id = expected.body.id;  // ids derived from the gateway's clock
          }
          if ('body_text' in expected) assert.equal(text, expected.body_text);
          else assert.deepEqual(body, expected.body);
        } finally {
          await host.stop();
        }
      });
    }
  });
}
