// Running git for change-based checks (MCP `check_change`, `findings changed_since`, agent hooks):
// no shell, stdin from /dev/null, output captured. Refs from callers are verified with
// `rev-parse --end-of-options` before use, so a ref can never be read as an option.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace agentlens::project {

struct GitResult {
  int status = -1;  ///< exit status; -1 when git could not be run
  std::string out;
  std::string err;
};

/// Runs `git -C dir ARGS...` and waits for it.
GitResult runGit(const std::string& dir, const std::vector<std::string>& args);

/// The commit `ref` names, as 40 hex digits, or nullopt with `error` set ("not a git work
/// tree", "unknown git ref 'x'"). Refs starting with '-' are refused.
std::optional<std::string> resolveCommit(const std::string& dir, const std::string& ref, std::string& error);

/// Files under `dir` (relative to it, '/'-separated) that differ from `commit` in the working
/// tree: modified, added, deleted, and untracked files that are not ignored. Sorted, unique.
std::optional<std::vector<std::string>> changedFiles(const std::string& dir, const std::string& commit, std::string& error);

/// Splits NUL-separated git output (`-z`).
std::vector<std::string> splitNul(const std::string& out);

}  // namespace agentlens::project
