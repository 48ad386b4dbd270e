// The in-process API: createGateway with YAML text or an object (JSON flow style
// through the config YAML reader), query/stream/routes/handle, typed errors.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { configToYaml, createGateway, GatewayConfigError, GatewayHttpError, parseSse } from '../../bindings/index.mjs';
import { MOCK_CONFIG } from './mock-config.mjs';

const OBJECT = { endpoints: [
  { name: 'chat', endpoint_type: 'llm/v1/chat', model: { provider: 'mock', name: 'mock-chat' } },
  { name: 'completions', endpoint_type: 'llm/v1/completions', model: { provider: 'mock', name: 'mock-completions' } },
  { name: 'embeddings', endpoint_type: 'llm/v1/embeddings',
    model: { provider: 'mock', name: 'mock-embeddings', config: { embedding_dimensions: 8 } } },
] };
const chat = (content) => ({ messages: [{ role: 'user', content }] });

test('an object config loads like the same YAML text', async () => {
  const fromYaml = await createGateway({ config: MOCK_CONFIG });
  const fromObject = await createGateway({ config: OBJECT });
  assert.deepEqual(await fromObject.routes(), await fromYaml.routes());
  const a = await fromYaml.query('embeddings', { input: ['x'] });
  const b = await fromObject.query('embeddings', { input: ['x'] });
  assert.deepEqual(a.data, b.data);
  assert.equal(a.data[0].embedding.length, 8);
  assert.match(configToYaml({ a: 'quote " and \n newline', b: undefined }), /^\{\n {2}"a": "quote \\" and \\n newline"\n\}\n$/);
  assert.throws(() => configToYaml({ n: Infinity }), /finite/);
  await assert.rejects(createGateway({ config: 42 }), TypeError);
});

test('query, stream, routes, handle', async () => {
  const gw = await createGateway({ config: OBJECT });
  assert.deepEqual((await gw.routes()).map((r) => [r.name, r.endpointType, r.provider]), [
    ['chat', 'llm/v1/chat', 'mock'], ['completions', 'llm/v1/completions', 'mock'],
    ['embeddings', 'llm/v1/embeddings', 'mock']]);
  assert.match((await gw.query('chat', chat('hi'))).choices[0].message.content, /^\[mock\] echo: hi/);
  const parts = [];
  for await (const chunk of gw.stream('completions', { prompt: 'stream me' })) parts.push(chunk.choices[0].text);
  assert.ok(parts.length > 1);
  assert.match(parts.join(''), /^\[mock\] echo: stream me/);
  const res = await gw.handle(new Request('http://x/endpoints/chat/invocations', { method: 'POST',
    headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...chat('sse'), stream: true }) }));
  const chunks = [];
  for await (const chunk of parseSse(res.body)) chunks.push(chunk);
  assert.ok(chunks.length > 1);
});

test('typed errors: GatewayHttpError from query and stream, GatewayConfigError with a position', async () => {
  const gw = await createGateway({ config: OBJECT });
  const error = await gw.query('chat', { ...chat('x'), temperature: 5 }).catch((e) => e);
  assert.ok(error instanceof GatewayHttpError);
  assert.equal(error.status, 422);
  assert.equal(error.detail[0].loc.at(-1), 'temperature');
  await assert.rejects(async () => { for await (const _ of gw.stream('missing', chat('x'))); }, { status: 404 });
  const bad = await createGateway({ config: 'endpoints:\n  - name: x\n    endpoint_type: llm/v1/nope\n' })
    .catch((e) => e);
  assert.ok(bad instanceof GatewayConfigError);
  assert.ok(bad.line >= 2 && bad.column >= 1, `${bad.line}:${bad.column}`);
});

test('query and stream take a gateway key and a client key (auth in-process)', async () => {
  const gw = await createGateway({
    config: { ...OBJECT, auth: { keys: [{ name: 'app', key: 'gw-key-123' }, { name: 'chat-only', key: 'gw-chat', routes: ['chat'] }] },
      endpoints: OBJECT.endpoints.map((e) => (e.name === 'chat' ? { ...e, limit: { calls: 1, renewal_period: 'minute' } } : e)) },
  });
  try {
    await assert.rejects(gw.query('completions', { prompt: 'hi' }), (e) => e instanceof GatewayHttpError && e.status === 401);
    await assert.rejects(gw.query('completions', { prompt: 'hi' }, { apiKey: 'wrong' }),
      (e) => e instanceof GatewayHttpError && e.status === 401 && /Invalid gateway key/.test(e.message));
    await assert.rejects(gw.query('completions', { prompt: 'hi' }, { apiKey: 'gw-chat' }),
      (e) => e instanceof GatewayHttpError && e.status === 403);
    const answer = await gw.query('completions', { prompt: 'hi' }, { apiKey: 'gw-key-123' });
    assert.match(answer.choices[0].text, /^\[mock\]/);
    const parts = [];
    for await (const chunk of gw.stream('completions', { prompt: 'go' }, { apiKey: 'gw-key-123' })) {
      parts.push(chunk.choices?.[0]?.text ?? '');
    }
    assert.match(parts.join(''), /^\[mock\]/);
    // With auth on, limits count per key name (docs/POLICY.md): one call per minute for 'app'.
    await gw.query('chat', chat('a'), { apiKey: 'gw-key-123' });
    await assert.rejects(gw.query('chat', chat('b'), { apiKey: 'gw-key-123' }),
      (e) => e instanceof GatewayHttpError && e.status === 429);
    await gw.query('chat', chat('c'), { apiKey: 'gw-chat' });
    await assert.rejects(gw.query('chat', chat('d'), { apiKey: 'k\r\nx-injected: 1' }), TypeError);
  } finally {
    gw.close();
  }
});

test('without auth, query counts rate limits per clientKey', async () => {
  const gw = await createGateway({ config: { endpoints: OBJECT.endpoints.map((e) => (e.name === 'chat'
    ? { ...e, limit: { calls: 1, renewal_period: 'minute' } } : e)) } });
  try {
    await gw.query('chat', chat('a'), { clientKey: 'client-a' });
    await assert.rejects(gw.query('chat', chat('b'), { clientKey: 'client-a' }),
      (e) => e instanceof GatewayHttpError && e.status === 429);
    await gw.query('chat', chat('c'), { clientKey: 'client-b' });
  } finally {
    gw.close();
  }
});
