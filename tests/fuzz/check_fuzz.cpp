// Fuzz target: the whole `check` pipeline on arbitrary bytes, in memory: parse, the rule engine
// (every built-in rule, finalisation, suppressions), cross-file knowledge and workspace checks,
// the readiness score, and the JSON, SARIF and text reports. The input is up to three files,
// separated by the bytes "\0\1"; the byte before each file's text chooses its path (and so its
// language and file role) from a table covering every core::Lang; bits 5, 6 and 7 of the first one
// render the SARIF, text and JSON reports.
//
// Oracles: nothing crashes or throws; findings address bytes inside their file with positions
// that agree with the file's line index; a finding's own message and excerpt never contain the
// secret it flags; the JSON and SARIF reports are valid JSON and the JSON one lists every finding
// (each report on inputs whose first byte has its bit set: bit 7 JSON, bit 5 SARIF, bit 6 text).
#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/analyzer.hpp"
#include "core/parsed_file.hpp"
#include "core/scan.hpp"
#include "core/score/readiness.hpp"
#include "fuzz/fuzz_input.hpp"
#include "report/report.hpp"
#include "rules/engine.hpp"
#include "rules/readiness_info.hpp"
#include "rules/registry.hpp"
#include "rules/workspace/workspace_check.hpp"

using namespace agentlens;

namespace {

// Paths by language, with the roles rules look at (tests, scripts, entry points, CI, infra).
const char* const kPaths[] = {
    "app.py",        "tests/test_app.py",  "manage.py",        "src/service/settings.py",
    "server.js",     "src/routes/api.mjs", "app.test.js",      "next.config.js",
    "src/app.ts",    "api/handler.ts",     "src/db.cts",       "pages/index.tsx",
    "app/page.tsx",  "main.go",            "cmd/api/main.go",  "handler_test.go",
    "Dockerfile",    "deploy/api.Dockerfile", ".env",          ".env.production",
    "docker-compose.yml", ".github/workflows/ci.yml", "k8s/deployment.yaml", "package.json",
    "tsconfig.json", "pyproject.toml",     "Cargo.toml",       "requirements.txt",
    "Procfile",      "setup.cfg",          "alembic.ini",      "go.mod",
};

const rules::Engine& engine() {
  static const rules::Engine e(std::vector<const rules::Rule*>(rules::allRules().begin(), rules::allRules().end()));
  return e;
}

report::RuleDoc docOf(const rules::RuleMeta& m) {
  return {std::string(m.id), m.category, m.severity, std::string(m.summary), std::string(m.docs), {}, m.fix.has_value()};
}

bool plainToken(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

void checkFinding(const core::Finding& f, const std::map<std::string, std::string>& texts) {
  auto it = texts.find(f.path);
  if (it == texts.end()) return;  // an anchor file that is not part of the input (.gitignore…)
  const std::string& text = it->second;
  FUZZ_CHECK(f.range.start <= f.range.end && f.range.end <= text.size(),
             f.ruleId + ": range " + std::to_string(f.range.start) + "-" + std::to_string(f.range.end) +
                 " outside " + f.path + " (" + std::to_string(text.size()) + " bytes)");
  core::LineIndex lines(text);
  FUZZ_CHECK(f.start.line < lines.lineCount() && f.end.line < lines.lineCount(), f.ruleId + ": line past the end");
  FUZZ_CHECK(f.start.line == lines.lineOf(f.range.start),
             f.ruleId + ": start line " + std::to_string(f.start.line) + " but byte " +
                 std::to_string(f.range.start) + " is on line " + std::to_string(lines.lineOf(f.range.start)));
  if (f.sensitive) {
    FUZZ_CHECK(f.sensitive->start <= f.sensitive->end && f.sensitive->end <= text.size(), f.ruleId + ": secret range outside the file");
    std::string_view secret = std::string_view(text).substr(f.sensitive->start, f.sensitive->end - f.sensitive->start);
    if (secret.size() >= 12 && plainToken(secret)) {
      FUZZ_CHECK(f.message.find(secret) == std::string::npos, f.ruleId + ": the message shows the secret in full");
      FUZZ_CHECK(f.excerpt.find(secret) == std::string::npos, f.ruleId + ": the excerpt shows the secret in full");
    }
  }
  for (const auto& fix : f.fixes)
    for (const auto& e : fix.edits)
      if (e.kind == core::TextEdit::Kind::Replace && (e.path.empty() || e.path == f.path))
        FUZZ_CHECK(e.range.start <= e.range.end && e.range.end <= text.size(), f.ruleId + ": fix edit outside the file");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::silenceLogs();
  const rules::Engine& eng = engine();

  // Split into files.
  std::map<std::string, std::string> texts;  // path -> text (a repeated path: the last wins)
  std::vector<std::pair<std::string, core::Lang>> order;
  for (const fuzz::FilePart& part : fuzz::splitFiles(data, size, 3)) {
    std::string path = kPaths[part.selector % std::size(kPaths)];
    auto lang = core::detectLang(path);
    FUZZ_CHECK(lang.has_value(), "no language for " + path);
    if (!texts.count(path)) order.emplace_back(path, *lang);
    texts[path] = std::string(part.text);
  }

  std::vector<core::FileResult> files;
  for (const auto& [path, lang] : order) {
    core::ParsedFile pf = core::parseFile(path, lang, std::make_shared<const std::string>(texts[path]));
    if (core::hasGrammar(lang)) FUZZ_CHECK(pf.tree.valid(), "no tree for " + path);
    core::FileResult fr = eng.analyze(pf);
    fr.path = path;
    for (const auto& f : fr.findings) checkFinding(f, texts);
    files.push_back(std::move(fr));
  }
  std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.path < b.path; });

  auto reader = [&texts](const std::string& rel) -> std::optional<std::string> {
    auto it = texts.find(rel);
    if (it == texts.end()) return std::nullopt;
    return it->second;
  };
  std::vector<const rules::Rule*> ruleList(rules::allRules().begin(), rules::allRules().end());
  rules::applyCrossFileKnowledge(files, reader, ruleList);
  rules::runWorkspaceChecks(files, reader, rules::allWorkspaceChecks());
  std::size_t total = 0;
  for (const auto& fr : files) {
    total += fr.findings.size();
    for (const auto& f : fr.findings) checkFinding(f, texts);
  }

  core::ReadinessInput ri;
  std::vector<const rules::Rule*> scored;
  for (const rules::Rule* r : ruleList)
    if (!core::isToolDiagnostic(r->meta().id)) scored.push_back(r);
  ri.rules = rules::ruleInfos(scored);
  for (const rules::WorkspaceCheck* c : rules::allWorkspaceChecks()) ri.rules.push_back(rules::checkInfo(c->meta()));
  ri.files = &files;
  core::Readiness readiness = core::computeReadiness(ri);

  core::ScanResult scan;
  scan.files = std::move(files);
  report::ReportInput in;
  in.scan = &scan;
  for (const rules::Rule* r : ruleList) in.rules.push_back(docOf(r->meta()));
  for (const rules::WorkspaceCheck* c : rules::allWorkspaceChecks()) in.rules.push_back(docOf(c->meta()));
  in.rootUri = "file:///fuzz/";
  in.readiness = &readiness;
  in.title = "fuzz";

  // The reports carry every rule's description: rendering and re-parsing them on each input
  // took most of the run (9 inputs/s instrumented). The three high bits of the first selector
  // byte (the path table uses the low five) choose the renderers: JSON, SARIF, text.
  if (size > 0 && (data[0] & 0x80)) {
    nlohmann::json j = nlohmann::json::parse(report::renderJson(in), nullptr, /*allow_exceptions=*/false);
    FUZZ_CHECK(!j.is_discarded(), "the JSON report is not valid JSON");
    FUZZ_CHECK(j["findings"].size() == total, "the JSON report lists " + std::to_string(j["findings"].size()) +
                                                   " findings, the results hold " + std::to_string(total));
  }
  if (size > 0 && (data[0] & 0x20)) {
    nlohmann::json sarif = nlohmann::json::parse(report::renderSarif(in), nullptr, /*allow_exceptions=*/false);
    FUZZ_CHECK(!sarif.is_discarded(), "the SARIF report is not valid JSON");
  }
  if (size > 0 && (data[0] & 0x40)) {
    report::TextOptions t;
    t.verbose = true;
    (void)report::renderText(in, t);
  }
  return 0;
}
