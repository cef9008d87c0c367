#include "lsp/readiness_notifier.hpp"

#include <set>

#include "lsp/server.hpp"
#include "report/json_model.hpp"

namespace agentlens::lsp {

void ReadinessNotifier::schedule() {
  // Coalesces a burst of results (the initial index) into one notification.
  if (scheduled_) return;
  scheduled_ = true;
  server_.post([this] { run(); });
}

void ReadinessNotifier::run() {
  scheduled_ = false;
  if (server_.state() != Server::State::Running) return;
  last_ = server_.computeReadiness();
  json r = report::readinessJson(*last_);
  std::string s = toWire(r);
  if (s == lastWire_) return;
  lastWire_ = std::move(s);
  server_.notify("agentlens/readinessChanged", r);
}

core::Readiness Server::computeReadiness() const {
  // Scored over the rules that run (the editor's selection), like `agentlens check`.
  std::vector<std::string> ids = selectedRules(settings_, env_.rules);
  std::set<std::string> selected(ids.begin(), ids.end());
  std::vector<core::RuleInfo> rules;
  for (const auto& r : env_.scoreRules)
    if (selected.count(r.id)) rules.push_back(r);
  // `[services]` applies when the workspace is one project (paths are relative to its root).
  core::ServiceOptions services;
  if (projects_.size() == 1) services = projects_.begin()->second->serviceOptions();
  return workspace_->readiness(std::move(rules), services);
}

json Server::readiness() const { return report::readinessJson(computeReadiness()); }

}  // namespace agentlens::lsp
