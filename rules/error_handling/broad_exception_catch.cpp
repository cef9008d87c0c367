// broad-exception-catch: `except:` / `except Exception` (Python) or a Go `recover()` that neither
// re-raises nor logs with a traceback.
#include <algorithm>
#include <cctype>

#include "rules/common/python_except.hpp"
#include "rules/common/syntax.hpp"
#include "rules/common/web.hpp"
#include "rules/error_handling/broad_exception_catch.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds Python handlers that catch everything (`except:`, `except Exception`, `except BaseException`,
also inside a tuple) and neither re-raise (`raise`, `raise ... from e`) nor log the traceback
(`logger.exception`, `exc_info=True`, `sentry_sdk.capture_exception`); and Go deferred
`recover()` calls whose branch neither logs, re-panics nor turns the panic into an error.

Not flagged: deliberate top-level boundaries (`@app.errorhandler(Exception)`,
`@app.exception_handler(Exception)`, Django `process_exception`, Celery `on_failure`, a CLI
`main()`), worker loops that log and continue, and handlers that only `pass` (reported by
`swallowed-exception` instead). Nor handlers whose intent is visible: they log or print the
error (a missing traceback is `exception-logged-without-stacktrace`'s finding), retry it
(`self.retry(exc=exc)`), record it in a result or hand it to a handler
(`return error_result("unexpected", str(exc))`, `form.add_error(...)`), answer the request 5xx
(the route's boundary: `unlogged-server-error` and `error-details-in-response` judge it) or 4xx,
or fall back after a `try` that only parses, converts or compares local values
(`json.dumps(cfg)`, a comparator on arbitrary JSON); a Go `recover()` whose value is passed to
a reporter (`ReportPanic(r)`).

## Why is this bad?
A broad handler treats a typo (`NameError`), a bug (`KeyError`), a database outage and a bad
input the same way, usually by returning a generic value. Real bugs then hide behind a
plausible-looking fallback and are found late, if ever.

## Example
```python
try:
    qty = int(request.args["qty"])
except Exception:
    qty = 1
```

Use instead:
```python
try:
    qty = int(request.args["qty"])
except (KeyError, ValueError):
    qty = 1
```

## Fix safety
"Narrow the exception" proposes the exceptions the calls in the `try` body are known to raise
(`requests` → `requests.RequestException`, `json.loads` → `json.JSONDecodeError`, `int()` →
`ValueError`, `d[k]` → `KeyError`, …): unsafe, other errors now propagate. Bare `except:` →
`except Exception:` stops catching `KeyboardInterrupt`/`SystemExit`: unsafe.

## References
- Ruff E722, BLE001; pylint W0702, W0718
)md";

const RuleMeta kMeta{
    .id = "broad-exception-catch",
    .category = core::Category::ErrorHandling,
    .severity = core::Severity::Medium,
    .confidence = core::Confidence::High,
    .languages = {Lang::Python, Lang::Go},
    .summary = "except Exception / bare except (or Go recover) that neither re-raises nor logs the traceback",
    .docs = kDocs,
    .fix = core::Applicability::Unsafe,
    .mode = ScoreMode::Density,
};

class BroadExceptionCatch final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Go) return {"call_expression"};
    return {"except_clause"};
  }

  void visit(ts::Node node, RuleContext& ctx) const override {
    if (ctx.facts().isTestOrGenerated()) return;
    if (ctx.lang() == Lang::Go) broad_catch::go(node, ctx);
    else python(node, ctx);
  }

 private:
  static void python(ts::Node clause, RuleContext& ctx) {
    auto src = ctx.source();
    ctx.countSite();
    ts::Node block, typeExpr;
    std::vector<std::string_view> types;
    for (std::uint32_t i = 0; i < clause.namedChildCount(); ++i) {
      ts::Node c = clause.namedChild(i);
      if (c.type() == "block") block = c;
      else if (c.type() != "comment") {
        ts::Node t = c.type() == "as_pattern" ? c.namedChild(0) : c;
        typeExpr = t;
        if (t.type() == "tuple" || t.type() == "parenthesized_expression")
          for (std::uint32_t k = 0; k < t.namedChildCount(); ++k) types.push_back(t.namedChild(k).text(src));
        else types.push_back(t.text(src));
      }
    }
    if (!block) return;
    bool bare = types.empty();
    bool broad = bare || std::any_of(types.begin(), types.end(), [](std::string_view t) {
      return t == "Exception" || t == "BaseException" || t == "builtins.Exception";
    });
    if (!broad) return;
    // Bodies that only discard: swallowed-exception reports them.
    auto body = statements(block);
    bool discard =
        std::all_of(body.begin(), body.end(), [&](ts::Node s) { return isDiscardStatement(s, src); });
    if (discard) return;
    if (containsRethrow(block, src, Lang::Python) || broad_catch::logsTraceback(block, src)) return;
    if (broad_catch::isBoundary(ctx, block, src)) return;
    if (broad_catch::handledDeliberately(clause, block, bare, ctx)) return;

    std::string what = bare ? "bare `except:`" : "`except " + std::string(typeExpr.text(src)) + "`";
    core::Finding& f = ctx.report(core::ByteRange{clause.startByte(), block.startByte()},
                                  what + " catches every error, bugs included: catch the exceptions you expect, or log "
                                         "with the traceback and re-raise");
    while (f.range.end > f.range.start && std::isspace(static_cast<unsigned char>(src[f.range.end - 1])))
      --f.range.end;

    broad_catch::addFixes(f, ctx, clause, typeExpr, types, bare);
  }
};

}  // namespace

const Rule& broadExceptionCatch() {
  static const BroadExceptionCatch rule;
  return rule;
}

}  // namespace agentlens::rules
