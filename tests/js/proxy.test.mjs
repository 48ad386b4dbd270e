// MLflow 3's raw proxy, /gateway/proxy/{endpoint}/{path...}, on both hosts: what
// MLflow documents for coding agents (ANTHROPIC_BASE_URL=.../gateway/proxy/{endpoint},
// openai_base_url=.../gateway/proxy/{endpoint}/v1). The request goes to the endpoint's
// provider as it came (method, path, query, body — the client's `model` included),
// with the endpoint's key instead of the client's; the answer comes back as it is.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { chatAnswer, startFakeProvider } from './fake-provider.mjs';
import { startNodeHost, startWorkerdHost } from './hosts.mjs';
import { httpConfig, KEY } from './http-cases.mjs';

const ANTHROPIC_KEY = 'sk-ant-provider-0123456789';
const GATEWAY_KEY = 'gw-team-secret';

const config = (fakeUrl) => `auth:
  keys:
    - {name: team, key: ${GATEWAY_KEY}}
${httpConfig(fakeUrl).replace('endpoints:\n', 'endpoints:\n')}  - name: claude
    endpoint_type: llm/v1/chat
    model:
      provider: anthropic
      name: claude-sonnet-4-5
      config: {anthropic_api_key: $ANTHROPIC_KEY, api_base: "${fakeUrl}/v1"}
  - name: bedrock-claude
    endpoint_type: llm/v1/chat
    model:
      provider: bedrock
      name: anthropic.claude-3-5-sonnet-20240620-v1:0
      config: {aws_config: {aws_region: us-east-1, aws_access_key_id: AKIDEXAMPLE, aws_secret_access_key: secret}}
`;

for (const [name, startHost] of [['Node', startNodeHost], ['workerd', startWorkerdHost]]) {
  describe(`/gateway/proxy on the ${name} host`, () => {
    let fake;
    let host;
    before(async () => {
      fake = await startFakeProvider();
      host = await startHost({ config: config(fake.url), env: { OPENAI_API_KEY: KEY, ANTHROPIC_KEY } });
    });
    after(async () => {
      await host?.stop();
      await fake?.close();
    });

    it('Claude Code style: the Anthropic SDK with base URL /gateway/proxy/claude, streamed', async () => {
      const client = new Anthropic({ baseURL: `${host.url}/gateway/proxy/claude`, apiKey: GATEWAY_KEY, maxRetries: 0 });
      const params = { model: 'claude-opus-4-6', max_tokens: 64, messages: [{ role: 'user', content: 'Hello' }],
        system: [{ type: 'text', text: 'x', cache_control: { type: 'ephemeral' } }] };
      const final = await client.beta.messages.stream({ ...params, betas: ['claude-code-20250219'] }).finalMessage();
      assert.equal(final.content[0].text, 'Hello from fake Claude');
      const seen = fake.last();
      assert.equal(seen.path.split('?')[0], '/v1/messages');
      assert.equal(seen.raw, JSON.stringify({ ...params, stream: true }));  // the client's model too
      assert.equal(seen.headers['x-api-key'], ANTHROPIC_KEY);
      assert.equal(seen.headers['anthropic-beta'], 'claude-code-20250219');
      assert.equal(seen.headers.authorization, undefined);
    });

    it('Codex style: the OpenAI SDK with base URL /gateway/proxy/chat/v1', async () => {
      const client = new OpenAI({ baseURL: `${host.url}/gateway/proxy/chat/v1`, apiKey: GATEWAY_KEY, maxRetries: 0 });
      const { data, response } = await client.chat.completions.create({ model: 'gpt-5',
        messages: [{ role: 'user', content: 'Hi' }] }).withResponse();
      assert.deepEqual(data, chatAnswer('gpt-5'));  // the upstream's answer as it is
      assert.equal(response.headers.get('x-gateway-endpoint'), 'chat');
      assert.equal(fake.last().path, '/v1/chat/completions');
      assert.equal(fake.last().headers.authorization, `Bearer ${KEY}`);
      assert.equal(fake.last().body.model, 'gpt-5');
    });

    it('any method and path; an upstream error comes back unchanged', async () => {
      const res = await fetch(`${host.url}/gateway/proxy/chat/v1/files/f-1?purpose=x`, {
        method: 'DELETE', headers: { authorization: `Bearer ${GATEWAY_KEY}` } });
      assert.equal(res.status, 404);
      assert.deepEqual(await res.json(), { error: { message: 'no such path' } });
      assert.equal(fake.last().method, 'DELETE');
      assert.equal(fake.last().path, '/v1/files/f-1?purpose=x');
    });

    it('gateway keys and unknown endpoints answer as MLflow does; Bedrock says why it cannot', async () => {
      const denied = await fetch(`${host.url}/gateway/proxy/chat/v1/models`);
      assert.equal(denied.status, 401);
      const auth = { authorization: `Bearer ${GATEWAY_KEY}` };
      const missing = await fetch(`${host.url}/gateway/proxy/nope/v1/models`, { headers: auth });
      assert.equal(missing.status, 404);
      assert.match((await missing.json()).detail, /endpoint 'nope' is not present/);
      const bedrock = await fetch(`${host.url}/gateway/proxy/bedrock-claude/model/x/invoke`, { method: 'POST', headers: auth, body: '{}' });
      assert.equal(bedrock.status, 501);
      assert.match((await bedrock.json()).detail, /cannot sign requests for Amazon Bedrock/);
    });
  });
}
