#include <nlohmann/json.hpp>

#include "agentlens/version.hpp"
#include "report/json_model.hpp"
#include "report/report.hpp"

namespace agentlens::report {

using nlohmann::json;

json positionJson(const core::Position& p) { return {{"line", p.line + 1}, {"column", p.character + 1}}; }

json editJson(const core::TextEdit& e, const std::string& findingPath) {
  json j;
  switch (e.kind) {
    case core::TextEdit::Kind::Replace:
      j["kind"] = "replace";
      j["file"] = e.path.empty() ? findingPath : e.path;
      if (e.path.empty()) j["range"] = {{"start", positionJson(e.start)}, {"end", positionJson(e.end)}};
      j["offsets"] = {{"start", e.range.start}, {"end", e.range.end}};
      break;
    case core::TextEdit::Kind::AppendLineIfMissing:
      j["kind"] = "appendLineIfMissing";
      j["file"] = e.path;
      j["key"] = e.key;
      break;
    case core::TextEdit::Kind::CreateFile:
      j["kind"] = "createFile";
      j["file"] = e.path;
      break;
  }
  j["newText"] = e.text;
  return j;
}

json fixJson(const core::Fix& fix, const std::string& findingPath) {
  json edits = json::array();
  for (const auto& e : fix.edits) edits.push_back(editJson(e, findingPath));
  return {{"title", fix.title}, {"safety", core::applicabilityName(fix.applicability)}, {"edits", edits}};
}

json findingJson(const core::Finding& f) {
  json j = {{"file", f.path},
            {"range", {{"start", positionJson(f.start)}, {"end", positionJson(f.end)}}},
            {"rule", f.ruleId},
            {"category", core::categoryName(f.category)},
            {"severity", core::severityName(f.severity)},
            {"confidence", core::confidenceName(f.confidence)},
            {"level", core::levelName(f.level())},
            {"message", f.message}};
  j["fix"] = f.fixes.empty() ? json(nullptr) : fixJson(f.fixes.front(), f.path);
  if (f.fixes.size() > 1) {
    json more = json::array();
    for (std::size_t i = 1; i < f.fixes.size(); ++i) more.push_back(fixJson(f.fixes[i], f.path));
    j["alternativeFixes"] = more;
  }
  if (!f.related.empty()) {
    json rel = json::array();
    for (const auto& r : f.related) rel.push_back({{"file", r.path}, {"line", r.line + 1}, {"message", r.message}});
    j["related"] = rel;
  }
  if (f.suppressedReason) j["suppressed"] = {{"reason", *f.suppressedReason}};
  return j;
}

std::string dumpJson(const json& j) { return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n"; }

std::string renderJson(const ReportInput& in) {
  json findings = json::array();
  std::size_t counts[4] = {0, 0, 0, 0};
  for (const auto& file : in.scan->files)
    for (const auto& f : file.findings) {
      findings.push_back(findingJson(f));
      if (!f.suppressedReason) ++counts[static_cast<int>(f.level())];
    }
  json skipped = json::array();
  for (const auto& s : in.scan->skipped) skipped.push_back({{"path", s.path}, {"reason", s.reason}});
  json j = {{"schemaVersion", 1},
            {"tool", {{"name", "agentlens"}, {"version", kVersion}, {"ruleset", kRulesetVersion}}},
            {"summary",
             {{"files", in.scan->files.size()},
              {"findings", findings.size()},
              {"errors", counts[0]},
              {"warnings", counts[1]},
              {"infos", counts[2]},
              {"hints", counts[3]}}},
            {"findings", findings},
            {"skipped", skipped},
            {"errors", in.scan->errors}};
  if (in.readiness) j["readiness"] = readinessJson(*in.readiness);
  return dumpJson(j);
}

}  // namespace agentlens::report
