// The public JS facade: one Wasm core, the same in Node, workerd and the browser.
import { CoreGateway, instantiateCore } from './core.mjs';
import { fetchTransport, runExchange } from './exchange.mjs';

// Resolved lazily: workerd has no usable import.meta.url at module scope (the worker passes `module`).
const wasmUrl = () => new URL('../dist/gw-core.wasm', import.meta.url);
let cachedModule;

/** Thrown when a configuration does not load; carries every diagnostic. */
export class GatewayConfigError extends Error {
  constructor(errors) {
    const first = errors[0] ?? { message: 'invalid configuration' };
    super(errors.map(formatDiagnostic).join('\n'));
    this.name = 'GatewayConfigError';
    /** All errors, each {message, line, column, path}. */
    this.errors = errors;
    /** Position of the first error. */
    this.line = first.line;
    this.column = first.column;
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
    this.transport = options.transport ?? fetchTransport(options.fetch ?? globalThis.fetch);
  }

  /** Diagnostics that did not block loading. */
  get warnings() { return this.core.warnings; }

  /**
   * Runs one HTTP exchange through the core (used by the hosts).
   * @param {{method: string, target: string, headers: Array<[string,string]>, body?: Uint8Array, clientKey?: string}} request
   * @param {{transport?: Function}} [overrides] a per-request transport (e.g. one that times upstream calls)
   */
  async exchange(request, overrides) {
    const core = this.core;
    core.inFlight = (core.inFlight ?? 0) + 1;
    try {
      return await runExchange(core, request, {
        transport: overrides?.transport ?? this.transport, now: this.options.now, random: this.options.random,
        sign: this.options.sign,
      });
    } finally {
      core.inFlight--;
      if (core.retired && core.inFlight === 0) core.close();
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
    const next = new CoreGateway(this.wasm, { config, env: stringEnv(env ?? this.options.env),
      files: files ?? {}, pageSize: this.options.pageSize });
    if (!next.ok) {
      const errors = next.errors;
      next.close();
      throw new GatewayConfigError(errors);
    }
    const previous = this.core;
    this.core = next;
    previous.retired = true;
    if (!previous.inFlight) previous.close();
    return next.warnings;
  }

  /** Releases the Wasm-side objects. */
  close() {
    this.core.retired = true;
    if (!this.core.inFlight) this.core.close();
  }
}

/**
 * Creates a gateway from a YAML config.
 * @param {{config: string, env?: object, files?: object, module?: WebAssembly.Module,
 *          fetch?: typeof fetch, transport?: Function, sign?: Function,
 *          now?: () => number, random?: () => number, pageSize?: number}} options
 * @returns {Promise<Gateway>}
 */
export async function createGateway(options) {
  if (typeof options?.config !== 'string') throw new TypeError('createGateway: `config` must be YAML text');
  const module = options.module ?? await defaultModule();
  const wasm = await instantiateCore(module);
  const core = new CoreGateway(wasm, { config: options.config, env: stringEnv(options.env),
    files: options.files ?? {}, pageSize: options.pageSize ?? 0 });
  if (!core.ok) {
    const errors = core.errors;
    core.close();
    throw new GatewayConfigError(errors);
  }
  return new Gateway(wasm, core, options);
}

export { CoreGateway, instantiateCore } from './core.mjs';
export { fetchTransport, runExchange, translateStream } from './exchange.mjs';
