// raise-without-cause: `raise NewError(...)` inside an except block without `from`.
#include "rules/common/error_intent.hpp"
#include "rules/common/syntax.hpp"
#include "rules/common/web.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds a `raise SomeError(...)` inside an `except` block that has no `from` clause. Not flagged:
a bare `raise`, re-raising the caught exception by name (`raise e`), `raise ... from None`
(a deliberate choice to hide the cause), and an expected error translated into a client error
that the framework renders instead of logging: `HTTPException` with a 4xx (or the caught
error's) status, `Http404`, `PermissionDenied`, DRF `NotFound`/`ValidationError`, Django forms
`ValidationError`, `CommandError`, click `UsageError`. (Python chains implicitly anyway; the
`from` matters where the new error is logged or reported.)

## Why is this bad?
Python then reports the new error as having happened "during handling of the above exception",
which reads like a second bug, and tools that group errors by cause (Sentry, error reporting)
lose the link to the original failure. `raise X from e` states that the original error *caused*
this one and keeps both tracebacks.

## Example
```python
try:
    row = db.fetch(order_id)
except DatabaseError:
    raise OrderUnavailable(order_id)
```

Use instead:
```python
try:
    row = db.fetch(order_id)
except DatabaseError as e:
    raise OrderUnavailable(order_id) from e
```

## Fix safety
Appending ` from <name>` (and `as <name>` to the `except` when it binds nothing) only sets
`__cause__`: the same exception type propagates, so the fix is safe.

## References
- Ruff B904 (flake8-bugbear), pylint W0707 `raise-missing-from`
- PEP 3134, exception chaining
)md";

const RuleMeta kMeta{
    .id = "raise-without-cause",
    .category = core::Category::ErrorHandling,
    .severity = core::Severity::Low,
    .confidence = core::Confidence::High,
    .languages = {Lang::Python},
    .roles = kServiceCode,
    .summary = "raise inside except without `from`: the original cause is lost",
    .docs = kDocs,
    .fix = core::Applicability::Safe,
};

class RaiseWithoutCause final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::vector<std::string_view> nodeTypes(Lang) const override { return {"raise_statement"}; }

  void visit(ts::Node node, RuleContext& ctx) const override {
    if (ctx.facts().isTestOrGenerated()) return;
    auto src = ctx.source();
    if (node.namedChildCount() == 0 || node.field("cause")) return;
    // Innermost except clause, not crossing a function boundary.
    ts::Node clause;
    auto anc = ctx.ancestors();
    for (std::size_t i = anc.size(); i-- > 0;) {
      if (isFunctionNode(anc[i], Lang::Python) || anc[i].type() == "class_definition") return;
      if (anc[i].type() == "except_clause") {
        clause = anc[i];
        break;
      }
      if (anc[i].type() == "finally_clause") return;
    }
    if (!clause) return;
    ts::Node raised = node.namedChild(0);
    // The bound name of the clause (`except X as e`).
    ts::Node asPattern, typeExpr;
    std::string_view bound;
    for (std::uint32_t i = 0; i < clause.namedChildCount(); ++i) {
      ts::Node c = clause.namedChild(i);
      if (c.type() == "block" || c.type() == "comment") continue;
      if (c.type() == "as_pattern") {
        asPattern = c;
        ts::Node alias = c.field("alias");
        if (alias) bound = alias.text(src);
        if (bound.starts_with("as ")) bound.remove_prefix(3);
        // tree-sitter-python puts the name in an as_pattern_target
        for (std::uint32_t k = 0; k < c.namedChildCount(); ++k)
          if (c.namedChild(k).type() == "as_pattern_target") bound = c.namedChild(k).text(src);
      } else if (!typeExpr) {
        typeExpr = c;
      }
    }
    if (raised.type() == "identifier" && raised.text(src) == bound) return;  // re-raise by name
    if (raised.type() != "call" && raised.type() != "identifier" && raised.type() != "attribute") return;
    // An expected error translated into a client error (`HTTPException(404)`, form
    // `ValidationError`, `CommandError`) is rendered, never logged: the chain has no reader.
    if (isClientErrorRaise(raised, src)) return;
    std::string what(raised.type() == "call" ? calleeText(raised, src) : raised.text(src));
    core::Finding& f = ctx.report(node, "`raise " + what + "` inside `except` drops the original error: add `from " +
                                            (bound.empty() ? std::string("e") : std::string(bound)) + "`");
    // Fix.
    if (!asPattern && !typeExpr) return;  // bare `except:` cannot bind a name
    std::string name = bound.empty() ? pickName(clause, src) : std::string(bound);
    core::Fix fix{.title = "Chain the cause with `from " + name + "`", .applicability = core::Applicability::Safe};
    if (bound.empty()) {
      core::TextEdit as;
      as.range = {typeExpr.endByte(), typeExpr.endByte()};
      as.text = " as " + name;
      fix.edits.push_back(as);
    }
    core::TextEdit e;
    e.range = {node.endByte(), node.endByte()};
    e.text = " from " + name;
    fix.edits.push_back(e);
    f.fixes.push_back(fix);
  }

 private:
  static std::string pickName(ts::Node clause, std::string_view src) {
    auto body = clause.text(src);
    for (std::string n : {"e", "exc", "err", "error"}) {
      bool used = false;
      for (std::size_t p = body.find(n); p != std::string_view::npos; p = body.find(n, p + 1)) {
        bool l = p == 0 || !(std::isalnum(static_cast<unsigned char>(body[p - 1])) || body[p - 1] == '_');
        bool r = p + n.size() >= body.size() ||
                 !(std::isalnum(static_cast<unsigned char>(body[p + n.size()])) || body[p + n.size()] == '_');
        if (l && r) used = true;
      }
      if (!used) return n;
    }
    return "exc_";
  }
};

}  // namespace

const Rule& raiseWithoutCause() {
  static const RaiseWithoutCause rule;
  return rule;
}

}  // namespace agentlens::rules
