// Circuit-breaker state for one process/isolate. The core decides (see
// src/policy/breaker.h); this map only remembers what the core returned:
// per endpoint, consecutive failures and when its cool-down ends.
//
// The exchange loop reads `entries()` into the context of a plan/finish call
// and `apply()`s the entries the step carries right after, with no await in
// between, so concurrent requests in one JS thread lose no update.

/** Per-endpoint breaker entries, as the core reads and writes them. */
export class BreakerStore {
  constructor() {
    this.map = new Map();
  }

  /**
   * The entries to hand to the core: [[endpoint, failures, openUntilMs]...].
   * Closed endpoints (no failures) are not listed.
   */
  entries() {
    const out = [];
    for (const [name, e] of this.map) out.push([name, e.failures, e.openUntilMs]);
    return out;
  }

  /** Stores entries returned by the core (a closed entry removes the endpoint). */
  apply(entries) {
    for (const [name, failures, openUntilMs] of entries ?? []) {
      if (failures === 0 && openUntilMs === 0) this.map.delete(name);
      else this.map.set(name, { failures, openUntilMs });
    }
  }
}
