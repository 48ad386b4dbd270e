// Type declarations for `ai-gateway-wasm/client`.

/** What GatewayClient throws for a non-2xx answer: the library's class (`instanceof` works across both entries). */
export { GatewayHttpError } from '../index.js';

/** Options of GatewayClient. */
export interface GatewayClientOptions {
  /** The gateway's URL, or `"databricks"` (DATABRICKS_HOST + DATABRICKS_TOKEN). Default: MLFLOW_DEPLOYMENTS_TARGET. */
  gatewayUri?: string;
  /** Sent as `Authorization: Bearer ...` (gateways with auth on). */
  apiKey?: string;
  /** Where DATABRICKS_* / MLFLOW_* are read (default `process.env`). */
  env?: Record<string, string | undefined>;
  databricksHost?: string;
  databricksToken?: string;
  /** Milliseconds per attempt (default 300000). */
  timeout?: number;
  /** Retries on 429/500/502/503 (default 5). */
  maxRetries?: number;
  /** First retry delay in ms, doubled each retry (default 200). */
  backoffMs?: number;
  fetch?: typeof fetch;
}

/** A client for a running gateway (MLflow's MlflowGatewayClient + get_deploy_client). Wire objects keep MLflow's snake_case. */
export class GatewayClient {
  constructor(options?: GatewayClientOptions);
  /** The gateway's base URL (no trailing slash). */
  readonly baseUrl: string;
  /** `GET /api/2.0/gateway/routes/{name}`; `route_url` absolute. */
  getRoute(name: string): Promise<any>;
  /** Every route, pages followed. */
  listRoutes(): Promise<any[]>;
  /** `POST /gateway/{route}/invocations` (MLflow 2.5–2.8 schema). */
  query(route: string, data: object): Promise<any>;
  /** `GET /api/2.0/endpoints/{name}`; `endpoint_url` absolute. */
  getEndpoint(name: string): Promise<any>;
  /** Every endpoint, pages followed. */
  listEndpoints(): Promise<any[]>;
  /** `POST /endpoints/{endpoint}/invocations` with `inputs` verbatim. */
  predict(endpoint: string, inputs?: object): Promise<any>;
  predict(args: { endpoint: string; inputs: object }): Promise<any>;
  /** Streams `POST /endpoints/{endpoint}/invocations` (`stream: true` added); yields parsed chunks. */
  predictStream(endpoint: string, inputs?: object): AsyncGenerator<any>;
  predictStream(args: { endpoint: string; inputs: object }): AsyncGenerator<any>;
  /** One request with retries and the timeout (2xx text, or the Response when streaming). */
  request(method: string, path: string, body?: object, options?: { stream?: boolean }): Promise<string | Response>;
}

/** MLflow's `get_deploy_client(target)`. */
export function getDeployClient(target?: string, options?: GatewayClientOptions): GatewayClient;

/** Resolves `gatewayUri` (incl. "databricks") to a base URL and a bearer token. */
export function resolveTarget(options?: GatewayClientOptions): { baseUrl: string; token: string | undefined };
