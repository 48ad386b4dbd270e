// Runs the conformance fixtures (tests/conformance/<provider>/<case>/) against
// the Wasm build: the same data set the native tests run.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath } from 'node:url';

export const CONFORMANCE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', 'conformance');
const encoder = new TextEncoder();
const decoder = new TextDecoder();

const readJson = (p) => JSON.parse(readFileSync(p, 'utf8'));

/** Every "<provider>/<case>" directory holding a request.json. */
export function listCases() {
  const cases = [];
  for (const provider of readdirSync(CONFORMANCE_ROOT).sort()) {
    const dir = join(CONFORMANCE_ROOT, provider);
    if (!statSync(dir).isDirectory()) continue;
    for (const name of readdirSync(dir).sort()) {
      if (existsSync(join(dir, name, 'request.json'))) cases.push(`${provider}/${name}`);
    }
  }
  return cases;
}

/** Config text and env for a case. */
export function caseConfig(name) {
  const dir = join(CONFORMANCE_ROOT, name);
  const meta = existsSync(join(dir, 'meta.json')) ? readJson(join(dir, 'meta.json')) : {};
  const configName = meta.config ?? 'config.yaml';
  const configPath = existsSync(join(dir, configName)) ? join(dir, configName) : join(dir, '..', configName);
  return { dir, meta, config: readFileSync(configPath, 'utf8'), env: readJson(join(CONFORMANCE_ROOT, 'env.json')) };
}

const bodyText = (spec) => ('body_text' in spec ? spec.body_text : JSON.stringify(spec.body));
const bodyValue = (bytes) => {
  const text = typeof bytes === 'string' ? bytes : decoder.decode(bytes);
  if (text === '') return null;
  try { return JSON.parse(text); } catch { return text; }
};
const sortedHeaders = (obj) => Object.entries(obj ?? {}).sort();

function compareUpstream(expected, actual) {
  const diffs = [];
  if ((expected.method ?? 'POST') !== actual.method) diffs.push(`method ${actual.method}`);
  if (expected.url !== actual.url) diffs.push(`url ${actual.url}`);
  const headers = Object.fromEntries(actual.headers);
  if (!isDeepStrictEqual(sortedHeaders(expected.headers), sortedHeaders(headers))) diffs.push(`headers ${JSON.stringify(headers)}`);
  // `body_text`: the exact bytes (the native lane forwards the client's body as it came).
  if ('body_text' in expected ? expected.body_text !== decoder.decode(actual.body)
    : !isDeepStrictEqual(expected.body, bodyValue(actual.body))) diffs.push(`body ${decoder.decode(actual.body)}`);
  // AWS SigV4 parameters (the unsigned request plus what the host signs); null when unsigned.
  if (!isDeepStrictEqual(expected.signing ?? null, actual.signing ?? null)) diffs.push(`signing ${JSON.stringify(actual.signing)}`);
  return diffs.join('; ');
}

function compareReply(expected, reply) {
  const diffs = [];
  if (expected.status !== reply.status) diffs.push(`status ${reply.status}`);
  if ('body_text' in expected ? expected.body_text !== decoder.decode(reply.body)
    : !isDeepStrictEqual(expected.body ?? null, bodyValue(reply.body))) diffs.push(`body ${decoder.decode(reply.body)}`);
  const headers = Object.fromEntries(reply.headers);
  for (const [k, v] of Object.entries(expected.headers ?? {})) {
    if (headers[k] !== v) diffs.push(`header ${k}=${headers[k]}`);
  }
  return diffs.join('; ');
}

function upstreamResponses(spec) {
  return (Array.isArray(spec) ? spec : [spec]).map((r) => ({
    status: r.status ?? 200,
    timedOut: r.timed_out ?? false,
    headers: Object.entries(r.headers ?? { 'content-type': 'application/json' }),
    body: encoder.encode(bodyText(r)),
  }));
}

function runStream(core, token, nowMs, bytes, size) {
  const opened = core.openStream(token, nowMs);
  if (!opened.stream) return `<openStream failed: ${decoder.decode(opened.reply.body)}>`;
  const parts = [];
  const step = size || bytes.length;
  for (let pos = 0; pos < bytes.length; pos += step) parts.push(opened.stream.push(bytes.subarray(pos, pos + step)));
  parts.push(opened.stream.end());
  opened.stream.close();
  return parts.map((p) => decoder.decode(p)).join('');
}

function checkStream(core, c, step, nowMs) {
  const upstream = readFileSync(join(c.dir, 'upstream_response.sse'));
  const expected = readFileSync(join(c.dir, 'response.sse'), 'utf8');
  const whole = runStream(core, step.token, nowMs, upstream, 0);
  if (whole !== expected) return `stream output differs:\n${whole}`;
  if (c.meta.split_every_position) {
    for (let split = 1; split < upstream.length; split++) {
      const opened = core.openStream(step.token, nowMs);
      const out = [opened.stream.push(upstream.subarray(0, split)), opened.stream.push(upstream.subarray(split)), opened.stream.end()];
      opened.stream.close();
      const text = Buffer.concat(out).toString('utf8');
      if (text !== expected) return `stream output differs when split at byte ${split}`;
    }
  }
  for (const size of [1, 3, 7]) {
    if (runStream(core, step.token, nowMs, upstream, size) !== expected) return `stream output differs with ${size}-byte chunks`;
  }
  return '';
}

/**
 * Runs one case with a CoreGateway factory; returns '' or what differed.
 * @param {(config: string, env: object) => import('../../bindings/core.mjs').CoreGateway} makeCore
 */
export function runCase(makeCore, name) {
  const c = caseConfig(name);
  const core = makeCore(c.config, c.env);
  try {
    if (!core.ok) return `config did not load: ${core.errors[0]?.message}`;
    const request = readJson(join(c.dir, 'request.json'));
    const ctx = { nowMs: c.meta.nowMs ?? 1700000000000, random: c.meta.random ?? 0.5, clientKey: '127.0.0.1' };
    const step = core.plan({ method: request.method ?? 'POST', target: request.path, headers: Object.entries(request.headers ?? {}), body: bodyText(request) }, ctx);
    if (!existsSync(join(c.dir, 'upstream_request.json'))) {
      if (step.kind !== 'reply') return 'expected an immediate reply';
      return compareReply(readJson(join(c.dir, 'response.json')), step);
    }
    if (step.kind !== 'call') return `expected an upstream call, got ${decoder.decode(step.body)}`;
    let expectedCalls = readJson(join(c.dir, 'upstream_request.json'));
    if (!Array.isArray(expectedCalls)) expectedCalls = [expectedCalls];
    if (expectedCalls.length !== step.requests.length) return 'wrong number of upstream requests';
    for (let i = 0; i < expectedCalls.length; i++) {
      const diff = compareUpstream(expectedCalls[i], step.requests[i]);
      if (diff) return `upstream request ${i}: ${diff}`;
    }
    if (existsSync(join(c.dir, 'upstream_response.sse'))) return checkStream(core, c, step, ctx.nowMs);
    const done = core.finish(step.token, upstreamResponses(readJson(join(c.dir, 'upstream_response.json'))), ctx);
    if (done.kind !== 'reply') return 'expected a reply after finish';
    return compareReply(readJson(join(c.dir, 'response.json')), done);
  } finally {
    core.close();
  }
}
