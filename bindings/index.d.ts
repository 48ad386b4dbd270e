// Type declarations for `ai-gateway-wasm` (the in-process gateway).

/** One configuration diagnostic. */
export interface ConfigDiagnostic {
  message: string;
  /** 1-based line in the YAML text (absent when not positional). */
  line?: number;
  column?: number;
  /** Path in the config, e.g. `endpoints[0].model.provider`. */
  path?: string;
}

/** Thrown when a configuration does not load; carries every diagnostic. */
export class GatewayConfigError extends Error {
  constructor(errors: ConfigDiagnostic[]);
  name: 'GatewayConfigError';
  /** All errors. */
  errors: ConfigDiagnostic[];
  /** Line of the first error. */
  line?: number;
  /** Column of the first error. */
  column?: number;
  /** The 500 a host answers while it has no configuration, in the shape of `target`'s surface. */
  reply(target: string): HostReply | undefined;
}

/** A reply a host sends as is. */
export interface HostReply {
  status: number;
  headers: Array<[string, string]>;
  body: Uint8Array;
}

/** Failures a host detects itself (their bodies come from the core's error table). */
export type HostErrorId = 'request_too_large' | 'internal_error' | 'invalid_configuration';

/** A gateway (or provider) answered with a non-2xx status. */
export class GatewayHttpError extends Error {
  constructor(status: number, detail: unknown, body?: string);
  name: 'GatewayHttpError';
  /** HTTP status code. */
  status: number;
  /** `detail` (MLflow shape) or `error` (OpenAI shape) of the body, else its text. */
  detail: unknown;
  /** The raw response text. */
  body?: string;
}

/** "line 4, column 7: message" */
export function formatDiagnostic(diagnostic: ConfigDiagnostic): string;

/** Serialises a plain config object to YAML text the core accepts (JSON flow style). */
export function configToYaml(config: object): string;

/** Parses an SSE byte stream into JSON payloads; stops at `data: [DONE]`. */
export function parseSse(stream: ReadableStream<Uint8Array>): AsyncGenerator<any>;

/** One upstream HTTP request the core asks the host to send. */
export interface UpstreamRequest {
  method: string;
  url: string;
  headers: Array<[string, string]>;
  /** May be a view into a buffer shared with other small bodies: copy it before transferring its `buffer`. */
  body: Uint8Array;
}

/** What a transport answers: a body, a stream (for 2xx streamed calls), or status 0 on failure. */
export interface UpstreamResponse {
  status: number;
  headers: Array<[string, string]>;
  body?: Uint8Array;
  stream?: ReadableStream<Uint8Array>;
  timedOut?: boolean;
  abort?: () => void;
}

/** Sends upstream requests (the host's I/O). */
export type Transport = (request: UpstreamRequest,
  options: { timeoutMs: number; stream: boolean }) => Promise<UpstreamResponse>;

/** The options of createGateway. */
export interface GatewayOptions {
  /** The configuration: MLflow YAML text, or a plain object (serialised to YAML). */
  config: string | object;
  /** Values for `$NAME` keys in the config (e.g. `{OPENAI_API_KEY: '...'}`). Non-strings are ignored. */
  env?: Record<string, string | undefined>;
  /** Files the config refers to by path (name → text). */
  files?: Record<string, string>;
  /** The compiled core; defaults to the bundled `gw-core.wasm` (the `workerd` entry presets it). */
  module?: WebAssembly.Module;
  /** The `fetch` used to call providers (default: `globalThis.fetch`). */
  fetch?: typeof fetch;
  /**
   * Largest non-streamed upstream response body the `fetch` transport reads (default 32 MiB):
   * a bigger one is dropped while it arrives and the request answers 502.
   */
  maxResponseBytes?: number;
  /** A transport instead of `fetch` (the Node host passes a keep-alive `node:http` one). */
  transport?: Transport;
  /** Signs upstream requests that need it (e.g. AWS SigV4 for Bedrock). */
  sign?: (request: UpstreamRequest) => Promise<UpstreamRequest> | UpstreamRequest;
  /** Clock in ms (default `Date.now`). */
  now?: () => number;
  /** Randomness in [0, 1) (default `Math.random`). */
  random?: () => number;
  /** Page size of the listing APIs (default: MLflow's). */
  pageSize?: number;
  /** Rate-limit counter store (default: in-process `MemoryRateLimitStore`). */
  limiter?: RateLimitStore;
  /** Circuit-breaker state (default: a new `BreakerStore` per gateway). */
  breaker?: BreakerStore;
  /** Called when the limiter fails; the request is then let through (fail-open). */
  onLimiterError?: (error: unknown, key: string) => void;
}

/** Counts rate-limit hits in fixed windows; the core decides from what it returns. */
export interface RateLimitStore {
  /** One atomic hit on `key`: the count in the current window (this hit included) and when it opened. */
  hit(key: string, windowMs: number, nowMs: number): Promise<{ count: number; windowStartMs: number }>;
}

/** In-process fixed-window counters (one process or isolate). */
export class MemoryRateLimitStore implements RateLimitStore {
  constructor(options?: { maxKeys?: number });
  hit(key: string, windowMs: number, nowMs: number): Promise<{ count: number; windowStartMs: number }>;
}

/** Circuit-breaker entries of one process/isolate, as the core reads and writes them. */
export class BreakerStore {
  constructor();
  /** [[endpoint, consecutive failures, cool-down end ms]...] for endpoints not closed. */
  entries(): Array<[string, number, number]>;
  /** Stores entries returned by the core. */
  apply(entries?: Array<[string, number, number]>): void;
}

/** Lower-case hex SHA-256 of the request's bearer token ('' when there is none). */
export function bearerKeyDigest(headers: Iterable<[string, string]>): Promise<string>;

/** One route served by a gateway. */
export interface RouteInfo {
  name: string;
  /** e.g. `llm/v1/chat`. */
  endpointType: string;
  provider?: string;
  model?: string;
  /** The MLflow invocation URL (relative). */
  url?: string;
}

/** Per-call options of `query` and `stream`. */
export interface InvokeOptions {
  /** A gateway key (the config's `auth:`), sent as `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  /** Who the caller is, for per-client rate limits (default: one shared in-process client). */
  clientKey?: string;
}

/** The result of one exchange: a body, or a stream of SSE bytes. */
export interface ExchangeResult {
  status: number;
  headers: Array<[string, string]>;
  /** May be a view into a buffer shared with other small bodies: copy it before transferring its `buffer`. */
  body: Uint8Array | null;
  stream?: ReadableStream<Uint8Array>;
}

/** A loaded gateway: the in-process API every host builds on. */
export class Gateway {
  private constructor();
  /** Diagnostics that did not block loading. */
  readonly warnings: ConfigDiagnostic[];
  /** The transport in use. */
  readonly transport: Transport;
  /**
   * Queries a route: `POST /endpoints/{route}/invocations`; resolves with the parsed JSON answer.
   * @throws GatewayHttpError on a non-2xx answer
   */
  query(route: string, body: object, options?: InvokeOptions): Promise<any>;
  /** Streams a route (`stream: true` added); yields parsed chunks. @throws GatewayHttpError */
  stream(route: string, body: object, options?: InvokeOptions): AsyncGenerator<any>;
  /** The routes served: endpoints (all pages) then traffic routes. */
  routes(): Promise<RouteInfo[]>;
  /** Serves a WHATWG Request (any fetch-style server: workerd, Bun, Deno, Hono, the browser). */
  handle(request: Request, options?: { body?: Uint8Array; clientKey?: string; transport?: Transport }): Promise<Response>;
  /** Runs one HTTP exchange through the core (used by hosts without WHATWG objects). */
  exchange(request: { method: string; target: string; headers: Array<[string, string]>; body?: Uint8Array;
    clientKey?: string }, overrides?: { transport?: Transport; limiter?: RateLimitStore }): Promise<ExchangeResult>;
  /** Swaps in a new configuration atomically. @throws GatewayConfigError (the old config stays) */
  reload(options: { config: string | object; env?: Record<string, string | undefined>;
    files?: Record<string, string> }): ConfigDiagnostic[];
  /**
   * The reply for a failure the host detects itself, rendered by the core in the shape of
   * `target`'s API surface (OpenAI's error object on /v1, MLflow's `detail` elsewhere).
   */
  hostErrorReply(id: HostErrorId, target: string, limitBytes?: number): HostReply;
  /** Releases the Wasm-side objects. */
  close(): void;
}

/**
 * Creates a gateway: loads the Wasm core and the configuration.
 * @throws GatewayConfigError when the configuration does not load
 */
export function createGateway(options: GatewayOptions): Promise<Gateway>;

/** Compiles the bundled `.wasm` (or the given bytes / URL) for this runtime. */
export function loadWasmModule(source?: URL | string | Uint8Array | ArrayBuffer | WebAssembly.Module): Promise<WebAssembly.Module>;

/** A transport over a WHATWG `fetch` (non-streamed response bodies capped at `maxResponseBytes`, default 32 MiB). */
export function fetchTransport(fetchImpl?: typeof fetch, options?: { maxResponseBytes?: number }): Transport;

/** AWS credentials for SigV4 signing (Amazon Bedrock endpoints whose `aws_config` holds no keys). */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** The options of createSigner. */
export interface SignerOptions {
  /**
   * Credentials for endpoints whose `aws_config` holds no keys, or a function resolving them
   * (default: the `AWS_*` environment variables on Node).
   */
  credentials?: AwsCredentials | (() => Promise<AwsCredentials>);
}

/** A `sign` option for createGateway: adds the headers a request needs, or returns it unchanged. */
export type Signer = (request: UpstreamRequest & { signing?: object }) => Promise<UpstreamRequest>;

/**
 * Creates a `sign` option for createGateway: signs the requests the core marks with `signing`
 * (AWS SigV4, with WebCrypto) and returns them without it; other requests pass unchanged.
 * @throws SigV4Error (from the returned function) when a request cannot be signed
 */
export function createSigner(options?: SignerOptions): Signer;

/** The default signer of createGateway (credentials from the config, else the environment). */
export const signRequest: Signer;

/** A SigV4 signing failure; its message never contains credentials or signatures. */
export class SigV4Error extends Error {
  constructor(message: string);
  name: 'SigV4Error';
}
