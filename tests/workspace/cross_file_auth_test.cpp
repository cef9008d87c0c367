// Cross-file knowledge between the authorization rules: an ownership finding on a route that
// route-without-auth reports as open is redundant (there is no caller to own anything).
#include <doctest/doctest.h>

#include <filesystem>

#include "rules/registry.hpp"
#include "support/fixture.hpp"
#include "support/workspace_scan.hpp"

namespace fs = std::filesystem;
using namespace agentlens;

namespace {

std::vector<std::string> run(const fs::path& dir, std::vector<const rules::Rule*> enabled) {
  auto result = testing::scanWithCrossFileKnowledge(dir, enabled);
  std::vector<std::string> out;
  for (const auto& f : result.files)
    for (const auto& fi : f.findings) out.push_back(fi.ruleId + "@" + std::to_string(fi.start.line + 1));
  return out;
}

}  // namespace

TEST_SUITE("rules") {
  TEST_CASE("object-access finding on an open route is redundant with route-without-auth") {
    fs::path dir = testing::sourceDir() / "tests/workspace/cross-file-auth/open-route-redundant";
    const rules::Rule* open = rules::findRule("route-without-auth");
    const rules::Rule* owner = rules::findRule("object-access-without-ownership-check");
    REQUIRE(open);
    REQUIRE(owner);
    // Both rules on: only the missing auth is reported.
    auto both = run(dir, {open, owner});
    INFO(both.size() << " " << (both.empty() ? "" : both[0]) << " " << (both.size() > 1 ? both[1] : ""));
    CHECK(both == std::vector<std::string>{"route-without-auth@8", "route-without-auth@12"});
    // Ownership alone (route-without-auth disabled): the ownership gap is still reported.
    auto alone = run(dir, {owner});
    CHECK(alone == std::vector<std::string>{"object-access-without-ownership-check@8"});
  }
}
