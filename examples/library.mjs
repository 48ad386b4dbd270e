import { createGateway } from 'ai-gateway-wasm';

const gateway = await createGateway({
  config: {
    endpoints: [
      { name: 'chat', endpoint_type: 'llm/v1/chat', model: { provider: 'mock', name: 'mock-chat' } },
    ],
  },
  env: process.env, // resolves `$OPENAI_API_KEY`-style keys in the config
});

console.log((await gateway.routes()).map((route) => route.name));

const answer = await gateway.query('chat', { messages: [{ role: 'user', content: 'Hello!' }] });
console.log(answer.choices[0].message.content);

for await (const chunk of gateway.stream('chat', { messages: [{ role: 'user', content: 'Stream, please' }] })) {
  process.stdout.write(chunk.choices[0].delta.content ?? '');
}
console.log();

// The whole HTTP API, for any fetch-style server: Bun.serve({fetch: (r) => gateway.handle(r)}), Deno.serve, Hono.
const response = await gateway.handle(new Request('http://localhost/api/2.0/endpoints/'));
console.log(response.status);
