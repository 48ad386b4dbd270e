// The bad-input corpus (issue 7): each case is one request and the ONE 4xx it
// must get. Run by tests/js/bad-input.test.mjs against the Node server and
// workerd; the host keeps serving after each (/health is checked).
const CHAT = '/endpoints/chat/invocations';
const COMPLETIONS = '/endpoints/completions/invocations';
const EMBEDDINGS = '/endpoints/embeddings/invocations';
const HELLO = [{ role: 'user', content: 'hi' }];
/** Body cap the hosts under test run with. */
export const CAP = 1024 * 1024;

const json = (v) => JSON.stringify(v);
/** A 422 naming `loc` (MLflow / pydantic shape). */
const field = (loc) => (r) => r.json?.detail?.[0]?.loc?.join('.') === ['body', ...loc].join('.');

const wrongTypes = [
  // chat: every field of the MLflow chat payload, a value of the wrong type
  [CHAT, { messages: 'hi' }, ['messages']],
  [CHAT, { messages: [1] }, ['messages', 0]],
  [CHAT, { messages: [{ role: 5, content: 'x' }] }, ['messages', 0, 'role']],
  [CHAT, { messages: [{ role: 'user', content: 5 }] }, ['messages', 0, 'content']],
  [CHAT, { messages: HELLO, temperature: 'hot' }, ['temperature']],
  [CHAT, { messages: HELLO, max_tokens: 'many' }, ['max_tokens']],
  [CHAT, { messages: HELLO, n: 'x' }, ['n']],
  [CHAT, { messages: HELLO, stop: 5 }, ['stop']],
  [CHAT, { messages: HELLO, stream: 'yes' }, ['stream']],
  [CHAT, { messages: HELLO, top_p: 'x' }, ['top_p']],
  // completions
  [COMPLETIONS, { prompt: 5 }, ['prompt']],
  [COMPLETIONS, { prompt: 'hi', temperature: 'x' }, ['temperature']],
  [COMPLETIONS, { prompt: 'hi', max_tokens: 'x' }, ['max_tokens']],
  [COMPLETIONS, { prompt: 'hi', n: 'x' }, ['n']],
  [COMPLETIONS, { prompt: 'hi', stop: 5 }, ['stop']],
  [COMPLETIONS, { prompt: 'hi', stream: 'yes' }, ['stream']],
  // embeddings
  [EMBEDDINGS, { input: 5 }, ['input']],
  [EMBEDDINGS, { input: [1, {}] }, ['input']],
  [EMBEDDINGS, { input: null }, ['input']],
  [EMBEDDINGS, { input: { a: 1 } }, ['input']],
  // the body itself
  [CHAT, [1, 2], []],
  [CHAT, 'str', []],
].map(([path, body, loc]) => ({ name: `wrong type: ${path.split('/')[2]} ${loc.join('.') || 'body'} = ${json(body).slice(0, 40)}`,
  path, text: json(body), status: 422, check: field(loc) }));

const invalidUtf8 = Buffer.concat([Buffer.from('{"messages":[{"role":"user","content":"'),
  Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from('"}]}')]);

export const BAD_INPUT_CASES = [
  { name: 'oversized body (cap + 1 byte)', path: CHAT, text: 'x'.repeat(CAP + 1), status: 413,
    check: (r) => /exceeds the gateway's limit/.test(r.json?.detail) },
  { name: 'oversized chunked body (no Content-Length)', path: CHAT, chunked: true,
    text: json({ messages: [{ role: 'user', content: 'y'.repeat(CAP) }] }), status: 413 },
  { name: 'deep nesting: 100k "["', path: CHAT, text: '['.repeat(100_000), status: 400 },
  { name: 'deep nesting inside a field: 100k "[" in messages', path: CHAT,
    text: `{"messages":${'['.repeat(100_000)}`, status: 400 },
  { name: 'deep nesting: 50k {"a": objects, closed', path: CHAT,
    text: `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`, status: [400, 422] },
  { name: 'invalid UTF-8 in a string', path: CHAT, body: invalidUtf8, status: 400,
    check: (r) => /not valid JSON/.test(r.json?.detail) },
  { name: 'lone surrogate escape \\ud800', path: CHAT, text: '{"messages":[{"role":"user","content":"\\ud800"}]}',
    status: [400, 422, 200] },
  { name: 'truncated JSON', path: CHAT, text: '{"messages":[{"role":"user"', status: 400 },
  { name: 'empty body', path: CHAT, text: '', status: 400 },
  { name: 'NUL bytes', path: CHAT, text: '\u0000\u0000{}', status: 400 },
  ...wrongTypes,
  { name: 'unknown endpoint', path: '/endpoints/nope/invocations', text: '{}', status: 404 },
  { name: 'unknown route', path: '/nope', text: '{}', status: 404 },
  { name: 'traversal: /gateway/..%2F..%2Fetc/invocations', path: '/gateway/..%2F..%2Fetc/invocations', text: '{}', status: 404 },
  { name: 'traversal: /endpoints/../health/invocations', path: '/endpoints/../health/invocations', text: '{}', status: 404 },
  { name: 'traversal: /endpoints/%2e%2e%2fhealth/invocations', path: '/endpoints/%2e%2e%2fhealth/invocations', text: '{}', status: 404 },
  { name: 'traversal: /gateway/chat/../../health/invocations', path: '/gateway/chat/../../health/invocations', text: '{}', status: 404 },
  { name: 'traversal: /endpoints/chat%00/invocations', path: '/endpoints/chat%00/invocations', text: '{}', status: 404 },
  ...['PUT', 'DELETE', 'PATCH', 'PROPFIND', 'GET'].map((method) => ({ name: `bogus method ${method}`,
    method, path: CHAT, text: method === 'GET' ? undefined : '{}', status: 405 })),
  // Content-Type is not checked (MLflow's handlers read request.json() whatever it says), so a
  // bogus content type with a non-JSON body is a 400 from the parser, never a 2xx or a 5xx.
  { name: 'bogus content-type (form) with a form body', path: CHAT, text: 'messages=hi',
    headers: { 'content-type': 'application/x-www-form-urlencoded' }, status: 400 },
  { name: 'bogus content-type (multipart) with a multipart body', path: CHAT,
    text: '--x\r\ncontent-disposition: form-data; name="messages"\r\n\r\nhi\r\n--x--\r\n',
    headers: { 'content-type': 'multipart/form-data; boundary=x' }, status: 400 },
  { name: 'bogus content-type (xml)', path: CHAT, text: '<messages/>', headers: { 'content-type': 'application/xml' },
    status: 400 },
];
