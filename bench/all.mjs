#!/usr/bin/env node
// `npm run bench` (issue 7): every benchmark in one run, one table with the
// targets marked met / not met. Reuses bench/core.mjs (native vs Wasm-in-Node)
// and bench/http.mjs (Node server vs direct vs Portkey, incl. server CPU µs per
// request), and adds: the core in workerd (bench/workerd-core.mjs), the worker
// in workerd (added p50/p99 at c=1, throughput at c=32, CPU, cold start,
// instantiate), streaming (added TTFB, per-chunk cost) and the sizes.
//   env: BENCH_QUICK=1 (shorter runs)  BENCH_SKIP_HTTP=1
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { freePort, startWorkerdHost, workerModules } from '../tests/js/hosts.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const quick = process.env.BENCH_QUICK === '1';
const rows = [];  // [section, metric, value, target, verdict]
const row = (section, metric, value, target = '', met = undefined) =>
  rows.push([section, metric, value, target, met === undefined ? '' : met ? 'met' : 'NOT met']);
const fmt = (n, d = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }) : '-');
const log = (s) => process.stderr.write(`[bench] ${s}\n`);

function cpuMicros(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * 10_000;
  } catch { return NaN; }
}

function runNode(args, env = {}) {
  return execFileSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 });
}

/** A bench/http.mjs load child (async: the hosts' output pipes must keep draining). */
function collect(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bench/http.mjs'), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`load child exited ${code}`))));
  });
}

// ---------------------------------------------------------------- core
function coreNative() {
  log('core: native vs Wasm-in-Node (bench/core.mjs)');
  const out = runNode([path.join(ROOT, 'bench/core.mjs'), quick ? '5000' : '10000']);
  const figures = {};
  for (const m of out.matchAll(/^(native|wasm \(node\))\s*\|\s*([\d.]+)\s*\|\s*([\d.]+)/gm)) {
    figures[m[1]] = { small: Number(m[2]), big: Number(m[3]) };
  }
  const dialects = out.match(/^\s*([\d.]+) \|\s*([\d.]+) \|\s*([\d.]+)$/m);
  if (dialects) figures.dialects = { chat: Number(dialects[1]), translated: Number(dialects[2]), native: Number(dialects[3]) };
  return figures;
}

function timeGet(url) {
  return new Promise((resolve, reject) => {
    const t = process.hrtime.bigint();
    http.get(url, { agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(Number(process.hrtime.bigint() - t) / 1000));
    }).on('error', reject);
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function medianGet(url, times) {
  const xs = [];
  for (let i = 0; i < times; i++) xs.push(await timeGet(url));
  return median(xs);
}

async function startCoreWorker() {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'gw-bench-wd-'));
  const port = await freePort();
  const rel = path.relative(folder, ROOT).split(path.sep).join('/');
  const modules = workerModules('bench/workerd-core.mjs').map((name) => {
    const kind = name.endsWith('.wasm') ? 'wasm' : name.endsWith('.mjs') ? 'esModule' : 'text';
    return `(name = ${JSON.stringify(name)}, ${kind} = embed ${JSON.stringify(`${rel}/${name}`)})`;
  });
  fs.writeFileSync(path.join(folder, 'bench.capnp'), `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [(name = "main", worker = .w)],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
const w :Workerd.Worker = (modules = [${modules.join(', ')}], compatibilityDate = "2025-09-01",
  compatibilityFlags = ["nodejs_compat"]);
`);
  const child = spawn(require.resolve('workerd/bin/workerd'), ['serve', path.join(folder, 'bench.capnp')],
    { stdio: ['ignore', 'ignore', 'inherit'], cwd: folder });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try { await timeGet(`${url}/run?n=0`); break; } catch { await new Promise((r) => setTimeout(r, 50)); }
  }
  return { url, stop: () => { child.kill('SIGKILL'); fs.rmSync(folder, { recursive: true, force: true }); } };
}

async function coreWorkerd() {
  log('core: Wasm-in-workerd (bench/workerd-core.mjs)');
  const w = await startCoreWorker();
  try {
    const n = quick ? 5000 : 10000;
    await timeGet(`${w.url}/run?n=2000`);
    const base = await medianGet(`${w.url}/run?n=0`, 9);
    const small = (await medianGet(`${w.url}/run?n=${n}`, 3) - base) / n;
    const nb = Math.ceil(n / 50);
    await timeGet(`${w.url}/run?size=big&n=20`);
    const big = (await medianGet(`${w.url}/run?size=big&n=${nb}`, 3) - base) / nb;
    const k = 20;
    const ibase = await medianGet(`${w.url}/inst?k=0`, 9);
    const inst = (await medianGet(`${w.url}/inst?k=${k}`, 3) - ibase) / k;
    const instCfg = (await medianGet(`${w.url}/inst?k=${k}&config=1`, 3) - ibase) / k;
    return { small, big, inst, instCfg };
  } finally { w.stop(); }
}

// ---------------------------------------------------------------- workerd host
const CHAT_MODEL_BODY = (model) => JSON.stringify({ model, messages: [
  { role: 'system', content: 'You are a concise assistant for an engineering team. '.repeat(6) },
  { role: 'user', content: 'Explain how a per-route upstream timeout interacts with retries. '.repeat(6) }],
  temperature: 0.7, max_tokens: 256 });

function startFake() {
  const child = spawn(process.execPath, [path.join(ROOT, 'bench/http.mjs'), 'fake'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve) => {
    let text = '';
    child.stdout.on('data', (d) => {
      text += d;
      const m = /listening on (http:\/\/\S+)/.exec(text);
      if (m) resolve({ url: m[1], pid: child.pid, stop: () => child.kill('SIGKILL') });
    });
  });
}

const chatConfig = (base) => `endpoints:\n  - name: chat\n    endpoint_type: llm/v1/chat\n    model:\n` +
  `      provider: openai\n      name: gpt-4o-mini\n      config:\n        openai_api_key: $OPENAI_API_KEY\n` +
  `        openai_api_base: ${base}/v1\n`;

async function workerdHost() {
  log('worker in workerd: cold start, c=1 latency, c=32 throughput');
  const fake = await startFake();
  const started = process.hrtime.bigint();
  const host = await startWorkerdHost({ config: chatConfig(fake.url), env: { OPENAI_API_KEY: 'sk-bench' } });
  const readyMs = Number(process.hrtime.bigint() - started) / 1e6;
  const json = { 'content-type': 'application/json' };
  const target = { name: 'workerd', url: `${host.url}/v1/chat/completions`, body: CHAT_MODEL_BODY('chat'), headers: json };
  const direct = { name: 'direct', url: `${fake.url}/v1/chat/completions`, body: CHAT_MODEL_BODY('gpt-4o-mini'),
    headers: { ...json, authorization: 'Bearer sk-bench' } };
  try {
    const t = process.hrtime.bigint();
    const res = await fetch(target.url, { method: 'POST', headers: json, body: target.body });
    await res.arrayBuffer();
    const coldMs = Number(process.hrtime.bigint() - t) / 1e6;
    const latency = await collect(['latency', JSON.stringify({ targets: [direct, target], requests: quick ? 500 : 1000, warmup: 200 })]);
    const cpu0 = cpuMicros(host.child.pid);
    const thr = await collect(['throughput', JSON.stringify({ target, connections: 32, duration: quick ? 2 : 3 })]);
    thr.cpuUsPerRequest = (cpuMicros(host.child.pid) - cpu0) / Math.max(1, thr.total);
    return { readyMs, coldMs, latency, thr };
  } finally {
    await host.stop();
    fake.stop();
  }
}

// ---------------------------------------------------------------- streaming
const STREAM_CHUNKS = 500;

async function streamFake() {
  const chunk = (i) => `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm',
    choices: [{ index: 0, delta: { content: `tok${i} ` }, logprobs: null, finish_reason: null }] })}\n\n`;
  const payload = Array.from({ length: STREAM_CHUNKS }, (_, i) => chunk(i)).join('') + 'data: [DONE]\n\n';
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(chunk(-1));  // the first byte at once, the rest in one burst
      res.end(payload);
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

function timedStream(agent, url, body, headers) {
  return new Promise((resolve, reject) => {
    const t = process.hrtime.bigint();
    let ttfb;
    const req = http.request(url, { method: 'POST', agent, headers }, (res) => {
      res.on('data', () => { ttfb ??= Number(process.hrtime.bigint() - t) / 1000; });
      res.on('end', () => resolve({ ttfb, total: Number(process.hrtime.bigint() - t) / 1000, status: res.statusCode }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function streaming() {
  log('streaming: added TTFB and per-chunk cost (Node server and workerd)');
  const { startNodeHost } = await import('../tests/js/hosts.mjs');
  const fake = await streamFake();
  const env = { OPENAI_API_KEY: 'sk-bench' };
  const hosts = [await startNodeHost({ config: chatConfig(fake.url), env }),
    await startWorkerdHost({ config: chatConfig(fake.url), env })];
  const json = { 'content-type': 'application/json' };
  const body = (model) => JSON.stringify({ model, stream: true, messages: [{ role: 'user', content: 'hi' }] });
  const targets = [{ name: 'direct', url: `${fake.url}/v1/chat/completions`, body: body('m'), headers: json },
    ...hosts.map((h) => ({ name: h.name, url: `${h.url}/v1/chat/completions`, body: body('chat'), headers: json }))];
  const samples = Object.fromEntries(targets.map((t) => [t.name, { ttfb: [], total: [] }]));
  const agents = targets.map(() => new http.Agent({ keepAlive: true, maxSockets: 1 }));
  const n = quick ? 60 : 100;
  try {
    for (let i = 0; i < n + 20; i++) {
      for (let j = 0; j < targets.length; j++) {
        const r = await timedStream(agents[j], targets[j].url, targets[j].body, targets[j].headers);
        if (r.status !== 200) throw new Error(`${targets[j].name} stream: ${r.status}`);
        if (i >= 20) { samples[targets[j].name].ttfb.push(r.ttfb); samples[targets[j].name].total.push(r.total); }
      }
    }
  } finally {
    agents.forEach((a) => a.destroy());
    for (const h of hosts) await h.stop();
    fake.close();
  }
  const d = samples.direct;
  const out = {};
  for (const name of ['node', 'workerd']) {
    const s = samples[name];
    out[name] = { addedTtfb: median(s.ttfb) - median(d.ttfb),
      perChunk: (median(s.total) - median(d.total)) / (STREAM_CHUNKS + 2) };
  }
  return out;
}

// ---------------------------------------------------------------- sizes
function sizes() {
  log('sizes: .wasm and wrangler bundle (wrangler deploy --dry-run)');
  const wasm = fs.readFileSync(path.join(ROOT, 'dist/gw-core.wasm'));
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'gw-bundle-'));
  let bundleRaw = NaN;
  let bundleGz = NaN;
  try {
    execFileSync(process.execPath, [require.resolve('wrangler/bin/wrangler.js'), 'deploy', '--dry-run', '--outdir', out,
      '-c', path.join(ROOT, 'worker/wrangler.toml')], { cwd: ROOT, stdio: 'ignore', timeout: 120000 });
    bundleRaw = 0;
    bundleGz = 0;
    for (const f of fs.readdirSync(out)) {
      if (f.endsWith('.map') || f === 'README.md') continue;
      const bytes = fs.readFileSync(path.join(out, f));
      bundleRaw += bytes.length;
      bundleGz += gzipSync(bytes, { level: 9 }).length;
    }
  } catch (error) { log(`wrangler dry run failed: ${error.message}`); }
  fs.rmSync(out, { recursive: true, force: true });
  return { wasmRaw: wasm.length, wasmGz: gzipSync(wasm, { level: 9 }).length, bundleRaw, bundleGz };
}

// ---------------------------------------------------------------- main
const t0 = Date.now();
const core = coreNative();
const wd = await coreWorkerd();
row('core (plan+finish)', 'native, ~1 KB chat (µs)', fmt(core.native?.small, 2));
row('core (plan+finish)', 'Wasm in Node, ~1 KB chat (µs)', fmt(core['wasm (node)']?.small, 2), '<= 20', core['wasm (node)']?.small <= 20);
row('core (plan+finish)', 'Wasm in workerd, ~1 KB chat (µs)', fmt(wd.small, 2), '<= 20', wd.small <= 20);
row('core (plan+finish)', 'native, ~100 KB chat (µs)', fmt(core.native?.big, 1));
row('core (plan+finish)', 'Wasm in Node, ~100 KB chat (µs)', fmt(core['wasm (node)']?.big, 1));
row('core (plan+finish)', 'Wasm in workerd, ~100 KB chat (µs)', fmt(wd.big, 1));
row('core (plan+finish)', 'Wasm in Node, ~1 KB /v1/chat/completions (µs)', fmt(core.dialects?.chat, 2));
row('core (plan+finish)', 'Wasm in Node, ~1 KB /v1/messages → OpenAI, translated (µs)', fmt(core.dialects?.translated, 2));
row('core (plan+finish)', 'Wasm in Node, ~1 KB /v1/messages → Anthropic, native lane (µs)', fmt(core.dialects?.native, 2));

if (process.env.BENCH_SKIP_HTTP !== '1') {
  log('HTTP: Node server vs direct vs Portkey (bench/http.mjs)');
  execFileSync(process.execPath, [path.join(ROOT, 'bench/http.mjs')], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, BENCH_DURATION: quick ? '2' : '3', BENCH_ROUNDS: '1', BENCH_LATENCY_REQUESTS: quick ? '500' : '1000' } });
  const h = JSON.parse(fs.readFileSync(path.join(ROOT, 'bench/results/http.json'), 'utf8'));
  const added = (n, p) => h.latency[n][p] - h.latency.direct[p];
  const ratio = h.throughput['ai-gateway'].rps / h.throughput.portkey.rps;
  for (const n of ['direct', 'bare proxy', 'ai-gateway', 'portkey']) {
    const label = n === 'ai-gateway' ? 'Node server' : n === 'bare proxy' ? 'bare node:http proxy (floor)' : n;
    if (n !== 'direct') {
      row('HTTP, ~1 KB chat', `${label}: added p50 / p99, c=1 (µs)`, `${fmt(added(n, 'p50'))} / ${fmt(added(n, 'p99'))}`,
        n === 'ai-gateway' ? 'p50 <= 200' : '', n === 'ai-gateway' ? added(n, 'p50') <= 200 : undefined);
    }
    row('HTTP, ~1 KB chat', `${label}: throughput c=32 (req/s)`, fmt(h.throughput[n].rps));
    row('HTTP, ~1 KB chat', `${label}: server CPU per request (µs)`, fmt(h.throughput[n].cpuUsPerRequest, 1));
  }
  row('HTTP, ~1 KB chat', 'Node server / Portkey throughput', `${fmt(ratio, 2)}x`, '>= 10x', ratio >= 10);
}

const w = await workerdHost();
row('worker in workerd', 'startup to healthy (ms)', fmt(w.readyMs, 0));
row('worker in workerd', 'cold start: first chat request (ms)', fmt(w.coldMs, 1));
row('worker in workerd', 'instantiate (ms)', fmt(wd.inst / 1000, 2), '<= 10', wd.inst / 1000 <= 10);
row('worker in workerd', 'instantiate + config load (ms)', fmt(wd.instCfg / 1000, 2));
row('worker in workerd', 'added p50 / p99, c=1 (µs)', `${fmt(w.latency.workerd.p50 - w.latency.direct.p50)} / ${
  fmt(w.latency.workerd.p99 - w.latency.direct.p99)}`);
row('worker in workerd', 'throughput c=32 (req/s)', fmt(w.thr.rps));
row('worker in workerd', 'server CPU per request (µs)', fmt(w.thr.cpuUsPerRequest, 1));

const st = await streaming();
for (const n of ['node', 'workerd']) {
  row('streaming', `${n === 'node' ? 'Node server' : 'workerd'}: added TTFB (µs)`, fmt(st[n].addedTtfb));
  row('streaming', `${n === 'node' ? 'Node server' : 'workerd'}: added per chunk (µs, ${STREAM_CHUNKS} chunks)`, fmt(st[n].perChunk, 2));
}

const sz = sizes();
row('sizes', '.wasm raw / gzipped (KB)', `${fmt(sz.wasmRaw / 1024, 1)} / ${fmt(sz.wasmGz / 1024, 1)}`);
row('sizes', 'worker bundle raw / gzipped (KB)', `${fmt(sz.bundleRaw / 1024, 1)} / ${fmt(sz.bundleGz / 1024, 1)}`,
  '<= 400 gz', sz.bundleGz / 1024 <= 400);

const widths = [20, 44, 16, 12, 8];
const line = (cells) => cells.map((c, i) => (i === 2 ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i]))).join(' | ');
console.log(`node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), load average ${
  os.loadavg().map((l) => l.toFixed(1)).join(' ')}, ${new Date().toISOString()}`);
console.log(line(['section', 'metric', 'value', 'target', 'verdict']));
console.log(widths.map((x) => '-'.repeat(x)).join('-|-'));
for (const r of rows) console.log(line(r));
console.log(`\n(${((Date.now() - t0) / 1000).toFixed(0)} s; figures are from one run on a shared machine: noisy)`);
fs.mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
fs.writeFileSync(path.join(ROOT, 'bench/results/all.json'), JSON.stringify({ date: new Date().toISOString(),
  loadavg: os.loadavg(), rows }, null, 2));
