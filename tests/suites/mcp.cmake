# The MCP server for coding agents: in-process protocol and tool tests (tests/mcp), and the real
# TypeScript SDK client driving `agentlens mcp` (tests/agents, npm deps pinned by its lockfile).
add_test(NAME mcp COMMAND agentlens_tests --test-suite=mcp --no-intro)
set_tests_properties(mcp PROPERTIES ENVIRONMENT "AGENTLENS_CACHE_DIR=${CMAKE_BINARY_DIR}/test-cache")
add_test(NAME mcp-agents COMMAND bash ${PROJECT_SOURCE_DIR}/scripts/test_agents.sh)
set_tests_properties(mcp-agents PROPERTIES ENVIRONMENT "BUILD=${CMAKE_BINARY_DIR}" TIMEOUT 300 LABELS agents)
# Agent hooks (claude-code, cursor, generic) through the real binary with documented payloads.
add_test(NAME hooks COMMAND agentlens_tests --test-suite=hooks --no-intro)
set_tests_properties(hooks PROPERTIES ENVIRONMENT "AGENTLENS_CACHE_DIR=${CMAKE_BINARY_DIR}/test-cache")
