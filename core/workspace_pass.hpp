// The pass over one root that follows the per-file analysis, shared by `agentlens check`
// (project/project_scan.cpp) and the language server (core/workspace.cpp): the analyzer's
// workspace analysis — cross-file knowledge applied to the files' findings (dropping, adjusting
// or adding them: a route protected by a mount in another file, `trust proxy` set in the module
// that builds the app) and then the workspace checks — followed by the configuration of the file
// each finding is anchored at. One function, so the editor and CI cannot disagree about it.
//
// The server also needs to replay the pass over findings newer than the ones it judged (the user
// typed since): FindingDelta is what the pass changed in one file, and applyDelta re-applies it.
#pragma once
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/analyzer.hpp"

namespace agentlens::core {

struct ServiceOptions;

/// The effective configuration of a root's file (nullptr: defaults).
using WorkspaceConfigLookup = std::function<std::shared_ptr<const FileConfig>(const FileResult&)>;

/// Runs the pass over one root's files (paths relative to the root, each with its findings and
/// facts). The findings the pass adds in a file that the configuration excludes, or of rules it
/// disables there, are removed afterwards (the findings handed in obey it already). Thread-safe
/// as Analyzer::analyzeWorkspace.
void runWorkspacePass(const Analyzer& analyzer, std::vector<FileResult>& files, const Analyzer::SourceReader& read,
                      const ServiceOptions& services, const WorkspaceConfigLookup& configOf);

/// What the pass did to one file's findings. Findings are matched by rule and byte range (the
/// pass adjusts severity, confidence and message in place; it never moves a finding).
struct FindingDelta {
  std::vector<Finding> removed;                        ///< as they were handed in
  std::vector<std::pair<Finding, Finding>> adjusted;   ///< (as handed in, as the pass left it)
  std::vector<Finding> added;                          ///< new findings (line-anchored)
  [[nodiscard]] bool empty() const { return removed.empty() && adjusted.empty() && added.empty(); }
};

/// The delta between a file's findings before and after the pass (each list in file order).
FindingDelta diffFindings(const std::vector<Finding>& before, const std::vector<Finding>& after);

/// Re-applies `delta`'s removals and adjustments to `findings` (not its additions): a finding
/// matches one the delta names when rule and message agree and it sits at the same range, or —
/// when `sameLine` is given (the text changed since the pass) — on the line sameLine maps the
/// named finding's line to. Unmatched entries are ignored (the next pass judges the new text).
void applyDelta(std::vector<Finding>& findings, const FindingDelta& delta,
                const std::function<std::optional<std::uint32_t>(std::uint32_t line)>* mapLine = nullptr);

}  // namespace agentlens::core
