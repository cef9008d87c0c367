// workspace/executeCommand. Server commands are namespaced `agentlens.server.*` so that clients
// which register every server command (vscode-languageclient) never clash with the extension's
// own `agentlens.*` commands:
//   agentlens.server.showRuleDocs [ruleId]   the rule's markdown; opens its docs URL when it can
//   agentlens.server.fixAll [uri]            every Safe fix of the document via workspace/applyEdit
//   agentlens.server.showReadinessReport     score, categories and the plan as a markdown document
//   agentlens.server.handoff [ruleId?]       the AI hand-off (whole plan, or one plan item)
#include "lsp/code_actions.hpp"
#include "lsp/handlers/handlers.hpp"
#include "lsp/server.hpp"
#include "report/report.hpp"

namespace agentlens::lsp::handlers {
std::optional<json> executeCommand(Call& c) {
  std::string command = c.params["command"].str();
  auto args = c.params.opt("arguments");
  if (command == "agentlens.server.showRuleDocs") {
    if (!args || args->size() < 1) throw RpcError(ErrorCode::InvalidParams, "params.arguments: expected [ruleId]");
    std::string id = args->at(0).str();
    const RuleInfo* rule = c.server.rule(id);
    if (!rule) args->at(0).fail("unknown rule \"" + id + "\"");
    if (c.server.caps().showDocument)
      c.server.request("window/showDocument", {{"uri", c.server.docsUrl(id)}, {"external", true}});
    return json(rule->docs);
  }
  if (command == "agentlens.server.fixAll") {
    if (!args || args->size() < 1) throw RpcError(ErrorCode::InvalidParams, "params.arguments: expected [uri]");
    std::string path = c.server.pathOf(args->at(0));
    if (auto edit = fixAllEdit(c.server, path))
      c.server.request("workspace/applyEdit", {{"label", "AgentLens: fix all"}, {"edit", *edit}});
    return json(nullptr);
  }
  if (command == "agentlens.server.showReadinessReport") {
    core::Readiness r = c.server.computeReadiness();
    std::string md = "# AgentLens production readiness\n\n```\n" + report::renderReadinessText(r, false, 10) +
                     "```\n\n## Action plan\n\n```\n" + report::renderPlanText(r, false) + "```\n";
    std::string uri = c.server.showMarkdown("readiness", md);
    return json{{"uri", uri}, {"score", r.applicable ? json(r.overall) : json(nullptr)}, {"grade", r.grade}};
  }
  if (command == "agentlens.server.handoff") {
    core::Readiness r = c.server.computeReadiness();
    std::string text = r.handoff;
    if (args && args->size() >= 1) {
      std::string id = args->at(0).str();
      auto it = std::find_if(r.plan.begin(), r.plan.end(), [&](const core::PlanItem& p) { return p.ruleId == id; });
      if (it == r.plan.end()) args->at(0).fail("\"" + id + "\" is not in the action plan");
      text = it->handoff;
    }
    c.server.showMarkdown("handoff", text);
    return json(text);
  }
  c.params["command"].fail("unknown command \"" + command + "\"");
}
}  // namespace agentlens::lsp::handlers
