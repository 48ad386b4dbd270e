// `npm run soak [N]`: N (default 1,000,000) requests through one Wasm core in one process —
// mixed routes (OpenAI chat + embeddings with canned upstream bytes, the mock provider, a
// traffic split), errors (422 validation, upstream 500, malformed JSON) and streams — sampling
// the Wasm linear memory and the JS heap. Prints the samples and whether memory stayed flat
// after warm-up. Exit code 1 when it grew.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { CoreGateway, instantiateCore } from '../bindings/core.mjs';
import { loadWasmModule } from '../bindings/index.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const total = Number(process.argv[2] ?? 1_000_000);
const samples = 10;
const encoder = new TextEncoder();
const fixtures = JSON.parse(readFileSync(join(root, 'bench/fixtures.json'), 'utf8'));
const streamBytes = readFileSync(join(root, 'tests/conformance/openai/stream-chat-usage/upstream_response.sse'));
const json = (v) => encoder.encode(JSON.stringify(v));
const upstreamOk = [{ status: 200, headers: [['content-type', 'application/json']], body: json(fixtures.upstream_response) }];
const upstreamEmb = [{ status: 200, headers: [['content-type', 'application/json']],
  body: json({ object: 'list', data: [{ object: 'embedding', index: 0, embedding: [0.1, 0.2, 0.3] }], model: 'e', usage: { prompt_tokens: 1, total_tokens: 1 } }) }];
const upstream500 = [{ status: 500, headers: [['content-type', 'application/json']], body: json({ error: { message: 'boom' } }) }];

const post = (target, body) => ({ method: 'POST', target, headers: [], body: typeof body === 'string' ? body : json(body) });
const chatBody = fixtures.request;
const kinds = [
  { request: post('/endpoints/chat/invocations', chatBody), upstream: upstreamOk },
  { request: post('/v1/chat/completions', { ...chatBody, model: 'chat' }), upstream: upstream500 },
  { request: post('/endpoints/embeddings/invocations', { input: ['a', 'b'] }), upstream: upstreamEmb },
  { request: post('/endpoints/mock-chat/invocations', chatBody) },
  { request: post('/endpoints/split/invocations', chatBody), upstream: upstreamOk },
  { request: post('/endpoints/chat/invocations', { messages: [], temperature: 9 }) },
  { request: post('/endpoints/chat/invocations', '{"messages": [') },
  { request: post('/endpoints/chat/invocations', { ...chatBody, stream: true }), stream: true },
  { request: { method: 'GET', target: '/api/2.0/endpoints/', headers: [], body: '' } },
];

function runOne(core, kind, i) {
  const ctx = { nowMs: 1700000000000 + i, random: (i % 100) / 100, clientKey: '127.0.0.1' };
  const step = core.plan(kind.request, ctx);
  if (step.kind !== 'call') return step.status;
  if (kind.stream) {
    const { stream } = core.openStream(step.token, ctx.nowMs);
    const mid = i % streamBytes.length;
    stream.push(streamBytes.subarray(0, mid));
    stream.push(streamBytes.subarray(mid));
    stream.end();
    stream.close();
    return 200;
  }
  return core.finish(step.token, kind.upstream ?? upstreamOk, ctx).status;
}

const wasm = await instantiateCore(await loadWasmModule());
const core = new CoreGateway(wasm, { config: readFileSync(join(root, 'bench/soak-config.yaml'), 'utf8'), env: { OPENAI_API_KEY: 'sk-soak' } });
if (!core.ok) throw new Error(JSON.stringify(core.errors));
const rows = [];
const start = process.hrtime.bigint();
for (let i = 0; i < total; i++) {
  runOne(core, kinds[i % kinds.length], i);
  if ((i + 1) % (total / samples) === 0) {
    globalThis.gc?.();
    rows.push({ requests: i + 1, wasmMemoryKB: wasm.HEAPU8.length / 1024, wasmInUseKB: (wasm.heapBytesInUse?.() ?? 0) / 1024, jsHeapMB: process.memoryUsage().heapUsed / 1048576 });
  }
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
console.log(`soak: ${total} requests in ${seconds.toFixed(1)} s (${(seconds * 1e6 / total).toFixed(1)} µs each), ${kinds.length} request kinds`);
console.log('requests   | Wasm linear memory | Wasm heap in use | JS heap used');
for (const r of rows) console.log(`${String(r.requests).padStart(10)} | ${r.wasmMemoryKB.toFixed(0).padStart(15)} KB | ${r.wasmInUseKB.toFixed(1).padStart(13)} KB | ${r.jsHeapMB.toFixed(1).padStart(9)} MB`);
const afterWarmup = rows.slice(1);
const wasmGrowth = afterWarmup.at(-1).wasmMemoryKB - afterWarmup[0].wasmMemoryKB;
const inUseGrowth = afterWarmup.at(-1).wasmInUseKB - afterWarmup[0].wasmInUseKB;
const heapGrowth = afterWarmup.at(-1).jsHeapMB - afterWarmup[0].jsHeapMB;
const flat = wasmGrowth === 0 && inUseGrowth <= 1 && heapGrowth < 5;
console.log(`after warm-up: Wasm memory ${wasmGrowth >= 0 ? '+' : ''}${wasmGrowth} KB, Wasm heap in use ${inUseGrowth >= 0 ? '+' : ''}${inUseGrowth.toFixed(1)} KB, JS heap ${heapGrowth >= 0 ? '+' : ''}${heapGrowth.toFixed(1)} MB → ${flat ? 'flat' : 'GROWING'}`);
core.close();
process.exitCode = flat ? 0 : 1;
