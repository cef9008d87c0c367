// unlogged-server-error: a handler error branch that answers 5xx without logging the error.
#include <algorithm>

#include "rules/common/imports.hpp"
#include "rules/common/syntax.hpp"
#include "rules/common/web.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds error branches in request handlers that answer 5xx without logging or reporting the error:
a Python `except`, a JavaScript/TypeScript `catch` or Express error middleware, a Go
`if err != nil`. Logging means a logger (`logger`, `logging`, `console.error`, `log`, `slog`, zap),
or an error reporter (`sentry_sdk.capture_exception`, `Sentry.captureException`,
`span.record_exception`).

Logging only under a development-only condition (`if (env === 'development') logger.error(err)`,
`NODE_ENV !== 'production'`) does not count: it is reported at the condition, also in an Express
error middleware answering with the error's own status (`res.status(err.statusCode)`).

Not flagged: branches that re-raise, rethrow or call `next(err)` (the framework's error handler
logs), and 4xx answers. A Go access-log middleware records the status but not the error, so it
does not count.

## Why is this bad?
The client sees "500 Internal Server Error" and the operator sees nothing: no message, no stack,
no request id. The incident is discovered from user reports and cannot be diagnosed.

## Example
```go
if err := store.Save(r.Context(), order); err != nil {
	http.Error(w, "internal error", http.StatusInternalServerError)
	return
}
```

Use instead:
```go
if err := store.Save(r.Context(), order); err != nil {
	slog.ErrorContext(r.Context(), "save order failed", "err", err)
	http.Error(w, "internal error", http.StatusInternalServerError)
	return
}
```

## Fix safety
Inserts a log call with the error as the branch's first statement (`logger.exception(...)`,
`logger.error({ err }, ...)` / `console.error(...)`, `slog.ErrorContext(r.Context(), ...)`), adding
the logger or import when missing: safe, it only adds output.

## References
- Google SRE book, "Monitoring Distributed Systems"
- OWASP Logging Cheat Sheet
)md";

const RuleMeta kMeta{
    .id = "unlogged-server-error",
    .category = core::Category::Observability,
    .severity = core::Severity::Medium,
    .confidence = core::Confidence::Medium,
    .languages = kAllCode,
    .summary = "Handler answers 5xx without logging the error",
    .docs = kDocs,
    .fix = core::Applicability::Safe,
    .mode = ScoreMode::Density,
};

/// A JS/TS condition true only outside production (`env === 'development'`, `NODE_ENV !== "production"`).
bool devOnlyCondition(std::string_view c) {
  for (std::string_view q : {"'", "\"", "`"}) {
    for (std::string_view op : {"=== ", "== "})
      for (std::string_view v : {"development", "dev", "local"})
        if (c.find(std::string(op) + std::string(q) + std::string(v) + std::string(q)) != std::string_view::npos)
          return true;
    for (std::string_view op : {"!== ", "!= "})
      if (c.find(std::string(op) + std::string(q) + "production" + std::string(q)) != std::string_view::npos) return true;
  }
  return false;
}

/// The `if` (no else) whose dev-only condition guards every logging call of `branch`, or null
/// when the branch logs unconditionally somewhere, logs nowhere, or the condition is mixed.
ts::Node devOnlyLogging(ts::Node branch, std::string_view src, core::Lang lang) {
  std::size_t all = 0, guarded = 0;
  ts::Node first;
  walkSameFunction(branch, lang, [&](ts::Node c) {
    if (isLoggingCall(c, src, lang)) ++all;
    if (c.type() != "if_statement" || c.field("alternative")) return;
    ts::Node cond = c.field("condition");
    auto t = cond ? cond.text(src) : std::string_view{};
    if (!cond || !devOnlyCondition(t) || t.find("&&") != std::string_view::npos || t.find("||") != std::string_view::npos)
      return;
    std::size_t inside = 0;
    walkSameFunction(c.field("consequence"), lang, [&](ts::Node d) {
      if (isLoggingCall(d, src, lang)) ++inside;
    });
    if (inside > 0 && !first) first = c;
    guarded += inside;
  });
  return all > 0 && guarded == all ? first : ts::Node{};
}

class UnloggedServerError final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Python) return {"except_clause"};
    if (lang == Lang::Go) return {"if_statement"};
    return {"catch_clause", "arrow_function", "function_expression", "function_declaration"};
  }

  void visit(ts::Node node, RuleContext& ctx) const override {
    if (ctx.facts().isTestOrGenerated()) return;
    auto src = ctx.source();
    auto lang = ctx.lang();
    ts::Node branch;
    std::string errName;
    Handler h;
    if (lang == Lang::Python) {
      for (std::uint32_t i = 0; i < node.namedChildCount(); ++i)
        if (node.namedChild(i).type() == "block") branch = node.namedChild(i);
    } else if (lang == Lang::Go) {
      ts::Node cond = node.field("condition");
      if (!cond || cond.type() != "binary_expression" || cond.field("operator").text(src) != "!=" ||
          cond.field("right").text(src) != "nil")
        return;
      auto left = cond.field("left");
      if (left.type() != "identifier") return;
      auto l = left.text(src);
      if (!(l == "err" || l.ends_with("Err") || l.ends_with("err"))) return;
      errName = std::string(l);
      branch = node.field("consequence");
    } else if (node.type() == "catch_clause") {
      branch = node.field("body");
      ts::Node p = node.field("parameter");
      if (p && p.type() == "identifier") errName = std::string(p.text(src));
    } else {
      // Express error middleware (err, req, res, next).
      h = handlerFor(node, ctx.ancestors(), ctx);
      if (!h.errorMiddleware) return;
      branch = node.field("body");
      if (!branch || branch.type() != "statement_block") return;
      errName = std::string(paramNames(node, src, lang)[0]);
    }
    if (!branch) return;
    if (!h) h = enclosingHandler(ctx);
    if (!h) return;
    ts::Node resp = find5xxResponse(branch, src, lang);
    ts::Node devIf = lang == Lang::Python || lang == Lang::Go ? ts::Node{} : devOnlyLogging(branch, src, lang);
    // An error middleware answering with the error's own status (`res.status(err.statusCode)`).
    bool answers = h.errorMiddleware && branch.text(src).find(".status(") != std::string_view::npos;
    if (!resp && !(devIf && answers)) return;
    ctx.countSite();
    if (containsRethrow(branch, src, lang)) return;
    if (devIf) {
      auto cond = devIf.field("condition").text(src);
      if (cond.size() >= 2 && cond.front() == '(' && cond.back() == ')') cond = cond.substr(1, cond.size() - 2);
      ctx.report(devIf.field("condition"),
                 "the error is logged only in development (`" + std::string(cond) +
                     "`): in production the error and its stack trace never reach the application logs; log it in "
                     "every environment");
      return;
    }
    if (containsLogging(branch, src, lang)) return;
    std::string fn(functionName(h.fn, src));
    core::Finding& f = ctx.report(resp, "this 5xx answer is not logged: log the error (with its stack) before "
                                        "responding, or nobody will know why it failed");
    fix(f, ctx, node, branch, h, errName, fn);
  }

 private:
  static void fix(core::Finding& f, RuleContext& ctx, ts::Node node, ts::Node branch, const Handler& h,
                  const std::string& errName, const std::string& fn) {
    auto src = ctx.source();
    auto lang = ctx.lang();
    std::string label = (fn.empty() ? std::string("request") : fn) + " failed";
    auto stmts = statements(branch);
    if (stmts.empty()) return;
    ts::Node first = stmts.front();
    std::string indent(lineIndent(src, first.startByte()));
    core::Fix fix{.title = "Log the error before responding", .applicability = core::Applicability::Safe};
    core::TextEdit e;
    e.range = {first.startByte(), first.startByte()};
    if (lang == Lang::Python) {
      LoggerPlan logger = pythonLogger(ctx.file());
      fix.edits = logger.edits;
      e.text = logger.name + ".exception(\"" + label + "\")\n" + indent;
    } else if (lang == Lang::Go) {
      fix.edits = goEnsureImport(ctx.file(), "log/slog");
      auto params = paramNames(h.fn, src, Lang::Go);
      std::string call = "slog.Error(\"" + label + "\", \"err\", " + errName + ")";
      if (h.framework == "net/http" && params.size() >= 2 && !params[1].empty())
        call = "slog.ErrorContext(" + std::string(params[1]) + ".Context(), \"" + label + "\", \"err\", " + errName + ")";
      else if (h.framework == "gin" && !params.empty() && !params[0].empty())
        call = "slog.ErrorContext(" + std::string(params[0]) + ".Request.Context(), \"" + label + "\", \"err\", " +
               errName + ")";
      e.text = call + "\n" + indent;
    } else {
      if (errName.empty()) return;
      LoggerPlan logger = jsLogger(ctx.file());
      e.text = (logger.name == "console" ? "console.error(\"" + label + "\", " + errName + ");"
                                         : logger.name + ".error({ err: " + errName + " }, \"" + label + "\");") +
               "\n" + indent;
    }
    (void)node;
    fix.edits.push_back(e);
    mergeInsertions(fix.edits);
    f.fixes.push_back(fix);
  }
};

}  // namespace

const Rule& unloggedServerError() {
  static const UnloggedServerError rule;
  return rule;
}

}  // namespace agentlens::rules
