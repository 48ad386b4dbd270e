// The Cloudflare-style `fetch(request, env, ctx)` handler around a Gateway:
// host-level pages (/docs, /openapi.json), the request body cap, Server-Timing,
// one access-log line per request, and `gateway.handle` for everything else
// (the core answers every REST path itself).
import {
  accessLogLine, bodyTooLargeReply, declaredTooLarge,
  internalErrorReply, isNullBodyStatus, PLAIN_INTERNAL_ERROR, LINGER_BYTES, LINGER_MS, parseByteSize, serverTiming,
  timedTransport,
} from './http-util.mjs';
import { readUpTo } from '../bindings/exchange.mjs';
import { isSitePath, siteReply } from './site.mjs';
import { isUiPath, uiReply } from './ui.mjs';

const EMPTY = new Uint8Array(0);

/**
 * Thrown by a `getGateway` when the configuration does not load.
 * @param {(path: string) => ({status: number, headers: Array<[string,string]>, body: Uint8Array} | undefined)} [reply]
 *   the 500 to answer (GatewayConfigError.reply: rendered by the core that refused the config)
 */
export class ConfigUnavailableError extends Error {
  constructor(reply = undefined) {
    super('gateway configuration unavailable');
    this.name = 'ConfigUnavailableError';
    this.reply = reply;
  }
}

/**
 * Reads a request body, counting bytes as they arrive.
 * @returns {Promise<Uint8Array|ReadableStreamDefaultReader|null>} the body; past
 *   `limit`, the reader positioned after what was read (null if nothing was read)
 */
export async function readBodyCapped(request, limit) {
  if (declaredTooLarge(request.headers.get('content-length'), limit)) return null;
  if (!request.body) return EMPTY;
  const reader = request.body.getReader();
  return (await readUpTo(reader, limit)) ?? reader;
}

/**
 * After a 413: reads and drops the rest of the body (bounded), so the client
 * gets the 413 instead of a reset connection.
 */
async function discardRest(request, reader) {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > LINGER_BYTES) return;
  const source = reader ?? request.body?.getReader();
  if (!source) return;
  const deadline = Date.now() + LINGER_MS;
  let dropped = 0;
  try {
    while (dropped <= LINGER_BYTES && Date.now() < deadline) {
      const { done, value } = await source.read();
      if (done) return;
      dropped += value.length;
    }
    await source.cancel();
  } catch {
    // The client went away: nothing left to drop.
  }
}

function toResponse(method, reply) {
  const noBody = method === 'HEAD' || isNullBodyStatus(reply.status);
  return new Response(noBody ? null : reply.body, { status: reply.status, headers: reply.headers });
}

async function serve(gateway, request, path, options) {
  if (isSitePath(request.method, path)) return toResponse(request.method, await siteReply(gateway, path));
  if (isUiPath(request.method, path)) return toResponse(request.method, uiReply(path));
  const body = await readBodyCapped(request, options.limit);
  if (!(body instanceof Uint8Array)) {
    options.ctx?.waitUntil?.(discardRest(request, body));
    return toResponse(request.method, bodyTooLargeReply(gateway, path, options.limit));
  }
  return gateway.handle(request, {
    body,
    clientKey: request.headers.get('cf-connecting-ip') ?? '',
    transport: timedTransport(gateway.transport, options.timing, options.now),
  });
}

/**
 * Creates the fetch handler.
 * @param {{getGateway: (env: object) => Promise<import('../bindings/index.mjs').Gateway>,
 *          maxBodyBytes?: number, log?: (line: string) => void, now?: () => number}} options
 *   `getGateway` may throw ConfigUnavailableError (→ 500 without details; the caller logs them).
 *   The body cap defaults to `env.MAX_BODY_BYTES`, then 10 MB.
 * @returns {{fetch(request: Request, env?: object, ctx?: object): Promise<Response>}}
 */
export function createHandler(options) {
  const now = options.now ?? (() => performance.now());
  const log = options.log ?? ((line) => console.log(line));
  return {
    async fetch(request, env = {}, ctx = undefined) {
      const start = now();
      const path = new URL(request.url).pathname;
      const timing = { upstreamMs: 0 };
      let response;
      let gateway;
      try {
        const limit = options.maxBodyBytes ?? parseByteSize(env.MAX_BODY_BYTES);
        gateway = await options.getGateway(env);
        response = await serve(gateway, request, path, { limit, timing, now, ctx });
      } catch (error) {
        const reply = error instanceof ConfigUnavailableError
          ? error.reply?.(path) ?? PLAIN_INTERNAL_ERROR : internalErrorReply(gateway, path);
        if (!(error instanceof ConfigUnavailableError)) log(`internal error: ${error?.name ?? 'Error'}`);
        response = toResponse(request.method, reply);
      }
      const total = now() - start;
      response.headers.set('server-timing', serverTiming(total, timing.upstreamMs));
      log(accessLogLine(request.method, path, response.status, total));
      return response;
    },
  };
}
