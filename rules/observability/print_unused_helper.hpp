// print-instead-of-logging seen from the package: a Go helper nothing calls never prints.
#pragma once
#include <vector>

#include "rules/workspace/workspace_check.hpp"

namespace agentlens::rules {

/// Drops print-instead-of-logging findings inside an unexported top-level Go function
/// (`func logstr(...)`, not a method) whose name appears nowhere else in its package (the .go
/// files of its folder, tests included): dead code, as staticcheck's U1000 reports it.
void printsInUnusedGoHelpers(std::vector<core::FileResult>& files, const WorkspaceView& view);

}  // namespace agentlens::rules
