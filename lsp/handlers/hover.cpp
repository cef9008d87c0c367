// textDocument/hover: on a finding, a short card: the message, why it matters in one sentence,
// the fix, and a link to the rule's full documentation (no headings: it sits next to the code).
#include <string_view>

#include "lsp/handlers/handlers.hpp"
#include "lsp/protocol/basic.hpp"
#include "lsp/server.hpp"

namespace agentlens::lsp::handlers {
namespace {

/// The first sentence of the section under `heading` in a rule's markdown docs ("" if absent),
/// on one line.
std::string firstSentence(std::string_view docs, std::string_view heading) {
  auto at = docs.find("## " + std::string(heading));
  if (at == std::string_view::npos) return "";
  auto start = docs.find('\n', at);
  if (start == std::string_view::npos) return "";
  std::string_view body = docs.substr(start + 1);
  body = body.substr(0, std::min(body.find("\n\n"), body.find("\n#")));
  std::string out;
  for (std::size_t i = 0; i < body.size(); ++i) {
    char ch = body[i] == '\n' ? ' ' : body[i];
    out += ch;
    if (ch == '.' && (i + 1 == body.size() || body[i + 1] == ' ' || body[i + 1] == '\n')) break;
  }
  return out;
}

std::string card(const core::Finding& f, const RuleInfo* rule, const std::string& docsUrl) {
  std::string md = "**" + (f.message.empty() ? f.ruleId : f.message) + "** `" + f.ruleId + "`";
  std::string why = rule ? firstSentence(rule->docs, "Why is this bad?") : "";
  if (!why.empty()) md += "\n\n*Why:* " + why;
  if (!f.fixes.empty()) {
    md += "\n\n*Fix:* " + f.fixes.front().title + " (" + std::string(core::applicabilityName(f.fixes.front().applicability)) +
          ", in the quick fixes)";
  } else if (rule && !rule->summary.empty()) {
    std::string how = firstSentence(rule->docs, "Fix safety");
    if (!how.empty()) md += "\n\n*Fix:* " + how;
  }
  return md + "\n\n[Full documentation](" + docsUrl + ")";
}

}  // namespace

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
    if (!md.empty()) md += "\n\n---\n\n";
    md += card(f, c.server.rule(f.ruleId), c.server.docsUrl(f.ruleId));
    if (range.is_null()) range = toLspRange(lines, f.range, c.server.encoding());
  }
  if (md.empty()) return json(nullptr);
  json contents = c.server.caps().hoverMarkdown ? json{{"kind", "markdown"}, {"value", md}}
                                                 : json{{"kind", "plaintext"}, {"value", md}};
  return json{{"contents", contents}, {"range", range}};
}
}  // namespace agentlens::lsp::handlers
