// Custom rules: loading and validation (with positions), predicates, message interpolation,
// fix templates, several rules sharing one combined query, and configuration applying to them.
#include <doctest/doctest.h>

#include "core/config/custom_rule_def.hpp"
#include "core/fix_apply.hpp"
#include "core/ts/query_program.hpp"
#include "rules/custom/custom_rules.hpp"
#include "rules/engine.hpp"
#include "rules/registry.hpp"
#include "support/temp_dir.hpp"

using namespace agentlens;
using agentlens::testing::TempDir;

namespace {

std::vector<std::string> builtinIds() {
  std::vector<std::string> ids;
  for (const auto* r : rules::allRules()) ids.emplace_back(r->meta().id);
  return ids;
}

constexpr std::string_view kRequestsRule = R"toml(id = "requests-without-timeout"
category = "error-handling"
severity = "high"
languages = ["python"]
message = "`requests.{{method}}` without a timeout can hang a worker forever"
fix = "requests.{{method}}({{url}}, timeout=10)"
fix-safety = "unsafe"
query = '''
((call
   function: (attribute object: (identifier) @obj attribute: (identifier) @method)
   arguments: (argument_list . (_) @url) @args) @match
 (#eq? @obj "requests")
 (#any-of? @method "get" "post" "put" "delete")
 (#not-match? @args "timeout\\s*=")
 (#not-eq? @url "LOCAL_URL"))
'''
)toml";

constexpr std::string_view kTwoRules = R"toml([[rule]]
id = "no-eval"
category = "security"
severity = "critical"
languages = ["javascript", "typescript"]
message = "`{{fn}}` runs arbitrary code"
query = '''
((call_expression function: (identifier) @fn) @match (#any-of? @fn "eval" "Function"))
'''

[[rule]]
id = "todo-route"
category = "testing"
languages = ["javascript"]
message = "route `{{path}}` is a TODO"
query = '''
((call_expression
   function: (member_expression property: (property_identifier) @m)
   arguments: (arguments (string (string_fragment) @path)))
 (#match? @m "^(get|post)$")
 (#match? @path "^/todo"))
'''
)toml";

core::FileResult run(const rules::Engine& e, const std::string& path, std::string_view text,
                     const core::FileConfig& cfg = *core::FileConfig::defaults()) {
  auto pf = core::parseFile(path, *core::detectLang(path), std::make_shared<std::string>(text));
  return e.analyze(pf, cfg);
}

std::vector<const core::Finding*> of(const core::FileResult& r, std::string_view rule) {
  std::vector<const core::Finding*> out;
  for (const auto& f : r.findings)
    if (f.ruleId == rule) out.push_back(&f);
  return out;
}

}  // namespace

TEST_SUITE("unit") {
  TEST_CASE("custom rule: predicates, message interpolation and a fix template") {
    TempDir t("custom");
    t.write("requests.toml", std::string(kRequestsRule));
    auto loaded = core::loadCustomRules(t.str(), builtinIds());
    CHECK(loaded.diagnostics.empty());
    REQUIRE(loaded.rules.size() == 1);
    auto set = std::make_shared<const rules::CustomRuleSet>(std::move(loaded.rules));
    std::vector<const rules::Rule*> all(rules::allRules().begin(), rules::allRules().end());
    rules::Engine engine(all, set);
    std::string src =
        "import requests\n"
        "a = requests.get(url)\n"                       // flagged
        "b = requests.post(url, timeout=5)\n"           // has a timeout
        "c = session.get(url)\n"                        // not requests
        "d = requests.head(url)\n"                      // not in any-of
        "e = requests.get(LOCAL_URL)\n"                 // not-eq
        "f = requests.delete(\"http://x\", json={})\n";  // flagged
    auto r = run(engine, "svc.py", src);
    auto fs = of(r, "requests-without-timeout");
    REQUIRE(fs.size() == 2);
    CHECK(fs[0]->start.line == 1);
    CHECK(fs[0]->message == "`requests.get` without a timeout can hang a worker forever");
    CHECK(fs[0]->severity == core::Severity::High);
    CHECK(fs[0]->category == core::Category::ErrorHandling);
    CHECK(fs[1]->start.line == 6);
    CHECK(fs[1]->message.find("requests.delete") != std::string::npos);
    REQUIRE(fs[0]->fixes.size() == 1);
    CHECK(fs[0]->fixes[0].applicability == core::Applicability::Unsafe);
    auto fixed = core::applyEdits(src, fs[0]->fixes[0].edits);
    REQUIRE(fixed);
    CHECK(fixed->find("a = requests.get(url, timeout=10)\n") != std::string::npos);
    // Metadata for `explain`, the report and configuration.
    const auto& m = set->rules()[0]->meta();
    CHECK(m.id == "requests-without-timeout");
    CHECK(m.docs.find("## What it does") != std::string_view::npos);
    bool listed = false;
    for (const auto& info : engine.knownRules()) listed |= info.id == "requests-without-timeout";
    CHECK(listed);
  }

  TEST_CASE("custom rules: several rules and languages share one combined query; config selects them") {
    TempDir t("custom2");
    t.write("a.toml", std::string(kTwoRules));
    auto loaded = core::loadCustomRules(t.str(), builtinIds());
    CHECK(loaded.diagnostics.empty());
    REQUIRE(loaded.rules.size() == 2);
    auto set = std::make_shared<const rules::CustomRuleSet>(std::move(loaded.rules));
    rules::Engine engine({}, set);
    std::string js = "eval(code);\nnew Function('x');\nFunction('y');\napp.get('/todo/list', h);\napp.get('/ok', h);\n";
    auto r = run(engine, "a.js", js);
    CHECK(of(r, "no-eval").size() == 2);
    REQUIRE(of(r, "todo-route").size() == 1);
    CHECK(of(r, "todo-route")[0]->message == "route `/todo/list` is a TODO");
    auto ts = run(engine, "a.ts", js);
    CHECK(of(ts, "no-eval").size() == 2);
    CHECK(of(ts, "todo-route").empty());  // javascript only
    core::ConfigFile cfgFile;
    cfgFile.base.ignore = {"security"};
    auto file = std::make_shared<const core::ConfigFile>(cfgFile);
    core::FileConfig fc(file, nullptr, {&file->base}, {}, "");
    auto filtered = run(engine, "a.js", js, fc);
    CHECK(of(filtered, "no-eval").empty());
    CHECK(of(filtered, "todo-route").size() == 1);
  }

  TEST_CASE("custom rules: an invalid query is reported at the error's position in the .toml") {
    TempDir t("custom3");
    t.write("bad.toml", "id = \"bad-node\"\ncategory = \"security\"\nlanguages = [\"python\"]\nmessage = \"m\"\n"
                        "query = '''\n(call\n  function: (identifer) @f)\n'''\n");
    auto loaded = core::loadCustomRules(t.str(), builtinIds());
    CHECK(loaded.rules.empty());
    REQUIRE(loaded.diagnostics.size() == 1);
    const auto& d = loaded.diagnostics[0];
    CHECK(d.ruleId == "invalid-config");
    CHECK(d.path == t.str() + "/bad.toml");
    CHECK(d.start.line == 6);        // line 7: `  function: (identifer) @f)`
    CHECK(d.start.character == 13);  // at `identifer`
    CHECK(d.message.find("unknown node type") != std::string::npos);
  }

  TEST_CASE("custom rules: unsupported predicates, bad regexes, top-level predicates, missing keys, id clashes") {
    TempDir t("custom4");
    t.write("1.toml", "id = \"p1\"\ncategory = \"security\"\nlanguages = [\"python\"]\nmessage = \"m\"\n"
                      "query = '''((identifier) @x (#frob? @x \"a\"))'''\n");
    t.write("2.toml", "id = \"p2\"\ncategory = \"security\"\nlanguages = [\"python\"]\nmessage = \"m\"\n"
                      "query = '''((identifier) @x (#match? @x \"(\"))'''\n");
    t.write("3.toml", "id = \"p3\"\ncategory = \"security\"\nlanguages = [\"python\"]\nmessage = \"m\"\n"
                      "query = '''\n(identifier) @x\n(#eq? @x \"a\")\n'''\n");
    t.write("4.toml", "id = \"p4\"\ncategory = \"nonsense\"\nlanguages = [\"cobol\"]\nquery = \"(identifier) @x\"\ncolor = 1\n");
    t.write("5.toml", "id = \"hardcoded-secret\"\ncategory = \"security\"\nlanguages = [\"python\"]\nmessage = \"m\"\n"
                      "query = \"(identifier) @x\"\n");
    t.write("6.toml", "id = \"p6\"\ncategory = \"security\"\n[[[broken\n");
    auto loaded = core::loadCustomRules(t.str(), builtinIds());
    CHECK(loaded.rules.empty());
    std::map<std::string, std::vector<std::string>> byFile;
    for (const auto& d : loaded.diagnostics) byFile[d.path.substr(d.path.rfind('/') + 1)].push_back(d.message);
    auto has = [&](const std::string& file, std::string_view text) {
      for (const auto& m : byFile[file])
        if (m.find(text) != std::string::npos) return true;
      return false;
    };
    CHECK(has("1.toml", "unsupported predicate `#frob?`"));
    CHECK(has("2.toml", "invalid regular expression"));
    CHECK(has("3.toml", "predicate outside a pattern"));
    CHECK(has("4.toml", "unknown category `nonsense`"));
    CHECK(has("4.toml", "unknown language `cobol`"));
    CHECK(has("4.toml", "unknown key `color`"));
    CHECK(has("4.toml", "missing `message`"));
    CHECK(has("5.toml", "already a built-in rule"));
    CHECK(has("6.toml", "TOML syntax error"));
  }

  TEST_CASE("query predicates: #eq? between two captures") {
    std::string err;
    std::uint32_t off = 0;
    auto p = ts::QueryProgram::compile(core::Lang::Python, "((assignment left: (identifier) @a right: (identifier) @b) (#eq? @a @b))",
                                       err, off);
    REQUIRE(p);
    auto pf = core::parseFile("x.py", core::Lang::Python, std::make_shared<std::string>("x = x\ny = z\n"));
    TSQueryCursor* c = ts_query_cursor_new();
    ts_query_cursor_exec(c, p->raw(), pf.tree.root().raw());
    TSQueryMatch m;
    int hits = 0, total = 0;
    while (ts_query_cursor_next_match(c, &m)) {
      ++total;
      if (p->satisfied(m, pf.source())) ++hits;
    }
    ts_query_cursor_delete(c);
    CHECK(total == 2);
    CHECK(hits == 1);
  }
}

TEST_SUITE("unit") {
  TEST_CASE("custom rules: rooted patterns run per node, the others once per file; both report") {
    TempDir t("custom5");
    // Rooted (one node type): checked only at assert_statement nodes during the traversal.
    t.write("a.toml", "id = \"no-assert\"\ncategory = \"error-handling\"\nlanguages = [\"python\"]\nmessage = \"assert\"\n"
                      "query = '''(assert_statement) @match'''\n");
    // Alternation root and a sibling sequence: the whole-file pass.
    t.write("b.toml", "id = \"raise-or-pass\"\ncategory = \"error-handling\"\nlanguages = [\"python\"]\nmessage = \"stmt\"\n"
                      "query = '''[(raise_statement) (pass_statement)] @match'''\n");
    t.write("c.toml", "id = \"comment-before-def\"\ncategory = \"testing\"\nlanguages = [\"python\"]\nmessage = \"c\"\n"
                      "query = '''((comment) @match . (function_definition))'''\n");
    auto loaded = core::loadCustomRules(t.str(), builtinIds());
    REQUIRE(loaded.rules.size() == 3);
    rules::Engine engine({}, std::make_shared<const rules::CustomRuleSet>(std::move(loaded.rules)));
    auto r = run(engine, "m.py", "assert x\n# doc\ndef f():\n    assert y\n    pass\n    raise E\n");
    CHECK(of(r, "no-assert").size() == 2);
    CHECK(of(r, "raise-or-pass").size() == 2);
    REQUIRE(of(r, "comment-before-def").size() == 1);
    CHECK(of(r, "comment-before-def")[0]->start.line == 1);
  }
}

TEST_SUITE("unit") {
  TEST_CASE("custom rules: `{{name}}` must name a capture of the query") {
    TempDir t("custom6");
    t.write("a.toml", "id = \"typo\"\ncategory = \"security\"\nlanguages = [\"python\"]\nmessage = \"bad {{nmae}}\"\n"
                      "query = '''((identifier) @name)'''\n");
    t.write("b.toml", "id = \"fine\"\ncategory = \"security\"\nlanguages = [\"python\"]\nmessage = \"ok {{ name }}\"\n"
                      "fix = \"{{name}}_\"\nquery = '''((identifier) @name)'''\n");
    auto loaded = core::loadCustomRules(t.str(), builtinIds());
    REQUIRE(loaded.rules.size() == 1);
    CHECK(loaded.rules[0].id == "fine");
    REQUIRE(loaded.diagnostics.size() == 1);
    CHECK(loaded.diagnostics[0].message.find("`{{nmae}}` in its message is not a capture") != std::string::npos);
    CHECK(loaded.diagnostics[0].start.line == 0);
  }
}
