// Compiled with `tsc --noEmit` against the installed package's declarations.
import { createGateway, GatewayConfigError, GatewayHttpError, type Gateway } from 'ai-gateway-wasm';
import { GatewayClient, getDeployClient } from 'ai-gateway-wasm/client';
import { ChatMlflowAIGateway, MlflowAIGateway, MlflowAIGatewayEmbeddings } from 'ai-gateway-wasm/langchain';

async function main(): Promise<void> {
  const gw: Gateway = await createGateway({ config: { endpoints: [] }, env: { KEY: 'x' } });
  const answer = await gw.query('chat', { messages: [] });
  for await (const chunk of gw.stream('chat', { messages: [] })) console.log(chunk, answer);
  const routes = await gw.routes();
  console.log(routes[0]?.endpointType, (await gw.handle(new Request('http://x/health'))).status);
  const client: GatewayClient = getDeployClient('http://127.0.0.1:5000', { timeout: 1000 });
  console.log(await client.predict({ endpoint: 'chat', inputs: {} }), await client.listRoutes());
  const llm = new MlflowAIGateway({ gatewayUri: 'http://127.0.0.1:5000', route: 'completions',
    params: { temperature: 0.0, top_p: 0.1 } });
  const chat = new ChatMlflowAIGateway({ gatewayUri: 'databricks', route: 'chat' });
  const emb = new MlflowAIGatewayEmbeddings({ gatewayUri: 'http://127.0.0.1:5000', route: 'embeddings' });
  console.log(await llm.invoke('hi'), await chat.invoke('hi'), await emb.embedQuery('x'));
  const e: unknown = undefined;
  if (e instanceof GatewayConfigError) console.log(e.line, e.column, e.errors[0].message);
  if (e instanceof GatewayHttpError) console.log(e.status, e.detail);
}
void main;
