// GatewayClient against a Node server on mock configs (both MLflow schemas),
// plus retries, timeout, auth and "databricks" against small scripted servers.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { GatewayClient, getDeployClient, resolveTarget } from '../../bindings/client/client.mjs';
import { GatewayHttpError } from '../../bindings/errors.mjs';
import { startNodeHost } from './hosts.mjs';

const ENDPOINTS = `endpoints:
${['chat', 'completions', 'embeddings'].map((t) => `  - name: ${t}
    endpoint_type: llm/v1/${t}
    model: {provider: mock, name: mock-${t}}`).join('\n')}
`;
const ROUTES = `routes:
  - name: completions
    route_type: llm/v1/completions
    model: {provider: mock, name: mock-completions}
  - name: embeddings
    route_type: llm/v1/embeddings
    model: {provider: mock, name: mock-embeddings}
`;

/** A server answering from a list of scripted replies; records requests. */
function scripted(replies) {
  const seen = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => { body += d; });
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body });
      const reply = replies[Math.min(seen.length - 1, replies.length - 1)];
      if (reply.stall) return;
      res.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${server.address().port}`, seen,
    close: () => new Promise((done) => { server.closeAllConnections(); server.close(done); }),
  })));
}

describe('GatewayClient on endpoints (MLflow 2.9+)', () => {
  let host;
  let client;
  before(async () => {
    host = await startNodeHost({ config: ENDPOINTS, args: ['--page-size', '2'] });
    client = getDeployClient(host.url);
  });
  after(() => host?.stop());

  test('listEndpoints follows next_page_token; getEndpoint', async () => {
    const endpoints = await client.listEndpoints();
    assert.deepEqual(endpoints.map((e) => e.name), ['chat', 'completions', 'embeddings']);
    assert.equal(endpoints[0].endpoint_url, `${host.url}/gateway/chat/invocations`);
    const chat = await client.getEndpoint('chat');
    assert.equal(chat.endpoint_type, 'llm/v1/chat');
    assert.equal(chat.model.provider, 'mock');
  });

  test('predict, keyword form, typed errors', async () => {
    const answer = await client.predict('chat', { messages: [{ role: 'user', content: 'hi' }] });
    assert.match(answer.choices[0].message.content, /^\[mock\] echo: hi/);
    const emb = await client.predict({ endpoint: 'embeddings', inputs: { input: ['a', 'b'] } });
    assert.equal(emb.data.length, 2);
    const error = await client.predict('chat', { messages: [{ role: 'user', content: 'x' }], temperature: 5 })
      .catch((e) => e);
    assert.ok(error instanceof GatewayHttpError);
    assert.equal(error.status, 422);
    assert.equal(error.detail[0].loc.at(-1), 'temperature');
    assert.equal((await client.predict('nope', {}).catch((e) => e)).status, 404);
  });

  test('predictStream yields parsed chunks', async () => {
    const parts = [];
    for await (const chunk of client.predictStream('chat', { messages: [{ role: 'user', content: 'stream me' }] })) {
      parts.push(chunk.choices[0].delta.content ?? '');
    }
    assert.ok(parts.length > 2);
    assert.match(parts.join(''), /^\[mock\] echo: stream me/);
  });
});

describe('GatewayClient on routes (MLflow 2.5-2.8)', () => {
  let host;
  before(async () => { host = await startNodeHost({ config: ROUTES, args: ['--page-size', '1'] }); });
  after(() => host?.stop());

  test('getRoute, listRoutes (paged), query', async () => {
    const client = new GatewayClient({ gatewayUri: host.url });
    const routes = await client.listRoutes();
    assert.deepEqual(routes.map((r) => r.name), ['completions', 'embeddings']);
    assert.equal(routes[0].route_url, `${host.url}/gateway/completions/invocations`);
    assert.equal((await client.getRoute('embeddings')).route_type, 'llm/v1/embeddings');
    const answer = await client.query('completions', { prompt: 'hello', temperature: 0.0 });
    assert.match(answer.candidates[0].text, /hello/);
  });
});

describe('GatewayClient transport', () => {
  test('retries 429/500/502/503 with backoff, then succeeds', async () => {
    const server = await scripted([{ status: 429, body: {} }, { status: 503, body: {} }, { status: 200, body: { ok: 1 } }]);
    try {
      const client = new GatewayClient({ gatewayUri: server.url, backoffMs: 5 });
      assert.deepEqual(await client.predict('x', { a: 1 }), { ok: 1 });
      assert.equal(server.seen.length, 3);
      assert.deepEqual(JSON.parse(server.seen[2].body), { a: 1 });
    } finally { await server.close(); }
  });

  test('gives up after maxRetries; 400 is not retried', async () => {
    const server = await scripted([{ status: 500, body: { detail: 'boom' } }]);
    try {
      const error = await new GatewayClient({ gatewayUri: server.url, backoffMs: 1, maxRetries: 2 })
        .predict('x', {}).catch((e) => e);
      assert.equal(error.status, 500);
      assert.equal(error.detail, 'boom');
      assert.equal(server.seen.length, 3);
    } finally { await server.close(); }
    const bad = await scripted([{ status: 400, body: { detail: 'bad' } }]);
    try {
      await assert.rejects(new GatewayClient({ gatewayUri: bad.url }).predict('x', {}), { status: 400 });
      assert.equal(bad.seen.length, 1);
    } finally { await bad.close(); }
  });

  test('timeout aborts the request', async () => {
    const server = await scripted([{ stall: true }]);
    try {
      await assert.rejects(new GatewayClient({ gatewayUri: server.url, timeout: 100 }).predict('x', {}),
        { name: 'TimeoutError' });
    } finally { await server.close(); }
  });

  test('apiKey and "databricks" send a Bearer token', async () => {
    const server = await scripted([{ status: 200, body: { endpoints: [] } }]);
    try {
      await new GatewayClient({ gatewayUri: server.url, apiKey: 'k-1' }).listEndpoints();
      assert.equal(server.seen[0].headers.authorization, 'Bearer k-1');
      const env = { DATABRICKS_HOST: server.url, DATABRICKS_TOKEN: 'dapi-2' };
      await getDeployClient('databricks', { env }).listEndpoints();
      assert.equal(server.seen[1].headers.authorization, 'Bearer dapi-2');
      assert.equal(resolveTarget({ gatewayUri: 'databricks', env: { DATABRICKS_HOST: 'x.cloud.databricks.com',
        DATABRICKS_TOKEN: 't' } }).baseUrl, 'https://x.cloud.databricks.com');
      assert.throws(() => getDeployClient('databricks', { env: {} }), /DATABRICKS_HOST/);
    } finally { await server.close(); }
  });
});
