// Workspace checks on fixture workspaces: tests/workspace/<check-id>/<case>/ is a small project
// tree with an expect.txt listing the findings of that check ("path:line rule-id", 1-based);
// an empty expect.txt means the check must stay silent there.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>

#include "core/fix_apply.hpp"
#include "core/scan.hpp"
#include "rules/engine.hpp"
#include "rules/workspace/workspace_check.hpp"
#include "support/fixture.hpp"

namespace fs = std::filesystem;
using namespace agentlens;

namespace {

rules::WorkspaceView::Reader reader(const fs::path& root) {
  return [root](const std::string& rel) -> std::optional<std::string> {
    fs::path p = root / rel;
    if (!fs::is_regular_file(p)) return std::nullopt;
    return testing::readText(p);
  };
}

}  // namespace

TEST_SUITE("rules") {
  TEST_CASE("workspace checks on fixture workspaces") {
    fs::path base = testing::sourceDir() / "tests/workspace";
    std::size_t cases = 0;
    for (const rules::WorkspaceCheck* check : rules::allWorkspaceChecks()) {
      fs::path dir = base / std::string(check->meta().id);
      INFO("check: ", check->meta().id);
      REQUIRE_MESSAGE(fs::is_directory(dir), "no fixture workspaces for " << check->meta().id);
      bool fires = false, silent = false;
      std::vector<fs::path> caseDirs;
      for (const auto& e : fs::directory_iterator(dir))
        if (e.is_directory()) caseDirs.push_back(e.path());
      std::sort(caseDirs.begin(), caseDirs.end());
      for (const auto& caseDir : caseDirs) {
        ++cases;
        INFO("case: ", caseDir.filename().string());
        rules::Engine engine({});
        core::ScanOptions opts;
        opts.threads = 1;
        auto result = core::scan({caseDir.string()}, engine, opts);
        const rules::WorkspaceCheck* one[] = {check};
        rules::runWorkspaceChecks(result.files, reader(caseDir), one);
        rules::addPerServiceFindings(result.files, reader(caseDir), one, {});
        std::multiset<std::string> got, want;
        for (const auto& f : result.files)
          for (const auto& fi : f.findings) {
            got.insert(fi.path + ":" + std::to_string(fi.start.line + 1) + " " + fi.ruleId);
            CHECK(!fi.message.empty());
            // Same-file edits of a workspace fix apply cleanly to the anchor file.
            for (const auto& fix : fi.fixes) {
              auto text = reader(caseDir)(fi.path);
              if (text) CHECK(core::applyEdits(*text, fix.edits).has_value());
            }
          }
        std::istringstream in(testing::readText(caseDir / "expect.txt"));
        for (std::string line; std::getline(in, line);)
          if (!line.empty()) want.insert(line);
        CHECK(got == want);
        (want.empty() ? silent : fires) = true;
      }
      CHECK_MESSAGE(fires, "no workspace where " << check->meta().id << " fires");
      CHECK_MESSAGE(silent, "no workspace where " << check->meta().id << " must stay silent");
    }
    CHECK(cases >= 8);
  }

  TEST_CASE("workspace check docs have the agreed headings") {
    for (const rules::WorkspaceCheck* c : rules::allWorkspaceChecks()) {
      std::string_view d = c->meta().docs;
      INFO("check: ", c->meta().id);
      CHECK(d.find("## What it does") != std::string_view::npos);
      CHECK(d.find("## Why is this bad?") != std::string_view::npos);
      CHECK(d.find("## Example") != std::string_view::npos);
      CHECK(d.find("Use instead") != std::string_view::npos);
      CHECK(d.find("## References") != std::string_view::npos);
      if (c->meta().fix) CHECK(d.find("## Fix safety") != std::string_view::npos);
    }
  }
}
