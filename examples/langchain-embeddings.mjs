// MLflow's LangChain embeddings example, line for line in JS. The Python original:
//
//   from langchain.embeddings import MlflowAIGatewayEmbeddings
//
//   embeddings = MlflowAIGatewayEmbeddings(
//       gateway_uri="http://127.0.0.1:5000",
//       route="embeddings",
//   )
//
//   print(embeddings.embed_query("hello"))
//   print(embeddings.embed_documents(["hello"]))
//
// Run against a gateway: `node worker/node/cli.mjs start --config-path examples/langchain.yaml --port 5000`
// (GATEWAY_URI overrides the address).
import { MlflowAIGatewayEmbeddings } from 'ai-gateway-wasm/langchain';

const embeddings = new MlflowAIGatewayEmbeddings({
  gatewayUri: process.env.GATEWAY_URI ?? 'http://127.0.0.1:5000',
  route: 'embeddings',
});

console.log(JSON.stringify(await embeddings.embedQuery('hello')));
console.log(JSON.stringify(await embeddings.embedDocuments(['hello'])));
