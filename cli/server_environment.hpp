// What `agentlens lsp` wires into the language server (lsp/ knows only core): the built-in rules'
// docs, the analyzer factory for files outside every root, and one project::Project per root
// (config files, custom rules, baseline). Header-only so the in-process LSP tests use exactly
// the same environment as the binary.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "lsp/settings.hpp"
#include "project/project.hpp"
#include "rules/engine.hpp"
#include "rules/registry.hpp"

namespace agentlens::cli {

inline lsp::ServerEnvironment serverEnvironment() {
  lsp::ServerEnvironment env;
  for (const rules::Rule* r : rules::allRules()) {
    const auto& m = r->meta();
    env.rules.push_back({std::string(m.id), std::string(core::categoryName(m.category)), std::string(m.summary),
                         std::string(m.docs)});
  }
  env.makeAnalyzer = [](const std::vector<std::string>& ids) -> std::shared_ptr<const core::Analyzer> {
    std::vector<const rules::Rule*> selected;
    for (const auto& id : ids)
      if (const rules::Rule* r = rules::findRule(id)) selected.push_back(r);
    return std::make_shared<rules::Engine>(std::move(selected));
  };
  env.openProject = [](const std::string& root, const core::ConfigLayer& client) -> std::shared_ptr<core::ProjectModel> {
    project::ProjectOptions po;
    po.root = root;
    po.cli = client;
    return std::make_shared<project::Project>(std::move(po));
  };
  return env;
}

}  // namespace agentlens::cli
