// The official `@anthropic-ai/sdk` pointed at the gateway (POST /v1/messages), on
// both hosts: an endpoint backed by a fake OpenAI upstream (translated lane) and
// one backed by the mock provider.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { assertUpstream, startFakeProvider } from './fake-provider.mjs';
import { startNodeHost, startWorkerdHost } from './hosts.mjs';
import { httpConfig, KEY } from './http-cases.mjs';

const MOCK = `  - name: mock-chat
    endpoint_type: llm/v1/chat
    model: {provider: mock, name: mock-chat}
`;

for (const [name, startHost] of [['Node', startNodeHost], ['workerd', startWorkerdHost]]) {
  describe(`@anthropic-ai/sdk against the ${name} host`, () => {
    let fake;
    let host;
    let client;
    before(async () => {
      fake = await startFakeProvider();
      host = await startHost({ config: httpConfig(fake.url) + MOCK, env: { OPENAI_API_KEY: KEY } });
      // The SDK's own key is not the provider's: the gateway must not forward it.
      client = new Anthropic({ baseURL: host.url, apiKey: 'sk-ant-client-not-forwarded', maxRetries: 0 });
    });
    after(async () => {
      await host?.stop();
      await fake?.close();
    });

    it('messages.create on an OpenAI-backed endpoint', async () => {
      const message = await client.messages.create({ model: 'chat', max_tokens: 5, system: 'Be brief.',
        messages: [{ role: 'user', content: 'Hello' }] });
      assert.equal(message.type, 'message');
      assert.deepEqual(message.content, [{ type: 'text', text: 'Hello from fake' }]);
      assert.equal(message.stop_reason, 'end_turn');
      assert.equal(message.usage.output_tokens, 3);
      assert.equal(message.usage.input_tokens, 9);
      assertUpstream(fake.last(), { path: '/v1/chat/completions',
        headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
        body: { model: 'gpt-4o-mini', messages: [{ role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Hello' }], max_tokens: 5, n: 1 } });
    });

    it('messages.stream on an OpenAI-backed endpoint', async () => {
      const stream = client.messages.stream({ model: 'chat', max_tokens: 5,
        messages: [{ role: 'user', content: 'Hello' }] });
      let text = '';
      stream.on('text', (delta) => { text += delta; });
      const final = await stream.finalMessage();
      assert.equal(text, 'Hello from fake');
      assert.equal(final.content[0].text, 'Hello from fake');
      assert.equal(final.stop_reason, 'end_turn');
      assert.equal(fake.last().body.stream, true);
      assert.deepEqual(fake.last().body.stream_options, { include_usage: true });
    });

    it('messages.create and messages.stream on the mock', async () => {
      const message = await client.messages.create({ model: 'mock-chat', max_tokens: 16,
        messages: [{ role: 'user', content: 'ping' }] });
      assert.match(message.content[0].text, /^\[mock\] echo: ping/);
      const final = await client.messages.stream({ model: 'mock-chat', max_tokens: 16,
        messages: [{ role: 'user', content: 'ping' }] }).finalMessage();
      assert.equal(final.content[0].text, message.content[0].text);
    });

    it('errors are Anthropic-shaped: the SDK raises its typed errors', async () => {
      await assert.rejects(client.messages.create({ model: 'nope', max_tokens: 5,
        messages: [{ role: 'user', content: 'x' }] }), (e) => e instanceof Anthropic.NotFoundError && e.status === 404
        && e.error?.error?.type === 'not_found_error');
      await assert.rejects(client.messages.create({ model: 'chat', max_tokens: 5, messages: [{ role: 'user',
        content: [{ type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'x' } }] }] }),
      (e) => e instanceof Anthropic.BadRequestError && /messages\.0\.content\.0\.type/.test(e.message));
    });
  });
}
