// Starts the gateway's two hosts for the HTTP tests: the Node server (the CLI
// as a child process) and the worker inside real workerd (plain `workerd serve`
// with a generated capnp config). Both take the same YAML text and env.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(ROOT, 'worker/node/cli.mjs');

/** A fresh temporary folder (removed by the host's stop()). */
export function tempDir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'gw-http-'));
}

function collect(child) {
  const out = { text: '' };
  child.stdout.on('data', (d) => { out.text += d; });
  child.stderr.on('data', (d) => { out.text += d; });
  return out;
}

function waitFor(out, child, pattern, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { clearInterval(poll); reject(new Error(`host did not start:\n${out.text}`)); }, ms);
    const poll = setInterval(() => {
      const match = pattern.exec(out.text);
      if (match) { clearTimeout(timer); clearInterval(poll); resolve(match); }
    }, 20);
    child.once('exit', (code) => {
      clearTimeout(timer); clearInterval(poll);
      reject(new Error(`host exited with ${code}:\n${out.text}`));
    });
  });
}

function stopper(child, dir) {
  return async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    }
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  };
}

/**
 * Starts `ai-gateway start` on a random port.
 * @param {{config: string, env?: object, args?: string[], dir?: string}} options
 * @returns {Promise<{name: string, url: string, configPath: string, output(): string, stop(): Promise<void>}>}
 */
export async function startNodeHost({ config, env = {}, args = [], dir }) {
  const folder = dir ?? tempDir();
  const configPath = path.join(folder, 'config.yaml');
  fs.writeFileSync(configPath, config);
  const child = spawn(process.execPath, [CLI, 'start', '--config-path', configPath, '--port', '0', ...args],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const out = collect(child);
  const match = await waitFor(out, child, /listening on (http:\/\/[^\s]+)/, 15000);
  return { name: 'node', url: match[1], configPath, child, output: () => out.text,
    stop: stopper(child, dir ? undefined : folder) };
}

const IMPORT_RE = /(?:import|export)\s[^'"]*?from\s*['"](\.[^'"]+)['"]|import\s*['"](\.[^'"]+)['"]/g;

/** Every module the worker entry reaches through relative imports (repo-relative names). */
export function workerModules(entry = 'worker/index.mjs') {
  const seen = new Set();
  const walk = (name) => {
    if (seen.has(name)) return;
    seen.add(name);
    if (!name.endsWith('.mjs')) return;
    const text = fs.readFileSync(path.join(ROOT, name), 'utf8');
    for (const m of text.matchAll(IMPORT_RE)) walk(path.posix.join(path.posix.dirname(name), m[1] ?? m[2]));
  };
  walk(entry);
  return [...seen];
}

function moduleEntry(name, rel) {
  const kind = name.endsWith('.wasm') ? 'wasm' : name.endsWith('.mjs') ? 'esModule' : 'text';
  return `(name = ${JSON.stringify(name)}, ${kind} = embed ${JSON.stringify(path.posix.join(rel, name))})`;
}

function capnpConfig(folder, bindings, port) {
  const rel = path.relative(folder, ROOT).split(path.sep).join('/');
  const modules = workerModules().map((m) => moduleEntry(m, rel)).join(',\n    ');
  const binds = [`(name = "GATEWAY_CONFIG", text = embed "config.yaml")`,
    ...Object.entries(bindings).map(([k, v]) => `(name = ${JSON.stringify(k)}, text = ${JSON.stringify(String(v))})`)];
  return `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = .gateway),
    (name = "internet", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
const gateway :Workerd.Worker = (
  modules = [
    ${modules}
  ],
  compatibilityDate = "2025-09-01",
  compatibilityFlags = ["nodejs_compat"],
  bindings = [${binds.join(', ')}],
  globalOutbound = "internet",
);
`;
}

/** A port that was free a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitHealthy(url, child, out, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`workerd exited:\n${out.text}`);
    try {
      const res = await fetch(`${url}/health`);
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`workerd did not start:\n${out.text}`);
}

/**
 * Starts the worker (worker/index.mjs) in real workerd on a random port; the
 * YAML is given as the GATEWAY_CONFIG binding, `env` as text bindings.
 * @param {{config: string, env?: object}} options
 */
export async function startWorkerdHost({ config, env = {} }) {
  const folder = tempDir();
  fs.writeFileSync(path.join(folder, 'config.yaml'), config);
  const port = await freePort();
  fs.writeFileSync(path.join(folder, 'gateway.capnp'), capnpConfig(folder, env, port));
  const require = createRequire(import.meta.url);
  const bin = require.resolve('workerd/bin/workerd');
  const child = spawn(bin, ['serve', path.join(folder, 'gateway.capnp'), '--verbose'],
    { stdio: ['ignore', 'pipe', 'pipe'], cwd: folder });
  const out = collect(child);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitHealthy(url, child, out, 20000);
  } catch (error) {
    await stopper(child, folder)();
    throw error;
  }
  return { name: 'workerd', url, child, output: () => out.text, stop: stopper(child, folder) };
}
