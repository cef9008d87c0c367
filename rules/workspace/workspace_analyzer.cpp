#include "rules/workspace/workspace_analyzer.hpp"

namespace agentlens::rules {

WorkspaceAnalyzer::WorkspaceAnalyzer(std::shared_ptr<const core::Analyzer> files,
                                     std::vector<const WorkspaceCheck*> checks)
    : files_(std::move(files)), checks_(std::move(checks)) {}

core::FileResult WorkspaceAnalyzer::analyze(const core::ParsedFile& file) const { return files_->analyze(file); }

std::string WorkspaceAnalyzer::fingerprint() const {
  // File results do not depend on the checks, but the fingerprint names the whole rule set.
  std::string fp = files_->fingerprint() + "|checks:";
  for (const WorkspaceCheck* c : checks_) {
    fp += c->meta().id;
    fp += ',';
  }
  return fp;
}

void WorkspaceAnalyzer::analyzeWorkspace(std::vector<core::FileResult>& files, const SourceReader& read) const {
  if (checks_.empty() || files.empty()) return;
  runWorkspaceChecks(files, read, checks_);
}

}  // namespace agentlens::rules
