// The host side of the sans-I/O loop, shared by every host:
//   plan -> (send upstream) -> finish -> reply | retry | call again
// Hosts differ only in their transport (global fetch at the edge and in the
// browser, node:http with keep-alive on Node) and in how they read/write HTTP.
//
// Policy state lives here, in the host (the core decides, see src/policy/):
//   * a step carrying `limit` -> count one hit in `options.limiter`, then
//     `admit` (one more crossing, limited routes only): a 429, or X-RateLimit-*
//     headers added to whatever the request finally answers;
//   * every plan/finish gets `options.breaker`'s entries and the step's
//     `breaker` entries are stored right after (no await in between);
//   * hashed gateway keys: the bearer token's SHA-256 goes in as `keyDigest`.
import { bearerKeyDigest } from './key-digest.mjs';
import { MemoryRateLimitStore } from './limit-store.mjs';

const encoder = new TextEncoder();
const EMPTY = new Uint8Array(0);
// Each attempt takes about two steps (plan|retry, then call); the core bounds a
// request to 100 attempts (policy::kMaxTotalAttempts).
const MAX_STEPS = 256;

/** Sleeps `ms` milliseconds (0 resolves immediately). */
export function sleep(ms) {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

/**
 * A short, key-free reason for a transport failure ('' when the error names none:
 * the core's 502 then says "connection failed").
 */
export function transportReason(error) {
  const cause = error?.cause ?? error;
  return String(cause?.code ?? cause?.name ?? '');
}

/** Upstream (non-streamed) response cap: past it the response is dropped → 502, never buffered (issue 7). */
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
/** The transport-failure reason for an upstream response over the cap. */
export const RESPONSE_TOO_LARGE = 'upstream response too large';

/**
 * Reads a stream to its end, or stops as soon as more than `limit` bytes have
 * arrived (then returns null and leaves `reader` where it stopped).
 * @param {ReadableStreamDefaultReader<Uint8Array>} reader
 * @returns {Promise<Uint8Array|null>}
 */
export async function readUpTo(reader, limit) {
  const chunks = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) return null;
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0];
  const body = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) { body.set(chunk, at); at += chunk.byteLength; }
  return body;
}

/** Reads a fetch Response's body, or returns null once it passes `limit` bytes (then cancels it). */
async function readCapped(res, limit) {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > limit) {
    res.body?.cancel().catch(() => {});
    return null;
  }
  if (!res.body) return EMPTY;
  const reader = res.body.getReader();
  const body = await readUpTo(reader, limit);
  if (body === null) reader.cancel().catch(() => {});
  return body;
}

/**
 * A transport over a WHATWG `fetch`.
 * @param {typeof fetch} fetchImpl
 * @param {{maxResponseBytes?: number}} [options] the non-streamed response cap
 *   (default 32 MB): a bigger upstream body is dropped while it arrives → 502
 */
export function fetchTransport(fetchImpl = globalThis.fetch, options = {}) {
  const maxResponse = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  return async function send(request, { timeoutMs, stream, firstByteTimeoutMs = 0 }) {
    const controller = new AbortController();
    let timedOut = false;
    let firstByte = false;  // the first-byte timeout fired (no response headers in time)
    const timer = setTimeout(() => { timedOut = true; controller.abort(); }, timeoutMs);
    const headersTimer = firstByteTimeoutMs > 0
      ? setTimeout(() => { timedOut = firstByte = true; controller.abort(); }, firstByteTimeoutMs) : undefined;
    try {
      const res = await fetchImpl(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body.length > 0 ? request.body : undefined,
        signal: controller.signal,
      });
      clearTimeout(headersTimer);
      const headers = [...res.headers];
      if (stream && res.ok && res.body) {
        clearTimeout(timer);
        return { status: res.status, headers, stream: res.body, abort: () => controller.abort() };
      }
      const body = await readCapped(res, maxResponse);
      clearTimeout(timer);
      if (body === null) return { status: 0, headers: [], body: encoder.encode(RESPONSE_TOO_LARGE) };
      return { status: res.status, headers, body };
    } catch (error) {
      clearTimeout(timer);
      clearTimeout(headersTimer);
      if (timedOut) return { status: 0, timedOut: true, firstByte, headers: [], body: EMPTY };
      return { status: 0, headers: [], body: encoder.encode(transportReason(error)) };
    }
  };
}

function chunksStream(chunks) {
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      if (i < chunks.length) controller.enqueue(encoder.encode(chunks[i++]));
      else controller.close();
    },
  });
}

function replyResult(step) {
  const result = { status: step.status, headers: step.headers, body: step.body ?? EMPTY };
  if (step.chunks) {
    result.body = null;
    result.stream = chunksStream(step.chunks);
  }
  return result;
}

/**
 * Pipes an upstream byte stream through the core's stream translator, with
 * backpressure (pull-based). Upstream failures become an error event.
 * @param {ReadableStream} upstream
 * @param {import('./core.mjs').CoreStream} coreStream
 * @param {() => void} [onEnd]
 * @param {{reader: ReadableStreamDefaultReader, held: Uint8Array[], stop?: boolean, failure?: string}} [primed]
 *   a stream `primeStream` already started: its reader, the bytes it held back,
 *   and whether to end after them (`failure`: the reason for `end`)
 */
export function translateStream(upstream, coreStream, onEnd = () => {}, primed = undefined) {
  const state = { finished: false, reader: primed?.reader ?? upstream.getReader(), coreStream, onEnd };
  const stream = translatedStream(state, primed);
  coreStreams.add(stream);
  abandonedStreams.register(stream, state, state);
  return stream;
}

// A translated stream its consumer drops without reading it to the end or
// cancelling it: when collected, the upstream is cancelled, the core's stream
// freed and `onEnd` called (which lets a reloaded gateway free its old core).
const abandonedStreams = new FinalizationRegistry((state) => {
  if (state.finished) return;
  state.finished = true;
  state.reader.cancel().catch(() => {});
  state.coreStream.close();
  state.onEnd();
});

/** The streams `translateStream` made: they use their core until they end or are cancelled. */
export const coreStreams = new WeakSet();

// `state` ({finished, reader, coreStream, onEnd}) never refers to the stream, so
// that the FinalizationRegistry above can collect an abandoned one.
function translatedStream(state, primed) {
  const { reader, coreStream, onEnd } = state;
  const held = primed?.held ?? [];
  const finish = (controller, reason) => {
    if (state.finished) return;
    state.finished = true;
    abandonedStreams.unregister(state);
    const tail = coreStream.end(reason);
    if (tail.length) controller.enqueue(tail);
    coreStream.close();
    controller.close();
    onEnd();
  };
  return new ReadableStream({
    async pull(controller) {
      if (held.length) return controller.enqueue(held.shift());
      if (primed?.stop) {
        reader.cancel().catch(() => {});
        return finish(controller, primed.failure);
      }
      try {
        // Loop until something is enqueued: a pull that enqueues nothing is not
        // called again (WHATWG streams), which would stall the response.
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return finish(controller);
          const out = coreStream.push(value);
          if (out.length) return controller.enqueue(out);
        }
      } catch (error) {
        finish(controller, `upstream stream failed: ${transportReason(error)}`);
      }
    },
    cancel(reason) {
      if (state.finished) return;
      state.finished = true;
      abandonedStreams.unregister(state);
      reader.cancel(reason).catch(() => {});
      coreStream.close();
      onEnd();
    },
  });
}

// A relayed body (the raw proxy), with onEnd called once when it ends or is cancelled.
function relayedStream(upstream, onEnd = () => {}) {
  const reader = upstream.getReader();
  let ended = false;
  const end = () => { if (!ended) { ended = true; onEnd(); } };
  return new ReadableStream({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) { end(); controller.close(); } else controller.enqueue(value);
      } catch (error) {
        end();
        controller.error(error);
      }
    },
    cancel(reason) {
      end();
      return reader.cancel(reason).catch(() => {});
    },
  });
}

const FIRST_BYTE_TIMEOUT = Symbol('first byte timeout');

// reader.read(), or FIRST_BYTE_TIMEOUT thrown once `deadline` (Date.now()) passes.
function readBefore(reader, deadline) {
  if (!deadline) return reader.read();
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(FIRST_BYTE_TIMEOUT), Math.max(0, deadline - Date.now()));
  });
  return Promise.race([reader.read(), late]).finally(() => clearTimeout(timer));
}

async function sendAll(step, options) {
  const send = options.transport;
  return Promise.all(step.requests.map(async (request) => {
    const signed = request.signing && options.sign ? await options.sign(request) : request;
    return send(signed, { timeoutMs: step.timeoutMs, stream: step.stream,
      firstByteTimeoutMs: step.firstByteTimeoutMs ?? 0 });
  }));
}

async function drain(response) {
  if (!response.stream) return response;
  const body = new Uint8Array(await new Response(response.stream).arrayBuffer());
  return { ...response, stream: undefined, body };
}

/**
 * Reads a 2xx upstream stream until the core's translator emits its first
 * bytes, holding them back: until then nothing has reached the client, so a
 * failure can still be retried or fall over to another endpoint.
 * @param {number} [deadline] `Date.now()` by which the first content must come (the
 *   endpoint's first_byte_timeout_seconds); 0: none
 * @returns {Promise<{reader, held: Uint8Array[], stop?: boolean, failure?: string, retry?: boolean,
 *   firstByteTimeout?: boolean}>}
 *   `retry`: the stream failed before any content (a transport error, the translator's
 *   first output is an error event, or no content before `deadline`)
 */
export async function primeStream(upstream, coreStream, deadline = 0) {
  const reader = upstream.getReader();
  const held = [];
  for (;;) {
    let chunk;
    try {
      chunk = await readBefore(reader, deadline);
    } catch (error) {
      if (error === FIRST_BYTE_TIMEOUT) {
        reader.cancel().catch(() => {});
        return { reader, held, stop: true, retry: true, firstByteTimeout: true };
      }
      return { reader, held, stop: true, retry: true, failure: `upstream stream failed: ${transportReason(error)}` };
    }
    if (chunk.done) return { reader, held, stop: true };
    const out = coreStream.push(chunk.value);
    if (!out.length) continue;
    held.push(out);
    return coreStream.failed ? { reader, held, stop: true, retry: true } : { reader, held };
  }
}

// Counts the hit and asks the core. A store failure lets the request through
// (like Envoy's failure_mode_deny: false) and is reported to `onLimiterError`.
async function checkLimit(gateway, limit, options, now) {
  const limiter = options.limiter ?? (gateway.limiter ??= new MemoryRateLimitStore());
  let state;
  try {
    state = await limiter.hit(limit.key, limit.windowMs, now());
  } catch (error) {
    options.onLimiterError?.(error, limit.key);
    return { kind: 'admit', allowed: true, headers: [] };
  }
  return gateway.admit(limit.token, state, now());
}

function withHeaders(result, extra) {
  if (extra.length) result.headers = [...result.headers, ...extra];
  return result;
}

// A streamed 2xx: primes it, then either answers with the translated stream or
// (failure before the first byte) returns the step finish decides on instead.
async function openStreamed(gateway, step, first, context) {
  const opened = gateway.openStream(step.token, context.ctx());
  if (opened.reply) {
    first.abort?.();
    return { result: replyResult(opened.reply) };
  }
  const primed = await primeStream(first.stream, opened.stream, context.firstByteDeadline);
  if (primed.retry) {
    const reason = primed.failure ?? 'upstream stream failed before the first content';
    const failure = primed.firstByteTimeout ? { status: 0, timedOut: true, firstByte: true, headers: [], body: EMPTY }
      : { status: 0, headers: [], body: encoder.encode(reason) };
    const next = context.finish(step.token, [failure]);
    if (next.kind === 'retry' || (primed.firstByteTimeout && next.kind === 'reply')) {
      // Nothing reached the client: retry, or (a first-byte timeout) answer the core's 504 as is.
      first.abort?.();
      primed.reader.cancel().catch(() => {});
      opened.stream.close();
      return next.kind === 'retry' ? { next } : { result: replyResult(next) };
    }
  }
  // A success closes the endpoint's breaker; a failure was just stored by finish.
  if (!primed.retry) context.breaker?.apply(step.streamBreaker);
  const headers = step.streamHeaders;  // the SSE content type first (gateway/stream_session.h)
  const stream = translateStream(first.stream, opened.stream, context.onStreamEnd, primed);
  return { result: { status: 200, headers, body: null, stream } };
}

/**
 * Runs one client request through the core.
 * @param {import('./core.mjs').CoreGateway} gateway
 * @param {{method: string, target: string, headers: Array<[string,string]>, body: Uint8Array, clientKey?: string}} request
 * @param {{transport: Function, now?: () => number, random?: () => number, sign?: Function,
 *          limiter?: import('./limit-store.mjs').RateLimitStore,
 *          breaker?: import('./breaker-store.mjs').BreakerStore,
 *          onLimiterError?: (error: Error, key: string) => void, onStreamEnd?: () => void}} options
 *   `limiter`: the rate-limit counter store (default: one in-memory store per
 *   loaded config); `breaker`: circuit-breaker state (default: none kept);
 *   `onStreamEnd`: called once when a translated upstream stream ends or is
 *   cancelled (the core is in use until then)
 * @returns {Promise<{status: number, headers: Array<[string,string]>, body: Uint8Array|null, stream?: ReadableStream}>}
 */
export async function runExchange(gateway, request, options) {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const breaker = options.breaker;
  const keyDigest = gateway.keyDigest ? await bearerKeyDigest(request.headers) : '';
  const ctx = () => ({ nowMs: now(), random: random(), clientKey: request.clientKey ?? '', keyDigest,
    breaker: breaker?.entries() });
  const stored = (step) => { breaker?.apply(step.breaker); return step; };
  const context = { now, ctx, breaker, onStreamEnd: options.onStreamEnd,
    finish: (token, responses) => stored(gateway.finish(token, responses, ctx())) };
  let step = stored(gateway.plan(request, ctx()));
  let extra = [];
  if (step.limit) {
    const admitted = await checkLimit(gateway, step.limit, options, now);
    if (admitted.kind === 'reply') return replyResult(admitted);
    extra = admitted.headers;
  }
  for (let i = 0; i < MAX_STEPS; i++) {
    if (step.kind === 'reply') {
      await sleep(step.delayMs ?? 0);
      return withHeaders(replyResult(step), extra);
    }
    if (step.kind === 'retry') {
      await sleep(step.delayMs);
      step = stored(gateway.plan(request, ctx(), step.token));
      continue;
    }
    context.firstByteDeadline = step.firstByteTimeoutMs ? Date.now() + step.firstByteTimeoutMs : 0;
    const responses = await sendAll(step, options);
    const first = responses[0];
    if (step.relay && first.stream) {
      // The raw proxy: the core gives the head (status, headers), the body goes as it comes.
      const head = context.finish(step.token, [{ ...first, stream: undefined, body: EMPTY }]);
      if (head.kind === 'reply') {
        return withHeaders({ status: head.status, headers: head.headers, body: null,
          stream: relayedStream(first.stream, context.onStreamEnd) }, extra);
      }
      first.abort?.();
      step = head;
      continue;
    }
    if (step.stream && first.stream) {
      const streamed = await openStreamed(gateway, step, first, context);
      if (streamed.result) return withHeaders(streamed.result, extra);
      step = streamed.next;
      continue;
    }
    step = context.finish(step.token, await Promise.all(responses.map(drain)));
  }
  throw new Error('gateway core did not settle');
}
