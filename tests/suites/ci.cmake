# action.yml, its job-summary script and the pre-commit hook (no GitHub, no pre-commit needed).
add_test(NAME ci-integrations COMMAND bash ${PROJECT_SOURCE_DIR}/scripts/test_ci_integrations.sh)
set_tests_properties(ci-integrations PROPERTIES ENVIRONMENT "BUILD=${CMAKE_BINARY_DIR}" TIMEOUT 120)
