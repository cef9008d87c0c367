// textDocument/codeAction: quick fixes, suppressions and docs for the diagnostics in the
// request's context, plus source.fixAll.agentlens (Safe fixes only).
#include "lsp/code_actions.hpp"
#include "lsp/handlers/handlers.hpp"
#include "lsp/protocol/basic.hpp"
#include "lsp/server.hpp"

#include <set>

namespace agentlens::lsp::handlers {
namespace {
/// LSP kind filtering: "source" admits "source.fixAll.agentlens".
bool kindWanted(const std::optional<Field>& only, std::string_view kind) {
  if (!only) return true;
  for (std::size_t i = 0; i < only->size(); ++i) {
    std::string o = only->at(i).str();
    if (kind == o || (kind.size() > o.size() && kind.starts_with(o) && kind[o.size()] == '.')) return true;
  }
  return false;
}
}  // namespace

std::optional<json> codeAction(Call& c) {
  std::string path = c.server.pathOf(c.params["textDocument"]["uri"]);
  (void)parseRange(c.params["range"]);
  auto context = c.params["context"];
  auto only = context.opt("only");
  auto diagnostics = context["diagnostics"];
  json out = json::array();
  if (kindWanted(only, "quickfix")) {
    std::set<std::string> planRules;
    for (std::size_t i = 0; i < diagnostics.size(); ++i) {
      json d = diagnostics.at(i).raw();
      json actions = actionsForDiagnostic(c.server, path, d);
      if (actions.empty()) continue;  // not ours, or stale: nothing at all
      for (auto& a : actions) out.push_back(std::move(a));
      if (d.contains("code") && d["code"].is_string()) planRules.insert(d["code"].get<std::string>());
    }
    // Readiness: the report, and the plan item's AI hand-off for these findings (from the
    // readiness computed after the last change: cheap enough for every cursor move).
    if (!planRules.empty()) {
      if (const auto& r = c.server.lastReadiness()) {
        for (const auto& item : r->plan) {
          if (!planRules.count(item.ruleId)) continue;
          out.push_back({{"title", "Open the AI hand-off for: " + item.title},
                         {"kind", "quickfix"},
                         {"command", {{"title", "Open the AI hand-off"},
                                      {"command", "agentlens.server.handoff"},
                                      {"arguments", {item.ruleId}}}}});
        }
      }
      out.push_back({{"title", "Show readiness report"},
                     {"kind", "quickfix"},
                     {"command", {{"title", "Show readiness report"}, {"command", "agentlens.server.showReadinessReport"}}}});
    }
  }
  bool explicitFixAll = only && kindWanted(only, "source.fixAll.agentlens");
  if (explicitFixAll || (!only && !out.empty())) {
    if (auto edit = fixAllEdit(c.server, path))
      out.push_back({{"title", "Fix all safe AgentLens issues"}, {"kind", "source.fixAll.agentlens"}, {"edit", *edit}});
  }
  return out;
}
}  // namespace agentlens::lsp::handlers
