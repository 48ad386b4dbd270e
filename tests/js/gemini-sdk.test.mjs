// The official `@google/genai` SDK pointed at MLflow 3's Gemini passthrough
// (`httpOptions.baseUrl = <gateway>/gateway/gemini`), on both hosts, with a fake upstream
// on loopback that checks the exact request it receives: on a Gemini endpoint (native lane)
// generateContent, generateContentStream (relayed byte for byte) and countTokens; on an
// OpenAI endpoint and the mock (translated) the same calls, the answer and stream built as
// Gemini's and the token count estimated; the gateway key sent the SDK's way
// (`x-goog-api-key`) and never forwarded, and Google-shaped errors.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { GoogleGenAI } from '@google/genai';
import { assertUpstream, startFakeProvider } from './fake-provider.mjs';
import { startNodeHost, startWorkerdHost } from './hosts.mjs';

const PROVIDER_KEY = 'gemini-provider-key-0123456789';
const GATEWAY_KEY = 'gw-team-key-0123456789';
/** What reaches Gemini: its key and content type only (no SDK header, no gateway key). */
const UPSTREAM_HEADERS = { 'x-goog-api-key': PROVIDER_KEY, 'content-type': 'application/json' };
const OPENAI_KEY = 'sk-openai-provider-0123456789';
const OPENAI_HEADERS = { authorization: `Bearer ${OPENAI_KEY}`, 'content-type': 'application/json' };

const config = (base) => `auth:
  keys:
    - name: team
      key: ${GATEWAY_KEY}
endpoints:
  - name: gem
    endpoint_type: llm/v1/chat
    model:
      provider: gemini
      name: gemini-2.5-flash
      config:
        gemini_api_key: $GEMINI_API_KEY
        api_base: ${base}/v1beta/models
  - name: gpt
    endpoint_type: llm/v1/chat
    model:
      provider: openai
      name: gpt-4o-mini
      config:
        openai_api_key: $OPENAI_API_KEY
        openai_api_base: ${base}/v1
  - name: mock-chat
    endpoint_type: llm/v1/chat
    model: {provider: mock, name: mock-chat}
`;

for (const [name, startHost] of [['Node', startNodeHost], ['workerd', startWorkerdHost]]) {
  describe(`@google/genai against the ${name} host (/gateway/gemini)`, () => {
    let fake;
    let host;
    let ai;
    before(async () => {
      fake = await startFakeProvider();
      host = await startHost({ config: config(fake.url), env: { GEMINI_API_KEY: PROVIDER_KEY, OPENAI_API_KEY: OPENAI_KEY } });
      ai = new GoogleGenAI({ apiKey: GATEWAY_KEY, httpOptions: { baseUrl: `${host.url}/gateway/gemini` } });
    });
    after(async () => {
      await host?.stop();
      await fake?.close();
    });

    it('models.generateContent: the body goes as the SDK wrote it, the answer comes back whole', async () => {
      const result = await ai.models.generateContent({ model: 'gem', contents: 'Hello',
        config: { temperature: 0.3, thinkingConfig: { thinkingBudget: 64 } } });
      assert.equal(result.text, 'Hi there');
      assert.equal(result.candidates[0].content.parts[0].thoughtSignature, 'c2ln');
      assert.equal(result.usageMetadata.totalTokenCount, 5);
      assertUpstream(fake.last(), { path: '/v1beta/models/gemini-2.5-flash:generateContent',
        headers: UPSTREAM_HEADERS, body: { contents: [{ parts: [{ text: 'Hello' }], role: 'user' }],
          generationConfig: { temperature: 0.3, thinkingConfig: { thinkingBudget: 64 } } } });
    });

    it('models.generateContentStream: chunks relayed as Gemini sent them', async () => {
      let text = '';
      let usage;
      for await (const chunk of await ai.models.generateContentStream({ model: 'gem', contents: 'Count' })) {
        text += chunk.text ?? '';
        usage = chunk.usageMetadata ?? usage;
      }
      assert.equal(text, 'One, two.');
      assert.equal(usage.totalTokenCount, 7);
      assertUpstream(fake.last(), { path: '/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse',
        headers: UPSTREAM_HEADERS, body: { contents: [{ parts: [{ text: 'Count' }], role: 'user' }] } });
    });

    it('models.countTokens is answered by Gemini', async () => {
      const counted = await ai.models.countTokens({ model: 'gem', contents: 'How many?' });
      assert.equal(counted.totalTokens, 11);
      assertUpstream(fake.last(), { path: '/v1beta/models/gemini-2.5-flash:countTokens',
        headers: UPSTREAM_HEADERS, body: { contents: [{ parts: [{ text: 'How many?' }], role: 'user' }] } });
    });

    it('models.generateContent on an OpenAI endpoint: translated both ways', async () => {
      const result = await ai.models.generateContent({ model: 'gpt', contents: 'Hello',
        config: { temperature: 0.3, maxOutputTokens: 50, systemInstruction: 'Be brief.' } });
      assert.equal(result.text, 'Hello from fake');
      assert.equal(result.candidates[0].finishReason, 'STOP');
      assert.equal(result.modelVersion, 'gpt-4o-mini-2024');
      assert.deepEqual({ ...result.usageMetadata }, { promptTokenCount: 9, candidatesTokenCount: 3, totalTokenCount: 12 });
      assertUpstream(fake.last(), { path: '/v1/chat/completions', headers: OPENAI_HEADERS,
        body: { model: 'gpt-4o-mini', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hello' }],
          temperature: 0.3, max_tokens: 50, n: 1 } });
    });

    it('models.generateContentStream on an OpenAI endpoint: Gemini chunks, the finish reason last', async () => {
      const chunks = [];
      for await (const chunk of await ai.models.generateContentStream({ model: 'gpt', contents: 'Count' })) chunks.push(chunk);
      assert.equal(chunks.map((c) => c.text ?? '').join(''), 'Hello from fake');
      assert.equal(chunks.at(-1).candidates[0].finishReason, 'STOP');
      assertUpstream(fake.last(), { path: '/v1/chat/completions', headers: OPENAI_HEADERS,
        body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Count' }], stream: true,
          stream_options: { include_usage: true }, n: 1 } });
    });

    it('the mock answers and streams in Gemini form; its countTokens is estimated', async () => {
      const calls = fake.requests.length;
      const result = await ai.models.generateContent({ model: 'mock-chat', contents: 'Hi there' });
      assert.match(result.text, /\[mock\] echo: Hi there/);
      let streamed = '';
      for await (const chunk of await ai.models.generateContentStream({ model: 'mock-chat', contents: 'Hi there' })) {
        streamed += chunk.text ?? '';
      }
      assert.equal(streamed, result.text);
      const counted = await ai.models.countTokens({ model: 'mock-chat', contents: 'How many tokens is this?' });
      assert.equal(counted.totalTokens, 10);  // ceil((4 + 24) / 4) + 3: the key `text` and the text, one content
      assert.equal(fake.requests.length, calls, 'the mock and the estimate call no upstream');
    });

    it('models.countTokens on an OpenAI endpoint: counted by OpenAI\'s input_tokens', async () => {
      const counted = await ai.models.countTokens({ model: 'gpt', contents: 'How many?' });
      assert.equal(counted.totalTokens, 19);
      assertUpstream(fake.last(), { path: '/v1/responses/input_tokens', headers: OPENAI_HEADERS,
        body: { model: 'gpt-4o-mini', input: [{ role: 'user', content: 'How many?' }] } });
    });

    it('errors are Google-shaped: the SDK raises ApiError with the status', async () => {
      const calls = fake.requests.length;
      await assert.rejects(ai.models.generateContent({ model: 'nope', contents: 'x' }),
        (e) => e.status === 404 && /model 'nope' does not exist/.test(e.message));
      await assert.rejects(ai.models.generateContent({ model: 'gpt', contents: 'x', config: { tools: [{ googleSearch: {} }] } }),
        (e) => e.status === 400 && /tools\[0\]\.googleSearch/.test(e.message));
      assert.equal(fake.requests.length, calls, 'no upstream call for a request the gateway refuses');
      await assert.rejects(ai.models.generateContent({ model: 'gem', contents: 'x', config: { candidateCount: 99 } }),
        (e) => e.status === 400 && /candidate_count/.test(e.message));
      const bad = new GoogleGenAI({ apiKey: 'wrong-key', httpOptions: { baseUrl: `${host.url}/gateway/gemini` } });
      await assert.rejects(bad.models.generateContent({ model: 'gem', contents: 'x' }), (e) => e.status === 401);
    });
  });
}
