// broad-exception-catch: `except:` / `except Exception` (Python) or a Go `recover()` that neither
// re-raises nor logs with a traceback.
#include <algorithm>
#include <array>

#include "rules/common/error_intent.hpp"
#include "rules/common/syntax.hpp"
#include "rules/common/web.hpp"
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

struct Narrow {
  std::string_view needle;     // text in the try body
  std::string_view exception;  // what to catch instead
};
constexpr std::array<Narrow, 12> kNarrow = {{
    {"requests.", "requests.RequestException"},
    {"httpx.", "httpx.HTTPError"},
    {"json.loads(", "json.JSONDecodeError"},
    {"json.load(", "json.JSONDecodeError"},
    {"psycopg2.", "psycopg2.Error"},
    {"session.commit(", "SQLAlchemyError"},
    {"int(", "ValueError"},
    {"float(", "ValueError"},
    {"Decimal(", "decimal.InvalidOperation"},
    {"open(", "OSError"},
    {"urlopen(", "urllib.error.URLError"},
    {"subprocess.", "subprocess.SubprocessError"},
}};

class BroadExceptionCatch final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Go) return {"call_expression"};
    return {"except_clause"};
  }

  void visit(ts::Node node, RuleContext& ctx) const override {
    if (ctx.facts().isTestOrGenerated()) return;
    if (ctx.lang() == Lang::Go) go(node, ctx);
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
    bool discard = std::all_of(body.begin(), body.end(), [&](ts::Node s) {
      auto t = s.type();
      return t == "pass_statement" || t == "continue_statement" ||
             (t == "return_statement" && (s.namedChildCount() == 0 || s.namedChild(0).text(src) == "None")) ||
             (t == "expression_statement" && s.namedChildCount() == 1 &&
              (s.namedChild(0).type() == "ellipsis" || s.namedChild(0).type() == "string"));
    });
    if (discard) return;
    if (containsRethrow(block, src, Lang::Python) || logsTraceback(block, src)) return;
    if (isBoundary(ctx, block, src)) return;
    if (handledDeliberately(clause, block, bare, ctx)) return;

    std::string what = bare ? "bare `except:`" : "`except " + std::string(typeExpr.text(src)) + "`";
    core::Finding& f = ctx.report(core::ByteRange{clause.startByte(), block.startByte()},
                                  what + " catches every error, bugs included: catch the exceptions you expect, or log "
                                         "with the traceback and re-raise");
    while (f.range.end > f.range.start && std::isspace(static_cast<unsigned char>(src[f.range.end - 1])))
      --f.range.end;

    // Fixes: narrow to what the try body can raise; bare -> Exception.
    ts::Node tryStmt = ctx.nearestAncestor({"try_statement"});
    std::vector<std::string> narrow;
    if (tryStmt) {
      auto tryBody = tryStmt.field("body").text(src);
      for (const auto& n : kNarrow)
        if (tryBody.find(n.needle) != std::string_view::npos &&
            std::find(narrow.begin(), narrow.end(), n.exception) == narrow.end())
          narrow.emplace_back(n.exception);
      if (tryBody.find("[\"") != std::string_view::npos || tryBody.find("['") != std::string_view::npos)
        if (std::find(narrow.begin(), narrow.end(), "KeyError") == narrow.end()) narrow.emplace_back("KeyError");
    }
    std::uint32_t typeStart = bare ? clause.startByte() + 6 : typeExpr.startByte();
    std::uint32_t typeEnd = bare ? typeStart : typeExpr.endByte();
    if (!narrow.empty() && narrow.size() <= 3 && (bare || types.size() == 1)) {
      bool needsModule = false;
      std::string list;
      for (std::size_t i = 0; i < narrow.size(); ++i) list += (i ? ", " : "") + narrow[i];
      if (narrow.size() > 1) list = "(" + list + ")";
      core::Fix fix{.title = "Narrow to " + list, .applicability = core::Applicability::Unsafe};
      core::TextEdit e;
      e.range = {typeStart, typeEnd};
      e.text = (bare ? " " : "") + list;
      fix.edits.push_back(e);
      // The module of a dotted exception must be imported; stick to those the try body uses.
      for (const auto& n : narrow) {
        auto dot = n.find('.');
        if (dot == std::string::npos) continue;
        std::string mod = n.substr(0, dot);
        bool imported = std::any_of(ctx.facts().imports.begin(), ctx.facts().imports.end(),
                                    [&](const core::Import& i) { return i.module == mod; });
        if (!imported) needsModule = true;
      }
      if (!needsModule) f.fixes.push_back(fix);
    }
    if (bare) {
      core::Fix fix{.title = "Catch `Exception` instead of everything", .applicability = core::Applicability::Unsafe};
      core::TextEdit e;
      e.range = {typeStart, typeStart};
      e.text = " Exception";
      fix.edits.push_back(e);
      f.fixes.push_back(fix);
    }
  }

  /// The handler does something deliberate with the error (see error_intent.hpp): re-raises it
  /// (Celery `self.retry(exc=…)`), logs or prints it (a missing traceback is
  /// exception-logged-without-stacktrace's finding), records it in a result or hands it to a
  /// handler, answers 5xx (a route's boundary: unlogged-server-error and error-details-in-response
  /// judge it), maps it to a client error; or the `try` only parses, converts or compares local
  /// values, so the fallback in the handler is the intended answer for bad data.
  static bool handledDeliberately(ts::Node clause, ts::Node block, bool bare, const RuleContext& ctx) {
    auto src = ctx.source();
    auto caught = caughtName(clause, src);
    HandlerIntent in = handlerIntent(block, caught, src, Lang::Python);
    if (in.rethrows || in.reports || in.handsOff || in.answers5xx || in.clientError) return true;
    // A fallback ignores the error (a handler that passes it on somewhere is judged above); a
    // bare `except:` also eats KeyboardInterrupt and SystemExit: never a deliberate fallback.
    ts::Node tryStmt = ctx.nearestAncestor({"try_statement"});
    return !bare && !mentionsIdentifier(block.text(src), caught) && tryStmt &&
           isLocalComputation(tryStmt.field("body"), src, Lang::Python);
  }

  static bool logsTraceback(ts::Node block, std::string_view src) {
    bool found = false;
    walkSameFunction(block, Lang::Python, [&](ts::Node n) {
      if (found || n.type() != "call") return;
      auto name = calleeName(n, src);
      if (name == "exception" || name == "capture_exception" || name == "print_exc" || name == "format_exc" ||
          name == "record_exception")
        found = true;
      ts::Node args = n.field("arguments");
      if (args && args.text(src).find("exc_info") != std::string_view::npos) found = true;
    });
    return found;
  }

  static bool isBoundary(const RuleContext& ctx, ts::Node block, std::string_view src) {
    auto anc = ctx.ancestors();
    for (std::size_t i = anc.size(); i-- > 0;) {
      ts::Node a = anc[i];
      if (a.type() == "function_definition") {
        auto name = functionName(a, src);
        if (name == "main" || name == "process_exception" || name == "on_failure" || name == "handle_exception" ||
            name == "__exit__" || name == "__aexit__")
          return true;
        if (i > 0 && anc[i - 1].type() == "decorated_definition") {
          auto deco = anc[i - 1].text(src);
          auto head = deco.substr(0, a.startByte() - anc[i - 1].startByte());
          if (head.find("errorhandler") != std::string_view::npos ||
              head.find("exception_handler") != std::string_view::npos ||
              head.find("register_error_handler") != std::string_view::npos)
            return true;
        }
        break;
      }
    }
    // Worker loops that log and continue: the except body logs and the try sits in a loop.
    bool inLoop = false;
    for (std::size_t i = anc.size(); i-- > 0;) {
      if (isFunctionNode(anc[i], Lang::Python)) break;
      if (anc[i].type() == "while_statement" || anc[i].type() == "for_statement") inLoop = true;
    }
    return inLoop && containsLogging(block, src, Lang::Python);
  }

  /// `if r := recover(); r != nil` -> "r".
  static std::string_view recoveredName(ts::Node ifStmt, std::string_view src) {
    ts::Node init = ifStmt.field("initializer");
    ts::Node left = init ? init.field("left") : ts::Node();
    return left && left.namedChildCount() == 1 ? left.namedChild(0).text(src) : std::string_view();
  }

  // Go: defer func() { if r := recover(); r != nil { … } }()  /  defer func() { recover() }()
  static void go(ts::Node call, RuleContext& ctx) {
    auto src = ctx.source();
    if (calleeText(call, src) != "recover") return;
    auto anc = ctx.ancestors();
    // Must be inside a deferred func literal.
    bool deferred = false;
    for (std::size_t i = anc.size(); i-- > 0;) {
      if (anc[i].type() == "defer_statement") {
        deferred = true;
        break;
      }
      if (anc[i].type() == "function_declaration" || anc[i].type() == "method_declaration") break;
    }
    if (!deferred) return;
    ctx.countSite();
    ts::Node branch;
    if (!anc.empty() && anc.back().type() == "expression_statement") {
      branch = ts::Node();  // recover() as a statement: the panic is dropped outright
    } else {
      ts::Node ifStmt = ctx.nearestAncestor({"if_statement"});
      if (!ifStmt) return;  // value used elsewhere (assigned, returned): cannot tell
      branch = ifStmt.field("consequence");
      if (!branch) return;
      if (containsLogging(branch, src, Lang::Go) || containsRethrow(branch, src, Lang::Go)) return;
      // Handed to a reporter (`ReportPanic(r)`) or answered 500 (unlogged-server-error's concern).
      HandlerIntent in = handlerIntent(branch, recoveredName(ifStmt, src), src, Lang::Go);
      if (in.handsOff || in.answers5xx) return;
      // Converted to an error: `err = fmt.Errorf(...)` / `retErr = ...`
      bool converts = false;
      walkSameFunction(branch, Lang::Go, [&](ts::Node n) {
        if (n.type() == "assignment_statement" || n.type() == "return_statement") {
          auto t = n.text(src);
          if (t.find("rr") != std::string_view::npos || t.find("Errorf") != std::string_view::npos ||
              t.find("errors.New") != std::string_view::npos)
            converts = true;
        }
        if (n.type() == "call_expression") {
          auto c = calleeText(n, src);
          if (c == "http.Error" || c.ends_with(".AbortWithStatus") || c.ends_with(".AbortWithStatusJSON") ||
              c.ends_with(".AbortWithError"))
            converts = true;  // answered the request: still reported by unlogged-server-error if silent
        }
      });
      if (converts) return;
    }
    ctx.report(call, "`recover()` drops the panic: log it with the stack (`debug.Stack()`), re-panic, or return it "
                     "as an error");
  }
};

}  // namespace

const Rule& broadExceptionCatch() {
  static const BroadExceptionCatch rule;
  return rule;
}

}  // namespace agentlens::rules
