// Small pieces both hosts share (the workerd `fetch` handler and the node:http
// server): the body cap, host-level error replies (rendered by the core), Server-Timing, the timed
// transport wrapper and the access-log line. Nothing here does I/O.

const encoder = new TextEncoder();

/** Default request body cap: 10 MB, like common reverse-proxy defaults. */
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;

/**
 * Parses a body-cap setting ("10485760", "10mb", "512kb"); falls back to the default.
 * @param {string|number|undefined} value
 * @returns {number}
 */
export function parseByteSize(value, fallback = DEFAULT_MAX_BODY_BYTES) {
  if (value === undefined || value === null || value === '') return fallback;
  if (typeof value === 'number') return value > 0 ? Math.floor(value) : fallback;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|k|mb|m|gb|g)?\s*$/i.exec(String(value));
  if (!match) throw new RangeError(`not a byte size: ${JSON.stringify(String(value))}`);
  const units = { b: 1, k: 1024, kb: 1024, m: 1024 ** 2, mb: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3 };
  const bytes = Math.floor(Number(match[1]) * units[(match[2] ?? 'b').toLowerCase()]);
  if (!(bytes > 0)) throw new RangeError('a byte size must be > 0');
  return bytes;
}

/** The path part of a request target ("/v1/models?x=1" → "/v1/models"). */
export function pathOf(target) {
  const q = target.indexOf('?');
  return q < 0 ? target : target.slice(0, q);
}

/**
 * The 500 a host answers when it has no core to render one (the Wasm core did
 * not start). Every other host-side error body comes from the core
 * (`gateway.hostErrorReply`, src/gateway/host_error.h).
 */
export const PLAIN_INTERNAL_ERROR = Object.freeze({
  status: 500,
  headers: [['content-type', 'text/plain; charset=utf-8']],
  body: encoder.encode('Internal Server Error'),
});

/**
 * How much of an over-cap body a host still reads and throws away after its 413,
 * so that an HTTP client still sending it gets the 413 instead of a connection
 * reset (nginx's "lingering close"); past this the connection is cut.
 */
export const LINGER_BYTES = 32 * 1024 * 1024;
/** How long a host keeps discarding an over-cap body after its 413. */
export const LINGER_MS = 5000;

/**
 * The 413 reply for a body over `limit` bytes.
 * @param {import('../bindings/index.mjs').Gateway} gateway renders the body
 * @param {boolean} [close] add `Connection: close` (the rest of the body will not be read)
 */
export function bodyTooLargeReply(gateway, path, limit, close = false) {
  const reply = gateway.hostErrorReply('request_too_large', path, limit);
  if (close) reply.headers = [...reply.headers, ['connection', 'close']];
  return reply;
}

/** The 500 reply for a failure inside the host (never carries the error text). */
export function internalErrorReply(gateway, path) {
  try {
    return gateway ? gateway.hostErrorReply('internal_error', path) : PLAIN_INTERNAL_ERROR;
  } catch {
    return PLAIN_INTERNAL_ERROR;
  }
}

/**
 * Checks a Content-Length header against the cap.
 * @returns {boolean} true when the declared length is over the cap
 */
export function declaredTooLarge(contentLength, limit) {
  if (contentLength === undefined || contentLength === null || contentLength === '') return false;
  const n = Number(contentLength);
  return Number.isFinite(n) && n > limit;
}

/**
 * Wraps a transport so the time spent waiting for upstream responses is added
 * to `timing.upstreamMs` (parallel sends of one call count once).
 */
export function timedTransport(transport, timing, now) {
  let pending = 0;
  let since = 0;
  return async (request, options) => {
    if (pending++ === 0) since = now();
    try {
      return await transport(request, options);
    } finally {
      if (--pending === 0) timing.upstreamMs += now() - since;
    }
  };
}

/**
 * The Server-Timing value: `gw` is the gateway's own time (total minus the time
 * spent waiting for the provider), `upstream` the provider's part.
 */
export function serverTiming(totalMs, upstreamMs) {
  const own = Math.max(0, totalMs - upstreamMs);
  const value = `gw;dur=${own.toFixed(3)}`;
  return upstreamMs > 0 ? `${value}, upstream;dur=${upstreamMs.toFixed(3)}` : value;
}

/**
 * One access-log line: method, path (no query string), status and milliseconds.
 * Never a header, a key or a body.
 */
export function accessLogLine(method, path, status, ms) {
  const safePath = path.length > 200 ? `${path.slice(0, 200)}...` : path;
  return `${method} ${safePath.replace(/[\s\x00-\x1f]/g, '_')} ${status} ${ms.toFixed(1)}ms`;
}

/** Statuses whose responses never carry a body. */
export function isNullBodyStatus(status) {
  return status === 204 || status === 205 || status === 304 || (status >= 100 && status < 200);
}
