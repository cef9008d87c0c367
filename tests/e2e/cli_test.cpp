// End-to-end: the real `agentlens` binary on the shipped example and on temporary workspaces.
#include <doctest/doctest.h>

#include "e2e/proc.hpp"
#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <nlohmann/json.hpp>
#include <string>

#include "support/fixture.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

struct Run {
  int status = -1;
  std::string out;
};
/// stdout and exit status of the binary (tests/e2e/proc.hpp runs it).
Run runAgentlens(const std::string& args) {
  auto r = agentlens::testing::runBinary(args);
  return {r.exitCode, r.out};
}

std::string example() { return (agentlens::testing::sourceDir() / "examples/shop-prototype").string(); }

}  // namespace

TEST_SUITE("cli") {
  TEST_CASE("--version and --help") {
    auto v = runAgentlens("--version");
    CHECK(v.status == 0);
    CHECK(v.out.find("agentlens 0.") == 0);
    auto h = runAgentlens("--help");
    CHECK(h.status == 0);
    CHECK(h.out.find("check") != std::string::npos);
    CHECK(h.out.find("explain") != std::string::npos);
  }

  TEST_CASE("usage errors exit 2") {
    CHECK(runAgentlens("check --format yaml .").status == 2);
    CHECK(runAgentlens("check /no/such/path").status == 2);
    CHECK(runAgentlens("explain no-such-rule").status == 2);
    CHECK(runAgentlens("frobnicate").status == 2);
  }

  TEST_CASE("text report on the example: findings, caret lines, fix titles, masked secrets") {
    auto r = runAgentlens("check --color never " + example());
    CHECK(r.status == 1);
    CHECK(r.out.find("app.py:42:5  swallowed-exception  ") != std::string::npos);
    CHECK(r.out.find("^^^^^^^") != std::string::npos);
    CHECK(r.out.find("= fix (safe): Log the exception with its traceback") != std::string::npos);
    // The Stripe key appears only masked.
    CHECK(r.out.find("sk_live_51Hx9aQ2eZvKYlo2C8Nv3mR7tYpQ") == std::string::npos);
    CHECK(r.out.find("sk_l****") != std::string::npos);
    CHECK(r.out.find("Found ") != std::string::npos);
  }

  TEST_CASE("json report follows the documented schema") {
    auto r = runAgentlens("check --format json " + example());
    CHECK(r.status == 1);
    json j = json::parse(r.out);
    CHECK(j["schemaVersion"] == 1);
    REQUIRE(j["findings"].is_array());
    REQUIRE(!j["findings"].empty());
    bool sawFix = false;
    for (const auto& f : j["findings"]) {
      CHECK(f["file"].is_string());
      CHECK(f["file"].get<std::string>().find('/') != 0);  // relative to the root
      CHECK(f["range"]["start"]["line"].get<int>() >= 1);
      CHECK(f["range"]["start"]["column"].get<int>() >= 1);
      CHECK(f["rule"].is_string());
      CHECK(f["category"].is_string());
      CHECK(f["severity"].is_string());
      CHECK(f["message"].is_string());
      CHECK(f.contains("fix"));
      if (!f["fix"].is_null()) {
        sawFix = true;
        CHECK(f["fix"]["title"].is_string());
        CHECK(f["fix"]["safety"].is_string());
        CHECK(f["fix"]["edits"].is_array());
      }
    }
    CHECK(sawFix);
    CHECK(r.out.find("sk_live_51Hx9aQ2eZvKYlo2C8Nv3mR7tYpQ") == std::string::npos);
  }

  TEST_CASE("sarif report has the fields GitHub code scanning reads") {
    auto r = runAgentlens("check --format sarif " + example());
    json s = json::parse(r.out);
    CHECK(s["version"] == "2.1.0");
    const auto& run = s["runs"][0];
    const auto& rules = run["tool"]["driver"]["rules"];
    REQUIRE(rules.is_array());
    REQUIRE(!rules.empty());
    for (const auto& rule : rules) {
      CHECK(rule["id"].is_string());
      CHECK(!rule["shortDescription"]["text"].get<std::string>().empty());
      CHECK(!rule["fullDescription"]["text"].get<std::string>().empty());
      CHECK(rule["help"]["text"].get<std::string>().find("## What it does") != std::string::npos);
      std::string cat = rule["properties"]["category"];
      CHECK((cat == "error-handling" || cat == "security" || cat == "observability" || cat == "configuration" ||
             cat == "database" || cat == "deployment" || cat == "testing"));
    }
    REQUIRE(!run["results"].empty());
    bool sawFix = false;
    for (const auto& res : run["results"]) {
      CHECK(res["ruleId"].is_string());
      CHECK(res["level"].is_string());
      CHECK(res["message"]["text"].is_string());
      const auto& loc = res["locations"][0]["physicalLocation"];
      CHECK(loc["artifactLocation"]["uri"].get<std::string>().find('/') != 0);
      CHECK(loc["artifactLocation"]["uriBaseId"] == "%SRCROOT%");
      CHECK(loc["region"]["startLine"].get<int>() >= 1);
      sawFix |= res.contains("fixes");
    }
    CHECK(sawFix);
    CHECK(run["originalUriBaseIds"]["%SRCROOT%"]["uri"].get<std::string>().rfind("file://", 0) == 0);
  }

  TEST_CASE("--fail-on decides the exit status") {
    fs::path dir = fs::temp_directory_path() / ("agentlens-cli-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    std::ofstream(dir / "app.py") << "from flask import Flask\napp = Flask(__name__)\n\n@app.get('/')\ndef index():\n    print('hit')\n    return 'ok'\n";
    // A single file: file rules only (workspace checks judge directories).
    std::string app = (dir / "app.py").string();
    CHECK(runAgentlens("check " + app).status == 0);                 // only an info finding
    CHECK(runAgentlens("check --fail-on info " + app).status == 1);
    CHECK(runAgentlens("check " + dir.string()).status == 1);        // the directory has no tests: an error
    CHECK(runAgentlens("check --fail-on none " + example()).status == 0);
    std::ofstream(dir / "clean.py") << "x = 1\n";
    CHECK(runAgentlens("check " + (dir / "clean.py").string()).status == 0);
    fs::remove_all(dir);
  }

  TEST_CASE("workspace checks are rules the configuration and flags can name") {
    fs::path dir = fs::temp_directory_path() / ("agentlens-wsid-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    std::ofstream(dir / "app.py") << "from flask import Flask\napp = Flask(__name__)\n\n@app.get('/')\ndef index():\n    return 'ok'\n";
    auto rules = [](const Run& r) {
      std::set<std::string> ids;
      json report = json::parse(r.out);  // kept alive: range-for over a temporary's member is UB
      for (const auto& f : report["findings"]) ids.insert(f["rule"].get<std::string>());
      return ids;
    };
    auto before = rules(runAgentlens("check --format json --no-cache " + dir.string()));
    REQUIRE(before.count("no-tests"));
    // From the command line (exit 2 with "unknown rule" before workspace checks were known).
    auto flag = runAgentlens("check --format json --no-cache --ignore no-tests " + dir.string());
    REQUIRE(flag.status != 2);
    CHECK_FALSE(rules(flag).count("no-tests"));
    // From .agentlens.toml: no invalid-config finding, and the check is off.
    std::ofstream(dir / ".agentlens.toml") << "ignore = [\"no-tests\", \"no-health-endpoint\"]\n";
    auto cfg = rules(runAgentlens("check --format json --no-cache " + dir.string()));
    CHECK_FALSE(cfg.count("invalid-config"));
    CHECK_FALSE(cfg.count("no-tests"));
    CHECK_FALSE(cfg.count("no-health-endpoint"));
    CHECK(cfg.count("no-logging-config") == before.count("no-logging-config"));  // the others still run
    fs::remove_all(dir);
  }

  TEST_CASE("--verbose lists skipped paths with reasons") {
    fs::path dir = fs::temp_directory_path() / ("agentlens-skip-" + std::to_string(::getpid()));
    fs::create_directories(dir / "node_modules/x");
    std::ofstream(dir / "node_modules/x/index.js") << "console.log(1)\n";
    std::ofstream(dir / "blob.py", std::ios::binary) << std::string("\0\1\2", 3);
    std::ofstream(dir / "ok.py") << "x = 1\n";
    auto r = runAgentlens("check --verbose --color never " + dir.string());
    CHECK(r.out.find("dependency, build or VCS directory") != std::string::npos);
    CHECK(r.out.find("node_modules/") != std::string::npos);
    CHECK(r.out.find("binary") != std::string::npos);
    fs::remove_all(dir);
  }

  TEST_CASE("rules and explain") {
    auto r = runAgentlens("rules");
    CHECK(r.status == 0);
    CHECK(r.out.find("swallowed-exception") != std::string::npos);
    CHECK(r.out.find("error-handling") != std::string::npos);
    auto j = json::parse(runAgentlens("rules --format json").out);
    CHECK(j.size() >= 3);
    // gate: the rule's open findings block the readiness gate (scripts/ecosystem.py reads it).
    std::map<std::string, bool> gate;
    for (const auto& rule : j) gate[rule.at("id").get<std::string>()] = rule.at("gate").get<bool>();
    CHECK(gate.at("hardcoded-secret"));
    CHECK_FALSE(gate.at("print-instead-of-logging"));
    auto e = runAgentlens("explain swallowed-exception");
    CHECK(e.status == 0);
    CHECK(e.out.find("## What it does") != std::string::npos);
    CHECK(e.out.find("## Fix safety") != std::string::npos);
  }
}

TEST_SUITE("cli") {
  TEST_CASE("readiness in every format; --fail-under gates on the score; --compare shows the delta") {
    auto j = json::parse(runAgentlens("check --format json " + example()).out);
    REQUIRE(j.contains("readiness"));
    const auto& r = j["readiness"];
    double score = r["score"].get<double>();
    CHECK(score >= 0);
    CHECK(score < 50);  // the prototype: far from ready
    CHECK(r["grade"].is_string());
    CHECK(r["categories"].contains("security"));
    // The gate sits beside the score (score version 2): blockers fail it, nothing caps the number.
    CHECK(r["scoreVersion"] == "2");
    CHECK(r["gate"]["passed"] == false);
    CHECK(r["gate"]["headline"].get<std::string>().starts_with("Not ready: "));
    CHECK(std::find(r["gate"]["rules"].begin(), r["gate"]["rules"].end(), "hardcoded-secret") != r["gate"]["rules"].end());
    CHECK_FALSE(r.contains("cap"));
    CHECK_FALSE(r["categories"]["security"].contains("cap"));
    REQUIRE(!r["plan"].empty());
    CHECK(r["plan"][0]["blocker"] == true);
    CHECK(r["plan"][0]["handoff"].get<std::string>().find("Done when") != std::string::npos);
    auto s = json::parse(runAgentlens("check --format sarif " + example()).out);
    CHECK(s["runs"][0]["properties"]["readiness"]["score"].get<double>() == score);

    CHECK(runAgentlens("check --fail-on none --fail-under 20 " + example()).status == 0);
    CHECK(runAgentlens("check --fail-on none --fail-under 90 " + example()).status == 1);

    fs::path prev = fs::temp_directory_path() / ("agentlens-prev-" + std::to_string(::getpid()) + ".json");
    std::ofstream(prev) << R"({"readiness": {"score": 12.5}})";
    auto t = runAgentlens("check --color never --compare " + prev.string() + " " + example());
    char delta[64];
    std::snprintf(delta, sizeof delta, "+%.1f since the compared report", score - 12.5);
    CHECK(t.out.find(delta) != std::string::npos);
    CHECK(t.out.find("Production readiness: ") == 0);
    // A report without scoreVersion is a version-1 report: the delta is flagged as not comparable.
    CHECK(t.out.find("score version 1 there, 2 here") != std::string::npos);
    std::ofstream(prev) << R"({"readiness": {"score": 12.5, "scoreVersion": "2"}})";
    CHECK(runAgentlens("check --color never --compare " + prev.string() + " " + example()).out.find("score version") == std::string::npos);
    std::ofstream(prev) << "not json";
    CHECK(runAgentlens("check --compare " + prev.string() + " " + example()).status == 2);
    fs::remove(prev);
  }

  TEST_CASE("plan lists buckets, recipes and AI hand-offs") {
    auto p = runAgentlens("plan " + example());
    CHECK(p.status == 0);
    CHECK(p.out.find("Before first deploy:") != std::string::npos);
    CHECK(p.out.find("[blocker] Secrets out of code") != std::string::npos);
    CHECK(p.out.find("Not checked automatically") != std::string::npos);
    auto q = runAgentlens("plan --prompt " + example());
    // Blockers come first: the first task is a blocker, and the secrets item is among the tasks.
    CHECK(q.out.find("1. Task: ") != std::string::npos);
    CHECK(q.out.find("Task: Secrets out of code") != std::string::npos);
    CHECK(q.out.find("sk_live_51Hx9aQ2eZvKYlo2C8Nv3mR7tYpQ") == std::string::npos);
    auto j = json::parse(runAgentlens("plan --format json " + example()).out);
    CHECK(j["plan"].is_array());
  }
}

TEST_SUITE("cli") {
  TEST_CASE("docs/rules is generated from the rule sources and up to date") {
    fs::path dir = fs::temp_directory_path() / ("agentlens-docs-" + std::to_string(::getpid()));
    REQUIRE(runAgentlens("gen-docs " + dir.string()).status == 0);
    fs::path committed = agentlens::testing::sourceDir() / "docs/rules";
    std::size_t pages = 0;
    for (const auto& e : fs::directory_iterator(dir)) {
      ++pages;
      fs::path other = committed / e.path().filename();
      INFO("page: ", e.path().filename().string(), " (run `build/agentlens gen-docs docs/rules`)");
      REQUIRE(fs::exists(other));
      CHECK(agentlens::testing::readText(other) == agentlens::testing::readText(e.path()));
    }
    std::size_t committedPages = static_cast<std::size_t>(std::distance(fs::directory_iterator(committed), fs::directory_iterator()));
    CHECK(committedPages == pages);
    CHECK(pages >= 4);
    fs::remove_all(dir);
  }
}

#include "support/temp_dir.hpp"

TEST_SUITE("cli") {
  TEST_CASE("services --format json: one entry per service (a CI matrix), the root alone when none is found") {
    auto hardened = runAgentlens("services " + (agentlens::testing::sourceDir() / "examples/shop-hardened").string() +
                                 " --format json");
    REQUIRE(hardened.status == 0);
    json j = json::parse(hardened.out);
    REQUIRE(j["services"].is_array());
    std::vector<std::string> paths;
    for (const auto& s : j["services"]) {
      paths.push_back(s["path"]);
      CHECK(s["detected"] == true);
      CHECK(s["score"].is_number());
      CHECK(s["grade"].is_string());
      CHECK(s["blockers"].is_number_unsigned());
    }
    CHECK(paths == std::vector<std::string>{".", "inventory", "notifications"});
    // The same services and scores as the readiness report of `plan --format json`.
    json plan = json::parse(runAgentlens("plan " + (agentlens::testing::sourceDir() / "examples/shop-hardened").string() +
                                         " --format json").out);
    REQUIRE(plan["services"].size() == j["services"].size());
    for (std::size_t i = 0; i < plan["services"].size(); ++i) {
      CHECK(plan["services"][i]["name"] == j["services"][i]["name"]);
      CHECK(std::abs(plan["services"][i]["score"].get<double>() - j["services"][i]["score"].get<double>()) < 0.06);
    }

    agentlens::testing::TempDir dir("services");
    std::ofstream(dir.path / "tool.py") << "print('hello')\n";  // no manifest, no server: no service
    auto none = runAgentlens("services " + dir.path.string() + " --format json");
    REQUIRE(none.status == 0);
    json n = json::parse(none.out);
    REQUIRE(n["services"].size() == 1);
    CHECK(n["services"][0]["path"] == ".");
    CHECK(n["services"][0]["detected"] == false);

    // A declared frontend is a unit of its own, with its kind, in `services` and in the report.
    agentlens::testing::TempDir units("units");
    std::filesystem::create_directories(units.path / "api");
    std::filesystem::create_directories(units.path / "web/src");
    std::ofstream(units.path / ".agentlens.toml") << "[services]\ndeclare = [\"api\", { path = \"web\", kind = \"frontend\" }]\n";
    std::ofstream(units.path / "api/requirements.txt") << "flask==3.0.3\n";
    std::ofstream(units.path / "api/app.py") << "from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.get(\"/items\")\ndef items():\n    return []\n";
    std::ofstream(units.path / "web/package.json") << "{\"name\": \"web\", \"dependencies\": {\"react\": \"18.3.1\"}}\n";
    std::ofstream(units.path / "web/src/App.jsx") << "export function App() {\n  return <h1>Items</h1>;\n}\n";
    json u = json::parse(runAgentlens("services " + units.path.string() + " --format json").out);
    REQUIRE(u["services"].size() == 2);
    CHECK(u["services"][0]["kind"] == "service");
    CHECK(u["services"][1]["path"] == "web");
    CHECK(u["services"][1]["kind"] == "frontend");
    json up = json::parse(runAgentlens("plan " + units.path.string() + " --format json").out);
    REQUIRE(up["services"].size() == 2);
    CHECK(up["services"][1]["kind"] == "frontend");
    for (const auto& item : up["services"][1]["plan"]) CHECK(item["handoff"].get<std::string>().starts_with("Frontend `web`"));
    CHECK(runAgentlens("check " + units.path.string()).out.find("web/ (frontend)") != std::string::npos);

    auto text = runAgentlens("services " + (agentlens::testing::sourceDir() / "examples/shop-hardened").string());
    CHECK(text.status == 0);
    CHECK(text.out.find("inventory\tinventory\t") != std::string::npos);
  }
}
