#include "rules/workspace/workspace_analyzer.hpp"

#include "rules/engine.hpp"

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

void WorkspaceAnalyzer::analyzeWorkspace(std::vector<core::FileResult>& files, const SourceReader& read,
                                         const core::ServiceOptions& services) const {
  if (files.empty()) return;
  // Cross-file knowledge for the file rules in use (the server hands over facts, not findings:
  // what it adds here are the cross-file findings, e.g. `python app.py` launching app.run()).
  if (const auto* engine = dynamic_cast<const Engine*>(files_.get()))
    applyCrossFileKnowledge(files, read, engine->rules());
  if (checks_.empty()) return;
  runWorkspaceChecks(files, read, checks_);
  addPerServiceFindings(files, read, checks_, services);
}

}  // namespace agentlens::rules
