// examples/ (issue 8): every example config loads through the Wasm facade, the
// default config serves chat, completions, embeddings and a stream through the
// built-in mock provider with no key set, and the OpenAI/Anthropic routes
// appear only when their keys are set.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGateway, GatewayConfigError } from '../../bindings/index.mjs';
import { formatRouteTable, listRoutes } from '../../worker/node/route-table.mjs';

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));
const FAKE_KEYS = { OPENAI_API_KEY: 'sk-test-openai', ANTHROPIC_API_KEY: 'sk-ant-test' };
const encoder = new TextEncoder();
const decoder = new TextDecoder();

const read = (name) => fs.readFileSync(path.join(EXAMPLES, name), 'utf8');
const yamlExamples = () => fs.readdirSync(EXAMPLES).filter((f) => /\.ya?ml$/.test(f)).sort();

async function load(name, env = {}, options = {}) {
  return createGateway({ config: read(name), env, ...options });
}

async function post(gateway, target, body) {
  const res = await gateway.exchange({ method: 'POST', target,
    headers: [['content-type', 'application/json']], body: encoder.encode(JSON.stringify(body)) });
  const text = res.stream ? await new Response(res.stream).text() : decoder.decode(res.body);
  return { status: res.status, headers: new Map(res.headers), text,
    json: res.stream ? undefined : JSON.parse(text) };
}

async function routeNames(gateway) {
  return (await listRoutes(gateway)).map((r) => r.name);
}

// The JSON chunks of an SSE body, and whether it ended with [DONE].
function sseChunks(text) {
  const events = text.split('\n\n').filter(Boolean).map((e) => e.replace(/^data: /, ''));
  const done = events.at(-1) === '[DONE]';
  return { chunks: (done ? events.slice(0, -1) : events).map((e) => JSON.parse(e)), done };
}

const HELLO = { messages: [{ role: 'user', content: 'Hello!' }] };

describe('examples/*.yaml load and validate', () => {
  it('there are the three documented example configs', () => {
    for (const name of ['config.yaml', 'mlflow-seed.yaml', 'endpoints.yaml']) {
      assert.ok(yamlExamples().includes(name), name);
    }
  });

  for (const name of yamlExamples()) {
    it(`${name} loads with the provider keys set`, async () => {
      const gateway = await load(name, FAKE_KEYS);
      assert.ok((await listRoutes(gateway)).length > 0);
      gateway.close();
    });
  }

  it('mlflow-seed.yaml is an MLflow 2.5 `routes:` file: completions and embeddings on OpenAI', async () => {
    const gateway = await load('mlflow-seed.yaml', FAKE_KEYS);
    const res = await gateway.exchange({ method: 'GET', target: '/api/2.0/gateway/routes/', headers: [] });
    const routes = JSON.parse(decoder.decode(res.body)).routes;
    assert.deepEqual(routes.map((r) => [r.name, r.route_type, r.model.provider]), [
      ['completions', 'llm/v1/completions', 'openai'],
      ['embeddings', 'llm/v1/embeddings', 'openai'],
    ]);
    gateway.close();
  });

  it('endpoints.yaml has limits and a traffic-split route', async () => {
    const gateway = await load('endpoints.yaml', FAKE_KEYS);
    const routes = await listRoutes(gateway);
    const split = routes.find((r) => r.provider === 'traffic-split');
    assert.equal(split?.name, 'chat-split');
    assert.deepEqual(split.destinations.map((d) => d.traffic_percentage), [80, 20]);
    const res = await gateway.exchange({ method: 'GET', target: '/api/2.0/endpoints/chat', headers: [] });
    assert.deepEqual(JSON.parse(decoder.decode(res.body)).limit,
      { calls: 60, key: null, renewal_period: 'minute' });
    gateway.close();
  });

  for (const name of ['mlflow-seed.yaml', 'endpoints.yaml']) {
    it(`${name} without OPENAI_API_KEY fails with MLflow's message and the line`, async () => {
      await assert.rejects(load(name, {}), (error) => {
        assert.ok(error instanceof GatewayConfigError);
        assert.match(error.message, /Environment variable 'OPENAI_API_KEY' is not set/);
        const line = read(name).split('\n').findIndex((l) => l.includes('$OPENAI_API_KEY')) + 1;
        assert.equal(error.line, line);
        return true;
      });
    });
  }
});

describe('examples/config.yaml: the default of `npm start`', () => {
  it('starts with no key set: only the mock routes, the others disabled with a warning', async () => {
    const gateway = await load('config.yaml', {});
    assert.deepEqual(await routeNames(gateway), ['chat', 'completions', 'embeddings']);
    const warnings = gateway.warnings.map((w) => w.message).join('\n');
    assert.match(warnings, /Endpoint 'openai-chat' is disabled: environment variable 'OPENAI_API_KEY' is not set/);
    assert.match(warnings, /Endpoint 'anthropic-chat' is disabled/);
    gateway.close();
  });

  it('with OPENAI_API_KEY set the OpenAI routes appear (and only those)', async () => {
    const gateway = await load('config.yaml', { OPENAI_API_KEY: 'sk-test-openai' });
    assert.deepEqual(await routeNames(gateway), ['chat', 'completions', 'embeddings',
      'openai-chat', 'openai-completions', 'openai-embeddings']);
    gateway.close();
  });

  it('with ANTHROPIC_API_KEY set anthropic-chat appears', async () => {
    const gateway = await load('config.yaml', { ANTHROPIC_API_KEY: 'sk-ant-test' });
    assert.ok((await routeNames(gateway)).includes('anthropic-chat'));
    gateway.close();
  });

  it('the route table names routes, types and providers, never keys', async () => {
    const gateway = await load('config.yaml', FAKE_KEYS);
    const table = formatRouteTable(await listRoutes(gateway));
    assert.match(table, /^ {2}NAME +TYPE +PROVIDER +MODEL$/m);
    assert.match(table, /^ {2}chat +llm\/v1\/chat +mock +mock-chat$/m);
    assert.match(table, /^ {2}openai-chat +llm\/v1\/chat +openai +gpt-4o-mini$/m);
    for (const key of Object.values(FAKE_KEYS)) assert.ok(!table.includes(key));
    gateway.close();
  });

  it('answers chat, deterministically, with a text that is clearly not a model', async () => {
    const gateway = await load('config.yaml', {});
    const a = await post(gateway, '/endpoints/chat/invocations', HELLO);
    const b = await post(gateway, '/endpoints/chat/invocations', HELLO);
    assert.equal(a.status, 200, a.text);
    assert.equal(a.text, b.text);
    assert.match(a.json.choices[0].message.content, /^\[mock\] echo: Hello! #[0-9a-f]{8}$/);
    assert.equal(a.json.provider, 'mock');
    assert.deepEqual(Object.keys(a.json.usage), ['prompt_tokens', 'completion_tokens', 'total_tokens']);
    gateway.close();
  });

  it('answers completions and embeddings, on both API surfaces', async () => {
    const gateway = await load('config.yaml', {});
    const completion = await post(gateway, '/endpoints/completions/invocations', { prompt: 'Say hello' });
    assert.match(completion.json.choices[0].text, /^\[mock\] echo: Say hello #[0-9a-f]{8}$/);
    const v1 = await post(gateway, '/v1/completions', { model: 'completions', prompt: 'Say hello' });
    assert.equal(v1.json.choices[0].text, completion.json.choices[0].text);
    const embeddings = await post(gateway, '/endpoints/embeddings/invocations', { input: ['a', 'b', 'a'] });
    const vectors = embeddings.json.data.map((d) => d.embedding);
    assert.deepEqual(vectors.map((v) => v.length), [8, 8, 8]);
    assert.deepEqual(vectors[0], vectors[2]);
    assert.notDeepEqual(vectors[0], vectors[1]);
    assert.ok(Math.abs(Math.hypot(...vectors[0]) - 1) < 1e-5);
    const viaV1 = await post(gateway, '/v1/embeddings', { model: 'embeddings', input: 'a' });
    assert.deepEqual(viaV1.json.data[0].embedding, vectors[0]);
    gateway.close();
  });

  it('streams chat: the same text as SSE chunks, usage on the last one', async () => {
    const gateway = await load('config.yaml', {});
    const plain = await post(gateway, '/endpoints/chat/invocations', HELLO);
    const res = await post(gateway, '/endpoints/chat/invocations', { ...HELLO, stream: true });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/event-stream');
    const { chunks, done } = sseChunks(res.text);
    assert.equal(done, false, 'MLflow paths end without [DONE]');
    assert.ok(chunks.length > 2);
    assert.equal(chunks.map((c) => c.choices[0].delta.content ?? '').join(''),
      plain.json.choices[0].message.content);
    assert.equal(chunks.at(-1).choices[0].finish_reason, 'stop');
    assert.deepEqual(chunks.at(-1).usage, plain.json.usage);
    assert.ok(chunks.slice(0, -1).every((c) => c.usage === null));
    gateway.close();
  });

  it('streams completions on /v1, ending with [DONE]', async () => {
    const gateway = await load('config.yaml', {});
    const res = await post(gateway, '/v1/completions', { model: 'completions', prompt: 'hi', stream: true });
    const { chunks, done } = sseChunks(res.text);
    assert.equal(done, true);
    assert.equal(chunks[0].object, 'text_completion_chunk');
    assert.match(chunks.map((c) => c.choices[0].text).join(''), /^\[mock\] echo: hi #[0-9a-f]{8}$/);
    gateway.close();
  });
});

describe('mock provider settings through the Wasm facade', () => {
  const FLAKY = `endpoints:
  - name: flaky
    endpoint_type: llm/v1/chat
    model:
      provider: mock
      config: {fail_rate: 0.5, fail_status: 429, latency_ms: 40}
`;

  it('fail_rate is decided by the host-supplied random value', async () => {
    const low = await createGateway({ config: FLAKY, random: () => 0.1 });
    const failed = await post(low, '/endpoints/flaky/invocations', HELLO);
    assert.equal(failed.status, 429);
    assert.match(failed.json.detail, /^\[mock\] Simulated failure/);
    low.close();
    const high = await createGateway({ config: FLAKY, random: () => 0.9 });
    assert.equal((await post(high, '/endpoints/flaky/invocations', HELLO)).status, 200);
    high.close();
  });

  it('latency_ms delays the answer', async () => {
    const gateway = await createGateway({ config: FLAKY, random: () => 0.9 });
    const started = performance.now();
    await post(gateway, '/endpoints/flaky/invocations', HELLO);
    assert.ok(performance.now() - started >= 35);
    gateway.close();
  });
});
