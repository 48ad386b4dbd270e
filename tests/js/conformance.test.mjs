// The conformance fixtures, run against the Wasm build under Node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CoreGateway, instantiateCore } from '../../bindings/core.mjs';
import { loadWasmModule } from '../../bindings/index.mjs';
import { listCases, runCase } from './conformance-runner.mjs';

const wasm = await instantiateCore(await loadWasmModule());
const makeCore = (config, env) => new CoreGateway(wasm, { config, env });

test('there are conformance cases', () => {
  assert.ok(listCases().length >= 10);
});

for (const name of listCases()) {
  test(`conformance ${name}`, () => {
    assert.equal(runCase(makeCore, name), '');
  });
}
