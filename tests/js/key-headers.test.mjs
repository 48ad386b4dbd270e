// Which header carries the gateway key is one rule written twice: the core's
// presentedKey (src/policy/auth.cc) for plain keys and the host's (bindings/key-digest.mjs)
// for the digest of `sha256:` keys. A gateway with both kinds of key, driven through
// gateway.handle(), must accept and refuse the same requests for either kind: a bearer
// token first, then `x-api-key`, then `x-goog-api-key`, the first present header deciding.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { createGateway } from '../../bindings/index.mjs';

const PLAIN = 'plain-key-0123456789';
const HASHED = 'hashed-key-0123456789';
const sha256 = (text) => createHash('sha256').update(text).digest('hex');
const CONFIG = `auth:
  keys:
    - {name: plain, key: ${PLAIN}}
    - {name: hashed, sha256: ${sha256(HASHED)}}
endpoints:
  - name: chat
    endpoint_type: llm/v1/chat
    model: {provider: mock, name: mock-chat}
`;

const CASES = [
  ['a bearer token', (k) => ({ authorization: `Bearer ${k}` }), 200],
  ['x-api-key', (k) => ({ 'x-api-key': k }), 200],
  ['x-goog-api-key', (k) => ({ 'x-goog-api-key': k }), 200],
  ['a bearer token beats a wrong x-api-key', (k) => ({ authorization: `Bearer ${k}`, 'x-api-key': 'wrong' }), 200],
  ['x-api-key beats x-goog-api-key', (k) => ({ 'x-api-key': 'wrong', 'x-goog-api-key': k }), 401],
  ['blanks around x-goog-api-key are trimmed', (k) => ({ 'x-goog-api-key': ` ${k}\t` }), 200],
  ['no key at all', () => ({}), 401],
];

test('plain and sha256 keys are read from the same headers, in the same order', async () => {
  const gateway = await createGateway({ config: CONFIG });
  for (const [what, headersFor, status] of CASES) {
    for (const key of [PLAIN, HASHED]) {
      const response = await gateway.handle(new Request('http://gw.local/v1/chat/completions', {
        method: 'POST', headers: { 'content-type': 'application/json', ...headersFor(key) },
        body: JSON.stringify({ model: 'chat', messages: [{ role: 'user', content: 'hi' }] }) }));
      assert.equal(response.status, status, `${what} (${key === PLAIN ? 'plain' : 'sha256'} key)`);
      await response.arrayBuffer();
    }
  }
});
