// Cloudflare module-worker entry. The core is imported as a CompiledWasm module
// (compiling bytes at run time is forbidden in workerd) and instantiated inside
// the first request. The configuration is the `GATEWAY_CONFIG` var when set,
// else the bundled `gateway.yaml`; `$NAME` keys resolve from the worker's
// secrets and vars.
import wasmModule from '../dist/gw-core.wasm';
import bundledConfig from './gateway.yaml';
import { createGateway, formatDiagnostic, GatewayConfigError } from '../bindings/index.mjs';
import { ConfigUnavailableError, createHandler } from './handler.mjs';
import { DurableObjectRateLimitStore } from './rate-limiter.mjs';

/** The Durable Object class that counts rate-limit hits (bound as RATE_LIMITER, see wrangler.toml). */
export { RateLimiter } from './rate-limiter.mjs';

let loaded;  // {config, promise} for the configuration text in use

function configText(env) {
  return typeof env.GATEWAY_CONFIG === 'string' && env.GATEWAY_CONFIG.trim() ? env.GATEWAY_CONFIG : bundledConfig;
}

async function load(config, env) {
  try {
    // Limits are global with the RATE_LIMITER binding; without it, counted per isolate.
    const limiter = env.RATE_LIMITER ? new DurableObjectRateLimitStore(env.RATE_LIMITER) : undefined;
    return await createGateway({ config, env, module: wasmModule, pageSize: Number(env.PAGE_SIZE) || 0, limiter,
      onLimiterError: (error) => console.error(`rate-limit store error: ${error?.message ?? error}`) });
  } catch (error) {
    if (error instanceof GatewayConfigError) {
      for (const d of error.errors) console.error(`config error: ${formatDiagnostic(d)}`);
      throw new ConfigUnavailableError((path) => error.reply(path));
    }
    throw error;
  }
}

/** The gateway for this isolate, created on first use (once per configuration text). */
export function getGateway(env) {
  const config = configText(env);
  if (loaded?.config !== config) loaded = { config, promise: load(config, env) };
  return loaded.promise;
}

const handler = createHandler({ getGateway });

export default {
  /** Cloudflare module-worker fetch entry. */
  fetch(request, env, ctx) {
    return handler.fetch(request, env, ctx);
  },
};
