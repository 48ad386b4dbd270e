// The exact HTTP calls of MLflow's clients and LangChain's MLflow integrations
// (reference section 6), and what they read from the answers, on both hosts:
//   * mlflow.gateway.MlflowGatewayClient (2.5-2.8) and LangChain MlflowAIGateway /
//     ChatMLflowAIGateway / MlflowAIGatewayEmbeddings → a `routes:` (2.5-2.8) config;
//   * mlflow.deployments.get_deploy_client and LangChain Mlflow / ChatMlflow /
//     MlflowEmbeddings → an `endpoints:` (2.9+) config.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertUpstream, startFakeProvider } from './fake-provider.mjs';
import { startNodeHost, startWorkerdHost } from './hosts.mjs';
import { httpConfig, KEY } from './http-cases.mjs';

const UPSTREAM_HEADERS = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };
const PAGE_SIZE = 2;

function g1Config(fakeUrl) {
  const route = (name, type, model) => `  - name: ${name}
    route_type: ${type}
    model:
      provider: openai
      name: ${model}
      config:
        openai_api_key: $OPENAI_API_KEY
        openai_api_base: ${fakeUrl}/v1
`;
  return `routes:\n${route('completions', 'llm/v1/completions', 'gpt-3.5-turbo-instruct')}` +
    `${route('chat', 'llm/v1/chat', 'gpt-3.5-turbo')}${route('embeddings', 'llm/v1/embeddings', 'text-embedding-ada-002')}`;
}

/** requests-style JSON call: raises on a non-2xx status like MLflow's augmented_raise_for_status. */
async function http(base, method, path, body) {
  const res = await fetch(new URL(path, base), { method, headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined });
  const text = await res.text();
  if (!res.ok) throw Object.assign(new Error(`${res.status}: ${text}`), { status: res.status });
  return JSON.parse(text);
}

/** mlflow.gateway.MlflowGatewayClient (G1), as its HTTP calls. */
function gatewayClient(base) {
  return {
    getRoute: async (name) => {
      const route = await http(base, 'GET', `/api/2.0/gateway/routes/${name}`);
      return { ...route, route_url: new URL(route.route_url, base).href };
    },
    searchRoutes: async () => {
      const routes = [];
      let token;
      do {
        const body = await http(base, 'GET', `/api/2.0/gateway/routes/${token ? `?page_token=${token}` : ''}`);
        routes.push(...body.routes);
        token = body.next_page_token;
      } while (token);
      return routes;
    },
    query: (route, data) => http(base, 'POST', `/gateway/${route}/invocations`, data),
  };
}

/** mlflow.deployments.get_deploy_client("http://host:port"), as its HTTP calls. */
function deployClient(base) {
  return {
    getEndpoint: (name) => http(base, 'GET', `/api/2.0/endpoints/${name}`),
    listEndpoints: async () => {
      const endpoints = [];
      let token;
      do {
        const body = await http(base, 'GET', `/api/2.0/endpoints/${token ? `?page_token=${token}` : ''}`);
        endpoints.push(...body.endpoints);
        token = body.next_page_token;
      } while (token);
      return endpoints;
    },
    predict: (endpoint, inputs) => http(base, 'POST', `/endpoints/${endpoint}/invocations`, inputs),
  };
}

const G1_PARAMS = { temperature: 0.0, candidate_count: 1, stop: null, max_tokens: null };

const HOSTS = [['Node', startNodeHost, (o) => ({ ...o, args: ['--page-size', String(PAGE_SIZE)] })],
  ['workerd', startWorkerdHost, (o) => ({ ...o, env: { ...o.env, PAGE_SIZE: String(PAGE_SIZE) } })]];

for (const [hostName, startHost, withPaging] of HOSTS) {
  describe(`MLflow 2.5-2.8 clients and LangChain MlflowAIGateway on ${hostName}`, () => {
    let fake;
    let host;
    let client;
    before(async () => {
      fake = await startFakeProvider();
      host = await startHost(withPaging({ config: g1Config(fake.url), env: { OPENAI_API_KEY: KEY } }));
      client = gatewayClient(host.url);
    });
    after(async () => { await host?.stop(); await fake?.close(); });

    it('MlflowGatewayClient.get_route / search_routes', async () => {
      const route = await client.getRoute('chat');
      assert.deepEqual(route, { name: 'chat', route_type: 'llm/v1/chat',
        model: { name: 'gpt-3.5-turbo', provider: 'openai' }, route_url: `${host.url}/gateway/chat/invocations`,
        limit: null });
      assert.deepEqual((await client.searchRoutes()).map((r) => r.name), ['completions', 'chat', 'embeddings']);
    });

    it('LangChain MlflowAIGateway (completions) reads candidates[0].text', async () => {
      const resp = await client.query('completions', { prompt: 'Say hi', ...G1_PARAMS });
      // MLflow 2.5-2.8 served OpenAI completions routes through the chat API.
      assert.equal(resp.candidates[0].text, 'Hello from fake');
      assert.equal(resp.metadata.route_type, 'llm/v1/completions');
      assertUpstream(fake.last(), { path: '/v1/chat/completions', headers: UPSTREAM_HEADERS,
        body: { model: 'gpt-3.5-turbo-instruct', messages: [{ role: 'user', content: 'Say hi' }], temperature: 0,
          n: 1 } });
    });

    it('LangChain ChatMLflowAIGateway reads candidates[i].message and metadata', async () => {
      const messages = [{ role: 'user', content: 'Hi' }];
      const resp = await client.query('chat', { messages, ...G1_PARAMS, temperature: 0.5 });
      assert.deepEqual(resp.candidates[0].message, { role: 'assistant', content: 'Hello from fake' });
      assert.deepEqual(resp.candidates[0].metadata, { finish_reason: 'stop' });
      assert.equal(resp.metadata.total_tokens, 12);
      assertUpstream(fake.last(), { path: '/v1/chat/completions', headers: UPSTREAM_HEADERS,
        body: { model: 'gpt-3.5-turbo', messages, temperature: 1, n: 1 } });
    });

    it('LangChain MlflowAIGatewayEmbeddings reads embeddings (chunks of 20)', async () => {
      const texts = Array.from({ length: 21 }, (_, i) => `t${i}`);
      const vectors = [];
      for (let i = 0; i < texts.length; i += 20) {
        const resp = await client.query('embeddings', { text: texts.slice(i, i + 20) });
        vectors.push(...resp.embeddings);
      }
      assert.equal(vectors.length, 21);
      assert.deepEqual(vectors[20], [0.5, 0.25]);
      assertUpstream(fake.last(), { path: '/v1/embeddings', headers: UPSTREAM_HEADERS,
        body: { model: 'text-embedding-ada-002', input: ['t20'] } });
    });
  });

  describe(`mlflow.deployments client and LangChain Mlflow on ${hostName}`, () => {
    let fake;
    let host;
    let client;
    before(async () => {
      fake = await startFakeProvider();
      host = await startHost(withPaging({ config: httpConfig(fake.url), env: { OPENAI_API_KEY: KEY } }));
      client = deployClient(host.url);
    });
    after(async () => { await host?.stop(); await fake?.close(); });

    it('get_endpoint / list_endpoints (follows next_page_token)', async () => {
      const endpoint = await client.getEndpoint('embeddings');
      assert.equal(endpoint.endpoint_url, '/gateway/embeddings/invocations');
      assert.equal((await client.listEndpoints()).length, 7);
    });

    it('LangChain Mlflow (completions) reads choices[0].text', async () => {
      const resp = await client.predict('completions', { prompt: 'p', temperature: 0.0, n: 1, max_tokens: null,
        stop: ['\n'] });
      assert.equal(resp.choices[0].text, 'fake completion');
      assertUpstream(fake.last(), { path: '/v1/completions', headers: UPSTREAM_HEADERS,
        body: { model: 'gpt-3.5-turbo-instruct', prompt: 'p', temperature: 0, n: 1, stop: ['\n'] } });
    });

    it('LangChain ChatMlflow reads choices[i].message and usage', async () => {
      const messages = [{ role: 'system', content: 'terse' }, { role: 'user', content: 'Hi', name: 'bob' }];
      const resp = await client.predict('chat', { messages, temperature: 0.0, n: 1 });
      assert.equal(resp.choices[0].message.content, 'Hello from fake');
      assert.equal(resp.choices[0].message.tool_calls, null);
      assert.equal(resp.usage.prompt_tokens, 9);
      assertUpstream(fake.last(), { path: '/v1/chat/completions', headers: UPSTREAM_HEADERS,
        body: { model: 'gpt-4o-mini', messages, temperature: 0, n: 1 } });
    });

    it('LangChain MlflowEmbeddings reads data[i].embedding', async () => {
      const resp = await client.predict('embeddings', { input: ['q'] });
      assert.deepEqual(resp.data.map((d) => d.embedding), [[0.5, 0.25]]);
    });

    it('predict with a `model` field is refused with 422, as MLflow does', async () => {
      await assert.rejects(client.predict('chat', { messages: [{ role: 'user', content: 'x' }], model: 'gpt-4' }),
        (error) => error.status === 422);
    });
  });
}
