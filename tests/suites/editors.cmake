# Editor clients driving the real server: the Neovim plugin (headless Neovim) and Emacs eglot.
# Each script exits 77 (skipped, with a message) only when its editor is not installed.
add_test(NAME neovim-plugin COMMAND bash ${PROJECT_SOURCE_DIR}/scripts/test_neovim.sh)
set_tests_properties(neovim-plugin PROPERTIES ENVIRONMENT "BUILD=${CMAKE_BINARY_DIR}" TIMEOUT 180
  SKIP_RETURN_CODE 77)
add_test(NAME emacs-eglot COMMAND bash ${PROJECT_SOURCE_DIR}/scripts/test_eglot.sh)
set_tests_properties(emacs-eglot PROPERTIES ENVIRONMENT "BUILD=${CMAKE_BINARY_DIR}" TIMEOUT 180
  SKIP_RETURN_CODE 77)
