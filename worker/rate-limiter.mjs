// Rate limits at the edge: one Durable Object per (route, client key), found by
// `idFromName(key)`, holds that key's fixed-window counter. Every isolate in
// every location that hits the key talks to the same object, so the limit is
// global. The core decides (Gateway::admit); the object only counts.
//
// wrangler.toml binds the class as RATE_LIMITER (see the durable_objects block).

/** The Durable Object class: a fixed-window counter for one key. */
export class RateLimiter {
  /**
   * @param {DurableObjectState} state
   * @param {object} env
   */
  constructor(state, env) {
    this.state = state;
    this.env = env;
    this.window = undefined;  // {startMs, windowMs, count}
    // Loaded once, before any request is delivered: the hit below then needs no await.
    state.blockConcurrencyWhile(async () => {
      this.window = await state.storage.get('window');
    });
  }

  /**
   * `POST /hit?windowMs=N&nowMs=T` -> `{count, windowStartMs}`. The increment
   * is synchronous (no await between read and write), so concurrent requests
   * to this object are counted one by one; the write is not awaited, workerd's
   * output gate holds the response until it is durable.
   */
  async fetch(request) {
    const url = new URL(request.url);
    const windowMs = Number(url.searchParams.get('windowMs'));
    const nowMs = Number(url.searchParams.get('nowMs')) || Date.now();
    if (url.pathname !== '/hit' || !(windowMs > 0)) return new Response('bad request', { status: 400 });
    let w = this.window;
    if (!w || nowMs >= w.startMs + w.windowMs) {
      w = { startMs: nowMs, windowMs, count: 0 };
      this.state.storage.setAlarm(nowMs + windowMs);
    }
    w.count++;
    this.window = w;
    this.state.storage.put('window', w);
    return Response.json({ count: w.count, windowStartMs: w.startMs });
  }

  /** Drops the stored window once it has ended (nothing to keep for an idle key). */
  async alarm() {
    const w = this.window;
    if (w && Date.now() < w.startMs + w.windowMs) {
      this.state.storage.setAlarm(w.startMs + w.windowMs);
      return;
    }
    this.window = undefined;
    await this.state.storage.deleteAll();
  }
}

/** The worker-side store: counts hits in the RateLimiter object of each key. */
export class DurableObjectRateLimitStore {
  /** @param {DurableObjectNamespace} namespace the RATE_LIMITER binding */
  constructor(namespace) {
    this.namespace = namespace;
  }

  /** One hit on `key`'s object. */
  async hit(key, windowMs, nowMs) {
    const stub = this.namespace.get(this.namespace.idFromName(key));
    const url = `https://rate-limiter/hit?windowMs=${Math.floor(windowMs)}&nowMs=${Math.floor(nowMs)}`;
    const response = await stub.fetch(url, { method: 'POST' });
    if (!response.ok) throw new Error(`rate limiter answered ${response.status}`);
    return response.json();
  }
}
