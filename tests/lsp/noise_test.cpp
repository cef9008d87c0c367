// The editor's noise budget (lsp/noise.hpp): Error only for blockers of the readiness gate,
// Warning for other high-severity findings, Information/Hint for the rest; findings of one rule
// on one line are one diagnostic; agentlens.inlineLevel (initializationOptions, configuration)
// chooses how much is sent.
#include <doctest/doctest.h>

#include <map>
#include <string>

#include "lsp/client.hpp"

using agentlens::testing::TempDir;
using agentlens::testing::TestClient;
using nlohmann::json;

namespace {

const char* kNoisy =
    "import requests\n"
    "STRIPE_API_KEY = \"sk_live_51Hx9aQ2eZvKYlo2C8Nv3mR7tYpQ\"\n"
    "\n"
    "def f(a, b):\n"
    "    print(a); print(b)\n"
    "    try:\n"
    "        requests.get(\"http://x\", timeout=3)\n"
    "    except Exception:\n"
    "        pass\n";

/// rule id → (severity, count) of the published diagnostics.
std::map<std::string, std::pair<int, int>> byRule(const json& diags) {
  std::map<std::string, std::pair<int, int>> out;
  for (const auto& d : diags) {
    auto& e = out[d["code"].get<std::string>()];
    e.first = d["severity"];
    ++e.second;
  }
  return out;
}

json published(const json& init) {
  TempDir dir;
  std::string path = dir.write("svc/n.py", kNoisy);
  TestClient c({.initializationOptions = init, .roots = {dir.path.string()}});
  c.initialize();
  c.open(path, kNoisy, 1);
  return c.lastDiagnostics(path)["diagnostics"];
}

}  // namespace

TEST_SUITE("lsp") {
  TEST_CASE("noise budget: Error only for gate blockers, Warning for high severity, one diagnostic per rule and line") {
    json all = published(nullptr);
    auto r = byRule(all);
    REQUIRE(r.count("hardcoded-secret"));
    CHECK(r["hardcoded-secret"].first == 1);         // a blocker of the readiness gate
    CHECK(r["swallowed-exception"].first == 2);      // high severity, not a gate rule
    CHECK(r["hardcoded-service-endpoint"].first == 3);  // medium
    CHECK(r["print-instead-of-logging"].first == 4);    // low
    // Two print() calls on one line: one diagnostic covering both, saying so.
    CHECK(r["print-instead-of-logging"].second == 1);
    for (const auto& d : all) {
      if (d["code"] != "print-instead-of-logging") continue;
      CHECK(d["range"]["start"] == json{{"line", 4}, {"character", 4}});
      CHECK(d["range"]["end"]["character"].get<int>() >= 19);  // through the second print
      CHECK(d["message"].get<std::string>().find("(2 findings of this rule on this line)") != std::string::npos);
      CHECK(d["data"]["fixes"].size() >= 1);
    }
    for (const auto& d : all) CHECK((d["severity"] != 1 || d["code"] == "hardcoded-secret"));
  }

  TEST_CASE("agentlens.inlineLevel: errors, warnings or all (initializationOptions and configuration)") {
    auto errors = byRule(published({{"inlineLevel", "errors"}}));
    CHECK(errors.size() == 1);
    CHECK(errors.count("hardcoded-secret"));
    auto warnings = byRule(published({{"inlineLevel", "warnings"}}));
    CHECK(warnings.count("hardcoded-secret"));
    CHECK(warnings.count("swallowed-exception"));
    CHECK(!warnings.count("hardcoded-service-endpoint"));
    CHECK(!warnings.count("print-instead-of-logging"));
    // A user's severity override counts before the budget.
    auto raised = byRule(published({{"inlineLevel", "warnings"}, {"severity", {{"print-instead-of-logging", "warning"}}}}));
    CHECK(raised.count("print-instead-of-logging"));

    TempDir dir;
    std::string path = dir.write("svc/n.py", kNoisy);
    TestClient c({.capabilities = {{"workspace", {{"configuration", true}}}},
                  .roots = {dir.path.string()},
                  .configuration = {{"inlineLevel", "errors"}}});
    c.initialize();
    c.open(path, kNoisy, 1);
    CHECK(byRule(c.lastDiagnostics(path)["diagnostics"]).size() == 1);
    // A client without workspace/configuration pushes it in didChangeConfiguration.
    TestClient p({.roots = {dir.path.string()}});
    p.initialize();
    p.open(path, kNoisy, 1);
    p.notify("workspace/didChangeConfiguration", {{"settings", {{"agentlens", {{"inlineLevel", "errors"}}}}}});
    CHECK(byRule(p.lastDiagnostics(path)["diagnostics"]).size() == 1);
    p.notify("workspace/didChangeConfiguration", {{"settings", {{"agentlens", {{"inlineLevel", "all"}}}}}});
    CHECK(byRule(p.lastDiagnostics(path)["diagnostics"]).size() >= 4);
    p.notify("workspace/didChangeConfiguration", {{"settings", {{"agentlens", {{"inlineLevel", "loud"}}}}}});
    CHECK(!p.take("window/logMessage").empty());  // a wrong value is reported, the default applies
  }
}

#include <filesystem>
#include <set>
#include <utility>

#include "support/fixture.hpp"

TEST_SUITE("lsp") {
  TEST_CASE("workspace findings of one rule on one manifest line show once, with each distinct message") {
    TempDir dir;
    std::filesystem::copy(agentlens::testing::sourceDir() / "examples/shop-prototype", dir.path,
                          std::filesystem::copy_options::recursive);
    TestClient c({.roots = {dir.path.string()}, .indexWorkspace = true});
    c.initialize();
    std::string req = (dir.path / "requirements.txt").string();
    json diags = c.lastDiagnostics(req)["diagnostics"];
    REQUIRE(!diags.empty());
    std::set<std::pair<std::string, int>> seen;
    bool joined = false;
    for (const auto& d : diags) {
      bool fresh = seen.insert({d["code"].get<std::string>(), d["range"]["start"]["line"].get<int>()}).second;
      CHECK_MESSAGE(fresh, d.dump());
      if (d["code"] == "no-metrics-tracing-error-tracking") joined = d["message"].get<std::string>().find('\n') != std::string::npos;
    }
    CHECK(joined);  // metrics, tracing and error tracking: one diagnostic, three lines
  }
}
