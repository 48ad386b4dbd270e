// The demo page: lists the gateway's routes and sends completions, chat (streamed)
// and embeddings requests, in the client dialect chosen (MLflow, OpenAI, or Anthropic
// Messages and OpenAI Responses for chat routes). Two modes, one code path (a `fetch`-like function):
//   * served by a gateway at /ui/  → requests go to that gateway over HTTP;
//   * opened anywhere else, or with ?mode=local → the Wasm core runs in the page
//     (createGateway + the built-in mock provider, no network), and requests go
//     to `gateway.handle(new Request(...))`.

/** The config of in-browser mode: the mock provider answers every route in the page. */
export const LOCAL_CONFIG = {
  endpoints: [
    { name: 'chat', endpoint_type: 'llm/v1/chat', model: { provider: 'mock', name: 'mock-chat' } },
    { name: 'completions', endpoint_type: 'llm/v1/completions', model: { provider: 'mock', name: 'mock-completions' } },
    { name: 'embeddings', endpoint_type: 'llm/v1/embeddings',
      model: { provider: 'mock', name: 'mock-embeddings', config: { embedding_dimensions: 8 } } },
  ],
};

const $ = (id) => document.getElementById(id);
const state = { send: undefined, routes: [] };

function isLocalMode() {
  const mode = new URLSearchParams(location.search).get('mode');
  if (mode) return mode === 'local';
  return !location.pathname.startsWith('/ui/');
}

async function connect() {
  if (!isLocalMode()) return { label: `server: ${location.host}`, send: (path, init) => fetch(path, init) };
  const { createGateway } = await import('../bindings/index.mjs');
  const gateway = await createGateway({ config: LOCAL_CONFIG });
  return {
    label: 'in-browser (Wasm core, mock provider)',
    send: (path, init) => gateway.handle(new Request(new URL(path, 'http://in-browser.local'), init)),
  };
}

async function getJson(path) {
  const res = await state.send(path, { method: 'GET' });
  const text = await res.text();
  if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${text}`);
  return JSON.parse(text);
}

async function loadRoutes() {
  const routes = [];
  let token;
  do {
    const page = await getJson(`/api/2.0/endpoints/${token ? `?page_token=${encodeURIComponent(token)}` : ''}`);
    for (const e of page.endpoints ?? []) routes.push({ name: e.name, type: e.endpoint_type, provider: e.model?.provider });
    token = page.next_page_token;
  } while (token);
  const models = await getJson('/v1/models').catch(() => ({ data: [] }));
  for (const m of models.data ?? []) {
    if (!routes.some((r) => r.name === m.id)) routes.push({ name: m.id, type: m.endpoint_type, provider: m.owned_by });
  }
  return routes;
}

function currentRoute() {
  return state.routes.find((r) => r.name === $('route').value);
}

function onRouteChange() {
  const route = currentRoute();
  if (!route) return;
  const kind = (route.type ?? '').split('/').pop();
  $('route-info').textContent = `${route.type ?? 'route'} · ${route.provider ?? ''}`;
  $('prompt-label').firstChild.textContent = kind === 'embeddings' ? 'Texts (one per line)' : kind === 'chat' ? 'Message' : 'Prompt';
  $('stream').disabled = kind === 'embeddings';
  // Anthropic Messages and OpenAI Responses are chat dialects.
  for (const dialect of ['anthropic', 'responses']) {
    const option = $('dialect').querySelector(`option[value="${dialect}"]`);
    option.disabled = kind !== 'chat';
    if (option.disabled && $('dialect').value === dialect) $('dialect').value = 'mlflow';
  }
}

/** The path a request for `route` goes to in `dialect`. */
export function requestPath(dialect, route) {
  const kind = (route.type ?? '').split('/').pop();
  if (dialect === 'anthropic') return '/v1/messages';
  if (dialect === 'responses') return '/v1/responses';
  if (dialect === 'openai') return kind === 'chat' ? '/v1/chat/completions' : `/v1/${kind}`;
  return `/endpoints/${encodeURIComponent(route.name)}/invocations`;
}

function numberField(id) {
  const raw = $(id).value.trim();
  return raw === '' ? undefined : Number(raw);
}

/**
 * The request body for a route type in a dialect: MLflow's (no `model`), OpenAI's and
 * Anthropic's (`model` = the route; Anthropic requires `max_tokens`), OpenAI Responses'
 * (`input`, `max_output_tokens`).
 */
export function buildBody(type, text, { temperature, maxTokens, stream }, dialect = 'mlflow', route = '') {
  const kind = (type ?? '').split('/').pop();
  const body = dialect === 'mlflow' ? {} : { model: route };
  if (dialect === 'responses') {
    Object.assign(body, { input: text });
    if (temperature !== undefined) body.temperature = temperature;
    if (maxTokens !== undefined) body.max_output_tokens = maxTokens;
    if (stream) body.stream = true;
    return body;
  }
  if (kind === 'embeddings') return { ...body, input: text.split('\n').filter((line) => line.trim()) };
  if (dialect === 'anthropic') body.max_tokens = maxTokens ?? 64;
  Object.assign(body, kind === 'chat' ? { messages: [{ role: 'user', content: text }] } : { prompt: text });
  if (temperature !== undefined) body.temperature = temperature;
  if (maxTokens !== undefined) body.max_tokens = maxTokens;
  if (stream) body.stream = true;
  return body;
}

/** Parses SSE bytes into JSON payloads (with their `event:` name) as they arrive (stops at [DONE]). */
async function* sseEvents(stream) {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    buffer += decoder.decode(value ?? new Uint8Array(), { stream: !done }).replace(/\r\n?/g, '\n');
    let cut;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const lines = buffer.slice(0, cut).split('\n');
      const data = lines.filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim()).join('\n');
      const event = lines.find((l) => l.startsWith('event:'))?.slice(6).trim();
      buffer = buffer.slice(cut + 2);
      if (data === '[DONE]') return;
      if (data) yield { raw: data, event, json: JSON.parse(data) };
    }
    if (done) return;
  }
}

/** A readable one-line message from an error body (MLflow `detail`, OpenAI's or Anthropic's `error`). */
export function readableError(status, text) {
  let message = text;
  try {
    const body = JSON.parse(text);
    const detail = body.detail ?? body.error?.message ?? body.error ?? body;
    message = Array.isArray(detail)
      ? detail.map((d) => `${(d.loc ?? []).filter((p) => p !== 'body').join('.') || 'body'}: ${d.msg}`).join('\n')
      : typeof detail === 'string' ? detail : JSON.stringify(detail);
  } catch { /* not JSON */ }
  return `Error ${status}: ${message}`;
}

function showUsage(usage) {
  if (!usage) return;
  if ('input_tokens' in usage || 'output_tokens' in usage) {  // Anthropic's names
    state.usage = { ...state.usage, ...usage };
    $('usage').textContent = `input ${state.usage.input_tokens ?? '?'}, output ${state.usage.output_tokens ?? '?'}`;
    return;
  }
  $('usage').textContent = `prompt ${usage.prompt_tokens ?? '?'}, completion ${usage.completion_tokens ?? '?'}, total ${usage.total_tokens ?? '?'}`;
}

/** The text and usage one stream event carries, in any of the page's dialects. */
export function streamEventParts(json) {
  if (json.type === 'error' || json.type === 'response.failed') return { error: true };
  if (json.type?.startsWith('response.')) {  // OpenAI Responses' event grammar
    return { text: json.type === 'response.output_text.delta' ? json.delta : '', usage: json.response?.usage ?? undefined };
  }
  if (json.type) {  // Anthropic's event grammar
    const delta = json.type === 'content_block_delta' && json.delta?.type === 'text_delta' ? json.delta.text : '';
    return { text: delta, usage: json.message?.usage ?? json.usage };
  }
  if (json.error) return { error: true };
  const choice = json.choices?.[0];
  return { text: choice?.delta?.content ?? choice?.text ?? '', usage: json.usage };
}

function renderAnswer(body) {
  if (body.data) {
    return body.data.map((d, i) => `#${i}: [${d.embedding.slice(0, 8).map((x) => x.toFixed(3)).join(', ')}${d.embedding.length > 8 ? ', …' : ''}] (${d.embedding.length} dims)`).join('\n');
  }
  if (body.type === 'message') return body.content.filter((b) => b.type === 'text').map((b) => b.text).join('');
  if (body.object === 'response') {
    return body.output.filter((i) => i.type === 'message').flatMap((i) => i.content)
      .filter((p) => p.type === 'output_text').map((p) => p.text).join('');
  }
  const choice = body.choices?.[0];
  return choice?.message?.content ?? choice?.text ?? JSON.stringify(body);
}

async function send() {
  const route = currentRoute();
  if (!route) return;
  const dialect = $('dialect').value;
  const body = buildBody(route.type, $('prompt').value, { temperature: numberField('temperature'),
    maxTokens: numberField('max-tokens'), stream: $('stream').checked && !$('stream').disabled }, dialect, route.name);
  const path = requestPath(dialect, route);
  state.usage = {};
  $('raw-request').textContent = `POST ${path}\n\n${JSON.stringify(body, null, 2)}`;
  for (const id of ['output', 'raw-response']) $(id).textContent = '';
  $('error').hidden = true;
  $('latency').textContent = '…';
  $('usage').textContent = '–';
  $('send').disabled = true;
  const start = performance.now();
  try {
    const res = await state.send(path, { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body) });
    const head = `HTTP ${res.status}\n`;
    if (res.ok && (res.headers.get('content-type') ?? '').includes('text/event-stream')) {
      $('raw-response').textContent = head;
      let first;
      for await (const event of sseEvents(res.body)) {
        first ??= performance.now();
        $('raw-response').textContent += `${event.event ? `event: ${event.event}\n` : ''}data: ${event.raw}\n`;
        const parts = streamEventParts(event.json);
        if (parts.error) throw new Error(readableError(res.status, event.raw));
        $('output').textContent += parts.text;
        showUsage(parts.usage);
      }
      $('latency').textContent = `${Math.round(first - start)} ms to first chunk, ${Math.round(performance.now() - start)} ms total`;
      return;
    }
    const text = await res.text();
    $('latency').textContent = `${Math.round(performance.now() - start)} ms`;
    $('raw-response').textContent = head + text;
    if (!res.ok) throw new Error(readableError(res.status, text));
    const json = JSON.parse(text);
    $('output').textContent = renderAnswer(json);
    showUsage(json.usage);
  } catch (error) {
    $('error').textContent = error.message;
    $('error').hidden = false;
    if ($('latency').textContent === '…') $('latency').textContent = `${Math.round(performance.now() - start)} ms`;
  } finally {
    $('send').disabled = false;
  }
}

async function main() {
  try {
    const connection = await connect();
    state.send = connection.send;
    $('mode').textContent = connection.label;
    state.routes = await loadRoutes();
    $('route').replaceChildren(...state.routes.map((r) => new Option(`${r.name} (${r.type ?? 'route'})`, r.name)));
    onRouteChange();
    $('route').addEventListener('change', onRouteChange);
    $('dialect').addEventListener('change', onRouteChange);
    $('send').addEventListener('click', send);
    $('send').disabled = state.routes.length === 0;
    document.body.dataset.ready = 'true';
  } catch (error) {
    $('error').textContent = `Could not start: ${error.message}`;
    $('error').hidden = false;
  }
}

if (typeof document !== 'undefined') main();
