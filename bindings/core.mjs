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

/**
 * The envelope version this file writes (GW_ENVELOPE_VERSION in bindings/envelope.def).
 * The field order comes from the core itself (`envelopeLayout()`); this version
 * guards the fields' meaning.
 */
export const ENVELOPE_VERSION = 4;

function headerLines(headers) {
  let text = '';
  let count = 0;
  for (const [name, value] of headers ?? []) {
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

// What each declared field (bindings/envelope.def) holds, read from the message a
// CoreGateway method was given: plan {request, ctx, resumeToken}; finish {token,
// ctx, responses}; response (one upstream response); openStream {token, ctx};
// admit {limitToken, nowMs, state}.
const CONTEXT_FIELDS = {
  nowMs: (m) => m.ctx.nowMs,
  random: (m) => m.ctx.random ?? 0,
  breaker: (m) => breakerLine(m.ctx.breaker),
};
const FIELD_VALUES = {
  plan: {
    ...CONTEXT_FIELDS,
    method: (m) => m.request.method,
    target: (m) => m.request.target,
    clientKey: (m) => m.ctx.clientKey ?? '',
    resumeToken: (m) => m.resumeToken ?? '',
    keyDigest: (m) => m.ctx.keyDigest ?? '',
    headers: (m) => m.request.headers,
    body: (m) => (typeof m.request.body === 'string' ? m.request.body : toBytes(m.request.body)),
  },
  finish: { ...CONTEXT_FIELDS, token: (m) => m.token, responses: (m) => m.responses },
  response: {
    status: (r) => r.status,
    timedOut: (r) => (r.timedOut ? (r.firstByte ? 2 : 1) : 0),  // firstByte: the first-byte timeout fired
    headers: (r) => r.headers,
    body: (r) => toBytes(r.body),
  },
  openStream: { ...CONTEXT_FIELDS, token: (m) => m.token },
  admit: {
    limitToken: (m) => m.limitToken,
    nowMs: (m) => m.nowMs,
    count: (m) => m.state.count,
    windowStartMs: (m) => m.state.windowStartMs ?? 0,
  },
};

const KINDS = { line: 0, integer: 1, number: 2, headers: 3, sized: 4, rest: 5, list: 6 };

// Writes `fields` (compiled from the layout) of message `m`: text accumulates in
// `out.text`; a byte field flushes it and itself into `out.parts`.
function writeFields(fields, m, out) {
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i];
    const v = field.value(m);
    switch (field.kind) {
      case 0: case 2: out.text += `${v}\n`; break;
      case 1: out.text += `${Math.floor(v)}\n`; break;
      case 3: out.text += headerLines(v); break;
      case 4: out.text += `${v.length}\n`; out.parts.push(out.text, v); out.text = ''; break;
      case 5: out.parts.push(out.text, v); out.text = ''; break;
      default:
        out.text += `${v.length}\n`;
        for (const item of v) writeFields(field.items, item, out);
    }
  }
}

/**
 * The compiled field lists of every message the core declares: `{plan: [{kind,
 * value, items?}...], ...}`. Throws when the core declares a field this file does
 * not know how to fill (a core and bindings out of step), or speaks another
 * envelope version.
 */
function envelopeWriters(layoutJson) {
  const layout = JSON.parse(layoutJson);
  if (layout.version !== ENVELOPE_VERSION) {
    throw new Error(`gateway core: dist/gw-core.wasm speaks envelope version ${layout.version}, ` +
      `bindings/core.mjs version ${ENVELOPE_VERSION}; rebuild the core (npm run build)`);
  }
  const compiled = {};
  const compile = (message) => {
    if (compiled[message]) return compiled[message];
    const fields = layout.messages[message];
    if (!fields) throw new Error(`gateway core: no envelope '${message}' declared`);
    compiled[message] = fields.map(([name, kind, item]) => {
      const value = FIELD_VALUES[message]?.[name];
      if (!value) throw new Error(`gateway core: envelope field ${message}.${name} unknown to bindings/core.mjs`);
      if (!(kind in KINDS)) throw new Error(`gateway core: envelope kind '${kind}' unknown to bindings/core.mjs`);
      return { kind: KINDS[kind], value, items: kind === 'list' ? compile(item) : undefined };
    });
    return compiled[message];
  };
  for (const message of Object.keys(layout.messages)) compile(message);
  return compiled;
}

const writersByModule = new WeakMap();

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

/**
 * The reply for a failure the host detects (src/gateway/host_error.h), rendered
 * by the core from its error table in the shape of `target`'s surface.
 * @param {object} wasm the embind module
 * @param {'request_too_large'|'internal_error'|'invalid_configuration'} id
 * @param {string} target the request's path (and query)
 * @param {number} [limitBytes] the body cap (request_too_large)
 * @returns {{status: number, headers: Array<[string,string]>, body: Uint8Array}}
 */
export function hostErrorReply(wasm, id, target, limitBytes = 0) {
  const reply = JSON.parse(wasm.hostErrorReply(id, target, limitBytes));
  return { status: reply.status, headers: reply.headers, body: encoder.encode(reply.body) };
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
    if (!writersByModule.has(wasm)) writersByModule.set(wasm, envelopeWriters(wasm.envelopeLayout()));
    this.writers = writersByModule.get(wasm);
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
   * Writes `message`'s envelope into the input buffer; returns its length.
   * @internal (tests/js/envelope.test.mjs checks what the core reads back)
   */
  encode(message, m) {
    const out = { text: '', parts: [] };
    writeFields(this.writers[message], m, out);
    if (out.text) out.parts.push(out.text);
    return this.#write(out.parts);
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
    return this.#readStep(this.core.plan(this.encode('plan', { request, ctx, resumeToken })));
  }

  /**
   * Hands the upstream responses of a call back.
   * @param {string} token
   * @param {Array<{status: number, timedOut?: boolean, headers: Iterable<[string,string]>, body: Uint8Array}>} responses
   * @param {{nowMs: number, random: number, breaker?: Array<[string, number, number]>}} ctx
   */
  finish(token, responses, ctx) {
    return this.#readStep(this.core.finish(this.encode('finish', { token, responses, ctx })));
  }

  /**
   * Decides a step's rate-limit check from the host store's state after the hit.
   * @param {string} limitToken `step.limit.token`
   * @param {{count: number, windowStartMs: number}} state
   * @param {number} nowMs
   * @returns {{kind: 'admit', allowed: true, headers: Array<[string,string]>} | object} or the 429 reply step
   */
  admit(limitToken, state, nowMs) {
    return this.#readStep(this.core.admit(this.encode('admit', { limitToken, state, nowMs })));
  }

  /**
   * Starts translating a streamed upstream response.
   * @param {string} token the Call's token
   * @param {{nowMs: number, random?: number, breaker?: Array<[string, number, number]>}|number} ctx
   *   the same context as finish (a number: just `nowMs`)
   * @returns {{stream?: CoreStream, reply?: object}}
   */
  openStream(token, ctx) {
    const context = typeof ctx === 'number' ? { nowMs: ctx } : ctx;
    const handle = this.core.openStream(this.encode('openStream', { token, ctx: context }));
    if (!handle) return { reply: this.#readStep(this.core.outputLength()) };
    return { stream: new CoreStream(this, handle) };
  }

  /**
   * What the core's reader makes of an envelope this file wrote (null: it does not parse).
   * @internal
   */
  decodeEnvelope(message, m) {
    return JSON.parse(this.core.decodeEnvelope(message, this.encode(message, m)));
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

// A CoreStream dropped without close() frees its core-side stream when collected.
const droppedStreams = new FinalizationRegistry((handle) => handle.delete());

/**
 * A streamed response being translated by the core. Call `close()` when done
 * (after `end`, or to abandon it); a stream that is dropped instead is freed
 * when the garbage collector finds it.
 */
export class CoreStream {
  constructor(gateway, handle) {
    this.gateway = gateway;
    this.handle = handle;
    droppedStreams.register(this, handle, this);
  }
  /** Upstream bytes in, client SSE bytes out. */
  push(bytes) { return this.gateway.pushStream(this.handle, bytes); }
  /** Upstream ended (`upstreamError`: how it failed); returns the final bytes. */
  end(upstreamError) { return this.gateway.endStream(this.handle, upstreamError); }
  /** Whether content reached the client. */
  get started() { return this.handle.started(); }
  get failed() { return this.handle.failed(); }
  /** Frees the core-side stream (idempotent). */
  close() {
    if (!this.handle) return;
    droppedStreams.unregister(this);
    this.handle.delete();
    this.handle = null;
  }
}
