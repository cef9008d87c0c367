// swallowed-exception: an except/catch whose body discards the error.
#include <algorithm>
#include <array>

#include "rules/common/error_intent.hpp"
#include "rules/common/imports.hpp"
#include "rules/common/syntax.hpp"
#include "rules/common/web.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds exception handlers that throw the error away: a Python `except` whose body is only `pass`,
`...`, `continue` or `return`/`return None`; an empty JavaScript/TypeScript `catch {}` or a
`.catch(() => {})` that drops a rejection; and in Go an empty `if err != nil {}` or an error result
assigned to `_` from a call that is known to fail (`json.Unmarshal`, `strconv.Atoi`, `rows.Scan`, …).

## Why is this bad?
The request that hit the bug returns as if nothing happened, nothing is logged, and the first sign
of trouble is corrupted data or a user report days later. In production you need every unexpected
error either handled on purpose, or logged with its stack trace and propagated.

Not flagged: optional imports (`except ImportError: pass` at module level), cancellation and
shutdown signals (`KeyboardInterrupt`, `asyncio.CancelledError`), `FileNotFoundError` around an
idempotent delete, `contextlib.suppress(...)`, Go's `defer f.Close()` / `_ = conn.Close()`, and code
that is not a service: tests, scripts and CLI commands, browser code, tool config. Nor deliberate
handling: an expected, narrowly caught error turned into a sentinel for a caller that checks it
(`except jwt.InvalidTokenError: return None` in a token verifier, `except ValueError: return None`
in a parser), a best-effort cleanup (`try: conn.close()`), a `.catch(() => null)` whose value is
used as the fallback, a Go number or time parsed into a field or checked for its zero value
(`filter.Offset, _ = strconv.Atoi(q)`), and a handler whose comment explains the choice ("called
from a Server Component; the middleware refreshes the session"). A handler that holds only a bare
"ignore" comment is reported as a hint. `except Exception: return None` is still reported: it hides
bugs along with the expected failure.

## Example
```python
try:
    charge(order)
except Exception:
    pass
```

Use instead:
```python
try:
    charge(order)
except Exception:
    logger.exception("charge failed")
    raise
```

## Fix safety
"Log the error" keeps the control flow and only adds a log call (plus `import logging` and a module
logger when missing): safe. "Log and re-raise" (Python), "log and rethrow" (JS) and "return the
wrapped error" (Go) change control flow: unsafe, review the callers.

## References
- Ruff S110 / S112, Bandit B110, ESLint `no-empty`, gosec G104, errcheck
- The Twelve-Factor App, XI. Logs
)md";

const RuleMeta kMeta{
    .id = "swallowed-exception",
    .category = core::Category::ErrorHandling,
    .severity = core::Severity::High,
    .confidence = core::Confidence::High,
    .languages = kAllCode,
    .roles = {core::FileRole::Server, core::FileRole::Library, core::FileRole::Config, core::FileRole::Migration},
    .summary = "Exception handler discards the error without logging or re-raising it",
    .docs = kDocs,
    .fix = core::Applicability::Safe,
    .mode = ScoreMode::Density,
    .planTitle = "Stop swallowing exceptions",
};

// Go calls whose error result is commonly dropped, with their result count.
struct GoCallee {
  std::string_view name;
  int results;
};
constexpr std::array<GoCallee, 27> kGoFallible = {{
    {"json.Unmarshal", 1}, {"json.Marshal", 2}, {"json.MarshalIndent", 2}, {"strconv.Atoi", 2},
    {"strconv.ParseInt", 2}, {"strconv.ParseUint", 2}, {"strconv.ParseFloat", 2}, {"strconv.ParseBool", 2},
    {"io.ReadAll", 2}, {"ioutil.ReadAll", 2}, {"os.ReadFile", 2}, {"ioutil.ReadFile", 2}, {"os.WriteFile", 1},
    {"os.Open", 2}, {"os.Create", 2}, {"os.MkdirAll", 1}, {"os.Mkdir", 1}, {"os.Setenv", 1},
    {"http.NewRequest", 2}, {"http.NewRequestWithContext", 2}, {"url.Parse", 2}, {"time.Parse", 2},
    {"time.ParseDuration", 2}, {"template.ParseFiles", 2}, {"hex.DecodeString", 2},
    {"base64.StdEncoding.DecodeString", 2}, {"uuid.Parse", 2},
}};
// Methods on any receiver whose only result is an error (database and decoding paths).
constexpr std::array<std::string_view, 6> kGoErrMethods = {"Scan", "Err", "Commit", "Ping", "Decode", "Unmarshal"};
// Methods returning (value, error).
constexpr std::array<std::string_view, 6> kGoPairMethods = {"Exec", "ExecContext", "Query", "QueryContext",
                                                           "Prepare", "Begin"};

class SwallowedException final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }

  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Python) return {"except_clause"};
    if (lang == Lang::Go) return {"if_statement", "assignment_statement", "short_var_declaration"};
    return {"catch_clause", "call_expression"};
  }

  void visit(ts::Node node, RuleContext& ctx) const override {
    switch (ctx.lang()) {
      case Lang::Python: python(node, ctx); break;
      case Lang::Go: go(node, ctx); break;
      default: js(node, ctx); break;
    }
  }

 private:
  // ---------------------------------------------------------------- Python
  static void python(ts::Node clause, RuleContext& ctx) {
    auto src = ctx.source();
    ctx.countSite();
    ts::Node block;
    std::vector<std::string_view> types;
    bool hasTypeExpr = false;
    std::vector<std::string_view> comments;
    for (std::uint32_t i = 0; i < clause.namedChildCount(); ++i) {
      ts::Node c = clause.namedChild(i);
      if (c.type() == "block") block = c;
      else if (c.type() == "comment") comments.push_back(c.text(src));
      else {
        hasTypeExpr = true;
        ts::Node t = c.type() == "as_pattern" ? c.namedChild(0) : c;
        if (t.type() == "tuple" || t.type() == "parenthesized_expression") {
          for (std::uint32_t k = 0; k < t.namedChildCount(); ++k) types.push_back(t.namedChild(k).text(src));
        } else {
          types.push_back(t.text(src));
        }
      }
    }
    if (!block) return;
    for (auto c : directComments(block, src)) comments.push_back(c);
    auto body = statements(block);
    if (body.empty()) return;
    for (ts::Node s : body)
      if (!isDiscard(s, src)) return;

    auto is = [&](std::initializer_list<std::string_view> names) {
      return !types.empty() && std::all_of(types.begin(), types.end(), [&](std::string_view t) {
        return std::find(names.begin(), names.end(), t) != names.end();
      });
    };
    // Precision traps.
    if (is({"KeyboardInterrupt", "asyncio.CancelledError", "CancelledError", "GeneratorExit",
            "trio.Cancelled", "SystemExit"}))
      return;
    ts::Node fn = enclosingFunction(ctx);
    if (is({"ImportError", "ModuleNotFoundError"})) return;  // optional dependency
    ts::Node tryStmt = ctx.nearestAncestor({"try_statement"});
    if (is({"FileNotFoundError", "FileExistsError", "OSError"}) && tryStmt) {
      auto tryBody = tryStmt.field("body").text(src);
      for (auto op : {"remove(", "unlink(", "rmdir(", "rmtree(", "mkdir(", "makedirs("})
        if (tryBody.find(op) != std::string_view::npos) return;
    }

    bool broad = !hasTypeExpr || is({"Exception", "BaseException", "builtins.Exception"});
    if (handledDeliberately(body, tryStmt, comments, !broad, src, Lang::Python)) return;
    bool intent = std::any_of(comments.begin(), comments.end(), commentStatesIntent);
    std::string what = !hasTypeExpr ? "bare `except:`" : "`except " + std::string(types.size() == 1 ? types[0] : "(...)") + "`";
    std::string message = what + " discards the error: log it, handle it, or re-raise it";
    // Report on the `except ...:` header, not the whole handler.
    core::Finding& f = ctx.report(core::ByteRange{clause.startByte(), block.startByte()}, message);
    while (f.range.end > f.range.start && (src[f.range.end - 1] == ' ' || src[f.range.end - 1] == '\n' ||
                                           src[f.range.end - 1] == '\r' || src[f.range.end - 1] == '\t'))
      --f.range.end;
    if (!broad) f.severity = core::Severity::Low;
    if (intent) {
      f.severity = core::Severity::Info;
      f.message = what + " discards the error on purpose (commented); consider logging it at debug level";
    }

    std::string func = fn ? std::string(functionName(fn, src)) : std::string("module");
    LoggerPlan logger = pythonLogger(ctx.file());
    std::string indent(lineIndent(src, body.front().startByte()));
    std::string logLine = logger.name + ".exception(\"" + func + " failed\")";
    // The statement to replace: the discard statements (keep continue/return after the log).
    ts::Node first = body.front();
    bool onlyPass = std::all_of(body.begin(), body.end(), [&](ts::Node s) {
      return s.type() == "pass_statement" || (s.type() == "expression_statement" && s.text(src) == "...");
    });

    core::Fix logFix{.title = "Log the exception with its traceback", .applicability = core::Applicability::Safe};
    core::TextEdit e;
    if (onlyPass) {
      e.range = {first.startByte(), body.back().endByte()};
      e.text = logLine;
    } else {
      e.range = {first.startByte(), first.startByte()};
      e.text = logLine + "\n" + indent;
    }
    logFix.edits = logger.edits;
    logFix.edits.push_back(e);

    core::Fix raiseFix{.title = "Log the exception and re-raise it", .applicability = core::Applicability::Unsafe};
    core::TextEdit r;
    r.range = {first.startByte(), body.back().endByte()};
    r.text = logLine + "\n" + indent + "raise";
    raiseFix.edits = logger.edits;
    raiseFix.edits.push_back(r);
    f.fixes = {logFix, raiseFix};
    if (!broad && onlyPass && !intent && tryStmt) suppressFix(f, ctx, tryStmt, clause, types);
  }

  /// SIM105: `try: x() / except KeyError: pass` -> `with contextlib.suppress(KeyError): x()`.
  static void suppressFix(core::Finding& f, RuleContext& ctx, ts::Node tryStmt, ts::Node clause,
                          const std::vector<std::string_view>& types) {
    auto src = ctx.source();
    // Exactly one handler, no else/finally, no comments that would be lost.
    for (std::uint32_t i = 0; i < tryStmt.namedChildCount(); ++i) {
      ts::Node c = tryStmt.namedChild(i);
      if (c.type() == "else_clause" || c.type() == "finally_clause" || c.type() == "comment") return;
      if (c.type() == "except_clause" && c != clause) return;
      if (c.type() == "except_group_clause") return;
    }
    for (auto c : directComments(clause, src))  // a comment with words in it would be lost
      if (std::any_of(c.begin(), c.end(), [](char ch) { return std::isalpha(static_cast<unsigned char>(ch)); })) return;
    ts::Node body = tryStmt.field("body");
    if (!body) return;
    std::string list;
    for (std::size_t i = 0; i < types.size(); ++i) list += (i ? ", " : "") + std::string(types[i]);
    core::Fix fix{.title = "Use contextlib.suppress(" + list + ")", .applicability = core::Applicability::Safe};
    fix.edits = pythonEnsureImport(ctx.file(), "contextlib");
    core::TextEdit head;
    // `try:` -> `with contextlib.suppress(...):`; the body keeps its indentation.
    head.range = {tryStmt.startByte(), body.startByte()};
    std::string between(src.substr(tryStmt.startByte() + 3, body.startByte() - tryStmt.startByte() - 3));
    head.text = "with contextlib.suppress(" + list + ")" + between;
    fix.edits.push_back(head);
    core::TextEdit tail;
    // Remove the except clause, from the end of the body to the end of the clause.
    tail.range = {body.endByte(), clause.endByte()};
    tail.text = "";
    fix.edits.push_back(tail);
    f.fixes.push_back(fix);
  }

  /// Deliberate handling (error_intent.hpp): an expected, narrowly caught error turned into a
  /// sentinel for a caller that checks it (`except jwt.InvalidTokenError: return None`), a
  /// best-effort cleanup (`conn.close()`), or a comment that explains the choice.
  static bool handledDeliberately(const std::vector<ts::Node>& body, ts::Node tryStmt,
                                  const std::vector<std::string_view>& comments, bool narrow, std::string_view src,
                                  Lang lang) {
    if (std::any_of(comments.begin(), comments.end(), commentExplainsChoice)) return true;
    if (tryStmt && isBestEffortCleanup(tryStmt.field("body"), src, lang)) return true;
    return narrow && !body.empty() &&
           std::all_of(body.begin(), body.end(), [&](ts::Node s) { return isSentinelReturn(s, src); });
  }

  /// `const meta = await p.catch(() => null)`: the rejection becomes a fallback value the code
  /// goes on to use (returning the promise would hand the silence to every caller: reported).
  static bool valueIsUsed(ts::Node call) {
    ts::Node p = call.parent();
    if (p.type() == "await_expression" || p.type() == "parenthesized_expression") p = p.parent();
    return p.type() == "variable_declarator" || p.type() == "assignment_expression";
  }

  static bool isDiscard(ts::Node s, std::string_view src) {
    auto t = s.type();
    if (t == "pass_statement" || t == "continue_statement") return true;
    if (t == "expression_statement") {
      if (s.namedChildCount() != 1) return false;
      auto ct = s.namedChild(0).type();
      return ct == "ellipsis" || ct == "string";  // `...` or a docstring-like note
    }
    if (t == "return_statement") {
      if (s.namedChildCount() == 0) return true;
      return s.namedChild(0).text(src) == "None";
    }
    return false;
  }

  // ---------------------------------------------------------------- JavaScript / TypeScript
  static void js(ts::Node node, RuleContext& ctx) {
    auto src = ctx.source();
    if (node.type() == "catch_clause") {
      ctx.countSite();
      ts::Node body = node.field("body");
      if (!body || !statements(body).empty()) return;
      auto comments = directComments(body, src);
      if (handledDeliberately({}, node.parent(), comments, false, src, ctx.lang())) return;
      bool intent = std::any_of(comments.begin(), comments.end(), commentStatesIntent);
      ts::Node param = node.field("parameter");
      core::Finding& f = ctx.report(core::ByteRange{node.startByte(), body.startByte() + 1},
                                    "empty `catch` discards the error: log it, handle it, or rethrow it");
      trimRange(f, src);
      if (intent) {
        f.severity = core::Severity::Info;
        f.message = "empty `catch` discards the error on purpose (commented); consider logging it";
      }
      LoggerPlan logger = jsLogger(ctx.file());
      std::string func(functionName(enclosingFunction(ctx), src));
      std::string label = func.empty() ? "operation" : func;
      std::string errName = param ? std::string(param.text(src)) : "err";
      if (param && param.type() != "identifier") return;  // destructured binding: leave it
      std::string indent(lineIndent(src, node.startByte()));
      std::string inner = indent + indentUnit(src, ctx.lang());
      std::string logCall = logger.name == "console"
                                ? "console.error(\"" + label + " failed\", " + errName + ");"
                                : logger.name + ".error({ err: " + errName + " }, \"" + label + " failed\");";
      auto build = [&](std::string title, core::Applicability a, bool rethrow) {
        core::Fix fix{.title = std::move(title), .applicability = a};
        if (!param) {
          // `catch {` -> `catch (err) {`
          core::TextEdit bind;
          std::uint32_t at = node.startByte() + 5;  // after "catch"
          bind.range = {at, at};
          bind.text = " (err)";
          fix.edits.push_back(bind);
        }
        core::TextEdit e;
        std::string text = "{\n" + inner + logCall + "\n";
        if (rethrow) text += inner + "throw " + errName + ";\n";
        // Keep comments that were in the block.
        for (auto c : comments) text += inner + std::string(c) + "\n";
        text += indent + "}";
        e.range = {body.startByte(), body.endByte()};
        e.text = text;
        fix.edits.push_back(e);
        return fix;
      };
      f.fixes = {build("Log the error", core::Applicability::Safe, false),
                 build("Log the error and rethrow it", core::Applicability::Unsafe, true)};
      return;
    }
    // promise.catch(() => {}) / .catch(() => null) / .catch(noop)
    ts::Node fn = node.field("function");
    if (!fn || fn.type() != "member_expression" || fn.field("property").text(src) != "catch") return;
    ts::Node args = node.field("arguments");
    if (!args || args.namedChildCount() != 1) return;
    ctx.countSite();
    ts::Node cb = args.namedChild(0);
    bool discards = false;
    auto cbText = cb.text(src);
    if (cb.type() == "identifier" || cb.type() == "member_expression") {
      discards = cbText == "noop" || cbText == "_.noop" || cbText == "lodash.noop";
    } else if (cb.type() == "arrow_function" || cb.type() == "function_expression") {
      ts::Node body = cb.field("body");
      if (body.type() == "statement_block") {
        discards = statements(body).empty() && directComments(body, src).empty();
      } else {
        auto b = body.text(src);
        discards = b == "null" || b == "undefined" || b == "void 0" || b == "false" || b == "{}" || b == "[]";
        if (discards && valueIsUsed(node)) return;  // a fallback value, not a dropped rejection
      }
    }
    if (!discards) return;
    core::Finding& f = ctx.report(cb, "`.catch(...)` drops the rejection: log it or let it propagate");
    LoggerPlan logger = jsLogger(ctx.file());
    std::string func(functionName(enclosingFunction(ctx), src));
    std::string label = func.empty() ? "operation" : func;
    core::Fix fix{.title = "Log the rejection", .applicability = core::Applicability::Safe};
    core::TextEdit e;
    e.range = {cb.startByte(), cb.endByte()};
    e.text = logger.name == "console" ? "(err) => console.error(\"" + label + " failed\", err)"
                                      : "(err) => " + logger.name + ".error({ err }, \"" + label + " failed\")";
    fix.edits.push_back(e);
    f.fixes.push_back(fix);
  }

  static void trimRange(core::Finding& f, std::string_view src) {
    while (f.range.end > f.range.start && (src[f.range.end - 1] == '{' || src[f.range.end - 1] == ' '))
      --f.range.end;
  }

  // ---------------------------------------------------------------- Go
  static void go(ts::Node node, RuleContext& ctx) {
    auto src = ctx.source();
    if (node.type() == "if_statement") {
      ts::Node cond = node.field("condition");
      if (!cond || cond.type() != "binary_expression") return;
      if (cond.field("operator").text(src) != "!=" || cond.field("right").text(src) != "nil") return;
      auto left = cond.field("left").text(src);
      if (!(left == "err" || left.ends_with("Err") || left.ends_with("err") || left.ends_with("Error"))) return;
      ctx.countSite();
      ts::Node cons = node.field("consequence");
      if (!cons || !statements(cons).empty() || node.field("alternative")) return;
      auto comments = directComments(cons, src);
      if (std::any_of(comments.begin(), comments.end(), commentExplainsChoice)) return;
      bool intent = std::any_of(comments.begin(), comments.end(), commentStatesIntent);
      core::Finding& f = ctx.report(core::ByteRange{node.startByte(), cons.startByte()},
                                    "empty `if " + std::string(left) + " != nil {}` discards the error");
      while (f.range.end > f.range.start && src[f.range.end - 1] == ' ') --f.range.end;
      if (intent) {
        f.severity = core::Severity::Info;
        f.message = "empty `if " + std::string(left) + " != nil {}` discards the error on purpose (commented)";
      }
      goFixes(f, ctx, cons, std::string(left));
      return;
    }
    // _ = f()  /  v, _ := f()
    ts::Node lhs = node.field("left");
    ts::Node rhs = node.field("right");
    if (!lhs || !rhs || rhs.namedChildCount() != 1) return;
    ts::Node call = rhs.namedChild(0);
    if (call.type() != "call_expression") return;
    std::uint32_t n = lhs.namedChildCount();
    if (n == 0 || lhs.namedChild(n - 1).text(src) != "_") return;
    auto callee = calleeText(call, src);
    int results = 0;
    for (const auto& c : kGoFallible)
      if (c.name == callee) results = c.results;
    if (!results) {
      auto name = calleeName(call, src);
      if (callee.find('.') != std::string_view::npos) {
        if (std::find(kGoErrMethods.begin(), kGoErrMethods.end(), name) != kGoErrMethods.end()) results = 1;
        if (std::find(kGoPairMethods.begin(), kGoPairMethods.end(), name) != kGoPairMethods.end()) results = 2;
      }
    }
    if (results == 0 || static_cast<std::uint32_t>(results) != n) return;
    ctx.countSite();
    if (parsesToDefault(node, lhs, callee, src)) return;
    core::Finding& f = ctx.report(node, "error from `" + std::string(callee) + "` is assigned to `_` and lost: check it");
    blankFixes(f, ctx, node, lhs, call, n);
  }

  /// Go's parse-with-default idiom: a number or time parsed into a field or through a pointer
  /// (`filter.Offset, _ = strconv.Atoi(q)`), or whose zero value is checked right away
  /// (`if v, _ := time.Parse(…); !v.IsZero()`): the zero value is the intended default.
  static bool parsesToDefault(ts::Node stmt, ts::Node lhs, std::string_view callee, std::string_view src) {
    if (!callee.starts_with("strconv.") && callee != "time.Parse" && callee != "time.ParseDuration") return false;
    ts::Node target = lhs.namedChild(0);
    if (stmt.type() == "assignment_statement")
      return target.type() == "selector_expression" || target.type() == "unary_expression" ||
             target.type() == "index_expression" || target.type() == "parenthesized_expression";
    ts::Node parent = stmt.parent();
    if (parent.type() != "if_statement" || parent.field("initializer") != stmt) return false;
    return mentionsIdentifier(parent.field("condition").text(src), target.text(src));
  }

  /// `v, _ := f()` -> `v, err := f()` + `if err != nil {…}`; `_ = f()` -> `if err := f(); err != nil {…}`.
  static void blankFixes(core::Finding& f, RuleContext& ctx, ts::Node stmt, ts::Node lhs, ts::Node call,
                         std::uint32_t n) {
    auto src = ctx.source();
    ts::Node fn = enclosingFunction(ctx);
    if (!fn) return;
    auto anc = ctx.ancestors();
    // Only plain statements in a block (not `for` clauses or `if` initialisers).
    if (anc.empty() || (anc.back().type() != "block" && anc.back().type() != "statement_list")) return;
    bool declare = stmt.type() == "short_var_declaration";
    if (!declare && n != 1) return;  // `a, _ = f()` would need `err` declared
    std::string name(functionName(fn, src));
    if (name.empty()) name = "handler";
    std::string indent(lineIndent(src, stmt.startByte()));
    auto types = goResultTypes(fn, src);
    auto build = [&](std::string title, core::Applicability a, std::vector<core::TextEdit> imports,
                     const std::string& action) {
      core::Fix fix{.title = std::move(title), .applicability = a};
      fix.edits = std::move(imports);
      core::TextEdit e;
      if (declare) {
        ts::Node blank = lhs.namedChild(n - 1);
        e.range = {blank.startByte(), blank.endByte()};
        e.text = "err";
        fix.edits.push_back(e);
        core::TextEdit check;
        check.range = {stmt.endByte(), stmt.endByte()};
        check.text = "\n" + indent + "if err != nil {\n" + indent + "\t" + action + "\n" + indent + "}";
        fix.edits.push_back(check);
      } else {
        e.range = {stmt.startByte(), stmt.endByte()};
        e.text = "if err := " + std::string(call.text(src)) + "; err != nil {\n" + indent + "\t" + action + "\n" +
                 indent + "}";
        fix.edits.push_back(e);
      }
      f.fixes.push_back(fix);
    };
    if (!types.empty() && types.back() == "error") {
      std::string ret = "return ";
      for (std::size_t i = 0; i + 1 < types.size(); ++i) ret += goZero(types[i]) + ", ";
      build("Check the error and return it, wrapped", core::Applicability::Unsafe, goEnsureImport(ctx.file(), "fmt"),
            ret + "fmt.Errorf(\"" + name + ": %w\", err)");
    }
    build("Check the error and log it with slog", core::Applicability::Unsafe, goEnsureImport(ctx.file(), "log/slog"),
          "slog.Error(\"" + name + " failed\", \"err\", err)");
  }

  static std::string goZero(std::string_view type) { return goZeroValue(type); }

  static void goFixes(core::Finding& f, RuleContext& ctx, ts::Node cons, const std::string& errName) {
    auto src = ctx.source();
    ts::Node fn = enclosingFunction(ctx);
    if (!fn) return;
    std::string name(functionName(fn, src));
    if (name.empty()) name = "handler";
    ts::Node result = fn.field("result");
    std::vector<std::string_view> types;
    if (result) {
      if (result.type() == "parameter_list") {
        for (std::uint32_t i = 0; i < result.namedChildCount(); ++i) {
          ts::Node p = result.namedChild(i);
          if (p.type() != "parameter_declaration") continue;
          ts::Node t = p.field("type");
          // `a, b int` declares two results of one type.
          std::uint32_t names = 0;
          for (std::uint32_t k = 0; k < p.namedChildCount(); ++k)
            if (p.namedChild(k).type() == "identifier") ++names;
          for (std::uint32_t k = 0; k < std::max(1u, names); ++k) types.push_back(t.text(src));
        }
      } else {
        types.push_back(result.text(src));
      }
    }
    std::string indent(lineIndent(src, cons.startByte()));
    std::string inner = indent + "\t";
    std::string kept;  // comments that were in the empty block stay in it
    for (auto c : directComments(cons, src)) kept += inner + std::string(c) + "\n";
    if (!types.empty() && types.back() == "error") {
      std::string ret = "return ";
      for (std::size_t i = 0; i + 1 < types.size(); ++i) ret += goZero(types[i]) + ", ";
      ret += "fmt.Errorf(\"" + name + ": %w\", " + errName + ")";
      core::Fix fix{.title = "Return the error, wrapped with context", .applicability = core::Applicability::Unsafe};
      fix.edits = goEnsureImport(ctx.file(), "fmt");
      core::TextEdit e;
      e.range = {cons.startByte(), cons.endByte()};
      e.text = "{\n" + kept + inner + ret + "\n" + indent + "}";
      fix.edits.push_back(e);
      f.fixes.push_back(fix);
    }
    core::Fix log{.title = "Log the error with slog", .applicability = core::Applicability::Safe};
    log.edits = goEnsureImport(ctx.file(), "log/slog");
    core::TextEdit e;
    e.range = {cons.startByte(), cons.endByte()};
    e.text = "{\n" + kept + inner + "slog.Error(\"" + name + " failed\", \"err\", " + errName + ")\n" + indent + "}";
    log.edits.push_back(e);
    f.fixes.push_back(log);
  }
};

}  // namespace

const Rule& swallowedException() {
  static const SwallowedException rule;
  return rule;
}

}  // namespace agentlens::rules
