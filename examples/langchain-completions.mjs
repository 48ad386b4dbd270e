// MLflow's LangChain completions example, line for line in JS. The Python original:
//
//   from langchain.llms import MlflowAIGateway
//
//   gateway = MlflowAIGateway(
//       gateway_uri="http://127.0.0.1:5000",
//       route="completions",
//       params={
//           "temperature": 0.0,
//           "top_p": 0.1,
//       },
//   )
//
//   llm_chain = LLMChain(llm=gateway, prompt=PromptTemplate(
//       input_variables=["adjective"], template="Tell me a {adjective} joke"))
//   result = llm_chain.run(adjective="funny")
//   print(result)
//   print(gateway("What is MLflow?"))
//
// Run against a gateway: `node worker/node/cli.mjs start --config-path examples/langchain.yaml --port 5000`
// (GATEWAY_URI overrides the address).
import { PromptTemplate } from '@langchain/core/prompts';
import { MlflowAIGateway } from 'ai-gateway-wasm/langchain';

const gateway = new MlflowAIGateway({
  gatewayUri: process.env.GATEWAY_URI ?? 'http://127.0.0.1:5000',
  route: 'completions',
  params: {
    temperature: 0.0,
    top_p: 0.1,
  },
});

const llmChain = PromptTemplate.fromTemplate('Tell me a {adjective} joke').pipe(gateway);
const result = await llmChain.invoke({ adjective: 'funny' });
console.log(result);
console.log(await gateway.invoke('What is MLflow?'));
