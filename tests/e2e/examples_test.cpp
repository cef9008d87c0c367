// End-to-end on the shipped examples: `examples/shop-prototype` reports the gaps each
// error-handling and observability rule exists for; `examples/shop-hardened` (the same shop
// written carefully) has no finding at level error or warning, whatever rules are registered.
#include <doctest/doctest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "support/fixture.hpp"

using nlohmann::json;

namespace {

json checkJson(const std::string& example) {
  std::string dir = (agentlens::testing::sourceDir() / "examples" / example).string();
  std::string cmd = std::string(AGENTLENS_BINARY) + " check -q --no-cache --fail-on none --format json '" + dir + "' 2>/dev/null";
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p != nullptr);
  std::string out;
  std::array<char, 4096> buf{};
  std::size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  int st = pclose(p);
  REQUIRE(WIFEXITED(st));
  REQUIRE(WEXITSTATUS(st) == 0);
  return json::parse(out);
}

std::map<std::string, int> countByRule(const json& report) {
  std::map<std::string, int> counts;
  for (const auto& f : report["findings"]) ++counts[f["rule"].get<std::string>()];
  return counts;
}

}  // namespace

TEST_SUITE("examples") {
  TEST_CASE("shop-hardened has no error or warning finding") {
    json report = checkJson("shop-hardened");
    REQUIRE(report["findings"].is_array());
    for (const auto& f : report["findings"]) {
      auto level = f["level"].get<std::string>();
      INFO(f["file"].get<std::string>(), ":", f["range"]["start"]["line"].dump(), " ", f["rule"].get<std::string>(),
           ": ", f["message"].get<std::string>());
      CHECK(level != "error");
      CHECK(level != "warning");
    }
  }

  TEST_CASE("shop-prototype reports every error-handling and observability gap it has") {
    auto counts = countByRule(checkJson("shop-prototype"));
    for (const char* rule :
         {"swallowed-exception", "broad-exception-catch", "catch-all-500", "error-details-in-response",
          "raise-without-cause", "unchecked-response-status", "unhandled-async-error", "exit-in-request-path",
          "outbound-call-without-timeout", "blocking-call-in-async-handler", "retry-without-backoff",
          "print-instead-of-logging", "debugger-leftover", "unstructured-log-message",
          "exception-logged-without-stacktrace", "unlogged-server-error"}) {
      INFO("rule: ", rule);
      CHECK(counts[rule] >= 1);
    }
  }
}
