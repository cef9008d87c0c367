// weak-jwt-verification across files: a token verified with a key that secret-env-default found
// with a literal fallback (tests/cross-file-multi/jwt-known-key: two rules at once).
#include <doctest/doctest.h>

#include <filesystem>

#include "rules/registry.hpp"
#include "support/fixture.hpp"
#include "support/workspace_scan.hpp"

namespace fs = std::filesystem;
using namespace agentlens;

TEST_SUITE("rules") {
  TEST_CASE("weak-jwt-verification: tokens verified with a key that has a known fallback") {
    fs::path dir = testing::sourceDir() / "tests/cross-file-multi/jwt-known-key";
    std::vector<const rules::Rule*> two{rules::findRule("secret-env-default"), rules::findRule("weak-jwt-verification")};
    REQUIRE(two[0]);
    REQUIRE(two[1]);
    auto result = testing::scanWithCrossFileKnowledge(dir, two);
    std::vector<std::string> got;
    for (const auto& f : result.files)
      for (const auto& fi : f.findings)
        if (fi.ruleId == "weak-jwt-verification") {
          got.push_back(fi.path + ":" + std::to_string(fi.start.line + 1));
          CHECK(fi.message.find("`SECRET_KEY`") != std::string::npos);
          CHECK(fi.message.find("app/config.py:5") != std::string::npos);
          CHECK(fi.confidence == core::Confidence::Medium);
        }
    REQUIRE(got.size() == 1);
    CHECK(got[0] == "app/routes/admin.py:8");
  }
}
