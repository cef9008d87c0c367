# Hostile input for `agentlens check` (huge, deep, binary, looping input): the real binary.
add_test(NAME hostile COMMAND agentlens_tests --test-suite=hostile --no-intro)
# ~25 s on a loaded 2-core machine since rules stop below 1,000 levels of nesting (rules/engine.cpp).
set_tests_properties(hostile PROPERTIES TIMEOUT 900 LABELS hostile)
