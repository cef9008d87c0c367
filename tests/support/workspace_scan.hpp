// Workspace tests: scan a small project tree with some rules, then apply the cross-file knowledge
// between them, as `agentlens check` does for a workspace.
#pragma once
#include <filesystem>
#include <vector>

#include "core/scan.hpp"
#include "rules/rule.hpp"
#include "rules/workspace/workspace_check.hpp"

namespace agentlens::testing {

/// Reads files under `root` by workspace-relative path; nullopt when there is no such file.
rules::WorkspaceView::Reader fileReader(const std::filesystem::path& root);

/// Scans `root` with `enabled` (one thread) and applies the cross-file knowledge between them.
core::ScanResult scanWithCrossFileKnowledge(const std::filesystem::path& root,
                                            const std::vector<const rules::Rule*>& enabled);

}  // namespace agentlens::testing
