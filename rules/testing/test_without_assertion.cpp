// test-without-assertion: a test function that checks nothing.
#include <algorithm>

#include "core/text/path_text.hpp"
#include "rules/common/syntax.hpp"
#include "rules/rule.hpp"
#include "rules/testing/assertion_fixes.hpp"
#include "rules/testing/test_shapes.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds test functions that never assert: pytest/unittest tests without `assert`, `self.assert*`,
`pytest.raises`/`pytest.warns`/`pytest.fail` or a mock `assert_called*`; Jest/Vitest/Mocha
`it`/`test` callbacks without `expect`, `assert`, `should` or a supertest `.expect(…)`; Go
`TestX(t *testing.T)` functions that never call `t.Error*`/`t.Fatal*`/`t.Fail*`, `require.*` or
`assert.*`.

## Why is this bad?
A test that cannot fail only proves the code does not crash. It inflates the test count and the
coverage report while the behaviour it claims to check is unverified. The density score counts
every test function as an eligible site.

Not flagged: calls to helpers whose names start with `assert`, `expect`, `verify` or `check`; a
JavaScript test that calls, for its effect, a helper defined in the file that asserts, or a test
helper named like one (`propertyTest(fn, gen)`, `testFinancialFunction(fn)`: property-test helpers
run `fc.assert` and throw on a counterexample); Go tests that hand `t` to a helper (the helper may
assert); snapshot tests; Go `Example*` functions; pytest fixtures (`@pytest.fixture`, anything in
`conftest.py`), which are not tests whatever their name; `test_*` functions of a script that runs
itself (`if __name__ == "__main__": main()`, not `unittest.main()`); and a test whose name or
comment says it checks that the code does not raise (`test_valid_period_does_not_raise`, `# should
not raise`): pytest fails it on the exception.
A test marked as a smoke test (a `smoke` comment or `@pytest.mark.smoke`) is reported as a hint.

## Example
```python
def test_create_order(client):
    client.post("/orders", json={"sku": "A1"})
```

Use instead:
```python
def test_create_order(client):
    response = client.post("/orders", json={"sku": "A1"})
    assert response.status_code == 201
```

## Fix safety
When the test keeps a test-client response in a variable, the fix adds a status check
(`assert response.status_code == 200`, `expect(res.status).toBe(200)`,
`if rec.Code != http.StatusOK { t.Fatalf(…) }`). The expected status is a guess: unsafe, review it.

## References
- semgrep `python/lang/correctness/test-is-missing-assert`
- eslint-plugin-jest `jest/expect-expect`, vitest `expect-expect`
)md";

const RuleMeta kMeta{
    .id = "test-without-assertion",
    .category = core::Category::Testing,
    .severity = core::Severity::Medium,
    .confidence = core::Confidence::High,
    .languages = kAllCode,
    .summary = "Test function without any assertion",
    .docs = kDocs,
    .fix = core::Applicability::Unsafe,
    .mode = ScoreMode::Density,
    .planTitle = "Make tests assert something",
    .effort = core::Effort::S,
};

/// Helper names that assert by convention (one hop: trusted by name).
bool assertingName(std::string_view name) {
  auto l = core::text::asciiLower(name);
  for (auto p : {"assert", "expect", "verify", "check", "should", "must"})
    if (l.starts_with(p)) return true;
  return false;
}

bool hasSmokeMark(std::string_view text) { return core::text::asciiLower(text).find("smoke") != std::string::npos; }

/// JavaScript: names of functions defined in the file whose body asserts (one hop).
struct State final : RuleState {
  bool scanned = false;
  std::vector<std::string> assertingHelpers;
};

class TestWithoutAssertion final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::unique_ptr<RuleState> makeState() const override { return std::make_unique<State>(); }
  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Python) return {"function_definition"};
    if (lang == Lang::Go) return {"function_declaration"};
    return {"call_expression"};
  }

  void visit(ts::Node node, RuleContext& ctx) const override {
    if (ctx.facts().role != core::FileRole::Test) return;
    switch (ctx.lang()) {
      case Lang::Python: python(node, ctx); break;
      case Lang::Go: go(node, ctx); break;
      default: js(node, ctx); break;
    }
  }

 private:
  static void python(ts::Node fn, RuleContext& ctx) {
    auto src = ctx.source();
    ts::Node name = fn.field("name");
    if (!name || !name.text(src).starts_with("test")) return;
    // Only module-level tests and methods of Test* classes.
    ts::Node owner = ctx.nearestAncestor({"class_definition", "function_definition"});
    if (owner && owner.type() == "function_definition") return;
    ts::Node parent = ctx.ancestors().empty() ? ts::Node() : ctx.ancestors().back();
    if (isPytestFixture(parent, ctx) || isSelfRunningScript(ctx)) return;
    ctx.countSite();
    ts::Node body = fn.field("body");
    bool asserts = ts::anyDescendant(body, [&](ts::Node n) {
      if (n.type() == "assert_statement") return true;
      if (n.type() == "call") {
        auto callee = calleeText(n, src);
        auto last = calleeName(n, src);
        if (assertingName(last) || last == "fail" || last == "raises" || last == "warns" || last == "deprecated_call")
          return true;
        if (callee.find("assert") != std::string_view::npos || callee.find("snapshot") != std::string_view::npos)
          return true;
      }
      if (n.type() == "raise_statement") return true;  // explicit failure path
      return false;
    });
    if (asserts) return;
    auto comments = directComments(body, src);
    if (claimsNoRaise(name.text(src)) || std::any_of(comments.begin(), comments.end(), claimsNoRaise)) return;
    bool smoke = hasSmokeMark(fn.text(src)) || (parent.type() == "decorated_definition" && hasSmokeMark(parent.text(src)));
    auto& f = ctx.report(name, "test `" + std::string(name.text(src)) +
                                   "` asserts nothing: it passes whatever the code does; assert the outcome");
    if (smoke) {
      f.severity = core::Severity::Info;
      f.message = "smoke test `" + std::string(name.text(src)) + "` asserts nothing; consider checking the outcome";
      return;
    }
    // Fix: `<v> = client.<verb>(…)` kept in a variable -> assert its status.
    if (auto fix = assertion_fixes::pythonStatusAssert(body, src)) f.fixes.push_back(std::move(*fix));
  }

  static void js(ts::Node call, RuleContext& ctx) {
    auto src = ctx.source();
    ts::Node fn = call.field("function");
    if (!fn || fn.type() != "identifier") return;
    auto name = fn.text(src);
    if (name != "it" && name != "test" && name != "specify") return;
    ts::Node args = call.field("arguments");
    if (!args || args.namedChildCount() < 2) return;
    ts::Node cb = args.namedChild(1);
    if (cb.type() != "arrow_function" && cb.type() != "function_expression") return;
    ctx.countSite();
    ts::Node body = cb.field("body");
    const auto& helpers = assertingHelpers(ctx);
    bool asserts = ts::anyDescendant(body, [&](ts::Node n) {
      if (jsAssertsHere(n, src) || (n.type() == "call_expression" && isTestHelperCall(n, src))) return true;
      ts::Node f = n.type() == "call_expression" ? n.field("function") : ts::Node();
      return f.type() == "identifier" && std::find(helpers.begin(), helpers.end(), f.text(src)) != helpers.end();
    });
    if (asserts) return;
    auto title = args.namedChild(0).text(src);
    auto& f = ctx.report(fn, "test " + std::string(title) + " asserts nothing: it passes whatever the code does; add an `expect`");
    auto comments = directComments(body, src);
    bool smoke = hasSmokeMark(title);
    for (auto c : comments) smoke = smoke || hasSmokeMark(c);
    if (smoke) {
      f.severity = core::Severity::Info;
      f.message = "smoke test " + std::string(title) + " asserts nothing; consider checking the outcome";
      return;
    }
    if (body.type() != "statement_block") return;
    // Fix: `const res = await request(app).get(…)` -> expect(res.status).toBe(200)
    if (auto fix = assertion_fixes::jsStatusExpect(body, src)) f.fixes.push_back(std::move(*fix));
  }

  /// Functions defined in this file whose body asserts (scanned once per file).
  static const std::vector<std::string>& assertingHelpers(RuleContext& ctx) {
    State& st = ctx.state<State>();
    if (!st.scanned && !ctx.ancestors().empty()) st.assertingHelpers = assertingFunctionNames(ctx.ancestors().front(), ctx.source());
    st.scanned = true;
    return st.assertingHelpers;
  }

  static void go(ts::Node fn, RuleContext& ctx) {
    auto src = ctx.source();
    ts::Node name = fn.field("name");
    auto n = name.text(src);
    if (!n.starts_with("Test") || n == "TestMain") return;
    ts::Node params = fn.field("parameters");
    if (!params || params.namedChildCount() != 1) return;
    ts::Node p = params.namedChild(0);
    ts::Node pType = p.field("type"), pName = p.field("name");
    // Text of a null node is not readable: `func TestX(*testing.T)` has no name to follow.
    if (!pType || !pName || pType.text(src) != "*testing.T") return;
    std::string t(pName.text(src));
    ctx.countSite();
    ts::Node body = fn.field("body");
    bool asserts = ts::anyDescendant(body, [&](ts::Node c) {
      if (c.type() != "call_expression") return false;
      ts::Node f = c.field("function");
      auto last = calleeName(c, src);
      if (f.type() == "selector_expression") {
        auto recv = f.field("operand").text(src);
        if (recv == "require" || recv == "assert" || recv == "is" || recv == "qt") return true;
        for (auto m : {"Error", "Errorf", "Fatal", "Fatalf", "Fail", "FailNow"})
          if (last == m) return true;
      }
      if (assertingName(last)) return true;
      // t handed to a helper: the helper may assert (one hop, trusted).
      ts::Node args = c.field("arguments");
      for (std::uint32_t i = 0; args && i < args.namedChildCount(); ++i)
        if (args.namedChild(i).text(src) == t && f.text(src) != t + ".Run" && f.text(src) != t + ".Parallel")
          return true;
      return false;
    });
    if (asserts) return;
    auto& f = ctx.report(name, "test `" + std::string(n) + "` never fails: add a `" + t + ".Errorf`/`" + t + ".Fatalf` check");
    if (hasSmokeMark(fn.text(src))) {
      f.severity = core::Severity::Info;
      f.message = "smoke test `" + std::string(n) + "` never fails; consider checking the outcome";
      return;
    }
    // Fix: rec := httptest.NewRecorder() -> check rec.Code.
    if (auto fix = assertion_fixes::goRecorderCheck(ctx.file(), body, t)) f.fixes.push_back(std::move(*fix));
  }
};

}  // namespace

const Rule& testWithoutAssertion() {
  static const TestWithoutAssertion rule;
  return rule;
}

}  // namespace agentlens::rules
