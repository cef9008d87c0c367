// command-or-code-injection seen from the workspace: a console-script entry point is a
// maintenance tool its operator runs, so what it runs is judged by where the values come from.
#pragma once
#include <vector>

#include "rules/workspace/workspace_check.hpp"

namespace agentlens::rules {

/// Drops command-or-code-injection findings without request data in the modules named by a
/// pyproject's `[project.scripts]` / `[tool.poetry.scripts]` when the module reads nothing from
/// outside (no `sys.argv`, argparse/click/typer, environment or `input()`): the command is made of
/// the tool's own values. A tool that builds the command from its arguments is still reported.
void commandsInCliEntryPoints(std::vector<core::FileResult>& files, const WorkspaceView& view);

}  // namespace agentlens::rules
