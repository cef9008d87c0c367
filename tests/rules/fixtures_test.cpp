// Runs every rule fixture: inline expectations, the rendered snapshot, and each fix's edit
// (applied, reparsed: a fix must not add syntax errors).
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>

#include "core/config/config.hpp"
#include "core/fix_apply.hpp"
#include "rules/registry.hpp"
#include "support/fixture.hpp"

namespace fs = std::filesystem;
using namespace agentlens;

namespace {

bool updateSnapshots() {
  const char* v = std::getenv("UPDATE_SNAPSHOTS");
  return v && *v && std::string(v) != "0";
}

fs::path fixtureRoot() { return testing::sourceDir() / "tests/rules/fixtures"; }

void runFixture(const rules::Rule& rule, const fs::path& file) {
  std::string annotated = testing::readText(file);
  std::string path = testing::fixturePath(annotated, "app/" + file.filename().string());
  auto expected = testing::expectations(annotated, rule.meta().id);
  std::string text = testing::blankMarkers(annotated);
  // invalid-config findings come from reading a config file, not from analysing source.
  core::FileResult result;
  if (rule.meta().id == core::kInvalidConfigRule) {
    std::vector<core::KnownRule> known;
    for (const rules::Rule* r : rules::allRules()) known.push_back({std::string(r->meta().id), r->meta().category, {}});
    auto cfg = core::parseConfig(path, text, false, known);
    if (cfg) result.findings = cfg->diagnostics;
  } else {
    result = testing::analyzeText(path, text, {&rule});
  }

  std::multiset<std::uint32_t> want, got;
  for (const auto& e : expected) want.insert(e.line);
  for (const auto& f : result.findings) got.insert(f.start.line);
  std::string missing, unexpected;
  for (auto l : want)
    if (got.count(l) < want.count(l) && missing.find(" " + std::to_string(l + 1) + ",") == std::string::npos)
      missing += " " + std::to_string(l + 1) + ",";
  for (auto l : got)
    if (want.count(l) < got.count(l) && unexpected.find(" " + std::to_string(l + 1) + ",") == std::string::npos)
      unexpected += " " + std::to_string(l + 1) + ",";
  INFO("fixture: ", file.string());
  CHECK_MESSAGE(missing.empty(), "expected findings missing on lines" << missing);
  CHECK_MESSAGE(unexpected.empty(), "unexpected findings on lines" << unexpected);

  for (const auto& e : expected) {
    if (e.level.empty()) continue;
    auto it = std::find_if(result.findings.begin(), result.findings.end(),
                           [&](const core::Finding& f) { return f.start.line == e.line; });
    if (it != result.findings.end())
      CHECK_MESSAGE(std::string(core::levelName(it->level())) == e.level, "line " << e.line + 1 << " level");
  }

  // Fixes: apply, reparse, no new syntax errors; and never an overlapping edit set.
  auto lang = core::detectLang(path).value_or(core::Lang::Text);
  std::size_t before = testing::syntaxErrors(lang, text);
  for (const auto& f : result.findings)
    for (const auto& fix : f.fixes) {
      auto applied = core::applyEdits(text, fix.edits);
      CHECK_MESSAGE(applied.has_value(), "fix '" << fix.title << "' at line " << f.start.line + 1 << " has overlapping edits");
      if (applied)
        CHECK_MESSAGE(testing::syntaxErrors(lang, *applied) <= before,
                      "fix '" << fix.title << "' at line " << f.start.line + 1 << " breaks the syntax:\n" << *applied);
    }

  // Snapshot.
  fs::path snap = file;
  snap += ".snap";
  std::string rendered = testing::renderSnapshot(text, result);
  if (updateSnapshots() || !fs::exists(snap)) {
    testing::writeText(snap, rendered);
  } else {
    std::string stored = testing::readText(snap);
    CHECK_MESSAGE(stored == rendered, "snapshot differs: " << snap.string() << " (UPDATE_SNAPSHOTS=1 to accept)\n"
                                                           << rendered);
  }
}

}  // namespace

TEST_SUITE("rules") {
  TEST_CASE("every rule has fixtures for each language family it supports") {
    for (const rules::Rule* r : rules::allRules()) {
      fs::path dir = fixtureRoot() / std::string(r->meta().id);
      INFO("rule: ", r->meta().id);
      REQUIRE_MESSAGE(fs::is_directory(dir), "missing fixture directory " << dir.string());
      std::set<std::string> families;
      for (const auto& e : fs::directory_iterator(dir)) {
        if (e.path().extension() == ".snap") continue;
        auto lang = core::detectLang(e.path().filename().string());
        if (!lang) continue;
        families.insert(core::isJsFamily(*lang) ? "js" : std::string(core::langName(*lang)));
      }
      for (auto l : r->meta().languages.list()) {
        std::string fam = core::isJsFamily(l) ? "js" : std::string(core::langName(l));
        CHECK_MESSAGE(families.count(fam), "no " << fam << " fixture for " << r->meta().id);
      }
    }
  }

  TEST_CASE("rule fixtures: expectations, snapshots, fixes reparse") {
    for (const rules::Rule* r : rules::allRules()) {
      fs::path dir = fixtureRoot() / std::string(r->meta().id);
      if (!fs::is_directory(dir)) continue;
      std::vector<fs::path> files;
      for (const auto& e : fs::directory_iterator(dir))
        if (e.path().extension() != ".snap") files.push_back(e.path());
      std::sort(files.begin(), files.end());
      for (const auto& f : files) runFixture(*r, f);
    }
  }

  TEST_CASE("rule docs have the agreed headings") {
    for (const rules::Rule* r : rules::allRules()) {
      const auto& m = r->meta();
      INFO("rule: ", m.id);
      std::string_view d = m.docs;
      auto at = [&](std::string_view h) { return d.find(h); };
      CHECK(at("## What it does") != std::string_view::npos);
      CHECK(at("## Why is this bad?") != std::string_view::npos);
      CHECK(at("## Example") != std::string_view::npos);
      CHECK(at("Use instead") != std::string_view::npos);
      CHECK(at("## References") != std::string_view::npos);
      if (m.fix) CHECK(at("## Fix safety") != std::string_view::npos);
      CHECK(at("## What it does") < at("## Why is this bad?"));
      CHECK(at("## Why is this bad?") < at("## Example"));
      CHECK(at("## Example") < at("## References"));
      CHECK(!m.summary.empty());
      // ids are kebab-case
      for (char c : m.id) CHECK(((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'));
    }
  }
}
