// End-to-end (the real binary): config files and flags, `config --show`, inline suppressions in
// the JSON report, the baseline workflow, and custom rules.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "e2e/proc.hpp"
#include "support/fixture.hpp"

using nlohmann::json;
using agentlens::testing::TempDir;

namespace {

struct Run {
  int status = -1;
  std::string out;
};

/// stdout and exit status of the real binary (tests/e2e/proc.hpp runs it, with a timeout).
Run runCli(const std::string& args) {
  auto r = agentlens::testing::runBinary(args);
  return {r.exitCode, r.out};
}

constexpr const char* kServer =
    "from flask import Flask\napp = Flask(__name__)\n\n@app.get('/')\ndef index():\n    print('hit')\n"
    "    try:\n        pass\n    except:\n        pass\n    return 'ok'\n";

/// (file, rule, line, suppressed) of every finding in a JSON report.
struct Row {
  std::string file, rule;
  int line;
  bool suppressed;
};
std::vector<Row> rows(const std::string& out) {
  std::vector<Row> v;
  json j = json::parse(out);
  for (const auto& f : j["findings"])
    v.push_back({f["file"], f["rule"], f["range"]["start"]["line"].get<int>(), f.contains("suppressed")});
  return v;
}
std::size_t openCount(const std::vector<Row>& rs, const std::string& rule, const std::string& file = "") {
  std::size_t n = 0;
  for (const auto& r : rs)
    if (r.rule == rule && !r.suppressed && (file.empty() || r.file == file)) ++n;
  return n;
}

}  // namespace

TEST_SUITE("cli") {
  TEST_CASE("a config error is reported on the config file with its line; the rest applies") {
    TempDir t("e2e-cfgerr");
    t.write(".agentlens.toml", "# comment\nignore = [\"swallowed-exception\"]\nignroe = [\"security\"]\n");
    t.write("app.py", kServer);
    auto r = runCli("check --color never " + t.str());
    CHECK(r.status == 1);
    CHECK(r.out.find(".agentlens.toml:3:1  invalid-config  unknown key `ignroe`") != std::string::npos);
    CHECK(r.out.find("swallowed-exception") == std::string::npos);  // the valid line still applies
    auto j = rows(runCli("check --format json " + t.str()).out);
    CHECK(openCount(j, "invalid-config", ".agentlens.toml") == 1);
  }

  TEST_CASE("nearest config wins and per-path overrides relax scripts/") {
    TempDir t("e2e-nearest");
    t.write(".agentlens.toml", "[[overrides]]\npaths = [\"scripts/**\"]\nignore = [\"observability\"]\n");
    t.write("svc/.agentlens.toml", "select = [\"observability\"]\n");
    t.write("app.py", kServer);
    t.write("svc/app.py", kServer);
    t.write("scripts/app.py", kServer);
    auto j = rows(runCli("check --format json " + t.str()).out);
    CHECK(openCount(j, "print-instead-of-logging", "app.py") == 1);
    CHECK(openCount(j, "swallowed-exception", "app.py") == 1);
    CHECK(openCount(j, "print-instead-of-logging", "svc/app.py") == 1);
    CHECK(openCount(j, "swallowed-exception", "svc/app.py") == 0);
    CHECK(openCount(j, "print-instead-of-logging", "scripts/app.py") == 0);
    CHECK(openCount(j, "swallowed-exception", "scripts/app.py") == 1);
  }

  TEST_CASE("--select, --ignore, --config and exclude") {
    TempDir t("e2e-flags");
    t.write("app.py", kServer);
    t.write("gen/app.py", kServer);
    std::string cfg = t.write("ci/agentlens.toml", "exclude = [\"gen\"]\n");
    auto sel = rows(runCli("check --format json --select observability " + t.str()).out);
    CHECK(openCount(sel, "print-instead-of-logging") == 2);
    CHECK(openCount(sel, "swallowed-exception") == 0);
    auto ign = rows(runCli("check --format json --ignore print-instead-of-logging,hardcoded-secret " + t.str()).out);
    CHECK(openCount(ign, "print-instead-of-logging") == 0);
    CHECK(openCount(ign, "swallowed-exception") == 2);
    // --config: globs are relative to that file's directory (ci/), so "gen" still matches by name.
    auto ex = rows(runCli("check --format json --config " + cfg + " " + t.str()).out);
    CHECK(openCount(ex, "swallowed-exception") == 1);
    CHECK(runCli("check --select no-such-rule " + t.str()).status == 2);
    auto verbose = runCli("check --verbose --color never --config " + cfg + " " + t.str());
    CHECK(verbose.out.find("excluded by \"gen\"") != std::string::npos);
  }

  TEST_CASE("config --show prints the effective configuration for a path") {
    TempDir t("e2e-show");
    t.write(".agentlens.toml", "[rules.swallowed-exception]\nseverity = \"low\"\n[[overrides]]\npaths = [\"scripts/**\"]\n"
                               "ignore = [\"observability\"]\n[score]\nfail-under = 70\n");
    t.write("scripts/x.py", "print(1)\n");
    auto r = runCli("config --show " + t.str() + "/scripts/x.py");
    CHECK(r.status == 0);
    CHECK(r.out.find("override applied: paths = \"scripts/**\"") != std::string::npos);
    CHECK(r.out.find("print-instead-of-logging = { enabled = false") != std::string::npos);
    CHECK(r.out.find("swallowed-exception = { enabled = true, category = \"error-handling\", severity = \"low\" }") !=
          std::string::npos);
    CHECK(r.out.find("fail-under = 70") != std::string::npos);
  }

  TEST_CASE("fail-on from the config decides the exit status unless --fail-on is given") {
    TempDir t("e2e-failon");
    t.write("app.py", "from flask import Flask\napp = Flask(__name__)\n\n@app.get('/')\ndef index():\n    print('hit')\n    return 'ok'\n");
    std::string file = t.str() + "/app.py";  // one file: no workspace checks
    CHECK(runCli("check " + file).status == 0);
    t.write(".agentlens.toml", "fail-on = \"info\"\n");
    CHECK(runCli("check " + file).status == 1);
    CHECK(runCli("check --fail-on error " + file).status == 0);
  }

  TEST_CASE("suppressed findings stay in the JSON report as accepted, with the reason") {
    TempDir t("e2e-supp");
    std::string text = kServer;
    text.replace(text.find("print('hit')") + 12, 0, "  # agentlens: ignore[print-instead-of-logging] -- startup banner");
    text += "x = 1  # agentlens: ignore[swallowed-exception] -- stale\n";
    t.write("app.py", text);
    auto out = runCli("check --format json " + t.str()).out;
    json j = json::parse(out);
    bool found = false;
    for (const auto& f : j["findings"])
      if (f["rule"] == "print-instead-of-logging") {
        found = true;
        CHECK(f["suppressed"]["reason"] == "startup banner");
      }
    CHECK(found);
    auto rs = rows(out);
    CHECK(openCount(rs, "unused-suppression") == 1);
    auto text2 = runCli("check --color never " + t.str()).out;
    CHECK(text2.find("1 suppressed") != std::string::npos);
  }

  TEST_CASE("baseline workflow: write, survive inserted lines, report only new findings, prune") {
    TempDir t("e2e-baseline");
    t.write("app.py", kServer);
    t.write("b.py", kServer);
    // The counts below are of these two rules (workspace checks and others also fire here).
    t.write(".agentlens.toml", "select = [\"swallowed-exception\", \"print-instead-of-logging\"]\n");
    auto w = runCli("check " + t.str() + " --write-baseline");
    CHECK(w.status == 0);
    CHECK(w.out.find("Wrote ") == 0);
    std::string baseline = agentlens::testing::readText(t.path / ".agentlens-baseline.json");
    CHECK(baseline.find("\"fingerprint\"") != std::string::npos);
    // Picked up automatically; nothing new.
    auto clean = runCli("check " + t.str());
    CHECK(clean.status == 0);
    // Lines inserted above the findings: still accepted.
    t.write("app.py", "import os\nimport sys\n\n\n" + std::string(kServer));
    auto moved = rows(runCli("check --format json " + t.str()).out);
    CHECK(openCount(moved, "swallowed-exception") == 0);
    CHECK(openCount(moved, "print-instead-of-logging") == 0);
    // A new finding is reported, and fails the check.
    t.write("app.py", "import os\n" + std::string(kServer) + "\n@app.get('/x')\ndef x():\n    try:\n        return 1\n    except:\n        pass\n");
    auto fresh = runCli("check --format json " + t.str());
    CHECK(fresh.status == 1);
    CHECK(openCount(rows(fresh.out), "swallowed-exception") == 1);
    // --no-baseline shows everything.
    CHECK(openCount(rows(runCli("check --format json --no-baseline " + t.str()).out), "swallowed-exception") == 3);
    // Fix b.py's except, prune: its entry goes, the rest stays.
    std::string fixedB = kServer;
    fixedB.replace(fixedB.find("    except:\n        pass\n"), 25, "    except Exception:\n        raise\n");
    t.write("b.py", fixedB);
    runCli("check --prune-baseline " + t.str());
    std::string pruned = agentlens::testing::readText(t.path / ".agentlens-baseline.json");
    CHECK(json::parse(pruned)["findings"].size() == 3);
    // --baseline names another file; a missing one is an error.
    CHECK(runCli("check --baseline " + t.str() + "/nope.json " + t.str()).status == 2);
    auto other = runCli("check --write-baseline=" + t.str() + "/other.json " + t.str());
    CHECK(other.status == 0);
    CHECK(runCli("check --fail-on hint --no-baseline --baseline " + t.str() + "/other.json " + t.str()).status == 1);
    CHECK(runCli("check --fail-on hint --baseline " + t.str() + "/other.json " + t.str()).status == 0);
  }

  TEST_CASE("custom rules from .agentlens/rules run, are configurable, and invalid ones are reported") {
    TempDir t("e2e-custom");
    t.write(".agentlens/rules/timeout.toml",
            "id = \"requests-without-timeout\"\ncategory = \"error-handling\"\nseverity = \"high\"\n"
            "languages = [\"python\"]\nmessage = \"`requests.{{method}}` without a timeout\"\n"
            "query = '''\n((call function: (attribute object: (identifier) @o attribute: (identifier) @method)\n"
            "   arguments: (argument_list) @args) @match\n (#eq? @o \"requests\") (#not-match? @args \"timeout\"))\n'''\n");
    t.write(".agentlens/rules/broken.toml",
            "id = \"broken\"\ncategory = \"security\"\nlanguages = [\"go\"]\nmessage = \"m\"\nquery = '''(call_expresion) @x'''\n");
    t.write("svc.py", "import requests\nr = requests.get(u)\nok = requests.get(u, timeout=2)\n");
    auto r = runCli("check --color never " + t.str());
    CHECK(r.status == 1);
    CHECK(r.out.find("svc.py:2:5  requests-without-timeout  `requests.get` without a timeout") != std::string::npos);
    CHECK(r.out.find("svc.py:3:") == std::string::npos);
    CHECK(r.out.find(".agentlens/rules/broken.toml:5:13  invalid-config  invalid query for go") != std::string::npos);
    auto ignored = rows(runCli("check --format json --ignore requests-without-timeout " + t.str()).out);
    CHECK(openCount(ignored, "requests-without-timeout") == 0);
    auto sarif = json::parse(runCli("check --format sarif " + t.str()).out);
    bool described = false;
    for (const auto& rule : sarif["runs"][0]["tool"]["driver"]["rules"])
      if (rule["id"] == "requests-without-timeout") described = rule["properties"]["category"] == "error-handling";
    CHECK(described);
  }
}
