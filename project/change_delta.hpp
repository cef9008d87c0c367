// What a change did to a project: the findings it introduced and fixed against a git ref, and the
// readiness before and after. "Before" is the working tree with the changed files put back as
// they are at the ref (read with `git show REF:path` into a temporary copy of the project), so
// both sides are scanned by the same project scan (scanProject + finishScan) and files the
// change did not touch hit the result cache. Findings are matched by the baseline's fingerprint
// (rule, file, normalised source line), so lines that merely moved are neither new nor fixed.
// Used by the MCP server's `check_change` and by the agent hooks.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/finding.hpp"
#include "core/score/readiness.hpp"
#include "project/project_scan.hpp"

namespace agentlens::project {

struct ChangeRequest {
  std::string root;         ///< the project root: an absolute directory inside a git work tree
  std::string ref = "HEAD";
  /// Files of the change, relative to `root`; empty = every file that differs from the ref in
  /// the working tree (untracked files included).
  std::vector<std::string> files;
  ScanSettings settings;
};

struct ChangeDelta {
  std::string commit;                 ///< the ref, resolved
  std::vector<std::string> files;     ///< the changed files compared (relative to the root)
  std::vector<core::Finding> introduced;  ///< open findings the change added (paths relative to the root)
  std::vector<core::Finding> fixed;       ///< open findings at the ref that are gone
  core::Readiness before, after;
};

/// nullopt with `error` set when the root is not in a git work tree, the ref is unknown, or a
/// scan failed.
std::optional<ChangeDelta> changeDelta(const ChangeRequest& req, std::string& error);

}  // namespace agentlens::project
