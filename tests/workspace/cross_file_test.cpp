// Cross-file knowledge on fixture workspaces: tests/cross-file/<rule-id>/<case>/ is a small
// project tree analysed with that one file rule, then applyCrossFileKnowledge; expect.txt lists
// the rule's findings as "path:line rule-id severity confidence" (1-based lines), and, for a fix,
// when expect.txt lists any "fix: <text>" line, the text each finding's first fix writes (one line
// per edit). An empty expect.txt means no finding.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>

#include "core/fix_apply.hpp"
#include "core/scan.hpp"
#include "rules/engine.hpp"
#include "rules/registry.hpp"
#include "rules/workspace/workspace_check.hpp"
#include "support/fixture.hpp"

namespace fs = std::filesystem;
using namespace agentlens;

TEST_SUITE("rules") {
  TEST_CASE("cross-file knowledge on fixture workspaces") {
    fs::path base = testing::sourceDir() / "tests/cross-file";
    std::size_t cases = 0;
    std::vector<fs::path> ruleDirs;
    for (const auto& e : fs::directory_iterator(base))
      if (e.is_directory()) ruleDirs.push_back(e.path());
    std::sort(ruleDirs.begin(), ruleDirs.end());
    for (const auto& ruleDir : ruleDirs) {
      std::string id = ruleDir.filename().string();
      const rules::Rule* rule = rules::findRule(id);
      REQUIRE_MESSAGE(rule, "unknown rule " << id);
      std::vector<fs::path> caseDirs;
      for (const auto& e : fs::directory_iterator(ruleDir))
        if (e.is_directory()) caseDirs.push_back(e.path());
      std::sort(caseDirs.begin(), caseDirs.end());
      for (const auto& caseDir : caseDirs) {
        ++cases;
        INFO("case: ", id, "/", caseDir.filename().string());
        std::vector<const rules::Rule*> one{rule};
        rules::Engine engine(one);
        core::ScanOptions opts;
        opts.threads = 1;
        auto result = core::scan({caseDir.string()}, engine, opts);
        auto read = [caseDir](const std::string& rel) -> std::optional<std::string> {
          fs::path p = caseDir / rel;
          if (!fs::is_regular_file(p)) return std::nullopt;
          return testing::readText(p);
        };
        rules::applyCrossFileKnowledge(result.files, read, one);
        std::string expectText = testing::readText(caseDir / "expect.txt");
        bool withFixes = expectText.find("fix: ") != std::string::npos;
        std::multiset<std::string> got, want;
        for (const auto& f : result.files)
          for (const auto& fi : f.findings) {
            if (fi.ruleId != id) continue;
            got.insert(fi.path + ":" + std::to_string(fi.start.line + 1) + " " + fi.ruleId + " " +
                       std::string(core::severityName(fi.severity)) + " " +
                       std::string(core::confidenceName(fi.confidence)));
            CHECK(!fi.message.empty());
            for (const auto& fix : fi.fixes) {
              auto text = read(fi.path);
              REQUIRE(text);
              auto applied = core::applyEdits(*text, fix.edits);
              REQUIRE(applied.has_value());
              if (withFixes && &fix == &fi.fixes.front())
                for (const auto& e : fix.edits) got.insert("fix: " + e.text);
            }
          }
        std::istringstream in(expectText);
        for (std::string line; std::getline(in, line);)
          if (!line.empty()) want.insert(line);
        std::string gotText, wantText;
        for (const auto& g : got) gotText += g + "\n";
        for (const auto& w : want) wantText += w + "\n";
        CHECK_MESSAGE(got == want, "got:\n" << gotText << "want:\n" << wantText);
      }
    }
    CHECK(cases >= 9);
  }
}
