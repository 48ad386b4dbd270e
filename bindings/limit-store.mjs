// Rate-limit counter stores. The core decides (Gateway::admit); a store only
// counts: one atomic "hit" per request to a limited route, in a fixed window
// that opens at the key's first hit and lasts `windowMs` (slowapi's default
// strategy). Every store implements:
//
//   hit(key, windowMs, nowMs) -> Promise<{count, windowStartMs}>
//     count: hits in the current window including this one
//     windowStartMs: when that window opened
//
// Stores: MemoryRateLimitStore (one process/isolate), RedisRateLimitStore
// (worker/node/redis-store.mjs, Node, shared by processes), DurableObjectRateLimitStore
// (worker/rate-limiter.mjs, the edge, global).

/**
 * @typedef {object} RateLimitStore
 * @property {(key: string, windowMs: number, nowMs: number) => Promise<{count: number, windowStartMs: number}>} hit
 */

/** In-process fixed-window counters (Node, library, one worker isolate). */
export class MemoryRateLimitStore {
  /**
   * @param {{maxKeys?: number}} [options] expired windows are swept when the
   *   map grows past `maxKeys` (default 100,000), so memory stays bounded.
   */
  constructor({ maxKeys = 100_000 } = {}) {
    this.windows = new Map();
    this.maxKeys = maxKeys;
  }

  /** Counts one hit (synchronous inside; async for the common interface). */
  async hit(key, windowMs, nowMs) {
    let window = this.windows.get(key);
    if (!window || nowMs >= window.startMs + window.windowMs) {
      if (!window && this.windows.size >= this.maxKeys) this.#sweep(nowMs);
      window = { startMs: nowMs, windowMs, count: 0 };
      this.windows.set(key, window);
    }
    window.count++;
    return { count: window.count, windowStartMs: window.startMs };
  }

  #sweep(nowMs) {
    for (const [key, w] of this.windows) {
      if (nowMs >= w.startMs + w.windowMs) this.windows.delete(key);
    }
    // Still full of live windows: drop the oldest (insertion order) rather than grow.
    for (const key of this.windows.keys()) {
      if (this.windows.size < this.maxKeys) break;
      this.windows.delete(key);
    }
  }
}
