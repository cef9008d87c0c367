// Configuration: parsing and validation (with lines), selection semantics, nearest config wins,
// per-path overrides, exclude/include, change detection, and the engine applying it per file.
#include <doctest/doctest.h>

#include <thread>

#include "core/config/config.hpp"
#include "rules/engine.hpp"
#include "rules/registry.hpp"
#include "support/fixture.hpp"
#include "support/temp_dir.hpp"

using namespace agentlens;
using agentlens::testing::TempDir;

namespace {

std::vector<core::KnownRule> known() {
  std::vector<const rules::Rule*> all(rules::allRules().begin(), rules::allRules().end());
  return rules::Engine(all).knownRules();
}

core::ConfigFile parse(std::string_view text, bool pyproject = false) {
  auto c = core::parseConfig("/w/.agentlens.toml", text, pyproject, known());
  REQUIRE(c.has_value());
  return *c;
}

/// 1-based lines of the diagnostics.
std::vector<std::uint32_t> lines(const core::ConfigFile& c) {
  std::vector<std::uint32_t> out;
  for (const auto& d : c.diagnostics) out.push_back(d.start.line + 1);
  return out;
}

core::FileResult analyzeWith(const std::string& path, std::string_view text, const core::FileConfig& cfg) {
  auto lang = core::detectLang(path);
  auto pf = core::parseFile(path, lang.value_or(core::Lang::Text), std::make_shared<std::string>(text));
  std::vector<const rules::Rule*> all(rules::allRules().begin(), rules::allRules().end());
  return rules::Engine(all).analyze(pf, cfg);
}

constexpr std::string_view kServer =
    "from flask import Flask\napp = Flask(__name__)\n\n@app.get('/')\ndef index():\n    print('hit')\n"
    "    try:\n        pass\n    except:\n        pass\n    return 'ok'\n";

std::size_t count(const core::FileResult& r, std::string_view rule) {
  std::size_t n = 0;
  for (const auto& f : r.findings)
    if (f.ruleId == rule && !f.suppressedReason) ++n;
  return n;
}

}  // namespace

TEST_SUITE("unit") {
  TEST_CASE("config: a valid file is read completely") {
    auto c = parse(R"(select = ["security", "error-handling"]
extend-select = ["print-instead-of-logging"]
ignore = ["hardcoded-secret"]
exclude = ["migrations", "*.gen.py"]
include = ["src/**"]
fail-on = "warning"

[rules.swallowed-exception]
severity = "low"

[rules.security]
severity = "critical"

[score]
fail-under = 72.5

[[overrides]]
paths = ["scripts/**"]
ignore = ["observability"]
)");
    CHECK(c.diagnostics.empty());
    CHECK(c.base.select == std::vector<std::string>{"security", "error-handling"});
    CHECK(c.base.extendSelect == std::vector<std::string>{"print-instead-of-logging"});
    CHECK(c.base.ignore == std::vector<std::string>{"hardcoded-secret"});
    CHECK(c.exclude.size() == 2);
    CHECK(c.include == std::vector<std::string>{"src/**"});
    CHECK(c.failOn == core::Level::Warning);
    CHECK(c.failUnder == doctest::Approx(72.5));
    CHECK(c.base.rules.at("swallowed-exception").severity == core::Severity::Low);
    CHECK(c.base.rules.at("security").severity == core::Severity::Critical);
    REQUIRE(c.overrides.size() == 1);
    CHECK(c.overrides[0].paths == std::vector<std::string>{"scripts/**"});
  }

  TEST_CASE("config: unknown key, unknown rule and bad types are reported with their line; the rest applies") {
    auto c = parse(R"(ignore = ["print-insted-of-logging", "swallowed-exception"]
colour = "blue"
select = "security"

[rules.swallowed-exception]
severity = "loud"
max-depth = 3

[score]
fail-under = "high"
)");
    CHECK(lines(c) == std::vector<std::uint32_t>{1, 2, 3, 6, 7, 10});
    for (const auto& d : c.diagnostics) {
      CHECK(d.ruleId == "invalid-config");
      CHECK(d.category == core::Category::Configuration);
      CHECK(d.path == "/w/.agentlens.toml");
    }
    CHECK(c.diagnostics[0].message.find("print-insted-of-logging") != std::string::npos);
    CHECK(c.diagnostics[0].start.character == 10);  // points at the bad string
    CHECK(c.diagnostics[1].message.find("unknown key `colour`") != std::string::npos);
    CHECK(c.diagnostics[2].message.find("array of strings") != std::string::npos);
    // The valid part of the same list still applies.
    CHECK(c.base.ignore == std::vector<std::string>{"swallowed-exception"});
  }

  TEST_CASE("config: [services] declares and excludes service folders; bad entries are reported") {
    auto c = parse(R"([services]
declare = ["./api/", { path = "svc/worker", name = "jobs" }, ".", { path = "web", kind = "frontend" }]
exclude = ["examples", "tools/legacy/**"]
)");
    CHECK(c.diagnostics.empty());
    REQUIRE(c.services.declare.size() == 4);
    CHECK(c.services.declare[3].kind == "frontend");
    CHECK(c.services.declare[1].kind.empty());
    CHECK(c.services.declare[0].path == "api");
    CHECK(c.services.declare[0].name.empty());
    CHECK(c.services.declare[1].path == "svc/worker");
    CHECK(c.services.declare[1].name == "jobs");
    CHECK(c.services.declare[2].path.empty());
    CHECK(c.services.exclude == std::vector<std::string>{"examples", "tools/legacy/**"});

    auto bad = parse(R"([services]
declare = ["api", 3, { name = "x" }, "../other", { path = "w", colour = "red" }, { path = "v", kind = "worker" }]
exclude = "examples"
owner = "me"
)");
    std::vector<std::string> messages;
    for (const auto& d : bad.diagnostics) messages.push_back(d.message);
    REQUIRE(messages.size() == 7);
    CHECK(messages[0].find("folder or a { path, name, kind } table") != std::string::npos);
    CHECK(messages[1].find("needs `path") != std::string::npos);
    CHECK(messages[2].find("inside the project") != std::string::npos);
    CHECK(messages[3].find("unknown key `colour`") != std::string::npos);
    CHECK(messages[4].find("`kind` must be \"service\", \"frontend\" or \"library\"") != std::string::npos);
    CHECK(messages[5].find("array of strings") != std::string::npos);
    CHECK(messages[6].find("unknown key `owner` in `[services]`") != std::string::npos);
    // The valid entries still apply (a bad kind leaves the default).
    REQUIRE(bad.services.declare.size() == 3);
    CHECK(bad.services.declare[2].kind.empty());
    CHECK(bad.services.declare[0].path == "api");
    CHECK(bad.services.declare[1].path == "w");
  }

  TEST_CASE("config: a TOML syntax error is one diagnostic at its position") {
    auto c = parse("select = [\"security\"\nignore = []\n");
    REQUIRE(c.diagnostics.size() == 1);
    CHECK(c.diagnostics[0].message.find("TOML syntax error") != std::string::npos);
    CHECK(c.diagnostics[0].start.line <= 1);
  }

  TEST_CASE("config: pyproject.toml is read only through [tool.agentlens]") {
    auto none = core::parseConfig("/w/pyproject.toml", "[tool.ruff]\nline-length = 100\n", true, known());
    CHECK(!none.has_value());
    auto some = core::parseConfig("/w/pyproject.toml", "[project]\nname = \"x\"\n\n[tool.agentlens]\nignore = [\"observability\"]\nbogus = 1\n",
                                  true, known());
    REQUIRE(some.has_value());
    CHECK(some->base.ignore == std::vector<std::string>{"observability"});
    REQUIRE(some->diagnostics.size() == 1);
    CHECK(some->diagnostics[0].start.line == 5);  // line 6 of pyproject.toml
  }

  TEST_CASE("config: the invalid-config fixture's marked lines are exactly the reported ones") {
    auto dir = agentlens::testing::sourceDir() / "tests/rules/fixtures/invalid-config";
    std::string text = agentlens::testing::readText(dir / "agentlens.toml");
    auto c = core::parseConfig("/w/.agentlens.toml", text, false, known());
    REQUIRE(c);
    std::vector<std::uint32_t> want;
    for (const auto& e : agentlens::testing::expectations(text, "invalid-config")) want.push_back(e.line + 1);
    CHECK(lines(*c) == want);
  }

  TEST_CASE("config globs: bare names match any component, paths are anchored") {
    CHECK(core::configGlobMatch("migrations", "app/migrations/0001.py"));
    CHECK(core::configGlobMatch("*.gen.py", "a/b/models.gen.py"));
    CHECK(!core::configGlobMatch("*.gen.py", "a/b/models.py"));
    CHECK(core::configGlobMatch("scripts/**", "scripts/x/y.py"));
    CHECK(core::configGlobMatch("scripts/", "scripts/y.py"));
    CHECK(core::configGlobMatch("scripts", "scripts/y.py"));
    CHECK(!core::configGlobMatch("scripts/**", "app/scripts/y.py"));
    CHECK(core::configGlobMatch("src/legacy", "src/legacy/deep/file.go"));
  }

  TEST_CASE("selection: select replaces, extend-select adds, ignore removes, the more specific wins") {
    auto c = std::make_shared<const core::ConfigFile>(parse(R"(select = ["security"]
extend-select = ["print-instead-of-logging"]
ignore = ["hardcoded-secret"]
)"));
    core::FileConfig fc(c, nullptr, {&c->base}, {}, "");
    CHECK(!fc.enabled("swallowed-exception", core::Category::ErrorHandling));
    CHECK(fc.enabled("print-instead-of-logging", core::Category::Observability));
    CHECK(!fc.enabled("hardcoded-secret", core::Category::Security));  // rule id beats category
    CHECK(fc.enabled("sql-injection", core::Category::Security));
    auto c2 = std::make_shared<const core::ConfigFile>(parse("select = [\"hardcoded-secret\"]\nignore = [\"security\"]\n"));
    core::FileConfig fc2(c2, nullptr, {&c2->base}, {}, "");
    CHECK(fc2.enabled("hardcoded-secret", core::Category::Security));
    CHECK(!fc2.enabled("sql-injection", core::Category::Security));
  }

  TEST_CASE("resolver: the nearest config wins; per-path overrides; exclude and include") {
    TempDir t("cfg");
    t.write(".agentlens.toml", "ignore = [\"swallowed-exception\"]\nexclude = [\"generated\"]\n"
                               "[[overrides]]\npaths = [\"scripts/**\"]\nignore = [\"observability\"]\n"
                               "[rules.print-instead-of-logging]\nseverity = \"high\"\n");
    t.write("svc/.agentlens.toml", "select = [\"observability\"]\n");
    t.write("lib/pyproject.toml", "[tool.agentlens]\nignore = [\"print-instead-of-logging\"]\n");
    t.write("other/pyproject.toml", "[tool.black]\nline-length = 90\n");  // not ours: keep walking up
    core::ConfigResolver r(known());
    auto root = r.resolve(t.str() + "/app.py");
    auto svc = r.resolve(t.str() + "/svc/deep/app.py");
    auto lib = r.resolve(t.str() + "/lib/app.py");
    auto other = r.resolve(t.str() + "/other/app.py");
    auto script = r.resolve(t.str() + "/scripts/run.py");
    auto gen = r.resolve(t.str() + "/generated/x.py");
    REQUIRE(root->source());
    CHECK(root->source()->path == t.str() + "/.agentlens.toml");
    CHECK(svc->source()->path == t.str() + "/svc/.agentlens.toml");
    CHECK(lib->source()->path == t.str() + "/lib/pyproject.toml");
    CHECK(other->source()->path == t.str() + "/.agentlens.toml");
    // Nearest wins outright: the svc config does not inherit the root's ignore.
    CHECK(!root->enabled("swallowed-exception", core::Category::ErrorHandling));
    CHECK(!svc->enabled("swallowed-exception", core::Category::ErrorHandling));
    CHECK(svc->enabled("print-instead-of-logging", core::Category::Observability));
    CHECK(!lib->enabled("print-instead-of-logging", core::Category::Observability));
    CHECK(root->enabled("print-instead-of-logging", core::Category::Observability));
    CHECK(!script->enabled("print-instead-of-logging", core::Category::Observability));
    CHECK(script->matchedOverrides() == std::vector<std::string>{"scripts/**"});
    CHECK(root->severity("print-instead-of-logging", core::Category::Observability) == core::Severity::High);
    CHECK(gen->excluded());
    CHECK(gen->excludedBy().find("generated") != std::string::npos);
    CHECK(!root->excluded());
    CHECK(r.diagnostics().empty());
  }

  TEST_CASE("resolver: CLI selectors apply after the config; --config replaces discovery") {
    TempDir t("cfgcli");
    t.write(".agentlens.toml", "ignore = [\"observability\"]\n");
    std::string other = t.write("ci/strict.toml", "select = [\"all\"]\n");
    core::ResolverOptions o;
    o.cli.extendSelect = {"print-instead-of-logging"};
    o.cli.ignore = {"hardcoded-secret"};
    core::ConfigResolver r(known(), o);
    auto fc = r.resolve(t.str() + "/a.py");
    CHECK(fc->enabled("print-instead-of-logging", core::Category::Observability));
    CHECK(!fc->enabled("hardcoded-secret", core::Category::Security));
    core::ResolverOptions o2;
    o2.explicitConfig = other;
    core::ConfigResolver r2(known(), o2);
    auto fc2 = r2.resolve(t.str() + "/a.py");
    REQUIRE(fc2->source());
    CHECK(fc2->source()->path == other);
    CHECK(fc2->enabled("print-instead-of-logging", core::Category::Observability));
  }

  TEST_CASE("resolver: refresh() notices an edited, created or deleted config") {
    TempDir t("cfgref");
    t.write(".agentlens.toml", "ignore = [\"observability\"]\n");
    core::ConfigResolver r(known());
    CHECK(!r.resolve(t.str() + "/sub/a.py")->enabled("print-instead-of-logging", core::Category::Observability));
    CHECK(!r.refresh());
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    t.write(".agentlens.toml", "ignore = [\"security\"]\nbogus = true\n");
    CHECK(r.refresh());
    CHECK(r.resolve(t.str() + "/sub/a.py")->enabled("print-instead-of-logging", core::Category::Observability));
    CHECK(r.diagnostics().size() == 1);
    t.write("sub/.agentlens.toml", "select = [\"security\"]\n");  // a new, nearer config
    CHECK(r.refresh());
    CHECK(r.resolve(t.str() + "/sub/a.py")->source()->path == t.str() + "/sub/.agentlens.toml");
  }

  TEST_CASE("engine: selection, severity overrides and options apply per file") {
    auto c = std::make_shared<const core::ConfigFile>(parse(R"(ignore = ["swallowed-exception"]
[rules.print-instead-of-logging]
severity = "high"
)"));
    core::FileConfig fc(c, nullptr, {&c->base}, {}, "");
    auto defaults = analyzeWith("app.py", kServer, *core::FileConfig::defaults());
    CHECK(count(defaults, "swallowed-exception") == 1);
    CHECK(count(defaults, "print-instead-of-logging") == 1);
    auto configured = analyzeWith("app.py", kServer, fc);
    CHECK(count(configured, "swallowed-exception") == 0);
    REQUIRE(count(configured, "print-instead-of-logging") == 1);
    for (const auto& f : configured.findings)
      if (f.ruleId == "print-instead-of-logging") {
        CHECK(f.severity == core::Severity::High);
        CHECK(f.level() == core::Level::Error);
      }
  }

  TEST_CASE("engine: a rule reads its declared options through RuleContext::option") {
    static constexpr std::string_view kOptions[] = {"max-args"};
    struct ArgsRule final : rules::Rule {
      rules::RuleMeta m{.id = "too-many-args",
                        .category = core::Category::ErrorHandling,
                        .severity = core::Severity::Low,
                        .confidence = core::Confidence::High,
                        .languages = {core::Lang::Python},
                        .summary = "s",
                        .docs = "d",
                        .fix = std::nullopt,
                        .options = kOptions};
      const rules::RuleMeta& meta() const override { return m; }
      std::vector<std::string_view> nodeTypes(core::Lang) const override { return {"argument_list"}; }
      void visit(ts::Node n, rules::RuleContext& ctx) const override {
        std::int64_t max = 2;
        if (const auto* v = ctx.option("max-args"))
          if (const auto* i = std::get_if<std::int64_t>(v)) max = *i;
        if (n.namedChildCount() > max) ctx.report(n, "too many");
      }
    };
    ArgsRule rule;
    rules::Engine engine({&rule});
    auto cfg = core::parseConfig("/w/.agentlens.toml", "[rules.too-many-args]\nmax-args = 3\nmin-args = 1\n", false,
                                 engine.knownRules());
    REQUIRE(cfg);
    REQUIRE(cfg->diagnostics.size() == 1);  // min-args is not declared
    CHECK(cfg->diagnostics[0].start.line == 2);
    auto file = std::make_shared<const core::ConfigFile>(std::move(*cfg));
    core::FileConfig fc(file, nullptr, {&file->base}, {}, "");
    auto pf = core::parseFile("a.py", core::Lang::Python, std::make_shared<std::string>("f(1, 2, 3)\n"));
    CHECK(engine.analyze(pf).findings.size() == 1);   // default max 2
    CHECK(engine.analyze(pf, fc).findings.empty());    // configured max 3
  }

  TEST_CASE("describeConfig shows the source, overrides and each rule's state") {
    TempDir t("cfgshow");
    t.write(".agentlens.toml", "[[overrides]]\npaths = [\"scripts/**\"]\nignore = [\"observability\"]\n");
    core::ConfigResolver r(known());
    auto fc = r.resolve(t.str() + "/scripts/x.py");
    std::string s = core::describeConfig(*fc, r.known(), "scripts/x.py");
    CHECK(s.find("config file: " + t.str() + "/.agentlens.toml") != std::string::npos);
    CHECK(s.find("override applied: paths = \"scripts/**\"") != std::string::npos);
    CHECK(s.find("print-instead-of-logging = { enabled = false") != std::string::npos);
    CHECK(s.find("swallowed-exception = { enabled = true") != std::string::npos);
  }
}
