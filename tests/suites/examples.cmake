# The shipped example apps: the prototype reports its gaps, the hardened twin stays silent.
add_test(NAME examples COMMAND agentlens_tests --test-suite=examples --no-intro)
