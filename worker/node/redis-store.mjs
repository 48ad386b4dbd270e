// Node only: a rate-limit store in Redis, so several Node processes share one
// limit (MLflow: MLFLOW_GATEWAY_RATE_LIMITS_STORAGE_URI). A minimal RESP2 client
// over node:net / node:tls — one connection, pipelined commands, no dependency.
//
// Each hit runs one Lua script (atomic in Redis): INCR the window's counter and,
// on the first hit, PEXPIRE it to the window length. The window start is derived
// from Redis's remaining TTL, so all processes agree on it whatever their clocks.
import net from 'node:net';
import tls from 'node:tls';
import { MemoryRateLimitStore } from '../../bindings/limit-store.mjs';

const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if count == 1 or ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}`;


/** Encodes one command as a RESP array of bulk strings. */
export function encodeCommand(args) {
  let out = `*${args.length}\r\n`;
  for (const arg of args) {
    const text = String(arg);
    out += `$${Buffer.byteLength(text)}\r\n${text}\r\n`;
  }
  return out;
}

/**
 * Parses one RESP2 reply at `offset`.
 * @returns {{value: any, next: number} | undefined} undefined when incomplete
 */
export function parseReply(buf, offset = 0) {
  const eol = buf.indexOf('\r\n', offset);
  if (eol < 0) return undefined;
  const type = String.fromCharCode(buf[offset]);
  const line = buf.toString('utf8', offset + 1, eol);
  const next = eol + 2;
  if (type === '+') return { value: line, next };
  if (type === '-') return { value: new RedisError(line), next };
  if (type === ':') return { value: Number(line), next };
  if (type === '$') {
    const length = Number(line);
    if (length < 0) return { value: null, next };
    if (buf.length < next + length + 2) return undefined;
    return { value: buf.toString('utf8', next, next + length), next: next + length + 2 };
  }
  if (type === '*') {
    const count = Number(line);
    if (count < 0) return { value: null, next };
    const items = [];
    let at = next;
    for (let i = 0; i < count; i++) {
      const item = parseReply(buf, at);
      if (!item) return undefined;
      items.push(item.value);
      at = item.next;
    }
    return { value: items, next: at };
  }
  throw new RedisError(`unexpected RESP type byte ${JSON.stringify(type)}`);
}

/** An error reply from Redis (or a protocol error). */
export class RedisError extends Error {
  constructor(message) {
    super(message);
    this.name = 'RedisError';
  }
}

/** Connection settings from redis://[user:password@]host[:port][/db] (rediss:// for TLS). */
export function parseRedisUrl(uri) {
  const url = new URL(uri);
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new RangeError(`not a redis:// URI: ${url.protocol}`);
  }
  const db = url.pathname.replace(/^\//, '');
  return {
    host: url.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1',
    port: Number(url.port) || 6379,
    tls: url.protocol === 'rediss:',
    username: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    db: db === '' ? 0 : Number(db),
  };
}

/** One pipelined RESP connection, opened lazily and re-opened after a failure. */
export class RedisClient {
  /** @param {string} uri @param {{timeoutMs?: number}} [options] per-command timeout (default 1000) */
  constructor(uri, { timeoutMs = 1000 } = {}) {
    this.settings = parseRedisUrl(uri);
    this.timeoutMs = timeoutMs;
    this.socket = undefined;
    this.pending = [];
    this.buffer = Buffer.alloc(0);
  }

  /** Sends one command; resolves with its reply, rejects with a RedisError. */
  command(args) {
    const socket = this.socket ?? this.#connect();
    return new Promise((resolve, reject) => {
      const entry = { resolve, reject, timer: undefined };
      entry.timer = setTimeout(() => this.#fail(new RedisError('redis command timed out')), this.timeoutMs);
      this.pending.push(entry);
      socket.write(encodeCommand(args));
    });
  }

  /** Closes the connection (pending commands fail). */
  close() {
    this.#fail(new RedisError('redis client closed'));
  }

  #connect() {
    const { host, port, username, password, db } = this.settings;
    const socket = this.settings.tls ? tls.connect({ host, port, servername: host }) : net.connect({ host, port });
    socket.setNoDelay(true);
    socket.on('data', (chunk) => this.#onData(chunk));
    socket.on('error', (error) => this.#fail(new RedisError(`redis connection failed: ${error.code ?? error.message}`)));
    socket.on('close', () => this.#fail(new RedisError('redis connection closed')));
    this.socket = socket;
    // Queued before any caller's command: replies come back in order.
    if (password) this.#handshake(username ? ['AUTH', username, password] : ['AUTH', password]);
    if (db) this.#handshake(['SELECT', db]);
    return socket;
  }

  #handshake(args) {
    this.command(args).catch(() => {});  // a failure fails the connection's later commands too
  }

  #onData(chunk) {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    let offset = 0;
    try {
      for (let reply; this.pending.length && (reply = parseReply(this.buffer, offset));) {
        offset = reply.next;
        const entry = this.pending.shift();
        clearTimeout(entry.timer);
        if (reply.value instanceof RedisError) entry.reject(reply.value);
        else entry.resolve(reply.value);
      }
    } catch (error) {
      this.#fail(error);
      return;
    }
    this.buffer = this.buffer.subarray(offset);
  }

  // Any failure poisons the stream position: drop the connection and fail all pending commands.
  #fail(error) {
    const socket = this.socket;
    this.socket = undefined;
    this.buffer = Buffer.alloc(0);
    if (socket) {
      socket.removeAllListeners('close');
      socket.on('error', () => {});
      socket.destroy();
    }
    const pending = this.pending;
    this.pending = [];
    for (const entry of pending) {
      clearTimeout(entry.timer);
      entry.reject(error);
    }
  }
}

/** Fixed-window counters in Redis, shared by every process that uses the same server. */
export class RedisRateLimitStore {
  /**
   * @param {string} uri redis://[user:password@]host[:port][/db] or rediss://...
   * @param {{prefix?: string, timeoutMs?: number}} [options] key prefix (default "gw:rl:")
   */
  constructor(uri, { prefix = 'gw:rl:', timeoutMs = 1000 } = {}) {
    this.client = new RedisClient(uri, { timeoutMs });
    this.prefix = prefix;
  }

  /** One atomic hit; `nowMs` only places the window start on the host's clock. */
  async hit(key, windowMs, nowMs) {
    const reply = await this.client.command(['EVAL', HIT_SCRIPT, 1, this.prefix + key, Math.max(1, Math.floor(windowMs))]);
    if (!Array.isArray(reply) || reply.length !== 2) throw new RedisError('unexpected reply to the limit script');
    const [count, ttl] = reply.map(Number);
    return { count, windowStartMs: nowMs - (windowMs - ttl) };
  }

  /** Closes the Redis connection. */
  close() {
    this.client.close();
  }
}

/**
 * The store a URI names: "memory" / "memory://" (in-process) or redis:// / rediss://.
 * @throws {RangeError} for anything else
 */
export function rateLimitStoreFromUri(uri) {
  if (!uri || uri === 'memory' || uri.startsWith('memory://')) return new MemoryRateLimitStore();
  if (/^rediss?:\/\//.test(uri)) return new RedisRateLimitStore(uri);
  throw new RangeError(`unsupported rate-limit store "${uri}" (use memory or redis://host:port)`);
}

