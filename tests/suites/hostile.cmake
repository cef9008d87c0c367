# Hostile input for `agentlens check` (huge, deep, binary, looping input): the real binary.
add_test(NAME hostile COMMAND agentlens_tests --test-suite=hostile --no-intro)
set_tests_properties(hostile PROPERTIES TIMEOUT 1800 LABELS slow)  # make test-hostile; not in make test
