// The official `@google/genai` SDK pointed at MLflow 3's Gemini passthrough
// (`httpOptions.baseUrl = <gateway>/gateway/gemini`), on both hosts, with a fake Gemini
// upstream on loopback that checks the exact request it receives: generateContent,
// generateContentStream (relayed byte for byte), countTokens, the gateway key sent
// the SDK's way (`x-goog-api-key`) and never forwarded, and Google-shaped errors.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { GoogleGenAI } from '@google/genai';
import { startNodeHost, startWorkerdHost } from './hosts.mjs';

const PROVIDER_KEY = 'gemini-provider-key-0123456789';
const GATEWAY_KEY = 'gw-team-key-0123456789';
const ANSWER = { candidates: [{ content: { role: 'model', parts: [{ text: 'Hi there', thoughtSignature: 'c2ln' }] },
  finishReason: 'STOP', index: 0 }], usageMetadata: { promptTokenCount: 3, candidatesTokenCount: 2, totalTokenCount: 5 },
modelVersion: 'gemini-2.5-flash', responseId: 'r1' };
const CHUNKS = [
  { candidates: [{ content: { role: 'model', parts: [{ text: 'One,' }] }, index: 0 }], responseId: 's1' },
  { candidates: [{ content: { role: 'model', parts: [{ text: ' two.' }] }, finishReason: 'STOP', index: 0 }],
    usageMetadata: { promptTokenCount: 3, candidatesTokenCount: 4, totalTokenCount: 7 }, responseId: 's1' },
];

function startFakeGemini() {
  const seen = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body });
      if (req.url.endsWith(':countTokens')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ totalTokens: 11 }));
      } else if (req.url.includes(':streamGenerateContent')) {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.end(CHUNKS.map((c) => `data: ${JSON.stringify(c)}\r\n\r\n`).join(''));
      } else if (JSON.parse(body).generationConfig?.candidateCount === 99) {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 400, message: 'candidate_count: must be between 1 and 8',
          status: 'INVALID_ARGUMENT' } }));
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(ANSWER));
      }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${server.address().port}`, seen, last: () => seen.at(-1),
    close: () => new Promise((r) => server.close(r)) })));
}

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
  - name: mock-chat
    endpoint_type: llm/v1/chat
    model: {provider: mock, name: mock-chat}
`;

/** The upstream saw the provider's key only, and none of the SDK's own headers. */
function assertUpstreamHeaders(headers) {
  assert.equal(headers['x-goog-api-key'], PROVIDER_KEY);
  assert.equal(headers['content-type'], 'application/json');
  assert.equal(headers['x-goog-api-client'], undefined);
  assert.ok(!JSON.stringify(headers).includes(GATEWAY_KEY), 'the gateway key went upstream');
}

for (const [name, startHost] of [['Node', startNodeHost], ['workerd', startWorkerdHost]]) {
  describe(`@google/genai against the ${name} host (/gateway/gemini)`, () => {
    let fake;
    let host;
    let ai;
    before(async () => {
      fake = await startFakeGemini();
      host = await startHost({ config: config(fake.url), env: { GEMINI_API_KEY: PROVIDER_KEY } });
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
      const up = fake.last();
      assert.equal(up.url, '/v1beta/models/gemini-2.5-flash:generateContent');
      assertUpstreamHeaders(up.headers);
      assert.deepEqual(JSON.parse(up.body), { contents: [{ parts: [{ text: 'Hello' }], role: 'user' }],
        generationConfig: { temperature: 0.3, thinkingConfig: { thinkingBudget: 64 } } });
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
      assert.equal(fake.last().url, '/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse');
      assertUpstreamHeaders(fake.last().headers);
    });

    it('models.countTokens is answered by Gemini', async () => {
      const counted = await ai.models.countTokens({ model: 'gem', contents: 'How many?' });
      assert.equal(counted.totalTokens, 11);
      assert.equal(fake.last().url, '/v1beta/models/gemini-2.5-flash:countTokens');
    });

    it('errors are Google-shaped: the SDK raises ApiError with the status', async () => {
      const calls = fake.seen.length;
      await assert.rejects(ai.models.generateContent({ model: 'nope', contents: 'x' }),
        (e) => e.status === 404 && /model 'nope' does not exist/.test(e.message));
      await assert.rejects(ai.models.generateContent({ model: 'mock-chat', contents: 'x' }),
        (e) => e.status === 400 && /Gemini endpoints only/.test(e.message));
      assert.equal(fake.seen.length, calls, 'no upstream call for a request the gateway refuses');
      await assert.rejects(ai.models.generateContent({ model: 'gem', contents: 'x', config: { candidateCount: 99 } }),
        (e) => e.status === 400 && /candidate_count/.test(e.message));
      const bad = new GoogleGenAI({ apiKey: 'wrong-key', httpOptions: { baseUrl: `${host.url}/gateway/gemini` } });
      await assert.rejects(bad.models.generateContent({ model: 'gem', contents: 'x' }), (e) => e.status === 401);
    });
  });
}
