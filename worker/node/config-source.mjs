// The Node host's view of a config file: read it, read the key files it names
// (MLflow resolves a key that is a path to an existing file to that file's
// contents, verbatim), load or validate it, and hot-reload it on change.
import fs from 'node:fs';
import path from 'node:path';
import { createGateway, formatDiagnostic, GatewayConfigError, loadWasmModule } from '../../bindings/index.mjs';
import { instantiateCore } from '../../bindings/core.mjs';

/**
 * Reads the files named by literal key values that exist as regular files.
 * The candidates come from the core (`keyFileCandidates`, a JSON array string).
 * @param {object} wasm the embind module
 * @param {string} yaml the config text
 * @returns {Record<string, string>} path → contents
 */
export function readKeyFiles(wasm, yaml) {
  const files = {};
  let candidates = [];
  try {
    candidates = JSON.parse(wasm.keyFileCandidates(yaml));
  } catch {
    return files;
  }
  for (const candidate of candidates) {
    try {
      if (fs.statSync(candidate).isFile()) files[candidate] = fs.readFileSync(candidate, 'utf8');
    } catch {
      // Not a readable file (or a name too long to be one): the value is the key itself.
    }
  }
  return files;
}

/** Formats a diagnostic as `file:line:column: message` (or `file: message`). */
export function formatConfigError(file, d) {
  return d.line ? `${file}:${d.line}:${d.column}: ${d.message}` : `${file}: ${d.message}`;
}

let sharedModule;
async function wasmModule() {
  sharedModule ??= loadWasmModule();
  return sharedModule;
}

/**
 * Loads a gateway from a config file (keys from `env` and key files).
 * @param {string} file
 * @param {{env?: object, transport?: Function, pageSize?: number, limiter?: object, onLimiterError?: Function}} [options]
 * @returns {Promise<import('../../bindings/index.mjs').Gateway>} throws GatewayConfigError
 */
export async function loadGatewayFile(file, options = {}) {
  const config = fs.readFileSync(file, 'utf8');
  const module = await wasmModule();
  const files = readKeyFiles(await instantiateCore(module), config);
  return createGateway({ config, files, module, env: options.env ?? process.env,
    transport: options.transport, pageSize: options.pageSize,
    limiter: options.limiter, onLimiterError: options.onLimiterError });
}

/**
 * Watches a config file and reloads the gateway on change. A valid change swaps
 * the configuration (in-flight requests finish on the old one); an invalid one
 * is logged and the old configuration keeps serving; a deleted file too.
 * @param {import('../../bindings/index.mjs').Gateway} gateway
 * @param {string} file
 * @param {{log: (line: string) => void, debounceMs?: number, env?: () => object}} options
 * @returns {{close(): void, reload(): boolean}}
 */
export function watchConfig(gateway, file, options) {
  const log = options.log;
  const absolute = path.resolve(file);
  const env = options.env ?? (() => process.env);
  let last = snapshot();
  let timer;

  function snapshot() {
    try {
      const config = fs.readFileSync(absolute, 'utf8');
      return { config, files: readKeyFiles(gateway.wasm, config) };
    } catch (error) {
      return error.code === 'ENOENT' ? null : undefined;
    }
  }

  function reload(force = false) {
    const next = snapshot();
    if (next === null) {
      log(`config: ${file} was deleted; keeping the current configuration`);
      return false;
    }
    if (next === undefined) {
      log(`config: ${file} could not be read; keeping the current configuration`);
      return false;
    }
    if (!force && last && next.config === last.config &&
        JSON.stringify(next.files) === JSON.stringify(last.files)) return false;
    try {
      const warnings = gateway.reload({ config: next.config, files: next.files, env: env() });
      last = next;
      for (const w of warnings ?? []) log(`config warning: ${formatConfigError(file, w)}`);
      log(`config: reloaded ${file}`);
      return true;
    } catch (error) {
      if (!(error instanceof GatewayConfigError)) throw error;
      last = next;  // do not report the same broken text twice
      log(`config: invalid change to ${file}; keeping the current configuration`);
      for (const d of error.errors) log(`config error: ${formatConfigError(file, d)}`);
      return false;
    }
  }

  const watcher = fs.watch(path.dirname(absolute), (event, name) => {
    if (name && name !== path.basename(absolute)) return;
    clearTimeout(timer);
    timer = setTimeout(() => reload(), options.debounceMs ?? 100);
  });
  watcher.on('error', () => log(`config: stopped watching ${file}`));
  return {
    close() {
      clearTimeout(timer);
      watcher.close();
    },
    reload: () => reload(true),
  };
}

export { formatDiagnostic, GatewayConfigError };
