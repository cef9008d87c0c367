// textDocument/codeAction: quick fixes, suppressions and docs for the diagnostics in the
// request's context, plus source.fixAll.agentlens (Safe fixes only).
#include "lsp/code_actions.hpp"
#include "lsp/handlers/handlers.hpp"
#include "lsp/protocol/basic.hpp"
#include "lsp/server.hpp"

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
    for (std::size_t i = 0; i < diagnostics.size(); ++i)
      for (auto& a : actionsForDiagnostic(c.server, path, diagnostics.at(i).raw())) out.push_back(std::move(a));
  }
  bool explicitFixAll = only && kindWanted(only, "source.fixAll.agentlens");
  if (explicitFixAll || (!only && !out.empty())) {
    if (auto edit = fixAllEdit(c.server, path))
      out.push_back({{"title", "Fix all safe AgentLens issues"}, {"kind", "source.fixAll.agentlens"}, {"edit", *edit}});
  }
  return out;
}
}  // namespace agentlens::lsp::handlers
