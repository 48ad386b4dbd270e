// A client for a running gateway: the JS counterpart of MLflow's
// `MlflowGatewayClient` (routes, `/gateway/{route}/invocations`) and
// `get_deploy_client` (endpoints, `/endpoints/{name}/invocations`).
// Retries 429/500/502/503 with exponential backoff, like MLflow's http_request.
import { GatewayHttpError, httpError } from '../errors.mjs';
import { parseSse } from '../sse.mjs';

/** The error GatewayClient throws for a non-2xx answer (the same class as the library's). */
export { GatewayHttpError };

const RETRY_STATUS = new Set([429, 500, 502, 503]);
const MAX_PAGES = 1000;

function processEnv() {
  return globalThis.process?.env ?? {};
}

/**
 * Resolves `gatewayUri` to a base URL and a bearer token. `"databricks"` reads
 * DATABRICKS_HOST and DATABRICKS_TOKEN (options first, then `env`).
 * @returns {{baseUrl: string, token: string | undefined}}
 */
export function resolveTarget(options = {}) {
  const env = options.env ?? processEnv();
  const uri = options.gatewayUri ?? env.MLFLOW_DEPLOYMENTS_TARGET ?? env.MLFLOW_GATEWAY_URI;
  if (!uri) throw new TypeError('GatewayClient: `gatewayUri` is required (or set MLFLOW_DEPLOYMENTS_TARGET)');
  if (uri === 'databricks') {
    const host = options.databricksHost ?? env.DATABRICKS_HOST;
    const token = options.databricksToken ?? env.DATABRICKS_TOKEN;
    if (!host || !token) throw new TypeError('GatewayClient: "databricks" needs DATABRICKS_HOST and DATABRICKS_TOKEN');
    return { baseUrl: (/^https?:\/\//.test(host) ? host : `https://${host}`).replace(/\/+$/, ''), token };
  }
  return { baseUrl: String(uri).replace(/\/+$/, ''), token: options.apiKey };
}

/** A client for a running gateway (MLflow AI Gateway compatible). */
export class GatewayClient {
  /**
   * @param {{gatewayUri?: string, apiKey?: string, env?: object, databricksHost?: string, databricksToken?: string,
   *          timeout?: number, maxRetries?: number, backoffMs?: number, fetch?: typeof fetch}} [options]
   *   `timeout` in milliseconds per attempt (default 300000, MLflow's 300 s); `maxRetries` (default 5);
   *   `backoffMs` the first retry delay, doubled each time (default 200).
   */
  constructor(options = {}) {
    const { baseUrl, token } = resolveTarget(options);
    /** The gateway's base URL (no trailing slash). */
    this.baseUrl = baseUrl;
    this.token = token;
    this.timeout = options.timeout ?? 300_000;
    this.maxRetries = options.maxRetries ?? 5;
    this.backoffMs = options.backoffMs ?? 200;
    this.fetch = options.fetch ?? ((...args) => globalThis.fetch(...args));
  }

  /**
   * Sends one request with retries and the timeout; resolves with the 2xx Response.
   * @throws {GatewayHttpError} for a non-2xx answer (after retries); a TimeoutError when it times out
   */
  async request(method, path, body, { stream = false } = {}) {
    const headers = { accept: stream ? 'text/event-stream' : 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    for (let attempt = 0; ; attempt++) {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), this.timeout);
      let res;
      try {
        res = await this.fetch(`${this.baseUrl}${path}`, { method, headers, signal: controller.signal,
          body: body === undefined ? undefined : JSON.stringify(body) });
      } catch (error) {
        clearTimeout(timer);
        if (controller.signal.aborted) {
          const timeout = new Error(`The gateway did not answer ${method} ${path} within ${this.timeout} ms`);
          timeout.name = 'TimeoutError';
          throw timeout;
        }
        throw error;
      }
      if (res.ok && stream) {
        clearTimeout(timer);
        return res;
      }
      const text = await res.text().finally(() => clearTimeout(timer));
      if (res.ok) return text;
      if (!RETRY_STATUS.has(res.status) || attempt >= this.maxRetries) throw httpError(res.status, text);
      await new Promise((resolve) => setTimeout(resolve, this.backoffMs * 2 ** attempt));
    }
  }

  async #json(method, path, body) {
    const text = await this.request(method, path, body);
    return text ? JSON.parse(text) : {};
  }

  #absolute(url) {
    return url ? new URL(url, `${this.baseUrl}/`).href : url;
  }

  async #pages(path, key) {
    const out = [];
    let token;
    for (let page = 0; page < MAX_PAGES; page++) {
      const query = token ? `?page_token=${encodeURIComponent(token)}` : '';
      const body = await this.#json('GET', `${path}${query}`);
      out.push(...(body[key] ?? []));
      token = body.next_page_token;
      if (!token) break;
    }
    return out;
  }

  /** `GET /api/2.0/gateway/routes/{name}`; `route_url` made absolute. */
  async getRoute(name) {
    const route = await this.#json('GET', `/api/2.0/gateway/routes/${encodeURIComponent(name)}`);
    return { ...route, route_url: this.#absolute(route.route_url) };
  }

  /** Every route (`GET /api/2.0/gateway/routes/`, pages followed); `route_url` made absolute. */
  async listRoutes() {
    const routes = await this.#pages('/api/2.0/gateway/routes/', 'routes');
    return routes.map((r) => ({ ...r, route_url: this.#absolute(r.route_url) }));
  }

  /** `POST /gateway/{route}/invocations` with `data` as the body (MLflow 2.5–2.8 schema). */
  query(route, data) {
    return this.#json('POST', `/gateway/${encodeURIComponent(route)}/invocations`, data);
  }

  /** `GET /api/2.0/endpoints/{name}`; `endpoint_url` made absolute. */
  async getEndpoint(name) {
    const endpoint = await this.#json('GET', `/api/2.0/endpoints/${encodeURIComponent(name)}`);
    return { ...endpoint, endpoint_url: this.#absolute(endpoint.endpoint_url) };
  }

  /** Every endpoint (`GET /api/2.0/endpoints/`, pages followed); `endpoint_url` made absolute. */
  async listEndpoints() {
    const endpoints = await this.#pages('/api/2.0/endpoints/', 'endpoints');
    return endpoints.map((e) => ({ ...e, endpoint_url: this.#absolute(e.endpoint_url) }));
  }

  /**
   * `POST /endpoints/{endpoint}/invocations` with `inputs` verbatim.
   * @param {string | {endpoint: string, inputs: object}} endpoint a name, or MLflow's keyword form
   * @param {object} [inputs]
   */
  predict(endpoint, inputs) {
    if (typeof endpoint === 'object') ({ endpoint, inputs } = endpoint);
    return this.#json('POST', `/endpoints/${encodeURIComponent(endpoint)}/invocations`, inputs ?? {});
  }

  /**
   * Streams `POST /endpoints/{endpoint}/invocations` (`stream: true` added); yields parsed chunks.
   * @param {string | {endpoint: string, inputs: object}} endpoint
   * @param {object} [inputs]
   * @returns {AsyncGenerator<any>}
   */
  async* predictStream(endpoint, inputs) {
    if (typeof endpoint === 'object') ({ endpoint, inputs } = endpoint);
    const res = await this.request('POST', `/endpoints/${encodeURIComponent(endpoint)}/invocations`,
      { ...inputs, stream: true }, { stream: true });
    if (typeof res === 'string') {  // a gateway that answered without streaming
      yield JSON.parse(res);
      return;
    }
    for await (const chunk of parseSse(res.body)) {
      if (chunk?.error) throw new GatewayHttpError(res.status, chunk.error, JSON.stringify(chunk));
      yield chunk;
    }
  }
}

/**
 * MLflow's `get_deploy_client(target)`: a GatewayClient for `target` (a URL or "databricks").
 * @param {string} [target] defaults to MLFLOW_DEPLOYMENTS_TARGET
 * @param {object} [options] GatewayClient options
 */
export function getDeployClient(target, options = {}) {
  return new GatewayClient({ ...options, gatewayUri: target ?? options.gatewayUri });
}
