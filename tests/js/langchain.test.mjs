// The LangChain.js classes and examples against a Node server on the mock
// config (examples/langchain.yaml): exact request bodies, reads, streaming,
// batching by 20, and the two examples run unchanged as child processes.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import { GatewayClient } from '../../bindings/client/client.mjs';
import { ChatMlflowAIGateway, MlflowAIGateway, MlflowAIGatewayEmbeddings } from '../../bindings/client/langchain.mjs';
import { ROOT, startNodeHost } from './hosts.mjs';

const run = promisify(execFile);

describe('LangChain.js integrations', () => {
  let host;
  let sent;
  let client;
  before(async () => {
    host = await startNodeHost({ config: fs.readFileSync(path.join(ROOT, 'examples/langchain.yaml'), 'utf8') });
    sent = [];
    const record = (url, init) => {
      sent.push({ path: new URL(url).pathname, body: init.body === undefined ? undefined : JSON.parse(init.body) });
      return fetch(url, init);
    };
    client = new GatewayClient({ gatewayUri: host.url, fetch: record });
  });
  after(() => host?.stop());

  test('MlflowAIGateway sends MLflow Params with explicit nulls; reads candidates[0].text', async () => {
    sent.length = 0;
    const llm = new MlflowAIGateway({ gatewayUri: host.url, route: 'completions',
      params: { temperature: 0.0, top_p: 0.1 }, client });
    assert.match(await llm.invoke('What is MLflow?'), /^\[mock\] echo: What is MLflow\?/);
    assert.deepEqual(sent[0], { path: '/gateway/completions/invocations', body: { prompt: 'What is MLflow?',
      temperature: 0.0, candidate_count: 1, stop: null, max_tokens: null, top_p: 0.1 } });
    await llm.invoke('stop here', { stop: ['END'] });
    assert.deepEqual(sent[1].body.stop, ['END']);
    const bare = new MlflowAIGateway({ gatewayUri: host.url, route: 'completions', client });
    await bare.invoke('no params');
    assert.deepEqual(sent[2].body, { prompt: 'no params' });
  });

  test('ChatMlflowAIGateway: invoke on /gateway, stream on /endpoints', async () => {
    sent.length = 0;
    const chat = new ChatMlflowAIGateway({ gatewayUri: host.url, route: 'chat', params: { temperature: 0.1 }, client });
    const answer = await chat.invoke([new SystemMessage('be brief'), new HumanMessage('hi there')]);
    assert.match(answer.content, /^\[mock\] echo: hi there/);
    assert.deepEqual(sent[0], { path: '/gateway/chat/invocations', body: {
      messages: [{ role: 'system', content: 'be brief' }, { role: 'user', content: 'hi there' }],
      temperature: 0.1, candidate_count: 1, stop: null, max_tokens: null } });
    const chunks = [];
    for await (const chunk of await chat.stream('stream this please')) chunks.push(chunk.content);
    assert.ok(chunks.length > 2, JSON.stringify(chunks));
    assert.match(chunks.join(''), /^\[mock\] echo: stream this please/);
    assert.equal(sent[1].path, '/endpoints/chat/invocations');
    assert.equal(sent[1].body.stream, true);
    assert.equal(sent[1].body.n, 1);
  });

  test('MlflowAIGatewayEmbeddings batches by 20 with {text: [...]}; reads embeddings', async () => {
    sent.length = 0;
    const embeddings = new MlflowAIGatewayEmbeddings({ gatewayUri: host.url, route: 'embeddings', client });
    const docs = Array.from({ length: 45 }, (_, i) => `doc ${i}`);
    const vectors = await embeddings.embedDocuments(docs);
    assert.equal(vectors.length, 45);
    assert.equal(vectors[44].length, 8);
    assert.deepEqual(sent.map((s) => s.body.text.length), [20, 20, 5]);
    assert.deepEqual(sent[2].body, { text: docs.slice(40) });
    assert.equal(sent[0].path, '/gateway/embeddings/invocations');
    const query = await embeddings.embedQuery('doc 44');
    assert.deepEqual(query, vectors[44]);
  });

  test('examples/langchain-*.mjs run unchanged against the gateway', async () => {
    const env = { ...process.env, GATEWAY_URI: host.url };
    const completions = await run(process.execPath, ['examples/langchain-completions.mjs'], { cwd: ROOT, env });
    assert.deepEqual(completions.stdout.trim().split('\n').map((l) => l.replace(/ #\w+$/, '')),
      ['[mock] echo: Tell me a funny joke', '[mock] echo: What is MLflow?']);
    const emb = await run(process.execPath, ['examples/langchain-embeddings.mjs'], { cwd: ROOT, env });
    const [query, documents] = emb.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(query.length, 8);
    assert.deepEqual(documents, [query]);
  });
});
