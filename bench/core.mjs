// `npm run bench:core`: plan + finish per request, native vs Wasm-in-Node, for a
// ~1 KB and a ~100 KB chat request, plus the .wasm size raw and gzipped.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { CoreGateway, instantiateCore } from '../bindings/core.mjs';
import { loadWasmModule } from '../bindings/index.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const iterations = Number(process.argv[2] ?? 20000);
const fixtures = JSON.parse(readFileSync(join(root, 'bench/fixtures.json'), 'utf8'));
const config = readFileSync(join(root, 'bench/config.yaml'), 'utf8');
const encoder = new TextEncoder();

function bigRequest(request) {
  const copy = structuredClone(request);
  const text = copy.messages[1].content;
  let big = '';
  while (big.length < 100 * 1024) big += `${text} `;
  copy.messages[1].content = big;
  return copy;
}

/** µs per plan + finish through the Wasm core (bytes in, bytes out). */
export function wasmMicrosPerRequest(core, body, upstream, n, target = '/endpoints/chat/invocations') {
  const request = { method: 'POST', target, headers: [], body };
  const response = [{ status: 200, headers: [['content-type', 'application/json']], body: upstream }];
  const ctx = { nowMs: 1700000000000, random: 0.5, clientKey: '127.0.0.1' };
  let sink = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const call = core.plan(request, ctx);
    const done = core.finish(call.token, response, ctx);
    sink += done.body.length;
  }
  const us = Number(process.hrtime.bigint() - start) / 1000 / n;
  if (sink === 0) throw new Error('empty output');
  return us;
}

// The ~1 KB fixture as an Anthropic Messages request for `model`, and an Anthropic answer.
function messagesRequest(model) {
  const [system, ...turns] = fixtures.request.messages;
  return { model, max_tokens: fixtures.request.max_tokens, system: system.content, messages: turns,
    temperature: 0.7, top_p: 0.95, metadata: { user_id: fixtures.request.user } };
}
// The same as a Gemini generateContent body (its endpoint is in the path).
function geminiRequest() {
  const [system, ...turns] = fixtures.request.messages;
  return { systemInstruction: { parts: [{ text: system.content }] },
    contents: turns.map((t) => ({ role: t.role === 'assistant' ? 'model' : 'user', parts: [{ text: t.content }] })),
    generationConfig: { maxOutputTokens: fixtures.request.max_tokens, temperature: 0.7, topP: 0.95 } };
}
// The same as an OpenAI Responses body.
function responsesRequest(model) {
  const [system, ...turns] = fixtures.request.messages;
  return { model, instructions: system.content, input: turns, max_output_tokens: fixtures.request.max_tokens,
    temperature: 0.7, top_p: 0.95 };
}
function anthropicAnswer() {
  const text = fixtures.upstream_response.choices[0].message.content;
  return { id: 'msg_bench_0001', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5',
    content: [{ type: 'text', text }], stop_reason: 'end_turn', stop_sequence: null,
    usage: { input_tokens: 212, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 96 } };
}

/** µs per ~1 KB request on /v1/chat/completions, /v1/messages (translated and native lane) and
 * Gemini's generateContent translated to OpenAI. */
export function dialectMicros(core, n) {
  const upstreamOpenAI = encoder.encode(JSON.stringify(fixtures.upstream_response));
  const chat = encoder.encode(JSON.stringify({ model: 'chat', ...fixtures.request }));
  const translated = encoder.encode(JSON.stringify(messagesRequest('chat')));
  const native = encoder.encode(JSON.stringify(messagesRequest('claude')));
  const upstreamAnthropic = encoder.encode(JSON.stringify(anthropicAnswer()));
  return {
    chat_completions_us: wasmMicrosPerRequest(core, chat, upstreamOpenAI, n, '/v1/chat/completions'),
    messages_translated_us: wasmMicrosPerRequest(core, translated, upstreamOpenAI, n, '/v1/messages'),
    messages_native_us: wasmMicrosPerRequest(core, native, upstreamAnthropic, n, '/v1/messages'),
    gemini_translated_us: wasmMicrosPerRequest(core, encoder.encode(JSON.stringify(geminiRequest())), upstreamOpenAI, n,
      '/gateway/gemini/v1beta/models/chat:generateContent'),
    responses_translated_us: wasmMicrosPerRequest(core, encoder.encode(JSON.stringify(responsesRequest('claude'))),
      upstreamAnthropic, n, '/v1/responses'),
    responses_native_us: wasmMicrosPerRequest(core, encoder.encode(JSON.stringify(responsesRequest('chat'))),
      encoder.encode(JSON.stringify({ id: 'resp_1', object: 'response', status: 'completed', output: [] })), n, '/v1/responses'),
  };
}

async function wasmFigures() {
  const wasm = await instantiateCore(await loadWasmModule());
  const core = new CoreGateway(wasm, { config, env: { OPENAI_API_KEY: 'sk-bench', ANTHROPIC_API_KEY: 'sk-ant-bench' } });
  const small = encoder.encode(JSON.stringify(fixtures.request));
  const big = encoder.encode(JSON.stringify(bigRequest(fixtures.request)));
  const upstream = encoder.encode(JSON.stringify(fixtures.upstream_response));
  // Warm up for 2 s: V8 tiers hot Wasm functions up to TurboFan one by one (dynamic
  // tiering); a short warm-up would time part of the run on baseline (Liftoff) code.
  for (const until = Date.now() + 2000; Date.now() < until;) wasmMicrosPerRequest(core, small, upstream, 500);
  const smallUs = wasmMicrosPerRequest(core, small, upstream, iterations);
  const bigUs = wasmMicrosPerRequest(core, big, upstream, Math.max(1, Math.ceil(iterations / 50)));
  const dialects = dialectMicros(core, iterations);
  core.close();
  return { runtime: 'wasm (node)', request_bytes: small.length, us_per_request: smallUs,
    big_request_bytes: big.length, big_us_per_request: bigUs, ...dialects };
}

function nativeFigures() {
  const binary = join(root, 'build/native/gw_bench');
  if (!existsSync(binary)) return null;
  return JSON.parse(execFileSync(binary, [String(iterations)], { encoding: 'utf8' }).trim());
}

const rows = [nativeFigures(), await wasmFigures()].filter(Boolean);
const wasmPath = join(root, 'dist/gw-core.wasm');
const raw = statSync(wasmPath).size;
const gz = gzipSync(readFileSync(wasmPath), { level: 9 }).length;
console.log(`core: plan + finish per request (${iterations} iterations)`);
console.log('runtime        | ~1 KB request µs | ~100 KB request µs');
console.log('---------------|------------------|-------------------');
for (const r of rows) {
  console.log(`${r.runtime.padEnd(14)} | ${r.us_per_request.toFixed(2).padStart(16)} | ${r.big_us_per_request.toFixed(1).padStart(18)}`);
}
const dialectRow = rows.find((r) => r.chat_completions_us);
console.log('\nWasm in Node, ~1 KB chat, plan + finish per dialect (µs)');
console.log('/v1/chat/completions | /v1/messages → OpenAI (translated) | /v1/messages → Anthropic (native lane) | generateContent → OpenAI (translated)');
console.log(`${dialectRow.chat_completions_us.toFixed(2).padStart(20)} | ${dialectRow.messages_translated_us.toFixed(2).padStart(34)} | ${
  dialectRow.messages_native_us.toFixed(2).padStart(37)} | ${dialectRow.gemini_translated_us.toFixed(2).padStart(37)}`);
console.log('/v1/responses → Anthropic (translated) | /v1/responses → OpenAI (native lane)');
console.log(`${dialectRow.responses_translated_us.toFixed(2).padStart(38)} | ${dialectRow.responses_native_us.toFixed(2).padStart(36)}`);
console.log(`\n.wasm size: ${(raw / 1024).toFixed(1)} KB raw, ${(gz / 1024).toFixed(1)} KB gzipped (the worker bundle budget: tests/js/bundle-size.test.mjs)`);
const wasmRow = rows.find((r) => r.runtime.startsWith('wasm'));
console.log(`target: Wasm < 20 µs per ~1 KB request: ${wasmRow.us_per_request < 20 ? 'met' : 'NOT met'}`);
