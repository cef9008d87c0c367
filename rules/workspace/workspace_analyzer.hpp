// The analyzer the language server runs: file rules (an Engine or any core::Analyzer) plus the
// workspace checks, so core::Workspace can judge a whole root without knowing about rules.
#pragma once
#include <memory>
#include <vector>

#include "core/analyzer.hpp"
#include "rules/workspace/workspace_check.hpp"

namespace agentlens::rules {

class WorkspaceAnalyzer final : public core::Analyzer {
 public:
  /// `checks` must outlive the analyzer (built-in checks are static).
  WorkspaceAnalyzer(std::shared_ptr<const core::Analyzer> files, std::vector<const WorkspaceCheck*> checks);

  [[nodiscard]] core::FileResult analyze(const core::ParsedFile& file) const override;
  [[nodiscard]] std::string fingerprint() const override;
  void analyzeWorkspace(std::vector<core::FileResult>& files, const SourceReader& read,
                        const core::ServiceOptions& services) const override;

 private:
  std::shared_ptr<const core::Analyzer> files_;
  std::vector<const WorkspaceCheck*> checks_;
};

}  // namespace agentlens::rules
