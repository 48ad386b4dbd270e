// The Anthropic native lane (issue 13) with the official `@anthropic-ai/sdk`, on both
// hosts: an endpoint backed by a fake Anthropic upstream gets the client's body as it
// was sent but for `model`, and the answer back untouched; a request shaped like
// Claude Code's (beta surface, many tools, cache_control, streaming) included.
// count_tokens: the provider's count on the native lane, the estimate elsewhere.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { anthropicAnswer, assertUpstream, startFakeProvider, TRANSPORT_HEADERS } from './fake-provider.mjs';
import { startNodeHost, startWorkerdHost } from './hosts.mjs';
import { httpConfig, KEY } from './http-cases.mjs';

const ANTHROPIC_KEY = 'sk-ant-provider-0123456789';

const claudeEndpoint = (fakeUrl, name, model) => `  - name: ${name}
    endpoint_type: llm/v1/chat
    model:
      provider: anthropic
      name: ${model}
      config: {anthropic_api_key: $ANTHROPIC_KEY, api_base: "${fakeUrl}/v1"}
`;

// What the upstream must receive: the client's bytes with only `model` changed.
const withModel = (body, model) => JSON.stringify({ ...body, model });

function ownHeaders(record) {
  return Object.fromEntries(Object.entries(record.headers).filter(([name]) => !TRANSPORT_HEADERS.has(name)
    && !name.startsWith('x-stainless-')));
}

// Many tools, system blocks with cache_control, thinking, metadata: what Claude Code sends.
function claudeCodeRequest() {
  const tools = ['Bash', 'Read', 'Edit', 'Write', 'Glob', 'Grep', 'WebFetch', 'TodoWrite'].map((name, i) => ({
    name, description: `The ${name} tool.`,
    input_schema: { type: 'object', properties: { arg: { type: 'string' } }, required: ['arg'],
      additionalProperties: false, $schema: 'http://json-schema.org/draft-07/schema#' },
    ...(i === 7 ? { cache_control: { type: 'ephemeral' } } : {}),
  }));
  return {
    model: 'claude', max_tokens: 32000, stream: true,
    system: [{ type: 'text', text: "You are Claude Code, Anthropic's official CLI for Claude." },
      { type: 'text', text: 'Environment: linux', cache_control: { type: 'ephemeral' } }],
    messages: [{ role: 'user', content: [{ type: 'text', text: 'read /tmp/a.txt',
      cache_control: { type: 'ephemeral' } }] }],
    tools, metadata: { user_id: 'user_abc_account__session_123' },
    thinking: { type: 'enabled', budget_tokens: 4000 }, temperature: 1,
  };
}

for (const [name, startHost] of [['Node', startNodeHost], ['workerd', startWorkerdHost]]) {
  describe(`Anthropic native lane on the ${name} host`, () => {
    let fake;
    let host;
    let client;
    let sdkHeaders;  // the headers the SDK sent last
    before(async () => {
      fake = await startFakeProvider();
      const config = httpConfig(fake.url) + claudeEndpoint(fake.url, 'claude', 'claude-sonnet-4-5')
        + claudeEndpoint(fake.url, 'claude-bad', 'anthropic-invalid')
        + '  - name: echo\n    endpoint_type: llm/v1/chat\n    model: {provider: mock, name: mock-chat}\n';
      host = await startHost({ config, env: { OPENAI_API_KEY: KEY, ANTHROPIC_KEY } });
      client = new Anthropic({ baseURL: host.url, apiKey: 'sk-ant-client-not-forwarded', maxRetries: 0,
        fetch: (url, init) => { sdkHeaders = new Headers(init.headers); return fetch(url, init); } });
    });
    after(async () => {
      await host?.stop();
      await fake?.close();
    });

    it('messages.create: the body goes as sent but for model, the answer comes back untouched', async () => {
      const params = { model: 'claude', max_tokens: 64, messages: [{ role: 'user', content: 'Hello' }],
        system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }] };
      const { data, response } = await client.messages.create(params).withResponse();
      assert.deepEqual(data, anthropicAnswer('claude-sonnet-4-5'));
      assert.equal(response.headers.get('request-id'), 'req_fake1');
      assert.equal(response.headers.get('x-gateway-endpoint'), 'claude');
      const seen = fake.last();
      assert.equal(seen.path, '/v1/messages');
      assert.equal(seen.raw, withModel(params, 'claude-sonnet-4-5'));
      // The client's anthropic-version (its body was written for it), the provider's key.
      assert.match(sdkHeaders.get('anthropic-version'), /^\d{4}-\d{2}-\d{2}$/);
      assert.deepEqual(ownHeaders(seen), { 'x-api-key': ANTHROPIC_KEY,
        'anthropic-version': sdkHeaders.get('anthropic-version'), 'content-type': 'application/json' });
    });

    it('a Claude Code-shaped stream: beta header and every field forwarded, events relayed', async () => {
      const params = claudeCodeRequest();
      const betas = ['claude-code-20250219', 'interleaved-thinking-2025-05-14', 'fine-grained-tool-streaming-2025-05-14'];
      const stream = client.beta.messages.stream({ ...params, betas });
      const final = await stream.finalMessage();
      assert.equal(final.stop_reason, 'tool_use');
      assert.deepEqual(final.content, [{ type: 'tool_use', id: 'toolu_fake1', name: 'Read',
        input: { file_path: '/tmp/a.txt' } }]);
      const seen = fake.last();
      assert.equal(seen.path, '/v1/messages');
      assert.equal(seen.raw, withModel(params, 'claude-sonnet-4-5'));
      assert.equal(seen.headers['anthropic-beta'], betas.join(','));
      assert.equal(seen.headers['x-api-key'], ANTHROPIC_KEY);
      assert.equal(seen.headers.authorization, undefined);
    });

    it('an upstream error reaches the SDK unchanged', async () => {
      await assert.rejects(client.messages.create({ model: 'claude-bad', max_tokens: 5,
        messages: [{ role: 'user', content: 'x' }] }), (e) => e instanceof Anthropic.BadRequestError
        && e.requestID === 'req_fake_err'
        && e.error?.error?.message === 'messages.0.content: this fake rejects everything'
        && e.error?.request_id === 'req_fake_err');
    });

    it('messages.countTokens: the provider counts (natively, or by translation to its counting API), else the gateway estimates', async () => {
      const params = { model: 'claude', messages: [{ role: 'user', content: 'Hello, Claude' }] };
      const native = await client.messages.countTokens(params).withResponse();
      assert.deepEqual(native.data, { input_tokens: 42 });
      assert.equal(native.response.headers.get('x-gateway-token-count'), 'provider');
      assert.equal(fake.last().path, '/v1/messages/count_tokens');
      assert.equal(fake.last().raw, withModel(params, 'claude-sonnet-4-5'));
      const openai = await client.messages.countTokens({ ...params, model: 'chat' }).withResponse();
      assert.deepEqual(openai.data, { input_tokens: 19 });
      assert.equal(openai.response.headers.get('x-gateway-token-count'), 'provider');
      assertUpstream(fake.last(), { path: '/v1/responses/input_tokens',
        headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
        body: { model: 'gpt-4o-mini', input: [{ role: 'user', content: 'Hello, Claude' }] } });
      const before = fake.requests.length;
      const estimated = await client.messages.countTokens({ ...params, model: 'echo' }).withResponse();
      assert.deepEqual(estimated.data, { input_tokens: 7 });  // ceil(13 / 4) + 3 per message
      assert.equal(estimated.response.headers.get('x-gateway-token-count'), 'estimate');
      assert.equal(fake.requests.length, before, 'the estimate calls no upstream');
    });
  });
}
