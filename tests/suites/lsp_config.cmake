# The language server under project configuration (.agentlens.toml, reload, broken config,
# suppression round trip, baseline): in-process sessions.
add_test(NAME lsp-config COMMAND agentlens_tests --test-suite=lsp-config --no-intro)
