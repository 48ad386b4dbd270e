// Low-level wrapper around the embind module: writes request envelopes straight
// into Wasm memory and decodes the Steps the core returns. Private: the public
// API is index.mjs.
import createGatewayCore from '../dist/gw-core.mjs';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Instantiates the Wasm core from a compiled WebAssembly.Module.
 * @param {WebAssembly.Module} wasmModule
 * @returns {Promise<object>} the embind module
 */
export async function instantiateCore(wasmModule) {
  return createGatewayCore({
    locateFile: (file) => file,
    instantiateWasm(imports, done) {
      WebAssembly.instantiate(wasmModule, imports).then((instance) => done(instance, wasmModule));
      return {};
    },
  });
}

function headerLines(headers) {
  let text = '';
  let count = 0;
  for (const [name, value] of headers) {
    text += `${String(name).toLowerCase()}\n${String(value).replace(/[\r\n]/g, ' ')}\n`;
    count++;
  }
  return `${count}\n${text}`;
}

// Circuit-breaker entries [[endpoint, failures, openUntilMs]...] as envelope text.
function breakerLine(entries) {
  if (!entries?.length) return '';
  return entries.map(([name, failures, until]) => `${name}=${failures}:${until}`).join(';');
}

function toBytes(body) {
  if (body == null) return new Uint8Array(0);
  if (typeof body === 'string') return encoder.encode(body);
  if (body instanceof Uint8Array) return body;
  return new Uint8Array(body);
}

/** One loaded configuration inside a Wasm instance. */
export class CoreGateway {
  /**
   * @param {object} wasm the embind module
   * @param {{config: string, env?: object, files?: object, pageSize?: number}} options
   */
  constructor(wasm, { config, env = {}, files = {}, pageSize = 0 }) {
    this.wasm = wasm;
    this.core = new wasm.Core();
    const result = JSON.parse(this.core.load(config, JSON.stringify(env), JSON.stringify(files), pageSize));
    this.ok = result.ok;
    this.errors = result.errors;
    this.warnings = result.warnings;
    /** Whether hosts must pass `ctx.keyDigest` (some gateway key is a SHA-256 hash). */
    this.keyDigest = result.keyDigest === true;
  }

  /** Frees the Wasm-side object. */
  close() {
    if (this.core) this.core.delete();
    this.core = null;
  }

  #write(head, bodies) {
    const headBytes = encoder.encode(head);
    let total = headBytes.length;
    for (const b of bodies) total += b.length;
    const ptr = this.core.inputPointer(total);
    const heap = this.wasm.HEAPU8;  // re-read: inputPointer may grow memory
    heap.set(headBytes, ptr);
    let offset = ptr + headBytes.length;
    for (const b of bodies) {
      heap.set(b, offset);
      offset += b.length;
    }
    return total;
  }

  #readStep(outputLength) {
    const ptr = this.core.outputPointer();
    const heap = this.wasm.HEAPU8;
    const metaLength = this.core.metaLength();
    const step = JSON.parse(decoder.decode(heap.subarray(ptr, ptr + metaLength)));
    let offset = ptr + metaLength;
    const take = (n) => {
      const bytes = heap.slice(offset, offset + n);
      offset += n;
      return bytes;
    };
    if (step.kind === 'call') {
      for (const r of step.requests) r.body = take(r.bodyLength);
    } else if (step.kind === 'reply') {
      step.body = take(step.bodyLength);
    }
    if (offset !== ptr + outputLength) throw new Error('gateway core: inconsistent output envelope');
    return step;
  }

  /**
   * Routes and validates a request.
   * @param {{method: string, target: string, headers: Iterable<[string,string]>, body?: Uint8Array|string}} request
   * @param {{nowMs: number, random: number, clientKey?: string, keyDigest?: string,
   *          breaker?: Array<[string, number, number]>}} ctx
   *   `keyDigest`: hex SHA-256 of the bearer token (see `keyDigest`); `breaker`: the host's entries
   * @param {string} [resumeToken]
   */
  plan(request, ctx, resumeToken = '') {
    const head = `${request.method}\n${request.target}\n${Math.floor(ctx.nowMs)}\n${ctx.random}\n` +
      `${ctx.clientKey ?? ''}\n${resumeToken}\n${ctx.keyDigest ?? ''}\n${breakerLine(ctx.breaker)}\n` +
      `${headerLines(request.headers ?? [])}`;
    const length = this.#write(head, [toBytes(request.body)]);
    return this.#readStep(this.core.plan(length));
  }

  /**
   * Hands the upstream responses of a call back.
   * @param {string} token
   * @param {Array<{status: number, timedOut?: boolean, headers: Iterable<[string,string]>, body: Uint8Array}>} responses
   * @param {{nowMs: number, random: number, breaker?: Array<[string, number, number]>}} ctx
   */
  finish(token, responses, ctx) {
    let head = `${token}\n${Math.floor(ctx.nowMs)}\n${ctx.random}\n${breakerLine(ctx.breaker)}\n` +
      `${responses.length}\n`;
    const parts = [];
    for (const r of responses) {
      const body = toBytes(r.body);
      parts.push(encoder.encode(head + `${r.status}\n${r.timedOut ? 1 : 0}\n` +
        `${headerLines(r.headers ?? [])}${body.length}\n`));
      parts.push(body);
      head = '';
    }
    const length = this.#write('', parts);
    return this.#readStep(this.core.finish(length));
  }

  /**
   * Decides a step's rate-limit check from the host store's state after the hit.
   * @param {string} limitToken `step.limit.token`
   * @param {{count: number, windowStartMs: number}} state
   * @param {number} nowMs
   * @returns {{kind: 'admit', allowed: true, headers: Array<[string,string]>} | object} or the 429 reply step
   */
  admit(limitToken, state, nowMs) {
    const head = `${limitToken}\n${Math.floor(nowMs)}\n${Math.floor(state.count)}\n` +
      `${Math.floor(state.windowStartMs ?? 0)}\n`;
    const length = this.#write(head, []);
    return this.#readStep(this.core.admit(length));
  }

  /**
   * Starts translating a streamed upstream response.
   * @returns {{stream?: CoreStream, reply?: object}}
   */
  openStream(token, nowMs) {
    const handle = this.core.openStream(token, nowMs);
    if (!handle) return { reply: this.#readStep(this.core.outputLength()) };
    return { stream: new CoreStream(this, handle) };
  }

  /** @internal */
  pushStream(handle, bytes) {
    const ptr = this.core.inputPointer(bytes.length);
    this.wasm.HEAPU8.set(bytes, ptr);
    return this.#output(handle.push(bytes.length));
  }

  /** @internal */
  endStream(handle, upstreamError) {
    return this.#output(handle.end(upstreamError ?? ''));
  }

  #output(length) {
    const ptr = this.core.outputPointer();
    return this.wasm.HEAPU8.slice(ptr, ptr + length);
  }
}

/** A streamed response being translated by the core. */
export class CoreStream {
  constructor(gateway, handle) {
    this.gateway = gateway;
    this.handle = handle;
  }
  /** Upstream bytes in, client SSE bytes out. */
  push(bytes) { return this.gateway.pushStream(this.handle, bytes); }
  /** Upstream ended; returns the final bytes. */
  end(upstreamError) {
    const out = this.gateway.endStream(this.handle, upstreamError);
    return out;
  }
  /** Whether content reached the client. */
  get started() { return this.handle.started(); }
  get failed() { return this.handle.failed(); }
  close() {
    if (this.handle) this.handle.delete();
    this.handle = null;
  }
}
