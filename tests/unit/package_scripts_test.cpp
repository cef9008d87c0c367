// package.json scripts as the facts index records them, located in the file for rules that report
// on (and fix) the value: pretty-printed, minified, a value on the line after its key, a duplicate
// key, escapes, and a `start` key outside "scripts".
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "rules/common/package_scripts.hpp"
#include "support/fixture.hpp"

using namespace agentlens;

namespace {
/// name=value for each located script, the value as written in the file.
std::vector<std::string> located(std::string_view text) {
  auto facts = testing::analyzeText("package.json", text, {}).facts;
  std::vector<std::string> out;
  for (const auto& s : rules::packageScripts(facts, text))
    out.push_back(std::string(s.name) + "=" + std::string(text.substr(s.value.start, s.value.end - s.value.start)));
  return out;
}
}  // namespace

TEST_SUITE("unit") {
  TEST_CASE("package scripts: pretty-printed, with escapes kept as written") {
    auto got = located(
        "{\n  \"name\": \"app\",\n  \"scripts\": {\n    \"start\": \"node server.js\",\n"
        "    \"postinstall\": \"sh -c \\\"prisma migrate deploy\\\"\"\n  }\n}\n");
    CHECK(got == std::vector<std::string>{"start=node server.js", "postinstall=sh -c \\\"prisma migrate deploy\\\""});
  }

  TEST_CASE("package scripts: minified, duplicate keys, a start key before scripts") {
    auto got = located(R"({"config":{"start":"x"},"scripts":{"start":"a","build":"b","start":"c"}})");
    CHECK(got == std::vector<std::string>{"start=a", "build=b", "start=c"});
  }

  TEST_CASE("package scripts: value on the line after its key") {
    auto got = located("{\n  \"scripts\": {\n    \"start\":\n      \"next start\"\n  }\n}\n");
    CHECK(got == std::vector<std::string>{"start=next start"});
  }

  TEST_CASE("package scripts: none outside package.json facts") {
    CHECK(located("{\n  \"name\": \"app\"\n}\n").empty());
  }
}
