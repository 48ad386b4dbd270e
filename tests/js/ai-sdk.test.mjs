// The Vercel AI SDK (ai 5) against both hosts with its two providers a gateway user
// points at it: @ai-sdk/openai's chat model on /v1/chat/completions and
// @ai-sdk/anthropic on /v1/messages, both on an endpoint backed by a fake OpenAI
// upstream (the exact upstream request is checked) and generate + stream.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateText, streamText } from 'ai';
import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { assertUpstream, startFakeProvider } from './fake-provider.mjs';
import { startNodeHost, startWorkerdHost } from './hosts.mjs';
import { httpConfig, KEY } from './http-cases.mjs';

const MESSAGES = [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hello' }];

for (const [name, startHost] of [['Node', startNodeHost], ['workerd', startWorkerdHost]]) {
  describe(`AI SDK (ai 5) against the ${name} host`, () => {
    let fake;
    let host;
    let providers;
    before(async () => {
      fake = await startFakeProvider();
      host = await startHost({ config: httpConfig(fake.url), env: { OPENAI_API_KEY: KEY } });
      providers = {
        openai: createOpenAI({ baseURL: `${host.url}/v1`, apiKey: 'sk-client-not-forwarded' }).chat('chat'),
        anthropic: createAnthropic({ baseURL: `${host.url}/v1`, apiKey: 'sk-ant-client-not-forwarded' })('chat'),
      };
    });
    after(async () => {
      await host?.stop();
      await fake?.close();
    });

    for (const dialect of ['openai', 'anthropic']) {
      it(`generateText through @ai-sdk/${dialect}`, async () => {
        const result = await generateText({ model: providers[dialect], system: 'Be brief.', prompt: 'Hello',
          maxOutputTokens: 5, maxRetries: 0 });
        assert.equal(result.text, 'Hello from fake');
        assert.equal(result.finishReason, 'stop');
        assert.equal(result.usage.outputTokens, 3);
        // Both dialects lead to the same upstream request: model replaced, n: 1 explicit.
        const sent = { model: 'gpt-4o-mini', max_tokens: 5, messages: MESSAGES, n: 1 };
        assertUpstream(fake.last(), { path: '/v1/chat/completions',
          headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' }, body: sent });
      });

      it(`streamText through @ai-sdk/${dialect}`, async () => {
        const result = streamText({ model: providers[dialect], prompt: 'Hello', maxOutputTokens: 5, maxRetries: 0,
          onError: () => {} });
        let text = '';
        for await (const delta of result.textStream) text += delta;
        assert.equal(text, 'Hello from fake');
        assert.equal(await result.finishReason, 'stop');
        assert.equal(fake.last().body.stream, true);
        assert.deepEqual(fake.last().body.stream_options, { include_usage: true });
      });
    }
  });
}
