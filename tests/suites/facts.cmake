# Facts snapshots (tests/facts/<app>/ -> tests/facts/<app>.facts.snap), the workspace index and the cache.
add_test(NAME facts COMMAND agentlens_tests --test-suite=facts --no-intro)
