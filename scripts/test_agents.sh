#!/usr/bin/env bash
# The coding-agent integration tests: the official MCP TypeScript SDK client (tests/agents,
# versions pinned by its package-lock.json) driving the real `agentlens mcp` binary.
# npm dependencies are installed by `scripts/setup.sh --test`; when they are missing or older than
# the lockfile they are installed here (npm ci; the npm registry must be reachable then).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="$(cd "${BUILD:-$root/build}" && pwd)"
[[ -x "$build/agentlens" ]] || { echo "test_agents: $build/agentlens missing: build first" >&2; exit 2; }
cd "$root/tests/agents"
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2
fi
AGENTLENS_BINARY="$build/agentlens" AGENTLENS_SOURCE_DIR="$root" \
  node --test --test-reporter=spec mcp_client.test.mjs
