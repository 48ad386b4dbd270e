// The SigV4 facade (bindings/sigv4.mjs) against AWS's published test vectors, and
// the Bedrock path end to end through the Wasm core: the core's `signing` parts,
// WebCrypto signing, no credentials in errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createSigner, sign, signRequest, SigV4Error } from '../../bindings/sigv4.mjs';
import { createGateway } from '../../bindings/index.mjs';

const suite = JSON.parse(readFileSync(new URL('./sigv4-vectors.json', import.meta.url), 'utf8'));
const encoder = new TextEncoder();

const signingOf = (vector, withKeys = true) => ({
  algorithm: 'AWS4-HMAC-SHA256',
  region: suite.region,
  service: suite.service,
  ...(withKeys ? { access_key_id: suite.access_key_id, secret_access_key: suite.secret_access_key } : {}),
  ...(withKeys && vector.session_token ? { session_token: vector.session_token } : {}),
  amz_date: suite.amz_date,
  credential_scope: suite.credential_scope,
  canonical_request: vector.canonical_request,
});

for (const vector of suite.vectors) {
  test(`SigV4 test vector ${vector.name}`, async () => {
    const { authorization, headers } = await sign(signingOf(vector), encoder.encode(vector.request.body));
    assert.equal(authorization, vector.authorization);
    assert.deepEqual(headers[0], ['x-amz-date', suite.amz_date]);
    assert.deepEqual(headers.at(-1), ['authorization', vector.authorization]);
  });
}

test('host credentials with a session token are signed like post-sts-header-before', async () => {
  const vector = suite.vectors.find((v) => v.name === 'post-sts-header-before');
  const parts = { ...vector.canonical_request,
    headers: vector.canonical_request.headers.filter(([name]) => name !== 'x-amz-security-token') };
  const signing = { ...signingOf(vector, false), canonical_request: parts };
  const creds = { accessKeyId: suite.access_key_id, secretAccessKey: suite.secret_access_key,
    sessionToken: vector.session_token };
  const { authorization, headers } = await sign(signing, new Uint8Array(0), creds);
  assert.equal(authorization, vector.authorization);
  assert.deepEqual(headers[1], ['x-amz-security-token', vector.session_token]);
  const viaFunction = await sign(signing, new Uint8Array(0), async () => creds);
  assert.equal(viaFunction.authorization, vector.authorization);
});

test('the signer returns the request with its headers added and without `signing`', async () => {
  const vector = suite.vectors.find((v) => v.name === 'post-x-www-form-urlencoded');
  const request = { method: 'POST', url: vector.request.url, headers: [['content-type', 'application/x-www-form-urlencoded']],
    body: encoder.encode(vector.request.body), signing: signingOf(vector) };
  const signed = await signRequest(request);
  assert.equal(signed.signing, undefined);
  assert.deepEqual(signed.headers, [['content-type', 'application/x-www-form-urlencoded'],
    ['x-amz-date', suite.amz_date], ['authorization', vector.authorization]]);
  const unsigned = { method: 'GET', url: 'https://x/', headers: [], body: new Uint8Array(0), signing: null };
  assert.equal(await signRequest(unsigned), unsigned);
});

test('signing errors never carry credentials', async () => {
  const vector = suite.vectors[0];
  const secretish = { ...signingOf(vector, false) };
  const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
  delete process.env.AWS_ACCESS_KEY_ID;
  delete process.env.AWS_SECRET_ACCESS_KEY;
  try {
    await assert.rejects(createSigner()({ method: 'GET', url: 'https://x/', headers: [], body: new Uint8Array(0), signing: secretish }),
      (error) => error instanceof SigV4Error && /no AWS credentials/.test(error.message));
    const broken = { ...signingOf(vector), canonical_request: null };
    await assert.rejects(signRequest({ method: 'GET', url: 'https://x/', headers: [], body: new Uint8Array(0), signing: broken }),
      (error) => error instanceof SigV4Error && !error.message.includes(suite.secret_access_key)
        && !error.message.includes(suite.access_key_id));
  } finally {
    if (saved.id !== undefined) process.env.AWS_ACCESS_KEY_ID = saved.id;
    if (saved.secret !== undefined) process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
  }
});

// --- end to end through the Wasm core --------------------------------------------------

const CONFIG = `
endpoints:
  - name: claude
    endpoint_type: llm/v1/chat
    model:
      provider: bedrock
      name: anthropic.claude-3-haiku-20240307-v1:0
      config:
        aws_config:
          aws_region: us-east-1
          aws_access_key_id: $AWS_ACCESS_KEY_ID
          aws_secret_access_key: $AWS_SECRET_ACCESS_KEY
          aws_session_token: $AWS_SESSION_TOKEN
`;
const ENV = { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  AWS_SESSION_TOKEN: 'session-token-value-0123456789' };

// An independent SigV4 (node:crypto) for the request the transport received.
function expectedAuthorization(request, amzDate, token) {
  const url = new URL(request.url);
  const enc = (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const uri = url.pathname.split('/').map(enc).join('/');
  const headers = [['content-type', 'application/json'], ['host', url.host], ['x-amz-date', amzDate],
    ['x-amz-security-token', token]];
  const canonical = ['POST', uri, '', headers.map(([k, v]) => `${k}:${v}\n`).join(''),
    headers.map(([k]) => k).join(';'), createHash('sha256').update(request.body).digest('hex')].join('\n');
  const scope = `${amzDate.slice(0, 8)}/us-east-1/bedrock/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, createHash('sha256').update(canonical).digest('hex')].join('\n');
  let key = createHmac('sha256', `AWS4${ENV.AWS_SECRET_ACCESS_KEY}`).update(amzDate.slice(0, 8)).digest();
  for (const part of ['us-east-1', 'bedrock', 'aws4_request']) key = createHmac('sha256', key).update(part).digest();
  const signature = createHmac('sha256', key).update(toSign).digest('hex');
  return `AWS4-HMAC-SHA256 Credential=${ENV.AWS_ACCESS_KEY_ID}/${scope}, SignedHeaders=${headers.map(([k]) => k).join(';')}, Signature=${signature}`;
}

async function gatewayWith(reply) {
  const seen = [];
  const transport = async (request) => {
    seen.push(request);
    return reply;
  };
  const gateway = await createGateway({ config: CONFIG, env: ENV, transport, now: () => Date.UTC(2024, 0, 2, 3, 4, 5) });
  return { gateway, seen };
}

const chatRequest = () => ({ method: 'POST', target: '/endpoints/claude/invocations', headers: [],
  body: encoder.encode(JSON.stringify({ messages: [{ role: 'user', content: 'Hello' }] })) });

test('Bedrock requests are signed by default (Converse URL, %3A in the path, session token)', async () => {
  const reply = { status: 200, headers: [['content-type', 'application/json']], body: encoder.encode(JSON.stringify({
    output: { message: { role: 'assistant', content: [{ text: 'Hi' }] } }, stopReason: 'end_turn',
    usage: { inputTokens: 3, outputTokens: 1, totalTokens: 4 } })) };
  const { gateway, seen } = await gatewayWith(reply);
  try {
    const result = await gateway.exchange(chatRequest());
    assert.equal(result.status, 200);
    assert.equal(seen.length, 1);
    const [request] = seen;
    assert.equal(request.url, 'https://bedrock-runtime.us-east-1.amazonaws.com/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse');
    assert.equal(request.signing, undefined);
    const headers = Object.fromEntries(request.headers);
    assert.equal(headers['x-amz-date'], '20240102T030405Z');
    assert.equal(headers['x-amz-security-token'], ENV.AWS_SESSION_TOKEN);
    assert.equal(headers.authorization, expectedAuthorization(request, '20240102T030405Z', ENV.AWS_SESSION_TOKEN));
  } finally {
    gateway.close();
  }
});

test('AWS error text quoting the canonical request never reaches the client', async () => {
  const message = 'The request signature we calculated does not match the signature you provided.\n\n'
    + 'The Canonical String for this request should have been\n\'POST\n/model/x/converse\n\nhost:bedrock\n'
    + `x-amz-security-token:${ENV.AWS_SESSION_TOKEN}\n\'\n\nThe String-to-Sign should have been\n'AWS4-HMAC-SHA256'`;
  const reply = { status: 403, headers: [['content-type', 'application/json']],
    body: encoder.encode(JSON.stringify({ message: `${message} (key ${ENV.AWS_ACCESS_KEY_ID})` })) };
  const { gateway } = await gatewayWith(reply);
  try {
    const result = await gateway.exchange(chatRequest());
    const text = new TextDecoder().decode(result.body);
    assert.equal(result.status, 403);
    assert.deepEqual(JSON.parse(text), { detail: { message:
      'The request signature we calculated does not match the signature you provided.' } });
    for (const secret of [ENV.AWS_SESSION_TOKEN, ENV.AWS_SECRET_ACCESS_KEY, 'Canonical', 'Signature=']) {
      assert.ok(!text.includes(secret), `response leaks ${secret}`);
    }
  } finally {
    gateway.close();
  }
});
