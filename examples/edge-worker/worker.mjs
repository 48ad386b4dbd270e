import { createGateway } from 'ai-gateway-wasm';

const config = `
endpoints:
  - name: chat
    endpoint_type: llm/v1/chat
    model: {provider: mock, name: mock-chat}
`;
let gateway;

export default {
  async fetch(request, env) {
    gateway ??= await createGateway({ config, env }); // once per isolate, inside a request
    return gateway.handle(request);
  },
};
