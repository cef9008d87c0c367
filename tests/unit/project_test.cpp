// Project: the per-root facade the CLI and the server share — analysis under config, baseline,
// diagnostics, and live reload of config, custom rules and baseline.
#include <doctest/doctest.h>

#include <thread>

#include "project/project.hpp"
#include "report/baseline_file.hpp"
#include "support/temp_dir.hpp"

using namespace agentlens;
using agentlens::testing::TempDir;

namespace {

constexpr const char* kServer =
    "import requests\nfrom flask import Flask\napp = Flask(__name__)\n\n@app.get('/')\ndef index():\n"
    "    print('hit')\n    requests.get(u)\n    return 'ok'\n";

core::FileResult analyze(const project::Project& p, const TempDir& t, const std::string& rel, bool* excluded = nullptr) {
  std::string abs = t.str() + "/" + rel;
  auto pf = core::parseFile(rel, core::Lang::Python, std::make_shared<std::string>(kServer));
  auto r = p.analyze(pf, abs);
  if (excluded) *excluded = !r;
  return r ? *r : core::FileResult{};
}

std::size_t open(const core::FileResult& r, std::string_view rule) {
  std::size_t n = 0;
  for (const auto& f : r.findings)
    if (f.ruleId == rule && !f.suppressedReason) ++n;
  return n;
}

void tick() { std::this_thread::sleep_for(std::chrono::milliseconds(20)); }

}  // namespace

TEST_SUITE("unit") {
  TEST_CASE("project: config, custom rules and baseline reload live; exclusion; diagnostics") {
    TempDir t("project");
    project::Project p({.root = t.str()});
    CHECK(open(analyze(p, t, "app.py"), "print-instead-of-logging") == 1);
    CHECK(!p.refresh().any());

    // A config appears: picked up by refresh(), with its problems as diagnostics.
    tick();
    t.write(".agentlens.toml", "ignore = [\"observability\"]\nexclude = [\"legacy\"]\nnope = 1\n");
    auto c1 = p.refresh();
    CHECK(c1.config);
    CHECK(!c1.rules);
    CHECK(open(analyze(p, t, "app.py"), "print-instead-of-logging") == 0);
    bool excluded = false;
    analyze(p, t, "legacy/old.py", &excluded);
    CHECK(excluded);
    auto d = p.diagnostics();
    REQUIRE(d.size() == 1);
    CHECK(d[0].path == t.str() + "/.agentlens.toml");
    CHECK(d[0].start.line == 2);

    // A custom rule appears: a new engine that knows it; the config may now name it.
    tick();
    t.write(".agentlens/rules/t.toml",
            "id = \"requests-no-timeout\"\ncategory = \"error-handling\"\nlanguages = [\"python\"]\nmessage = \"m\"\n"
            "query = '''((call function: (attribute object: (identifier) @o)) @match (#eq? @o \"requests\"))'''\n");
    auto c2 = p.refresh();
    CHECK(c2.rules);
    CHECK(open(analyze(p, t, "app.py"), "requests-no-timeout") == 1);

    // A baseline appears: findings it records are accepted.
    tick();
    core::Baseline b;
    auto now = analyze(p, t, "app.py");
    b.addFindings("app.py", now.findings);
    t.write(".agentlens-baseline.json", report::renderBaseline(b));
    CHECK(p.refresh().baseline);
    auto after = analyze(p, t, "app.py");
    CHECK(p.applyBaseline(after) == b.size());
    CHECK(open(after, "requests-no-timeout") == 0);
    REQUIRE(!after.findings.empty());
    CHECK(after.findings[0].suppressedReason->find("in baseline .agentlens-baseline.json") == 0);

    // A broken baseline is an error to report, not a crash or a silent "no baseline".
    tick();
    t.write(".agentlens-baseline.json", "{oops");
    CHECK(p.refresh().baseline);
    CHECK(!p.baselineError().empty());
    CHECK(p.baseline() == nullptr);
  }
}
