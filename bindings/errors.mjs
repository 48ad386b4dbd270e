// The typed error for non-2xx answers, shared by Gateway.query and GatewayClient.

/** A gateway (or provider) answered with a non-2xx status. */
export class GatewayHttpError extends Error {
  /**
   * @param {number} status HTTP status
   * @param {any} detail the parsed error body's `detail` (MLflow) or `error` (OpenAI), else the raw text
   * @param {string} [body] the raw response text
   */
  constructor(status, detail, body) {
    super(`gateway answered ${status}: ${typeof detail === 'string' ? detail : JSON.stringify(detail)}`);
    this.name = 'GatewayHttpError';
    /** HTTP status code. */
    this.status = status;
    /** `detail` (MLflow shape) or `error` (OpenAI shape) of the body, else its text. */
    this.detail = detail;
    /** The raw response text. */
    this.body = body;
  }
}

/** Builds a GatewayHttpError from a status and the response text. */
export function httpError(status, text) {
  let detail = text;
  try {
    const parsed = JSON.parse(text);
    detail = parsed?.detail ?? parsed?.error ?? parsed;
  } catch {
    // not JSON: keep the text
  }
  return new GatewayHttpError(status, detail, text);
}
