// LangChain.js integrations for the gateway, mirroring LangChain's Python
// `MlflowAIGateway`, `ChatMLflowAIGateway` and `MlflowAIGatewayEmbeddings`
// (langchain_community): same constructor fields (`gatewayUri`, `route`,
// `params`), same request bodies (MLflow's Params defaults, nulls included),
// same reads (`candidates`, `embeddings`). `@langchain/core` is a peer dependency.
import { Embeddings } from '@langchain/core/embeddings';
import { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { LLM } from '@langchain/core/language_models/llms';
import { AIMessage, AIMessageChunk } from '@langchain/core/messages';
import { ChatGenerationChunk } from '@langchain/core/outputs';
import { GatewayClient } from './client.mjs';

/**
 * MLflow's `Params` with its defaults, as the Python classes send them: explicit
 * `null`s for `stop` and `max_tokens`, extra keys kept. `undefined` params → no defaults at all.
 * @param {object | undefined} params
 */
export function mlflowParams(params) {
  if (!params) return {};
  return { temperature: 0.0, candidate_count: 1, stop: null, max_tokens: null, ...params };
}

function makeClient(fields) {
  if (fields.client) return fields.client;
  return new GatewayClient({ gatewayUri: fields.gatewayUri, apiKey: fields.apiKey, timeout: fields.timeout,
    maxRetries: fields.maxRetries, env: fields.env });
}

/** Reads the text of a completions answer (`candidates` on MLflow 2.5–2.8 routes, `choices` on endpoints). */
function completionText(resp) {
  return resp.candidates?.[0]?.text ?? resp.choices?.[0]?.text;
}

/** LangChain message → MLflow `{role, content}` (function messages are rejected, as in Python). */
export function toMlflowMessage(message) {
  const type = message._getType();
  if (type === 'function' || type === 'tool') throw new Error('Function messages are not supported by the MLflow AI Gateway');
  const role = { human: 'user', ai: 'assistant', system: 'system', generic: message.role }[type] ?? type;
  return { role, content: message.content };
}

/** The MLflow AI Gateway as a LangChain LLM (completions route). */
export class MlflowAIGateway extends LLM {
  static lc_name() { return 'MlflowAIGateway'; }

  /**
   * @param {{gatewayUri: string, route: string, params?: object, apiKey?: string, timeout?: number,
   *          client?: GatewayClient} & import('@langchain/core/language_models/llms').BaseLLMParams} fields
   */
  constructor(fields) {
    super(fields ?? {});
    /** The gateway's URL (or "databricks"). */
    this.gatewayUri = fields.gatewayUri;
    /** The route (completions) to query. */
    this.route = fields.route;
    /** Parameters merged into every request body (MLflow Params). */
    this.params = fields.params;
    this.client = makeClient(fields);
  }

  _llmType() { return 'mlflow-ai-gateway'; }

  get _identifyingParams() { return { gateway_uri: this.gatewayUri, route: this.route, ...(this.params ?? {}) }; }

  /** POST /gateway/{route}/invocations with `{prompt, ...params}`; returns `candidates[0].text`. */
  async _call(prompt, options) {
    const data = { prompt, ...mlflowParams(this.params) };
    const stop = options?.stop ?? this.params?.stop;
    if (stop) data.stop = stop;
    const resp = await this.client.query(this.route, data);
    return completionText(resp);
  }
}

/** The MLflow AI Gateway as a LangChain chat model (chat route; streams via /endpoints). */
export class ChatMlflowAIGateway extends BaseChatModel {
  static lc_name() { return 'ChatMlflowAIGateway'; }

  /** @param {{gatewayUri: string, route: string, params?: object, apiKey?: string, timeout?: number, client?: GatewayClient}} fields */
  constructor(fields) {
    super(fields ?? {});
    /** The gateway's URL (or "databricks"). */
    this.gatewayUri = fields.gatewayUri;
    /** The route (chat) to query. */
    this.route = fields.route;
    /** Parameters merged into every request body (MLflow Params). */
    this.params = fields.params;
    this.client = makeClient(fields);
  }

  _llmType() { return 'mlflow-ai-gateway-chat'; }

  /** POST /gateway/{route}/invocations with `{messages, ...params}`; reads `candidates[i].message`. */
  async _generate(messages) {
    const data = { messages: messages.map(toMlflowMessage), ...mlflowParams(this.params) };
    const resp = await this.client.query(this.route, data);
    const candidates = resp.candidates ?? resp.choices ?? [];
    const generations = candidates.map((c) => {
      const content = c.message?.content ?? '';
      return { text: content, message: new AIMessage({ content, response_metadata: c.metadata ?? {} }),
        generationInfo: c.metadata ?? (c.finish_reason ? { finish_reason: c.finish_reason } : undefined) };
    });
    return { generations, llmOutput: resp.metadata ?? (resp.usage ? { usage: resp.usage } : {}) };
  }

  /** Streams POST /endpoints/{route}/invocations (`stream: true`), one chunk per delta. */
  async* _streamResponseChunks(messages, options, runManager) {
    const { candidate_count: n, ...rest } = mlflowParams(this.params);
    const params = Object.fromEntries(Object.entries({ ...rest, n }).filter(([, v]) => v !== null && v !== undefined));
    const inputs = { messages: messages.map(toMlflowMessage), ...params };
    for await (const chunk of this.client.predictStream(this.route, inputs)) {
      const choice = chunk.choices?.[0];
      const text = choice?.delta?.content ?? '';
      const generation = new ChatGenerationChunk({ text, message: new AIMessageChunk({ content: text }),
        generationInfo: choice?.finish_reason ? { finish_reason: choice.finish_reason } : undefined });
      yield generation;
      await runManager?.handleLLMNewToken(text);
    }
  }
}

/** The MLflow AI Gateway as LangChain embeddings (embeddings route; batches of 20). */
export class MlflowAIGatewayEmbeddings extends Embeddings {
  /** @param {{gatewayUri: string, route: string, apiKey?: string, timeout?: number, client?: GatewayClient}} fields */
  constructor(fields) {
    super(fields ?? {});
    /** The gateway's URL (or "databricks"). */
    this.gatewayUri = fields.gatewayUri;
    /** The route (embeddings) to query. */
    this.route = fields.route;
    this.client = makeClient(fields);
  }

  async #query(texts) {
    const out = [];
    for (let i = 0; i < texts.length; i += 20) {
      const resp = await this.caller.call(() => this.client.query(this.route, { text: texts.slice(i, i + 20) }));
      const embeddings = resp.embeddings ?? resp.data?.map((d) => d.embedding) ?? [];
      if (embeddings.length && typeof embeddings[0] === 'number') out.push(embeddings);
      else out.push(...embeddings);
    }
    return out;
  }

  /** Embeds documents: POST /gateway/{route}/invocations with `{text: [...]}` per 20 texts; reads `embeddings`. */
  embedDocuments(texts) { return this.#query(texts); }

  /** Embeds one text. */
  async embedQuery(text) { return (await this.#query([text]))[0]; }
}
