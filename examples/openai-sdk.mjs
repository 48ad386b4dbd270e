// The official OpenAI SDK (npm `openai`, a devDependency here) against the gateway's /v1 API.
//   npm start                       # in one terminal
//   node examples/openai-sdk.mjs    # in another (GATEWAY=http://host:port to point elsewhere)
//
// `model` is the gateway endpoint's name; the gateway holds the provider keys, so the SDK's
// apiKey is a placeholder (unless the config enables gateway `auth:`, then it is a gateway key).
import OpenAI from 'openai';

const gateway = process.env.GATEWAY ?? 'http://127.0.0.1:5000';
const client = new OpenAI({ baseURL: `${gateway}/v1`, apiKey: process.env.GATEWAY_KEY ?? 'unused' });

const chat = await client.chat.completions.create({
  model: 'chat',
  messages: [{ role: 'user', content: 'Hello from the OpenAI SDK' }],
});
console.log('chat:', chat.choices[0].message.content, chat.usage);

process.stdout.write('stream: ');
const stream = await client.chat.completions.create({
  model: 'chat',
  messages: [{ role: 'user', content: 'Stream a short answer' }],
  stream: true,
});
for await (const chunk of stream) process.stdout.write(chunk.choices[0]?.delta?.content ?? '');
process.stdout.write('\n');

const completion = await client.completions.create({ model: 'completions', prompt: 'Say hello' });
console.log('completions:', completion.choices[0].text);

// The SDK asks for base64 embeddings by default and decodes them; the gateway answers either way.
const embeddings = await client.embeddings.create({ model: 'embeddings', input: ['hello', 'world'] });
console.log('embeddings:', embeddings.data.map((d) => d.embedding.length), 'dimensions each');

const models = await client.models.list();
console.log('models:', models.data.map((m) => m.id).join(', '));
