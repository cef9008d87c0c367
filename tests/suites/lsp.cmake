# The language server: in-process sessions, wire transcripts through the real binary, Neovim.
add_test(NAME lsp COMMAND agentlens_tests --test-suite=lsp --no-intro)
# Latency on a 5,000-line file (prints median/p99; loose bounds only).
add_test(NAME lsp-latency COMMAND agentlens_tests --test-suite=lsp-latency --no-intro)
