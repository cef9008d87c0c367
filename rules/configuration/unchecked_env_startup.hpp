// unchecked-env-config seen from the workspace: one unset variable is one gap, fixed where the
// service starts.
#pragma once
#include <vector>

#include "rules/workspace/workspace_check.hpp"

namespace agentlens::rules {

/// When a module that creates the app object or starts the service (Python or JS/TS) reports an
/// unchecked read of X in a top-level statement, that start-up read is where X must be required:
/// the reports of X in the files under that module's folder (handlers that read X again) are
/// the same gap and are dropped. Reads of X with no start-up report, and reads of other
/// variables, are still reported.
void envGapsReportedAtStartup(std::vector<core::FileResult>& files, const WorkspaceView& view);

}  // namespace agentlens::rules
