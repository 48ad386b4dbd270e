// The host's half of hashed gateway keys: the core compares SHA-256 digests
// but does no cryptography itself, so the host hashes the presented bearer
// token with WebCrypto (Node 20, workerd and browsers all have crypto.subtle).

const encoder = new TextEncoder();

/**
 * The token of the first `authorization: Bearer <token>` header, extracted
 * exactly as the core does (src/policy/auth.cc bearerToken): scheme
 * case-insensitive, blanks around the token trimmed; undefined when absent.
 * @param {Iterable<[string, string]>} headers
 */
export function bearerToken(headers) {
  for (const [name, value] of headers ?? []) {
    if (String(name).toLowerCase() !== 'authorization') continue;
    const match = /^[ \t]*bearer[ \t]+(.*?)[ \t]*$/is.exec(String(value).replace(/[\r\n]/g, ' '));
    return match && match[1] !== '' ? match[1] : undefined;
  }
  return undefined;
}

/**
 * The gateway key a request presents, as the core reads it (src/policy/auth.cc
 * presentedKey): the bearer token, else the trimmed `x-api-key` header, else `x-goog-api-key`.
 * @param {Iterable<[string, string]>} headers
 */
export function presentedKey(headers) {
  const list = [...(headers ?? [])];
  const token = bearerToken(list);
  if (token !== undefined) return token;
  for (const header of ['x-api-key', 'x-goog-api-key']) {
    for (const [name, value] of list) {
      if (String(name).toLowerCase() !== header) continue;
      const key = String(value).replace(/[\r\n]/g, ' ').replace(/^[ \t]+|[ \t]+$/g, '');
      return key === '' ? undefined : key;
    }
  }
  return undefined;
}

/**
 * Lower-case hex SHA-256 of the key the request presents ('' when there is none).
 * @param {Iterable<[string, string]>} headers
 * @returns {Promise<string>}
 */
export async function bearerKeyDigest(headers) {
  const token = presentedKey(headers);
  if (token === undefined) return '';
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', encoder.encode(token)));
  let hex = '';
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
  return hex;
}
