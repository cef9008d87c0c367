add_test(NAME html COMMAND agentlens_tests --test-suite=html --no-intro)
