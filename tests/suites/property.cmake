# Property tests: random edit sequences against Document and incremental reparsing.
add_test(NAME property COMMAND agentlens_tests --test-suite=property --no-intro)
