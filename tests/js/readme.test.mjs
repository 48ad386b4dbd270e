// README snippets are files under examples/: each `<!-- snippet: path -->` block must
// equal its file, and the files run here (library, client) or in the package test
// (edge worker) and langchain.test.mjs (LangChain examples).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { ROOT, startNodeHost } from './hosts.mjs';
import { MOCK_CONFIG } from './mock-config.mjs';

const run = promisify(execFile);
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const SNIPPET = /<!-- snippet: (\S+) -->\n```\w*\n([\s\S]*?)```\n/g;

test('every README snippet equals its file under examples/', () => {
  const snippets = [...README.matchAll(SNIPPET)];
  assert.ok(snippets.length >= 5, `found ${snippets.length}`);
  for (const [, file, text] of snippets) {
    assert.equal(text, fs.readFileSync(path.join(ROOT, file), 'utf8'), `README block for ${file}`);
  }
});

describe('README snippets run', () => {
  let host;
  before(async () => {
    host = await startNodeHost({ config: MOCK_CONFIG });
  });
  after(() => host?.stop());

  test('examples/library.mjs', async () => {
    const { stdout } = await run(process.execPath, ['examples/library.mjs'], { cwd: ROOT });
    const lines = stdout.trim().split('\n');
    assert.equal(lines[0], "[ 'chat' ]");
    assert.match(lines[1], /^\[mock\] echo: Hello!/);
    assert.match(lines[2], /^\[mock\] echo: Stream, please/);
    assert.equal(lines[3], '200');
  });

  test('examples/gateway-client.mjs against the Node server', async () => {
    const { stdout } = await run(process.execPath, ['examples/gateway-client.mjs'], { cwd: ROOT,
      env: { ...process.env, GATEWAY_URI: host.url } });
    const lines = stdout.trim().split('\n');
    assert.match(lines[0], /'chat', 'completions', 'embeddings'/);
    assert.match(lines[1], /^\[mock\] echo: Hello!/);
    assert.match(lines[2], /^\[mock\] echo: Stream, please/);
  });
});
