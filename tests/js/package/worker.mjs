// A minimal worker importing the installed package (bundled by wrangler: `workerd` condition).
import { createGateway } from 'ai-gateway-wasm';

const config = 'endpoints:\n  - name: chat\n    endpoint_type: llm/v1/chat\n    model: {provider: mock, name: m}\n';
let gateway;

export default {
  async fetch(request) {
    gateway ??= await createGateway({ config });
    return gateway.handle(request);
  },
};
