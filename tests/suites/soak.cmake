# Soak: 100,000 random edits through the real server over stdio (tests/lsp/soak_test.cpp);
# AGENTLENS_SOAK_EDITS / AGENTLENS_SOAK_SEED change its length and its random sequence.
add_test(NAME soak COMMAND agentlens_tests --test-suite=soak --no-intro)
set_tests_properties(soak PROPERTIES TIMEOUT 1200 LABELS soak)
