// Rate limits at the edge (issue 5): the worker in real workerd, run as TWO
// gateway services (two isolates, two ports) whose RATE_LIMITER binding is one
// Durable Object namespace. Concurrent clients spread over both isolates must
// get exactly N successes per key: the limit holds across isolates.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { freePort, ROOT, tempDir, workerModules } from './hosts.mjs';

const CONFIG = `endpoints:
  - name: chat
    endpoint_type: llm/v1/chat
    model: {provider: mock}
    limit: {calls: 3, renewal_period: minute}
  - name: free
    endpoint_type: llm/v1/chat
    model: {provider: mock}
routes:
  - name: split
    task_type: llm/v1/chat
    destinations:
      - {name: chat, traffic_percentage: 100}
`;

function moduleList(folder) {
  const rel = path.relative(folder, ROOT).split(path.sep).join('/');
  return workerModules().map((name) => {
    const kind = name.endsWith('.wasm') ? 'wasm' : name.endsWith('.mjs') ? 'esModule' : 'text';
    return `(name = ${JSON.stringify(name)}, ${kind} = embed ${JSON.stringify(`${rel}/${name}`)})`;
  }).join(',\n    ');
}

// Service "a" defines the namespace; "b" binds to a's. Same code, separate isolates.
function capnp(folder, ports) {
  const worker = (id, namespace) => `const ${id} :Workerd.Worker = (
  modules = [
    ${moduleList(folder)}
  ],
  compatibilityDate = "2025-09-01",
  compatibilityFlags = ["nodejs_compat"],
  ${id === 'a' ? 'durableObjectNamespaces = [(className = "RateLimiter", uniqueKey = "gw-rate-limiter")],\n  durableObjectStorage = (inMemory = void),' : ''}
  bindings = [(name = "GATEWAY_CONFIG", text = embed "config.yaml"), (name = "RATE_LIMITER", durableObjectNamespace = ${namespace})],
);`;
  return `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [(name = "a", worker = .a), (name = "b", worker = .b)],
  sockets = [
    (name = "http-a", address = "127.0.0.1:${ports[0]}", http = (), service = "a"),
    (name = "http-b", address = "127.0.0.1:${ports[1]}", http = (), service = "b"),
  ],
);
${worker('a', '"RateLimiter"')}
${worker('b', '(className = "RateLimiter", serviceName = "a")')}
`;
}

async function waitHealthy(urls, child, output, deadline) {
  for (const url of urls) {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`workerd exited:\n${output()}`);
      if (Date.now() > deadline) throw new Error(`workerd did not start:\n${output()}`);
      try {
        const res = await fetch(`${url}/health`);
        await res.arrayBuffer();
        if (res.ok) break;
      } catch { /* not yet */ }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

async function startTwoIsolates() {
  const folder = tempDir();
  fs.writeFileSync(path.join(folder, 'config.yaml'), CONFIG);
  const ports = [await freePort(), await freePort()];
  fs.writeFileSync(path.join(folder, 'gateway.capnp'), capnp(folder, ports));
  const bin = createRequire(import.meta.url).resolve('workerd/bin/workerd');
  const child = spawn(bin, ['serve', path.join(folder, 'gateway.capnp'), '--verbose'], { cwd: folder, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  const urls = ports.map((p) => `http://127.0.0.1:${p}`);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(folder, { recursive: true, force: true });
  };
  try {
    await waitHealthy(urls, child, () => output, Date.now() + 60000);
  } catch (error) {
    await stop();  // never leave workerd behind
    throw error;
  }
  return { urls, stop, output: () => output };
}

const HELLO = [{ role: 'user', content: 'hi' }];

function invoke(url, target, ip, model) {
  return fetch(`${url}${target}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'cf-connecting-ip': ip },
    body: JSON.stringify(model ? { model, messages: HELLO } : { messages: HELLO }),
  }).then(async (res) => ({ status: res.status, headers: res.headers, text: await res.text() }));
}

describe('rate limits in workerd: one Durable Object per route and client, shared by isolates', () => {
  let host;
  before(async () => { host = await startTwoIsolates(); });
  after(async () => { await host?.stop(); });

  it('20 concurrent clients over two isolates and every path: exactly 3 succeed', async () => {
    const targets = [['/gateway/chat/invocations'], ['/endpoints/chat/invocations'], ['/v1/chat/completions', 'chat'],
      ['/gateway/split/invocations']];
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) =>
      invoke(host.urls[i % 2], targets[i % 4][0], '198.51.100.7', targets[i % 4][1])));
    const statuses = results.map((r) => r.status).sort();
    assert.deepEqual(statuses.filter((s) => s === 200).length, 3, `statuses: ${statuses} ${host.output()}`);
    assert.equal(statuses.filter((s) => s === 429).length, 17);
    const refused = results.find((r) => r.status === 429 && !r.text.includes('"type"'));
    assert.deepEqual(JSON.parse(refused.text), { error: 'Rate limit exceeded: 3 per 1 minute' });
    assert.equal(refused.headers.get('x-ratelimit-remaining'), '0');
    assert.ok(Number(refused.headers.get('retry-after')) >= 1);
    const ok = results.find((r) => r.status === 200);
    assert.equal(ok.headers.get('x-ratelimit-limit'), '3');
  });

  it('another client key has its own window; unlimited routes are not counted', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) =>
      invoke(host.urls[i % 2], '/endpoints/chat/invocations', '198.51.100.8')));
    assert.equal(results.filter((r) => r.status === 200).length, 3);
    const free = await Promise.all(Array.from({ length: 8 }, (_, i) =>
      invoke(host.urls[i % 2], '/endpoints/free/invocations', '198.51.100.7')));
    assert.deepEqual(free.map((r) => r.status), Array(8).fill(200));
  });
});
