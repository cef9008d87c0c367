// textDocument/hover: on a finding, the rule's documentation (What / Why / Example / Fix safety).
#include "lsp/handlers/handlers.hpp"
#include "lsp/protocol/basic.hpp"
#include "lsp/server.hpp"

namespace agentlens::lsp::handlers {
std::optional<json> hover(Call& c) {
  std::string path = c.server.pathOf(c.params["textDocument"]["uri"]);
  auto pos = parsePosition(c.params["position"]);
  auto& ws = c.server.workspace();
  auto doc = ws.document(path);
  auto diags = ws.diagnostics(path);
  if (!diags || !diags->text) return json(nullptr);
  if (!sameVersion(diags->version, doc ? std::optional(doc->version) : std::nullopt)) return json(nullptr);
  core::LineIndex lines(*diags->text);
  auto offset = fromLspPosition(lines, pos, c.server.encoding());
  std::string md;
  json range;
  for (const auto& f : diags->findings) {
    if (f.suppressedReason || offset < f.range.start || offset > f.range.end) continue;
    const RuleInfo* rule = c.server.rule(f.ruleId);
    if (!md.empty()) md += "\n\n---\n\n";
    md += "**" + f.ruleId + "** — " + f.message + "\n\n";
    if (rule) md += rule->docs + "\n\n";
    md += "[Rule documentation](" + c.server.docsUrl(f.ruleId) + ")";
    if (range.is_null()) range = toLspRange(lines, f.range, c.server.encoding());
  }
  if (md.empty()) return json(nullptr);
  json contents = c.server.caps().hoverMarkdown ? json{{"kind", "markdown"}, {"value", md}}
                                                 : json{{"kind", "plaintext"}, {"value", md}};
  return json{{"contents", contents}, {"range", range}};
}
}  // namespace agentlens::lsp::handlers
