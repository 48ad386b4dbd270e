#!/usr/bin/env node
// `npm run bench:http`: added latency and throughput of the Node server over a
// direct call to the same fake provider, with Portkey's gateway
// (@portkey-ai/gateway, its own Node server, pointed at the fake provider via
// x-portkey-custom-host) as the peer column. ~1 KB chat request.
//
// A "bare proxy" column (node:http in, forwarded unchanged, no parsing) measures
// the floor of any Node gateway hop on this machine.
// Every party is its own process: the fake provider, the gateway, Portkey, and
// the load generator (latency: sequential keep-alive requests timed with
// hrtime, the three targets interleaved so machine noise hits them alike;
// throughput: autocannon at concurrency 32).
//   env: BENCH_DURATION=5 (s per throughput run)  BENCH_ROUNDS=2 (best-of)
//        BENCH_LATENCY_REQUESTS=2000 (per target)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const SELF = fileURLToPath(import.meta.url);
const ROOT = path.resolve(path.dirname(SELF), '..');
const require = createRequire(import.meta.url);

const SYSTEM = 'You are a concise assistant for an engineering team. Answer in plain English, prefer short ' +
  'sentences, cite the relevant configuration key when you mention one, and never invent values. ' +
  'If a question is ambiguous, say which reading you chose. Keep code blocks minimal and runnable.';
const USER = 'Our gateway routes chat, completions and embeddings to several providers. Explain briefly how ' +
  'a per-route upstream timeout interacts with retries and fallbacks, and what status a client sees when ' +
  'every attempt times out. Also mention whether the request body is forwarded unchanged to an ' +
  'OpenAI-compatible provider or rewritten, and which fields are added by default. Thanks!';

/** The ~1 KB chat body with the given `model`. */
function chatBody(model) {
  return JSON.stringify({ model, messages: [{ role: 'system', content: SYSTEM }, { role: 'user', content: USER }],
    temperature: 0.7, max_tokens: 256 });
}

// ---------------------------------------------------------------- children

async function runFake() {
  const { startFakeProvider } = await import('../tests/js/fake-provider.mjs');
  const fake = await startFakeProvider({ record: false });
  process.stdout.write(`fake listening on ${fake.url}\n`);
}

// The floor of any Node gateway hop: node:http in, the same request forwarded
// unchanged over a keep-alive agent, the answer piped back. No parsing, no logic.
function runBareProxy(upstream) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const target = new URL(upstream);
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const up = http.request({ host: target.hostname, port: target.port, path: '/v1/chat/completions',
        method: 'POST', agent, headers: { 'content-type': 'application/json', authorization: 'Bearer sk-bench',
          'content-length': body.length } }, (upRes) => {
        const parts = [];
        upRes.on('data', (c) => parts.push(c));
        upRes.on('end', () => {
          const out = Buffer.concat(parts);
          res.writeHead(upRes.statusCode, { 'content-type': 'application/json', 'content-length': out.length });
          res.end(out);
        });
      });
      up.on('error', () => { res.writeHead(502); res.end(); });
      up.end(body);
    });
  });
  server.keepAliveTimeout = 65_000;
  server.listen(0, '127.0.0.1', () => process.stdout.write(`bare proxy listening on http://127.0.0.1:${server.address().port}\n`));
}

function timedRequest(agent, target) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const req = http.request(target.url, { method: 'POST', agent, headers: target.headers }, (res) => {
      res.on('data', () => {});
      res.on('end', () => resolve({ status: res.statusCode, us: Number(process.hrtime.bigint() - start) / 1000 }));
    });
    req.on('error', reject);
    req.end(target.body);
  });
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function runLatency(spec) {
  const { targets, requests, warmup } = JSON.parse(spec);
  const agents = targets.map(() => new http.Agent({ keepAlive: true, maxSockets: 1 }));
  const samples = targets.map(() => []);
  for (let i = 0; i < warmup + requests; i++) {
    for (let t = 0; t < targets.length; t++) {
      const r = await timedRequest(agents[t], targets[t]);
      if (r.status !== 200) throw new Error(`${targets[t].name}: status ${r.status}`);
      if (i >= warmup) samples[t].push(r.us);
    }
  }
  const out = {};
  targets.forEach((t, i) => {
    const s = samples[i].sort((a, b) => a - b);
    out[t.name] = { p50: percentile(s, 50), p99: percentile(s, 99), n: s.length };
  });
  process.stdout.write(JSON.stringify(out));
  agents.forEach((a) => a.destroy());
}

async function runThroughput(spec) {
  const { target, connections, duration } = JSON.parse(spec);
  const autocannon = require('autocannon');
  const result = await autocannon({ url: target.url, method: 'POST', headers: target.headers, body: target.body,
    connections, duration });
  process.stdout.write(JSON.stringify({ rps: result.requests.average, total: result.requests.total,
    non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts,
    p50ms: result.latency.p50, p99ms: result.latency.p99 }));
}

// ---------------------------------------------------------------- orchestration

/** User + system CPU time of a process in µs (Linux /proc/<pid>/stat; clock ticks at 100 Hz). */
function cpuMicros(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return NaN;
  }
}

const children = [];

function start(args, options = {}) {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
  children.push(child);
  let text = '';
  child.stdout.on('data', (d) => { if (text.length < 65536) text += d; });
  child.stderr.on('data', (d) => { if (text.length < 65536) text += d; });
  return { child, output: () => text };
}

function waitLine(proc, pattern, ms = 20000) {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + ms;
    const poll = setInterval(() => {
      const m = pattern.exec(proc.output());
      if (m) { clearInterval(poll); resolve(m); }
      else if (Date.now() > deadline || proc.child.exitCode !== null) {
        clearInterval(poll);
        reject(new Error(`did not start:\n${proc.output()}`));
      }
    }, 25);
  });
}

function collectJson(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SELF, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(child);
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`load child exited ${code}`))));
  });
}

function freePort() {
  return new Promise((resolve) => {
    const s = http.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function post(target) {
  const res = await fetch(target.url, { method: 'POST', headers: target.headers, body: target.body });
  return { status: res.status, json: await res.json().catch(() => null) };
}

async function waitReady(target, ms = 30000) {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      const r = await post(target);
      if (r.status === 200 && r.json?.choices?.[0]?.message?.content === 'Hello from fake') return;
      throw new Error(`${target.name}: ${r.status} ${JSON.stringify(r.json)}`);
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

async function startParties(dir) {
  const fake = start([SELF, 'fake']);
  const fakeUrl = (await waitLine(fake, /listening on (http:\/\/\S+)/))[1];
  const config = path.join(dir, 'config.yaml');
  fs.writeFileSync(config, `endpoints:\n  - name: chat\n    endpoint_type: llm/v1/chat\n    model:\n` +
    `      provider: openai\n      name: gpt-4o-mini\n      config:\n        openai_api_key: $OPENAI_API_KEY\n` +
    `        openai_api_base: ${fakeUrl}/v1\n`);
  const gateway = start([path.join(ROOT, 'worker/node/cli.mjs'), 'start', '--config-path', config, '--port', '0'],
    { env: { ...process.env, OPENAI_API_KEY: 'sk-bench' } });
  const gatewayUrl = (await waitLine(gateway, /listening on (http:\/\/\S+)/))[1];
  const bare = start([SELF, 'bare', fakeUrl]);
  const bareUrl = (await waitLine(bare, /listening on (http:\/\/\S+)/))[1];
  const portkeyPort = await freePort();
  const portkey = start([require.resolve('@portkey-ai/gateway/build/start-server.js'), `--port=${portkeyPort}`,
    '--headless'], { env: { ...process.env, NODE_ENV: 'production' } });
  const json = { 'content-type': 'application/json' };
  const upstreamBody = chatBody('gpt-4o-mini');
  return [
    { name: 'direct', url: `${fakeUrl}/v1/chat/completions`, body: upstreamBody, pid: fake.child.pid,
      headers: { ...json, authorization: 'Bearer sk-bench' } },
    { name: 'ai-gateway', url: `${gatewayUrl}/v1/chat/completions`, body: chatBody('chat'), headers: json,
      pid: gateway.child.pid },
    { name: 'bare proxy', url: `${bareUrl}/v1/chat/completions`, body: upstreamBody, headers: json,
      pid: bare.child.pid },
    { name: 'portkey', url: `http://127.0.0.1:${portkeyPort}/v1/chat/completions`, body: upstreamBody,
      pid: portkey.child.pid,
      headers: { ...json, authorization: 'Bearer sk-bench', 'x-portkey-provider': 'openai',
        'x-portkey-custom-host': `${fakeUrl}/v1` } },
  ];
}

const fmt = (n, digits = 0) => (n === undefined ? '-' : n.toLocaleString('en-US', { maximumFractionDigits: digits,
  minimumFractionDigits: digits }));

function printTable(latency, throughput) {
  const names = ['direct', 'bare proxy', 'ai-gateway', 'portkey'];
  const direct = latency.direct;
  const rows = [
    ['p50 latency, c=1 (µs)', (n) => fmt(latency[n].p50)],
    ['p99 latency, c=1 (µs)', (n) => fmt(latency[n].p99)],
    ['added p50 over direct (µs)', (n) => (n === 'direct' ? '-' : fmt(latency[n].p50 - direct.p50))],
    ['added p99 over direct (µs)', (n) => (n === 'direct' ? '-' : fmt(latency[n].p99 - direct.p99))],
    ['throughput, c=32 (req/s)', (n) => fmt(throughput[n].rps)],
    ['p50 / p99 latency, c=32 (ms)', (n) => `${fmt(throughput[n].p50ms, 1)} / ${fmt(throughput[n].p99ms, 1)}`],
    ['server CPU µs per request, c=32', (n) => fmt(throughput[n].cpuUsPerRequest, 1)],
    ['errors + non-2xx, c=32', (n) => fmt(throughput[n].errors + throughput[n].non2xx)],
  ];
  const width = [32, 12, 12, 12, 12];
  const line = (cells) => cells.map((c, i) => (i ? String(c).padStart(width[i]) : String(c).padEnd(width[i]))).join(' ');
  console.log(line(['', ...names]));
  for (const [label, cell] of rows) console.log(line([label, ...names.map(cell)]));
  const ratio = throughput['ai-gateway'].rps / throughput.portkey.rps;
  console.log(`\nai-gateway / portkey throughput: ${ratio.toFixed(2)}x` +
    `   (targets, issue 7: >= 10x throughput, <= 200 µs added p50)`);
  const bare = latency['bare proxy'].p50 - direct.p50;
  console.log(`added p50 over the bare Node proxy hop: ${fmt(latency['ai-gateway'].p50 - latency['bare proxy'].p50)} µs` +
    ` (the hop alone adds ${fmt(bare)} µs here)`);
}

async function orchestrate() {
  const duration = Number(process.env.BENCH_DURATION ?? 5);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
  const requests = Number(process.env.BENCH_LATENCY_REQUESTS ?? 2000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gw-bench-'));
  try {
    const targets = await startParties(dir);
    for (const t of targets) await waitReady(t);
    console.log(`node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), ` +
      `load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    console.log(`latency: ${requests} sequential requests per target, interleaved; ` +
      `throughput: autocannon, 32 connections, ${duration} s, best of ${rounds}\n`);
    const latency = await collectJson(['latency', JSON.stringify({ targets, requests, warmup: 300 })]);
    const throughput = {};
    for (let round = 0; round < rounds; round++) {
      for (const target of targets) {
        const cpu0 = cpuMicros(target.pid);
        const r = await collectJson(['throughput', JSON.stringify({ target, connections: 32, duration })]);
        r.cpuUsPerRequest = (cpuMicros(target.pid) - cpu0) / Math.max(1, r.total);
        if (!throughput[target.name] || r.rps > throughput[target.name].rps) throughput[target.name] = r;
      }
    }
    printTable(latency, throughput);
    fs.mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
    fs.writeFileSync(path.join(ROOT, 'bench/results/http.json'), JSON.stringify({ date: new Date().toISOString(),
      loadavg: os.loadavg(), latency, throughput }, null, 2));
  } finally {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const [mode, spec] = process.argv.slice(2);
const modes = { fake: runFake, bare: () => runBareProxy(spec), latency: () => runLatency(spec),
  throughput: () => runThroughput(spec) };
await (modes[mode] ?? orchestrate)();
