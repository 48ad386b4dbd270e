// Type declarations for the `workerd` condition of `ai-gateway-wasm` (Cloudflare Workers,
// workerd, wrangler): the library API with the bundled core preset.
import type { GatewayOptions, Gateway } from './index.js';

export * from './index.js';

/** The bundled core as a compiled module (imported as a CompiledWasm module). */
export const wasmModule: WebAssembly.Module;

/**
 * Creates a gateway with the bundled core module preset (`module` may still be overridden).
 * Call it inside a request handler, not at global scope.
 * @throws GatewayConfigError when the configuration does not load
 */
export function createGateway(options: GatewayOptions): Promise<Gateway>;

/** The compiled core (already a module here; the argument of the library version is not needed). */
export function loadWasmModule(): Promise<WebAssembly.Module>;
