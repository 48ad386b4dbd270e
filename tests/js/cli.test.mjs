// The CLI: `ai-gateway --help`, `ai-gateway validate`, and `start` refusing a bad config.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, tempDir } from './hosts.mjs';

const CLI = path.join(ROOT, 'worker/node/cli.mjs');
const dir = tempDir();

function run(args, env = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 20000,
    env: { ...process.env, OPENAI_API_KEY: '', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(name, text) {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
}

const VALID = `endpoints:
  - name: chat
    endpoint_type: llm/v1/chat
    model:
      provider: openai
      name: gpt-4o-mini
      config:
        openai_api_key: $OPENAI_API_KEY
`;

describe('ai-gateway CLI', () => {
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('--help prints the commands and options', () => {
    const r = run(['--help']);
    assert.equal(r.code, 0);
    for (const word of ['start', 'validate', '--config-path', '--host', '--port', '--rate-limit-store']) {
      assert.ok(r.stdout.includes(word), word);
    }
  });

  it('--version prints the package version', () => {
    const r = run(['--version']);
    assert.equal(r.code, 0);
    const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    assert.equal(r.stdout, `ai-gateway ${version}\n`);
  });

  it('without a built core: --help and --version answer, start says what to run (no stack trace)', () => {
    const copy = path.join(dir, 'unbuilt');
    for (const part of ['worker', 'bindings', 'package.json']) {
      fs.cpSync(path.join(ROOT, part), path.join(copy, part), { recursive: true });
    }
    const cli = path.join(copy, 'worker/node/cli.mjs');
    const inCopy = (args) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 20000 });
    assert.equal(inCopy(['--help']).status, 0);
    assert.match(inCopy(['--version']).stdout, /^ai-gateway \d+\.\d+\.\d+/);
    const r = inCopy(['start', '--config-path', path.join(ROOT, 'examples/config.yaml')]);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, 'ai-gateway: the Wasm core is not built (dist/gw-core.mjs is missing): ' +
      'run `npm run build` first\n');
  });

  it('no command prints the help and exits 2; an unknown one is an error', () => {
    assert.equal(run([]).code, 2);
    const r = run(['launch']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown command "launch"/);
  });

  it('validate accepts a valid config', () => {
    const r = run(['validate', '--config-path', file('ok.yaml', VALID)], { OPENAI_API_KEY: 'sk-cli-0123' });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /ok\.yaml: OK \(1 route\)/);
    assert.ok(!`${r.stdout}${r.stderr}`.includes('sk-cli-0123'));
  });

  it('validate prints every error with line:column and exits 1', () => {
    const bad = `${VALID}  - name: chat
    endpoint_type: llm/v1/chatty
    model:
      provider: openai
      name: x
      config:
        openai_api_key: sk-literal
`;
    const p = file('bad.yaml', bad);
    const r = run(['validate', '--config-path', p]);
    assert.equal(r.code, 1);
    const lines = r.stderr.trim().split('\n');
    assert.ok(lines.length >= 2, r.stderr);
    for (const line of lines) assert.ok(line.startsWith(`${p}:`), line);
    assert.match(r.stderr, /bad\.yaml:8:25: Environment variable 'OPENAI_API_KEY' is not set/);
    assert.match(r.stderr, /bad\.yaml:\d+:\d+: .*chatty/);
  });

  it('validate reports YAML syntax errors and a missing file', () => {
    const r = run(['validate', '--config-path', file('syntax.yaml', 'endpoints: [\n  - name: x\n')]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /syntax\.yaml:\d+:\d+: /);
    const missing = run(['validate', '--config-path', path.join(dir, 'nope.yaml')]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /cannot read the configuration file \(ENOENT\)/);
  });

  it('start refuses an invalid config (exit 1) and a bad port (exit 2)', () => {
    const r = run(['start', '--config-path', file('ok2.yaml', VALID), '--port', '0']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Environment variable 'OPENAI_API_KEY' is not set/);
    assert.equal(run(['start', '--config-path', file('ok3.yaml', VALID), '--port', 'x']).code, 2);
  });
});
