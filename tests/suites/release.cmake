# The self-contained release binary (make release -> build-release/agentlens) in an empty chroot:
# same report as this build. Skipped (77) when the release binary is absent; make test-release
# builds it and runs this test.
add_test(NAME release-chroot COMMAND bash ${PROJECT_SOURCE_DIR}/scripts/test_release.sh)
set_tests_properties(release-chroot PROPERTIES ENVIRONMENT "BUILD=${CMAKE_BINARY_DIR}" TIMEOUT 120
  SKIP_RETURN_CODE 77)
# The npm packages (launcher + @agentlens/cli-linux-x64) from their tarballs, offline, into an
# empty directory: npx agentlens check and a short LSP session. Skipped (77) without the release binary.
add_test(NAME release-npm COMMAND bash ${PROJECT_SOURCE_DIR}/scripts/test_npm.sh)
set_tests_properties(release-npm PROPERTIES TIMEOUT 600 SKIP_RETURN_CODE 77)
