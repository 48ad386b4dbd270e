// A fake OpenAI-compatible provider on 127.0.0.1 (random port) for the HTTP
// tests and the benchmark. It records every request it receives so tests can
// assert the exact upstream request, and its behaviour is chosen by the
// upstream `model` name:
//   stall        → never answers (the gateway's timeout must fire)
//   stall-stream → a 200 SSE head, then nothing (a stream's first event never comes)
//   slow-*       → answers after `slowMs`
//   html-error   → 500 text/html
//   rate-limited → 429 OpenAI error JSON
//   xml          → 200 application/xml (unsupported content type)
//   (chat with stream: true → an SSE stream, see chatStreamEvents)
//   anthropic-invalid → (on /messages) 400 Anthropic error JSON with a request-id
//   (POST .../messages: an Anthropic Messages answer or event stream, anthropicAnswer /
//    anthropicStreamEvents; .../messages/count_tokens: {"input_tokens": 42})
//   (POST .../responses/input_tokens: OpenAI's count, {"object":"response.input_tokens","input_tokens": 19})
//   (POST .../responses: an OpenAI Responses answer or event stream, responsesAnswer / responsesStreamEvents)
//   (POST .../{model}:generateContent, :streamGenerateContent, :countTokens: Gemini's answers,
//    geminiAnswer / geminiStreamChunks / {"totalTokens": 11}; candidateCount > 8 → Gemini's 400)
//   anything else → a normal OpenAI answer for the path
import http from 'node:http';
import assert from 'node:assert/strict';

/** Headers a transport may add by itself (not part of the gateway's request). */
export const TRANSPORT_HEADERS = new Set(['host', 'content-length', 'connection', 'accept-encoding',
  'user-agent', 'accept', 'accept-language', 'sec-fetch-mode', 'cf-ray', 'cf-visitor', 'cf-connecting-ip',
  'x-forwarded-proto', 'x-real-ip', 'cf-worker', 'cdn-loop']);

/** The fake's canned answers (exported so tests can compare what clients read). */
export function chatAnswer(model) {
  return { id: 'chatcmpl-fake1', object: 'chat.completion', created: 1721075000, model: `${model}-2024`,
    choices: [{ index: 0, message: { role: 'assistant', content: 'Hello from fake', refusal: null },
      logprobs: null, finish_reason: 'stop' }],
    usage: { prompt_tokens: 9, completion_tokens: 3, total_tokens: 12 } };
}

export function completionAnswer(model) {
  return { id: 'cmpl-fake1', object: 'text_completion', created: 1721075001, model,
    choices: [{ index: 0, text: 'fake completion', logprobs: null, finish_reason: 'length' }],
    usage: { prompt_tokens: 2, completion_tokens: 2, total_tokens: 4 } };
}

/** Embeddings [0.5, index + 0.25]; base64 float32 when asked (as the OpenAI SDK does by default). */
export function embeddingsAnswer(model, input, encoding) {
  const inputs = Array.isArray(input) ? input : [input];
  const vector = (index) => {
    const values = [0.5, index + 0.25];
    return encoding === 'base64' ? Buffer.from(new Float32Array(values).buffer).toString('base64') : values;
  };
  return { object: 'list', model,
    data: inputs.map((_, index) => ({ object: 'embedding', index, embedding: vector(index) })),
    usage: { prompt_tokens: 4, total_tokens: 4 } };
}

function answer(path, body) {
  if (path.endsWith('/chat/completions')) return chatAnswer(body.model);
  if (path.endsWith('/completions')) return completionAnswer(body.model);
  if (path.endsWith('/embeddings')) return embeddingsAnswer(body.model, body.input, body.encoding_format);
  return null;
}

/** The chat stream the fake sends for `stream: true`: "Hello " + "from fake", then [DONE]. */
export function chatStreamEvents(model) {
  const chunk = (delta, finish) => ({ id: 'chatcmpl-fake1', object: 'chat.completion.chunk', created: 1721075000,
    model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] });
  return [chunk({ role: 'assistant', content: '' }, null), chunk({ content: 'Hello ' }, null),
    chunk({ content: 'from fake' }, null), chunk({}, 'stop')].map((c) => `data: ${JSON.stringify(c)}\n\n`)
    .concat(['data: [DONE]\n\n']);
}

/** The fake's Anthropic Messages answer. */
export function anthropicAnswer(model) {
  return { id: 'msg_fake1', type: 'message', role: 'assistant', model,
    content: [{ type: 'text', text: 'Hello from fake Claude' }], stop_reason: 'end_turn', stop_sequence: null,
    usage: { input_tokens: 11, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 5 } };
}

/** Its Messages event stream: text, or (when the request has tools) a tool call whose input comes in pieces. */
export function anthropicStreamEvents(model, withTools) {
  const frame = (type, data) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
  const block = withTools ? { type: 'tool_use', id: 'toolu_fake1', name: 'Read', input: {} } : { type: 'text', text: '' };
  const deltas = withTools
    ? ['{"file_', 'path": "/tmp/', 'a.txt"}'].map((partial_json) => ({ type: 'input_json_delta', partial_json }))
    : ['Hello ', 'from fake Claude'].map((text) => ({ type: 'text_delta', text }));
  return [
    frame('message_start', { message: { id: 'msg_fake2', type: 'message', role: 'assistant', model, content: [],
      stop_reason: null, stop_sequence: null, usage: { input_tokens: 11, output_tokens: 1 } } }),
    frame('ping', {}),
    frame('content_block_start', { index: 0, content_block: block }),
    ...deltas.map((delta) => frame('content_block_delta', { index: 0, delta })),
    frame('content_block_stop', { index: 0 }),
    frame('message_delta', { delta: { stop_reason: withTools ? 'tool_use' : 'end_turn', stop_sequence: null },
      usage: { output_tokens: 7 } }),
    frame('message_stop', {}),
  ];
}

/** The fake's OpenAI Responses answer ("Hello from fake", with a field the gateway does not model). */
export function responsesAnswer(model) {
  return { id: 'resp_fake1', object: 'response', created_at: 1721075000, status: 'completed', model,
    output: [{ type: 'message', id: 'msg_fake1', status: 'completed', role: 'assistant',
      content: [{ type: 'output_text', text: 'Hello from fake', annotations: [] }] }],
    usage: { input_tokens: 9, input_tokens_details: { cached_tokens: 0 }, output_tokens: 3,
      output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 12 },
    error: null, incomplete_details: null, instructions: null, metadata: {}, parallel_tool_calls: true,
    temperature: 1, tool_choice: 'auto', tools: [], top_p: 1, store: true, fake_only_field: 'kept' };
}

/** Its Responses event stream: "Hello " + "from fake", in OpenAI's order, with sequence numbers. */
export function responsesStreamEvents(model) {
  const final = responsesAnswer(model);
  const shell = { ...final, status: 'in_progress', output: [], usage: null };
  const item = final.output[0];
  const part = { type: 'output_text', text: '', annotations: [] };
  const events = [
    ['response.created', { response: shell }], ['response.in_progress', { response: shell }],
    ['response.output_item.added', { output_index: 0, item: { ...item, status: 'in_progress', content: [] } }],
    ['response.content_part.added', { item_id: item.id, output_index: 0, content_index: 0, part }],
    ...['Hello ', 'from fake'].map((delta) => ['response.output_text.delta',
      { item_id: item.id, output_index: 0, content_index: 0, delta, logprobs: [] }]),
    ['response.output_text.done', { item_id: item.id, output_index: 0, content_index: 0, text: 'Hello from fake', logprobs: [] }],
    ['response.content_part.done', { item_id: item.id, output_index: 0, content_index: 0, part: item.content[0] }],
    ['response.output_item.done', { output_index: 0, item }],
    ['response.completed', { response: final }],
  ];
  return events.map(([type, data], sequence_number) =>
    `event: ${type}\ndata: ${JSON.stringify({ type, ...data, sequence_number })}\n\n`);
}

/** The fake's Gemini generateContent answer (a thought signature on its part). */
export const geminiAnswer = { candidates: [{ content: { role: 'model', parts: [{ text: 'Hi there',
  thoughtSignature: 'c2ln' }] }, finishReason: 'STOP', index: 0 }],
usageMetadata: { promptTokenCount: 3, candidatesTokenCount: 2, totalTokenCount: 5 },
modelVersion: 'gemini-2.5-flash', responseId: 'r1' };

/** Its streamGenerateContent chunks ("One," + " two."), the last with finishReason and usage. */
export const geminiStreamChunks = [
  { candidates: [{ content: { role: 'model', parts: [{ text: 'One,' }] }, index: 0 }], responseId: 's1' },
  { candidates: [{ content: { role: 'model', parts: [{ text: ' two.' }] }, finishReason: 'STOP', index: 0 }],
    usageMetadata: { promptTokenCount: 3, candidatesTokenCount: 4, totalTokenCount: 7 }, responseId: 's1' },
];

function respondGemini(res, record) {
  const call = record.path.split('?')[0].split(':').pop();
  if (call === 'countTokens') return sendJson(res, 200, { totalTokens: 11 });
  if (call === 'streamGenerateContent') {
    return sendStream(res, geminiStreamChunks.map((c) => `data: ${JSON.stringify(c)}\r\n\r\n`));
  }
  if ((record.body?.generationConfig?.candidateCount ?? 1) > 8) {
    return sendJson(res, 400, { error: { code: 400, message: 'candidate_count: must be between 1 and 8',
      status: 'INVALID_ARGUMENT' } });
  }
  return sendJson(res, 200, geminiAnswer);
}

function respondAnthropic(res, record) {
  const model = record.body?.model ?? '';
  if (record.path.split('?')[0].endsWith('/messages/count_tokens')) return sendJson(res, 200, { input_tokens: 42 });
  if (model === 'anthropic-invalid') {
    const text = JSON.stringify({ type: 'error', error: { type: 'invalid_request_error',
      message: 'messages.0.content: this fake rejects everything' }, request_id: 'req_fake_err' });
    res.writeHead(400, { 'content-type': 'application/json', 'request-id': 'req_fake_err' });
    return res.end(text);
  }
  if (record.body?.stream === true) return sendStream(res, anthropicStreamEvents(model, Boolean(record.body.tools)));
  const text = JSON.stringify(anthropicAnswer(model));
  res.writeHead(200, { 'content-type': 'application/json', 'request-id': 'req_fake1' });
  res.end(text);
}

function sendStream(res, events) {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  let i = 0;
  const next = () => {
    if (i === events.length) return res.end();
    res.write(events[i++]);
    setTimeout(next, 5);
  };
  next();
}

function sendJson(res, status, value) {
  const text = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function respond(req, res, record, options) {
  const model = record.body?.model ?? '';
  if (/\/messages(\/count_tokens)?(\?|$)/.test(record.path)) return respondAnthropic(res, record);
  if (record.path.split('?')[0].endsWith('/responses/input_tokens')) {
    return sendJson(res, 200, { object: 'response.input_tokens', input_tokens: 19 });
  }
  if (record.path.split('?')[0].endsWith('/responses')) {
    if (record.body?.stream === true) return sendStream(res, responsesStreamEvents(model));
    return sendJson(res, 200, responsesAnswer(model));
  }
  if (/:(generateContent|streamGenerateContent|countTokens)(\?|$)/.test(record.path)) return respondGemini(res, record);
  if (model === 'stall') return;  // never answer; close() ends it
  if (model === 'stall-stream') {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.flushHeaders();
    return;
  }
  if (model === 'html-error') {
    res.writeHead(500, { 'content-type': 'text/html' });
    res.end('<html><body>Internal error</body></html>');
    return;
  }
  if (model === 'rate-limited') {
    sendJson(res, 429, { error: { message: 'Rate limit reached for requests', type: 'requests',
      param: null, code: 'rate_limit_exceeded' } });
    return;
  }
  if (model === 'xml') {
    res.writeHead(200, { 'content-type': 'application/xml' });
    res.end('<ok/>');
    return;
  }
  if (record.body?.stream === true && record.path.endsWith('/chat/completions')) {
    sendStream(res, chatStreamEvents(model));
    return;
  }
  const value = answer(record.path, record.body ?? {});
  const delay = model.startsWith('slow-') ? options.slowMs : 0;
  const reply = () => (value ? sendJson(res, 200, value) : sendJson(res, 404, { error: { message: 'no such path' } }));
  if (delay) setTimeout(reply, delay);
  else reply();
}

/**
 * Starts the fake provider.
 * @param {{slowMs?: number, record?: boolean}} [options] `record: false` keeps no history (benchmarks)
 * @returns {Promise<{port: number, url: string, requests: object[], last(): object, close(): Promise<void>}>}
 */
export async function startFakeProvider(options = {}) {
  const requests = [];
  const sockets = new Set();
  const opts = { slowMs: options.slowMs ?? 600 };
  const server = http.createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body;
      try { body = raw ? JSON.parse(raw) : undefined; } catch { body = undefined; }
      const record = { method: req.method, path: req.url, headers: { ...req.headers }, raw, body };
      if (options.record !== false) requests.push(record);
      respond(req, res, record, opts);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    requests,
    last: () => requests[requests.length - 1],
    close: () => new Promise((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}

/**
 * Asserts the exact upstream request: method, path, the gateway's headers
 * (every header that a transport does not add itself) and the JSON body.
 */
export function assertUpstream(record, expected) {
  assert.ok(record, 'the provider received no request');
  assert.equal(record.method, expected.method ?? 'POST');
  assert.equal(record.path, expected.path);
  const own = {};
  for (const [name, value] of Object.entries(record.headers)) {
    if (!TRANSPORT_HEADERS.has(name)) own[name] = value;
  }
  assert.deepEqual(own, expected.headers);
  assert.deepEqual(record.body, expected.body);
}
