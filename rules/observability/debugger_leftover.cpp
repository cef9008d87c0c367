// debugger-leftover: breakpoint()/pdb.set_trace()/debugger statements left in code.
#include "rules/common/syntax.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds interactive debugger hooks left in code: Python `breakpoint()`, `pdb.set_trace()`,
`ipdb.set_trace()`, `pudb.set_trace()`, `IPython.embed()` and imports of `pdb`, `ipdb` or `pudb`;
the JavaScript/TypeScript `debugger;` statement. Test files are left alone.

## Why is this bad?
In a server, a reached breakpoint stops the worker and waits for input on a terminal nobody is
watching: the request hangs, the worker is lost, and under load the whole pool stalls. With
`PYTHONBREAKPOINT` unset the hook is live in production.

## Example
```python
def create_order(data):
    breakpoint()
    return save(data)
```

Use instead:
```python
def create_order(data):
    return save(data)
```

## Fix safety
Deleting the statement is safe: a debugger hook has no effect on the program other than
stopping it. When the statement is the only one in a Python block it becomes `pass`. Deleting a
`pdb` import is unsafe when the module is used for something else (post-mortem hooks).

## References
- Ruff T100, ESLint `no-debugger`
)md";

const RuleMeta kMeta{
    .id = "debugger-leftover",
    .category = core::Category::Observability,
    .severity = core::Severity::Medium,
    .confidence = core::Confidence::High,
    .languages = {Lang::Python, Lang::JavaScript, Lang::TypeScript, Lang::Tsx},
    .summary = "Debugger hook (breakpoint(), pdb.set_trace(), debugger;) left in code",
    .docs = kDocs,
    .fix = core::Applicability::Safe,
};

bool isDebugModule(std::string_view m) { return m == "pdb" || m == "ipdb" || m == "pudb"; }

class DebuggerLeftover final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }

  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Python) return {"call", "import_statement", "import_from_statement"};
    return {"debugger_statement"};
  }

  void visit(ts::Node node, RuleContext& ctx) const override {
    if (ctx.facts().isTestOrGenerated()) return;
    auto src = ctx.source();
    if (node.type() == "debugger_statement") {
      core::Finding& f = ctx.report(node, "`debugger;` left in code: remove it");
      f.fixes.push_back(deleteStatement(ctx, node, "Remove the `debugger` statement", core::Applicability::Safe));
      return;
    }
    if (node.type() == "import_statement" || node.type() == "import_from_statement") {
      std::string_view module;
      if (node.type() == "import_from_statement") {
        module = node.field("module_name").text(src);
      } else {
        for (std::uint32_t i = 0; i < node.namedChildCount(); ++i) {
          ts::Node c = node.namedChild(i);
          if (c.type() == "aliased_import") c = c.field("name");
          if (isDebugModule(c.text(src))) module = c.text(src);
        }
      }
      if (!isDebugModule(module)) return;
      core::Finding& f = ctx.report(node, "import of the `" + std::string(module) + "` debugger: remove it");
      if (node.type() == "import_statement" && node.namedChildCount() == 1)
        f.fixes.push_back(deleteStatement(ctx, node, "Remove the import", core::Applicability::Unsafe));
      return;
    }
    auto callee = calleeText(node, src);
    bool hook = callee == "breakpoint" || callee == "pdb.set_trace" || callee == "ipdb.set_trace" ||
                callee == "pudb.set_trace" || callee == "IPython.embed" || callee == "pdb.post_mortem" ||
                callee == "ipdb.post_mortem";
    if (!hook && callee == "set_trace") {
      // from pdb import set_trace
      for (const auto& imp : ctx.facts().imports)
        if (isDebugModule(imp.module)) hook = true;
    }
    if (!hook) return;
    core::Finding& f = ctx.report(node, "`" + std::string(callee) + "()` left in code: it stops the worker on a request");
    auto anc = ctx.ancestors();
    if (!anc.empty() && anc.back().type() == "expression_statement" && anc.back().namedChildCount() == 1)
      f.fixes.push_back(deleteStatement(ctx, anc.back(), "Remove the debugger call", core::Applicability::Safe));
  }

 private:
  /// Deletes the statement's line(s); a Python block left empty gets `pass` instead.
  static core::Fix deleteStatement(RuleContext& ctx, ts::Node stmt, std::string title, core::Applicability a) {
    auto src = ctx.source();
    core::Fix fix{.title = std::move(title), .applicability = a};
    core::TextEdit e;
    ts::Node parent = stmt.parent();
    bool alone = parent && statements(parent).size() == 1 &&
                 (parent.type() == "block" || parent.type() == "statement_block");
    std::uint32_t start = lineStartOf(src, stmt.startByte());
    std::uint32_t end = stmt.endByte();
    // Own line only: the statement starts after indentation and ends the line.
    bool ownLine = src.substr(start, stmt.startByte() - start).find_first_not_of(" \t") == std::string_view::npos;
    std::uint32_t eol = end;
    while (eol < src.size() && (src[eol] == ' ' || src[eol] == '\t' || src[eol] == ';')) ++eol;
    bool endsLine = eol >= src.size() || src[eol] == '\n' || src[eol] == '\r';
    if (alone && ctx.lang() == Lang::Python) {
      e.range = {stmt.startByte(), stmt.endByte()};
      e.text = "pass";
    } else if (ownLine && endsLine) {
      if (eol < src.size() && src[eol] == '\r') ++eol;
      if (eol < src.size() && src[eol] == '\n') ++eol;
      e.range = {start, eol};
    } else {
      e.range = {stmt.startByte(), end};
    }
    fix.edits.push_back(e);
    return fix;
  }
};

}  // namespace

const Rule& debuggerLeftover() {
  static const DebuggerLeftover rule;
  return rule;
}

}  // namespace agentlens::rules
