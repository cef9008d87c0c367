#include "cli/builtin_env.hpp"

#include "project/project.hpp"
#include "core/config/config.hpp"
#include "rules/engine.hpp"
#include "rules/readiness_info.hpp"
#include "rules/registry.hpp"
#include "rules/workspace/workspace_analyzer.hpp"

namespace agentlens::cli {

lsp::ServerEnvironment builtinServerEnvironment() {
  lsp::ServerEnvironment env;
  auto add = [&](const rules::RuleMeta& m) {
    env.rules.push_back({std::string(m.id), std::string(core::categoryName(m.category)), std::string(m.summary),
                         std::string(m.docs)});
  };
  std::vector<const rules::Rule*> all(rules::allRules().begin(), rules::allRules().end());
  for (const rules::Rule* r : all) add(r->meta());
  for (const rules::WorkspaceCheck* c : rules::allWorkspaceChecks()) add(c->meta());
  // The tool's own diagnostics (invalid config, suppressions) are not scored, as in `check`.
  std::vector<const rules::Rule*> scored;
  for (const rules::Rule* r : all)
    if (!core::isToolDiagnostic(r->meta().id)) scored.push_back(r);
  env.scoreRules = rules::ruleInfos(scored);
  for (const rules::WorkspaceCheck* c : rules::allWorkspaceChecks()) env.scoreRules.push_back(rules::checkInfo(c->meta()));
  env.makeAnalyzer = [](const std::vector<std::string>& ids) -> std::shared_ptr<const core::Analyzer> {
    std::vector<const rules::Rule*> selected;
    std::vector<const rules::WorkspaceCheck*> checks;
    for (const auto& id : ids) {
      if (const rules::Rule* r = rules::findRule(id)) selected.push_back(r);
      else if (const rules::WorkspaceCheck* c = rules::findWorkspaceCheck(id)) checks.push_back(c);
    }
    return std::make_shared<rules::WorkspaceAnalyzer>(std::make_shared<rules::Engine>(std::move(selected)),
                                                      std::move(checks));
  };
  // One project per workspace root: config files, custom rules and the baseline, as `check`.
  env.openProject = [](const std::string& root, const core::ConfigLayer& client) -> std::shared_ptr<core::ProjectModel> {
    project::ProjectOptions po;
    po.root = root;
    po.cli = client;
    return std::make_shared<project::Project>(std::move(po));
  };
  return env;
}

}  // namespace agentlens::cli
