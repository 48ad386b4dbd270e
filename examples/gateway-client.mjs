import { getDeployClient } from 'ai-gateway-wasm/client';

const client = getDeployClient(process.env.GATEWAY_URI ?? 'http://127.0.0.1:5000');

console.log((await client.listEndpoints()).map((endpoint) => endpoint.name));

const answer = await client.predict({
  endpoint: 'chat',
  inputs: { messages: [{ role: 'user', content: 'Hello!' }], temperature: 0.5 },
});
console.log(answer.choices[0].message.content);

for await (const chunk of client.predictStream('chat', { messages: [{ role: 'user', content: 'Stream, please' }] })) {
  process.stdout.write(chunk.choices[0].delta.content ?? '');
}
console.log();
