// The official `openai` SDK's Responses calls and the Vercel AI SDK's default OpenAI model
// (Responses since @ai-sdk/openai 2) against both hosts: on an OpenAI endpoint the native
// lane (the body as sent but for `model`, the answer and stream untouched), on an Anthropic
// endpoint and the mock by translation — responses.create, responses.stream (openai-node's
// strict stream helper checks the event order and ids), a function call, errors in OpenAI's
// shape; the fake upstream checks the exact request it receives.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { generateText, streamText } from 'ai';
import { createOpenAI } from '@ai-sdk/openai';
import { assertUpstream, startFakeProvider } from './fake-provider.mjs';
import { startNodeHost, startWorkerdHost } from './hosts.mjs';
import { httpConfig, KEY } from './http-cases.mjs';

const ANTHROPIC_KEY = 'sk-ant-provider-0123456789';
const config = (fakeUrl) => `${httpConfig(fakeUrl)}  - name: claude
    endpoint_type: llm/v1/chat
    model:
      provider: anthropic
      name: claude-sonnet-4-5
      config: {anthropic_api_key: $ANTHROPIC_KEY, api_base: "${fakeUrl}/v1"}
  - name: echo
    endpoint_type: llm/v1/chat
    model: {provider: mock, name: mock-chat}
`;
const ANTHROPIC_HEADERS = { 'x-api-key': ANTHROPIC_KEY, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' };
const WEATHER = { type: 'function', name: 'Read', description: 'Read a file',
  parameters: { type: 'object', properties: { file_path: { type: 'string' } } }, strict: false };

for (const [name, startHost] of [['Node', startNodeHost], ['workerd', startWorkerdHost]]) {
  describe(`OpenAI Responses (/v1/responses) against the ${name} host`, () => {
    let fake;
    let host;
    let client;
    before(async () => {
      fake = await startFakeProvider();
      host = await startHost({ config: config(fake.url), env: { OPENAI_API_KEY: KEY, ANTHROPIC_KEY } });
      client = new OpenAI({ baseURL: `${host.url}/v1`, apiKey: 'sk-client-not-forwarded', maxRetries: 0 });
    });
    after(async () => {
      await host?.stop();
      await fake?.close();
    });

    it('responses.create on an OpenAI endpoint: the native lane, fields the gateway does not model kept', async () => {
      const body = { model: 'chat', input: 'Hello', store: true, reasoning: { effort: 'low' }, tools: [{ type: 'web_search' }] };
      const response = await client.responses.create(body);
      assert.equal(response.output_text, 'Hello from fake');
      assert.equal(response.fake_only_field, 'kept');
      assertUpstream(fake.last(), { path: '/v1/responses', headers: { authorization: `Bearer ${KEY}`,
        'content-type': 'application/json' }, body: { ...body, model: 'gpt-4o-mini' } });
    });

    it('responses.stream on an OpenAI endpoint: the events relayed as OpenAI sent them', async () => {
      const stream = client.responses.stream({ model: 'chat', input: 'Hello' });
      let text = '';
      stream.on('response.output_text.delta', (e) => { text += e.delta; });
      const final = await stream.finalResponse();
      assert.equal(text, 'Hello from fake');
      assert.equal(final.usage.total_tokens, 12);
      assert.equal(fake.last().body.stream, true);
    });

    it('responses.create on an Anthropic endpoint: translated, a function call round trip', async () => {
      const input = [{ role: 'user', content: 'Read a.txt' },
        { type: 'function_call', call_id: 'call_1', name: 'Read', arguments: '{"file_path":"a.txt"}' },
        { type: 'function_call_output', call_id: 'call_1', output: 'contents' }];
      const response = await client.responses.create({ model: 'claude', instructions: 'Be brief.', input,
        tools: [WEATHER], max_output_tokens: 200 });
      assert.equal(response.object, 'response');
      assert.equal(response.status, 'completed');
      assert.equal(response.output_text, 'Hello from fake Claude');
      assert.deepEqual({ ...response.usage }, { input_tokens: 11, input_tokens_details: { cached_tokens: 0 },
        output_tokens: 5, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 16 });
      assertUpstream(fake.last(), { path: '/v1/messages', headers: ANTHROPIC_HEADERS, body: {
        model: 'claude-sonnet-4-5', system: 'Be brief.', max_tokens: 200,
        messages: [{ role: 'user', content: 'Read a.txt' },
          { role: 'assistant', content: [{ type: 'tool_use', id: 'call_1', name: 'Read', input: { file_path: 'a.txt' } }] },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'call_1', content: 'contents' }] }],
        tools: [{ name: 'Read', description: 'Read a file', input_schema: WEATHER.parameters, strict: false }] } });
    });

    it('responses.stream on an Anthropic endpoint: a function call whose arguments arrive in pieces', async () => {
      const stream = client.responses.stream({ model: 'claude', input: 'Read a.txt', tools: [WEATHER] });
      let args = '';
      stream.on('response.function_call_arguments.delta', (e) => { args += e.delta; });
      const final = await stream.finalResponse();
      assert.equal(args, '{"file_path": "/tmp/a.txt"}');
      const call = final.output.find((item) => item.type === 'function_call');
      assert.equal(call.call_id, 'toolu_fake1');
      assert.equal(call.arguments, args);
      assert.equal(final.status, 'completed');
      assert.equal(final.usage.output_tokens, 7);
    });

    it('the mock answers and streams; what cannot be translated is an OpenAI-shaped 400', async () => {
      const calls = fake.requests.length;
      const answer = await client.responses.create({ model: 'echo', input: 'Hi there' });
      assert.match(answer.output_text, /\[mock\] echo: Hi there/);
      let streamed = '';
      for await (const event of await client.responses.create({ model: 'echo', input: 'Hi there', stream: true })) {
        if (event.type === 'response.output_text.delta') streamed += event.delta;
      }
      assert.equal(streamed, answer.output_text);
      await assert.rejects(client.responses.create({ model: 'claude', input: 'x', previous_response_id: 'resp_1' }),
        (e) => e instanceof OpenAI.BadRequestError && e.param === 'previous_response_id');
      await assert.rejects(client.responses.create({ model: 'claude', input: 'x', tools: [{ type: 'web_search' }] }),
        (e) => e.status === 400 && /web_search/.test(e.message));
      assert.equal(fake.requests.length, calls, 'no upstream call for the mock or a refused request');
    });

    it('responses.inputTokens.count: OpenAI counts natively, Anthropic by translation, the mock estimates', async () => {
      const params = { instructions: 'Be brief.', input: 'How many tokens?' };
      assert.equal((await client.responses.inputTokens.count({ ...params, model: 'chat' })).input_tokens, 19);
      assertUpstream(fake.last(), { path: '/v1/responses/input_tokens', headers: { authorization: `Bearer ${KEY}`,
        'content-type': 'application/json' }, body: { ...params, model: 'gpt-4o-mini' } });
      assert.equal((await client.responses.inputTokens.count({ ...params, model: 'claude' })).input_tokens, 42);
      assertUpstream(fake.last(), { path: '/v1/messages/count_tokens', headers: ANTHROPIC_HEADERS, body: {
        model: 'claude-sonnet-4-5', system: 'Be brief.', messages: [{ role: 'user', content: 'How many tokens?' }] } });
      const estimated = await client.responses.inputTokens.count({ ...params, model: 'echo' });
      assert.equal(estimated.input_tokens, 10);  // ceil((16 + 9) / 4) + 3 for the one input
    });

    it('the AI SDK\'s default OpenAI model (Responses): generateText and streamText, native and translated', async () => {
      const openai = createOpenAI({ baseURL: `${host.url}/v1`, apiKey: 'sk-client-not-forwarded' });
      for (const [model, text] of [['chat', 'Hello from fake'], ['claude', 'Hello from fake Claude']]) {
        const result = await generateText({ model: openai(model), prompt: 'Hello', maxRetries: 0 });
        assert.equal(result.text, text);
        assert.equal(result.finishReason, 'stop');
        const streamed = streamText({ model: openai(model), prompt: 'Hello', maxRetries: 0, onError: () => {} });
        let out = '';
        for await (const delta of streamed.textStream) out += delta;
        assert.equal(out, model === 'claude' ? 'Hello from fake Claude' : text);
        assert.ok((await streamed.usage).outputTokens > 0);
      }
    });
  });
}
