// Baseline: fingerprints survive line moves and unrelated edits, duplicates are counted,
// pruning drops fixed entries, and the file format round-trips.
#include <doctest/doctest.h>

#include "core/baseline.hpp"
#include "report/baseline_file.hpp"
#include "rules/engine.hpp"
#include "rules/registry.hpp"

using namespace agentlens;

namespace {

std::vector<core::Finding> findings(std::string_view text) {
  auto pf = core::parseFile("app.py", core::Lang::Python, std::make_shared<std::string>(text));
  // The two rules the expectations below count (other rules also fire on a Flask snippet).
  std::vector<const rules::Rule*> two{rules::findRule("print-instead-of-logging"), rules::findRule("swallowed-exception")};
  return rules::Engine(two).analyze(pf).findings;
}

std::size_t open(const std::vector<core::Finding>& fs) {
  std::size_t n = 0;
  for (const auto& f : fs)
    if (!f.suppressedReason) ++n;
  return n;
}

constexpr std::string_view kApp =
    "from flask import Flask\napp = Flask(__name__)\n\n@app.get('/')\ndef index():\n"
    "    print('hit')\n    try:\n        pass\n    except:\n        pass\n    return 'ok'\n";

}  // namespace

TEST_SUITE("unit") {
  TEST_CASE("baseline: stays valid after inserting lines above the findings and re-indenting") {
    auto before = findings(kApp);
    REQUIRE(open(before) == 2);
    core::Baseline b;
    b.addFindings("app.py", before);
    CHECK(b.size() == 2);

    std::string moved = "\"\"\"Module docstring added later.\"\"\"\nimport os\n\n\n" + std::string(kApp);
    // and a harmless whitespace change on a finding's line
    moved.replace(moved.find("print('hit')"), 12, "print( 'hit' )");
    auto after = findings(moved);
    REQUIRE(open(after) == 2);
    CHECK(after[0].start.line != before[0].start.line);
    CHECK(b.apply("app.py", after, "baseline") == 2);
    CHECK(open(after) == 0);
    CHECK(*after[0].suppressedReason == "baseline");
  }

  TEST_CASE("baseline: a new finding, the same finding in another file, or another rule is reported") {
    core::Baseline b;
    b.addFindings("app.py", findings(kApp));
    std::string more = std::string(kApp) + "\n@app.get('/x')\ndef x():\n    print('new')\n    return 'x'\n";
    auto now = findings(more);
    b.apply("app.py", now, "baseline");
    CHECK(open(now) == 1);
    auto other = findings(kApp);
    b.apply("other.py", other, "baseline");
    CHECK(open(other) == 2);
  }

  TEST_CASE("baseline: identical lines are counted by occurrence") {
    std::string two = std::string(kApp).replace(kApp.find("    print('hit')\n"), 0, "    print('hit')\n");
    auto f2 = findings(two);
    REQUIRE(open(f2) == 3);  // two identical prints + except
    core::Baseline b;
    b.addFindings("app.py", f2);
    std::string three = two;
    three.replace(three.find("    print('hit')\n"), 0, "    print('hit')\n");
    auto f3 = findings(three);
    CHECK(b.apply("app.py", f3, "baseline") == 3);
    CHECK(open(f3) == 1);  // the third identical print is new
  }

  TEST_CASE("baseline: inline-suppressed findings are not recorded") {
    std::string text = std::string(kApp);
    text.replace(text.find("print('hit')") + 12, 0, "  # agentlens: ignore[print-instead-of-logging] -- banner");
    core::Baseline b;
    b.addFindings("app.py", findings(text));
    CHECK(b.size() == 1);
  }

  TEST_CASE("baseline: pruning drops fixed entries and keeps unscanned files on request") {
    core::Baseline b;
    b.addFindings("app.py", findings(kApp));
    b.addFindings("gone.py", findings(kApp));
    b.addFindings("elsewhere.py", findings(kApp));
    std::string fixed = std::string(kApp);
    fixed.replace(fixed.find("print('hit')"), 12, "logger.info('hit')");
    auto now = findings(fixed);
    std::map<std::string, const std::vector<core::Finding>*> current{{"app.py", &now}};
    auto p = b.pruned(current, [](const std::string& path) { return path == "elsewhere.py"; });
    CHECK(p.size() == 3);  // app.py: except only; gone.py dropped; elsewhere.py kept (2)
    for (const auto& e : p.entries()) CHECK(e.path != "gone.py");
  }

  TEST_CASE("baseline file: round trip and errors") {
    core::Baseline b;
    b.addFindings("src/app.py", findings(kApp));
    std::string json = report::renderBaseline(b);
    CHECK(json.find("\"version\": 1") != std::string::npos);
    CHECK(json.find("\"fingerprint\"") != std::string::npos);
    std::string err;
    auto back = report::parseBaseline(json, err);
    REQUIRE(back);
    REQUIRE(back->size() == b.size());
    for (std::size_t i = 0; i < b.size(); ++i) {
      CHECK(back->entries()[i].rule == b.entries()[i].rule);
      CHECK(back->entries()[i].path == "src/app.py");
      CHECK(back->entries()[i].fingerprint == b.entries()[i].fingerprint);
    }
    CHECK(!report::parseBaseline("[1,2]", err));
    CHECK(!report::parseBaseline("{\"version\": 2, \"findings\": []}", err));
    CHECK(!report::parseBaseline("{\"version\": 1, \"findings\": [{\"rule\": 1}]}", err));
    CHECK(err.find("findings[0]") != std::string::npos);
  }

  TEST_CASE("fingerprints ignore whitespace only") {
    CHECK(core::lineFingerprint("  x = f(a, b)") == core::lineFingerprint("x=f(a,b)\t"));
    CHECK(core::lineFingerprint("x = f(a, b)") != core::lineFingerprint("x = f(a, c)"));
    CHECK(core::lineFingerprint("x").size() == 16);
  }
}
