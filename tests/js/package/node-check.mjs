// Runs inside the folder the packed tarball was installed into (node_modules/ai-gateway-wasm).
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createGateway, GatewayConfigError, GatewayHttpError } from 'ai-gateway-wasm';
import { GatewayClient } from 'ai-gateway-wasm/client';

const config = { endpoints: [{ name: 'chat', endpoint_type: 'llm/v1/chat', model: { provider: 'mock', name: 'm' } }] };
const gw = await createGateway({ config });
const answer = await gw.query('chat', { messages: [{ role: 'user', content: 'from the tarball' }] });
let streamed = '';
for await (const chunk of gw.stream('chat', { messages: [{ role: 'user', content: 'streamed' }] })) {
  streamed += chunk.choices[0].delta.content ?? '';
}
const routes = (await gw.routes()).map((r) => r.name);
const status = await gw.query('chat', { messages: [] }).catch((e) => e instanceof GatewayHttpError && e.status);
const line = await createGateway({ config: 'endpoints:\n  - name: x\n    endpoint_type: nope\n' })
  .catch((e) => e instanceof GatewayConfigError && e.line);
const client = new GatewayClient({ gatewayUri: 'http://gw.local', fetch: (url, init) => gw.handle(new Request(url, init)) });
const endpoints = (await client.listEndpoints()).map((e) => e.name);
const wasm = fs.statSync(fileURLToPath(import.meta.resolve('ai-gateway-wasm/gw-core.wasm'))).size;
console.log(JSON.stringify({ answer: answer.choices[0].message.content, streamed, routes, status, line, endpoints, wasm }));
