// Findings -> LSP Diagnostic objects: severity overrides, tags, related information, one
// diagnostic per rule and line, and the fixes in `data` (encoded by lsp/fix_data.hpp).
#include <algorithm>
#include <filesystem>
#include <set>

#include "core/scan.hpp"
#include "lsp/fix_data.hpp"
#include "lsp/noise.hpp"
#include "lsp/protocol/basic.hpp"
#include "lsp/server.hpp"

namespace agentlens::lsp {
namespace {

int lspSeverity(core::Level l) {
  switch (l) {
    case core::Level::Error: return 1;
    case core::Level::Warning: return 2;
    case core::Level::Info: return 3;
    case core::Level::Hint: return 4;
  }
  return 3;
}

/// Diagnostic tags by rule id (LSP DiagnosticTag: 1 Unnecessary, 2 Deprecated). Only rules whose
/// finding really is dead code or a deprecated API belong here.
int tagFor(std::string_view ruleId) {
  if (ruleId == "unused-suppression" || ruleId == "debugger-statement" || ruleId == "javascript-debugger") return 1;
  return 0;
}

/// Fixes travel in data (no server-side cache): own-file edits already in LSP ranges of the
/// exact text they were computed for, other-file edits resolved at codeAction/resolve time.
DiagnosticData diagnosticData(const std::vector<const core::Finding*>& group, const core::FileDiagnostics& d,
                              const core::LineIndex& lines, core::PositionEncoding enc) {
  DiagnosticData data;
  data.rule = group.front()->ruleId;
  data.version = d.version;
  data.startLine = group.front()->start.line;
  std::set<std::string> fixTitles;  // the collapsed findings' fixes, each title once
  for (const core::Finding* member : group) {
    for (const auto& fix : member->fixes) {
      if (!fixTitles.insert(fix.title).second) continue;
      FixData fd{fix.title, fix.applicability, {}, {}};
      for (const auto& e : fix.edits) {
        if (e.kind == core::TextEdit::Kind::Replace && e.path.empty())
          fd.edits.push_back({core::Range{lines.toPosition(e.range.start, enc), lines.toPosition(e.range.end, enc)},
                              e.text});
        else
          fd.fileEdits.push_back({e.kind, e.path, e.text, e.key, e.range.start, e.range.end});
      }
      data.fixes.push_back(std::move(fd));
    }
  }
  return data;
}

json relatedJson(const core::Finding& f, const std::string& path, const std::optional<std::string>& root) {
  json rel = json::array();
  for (const auto& r : f.related) {
    std::string abs = r.path.empty() ? path
                      : root          ? (std::filesystem::path(*root) / r.path).lexically_normal().string()
                                      : r.path;
    json pos = {{"line", r.line}, {"character", 0}};
    rel.push_back({{"location", {{"uri", pathToUri(abs)}, {"range", {{"start", pos}, {"end", pos}}}}},
                   {"message", r.message}});
  }
  return rel;
}

}  // namespace

json Server::diagnosticsJson(const core::FileDiagnostics& d) const {
  json out = json::array();
  if (!settings_.enable || !d.text) return out;
  core::LineIndex lines(*d.text);
  auto root = workspace_->rootOf(d.path);
  for (const auto& group : groupByRuleAndLine(d.findings)) {
    const core::Finding& f = *group.front();
    core::Level level = editorLevel(f, scoreRule(f.ruleId));
    if (auto it = settings_.severity.find(f.ruleId); it != settings_.severity.end()) level = it->second;
    if (!shownAt(level, settings_.inlineLevel)) continue;
    // One diagnostic per rule and line: the union of the ranges, the first message.
    core::ByteRange range = f.range;
    for (const core::Finding* g : group) {
      range.start = std::min(range.start, g->range.start);
      range.end = std::max(range.end, g->range.end);
    }
    // Distinct messages (one rule judging metrics, tracing, error tracking) each on their line;
    // repeats of one message are counted.
    std::string message = f.message.empty() ? f.ruleId : f.message;
    std::set<std::string> seen{message};
    for (const core::Finding* g : group)
      if (!g->message.empty() && seen.insert(g->message).second) message += "\n" + g->message;
    if (group.size() > seen.size())
      message += " (" + std::to_string(group.size()) + " findings of this rule on this line)";
    json diag = {
        {"range", toLspRange(lines, range, encoding_)},
        {"severity", lspSeverity(level)},
        {"code", f.ruleId},
        {"source", "agentlens"},
        {"message", message},
        {"codeDescription", {{"href", docsUrl(f.ruleId)}}},
    };
    if (int tag = tagFor(f.ruleId); tag && caps_.diagnosticTags) diag["tags"] = {tag};
    if (caps_.relatedInformation && !f.related.empty()) diag["relatedInformation"] = relatedJson(f, d.path, root);
    diag["data"] = encodeDiagnosticData(diagnosticData(group, d, lines, encoding_));
    out.push_back(std::move(diag));
  }
  return out;
}

json Server::itemsFor(const core::FileDiagnostics& d, bool includeFindings) const {
  json items = includeFindings ? diagnosticsJson(d) : json::array();
  auto it = configFindings_.find(d.path);
  if (it == configFindings_.end() || !settings_.enable) return items;
  // Config findings' byte ranges refer to the file on disk (what was loaded).
  core::FileDiagnostics c;
  c.path = d.path;
  auto text = std::make_shared<std::string>();
  std::string err;
  if (!core::readFile(d.path, *text, err)) text->clear();
  c.text = std::move(text);
  c.findings = it->second;
  for (auto& j : diagnosticsJson(c)) items.push_back(std::move(j));
  return items;
}

}  // namespace agentlens::lsp
