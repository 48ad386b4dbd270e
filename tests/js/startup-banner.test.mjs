// Issue 8: `ai-gateway start` prints the listening URL, the routes with their type and
// provider (never a key) and where the docs and the demo UI are.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, startNodeHost } from './hosts.mjs';

test('the startup banner lists routes, docs and demo UI, and no key', async () => {
  const config = readFileSync(join(ROOT, 'examples/config.yaml'), 'utf8');
  const key = 'sk-banner-secret-0123456789';
  const host = await startNodeHost({ config, env: { OPENAI_API_KEY: key, ANTHROPIC_API_KEY: '' } });
  try {
    for (let i = 0; i < 100 && !host.output().includes('demo UI'); i++) await new Promise((r) => setTimeout(r, 50));
    const out = host.output();
    assert.match(out, /listening on http:\/\/127\.0\.0\.1:\d+/);
    assert.match(out, /chat\s+llm\/v1\/chat\s+mock/);
    assert.match(out, /embeddings\s+llm\/v1\/embeddings\s+mock/);
    assert.match(out, /openai-chat\s+llm\/v1\/chat\s+openai\s+gpt-4o-mini/);
    assert.doesNotMatch(out, /anthropic-chat\s+llm/);
    assert.match(out, /docs: +http:\/\/127\.0\.0\.1:\d+\/docs/);
    assert.match(out, /demo UI: http:\/\/127\.0\.0\.1:\d+\/ui\//);
    assert.ok(!out.includes(key), 'a key in the startup output');
  } finally {
    await host.stop();
  }
});
