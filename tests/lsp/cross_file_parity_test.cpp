// The editor and CI agree where the cross-file pass changes findings: for every fixture workspace
// of tests/cross-file/ (a route protected by a mount in another file, `trust proxy` set in the
// module that builds the app, object access behind an auth mount, …), the findings the server
// holds after indexing the workspace equal `agentlens check`'s — the same files, lines, rules,
// severities, confidences and messages — and so does an open document's published diagnostics.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <string>

#include "e2e/proc.hpp"
#include "lsp/client.hpp"
#include "support/fixture.hpp"

namespace fs = std::filesystem;
using agentlens::testing::TestClient;
using nlohmann::json;

namespace {

std::string line(const std::string& file, int line1, const std::string& rule, const std::string& severity,
                 const std::string& confidence, const std::string& message) {
  return file + ":" + std::to_string(line1) + " " + rule + " " + severity + " " + confidence + " " + message;
}

std::multiset<std::string> checkFindings(const fs::path& dir) {
  json cli = json::parse(
      agentlens::testing::runBinary("check --format json --no-cache --fail-on none '" + dir.string() + "'").out);
  std::multiset<std::string> out;
  for (const auto& f : cli["findings"])
    out.insert(line(f["file"], f["range"]["start"]["line"].get<int>(), f["rule"], f["severity"], f["confidence"],
                    f["message"]));
  return out;
}

std::multiset<std::string> serverFindings(TestClient& c) {
  std::multiset<std::string> out;
  for (const auto& fd : c.server().workspace().allDiagnostics())
    for (const auto& f : fd.findings)
      if (!f.suppressedReason)
        out.insert(line(fd.displayPath, static_cast<int>(f.start.line) + 1, f.ruleId,
                        std::string(agentlens::core::severityName(f.severity)),
                        std::string(agentlens::core::confidenceName(f.confidence)), f.message));
  return out;
}

std::string difference(const std::multiset<std::string>& a, const std::multiset<std::string>& b) {
  std::vector<std::string> d;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(d));
  std::string out;
  for (const auto& s : d) out += "\n  " + s;
  return out;
}

std::string readAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST_SUITE("lsp") {
  TEST_CASE("the server and `agentlens check` agree on every cross-file fixture workspace") {
    fs::path base = agentlens::testing::sourceDir() / "tests/cross-file";
    std::vector<fs::path> cases;
    for (const auto& rule : fs::directory_iterator(base))
      for (const auto& c : fs::directory_iterator(rule.path()))
        if (c.is_directory()) cases.push_back(c.path());
    std::sort(cases.begin(), cases.end());
    REQUIRE(cases.size() > 40);
    for (const auto& dir : cases) {
      CAPTURE(fs::relative(dir, base).string());
      auto expected = checkFindings(dir);
      TestClient c({.roots = {dir.string()}, .indexWorkspace = true});
      c.initialize();
      c.drain();
      auto got = serverFindings(c);
      CHECK_MESSAGE(difference(expected, got).empty(), "only in check:" << difference(expected, got));
      CHECK_MESSAGE(difference(got, expected).empty(), "only in the server:" << difference(got, expected));
    }
  }

  TEST_CASE("a route the workspace shows protected is not reported in the editor, as in `check`") {
    // routes/projects.js alone has open routes; app.js mounts it after its auth middleware (and
    // mounts routes/hooks.js before it: those stay reported).
    // Copied: under tests/ every file would be judged a test file when no root is open.
    agentlens::testing::TempDir tmp;
    fs::copy(agentlens::testing::sourceDir() / "tests/cross-file/route-without-auth/express-mounted-after-auth", tmp.path,
             fs::copy_options::recursive);
    const fs::path& dir = tmp.path;
    fs::path projects = dir / "src/routes/projects.js";
    auto ruleLines = [](const json& pub) {
      std::set<int> out;
      for (const auto& d : pub["diagnostics"])
        if (d["code"] == "route-without-auth") out.insert(d["range"]["start"]["line"].get<int>() + 1);
      return out;
    };
    {
      TestClient alone({});  // no root: the file is judged alone
      alone.initialize();
      alone.open(projects.string(), readAll(projects), 1, "javascript");
      alone.drain();
      REQUIRE_FALSE(ruleLines(alone.lastDiagnostics(projects.string())).empty());
    }
    auto expected = checkFindings(dir);
    TestClient c({.roots = {dir.string()}, .indexWorkspace = true});
    c.initialize();
    c.drain();
    // An open document is published from its own version with the same cross-file verdict.
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
      if (!e.is_regular_file() || e.path().extension() != ".js") continue;
      std::string rel = fs::relative(e.path(), dir).string();
      CAPTURE(rel);
      c.open(e.path().string(), readAll(e.path()), 1, "javascript");
      c.drain();
      json pub = c.lastDiagnostics(e.path().string());
      REQUIRE(pub.is_object());
      CHECK(pub["version"] == 1);
      std::set<std::string> shown, want;
      for (const auto& d : pub["diagnostics"])
        shown.insert(std::to_string(d["range"]["start"]["line"].get<int>() + 1) + " " + d["code"].get<std::string>());
      for (const auto& s : expected)
        if (s.rfind(rel + ":", 0) == 0) {
          auto rest = s.substr(rel.size() + 1);
          want.insert(rest.substr(0, rest.find(' ', rest.find(' ') + 1)));
        }
      CHECK(shown == want);  // the editor collapses per rule and line: compared as sets
      if (e.path() == projects) CHECK(ruleLines(pub).empty());
      if (e.path().filename() == "hooks.js") CHECK(ruleLines(pub) == std::set<int>{5, 6});
    }
  }
}
