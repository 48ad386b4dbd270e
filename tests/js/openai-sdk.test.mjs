// The official `openai` npm SDK pointed at the gateway's /v1, on both hosts.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { assertUpstream, startFakeProvider } from './fake-provider.mjs';
import { startNodeHost, startWorkerdHost } from './hosts.mjs';
import { httpConfig, KEY } from './http-cases.mjs';

const UPSTREAM_HEADERS = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };
const HELLO = [{ role: 'user', content: 'Hello' }];

for (const [name, startHost] of [['Node', startNodeHost], ['workerd', startWorkerdHost]]) {
  describe(`openai SDK against the ${name} host`, () => {
    let fake;
    let host;
    let client;
    before(async () => {
      fake = await startFakeProvider();
      host = await startHost({ config: httpConfig(fake.url), env: { OPENAI_API_KEY: KEY } });
      // The SDK's own key is not the provider's: the gateway must not forward it.
      client = new OpenAI({ baseURL: `${host.url}/v1`, apiKey: 'sk-client-not-forwarded', maxRetries: 0 });
    });
    after(async () => {
      await host?.stop();
      await fake?.close();
    });

    it('chat.completions.create', async () => {
      const res = await client.chat.completions.create({ model: 'chat', messages: HELLO, max_tokens: 5 });
      assert.equal(res.choices[0].message.content, 'Hello from fake');
      assert.equal(res.usage.total_tokens, 12);
      assertUpstream(fake.last(), { path: '/v1/chat/completions', headers: UPSTREAM_HEADERS,
        body: { model: 'gpt-4o-mini', messages: HELLO, max_tokens: 5, n: 1 } });
    });

    it('chat.completions.create with stream: true', async (t) => {
      const probe = await fetch(`${host.url}/v1/chat/completions`, { method: 'POST',
        body: JSON.stringify({ model: 'chat', messages: HELLO, stream: true }) });
      await probe.arrayBuffer();
      if (probe.status === 501) return t.skip('this core build does not stream yet');
      const stream = await client.chat.completions.create({ model: 'chat', messages: HELLO, stream: true });
      let text = '';
      for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
      assert.equal(text, 'Hello from fake');
      assert.equal(fake.last().body.stream, true);
    });

    it('completions.create', async () => {
      const res = await client.completions.create({ model: 'completions', prompt: 'hi' });
      assert.equal(res.choices[0].text, 'fake completion');
      assertUpstream(fake.last(), { path: '/v1/completions', headers: UPSTREAM_HEADERS,
        body: { model: 'gpt-3.5-turbo-instruct', prompt: 'hi', n: 1 } });
    });

    it('embeddings.create (the SDK asks for base64 and decodes it)', async () => {
      const res = await client.embeddings.create({ model: 'embeddings', input: ['a', 'b'] });
      assert.deepEqual(res.data.map((d) => d.embedding), [[0.5, 0.25], [0.5, 1.25]]);
      assertUpstream(fake.last(), { path: '/v1/embeddings', headers: UPSTREAM_HEADERS,
        body: { model: 'text-embedding-3-small', input: ['a', 'b'], encoding_format: 'base64' } });
    });

    it('models.list', async () => {
      const ids = [];
      for await (const model of client.models.list()) ids.push(model.id);
      assert.deepEqual(ids, ['chat', 'completions', 'embeddings', 'slow-chat', 'html-chat', 'limited-chat',
        'xml-chat']);
    });

    it('typed errors: NotFoundError, BadRequestError, RateLimitError', async () => {
      await assert.rejects(client.chat.completions.create({ model: 'nope', messages: HELLO }), (error) => {
        assert.ok(error instanceof OpenAI.NotFoundError);
        assert.equal(error.status, 404);
        assert.equal(error.param, 'model');
        return true;
      });
      await assert.rejects(client.embeddings.create({ model: 'chat', input: 'x' }), (error) => {
        assert.ok(error instanceof OpenAI.BadRequestError);
        assert.equal(error.message, "400 Endpoint 'chat' is not an embeddings endpoint.");
        return true;
      });
      await assert.rejects(client.chat.completions.create({ model: 'limited-chat', messages: HELLO }),
        OpenAI.RateLimitError);
    });
  });
}
