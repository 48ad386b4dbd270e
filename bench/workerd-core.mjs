// The Wasm core inside workerd for `npm run bench` (bench/all.mjs): GET
// /run?n=N&size=small|big runs N plan + finish loops in one request;
// /inst?k=K instantiates the module K times (and loads the config when
// &config=1). workerd freezes the clock while a request runs, so the caller
// times requests from outside and subtracts an n=0 / k=0 request.
import wasmModule from '../dist/gw-core.wasm';
import config from './config.yaml';
import fixturesText from './fixtures.json';
import { CoreGateway, instantiateCore } from '../bindings/core.mjs';

const encoder = new TextEncoder();
const fixtures = JSON.parse(fixturesText);
const env = { OPENAI_API_KEY: 'sk-bench' };
let core;

function bigRequest(request) {
  const copy = structuredClone(request);
  const text = copy.messages[1].content;
  let big = '';
  while (big.length < 100 * 1024) big += `${text} `;
  copy.messages[1].content = big;
  return copy;
}

const bodies = {
  small: encoder.encode(JSON.stringify(fixtures.request)),
  big: encoder.encode(JSON.stringify(bigRequest(fixtures.request))),
};
const upstream = encoder.encode(JSON.stringify(fixtures.upstream_response));

async function getCore() {
  core ??= new CoreGateway(await instantiateCore(wasmModule), { config, env });
  return core;
}

export default {
  async fetch(request) {
    const url = new URL(request.url);
    const n = Number(url.searchParams.get('n') ?? 0);
    if (url.pathname === '/inst') {
      const k = Number(url.searchParams.get('k') ?? 0);
      for (let i = 0; i < k; i++) {
        const wasm = await instantiateCore(wasmModule);
        if (url.searchParams.get('config') === '1') new CoreGateway(wasm, { config, env }).close();
      }
      return new Response('ok');
    }
    const gw = await getCore();
    const body = bodies[url.searchParams.get('size') ?? 'small'];
    const req = { method: 'POST', target: '/endpoints/chat/invocations', headers: [], body };
    const res = [{ status: 200, headers: [['content-type', 'application/json']], body: upstream }];
    const ctx = { nowMs: 1700000000000, random: 0.5, clientKey: '127.0.0.1' };
    let sink = 0;
    for (let i = 0; i < n; i++) {
      const call = gw.plan(req, ctx);
      sink += gw.finish(call.token, res, ctx).body.length;
    }
    return new Response(JSON.stringify({ n, sink, bytes: body.length }));
  },
};
