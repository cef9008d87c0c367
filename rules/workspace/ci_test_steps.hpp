// Does a CI step run the tests? Directly (`pytest`, `npm test`, `go test`, `manage.py test`),
// through a test script (`./scripts/test`, `bash scripts/run-tests.sh`) or through a Makefile
// target whose recipe (or prerequisite) runs them (`make ci` -> `ci: lint test`).
#pragma once
#include <string_view>

#include "rules/workspace/workspace_check.hpp"

namespace agentlens::rules {

/// The command itself runs a test runner.
bool runsTestRunner(std::string_view cmd);

/// The command runs the tests, directly, by a test script, or by a Makefile target.
bool ciStepRunsTests(const WorkspaceView& view, std::string_view cmd);

}  // namespace agentlens::rules
