// The Node host's upstream transport: node:http / node:https with keep-alive
// agents (several times faster than the global fetch() on Node 20), enforcing
// the per-call timeout the core gives.
import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
import { DEFAULT_MAX_RESPONSE_BYTES, RESPONSE_TOO_LARGE, transportReason } from '../../bindings/exchange.mjs';

const encoder = new TextEncoder();
const EMPTY = new Uint8Array(0);

function rawHeaderPairs(raw) {
  const out = [];
  for (let i = 0; i < raw.length; i += 2) out.push([raw[i].toLowerCase(), raw[i + 1]]);
  return out;
}

function requestHeaders(pairs, bodyLength) {
  const headers = {};
  for (const [name, value] of pairs) {
    const key = name.toLowerCase();
    headers[key] = key in headers ? `${headers[key]}, ${value}` : value;
  }
  if (!('content-length' in headers) && !('transfer-encoding' in headers)) {
    headers['content-length'] = String(bodyLength);
  }
  return headers;
}

function declaredOver(contentLength, limit) {
  const n = Number(contentLength);
  return contentLength !== undefined && Number.isFinite(n) && n > limit;
}

function failure(error) {
  return { status: 0, headers: [], body: encoder.encode(transportReason(error)) };
}

function readAll(res, settle, limit, abort) {
  const chunks = [];
  let total = 0;
  if (declaredOver(res.headers['content-length'], limit)) {
    abort();
    settle(failure({ code: RESPONSE_TOO_LARGE }));
    return;
  }
  res.on('data', (chunk) => {
    total += chunk.length;
    if (total > limit) {
      chunks.length = 0;
      abort();
      settle(failure({ code: RESPONSE_TOO_LARGE }));
      return;
    }
    chunks.push(chunk);
  });
  res.on('end', () => {
    const buf = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
    settle({ status: res.statusCode, headers: rawHeaderPairs(res.rawHeaders),
      body: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength) });
  });
  res.on('error', (error) => settle(failure(error)));
}

/**
 * Creates a transport `(request, {timeoutMs, stream, firstByteTimeoutMs}) → Promise<response>` for
 * `runExchange`. A streamed 2xx response comes back as a WHATWG ReadableStream
 * (the timeout then stops applying); a timeout answers `{timedOut: true}`.
 * @param {{maxSockets?: number, maxResponseBytes?: number}} [options]
 * @returns {Function & {close(): void}}
 */
export function nodeTransport(options = {}) {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 256, scheduling: 'lifo' };
  const maxResponse = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const agents = { 'http:': new http.Agent(agentOptions), 'https:': new https.Agent(agentOptions) };

  function send(request, { timeoutMs, stream, firstByteTimeoutMs = 0 }) {
    return new Promise((resolve) => {
      let done = false;
      let timer;
      let headersTimer;  // first_byte_timeout_seconds: until the response headers
      const settle = (value) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        clearTimeout(headersTimer);
        resolve(value);
      };
      let url;
      try {
        url = new URL(request.url);
      } catch (error) {
        settle(failure({ code: 'invalid upstream URL' }));
        return;
      }
      const lib = url.protocol === 'https:' ? https : http;
      const body = request.body ?? EMPTY;
      let req;
      try {
        req = lib.request(url, { method: request.method, agent: agents[url.protocol],
          headers: requestHeaders(request.headers ?? [], body.length) });
      } catch (error) {
        // e.g. a CR/LF in a header value from the config (node:http refuses it): 502, not a crash (issue 7).
        settle(failure({ code: error?.code === 'ERR_INVALID_CHAR' ? 'invalid upstream request header' : 'invalid upstream request' }));
        return;
      }
      timer = setTimeout(() => {
        settle({ status: 0, timedOut: true, headers: [], body: EMPTY });
        req.destroy();
      }, timeoutMs);
      if (firstByteTimeoutMs > 0) {
        headersTimer = setTimeout(() => {
          settle({ status: 0, timedOut: true, firstByte: true, headers: [], body: EMPTY });
          req.destroy();
        }, firstByteTimeoutMs);
      }
      req.on('error', (error) => settle(failure(error)));
      req.on('response', (res) => {
        clearTimeout(headersTimer);
        if (stream && res.statusCode >= 200 && res.statusCode < 300) {
          settle({ status: res.statusCode, headers: rawHeaderPairs(res.rawHeaders),
            stream: Readable.toWeb(res), abort: () => req.destroy() });
          return;
        }
        readAll(res, settle, maxResponse, () => req.destroy());
      });
      req.end(body.length ? body : undefined);
    });
  }

  send.close = () => {
    agents['http:'].destroy();
    agents['https:'].destroy();
  };
  return send;
}
