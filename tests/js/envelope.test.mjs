// The boundary protocol's cross-check: bindings/core.mjs writes every envelope
// from the layout the core declares (bindings/envelope.def), and the core's
// readers must get back exactly what was written, field by field.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CoreGateway, ENVELOPE_VERSION, instantiateCore } from '../../bindings/core.mjs';
import { loadWasmModule } from '../../bindings/index.mjs';

const wasm = await instantiateCore(await loadWasmModule());
const core = new CoreGateway(wasm, { config: 'endpoints: []\n' });
const layout = JSON.parse(wasm.envelopeLayout());

const HEADERS = [['x-one', 'a b'], ['x-two', 'ünïcode ✓']];
const BREAKER = [['chat-a', 3, 1700000060000], ['chat-b', 1, 0]];
const CTX = { nowMs: 1700000000123.9, random: 0.734251, clientKey: '203.0.113.9', keyDigest: 'ab'.repeat(32),
  breaker: BREAKER };
const BREAKER_TEXT = 'chat-a=3:1700000060000;chat-b=1:0';

// Each message with distinctive values, and what the core must read back.
const CASES = {
  plan: {
    input: { request: { method: 'POST', target: '/v1/chat/completions?x=1', headers: HEADERS, body: '{"é":1}\n' },
      ctx: CTX, resumeToken: 'resume-7' },
    read: { method: 'POST', target: '/v1/chat/completions?x=1', nowMs: 1700000000123, random: 0.734251,
      clientKey: '203.0.113.9', resumeToken: 'resume-7', keyDigest: 'ab'.repeat(32), breaker: BREAKER_TEXT,
      headers: HEADERS, body: '{"é":1}\n' },
  },
  finish: {
    input: { token: 'tok-1', ctx: CTX, responses: [
      { status: 200, headers: HEADERS, body: new TextEncoder().encode('line one\nline two') },
      { status: 0, timedOut: true, headers: [], body: new Uint8Array(0) },
      { status: 0, timedOut: true, firstByte: true, headers: [], body: new Uint8Array(0) }] },
    read: { token: 'tok-1', nowMs: 1700000000123, random: 0.734251, breaker: BREAKER_TEXT, responses: [
      { status: 200, timedOut: 0, headers: HEADERS, body: 'line one\nline two' },
      { status: 0, timedOut: 1, headers: [], body: '' },
      { status: 0, timedOut: 2, headers: [], body: '' }] },
  },
  openStream: {
    input: { token: 'tok-2', ctx: CTX },
    read: { token: 'tok-2', nowMs: 1700000000123, random: 0.734251, breaker: BREAKER_TEXT },
  },
  admit: {
    input: { limitToken: 'limit-3', nowMs: 1700000000999.5, state: { count: 7, windowStartMs: 1699999999000 } },
    read: { limitToken: 'limit-3', nowMs: 1700000000999, count: 7, windowStartMs: 1699999999000 },
  },
};

describe('the envelope declared once (bindings/envelope.def)', () => {
  it('the core and bindings/core.mjs speak the same version', () => {
    assert.equal(layout.version, ENVELOPE_VERSION);
  });

  it('every declared message has a case here, and every declared field is read back', () => {
    const declared = Object.keys(layout.messages).filter((m) => m !== 'response');
    assert.deepEqual(declared.sort(), Object.keys(CASES).sort());
    for (const [message, fields] of Object.entries(layout.messages)) {
      if (message === 'response') continue;
      assert.deepEqual(Object.keys(CASES[message].read), fields.map(([name]) => name), message);
    }
    assert.deepEqual(Object.keys(CASES.finish.read.responses[0]), layout.messages.response.map(([name]) => name));
  });

  for (const [message, { input, read }] of Object.entries(CASES)) {
    it(`${message}: the core reads back what core.mjs wrote`, () => {
      assert.deepEqual(core.decodeEnvelope(message, input), read);
    });
  }

  it('header values with line breaks cannot shift the fields after them', () => {
    const input = { ...CASES.plan.input, request: { ...CASES.plan.input.request, headers: [['x-evil', 'a\r\nb\nc']] } };
    const back = core.decodeEnvelope('plan', input);
    assert.deepEqual(back.headers, [['x-evil', 'a  b c']]);
    assert.equal(back.body, CASES.plan.read.body);
  });

  it('a core of another version is refused with a message that says what to do', () => {
    const stale = { ...wasm, envelopeLayout: () => JSON.stringify({ ...layout, version: layout.version + 1 }) };
    assert.throws(() => new CoreGateway(stale, { config: 'endpoints: []\n' }),
      /speaks envelope version \d+, bindings\/core\.mjs version \d+; rebuild the core/);
  });

  it('a field the bindings cannot fill is refused when the core is loaded, not sent wrong', () => {
    const extra = structuredClone(layout);
    extra.messages.plan.splice(2, 0, ['tenant', 'line']);
    const stale = { ...wasm, envelopeLayout: () => JSON.stringify(extra) };
    assert.throws(() => new CoreGateway(stale, { config: 'endpoints: []\n' }),
      /envelope field plan\.tenant unknown to bindings\/core\.mjs/);
  });
});
