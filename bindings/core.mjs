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

// Output bytes are copied out of Wasm memory (the output buffer is reused by the
// next call). `new Uint8Array(n)` costs 3-4 µs in V8 for any n > 64 (an off-heap
// backing store per array), more than the core spends on a small request; small
// outputs are therefore carved out of a shared 16 KiB slab, as Node's Buffer pool
// does (a view keeps its slab alive, so only outputs up to 2 KiB share one).
const SLAB_BYTES = 16 * 1024;
const SLAB_MAX_OUTPUT = 2 * 1024;
let slab = new Uint8Array(SLAB_BYTES);
let slabUsed = 0;

function allocateOutput(length) {
  if (length > SLAB_MAX_OUTPUT) return new Uint8Array(length);
  if (slabUsed + length > SLAB_BYTES || slab.byteLength === 0 /* detached */) {
    slab = new Uint8Array(SLAB_BYTES);
    slabUsed = 0;
  }
  const view = slab.subarray(slabUsed, slabUsed + length);
  slabUsed += (length + 7) & ~7;
  return view;
}

// A copy of `length` bytes of Wasm memory (set() from a heap view: slice() was
// ~8x slower for a 100 KB body in Node 20). `shared`: the copy may be a view into
// a slab (step bodies); stream chunks get arrays of their own, since a consumer
// may transfer (detach) a chunk's buffer.
function copyOut(heap, offset, length, shared = false) {
  const bytes = shared ? allocateOutput(length) : new Uint8Array(length);
  bytes.set(heap.subarray(offset, offset + length));
  return bytes;
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

  // Writes strings (UTF-8, encoded straight into Wasm memory: no intermediate
  // array) and byte arrays back to back into the input buffer; returns the length.
  #write(parts) {
    let bound = 0;
    for (const part of parts) bound += typeof part === 'string' ? part.length * 3 : part.length;
    const ptr = this.core.inputPointer(bound);
    const heap = this.wasm.HEAPU8;  // re-read: inputPointer may grow memory
    let offset = ptr;
    for (const part of parts) {
      if (typeof part === 'string') {
        offset += encoder.encodeInto(part, heap.subarray(offset, offset + part.length * 3)).written;
      } else {
        heap.set(part, offset);
        offset += part.length;
      }
    }
    return offset - ptr;
  }

  #readStep(outputLength) {
    const ptr = this.core.outputPointer();
    const heap = this.wasm.HEAPU8;
    const metaLength = this.core.metaLength();
    const step = JSON.parse(decoder.decode(heap.subarray(ptr, ptr + metaLength)));
    let offset = ptr + metaLength;
    const take = (n) => {
      const bytes = copyOut(heap, offset, n, true);
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
    const body = typeof request.body === 'string' ? request.body : toBytes(request.body);
    const length = this.#write([head, body]);
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
      parts.push(head + `${r.status}\n${r.timedOut ? 1 : 0}\n` +
        `${headerLines(r.headers ?? [])}${body.length}\n`);
      parts.push(body);
      head = '';
    }
    const length = this.#write(parts);
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
    const length = this.#write([head]);
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
    return copyOut(this.wasm.HEAPU8, this.core.outputPointer(), length);
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
