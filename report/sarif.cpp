#include <map>
#include <nlohmann/json.hpp>

#include "agentlens/version.hpp"
#include "core/baseline.hpp"
#include "report/json_model.hpp"
#include "report/report.hpp"

namespace agentlens::report {

using nlohmann::json;

std::string docsFirstParagraph(std::string_view docs) {
  auto pos = docs.find("## What it does");
  if (pos == std::string_view::npos) return "";
  pos = docs.find('\n', pos);
  if (pos == std::string_view::npos) return "";
  std::string_view rest = docs.substr(pos + 1);
  while (rest.starts_with("\n")) rest.remove_prefix(1);
  auto end = rest.find("\n\n");
  std::string para(rest.substr(0, end));
  for (char& c : para)
    if (c == '\n') c = ' ';
  return para;
}

namespace {

std::string_view sarifLevel(core::Level l) {
  switch (l) {
    case core::Level::Error: return "error";
    case core::Level::Warning: return "warning";
    default: return "note";
  }
}

json region(const core::Position& s, const core::Position& e) {
  return {{"startLine", s.line + 1}, {"startColumn", s.character + 1}, {"endLine", e.line + 1}, {"endColumn", e.character + 1}};
}

json artifact(const std::string& path) { return {{"uri", path}, {"uriBaseId", "%SRCROOT%"}}; }

}  // namespace

std::string renderSarif(const ReportInput& in) {
  json rules = json::array();
  std::map<std::string, std::size_t> ruleIndex;
  for (const auto& r : in.rules) {
    ruleIndex[r.id] = rules.size();
    std::string full = docsFirstParagraph(r.docs);
    rules.push_back({{"id", r.id},
                     {"name", r.id},
                     {"shortDescription", {{"text", r.summary}}},
                     {"fullDescription", {{"text", full.empty() ? r.summary : full}}},
                     {"help", {{"text", r.docs}, {"markdown", r.docs}}},
                     {"defaultConfiguration", {{"level", sarifLevel(core::levelFor(r.severity, core::Confidence::High))}}},
                     {"properties",
                      {{"category", core::categoryName(r.category)},
                       {"severity", core::severityName(r.severity)},
                       {"tags", {core::categoryName(r.category)}}}}});
  }
  json results = json::array();
  for (const auto& file : in.scan->files)
    for (const auto& f : file.findings) {
      json res = {{"ruleId", f.ruleId},
                  {"level", sarifLevel(f.level())},
                  {"message", {{"text", f.message}}},
                  {"locations",
                   {{{"physicalLocation", {{"artifactLocation", artifact(f.path)}, {"region", region(f.start, f.end)}}}}}},
                  {"properties", {{"category", core::categoryName(f.category)}, {"confidence", core::confidenceName(f.confidence)}}}};
      if (auto it = ruleIndex.find(f.ruleId); it != ruleIndex.end()) res["ruleIndex"] = it->second;
      if (f.suppressedReason)
        res["suppressions"] = {{{"kind", f.suppressedReason->starts_with(core::kBaselineReasonPrefix) ? "external" : "inSource"},
                                {"justification", *f.suppressedReason}}};
      json fixes = json::array();
      for (const auto& fix : f.fixes) {
        if (fix.applicability == core::Applicability::DisplayOnly) continue;
        // SARIF replacements address regions; group this fix's same-file edits.
        json replacements = json::array();
        for (const auto& e : fix.edits)
          if (e.kind == core::TextEdit::Kind::Replace && e.path.empty())
            replacements.push_back({{"deletedRegion", region(e.start, e.end)}, {"insertedContent", {{"text", e.text}}}});
        if (replacements.empty()) continue;
        fixes.push_back({{"description", {{"text", fix.title}}},
                         {"artifactChanges", {{{"artifactLocation", artifact(f.path)}, {"replacements", replacements}}}}});
      }
      if (!fixes.empty()) res["fixes"] = fixes;
      results.push_back(std::move(res));
    }
  json run = {{"tool",
               {{"driver",
                 {{"name", "agentlens"},
                  {"version", kVersion},
                  {"semanticVersion", kVersion},
                  {"rules", rules}}}}},
              {"columnKind", "unicodeCodePoints"},
              {"results", results}};
  if (in.readiness) run["properties"] = {{"readiness", readinessJson(*in.readiness)}};
  if (!in.rootUri.empty()) run["originalUriBaseIds"] = {{"%SRCROOT%", {{"uri", in.rootUri}}}};
  json doc = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"}, {"version", "2.1.0"}, {"runs", {run}}};
  return dumpJson(doc);
}

}  // namespace agentlens::report
