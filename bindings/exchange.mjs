// The host side of the sans-I/O loop, shared by every host:
//   plan -> (send upstream) -> finish -> reply | retry | call again
// Hosts differ only in their transport (global fetch at the edge and in the
// browser, node:http with keep-alive on Node) and in how they read/write HTTP.

const encoder = new TextEncoder();
const EMPTY = new Uint8Array(0);
const MAX_STEPS = 64;

/** Sleeps `ms` milliseconds (0 resolves immediately). */
export function sleep(ms) {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

/** A short, key-free reason for a transport failure. */
export function transportReason(error) {
  const cause = error?.cause ?? error;
  return String(cause?.code ?? cause?.name ?? 'connection failed');
}

/**
 * A transport over a WHATWG `fetch`.
 * @param {typeof fetch} fetchImpl
 */
export function fetchTransport(fetchImpl = globalThis.fetch) {
  return async function send(request, { timeoutMs, stream }) {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; controller.abort(); }, timeoutMs);
    try {
      const res = await fetchImpl(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body.length > 0 ? request.body : undefined,
        signal: controller.signal,
      });
      const headers = [...res.headers];
      if (stream && res.ok && res.body) {
        clearTimeout(timer);
        return { status: res.status, headers, stream: res.body, abort: () => controller.abort() };
      }
      const body = new Uint8Array(await res.arrayBuffer());
      clearTimeout(timer);
      return { status: res.status, headers, body };
    } catch (error) {
      clearTimeout(timer);
      if (timedOut) return { status: 0, timedOut: true, headers: [], body: EMPTY };
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
 */
export function translateStream(upstream, coreStream, onEnd = () => {}) {
  const reader = upstream.getReader();
  let finished = false;
  const finish = (controller, reason) => {
    if (finished) return;
    finished = true;
    const tail = coreStream.end(reason);
    if (tail.length) controller.enqueue(tail);
    coreStream.close();
    controller.close();
    onEnd();
  };
  return new ReadableStream({
    async pull(controller) {
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
      finished = true;
      reader.cancel(reason).catch(() => {});
      coreStream.close();
      onEnd();
    },
  });
}

async function sendAll(step, options) {
  const send = options.transport;
  return Promise.all(step.requests.map(async (request) => {
    const signed = request.signing && options.sign ? await options.sign(request) : request;
    return send(signed, { timeoutMs: step.timeoutMs, stream: step.stream });
  }));
}

async function drain(response) {
  if (!response.stream) return response;
  const body = new Uint8Array(await new Response(response.stream).arrayBuffer());
  return { ...response, stream: undefined, body };
}

/**
 * Runs one client request through the core.
 * @param {import('./core.mjs').CoreGateway} gateway
 * @param {{method: string, target: string, headers: Array<[string,string]>, body: Uint8Array, clientKey?: string}} request
 * @param {{transport: Function, now?: () => number, random?: () => number, sign?: Function}} options
 * @returns {Promise<{status: number, headers: Array<[string,string]>, body: Uint8Array|null, stream?: ReadableStream}>}
 */
export async function runExchange(gateway, request, options) {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const ctx = () => ({ nowMs: now(), random: random(), clientKey: request.clientKey ?? '' });
  let step = gateway.plan(request, ctx());
  for (let i = 0; i < MAX_STEPS; i++) {
    if (step.kind === 'reply') {
      await sleep(step.delayMs ?? 0);
      return replyResult(step);
    }
    if (step.kind === 'retry') {
      await sleep(step.delayMs);
      step = gateway.plan(request, ctx(), step.token);
      continue;
    }
    const responses = await sendAll(step, options);
    const first = responses[0];
    if (step.stream && first.stream) {
      const opened = gateway.openStream(step.token, now());
      if (opened.reply) {
        first.abort?.();
        return replyResult(opened.reply);
      }
      const headers = [['content-type', 'text/event-stream'], ['cache-control', 'no-cache'],
        ['x-gateway-endpoint', step.endpoint]];
      return { status: 200, headers, body: null, stream: translateStream(first.stream, opened.stream) };
    }
    step = gateway.finish(step.token, await Promise.all(responses.map(drain)), ctx());
  }
  throw new Error('gateway core did not settle');
}
