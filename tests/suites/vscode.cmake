add_test(NAME vscode COMMAND bash ${PROJECT_SOURCE_DIR}/scripts/test_vscode.sh)
set_tests_properties(vscode PROPERTIES ENVIRONMENT "BUILD=${CMAKE_BINARY_DIR}" TIMEOUT 600)
# The real-VS-Code test: the .vsix in code-server driven by headless Chromium
# (scripts/test_vscode_real.sh). Skips (77) without its tools; `make test-vscode` installs them.
add_test(NAME vscode-real COMMAND bash ${PROJECT_SOURCE_DIR}/scripts/test_vscode_real.sh)
set_tests_properties(vscode-real PROPERTIES ENVIRONMENT "BUILD=${CMAKE_BINARY_DIR}" TIMEOUT 300
  SKIP_RETURN_CODE 77 LABELS vscode-real RUN_SERIAL ON)
