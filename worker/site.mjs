// Host-level pages: `/docs` (a small HTML page listing the routes) and
// `/openapi.json` (an OpenAPI 3.1 document generated from the same list). The
// route list comes from the core's own answers to `GET /api/2.0/endpoints/`
// and `GET /v1/models`, so it is always the loaded configuration's.

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const EMPTY = new Uint8Array(0);
const MAX_PAGES = 100;
const cache = new WeakMap();  // CoreGateway (one per loaded config) → {routes}

/** Whether a request is for one of the host-level pages. */
export function isSitePath(method, path) {
  if (method !== 'GET' && method !== 'HEAD') return false;
  return path === '/docs' || path === '/docs/' || path === '/openapi.json';
}

async function getJson(gateway, target) {
  const result = await gateway.exchange({ method: 'GET', target, headers: [], body: EMPTY });
  if (result.status !== 200 || !result.body) return undefined;
  return JSON.parse(decoder.decode(result.body));
}

/**
 * The routes of the loaded configuration: endpoints (with their invocation URL)
 * and traffic routes (from /v1/models).
 * @returns {Promise<Array<{name: string, type: string, provider: string, model?: string, url?: string}>>}
 */
export async function listRoutes(gateway) {
  const routes = [];
  const seen = new Set();
  let token = '';
  for (let page = 0; page < MAX_PAGES; page++) {
    const query = token ? `?page_token=${encodeURIComponent(token)}` : '';
    const body = await getJson(gateway, `/api/2.0/endpoints/${query}`);
    for (const e of body?.endpoints ?? []) {
      seen.add(e.name);
      routes.push({ name: e.name, type: e.endpoint_type, provider: e.model?.provider,
        model: e.model?.name, url: e.endpoint_url });
    }
    token = body?.next_page_token;
    if (!token) break;
  }
  const models = await getJson(gateway, '/v1/models');
  for (const m of models?.data ?? []) {
    if (!seen.has(m.id)) routes.push({ name: m.id, type: m.endpoint_type, provider: m.owned_by });
  }
  return routes;
}

function escapeHtml(text) {
  return String(text ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const FIXED_ROUTES = [
  ['GET', '/health', 'health check'],
  ['POST', '/v1/chat/completions', 'OpenAI-compatible chat (body "model" = route name)'],
  ['POST', '/v1/completions', 'OpenAI-compatible completions'],
  ['POST', '/v1/embeddings', 'OpenAI-compatible embeddings'],
  ['GET', '/v1/models', 'routes as OpenAI models'],
  ['GET', '/api/2.0/endpoints/', 'list endpoints (page_token)'],
  ['GET', '/api/2.0/endpoints/{name}', 'one endpoint'],
  ['GET', '/api/2.0/gateway/routes/', 'list routes, MLflow 2.5-2.8 shape (page_token)'],
  ['GET', '/api/2.0/gateway/routes/{name}', 'one route, MLflow 2.5-2.8 shape'],
  ['GET', '/openapi.json', 'this API as OpenAPI 3.1'],
];

/** Renders the docs page. */
export function docsHtml(routes) {
  const rows = routes.map((r) => `<tr><td>${escapeHtml(r.name)}</td><td>${escapeHtml(r.type)}</td>` +
    `<td>${escapeHtml(r.provider)}${r.model ? ` / ${escapeHtml(r.model)}` : ''}</td>` +
    `<td><code>POST /endpoints/${escapeHtml(r.name)}/invocations</code><br>` +
    `<code>POST ${escapeHtml(r.url ?? `/gateway/${r.name}/invocations`)}</code></td></tr>`).join('\n');
  const fixed = FIXED_ROUTES.map(([m, p, d]) =>
    `<tr><td><code>${m} ${escapeHtml(p)}</code></td><td>${escapeHtml(d)}</td></tr>`).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>AI Gateway</title>
<style>body{font:15px/1.4 system-ui,sans-serif;margin:2em;max-width:60em}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}</style>
</head><body>
<h1>AI Gateway</h1>
<p>MLflow AI Gateway compatible API. OpenAPI document: <a href="/openapi.json">/openapi.json</a>.</p>
<h2>Routes (${routes.length})</h2>
<table><tr><th>name</th><th>type</th><th>provider / model</th><th>invoke</th></tr>
${rows}
</table>
<h2>API</h2>
<table>
${fixed}
</table>
</body></html>
`;
}

const SCHEMAS = {
  ChatRequest: { type: 'object', required: ['messages'], additionalProperties: true, properties: {
    messages: { type: 'array', minItems: 1, items: { type: 'object', required: ['role'],
      properties: { role: { type: 'string' }, content: {} } } },
    temperature: { type: 'number', minimum: 0, maximum: 2 }, n: { type: 'integer', minimum: 1 },
    stop: { type: 'array', items: { type: 'string' } }, max_tokens: { type: 'integer', minimum: 1 },
    stream: { type: 'boolean' } } },
  CompletionsRequest: { type: 'object', required: ['prompt'], additionalProperties: true, properties: {
    prompt: { type: 'string' }, temperature: { type: 'number', minimum: 0, maximum: 2 },
    n: { type: 'integer', minimum: 1 }, stop: { type: 'array', items: { type: 'string' } },
    max_tokens: { type: 'integer', minimum: 1 }, stream: { type: 'boolean' } } },
  EmbeddingsRequest: { type: 'object', required: ['input'], additionalProperties: true, properties: {
    input: { oneOf: [{ type: 'string' }, { type: 'array' }] } } },
  Error: { type: 'object', properties: { detail: {} } },
};

const TYPE_SCHEMA = { 'llm/v1/chat': 'ChatRequest', 'llm/v1/completions': 'CompletionsRequest',
  'llm/v1/embeddings': 'EmbeddingsRequest' };

function jsonBody(schemaName, extra = {}) {
  const ref = { $ref: `#/components/schemas/${schemaName}` };
  const schema = Object.keys(extra).length ? { allOf: [ref, { type: 'object', ...extra }] } : ref;
  return { required: true, content: { 'application/json': { schema } } };
}

function op(summary, extra = {}) {
  return { summary, responses: { 200: { description: 'OK' }, default: { description: 'Error',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } } }, ...extra };
}

function v1Paths(routes) {
  const paths = {};
  const byType = [['llm/v1/chat', '/v1/chat/completions'], ['llm/v1/completions', '/v1/completions'],
    ['llm/v1/embeddings', '/v1/embeddings']];
  for (const [type, path] of byType) {
    const names = routes.filter((r) => r.type === type).map((r) => r.name);
    const model = { required: ['model'], properties: { model: names.length ? { type: 'string', enum: names }
      : { type: 'string' } } };
    paths[path] = { post: op(`OpenAI-compatible ${type}`, { requestBody: jsonBody(TYPE_SCHEMA[type], model) }) };
  }
  paths['/v1/models'] = { get: op('The routes as OpenAI models') };
  return paths;
}

/**
 * Builds the OpenAPI 3.1 document for a route list.
 * @returns {object}
 */
export function openApiDocument(routes) {
  const paths = { '/health': { get: op('Health check') } };
  for (const r of routes) {
    const schema = TYPE_SCHEMA[r.type];
    if (!schema) continue;
    const invoke = { post: op(`Invoke ${r.name} (${r.type}, ${r.provider ?? 'route'})`,
      { requestBody: jsonBody(schema) }) };
    paths[`/endpoints/${r.name}/invocations`] = invoke;
    paths[`/gateway/${r.name}/invocations`] = invoke;
  }
  Object.assign(paths, v1Paths(routes));
  const pageToken = [{ name: 'page_token', in: 'query', required: false, schema: { type: 'string' } }];
  const nameParam = [{ name: 'name', in: 'path', required: true, schema: { type: 'string' } }];
  paths['/api/2.0/endpoints/'] = { get: op('List endpoints', { parameters: pageToken }) };
  paths['/api/2.0/endpoints/{name}'] = { get: op('Get an endpoint', { parameters: nameParam }) };
  paths['/api/2.0/gateway/routes/'] = { get: op('List routes (MLflow 2.5-2.8)', { parameters: pageToken }) };
  paths['/api/2.0/gateway/routes/{name}'] = { get: op('Get a route (MLflow 2.5-2.8)', { parameters: nameParam }) };
  return { openapi: '3.1.0', info: { title: 'AI Gateway', version: '0.1.0',
    description: 'MLflow AI Gateway compatible API served by ai-gateway-wasm.' },
  paths, components: { schemas: SCHEMAS } };
}

/**
 * Answers GET /docs or GET /openapi.json (cached per loaded configuration).
 * @returns {Promise<{status: number, headers: Array<[string,string]>, body: Uint8Array}>}
 */
export async function siteReply(gateway, path) {
  let entry = cache.get(gateway.core);
  if (!entry) {
    entry = { routes: await listRoutes(gateway) };
    cache.set(gateway.core, entry);
  }
  if (path === '/openapi.json') {
    entry.openapi ??= encoder.encode(JSON.stringify(openApiDocument(entry.routes)));
    return { status: 200, headers: [['content-type', 'application/json']], body: entry.openapi };
  }
  entry.html ??= encoder.encode(docsHtml(entry.routes));
  return { status: 200, headers: [['content-type', 'text/html; charset=utf-8']], body: entry.html };
}
