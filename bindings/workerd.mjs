// The `workerd` entry of the package (Cloudflare Workers, workerd, wrangler): the
// core is imported as a CompiledWasm module (compiling bytes at run time is
// forbidden there) and handed to createGateway. Call createGateway inside a
// request handler (not at global scope): the module is instantiated then.
import wasmModule from '../dist/gw-core.wasm';
import { createGateway as createWithModule } from './index.mjs';

export * from './index.mjs';

/** The bundled core as a compiled module. */
export { wasmModule };

/**
 * createGateway with the bundled core module preset.
 * @param {Parameters<typeof createWithModule>[0]} options
 */
export function createGateway(options) {
  return createWithModule({ module: wasmModule, ...options });
}

/** The compiled core (already a module here). */
export async function loadWasmModule() {
  return wasmModule;
}
