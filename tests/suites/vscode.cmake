add_test(NAME vscode COMMAND bash ${PROJECT_SOURCE_DIR}/scripts/test_vscode.sh)
set_tests_properties(vscode PROPERTIES ENVIRONMENT "BUILD=${CMAKE_BINARY_DIR}" TIMEOUT 600)
