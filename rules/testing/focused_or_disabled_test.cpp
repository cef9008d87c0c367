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
`testing.Short()` or an environment check, `pytest.skip("why")`, Playwright's
`test.skip(condition, "why")`), skips that give a reason, and a `describe.only` that is the single
top-level suite of its file (Jest and Vitest apply `.only` per file, so nothing is skipped; with
Mocha, which applies it to the whole run, it is still reported).

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
        if (focusesWholeFile(call, obj.text(src), ctx)) return;
        auto& f = ctx.report(fn, "`" + std::string(fn.text(src)) +
                                     "` focuses the suite: every other test is skipped in CI; remove `.only`");
        core::Fix fix{.title = "Remove `.only`", .applicability = core::Applicability::Safe};
        core::TextEdit e;
        e.range = {obj.endByte(), fn.endByte()};
        fix.edits.push_back(e);
        f.fixes.push_back(fix);
      } else if (prop == "skip") {
        // Playwright `test.skip(condition, "reason")`: a conditional skip that states its reason.
        auto first = args.namedChild(0).type();
        if (first != "string" && first != "template_string") return;
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

  /// `describe.only(...)` as the single top-level suite of its file: Jest and Vitest apply
  /// `.only` per file, so it skips nothing. Mocha applies it to the whole run, so files that
  /// use Mocha (or chai, its usual companion) are still reported.
  static bool focusesWholeFile(ts::Node call, std::string_view obj, const RuleContext& ctx) {
    auto src = ctx.source();
    if (obj == "it" || obj == "test" || obj == "specify") return false;
    ts::Node stmt = call.parent();
    if (stmt.type() != "expression_statement" || stmt.parent().type() != "program") return false;
    if (src.find("mocha") != std::string_view::npos || src.find("chai") != std::string_view::npos) return false;
    ts::Node root = stmt.parent();
    for (std::uint32_t i = 0; i < root.namedChildCount(); ++i) {
      ts::Node s = root.namedChild(i);
      if (s == stmt || s.type() != "expression_statement" || s.namedChildCount() != 1) continue;
      ts::Node c = s.namedChild(0);
      if (c.type() != "call_expression") continue;
      ts::Node f = c.field("function");
      ts::Node base = f.type() == "member_expression" ? f.field("object") : f;
      if (isTestFn(base.text(src))) return false;  // another top-level suite or test runs beside it
    }
    return true;
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
