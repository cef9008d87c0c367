// print-instead-of-logging seen from the workspace: a function the project exposes as a command
// is a main(), and what it prints is the command's output.
#pragma once
#include <vector>

#include "rules/workspace/workspace_check.hpp"

namespace agentlens::rules {

/// Drops print-instead-of-logging findings inside the Python functions the project declares as
/// commands run from a shell: console-script entry points (`[project.scripts]`,
/// `[tool.poetry.scripts]`: `name = "pkg.mod:func"`) and Django shell helpers
/// (`SHELL_PLUS_IMPORTS = ["from pkg.mod import func"]`). Only the named function's own body is
/// silenced: helpers it calls, and the module's other functions, are still judged.
void printsInShellEntryPoints(std::vector<core::FileResult>& files, const WorkspaceView& view);

}  // namespace agentlens::rules
