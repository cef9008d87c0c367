#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>

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

namespace {
// Writes v as dump(2) would print it nested `indent` spaces deep: every structural newline of
// the dump is followed by the indentation (newlines inside strings are escaped as \n, so each
// '\n' in the dump is structural).
void writeNested(std::ostream& out, const json& v, std::size_t indent) {
  const std::string s = v.dump(2, ' ', false, json::error_handler_t::replace);
  const std::string pad(indent, ' ');
  std::size_t start = 0;
  for (std::size_t nl; (nl = s.find('\n', start)) != std::string::npos; start = nl + 1) {
    out.write(s.data() + start, static_cast<std::streamsize>(nl + 1 - start));
    out << pad;
  }
  out.write(s.data() + start, static_cast<std::streamsize>(s.size() - start));
}
}  // namespace

void writeJson(const ReportInput& in, std::ostream& out) {
  // The report is byte-for-byte what dumpJson() of the whole document prints, but the findings
  // (the bulk) are converted and written one at a time: building them all as one DOM and then
  // one string was the peak of a large scan (≈ 40 of 52 MB of heap on the CPython stdlib).
  std::size_t counts[4] = {0, 0, 0, 0};
  std::size_t total = 0;
  for (const auto& file : in.scan->files)
    for (const auto& f : file.findings) {
      ++total;
      if (!f.suppressedReason) ++counts[static_cast<int>(f.level())];
    }
  json skipped = json::array();
  for (const auto& s : in.scan->skipped) skipped.push_back({{"path", s.path}, {"reason", s.reason}});
  json j = {{"schemaVersion", 1},
            {"tool", {{"name", "agentlens"}, {"version", kVersion}, {"ruleset", kRulesetVersion}}},
            {"summary",
             {{"files", in.scan->files.size()},
              {"findings", total},
              {"errors", counts[0]},
              {"warnings", counts[1]},
              {"infos", counts[2]},
              {"hints", counts[3]}}},
            {"findings", nullptr},  // placeholder: keeps the key's place in the (sorted) object
            {"skipped", std::move(skipped)},
            {"errors", in.scan->errors}};
  if (in.readiness) j["readiness"] = readinessJson(*in.readiness);
  if (in.since) {
    json since = {{"ref", in.since->ref}, {"changedFiles", in.since->changedFiles},
                  {"hiddenFindings", in.since->hiddenFindings}, {"baseScore", nullptr}, {"scoreDelta", nullptr}};
    if (in.since->baseScore) {
      since["baseScore"] = *in.since->baseScore;
      if (in.readiness && in.readiness->applicable) since["scoreDelta"] = in.readiness->overall - *in.since->baseScore;
    }
    j["since"] = std::move(since);
  }
  out << "{\n";
  std::size_t k = 0;
  for (const auto& [key, value] : j.items()) {
    out << "  " << json(key).dump() << ": ";
    if (key != "findings") {
      writeNested(out, value, 2);
    } else if (total == 0) {
      out << "[]";
    } else {
      out << "[\n";
      std::size_t n = 0;
      for (const auto& file : in.scan->files)
        for (const auto& f : file.findings) {
          out << "    ";
          writeNested(out, findingJson(f), 4);
          out << (++n == total ? "\n" : ",\n");
        }
      out << "  ]";
    }
    out << (++k == j.size() ? "\n" : ",\n");
  }
  out << "}\n";
}

std::string renderJson(const ReportInput& in) {
  std::ostringstream out;
  writeJson(in, out);
  return std::move(out).str();
}

}  // namespace agentlens::report
