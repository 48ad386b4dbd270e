// Server-sent events → parsed JSON chunks, shared by Gateway.stream and
// GatewayClient.predictStream. Works on any WHATWG ReadableStream of bytes.

/**
 * Iterates the `data:` payloads of an SSE byte stream, parsed as JSON; stops at
 * `data: [DONE]`. An `error` payload (`{"error": ...}`) is yielded like any other.
 * @param {ReadableStream<Uint8Array>} stream
 * @returns {AsyncGenerator<any>}
 */
export async function* parseSse(stream) {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      buffer = buffer.replace(/\r\n?/g, '\n');
      let cut;
      while ((cut = buffer.indexOf('\n\n')) >= 0 || (done && buffer.trim())) {
        const event = cut >= 0 ? buffer.slice(0, cut) : buffer;
        buffer = cut >= 0 ? buffer.slice(cut + 2) : '';
        const data = event.split('\n').filter((l) => l.startsWith('data:'))
          .map((l) => l.slice(5).replace(/^ /, '')).join('\n');
        if (!data) continue;
        if (data === '[DONE]') return;
        yield JSON.parse(data);
      }
      if (done) return;
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}
