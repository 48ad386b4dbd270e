// Hot reload of the Node server's config file: a valid change is swapped in, an
// invalid one is logged while the old config keeps serving, a deleted file keeps
// the old config, an in-flight request is not dropped, key files are re-read.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startFakeProvider } from './fake-provider.mjs';
import { startNodeHost, tempDir } from './hosts.mjs';

const KEY = 'sk-test-reload-0123456789';

function endpoint(name, model, base, key = '$OPENAI_API_KEY') {
  return `  - name: ${name}
    endpoint_type: llm/v1/chat
    model:
      provider: openai
      name: ${model}
      config:
        openai_api_key: ${key}
        openai_api_base: ${base}/v1
`;
}

async function waitUntil(check, what, ms = 5000) {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 30));
  }
}

describe('hot reload (Node server)', () => {
  let fake;
  let host;
  let dir;
  let keyFile;
  let base;
  const config = (...names) => `endpoints:\n${names.map((n) => endpoint(n, n.startsWith('slow') ? 'slow-model'
    : 'gpt-4o-mini', base)).join('')}`;
  const models = async () => (await (await fetch(`${host.url}/v1/models`)).json()).data.map((m) => m.id);
  const write = (text) => fs.writeFileSync(host.configPath, text);
  const chat = (name) => fetch(`${host.url}/endpoints/${name}/invocations`, { method: 'POST',
    headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messages: [{ role: 'user', content: 'x' }] }) });

  before(async () => {
    fake = await startFakeProvider({ slowMs: 700 });
    base = fake.url;
    dir = tempDir();
    keyFile = path.join(dir, 'openai.key');
    fs.writeFileSync(keyFile, 'sk-from-file-1');
    host = await startNodeHost({ config: config('chat', 'slow'), env: { OPENAI_API_KEY: KEY }, dir });
  });
  after(async () => {
    await host?.stop();
    await fake?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a valid change is swapped in', async () => {
    write(config('chat', 'slow', 'chat2'));
    await waitUntil(async () => (await models()).includes('chat2'), 'chat2');
    await waitUntil(() => /config: reloaded /.test(host.output()), 'the reload log line');
  });

  it('an invalid change is reported with line:column and the old config keeps serving', async () => {
    write(`${config('chat', 'slow', 'chat2')}  - name: broken\n    endpoint_type: llm/v1/chat\n    model:\n` +
      '      provider: openai\n      name: x\n      config:\n        openai_api_key: $NOT_SET_ANYWHERE\n');
    await waitUntil(() => host.output().includes('invalid change') && host.output().includes('NOT_SET_ANYWHERE'),
      'the error report');
    assert.match(host.output(), /config error: .*config\.yaml:\d+:\d+: Environment variable 'NOT_SET_ANYWHERE' is not set/);
    assert.deepEqual(await models(), ['chat', 'slow', 'chat2']);
    assert.equal((await chat('chat2')).status, 200);
  });

  it('a deleted file keeps the old config', async () => {
    fs.unlinkSync(host.configPath);
    await waitUntil(() => host.output().includes('was deleted'), 'the deletion notice');
    assert.deepEqual(await models(), ['chat', 'slow', 'chat2']);
  });

  it('an in-flight request is not dropped by a reload', async () => {
    write(config('chat', 'slow'));
    await waitUntil(async () => !(await models()).includes('chat2'), 'the restored config');
    const inFlight = chat('slow');
    await waitUntil(() => fake.requests.some((r) => r.body?.model === 'slow-model'), 'the slow upstream call');
    write(config('chat', 'chat3'));  // removes `slow` while its request is in flight
    await waitUntil(async () => (await models()).includes('chat3'), 'chat3');
    const res = await inFlight;
    assert.equal(res.status, 200);
    assert.equal((await res.json()).choices[0].message.content, 'Hello from fake');
    assert.equal((await chat('slow')).status, 404);
  });

  it('keys are re-resolved on reload (a key given as a file path is re-read)', async () => {
    write(`endpoints:\n${endpoint('chat', 'gpt-4o-mini', base, keyFile)}`);
    await waitUntil(async () => (await models()).length === 1, 'the key-file config');
    assert.equal((await chat('chat')).status, 200);
    assert.equal(fake.last().headers.authorization, 'Bearer sk-from-file-1');
    fs.writeFileSync(keyFile, 'sk-from-file-2');
    write(`# touched\nendpoints:\n${endpoint('chat', 'gpt-4o-mini', base, keyFile)}`);
    await waitUntil(async () => {
      await chat('chat');
      return fake.last().headers.authorization === 'Bearer sk-from-file-2';
    }, 'the new key');
  });

  it('no key in the log', () => {
    for (const secret of [KEY, 'sk-from-file-1', 'sk-from-file-2']) assert.ok(!host.output().includes(secret));
  });
});
