// focused-or-disabled-test: a committed `.only`/`fit` (skips the rest of the suite) or a skip
// without a reason.
#include "rules/common/syntax.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds focused tests (`it.only`, `describe.only`, `test.only`, `fit`, `fdescribe`) and tests that are
disabled without a reason (`xit`, `xdescribe`, `it.skip`, `@pytest.mark.skip` or `@unittest.skip`
without a reason, an unconditional Go `t.Skip()`/`t.SkipNow()` without a message).

## Why is this bad?
A committed focus makes the test runner run only the focused tests: CI stays green while the rest
of the suite silently stops running. A skip without a reason is a test nobody will ever turn back on.
Focus is reported as high severity, an unexplained skip as low.

Not flagged: conditional skips with a reason (`@pytest.mark.skipif(…, reason=…)`, `t.Skip` behind
`testing.Short()` or an environment check, `pytest.skip("why")`), skips that give a reason.

## Example
```js
it.only("creates an order", async () => { /* … */ });
```

Use instead:
```js
it("creates an order", async () => { /* … */ });
```

## Fix safety
Removing `.only` and renaming `fit`/`fdescribe` to `it`/`describe` only changes which tests run:
safe. Skips have no automatic fix: say why the test is skipped, or fix and re-enable it.

## References
- eslint-plugin-jest `no-focused-tests`, `no-disabled-tests`; eslint-plugin-mocha `no-exclusive-tests`
- pytest docs: skip and xfail
)md";

const RuleMeta kMeta{
    .id = "focused-or-disabled-test",
    .category = core::Category::Testing,
    .severity = core::Severity::High,
    .confidence = core::Confidence::High,
    .languages = kAllCode,
    .summary = "Focused test (.only/fit) committed, or a test skipped without a reason",
    .docs = kDocs,
    .fix = core::Applicability::Safe,
    .mode = ScoreMode::Presence,
    .planTitle = "Remove focused and unexplained skipped tests",
    .effort = core::Effort::XS,
};

bool isTestFn(std::string_view s) {
  return s == "it" || s == "test" || s == "describe" || s == "context" || s == "suite" || s == "specify";
}

class FocusedOrDisabledTest final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Python) return {"decorator", "call"};
    if (lang == Lang::Go) return {"call_expression"};
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
  static void js(ts::Node call, RuleContext& ctx) {
    auto src = ctx.source();
    ts::Node fn = call.field("function");
    ts::Node args = call.field("arguments");
    if (!fn || !args || args.type() != "arguments" || args.namedChildCount() < 2) return;
    if (fn.type() == "member_expression") {
      ts::Node obj = fn.field("object");
      auto prop = fn.field("property").text(src);
      if (obj.type() != "identifier" || !isTestFn(obj.text(src))) return;
      if (prop == "only") {
        auto& f = ctx.report(fn, "`" + std::string(fn.text(src)) +
                                     "` focuses the suite: every other test is skipped in CI; remove `.only`");
        core::Fix fix{.title = "Remove `.only`", .applicability = core::Applicability::Safe};
        core::TextEdit e;
        e.range = {obj.endByte(), fn.endByte()};
        fix.edits.push_back(e);
        f.fixes.push_back(fix);
      } else if (prop == "skip") {
        auto& f = ctx.report(fn, "`" + std::string(fn.text(src)) +
                                     "` disables this test without a reason: fix and re-enable it, or say why");
        f.severity = core::Severity::Low;
      }
      return;
    }
    if (fn.type() != "identifier") return;
    auto name = fn.text(src);
    if (name == "fit" || name == "fdescribe") {
      std::string plain(name.substr(1));
      auto& f = ctx.report(fn, "`" + std::string(name) + "` focuses the suite: every other test is skipped in CI; use `" +
                                   plain + "`");
      core::Fix fix{.title = "Rename `" + std::string(name) + "` to `" + plain + "`",
                    .applicability = core::Applicability::Safe};
      core::TextEdit e;
      e.range = {fn.startByte(), fn.endByte()};
      e.text = plain;
      fix.edits.push_back(e);
      f.fixes.push_back(fix);
    } else if (name == "xit" || name == "xdescribe" || name == "xtest") {
      auto& f = ctx.report(fn, "`" + std::string(name) +
                                   "` disables this test without a reason: fix and re-enable it, or say why");
      f.severity = core::Severity::Low;
    }
  }

  static bool hasReason(ts::Node args, std::string_view src) {
    if (!args) return false;
    for (std::uint32_t i = 0; i < args.namedChildCount(); ++i) {
      ts::Node a = args.namedChild(i);
      if (a.type() == "keyword_argument" && a.field("name").text(src) == "reason") return true;
      if (a.type() == "string" || a.type() == "concatenated_string") return true;
    }
    return false;
  }

  static void python(ts::Node node, RuleContext& ctx) {
    auto src = ctx.source();
    if (node.type() == "decorator") {
      if (node.namedChildCount() == 0) return;
      ts::Node e = node.namedChild(0);
      ts::Node callee = e.type() == "call" ? e.field("function") : e;
      auto name = callee.text(src);
      bool skip = name == "pytest.mark.skip" || name == "unittest.skip" || name == "skip" || name == "mark.skip";
      if (!skip) return;
      if (e.type() == "call" && hasReason(e.field("arguments"), src)) return;
      auto& f = ctx.report(node, "`@" + std::string(name) +
                                     "` disables this test without a reason: add `reason=\"…\"` or re-enable it");
      f.severity = core::Severity::Low;
      return;
    }
    // pytest.skip() with no message, not behind a condition.
    if (calleeText(node, src) != "pytest.skip") return;
    ts::Node args = node.field("arguments");
    if (hasReason(args, src)) return;
    if (ctx.nearestAncestor({"if_statement", "try_statement", "conditional_expression"})) return;
    auto& f = ctx.report(node, "`pytest.skip()` disables this test without a reason: give one, or re-enable it");
    f.severity = core::Severity::Low;
  }

  static void go(ts::Node call, RuleContext& ctx) {
    auto src = ctx.source();
    ts::Node fn = call.field("function");
    if (!fn || fn.type() != "selector_expression") return;
    auto method = fn.field("field").text(src);
    if (method != "Skip" && method != "SkipNow") return;
    ts::Node args = call.field("arguments");
    if (args && args.namedChildCount() > 0) return;  // t.Skip("reason")
    // Conditional skips (testing.Short(), env checks) sit inside an if/switch.
    if (ctx.nearestAncestor({"if_statement", "expression_switch_statement", "type_switch_statement", "select_statement"}))
      return;
    auto& f = ctx.report(call, "`" + std::string(fn.text(src)) +
                                   "()` unconditionally disables this test without a reason: say why, or re-enable it");
    f.severity = core::Severity::Low;
  }
};

}  // namespace

const Rule& focusedOrDisabledTest() {
  static const FocusedOrDisabledTest rule;
  return rule;
}

}  // namespace agentlens::rules
