// AWS Signature Version 4 for the requests the core marks with `signing`
// (Amazon Bedrock). The core prepares everything that is not cryptography — the
// canonical request's method, URI, query and headers, the date and the credential
// scope (src/providers/dialects/bedrock_sigv4.h); this facade hashes the body, derives the
// signing key and signs with WebCrypto (`crypto.subtle`: Node 20+, workerd,
// browsers), then adds `x-amz-date`, `x-amz-security-token` and `authorization`.
// No cryptographic primitive is written here.
// Reference: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
//
// Secrets never reach an error message: failures throw a SigV4Error whose text
// names the problem only.

const encoder = new TextEncoder();
const ALGORITHM = 'AWS4-HMAC-SHA256';

/** A signing failure; its message never contains credentials or signatures. */
export class SigV4Error extends Error {
  constructor(message) {
    super(message);
    this.name = 'SigV4Error';
  }
}

function subtle() {
  const s = globalThis.crypto?.subtle;
  if (!s) throw new SigV4Error('SigV4 signing needs WebCrypto (crypto.subtle), which this runtime lacks');
  return s;
}

const toHex = (bytes) => Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
const toBytes = (data) => (typeof data === 'string' ? encoder.encode(data) : data ?? new Uint8Array(0));

/** Lower-case hex SHA-256 of a string or bytes. */
export async function sha256Hex(data) {
  return toHex(await subtle().digest('SHA-256', toBytes(data)));
}

async function hmac(key, data) {
  const k = await subtle().importKey('raw', toBytes(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await subtle().sign('HMAC', k, toBytes(data)));
}

/** kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request"). */
export async function signingKey(secretAccessKey, date, region, service) {
  const kDate = await hmac(`AWS4${secretAccessKey}`, date);
  const kRegion = await hmac(kDate, region);
  const kService = await hmac(kRegion, service);
  return hmac(kService, 'aws4_request');
}

/**
 * The canonical request text from the core's parts and the payload hash.
 * @param {{method: string, uri: string, query: string, headers: Array<[string, string]>}} parts
 */
export function canonicalRequest(parts, payloadHash) {
  const headers = parts.headers.map(([name, value]) => `${name}:${value}\n`).join('');
  const signed = parts.headers.map(([name]) => name).join(';');
  return [parts.method, parts.uri, parts.query, headers, signed, payloadHash].join('\n');
}

/** The string to sign for a canonical request. */
export async function stringToSign(amzDate, scope, canonical) {
  return [ALGORITHM, amzDate, scope, await sha256Hex(canonical)].join('\n');
}

function envCredentials() {
  const env = globalThis.process?.env;
  if (!env?.AWS_ACCESS_KEY_ID || !env?.AWS_SECRET_ACCESS_KEY) return null;
  return { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
    sessionToken: env.AWS_SESSION_TOKEN };
}

async function credentialsFor(signing, source) {
  if (signing.access_key_id) {
    return { accessKeyId: signing.access_key_id, secretAccessKey: signing.secret_access_key,
      sessionToken: signing.session_token };
  }
  const found = typeof source === 'function' ? await source() : source ?? envCredentials();
  if (!found?.accessKeyId || !found?.secretAccessKey) {
    throw new SigV4Error('no AWS credentials: set aws_access_key_id/aws_secret_access_key in the '
      + "endpoint's aws_config, or give the signer credentials");
  }
  return found;
}

// Host credentials may bring a session token the core did not know about: sign it too.
function withToken(headers, token) {
  if (!token || headers.some(([name]) => name === 'x-amz-security-token')) return headers;
  return [...headers, ['x-amz-security-token', token]].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Signs the core's `signing` description of a request.
 * @returns {Promise<{authorization: string, headers: Array<[string, string]>}>} headers to add
 */
export async function sign(signing, body, credentialSource) {
  if (signing?.algorithm !== ALGORITHM) throw new SigV4Error('unsupported signing request');
  const creds = await credentialsFor(signing, credentialSource);
  const parts = { ...signing.canonical_request,
    headers: withToken(signing.canonical_request.headers, creds.sessionToken) };
  const canonical = canonicalRequest(parts, await sha256Hex(body));
  const toSign = await stringToSign(signing.amz_date, signing.credential_scope, canonical);
  const key = await signingKey(creds.secretAccessKey, signing.amz_date.slice(0, 8), signing.region, signing.service);
  const signature = toHex(await hmac(key, toSign));
  const signedHeaders = parts.headers.map(([name]) => name).join(';');
  const authorization = `${ALGORITHM} Credential=${creds.accessKeyId}/${signing.credential_scope}, `
    + `SignedHeaders=${signedHeaders}, Signature=${signature}`;
  const headers = [['x-amz-date', signing.amz_date]];
  if (creds.sessionToken) headers.push(['x-amz-security-token', creds.sessionToken]);
  headers.push(['authorization', authorization]);
  return { authorization, headers };
}

/**
 * A `sign` option for createGateway: signs requests that carry `signing` and
 * returns them without it.
 * @param {{credentials?: {accessKeyId: string, secretAccessKey: string, sessionToken?: string}
 *          | (() => Promise<object>)}} [options] credentials for endpoints whose
 *   aws_config holds no keys (default: AWS_* environment variables on Node)
 */
export function createSigner(options = {}) {
  return async function signRequest(request) {
    if (!request.signing) return request;
    const { signing, ...rest } = request;
    let added;
    try {
      added = await sign(signing, request.body, options.credentials);
    } catch (error) {
      if (error instanceof SigV4Error) throw error;
      throw new SigV4Error(`SigV4 signing failed (${error?.name ?? 'error'})`);
    }
    return { ...rest, headers: [...request.headers, ...added.headers] };
  };
}

/** The default signer (credentials from the config, else the environment). */
export const signRequest = createSigner();
