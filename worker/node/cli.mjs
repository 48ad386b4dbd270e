#!/usr/bin/env node
// `ai-gateway start|validate --config-path config.yaml`: the Node host's CLI.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import v8 from 'node:v8';
import { parseByteSize } from '../http-util.mjs';

// What needs the built Wasm core is imported once the arguments are read, so that
// --help and --version answer without a build, and a missing build is one sentence.
let formatConfigError, GatewayConfigError, loadGatewayFile, watchConfig;
let createNodeServer, nodeTransport, rateLimitStoreFromUri, formatRouteTable, listRoutes;

/** Imports the host modules; false when the Wasm core (dist/) is not built. */
async function importHost() {
  try {
    ({ formatConfigError, GatewayConfigError, loadGatewayFile, watchConfig } = await import('./config-source.mjs'));
    ({ createNodeServer } = await import('./server.mjs'));
    ({ nodeTransport } = await import('./transport.mjs'));
    ({ rateLimitStoreFromUri } = await import('./redis-store.mjs'));
    ({ formatRouteTable, listRoutes } = await import('./route-table.mjs'));
    return true;
  } catch (error) {
    if (error?.code === 'ERR_MODULE_NOT_FOUND' && /dist[\\/]gw-core/.test(String(error.message))) return false;
    throw error;
  }
}

const VERSION = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;

const HELP = `Usage: ai-gateway <command> [options]

Commands:
  start      Start the gateway server
  validate   Check a configuration file; print every error with its line and column

Options:
  --config-path <file>       The gateway's YAML configuration (env: MLFLOW_GATEWAY_CONFIG)
  --host <host>              Interface to listen on (start; default 127.0.0.1)
  --port <port>              Port to listen on (start; default 5000, 0 = any free port)
  --max-body-size <bytes>    Request body cap, e.g. 10mb, 512kb (start; default 10mb)
  --page-size <n>            Page size of the listing APIs (start; default 3000, as MLflow)
  --no-watch                 Do not reload the configuration when the file changes (start)
  --quiet                    No access log (start)
  --rate-limit-store <uri>   Where rate-limit counters live (start): memory (default, this
                             process) or redis://[user:password@]host:port[/db], shared by every
                             process using it (env: MLFLOW_GATEWAY_RATE_LIMITS_STORAGE_URI)
  -h, --help                 Show this help
  -v, --version              Print the version

The configuration is reloaded when the file changes: a valid change is swapped in
without dropping in-flight requests; an invalid one is reported and the running
configuration keeps serving. Keys given as $NAME are read from the environment.`;

const OPTIONS = {
  'config-path': { type: 'string' },
  host: { type: 'string', default: '127.0.0.1' },
  port: { type: 'string', default: '5000' },
  'max-body-size': { type: 'string' },
  'page-size': { type: 'string' },
  'no-watch': { type: 'boolean', default: false },
  quiet: { type: 'boolean', default: false },
  'rate-limit-store': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'v', default: false },
};

/** A logger that batches lines into one write per event-loop turn. */
function batchedLog(stream) {
  let pending = '';
  return (line) => {
    if (!pending) setImmediate(() => { stream.write(pending); pending = ''; });
    pending += `${line}\n`;
  };
}

function fail(message) {
  process.stderr.write(`ai-gateway: ${message}\n`);
  return 2;
}

async function loadOrReport(file, options) {
  try {
    return { gateway: await loadGatewayFile(file, options) };
  } catch (error) {
    if (error instanceof GatewayConfigError) {
      for (const d of error.errors) process.stderr.write(`${formatConfigError(file, d)}\n`);
      return { exitCode: 1 };
    }
    if (error.code === 'ENOENT' || error.code === 'EISDIR') {
      process.stderr.write(`${file}: cannot read the configuration file (${error.code})\n`);
      return { exitCode: 1 };
    }
    throw error;
  }
}

async function validate(file) {
  const { gateway, exitCode } = await loadOrReport(file, {});
  if (!gateway) return exitCode;
  for (const w of gateway.warnings ?? []) process.stderr.write(`warning: ${formatConfigError(file, w)}\n`);
  const models = await gateway.exchange({ method: 'GET', target: '/v1/models', headers: [] });
  const count = JSON.parse(new TextDecoder().decode(models.body)).data.length;
  process.stdout.write(`${file}: OK (${count} route${count === 1 ? '' : 's'})\n`);
  gateway.close();
  return 0;
}

function shutdown(server, watcher, transport, limiter) {
  watcher?.close();
  limiter?.close?.();
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  transport.close();
  setTimeout(() => process.exit(0), 5000).unref();
}

/** The routes (name, type, provider, model — never a key) and where the docs and demo UI are. */
async function startupBanner(gateway, base) {
  let table;
  try {
    table = formatRouteTable(await listRoutes(gateway));
  } catch (error) {
    table = `  (routes not listed: ${error.message})`;
  }
  return `routes:\n${table}\ndocs:    ${base}/docs  (OpenAPI: ${base}/openapi.json)\n` +
    `demo UI: ${base}/ui/\nCtrl-C stops the server after in-flight requests finish.`;
}

async function start(file, values) {
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return fail(`invalid --port ${values.port}`);
  const maxBodyBytes = parseByteSize(values['max-body-size']);
  let limiter;
  try {
    limiter = rateLimitStoreFromUri(values['rate-limit-store'] ?? process.env.MLFLOW_GATEWAY_RATE_LIMITS_STORAGE_URI);
  } catch (error) {
    return fail(`--rate-limit-store: ${error.message}`);
  }
  const log = batchedLog(process.stdout);
  // A store failure lets the request through (fail-open); say so without client details.
  const onLimiterError = (error) => log(`rate-limit store error: ${error?.message ?? error}`);
  const transport = nodeTransport();
  const { gateway, exitCode } = await loadOrReport(file, { transport, pageSize: Number(values['page-size']) || 0,
    limiter, onLimiterError });
  if (!gateway) return exitCode;
  const accessLog = values.quiet ? () => {} : log;
  for (const w of gateway.warnings ?? []) log(`config warning: ${formatConfigError(file, w)}`);
  const server = createNodeServer(() => gateway, { maxBodyBytes, log: accessLog });
  const watcher = values['no-watch'] ? undefined : watchConfig(gateway, file, { log });
  process.on('SIGHUP', () => watcher?.reload());
  process.on('SIGINT', () => shutdown(server, watcher, transport, limiter));
  process.on('SIGTERM', () => shutdown(server, watcher, transport, limiter));
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, values.host, resolve);
  });
  const address = server.address();
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const base = `http://${host}:${address.port}`;
  log(`ai-gateway listening on ${base} (config ${file})`);
  log(await startupBanner(gateway, base));
  return undefined;
}

/**
 * Runs the CLI.
 * @param {string[]} argv the arguments after `ai-gateway`
 * @returns {Promise<number|undefined>} an exit code, or undefined while the server runs
 */
// A server runs long: have V8 compile the whole core with its optimising tier in the
// background right after start, instead of tiering functions up one by one as they get
// hot (dynamic tiering reached full speed only after ~10 s of traffic; docs/PERFORMANCE.md).
// Must run before the .wasm is compiled.
function compileWasmEagerly() {
  if (process.env.AI_GATEWAY_WASM_DYNAMIC_TIERING !== '1') v8.setFlagsFromString('--no-wasm-dynamic-tiering');
}

async function main(argv) {
  compileWasmEagerly();
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    return fail(`${error.message}\n\n${HELP}`);
  }
  const { values, positionals } = parsed;
  const command = positionals[0];
  if (values.version) {
    process.stdout.write(`ai-gateway ${VERSION}\n`);
    return 0;
  }
  if (values.help || command === 'help' || !command) {
    process.stdout.write(`${HELP}\n`);
    return values.help || command === 'help' ? 0 : 2;
  }
  if (command !== 'start' && command !== 'validate') return fail(`unknown command "${command}"\n\n${HELP}`);
  const file = values['config-path'] ?? process.env.MLFLOW_GATEWAY_CONFIG;
  if (!file) return fail('--config-path is required');
  if (!(await importHost())) {
    return fail('the Wasm core is not built (dist/gw-core.mjs is missing): run `npm run build` first');
  }
  try {
    return command === 'validate' ? await validate(file) : await start(file, values);
  } catch (error) {
    return fail(error instanceof RangeError ? error.message : `failed to start (${error?.code ?? error?.name ?? "Error"})`);
  }
}

const code = await main(process.argv.slice(2));
if (code !== undefined) process.exitCode = code;
