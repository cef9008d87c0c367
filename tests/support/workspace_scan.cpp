// Workspace tests: scan plus cross-file knowledge (see workspace_scan.hpp).
#include "support/workspace_scan.hpp"

#include "rules/engine.hpp"
#include "support/fixture.hpp"

namespace agentlens::testing {

namespace fs = std::filesystem;

rules::WorkspaceView::Reader fileReader(const fs::path& root) {
  return [root](const std::string& rel) -> std::optional<std::string> {
    fs::path p = root / rel;
    if (!fs::is_regular_file(p)) return std::nullopt;
    return readText(p);
  };
}

core::ScanResult scanWithCrossFileKnowledge(const fs::path& root, const std::vector<const rules::Rule*>& enabled) {
  rules::Engine engine(enabled);
  core::ScanOptions opts;
  opts.threads = 1;
  auto result = core::scan({root.string()}, engine, opts);
  rules::applyCrossFileKnowledge(result.files, fileReader(root), enabled);
  return result;
}

}  // namespace agentlens::testing
