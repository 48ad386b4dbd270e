// The worker's bundled worker/gateway.yaml in real workerd: with no secret it serves the
// keyless mock endpoints (`npm run worker:dev` works out of the box, /health included);
// a provider's endpoints appear when its secret is set.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startWorkerdHost } from './hosts.mjs';

async function modelIds(host) {
  const res = await fetch(`${host.url}/v1/models`);
  assert.equal(res.status, 200);
  return (await res.json()).data.map((m) => m.id);
}

describe('the worker\'s bundled configuration', () => {
  it('serves the mock endpoints with no secret set', async () => {
    const host = await startWorkerdHost({ config: '' });  // empty GATEWAY_CONFIG: the bundled file
    try {
      assert.equal((await fetch(`${host.url}/health`)).status, 200);
      assert.deepEqual(await modelIds(host), ['chat', 'completions', 'embeddings']);
      const res = await fetch(`${host.url}/endpoints/chat/invocations`, { method: 'POST',
        headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messages: [{ role: 'user', content: 'hi' }] }) });
      assert.equal(res.status, 200);
      assert.match((await res.json()).choices[0].message.content, /^\[mock\] echo: hi/);
    } finally {
      await host.stop();
    }
  });

  it('adds the OpenAI endpoints when OPENAI_API_KEY is set', async () => {
    const host = await startWorkerdHost({ config: '', env: { OPENAI_API_KEY: 'sk-test-worker-default' } });
    try {
      assert.deepEqual(await modelIds(host),
        ['chat', 'completions', 'embeddings', 'openai-chat', 'openai-completions', 'openai-embeddings']);
    } finally {
      await host.stop();
    }
  });
});
