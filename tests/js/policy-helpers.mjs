// Helpers for the policy tests: configs, a scripted in-process transport, and
// small request helpers. Not a test file (no .test.mjs suffix).

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** An OpenAI endpoint whose base URL names it (https://<name>.example/v1). */
export function openaiEndpoint(name, extra = '', type = 'llm/v1/chat') {
  return `  - name: ${name}\n    endpoint_type: ${type}\n    model:\n      provider: openai\n      name: gpt-4o-mini\n` +
    `      config:\n        openai_api_key: sk-test\n        openai_api_base: https://${name}.example/v1\n${extra}`;
}

export const CHAT_BODY = { messages: [{ role: 'user', content: 'hi' }] };

export function chatAnswer(tag = 'ok') {
  return { id: 'c1', object: 'chat.completion', created: 1, model: 'gpt-4o-mini',
    choices: [{ index: 0, message: { role: 'assistant', content: tag }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } };
}

export const json = (status, value, headers = []) =>
  ({ status, headers: [['content-type', 'application/json'], ...headers], body: encoder.encode(JSON.stringify(value)) });

export const errorJson = (status, headers = []) => json(status, { error: { message: `upstream ${status}` } }, headers);

/** SSE events of an OpenAI chat stream saying `text`. */
export function chatEvents(text) {
  const chunk = (delta, finish) => `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1,
    model: 'gpt-4o-mini', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
  return [chunk({ role: 'assistant', content: '' }, null), chunk({ content: text }, null), chunk({}, 'stop'), 'data: [DONE]\n\n'];
}

/** A 200 streamed response from events; `failAfter` events, the stream errors instead of going on. */
export function sse(events, failAfter = Infinity) {
  let i = 0;
  const stream = new ReadableStream({
    pull(controller) {
      if (i === failAfter) return controller.error(Object.assign(new Error('reset'), { code: 'ECONNRESET' }));
      if (i < events.length) controller.enqueue(encoder.encode(events[i++]));
      else controller.close();
    },
  });
  return { status: 200, headers: [['content-type', 'text/event-stream']], stream };
}

/**
 * A transport answering from per-host scripts: `script[host]` is a list of
 * answers (functions or values), used in order; the last one repeats.
 * `calls` records the host of every upstream call.
 */
export function scriptedTransport(script) {
  const calls = [];
  const used = {};
  const send = async (request, { stream }) => {
    const host = new URL(request.url).hostname.replace(/\.example$/, '');
    calls.push(host);
    const list = script[host] ?? [json(200, chatAnswer(host))];
    const index = Math.min(used[host] = (used[host] ?? -1) + 1, list.length - 1);
    const answer = typeof list[index] === 'function' ? list[index](request) : list[index];
    if (answer.stream && !stream) throw new Error('stream answer to a non-stream call');
    return answer;
  };
  return { send, calls };
}

/** Runs a request through `gateway.exchange`; returns {status, headers (object), text, json}. */
export async function call(gateway, target, { body = CHAT_BODY, headers = [], clientKey = '10.0.0.1', method = 'POST' } = {}) {
  const result = await gateway.exchange({ method, target, clientKey,
    headers: [['content-type', 'application/json'], ...headers],
    body: method === 'GET' ? new Uint8Array(0) : encoder.encode(JSON.stringify(body)) });
  const text = result.stream ? await new Response(result.stream).text() : decoder.decode(result.body ?? new Uint8Array(0));
  let parsed;
  try { parsed = JSON.parse(text); } catch { parsed = undefined; }
  return { status: result.status, headers: Object.fromEntries(result.headers), text, json: parsed };
}
