// The Node host: node:http straight into `gateway.exchange` (no WHATWG
// Request/Response objects on the hot path), with the same host-level
// behaviour as worker/handler.mjs: /docs and /openapi.json, the body cap,
// Server-Timing and one access-log line per request.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import {
  accessLogLine, bodyTooLargeReply, declaredTooLarge, internalErrorReply, isNullBodyStatus,
  pathOf, serverTiming, timedTransport, DEFAULT_MAX_BODY_BYTES, LINGER_BYTES, LINGER_MS,
} from '../http-util.mjs';
import { isSitePath, siteReply } from '../site.mjs';
import { isUiPath, uiReply } from '../ui.mjs';

const EMPTY = new Uint8Array(0);

/**
 * Reads a request body, counting bytes; stops collecting past `limit`.
 * @returns {Promise<Uint8Array|null>} null when over the cap
 */
export function readNodeBody(req, limit) {
  if (declaredTooLarge(req.headers['content-length'], limit)) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks = [];
    let total = 0;
    const onData = (chunk) => {
      total += chunk.length;
      if (total > limit) {
        req.off('data', onData);
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => {
      if (total > limit) return;
      const buf = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
      resolve(total ? new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength) : EMPTY);
    });
    req.on('error', reject);
  });
}

/**
 * After a 413: throws the rest of the body away (bounded by LINGER_BYTES and
 * LINGER_MS) so the client reads the 413 instead of a reset connection.
 * @returns {boolean} false when the rest is too big to linger for (close instead)
 */
function discardRest(req) {
  if (req.complete) return true;
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > LINGER_BYTES) return false;
  let dropped = 0;
  const cut = () => req.socket.destroy();
  const timer = setTimeout(cut, LINGER_MS);
  timer.unref();
  req.on('data', (chunk) => {
    dropped += chunk.length;
    if (dropped > LINGER_BYTES) cut();
  });
  const stop = () => clearTimeout(timer);
  req.once('end', stop);
  req.once('close', stop);
  req.resume();
  return true;
}

function rawPairs(raw) {
  const out = [];
  for (let i = 0; i < raw.length; i += 2) out.push([raw[i], raw[i + 1]]);
  return out;
}

function writeHead(res, status, headers, extra) {
  const flat = [];
  for (const [name, value] of headers) flat.push(name, value);
  for (const [name, value] of extra) flat.push(name, value);
  res.writeHead(status, flat);
}

async function pipeStream(stream, res) {
  const reader = stream.getReader();
  let closed = false;
  res.on('close', () => {
    closed = true;
    reader.cancel().catch(() => {});
  });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || closed) break;
      if (!res.write(value)) await new Promise((resolve) => res.once('drain', resolve).once('close', resolve));
    }
  } catch {
    // Upstream failed mid-stream: the core already emitted what it could; just end.
  }
  if (!closed) res.end();
}

function send(req, res, result, timingValue) {
  const noBody = req.method === 'HEAD' || isNullBodyStatus(result.status);
  const extra = [['server-timing', timingValue]];
  if (result.stream && !noBody) {
    writeHead(res, result.status, result.headers, extra);
    return pipeStream(result.stream, res);
  }
  if (result.stream) result.stream.cancel().catch(() => {});
  const body = result.body ?? EMPTY;
  if (!noBody || req.method === 'HEAD') extra.push(['content-length', String(body.length)]);
  writeHead(res, result.status, result.headers, extra);
  res.end(noBody ? undefined : body);
  return undefined;
}

async function respond(gateway, req, path, options, timing) {
  if (isSitePath(req.method, path)) return siteReply(gateway, path);
  if (isUiPath(req.method, path)) return uiReply(path);
  const body = await readNodeBody(req, options.maxBodyBytes);
  if (body === null) return bodyTooLargeReply(gateway, path, options.maxBodyBytes, !discardRest(req));
  return gateway.exchange({ method: req.method, target: req.url, headers: rawPairs(req.rawHeaders), body,
    clientKey: req.socket.remoteAddress ?? '' },
  { transport: timedTransport(gateway.transport, timing, performance.now.bind(performance)) });
}

/**
 * The node:http request listener.
 * @param {() => import('../../bindings/index.mjs').Gateway} getGateway the current gateway (hot reload swaps it)
 * @param {{maxBodyBytes?: number, log?: (line: string) => void}} [options]
 * @returns {(req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>}
 */
export function createListener(getGateway, options = {}) {
  const opts = { maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES };
  const log = options.log ?? ((line) => process.stdout.write(`${line}\n`));
  return async function listener(req, res) {
    const start = performance.now();
    const path = pathOf(req.url);
    const timing = { upstreamMs: 0 };
    let result;
    let gateway;
    try {
      gateway = getGateway();
      result = await respond(gateway, req, path, opts, timing);
    } catch (error) {
      log(`internal error: ${error?.name ?? 'Error'}`);
      result = internalErrorReply(gateway, path);
    }
    const total = performance.now() - start;
    if (res.destroyed) return;
    let streaming;
    try {
      streaming = send(req, res, result, serverTiming(total, timing.upstreamMs));
    } catch (error) {
      // A bug in writing one answer must not take the server down with it.
      log(`internal error: ${error?.name ?? 'Error'} writing the response`);
      res.destroy();
      return;
    }
    log(accessLogLine(req.method, path, result.status, total));
    await streaming;
  };
}

/**
 * Creates (does not start) the HTTP server.
 * @param {() => import('../../bindings/index.mjs').Gateway} getGateway
 * @param {{maxBodyBytes?: number, log?: (line: string) => void}} [options]
 * @returns {http.Server}
 */
export function createNodeServer(getGateway, options = {}) {
  const listener = createListener(getGateway, options);
  const server = http.createServer({ keepAliveTimeout: 65_000 }, listener);
  server.headersTimeout = 66_000;
  // `Expect: 100-continue` (curl sends it for bodies over 1 MB): refuse an over-cap body before it is sent.
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  server.on('checkContinue', (req, res) => {
    if (!declaredTooLarge(req.headers['content-length'], limit)) res.writeContinue();
    listener(req, res);
  });
  return server;
}
