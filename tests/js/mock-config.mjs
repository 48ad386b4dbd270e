// A config served entirely by the built-in mock provider (no keys, no network),
// for tests that need the three endpoint types without examples/config.yaml's extras.

/** chat, completions and embeddings (8 dimensions) on the mock provider, MLflow 2.9+ style. */
export const MOCK_CONFIG = `endpoints:
  - name: chat
    endpoint_type: llm/v1/chat
    model: {provider: mock, name: mock-chat}
  - name: completions
    endpoint_type: llm/v1/completions
    model: {provider: mock, name: mock-completions}
  - name: embeddings
    endpoint_type: llm/v1/embeddings
    model:
      provider: mock
      name: mock-embeddings
      config: {embedding_dimensions: 8}
`;
