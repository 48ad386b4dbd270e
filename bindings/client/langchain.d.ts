// Type declarations for `ai-gateway-wasm/langchain` (peer dependency: @langchain/core).
import type { Embeddings, EmbeddingsParams } from '@langchain/core/embeddings';
import type { BaseChatModel, BaseChatModelParams } from '@langchain/core/language_models/chat_models';
import type { BaseLLMParams, LLM } from '@langchain/core/language_models/llms';
import type { BaseMessage } from '@langchain/core/messages';
import type { GatewayClient } from './client.js';

/** MLflow Params: `temperature` (0.0), `candidate_count` (1), `stop` (null), `max_tokens` (null), plus extra keys. */
export interface MlflowParams {
  temperature?: number;
  candidate_count?: number;
  stop?: string[] | null;
  max_tokens?: number | null;
  [key: string]: unknown;
}

/** Fields shared by the three classes (as LangChain's Python classes take them). */
export interface MlflowAIGatewayFields {
  /** The gateway's URL, or "databricks". */
  gatewayUri: string;
  /** The route to query. */
  route: string;
  /** Merged at the top level of every body, with MLflow's defaults (nulls included). */
  params?: MlflowParams;
  apiKey?: string;
  timeout?: number;
  maxRetries?: number;
  /** A ready client (overrides gatewayUri/apiKey/timeout). */
  client?: GatewayClient;
}

/** MLflow's Params with defaults; `undefined` → `{}` (no defaults, as in Python). */
export function mlflowParams(params?: MlflowParams): Record<string, unknown>;

/** LangChain message → `{role, content}`; function/tool messages throw. */
export function toMlflowMessage(message: BaseMessage): { role: string; content: unknown };

/** The gateway as a LangChain LLM: `{prompt, ...params}` to /gateway/{route}/invocations, reads `candidates[0].text`. */
export class MlflowAIGateway extends LLM {
  constructor(fields: MlflowAIGatewayFields & BaseLLMParams);
  gatewayUri: string;
  route: string;
  params?: MlflowParams;
  client: GatewayClient;
  _llmType(): string;
  _call(prompt: string, options: this['ParsedCallOptions']): Promise<string>;
}

/** The gateway as a LangChain chat model (streaming through /endpoints/{route}/invocations). */
export class ChatMlflowAIGateway extends BaseChatModel {
  constructor(fields: MlflowAIGatewayFields & BaseChatModelParams);
  gatewayUri: string;
  route: string;
  params?: MlflowParams;
  client: GatewayClient;
  _llmType(): string;
  _generate(messages: BaseMessage[], options: this['ParsedCallOptions']): Promise<any>;
}

/** The gateway as LangChain embeddings: `{text: [...]}` per 20 texts, reads `embeddings`. */
export class MlflowAIGatewayEmbeddings extends Embeddings {
  constructor(fields: Omit<MlflowAIGatewayFields, 'params'> & EmbeddingsParams);
  gatewayUri: string;
  route: string;
  client: GatewayClient;
  embedDocuments(texts: string[]): Promise<number[][]>;
  embedQuery(text: string): Promise<number[]>;
}
