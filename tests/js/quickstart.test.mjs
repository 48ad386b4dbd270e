// The README's Quick start (issue 8): with no provider key set, the CLI started
// on examples/config.yaml answers the README's first curl, the other two route
// types and a stream (all through the built-in mock provider).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = `${ROOT}worker/node/cli.mjs`;
const SKIP = fs.existsSync(CLI) ? false : 'worker/node/cli.mjs does not exist yet (the Node server/CLI)';
const START_TIMEOUT_MS = 20000;

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// Starts the CLI and resolves once it prints its listening line.
function startCli(port) {
  const child = spawn(process.execPath, [CLI, 'start', '--config-path', 'examples/config.yaml',
    '--port', String(port), '--no-watch'], {
    cwd: ROOT,
    env: { ...process.env, OPENAI_API_KEY: '', ANTHROPIC_API_KEY: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listening line in time:\n${output}`)),
      START_TIMEOUT_MS);
    const onData = (data) => {
      output += data;
      if (output.includes(`:${port}`)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (data) => { output += data; });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the CLI exited with ${code}:\n${output}`));
    });
  });
  return { child, ready, output: () => output };
}

async function postJson(url, body) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body) });
  return { status: res.status, contentType: res.headers.get('content-type'), text: await res.text() };
}

describe('Quick start: `npm start`, then the README curl', { skip: SKIP }, () => {
  let cli;
  let base;

  before(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    cli = startCli(port);
    await cli.ready;
  });

  after(async () => {
    if (!cli || cli.child.exitCode !== null) return;
    const exited = new Promise((resolve) => cli.child.once('exit', resolve));
    cli.child.kill('SIGINT');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
  });

  it('the README first curl answers (chat through the mock)', async () => {
    // curl -s http://127.0.0.1:5000/endpoints/chat/invocations -H 'content-type: application/json' \
    //   -d '{"messages": [{"role": "user", "content": "Hello!"}]}'
    const res = await postJson(`${base}/endpoints/chat/invocations`,
      { messages: [{ role: 'user', content: 'Hello!' }] });
    assert.equal(res.status, 200, res.text);
    const body = JSON.parse(res.text);
    assert.match(body.choices[0].message.content, /^\[mock\] echo: Hello! #[0-9a-f]{8}$/);
    assert.equal(body.provider, 'mock');
  });

  it('completions and embeddings answer too', async () => {
    const completion = await postJson(`${base}/v1/completions`, { model: 'completions', prompt: 'Hi' });
    assert.equal(completion.status, 200, completion.text);
    assert.match(JSON.parse(completion.text).choices[0].text, /^\[mock\] /);
    const embeddings = await postJson(`${base}/endpoints/embeddings/invocations`, { input: 'Hi' });
    assert.equal(embeddings.status, 200, embeddings.text);
    assert.equal(JSON.parse(embeddings.text).data[0].embedding.length, 8);
  });

  it('a stream answers as server-sent events', async () => {
    const res = await postJson(`${base}/endpoints/chat/invocations`,
      { messages: [{ role: 'user', content: 'Stream' }], stream: true });
    assert.equal(res.status, 200, res.text);
    assert.match(res.contentType, /^text\/event-stream/);
    const chunks = res.text.split('\n\n').filter(Boolean).map((e) => JSON.parse(e.slice('data: '.length)));
    assert.equal(chunks.at(-1).choices[0].finish_reason, 'stop');
    assert.ok(chunks.at(-1).usage.total_tokens > 0);
  });

  it('the OpenAI and Anthropic routes are not served without their keys', async () => {
    const res = await fetch(`${base}/v1/models`);
    const ids = (await res.json()).data.map((m) => m.id);
    assert.deepEqual(ids, ['chat', 'completions', 'embeddings']);
  });
});
