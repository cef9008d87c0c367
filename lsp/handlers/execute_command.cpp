// workspace/executeCommand: agentlens.showRuleDocs [ruleId] opens the rule's documentation (and
// returns it as markdown); agentlens.fixAll [uri] applies every Safe fix via workspace/applyEdit.
#include "lsp/code_actions.hpp"
#include "lsp/handlers/handlers.hpp"
#include "lsp/server.hpp"

namespace agentlens::lsp::handlers {
std::optional<json> executeCommand(Call& c) {
  std::string command = c.params["command"].str();
  auto args = c.params.opt("arguments");
  if (command == "agentlens.showRuleDocs") {
    if (!args || args->size() < 1) throw RpcError(ErrorCode::InvalidParams, "params.arguments: expected [ruleId]");
    std::string id = args->at(0).str();
    const RuleInfo* rule = c.server.rule(id);
    if (!rule) args->at(0).fail("unknown rule \"" + id + "\"");
    if (c.server.caps().showDocument)
      c.server.request("window/showDocument", {{"uri", c.server.docsUrl(id)}, {"external", true}});
    return json(rule->docs);
  }
  if (command == "agentlens.fixAll") {
    if (!args || args->size() < 1) throw RpcError(ErrorCode::InvalidParams, "params.arguments: expected [uri]");
    std::string path = c.server.pathOf(args->at(0));
    if (auto edit = fixAllEdit(c.server, path))
      c.server.request("workspace/applyEdit", {{"label", "AgentLens: fix all"}, {"edit", *edit}});
    return json(nullptr);
  }
  c.params["command"].fail("unknown command \"" + command + "\"");
}
}  // namespace agentlens::lsp::handlers
