// The public JS facade: one Wasm core, the same in Node, workerd and the browser.
import { CoreGateway, hostErrorReply, instantiateCore } from './core.mjs';
import { coreStreams, fetchTransport, runExchange } from './exchange.mjs';
import { MemoryRateLimitStore } from './limit-store.mjs';
import { BreakerStore } from './breaker-store.mjs';
import { configToYaml } from './config-yaml.mjs';
import { httpError } from './errors.mjs';
import { parseSse } from './sse.mjs';
import { signRequest } from './sigv4.mjs';

const jsonEncoder = new TextEncoder();
const jsonDecoder = new TextDecoder();
const JSON_HEADERS = [['content-type', 'application/json']];

// Resolved lazily: workerd has no usable import.meta.url at module scope (the worker passes `module`).
const wasmUrl = () => new URL('../dist/gw-core.wasm', import.meta.url);
let cachedModule;

/** Thrown when a configuration does not load; carries every diagnostic. */
export class GatewayConfigError extends Error {
  /** @internal `wasm`: the core that refused the configuration (renders `reply`). */
  constructor(errors, wasm = undefined) {
    const first = errors[0] ?? { message: 'invalid configuration' };
    super(errors.map(formatDiagnostic).join('\n'));
    this.name = 'GatewayConfigError';
    /** All errors, each {message, line, column, path}. */
    this.errors = errors;
    /** Position of the first error. */
    this.line = first.line;
    this.column = first.column;
    this.#wasm = wasm;
  }

  #wasm;

  /**
   * The 500 a host answers while it has no configuration (no details: they are
   * for the log), in the shape of `target`'s API surface.
   * @param {string} target
   * @returns {{status: number, headers: Array<[string,string]>, body: Uint8Array} | undefined}
   */
  reply(target) {
    return this.#wasm ? hostErrorReply(this.#wasm, 'invalid_configuration', target) : undefined;
  }
}

/** "line 4, column 7: message" */
export function formatDiagnostic(d) {
  return d.line ? `line ${d.line}, column ${d.column}: ${d.message}` : d.message;
}

/**
 * Compiles the bundled `.wasm` for this runtime (Node: read from disk; browser:
 * compileStreaming). In workerd pass the imported module instead.
 * @returns {Promise<WebAssembly.Module>}
 */
export async function loadWasmModule(source = wasmUrl()) {
  if (source instanceof WebAssembly.Module) return source;
  if (globalThis.process?.versions?.node && source instanceof URL && source.protocol === 'file:') {
    const { readFile } = await import('node:fs/promises');
    return WebAssembly.compile(await readFile(source));
  }
  if (source instanceof Uint8Array || source instanceof ArrayBuffer) return WebAssembly.compile(source);
  return WebAssembly.compileStreaming(fetch(source));
}

async function defaultModule() {
  cachedModule ??= loadWasmModule();
  return cachedModule;
}

function stringEnv(env) {
  const out = {};
  for (const [key, value] of Object.entries(env ?? {})) {
    if (typeof value === 'string') out[key] = value;
  }
  return out;
}

/** A loaded gateway: the in-process API every host builds on. */
export class Gateway {
  /** @internal */
  constructor(wasm, core, options) {
    this.wasm = wasm;
    this.core = core;
    this.options = options;
    this.transport = options.transport ??
      fetchTransport(options.fetch ?? globalThis.fetch, { maxResponseBytes: options.maxResponseBytes });
    /** Rate-limit counters: `options.limiter` (Redis, Durable Object) or in-process; kept across reloads. */
    this.limiter = options.limiter ?? new MemoryRateLimitStore();
    /** Circuit-breaker state of this process/isolate; kept across reloads. */
    this.breaker = options.breaker ?? new BreakerStore();
  }

  /**
   * The reply for a failure the host detects itself, rendered by the core in the
   * shape of `target`'s API surface (OpenAI's error object on /v1, MLflow's `detail`
   * elsewhere): `request_too_large` (a body over `limitBytes`) or `internal_error`.
   * @param {'request_too_large'|'internal_error'|'invalid_configuration'} id
   * @param {string} target
   * @param {number} [limitBytes]
   * @returns {{status: number, headers: Array<[string,string]>, body: Uint8Array}}
   */
  hostErrorReply(id, target, limitBytes = 0) {
    return hostErrorReply(this.wasm, id, target, limitBytes);
  }

  /** Diagnostics that did not block loading. */
  get warnings() { return this.core.warnings; }

  /**
   * Runs one HTTP exchange through the core (used by the hosts).
   * @param {{method: string, target: string, headers: Array<[string,string]>, body?: Uint8Array, clientKey?: string}} request
   * @param {{transport?: Function, limiter?: object}} [overrides] a per-request transport (e.g. one that
   *   times upstream calls) or rate-limit store (e.g. a Durable Object store bound to this request's env)
   */
  async exchange(request, overrides) {
    const core = this.core;
    core.inFlight = (core.inFlight ?? 0) + 1;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      core.inFlight--;
      if (core.retired && core.inFlight === 0) core.close();
    };
    // A translated upstream stream keeps using the core after this returns:
    // it is released when that stream ends or is cancelled (a reload meanwhile
    // retires the old core without breaking the stream).
    try {
      const result = await runExchange(core, request, {
        transport: overrides?.transport ?? this.transport, now: this.options.now, random: this.options.random,
        sign: this.options.sign ?? signRequest, limiter: overrides?.limiter ?? this.limiter, breaker: this.breaker,
        onLimiterError: this.options.onLimiterError, onStreamEnd: release,
      });
      if (!coreStreams.has(result.stream)) release();
      return result;
    } catch (error) {
      release();
      throw error;
    }
  }

  /**
   * Serves a WHATWG `Request` (workerd, browsers, any fetch-style host).
   * @param {Request} request
   * @param {{body?: Uint8Array, clientKey?: string, transport?: Function}} [options]
   *   `body`: the request body when the host has already read it (e.g. under a size cap)
   * @returns {Promise<Response>} streamed responses keep their ReadableStream (backpressure intact)
   */
  async handle(request, options = {}) {
    const url = new URL(request.url);
    const body = options.body ?? new Uint8Array(await request.arrayBuffer());
    const result = await this.exchange({ method: request.method, target: url.pathname + url.search,
      headers: [...request.headers], body, clientKey: options.clientKey }, options);
    const noBody = request.method === 'HEAD' || [101, 204, 205, 304].includes(result.status);
    if (noBody && result.stream) result.stream.cancel().catch(() => {});
    return new Response(noBody ? null : (result.stream ?? result.body),
      { status: result.status, headers: result.headers });
  }

  /**
   * Swaps in a new configuration atomically; in-flight requests finish on the
   * old one. Throws GatewayConfigError (and keeps the old config) when invalid.
   */
  reload({ config, env, files }) {
    const next = new CoreGateway(this.wasm, { config: configText(config), env: stringEnv(env ?? this.options.env),
      files: files ?? {}, pageSize: this.options.pageSize });
    if (!next.ok) {
      const errors = next.errors;
      next.close();
      throw new GatewayConfigError(errors, this.wasm);
    }
    const previous = this.core;
    this.core = next;
    previous.retired = true;
    if (!previous.inFlight) previous.close();
    return next.warnings;
  }

  /**
   * Queries a route in-process: `POST /endpoints/{route}/invocations`.
   * @param {string} route endpoint (or traffic route) name
   * @param {object} body the MLflow request body, e.g. `{messages: [...]}` or `{prompt}` or `{input}`
   * @param {InvokeOptions} [options] `apiKey`: a gateway key (sent as `Authorization: Bearer`) when the
   *   config has `auth:`; `clientKey`: who the caller is for per-client rate limits
   * @returns {Promise<any>} the parsed JSON answer
   * @throws {GatewayHttpError} on a non-2xx answer (`status`, `detail`)
   */
  async query(route, body, options) {
    const result = await this.#invoke(route, body, options);
    const text = result.stream ? await new Response(result.stream).text() : jsonDecoder.decode(result.body);
    if (result.status < 200 || result.status > 299) throw httpError(result.status, text);
    return JSON.parse(text);
  }

  /**
   * Streams a route in-process (`stream: true` is added to the body).
   * @param {string} route
   * @param {object} body
   * @param {InvokeOptions} [options] as for `query`
   * @returns {AsyncGenerator<any>} parsed chunks
   * @throws {GatewayHttpError} when the answer is not a 2xx stream
   */
  async* stream(route, body, options) {
    const result = await this.#invoke(route, { ...body, stream: true }, options);
    if (result.status < 200 || result.status > 299 || !result.stream) {
      const text = result.stream ? await new Response(result.stream).text() : jsonDecoder.decode(result.body);
      if (result.status >= 200 && result.status <= 299) { yield JSON.parse(text); return; }
      throw httpError(result.status, text);
    }
    yield* parseSse(result.stream);
  }

  /**
   * The routes this gateway serves: endpoints (`/api/2.0/endpoints/`, all pages) then traffic routes (`/v1/models`).
   * @returns {Promise<Array<{name: string, endpointType: string, provider?: string, model?: string, url?: string}>>}
   */
  async routes() {
    const out = [];
    const seen = new Set();
    let token;
    for (let page = 0; page < 1000; page++) {
      const query = token ? `?page_token=${encodeURIComponent(token)}` : '';
      const body = await this.#getJson(`/api/2.0/endpoints/${query}`);
      for (const e of body.endpoints ?? []) {
        seen.add(e.name);
        out.push({ name: e.name, endpointType: e.endpoint_type, provider: e.model?.provider ?? undefined,
          model: e.model?.name ?? undefined, url: e.endpoint_url ?? undefined });
      }
      token = body.next_page_token;
      if (!token) break;
    }
    const models = await this.#getJson('/v1/models');
    for (const m of models.data ?? []) {
      if (!seen.has(m.id)) out.push({ name: m.id, endpointType: m.endpoint_type, provider: m.owned_by ?? undefined });
    }
    return out;
  }

  async #getJson(target) {
    const result = await this.exchange({ method: 'GET', target, headers: [], body: new Uint8Array(0) });
    const text = jsonDecoder.decode(result.body ?? new Uint8Array(0));
    if (result.status !== 200) throw httpError(result.status, text);
    return JSON.parse(text);
  }

  /** @typedef {{apiKey?: string, clientKey?: string}} InvokeOptions */
  #invoke(route, body, options = {}) {
    if (options.apiKey !== undefined && (typeof options.apiKey !== 'string' || /[\r\n]/.test(options.apiKey))) {
      throw new TypeError('apiKey must be a string without line breaks');
    }
    const headers = options.apiKey ? [...JSON_HEADERS, ['authorization', `Bearer ${options.apiKey}`]] : JSON_HEADERS;
    return this.exchange({ method: 'POST', target: `/endpoints/${encodeURIComponent(route)}/invocations`,
      headers, body: jsonEncoder.encode(JSON.stringify(body ?? {})), clientKey: options.clientKey });
  }

  /** Releases the Wasm-side objects. */
  close() {
    this.core.retired = true;
    if (!this.core.inFlight) this.core.close();
  }
}

function configText(config) {
  if (typeof config === 'string') return config;
  if (config && typeof config === 'object') return configToYaml(config);
  throw new TypeError('createGateway: `config` must be YAML text or a plain object');
}

/**
 * Creates a gateway from a config (YAML text, or a plain object serialised to YAML).
 * @param {{config: string | object, env?: object, files?: object, module?: WebAssembly.Module,
 *          fetch?: typeof fetch, transport?: Function, sign?: Function,
 *          now?: () => number, random?: () => number, pageSize?: number}} options
 * @returns {Promise<Gateway>}
 */
export async function createGateway(options) {
  const config = configText(options?.config);
  const module = options.module ?? await defaultModule();
  const wasm = await instantiateCore(module);
  const core = new CoreGateway(wasm, { config, env: stringEnv(options.env),
    files: options.files ?? {}, pageSize: options.pageSize ?? 0 });
  if (!core.ok) {
    const errors = core.errors;
    core.close();
    throw new GatewayConfigError(errors, wasm);
  }
  return new Gateway(wasm, core, options);
}

export { configToYaml } from './config-yaml.mjs';
export { GatewayHttpError } from './errors.mjs';
export { parseSse } from './sse.mjs';
export { fetchTransport } from './exchange.mjs';
export { MemoryRateLimitStore } from './limit-store.mjs';
export { BreakerStore } from './breaker-store.mjs';
export { bearerKeyDigest } from './key-digest.mjs';
export { createSigner, signRequest, SigV4Error } from './sigv4.mjs';
