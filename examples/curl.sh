#!/usr/bin/env bash
# Every kind of call the gateway answers, with curl, against `npm start` (examples/config.yaml):
#   npm start            # in one terminal
#   bash examples/curl.sh   # in another (GATEWAY=http://host:port to point elsewhere)
set -euo pipefail
GATEWAY="${GATEWAY:-http://127.0.0.1:5000}"

run() {  # prints the command (quoted for copy and paste), then its answer
  printf '\n$'
  for arg in "$@"; do
    case "$arg" in *[[:space:]\"{}]*) printf " '%s'" "$arg" ;; *) printf ' %s' "$arg" ;; esac
  done
  printf '\n'
  "$@"
  echo
}

# MLflow 2.9+ (get_deploy_client): POST /endpoints/{name}/invocations
run curl -sS "$GATEWAY/endpoints/chat/invocations" \
  -H 'content-type: application/json' \
  -d '{"messages": [{"role": "user", "content": "Hello!"}]}'

run curl -sS "$GATEWAY/endpoints/completions/invocations" \
  -H 'content-type: application/json' \
  -d '{"prompt": "Say hello", "max_tokens": 20}'

run curl -sS "$GATEWAY/endpoints/embeddings/invocations" \
  -H 'content-type: application/json' \
  -d '{"input": ["hello", "world"]}'

# Streaming (server-sent events; -N: print each event as it arrives)
run curl -sS -N "$GATEWAY/endpoints/chat/invocations" \
  -H 'content-type: application/json' \
  -d '{"messages": [{"role": "user", "content": "Stream this"}], "stream": true}'

# OpenAI-compatible: POST /v1/... with "model" = the endpoint name
run curl -sS "$GATEWAY/v1/chat/completions" \
  -H 'content-type: application/json' \
  -d '{"model": "chat", "messages": [{"role": "user", "content": "Hello from /v1"}]}'

run curl -sS "$GATEWAY/v1/embeddings" \
  -H 'content-type: application/json' \
  -d '{"model": "embeddings", "input": "hello"}'

# MLflow 2.5-2.8 path (MlflowGatewayClient.query)
run curl -sS "$GATEWAY/gateway/completions/invocations" \
  -H 'content-type: application/json' \
  -d '{"prompt": "Hello from the 2.5 path"}'

# Metadata
run curl -sS "$GATEWAY/health"
run curl -sS "$GATEWAY/api/2.0/endpoints/"
run curl -sS "$GATEWAY/v1/models"
