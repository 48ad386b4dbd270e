// The HTTP calls MLflow's Python clients make, with fetch: run this against `npm start` to see
// that an MLflow (or LangChain-on-MLflow) application can point at this gateway unchanged.
//   npm start                          # in one terminal
//   node examples/mlflow-client.mjs    # in another (GATEWAY=http://host:port to point elsewhere)
//
//   MLflow 2.9+: mlflow.deployments.get_deploy_client("http://127.0.0.1:5000")
//     .list_endpoints()  GET  /api/2.0/endpoints/ (follows next_page_token)
//     .get_endpoint(n)   GET  /api/2.0/endpoints/{n}
//     .predict(n, data)  POST /endpoints/{n}/invocations   body = data, verbatim
//   MLflow 2.5-2.8: mlflow.gateway.MlflowGatewayClient("http://127.0.0.1:5000")
//     .search_routes()   GET  /api/2.0/gateway/routes/
//     .get_route(n)      GET  /api/2.0/gateway/routes/{n}
//     .query(n, data)    POST /gateway/{n}/invocations
//   LangChain: ChatMlflow / Mlflow / MlflowEmbeddings call predict() with the bodies below.
const gateway = process.env.GATEWAY ?? 'http://127.0.0.1:5000';

async function call(method, path, body) {
  const res = await fetch(gateway + path, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** get_deploy_client(target).list_endpoints() */
async function listEndpoints() {
  const all = [];
  let token;
  do {
    const page = await call('GET', `/api/2.0/endpoints/${token ? `?page_token=${token}` : ''}`);
    all.push(...page.endpoints);
    token = page.next_page_token;
  } while (token);
  return all;
}

/** get_deploy_client(target).predict(endpoint, inputs) */
const predict = (endpoint, inputs) => call('POST', `/endpoints/${endpoint}/invocations`, inputs);

console.log('list_endpoints:', (await listEndpoints()).map((e) => `${e.name} (${e.endpoint_type})`));
console.log('get_endpoint:', await call('GET', '/api/2.0/endpoints/chat'));

// langchain_community.chat_models.ChatMlflow(target_uri, endpoint="chat").invoke("Hi")
const chat = await predict('chat', {
  messages: [{ role: 'user', content: 'Hi from ChatMlflow' }], temperature: 0.0, n: 1,
});
console.log('predict chat:', chat.choices[0].message.content);

// langchain_community.llms.Mlflow(target_uri, endpoint="completions").invoke("Hello")
const completion = await predict('completions', {
  prompt: 'Hello from llms.Mlflow', temperature: 0.0, n: 1, max_tokens: null,
});
console.log('predict completions:', completion.choices[0].text);

// langchain_community.embeddings.MlflowEmbeddings(target_uri, endpoint="embeddings")
const embeddings = await predict('embeddings', { input: ['first document', 'second document'] });
console.log('predict embeddings:', embeddings.data.map((d) => d.embedding.length), 'dimensions');

// MLflow 2.5-2.8 client: MlflowGatewayClient(gateway_uri)
const routes = await call('GET', '/api/2.0/gateway/routes/');
console.log('search_routes:', routes.routes.map((r) => r.name));
console.log('get_route:', await call('GET', '/api/2.0/gateway/routes/completions'));
// query() on a route: a `routes:` (2.5-2.8) config answers {"candidates": ...}; an `endpoints:`
// config answers the 2.9+ shape on the same path.
const queried = await call('POST', '/gateway/completions/invocations', { prompt: 'Hello from query()' });
console.log('query:', JSON.stringify(queried.candidates ?? queried.choices));
