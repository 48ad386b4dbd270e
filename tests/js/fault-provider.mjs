// A scripted faulty OpenAI-compatible provider for tests/js/faults.test.mjs
// (issue 7). The fault is chosen by the upstream `model` name:
//   fault-500        → 500 OpenAI error JSON
//   fault-429        → 429 with Retry-After: 7
//   fault-slowhead   → headers only after `slowMs` (past the endpoint's timeout)
//   fault-slowbody   → headers at once, the body trickled over `slowMs`
//   fault-garbage    → 200 application/json that is not JSON
//   fault-html       → 502-style HTML error page (text/html)
//   fault-truncsse   → stream: one SSE chunk, then the socket is destroyed
//   fault-reset      → the socket is destroyed before any response
//   fault-huge       → 200 application/json of `hugeBytes` bytes (Content-Length), written in 1 MB chunks
//   fault-hugechunked → the same, chunked (no Content-Length)
import http from 'node:http';

const MB = 1024 * 1024;

function json(res, status, value, extra = {}) {
  const text = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...extra });
  res.end(text);
}

const chunk = (delta) => `data: ${JSON.stringify({ id: 'chatcmpl-f', object: 'chat.completion.chunk',
  created: 1721075000, model: 'fault', choices: [{ index: 0, delta, logprobs: null, finish_reason: null }] })}\n\n`;

function writeHuge(res, total, declared = true) {
  res.writeHead(200, { 'content-type': 'application/json', ...(declared ? { 'content-length': total } : {}) });
  const block = Buffer.alloc(MB, 0x20);  // spaces: valid JSON whitespace, so only size is the fault
  let sent = 0;
  const pump = () => {
    while (sent < total) {
      const n = Math.min(MB, total - sent);
      sent += n;
      if (!res.write(n === MB ? block : block.subarray(0, n))) { res.once('drain', pump); return; }
    }
    res.end();
  };
  res.on('error', () => {});
  pump();
}

const FAULTS = {
  'fault-500': (req, res) => json(res, 500, { error: { message: 'The server had an error', type: 'server_error' } }),
  'fault-429': (req, res) => json(res, 429, { error: { message: 'Rate limit reached', type: 'requests',
    code: 'rate_limit_exceeded' } }, { 'retry-after': '7' }),
  'fault-slowhead': (req, res, o) => { setTimeout(() => json(res, 200, { late: true }), o.slowMs); },
  'fault-slowbody': (req, res, o) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"id":"x",');
    setTimeout(() => res.end('"object":"chat.completion"}'), o.slowMs);
  },
  'fault-garbage': (req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"id": "x", "choices": [ {garbage');
  },
  'fault-html': (req, res) => {
    res.writeHead(502, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>');
  },
  'fault-truncsse': (req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.write(chunk({ role: 'assistant', content: '' }));
    res.write(chunk({ content: 'Hel' }));
    setTimeout(() => res.socket?.destroy(), 30);
  },
  'fault-reset': (req, res) => { req.socket.destroy(); },
  'fault-huge': (req, res, o) => writeHuge(res, o.hugeBytes),
  'fault-hugechunked': (req, res, o) => writeHuge(res, o.hugeBytes, false),
};

/**
 * Starts the faulty provider on 127.0.0.1 (random port).
 * @param {{slowMs?: number, hugeBytes?: number}} [options]
 */
export async function startFaultProvider(options = {}) {
  const opts = { slowMs: options.slowMs ?? 2500, hugeBytes: options.hugeBytes ?? 64 * MB };
  const sockets = new Set();
  const seen = [];
  const server = http.createServer((req, res) => {
    const parts = [];
    req.on('data', (c) => parts.push(c));
    req.on('end', () => {
      let body = {};
      try { body = JSON.parse(Buffer.concat(parts).toString('utf8')); } catch { /* keep {} */ }
      seen.push({ path: req.url, model: body.model, headers: req.headers });
      const fault = FAULTS[body.model];
      if (fault) fault(req, res, opts);
      else json(res, 404, { error: { message: `no fault ${body.model}` } });
    });
  });
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    seen,
    close: () => new Promise((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}

export const FAULT_MODELS = Object.keys(FAULTS);
