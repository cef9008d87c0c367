# Facts snapshots (tests/facts/<app>/ -> tests/facts/<app>.facts.snap), the workspace index and the cache.
add_test(NAME facts COMMAND agentlens_tests --test-suite=facts --no-intro)
# `agentlens check` run by the tests caches under the build tree, never in the user's cache.
set_tests_properties(unit rules cli facts PROPERTIES ENVIRONMENT "AGENTLENS_CACHE_DIR=${CMAKE_BINARY_DIR}/test-cache")
