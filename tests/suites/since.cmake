# The CLI's git helpers for `check --since` (cli/since.cpp) are unit-tested (tests/unit/
# since_diff_test.cpp); the rest of cli/ is tested end to end through the binary.
target_sources(agentlens_tests PRIVATE ${PROJECT_SOURCE_DIR}/cli/since.cpp)
