// exception-logged-without-stacktrace: logging an error's message instead of the error itself.
#include <algorithm>

#include "rules/common/error_intent.hpp"
#include "rules/common/syntax.hpp"
#include "rules/common/web.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds error logs that keep only the message of a caught exception: in a Python `except` block,
`logger.error(...)`/`logging.error(...)` that formats the exception (`str(e)`, `f"{e}"`, `e`) without
`exc_info`; in a JavaScript/TypeScript `catch` block, `console.error(err.message)`,
`logger.error(err.message)` or a template with `${err}` (the stack is dropped). Warnings are left
alone: an expected error logged at warning level needs no traceback.

Not flagged when the handler keeps the stack another way: a second log call passes the error object
or its `.stack` (`logger.error(msg, err.stack)` in NestJS), the same error is re-raised or rethrown
(`raise`, `throw err`: whoever catches it sees the stack), or it is forwarded (`next(err)`,
`done(err)`, `reject(err)`). Nor when no stack is needed: the error is expected and answered only as
a client error (4xx; no 5xx path in the handler), a narrowly caught error answered 503 or caught in
a health or readiness probe (the database being down is the probe's answer), or the `else` branch of
`if (err instanceof Error)` (a thrown non-Error has no stack).

## Why is this bad?
"division by zero" or "Cannot read properties of undefined" without a stack trace does not say
where it happened. The traceback is the part you need during an incident, and it is free to log.

## Example
```python
try:
    charge(order)
except PaymentError as e:
    logger.error(f"charge failed: {e}")
```

Use instead:
```python
try:
    charge(order)
except PaymentError:
    logger.exception("charge failed")
```

## Fix safety
Python: `logger.error(` becomes `logger.exception(` (and a `{e}` that only repeats the exception
is dropped from the message): safe, it adds the traceback to the same record. JavaScript: the
error object is passed to the logger (`logger.error({ err }, "…")`, `console.error("…", err)`):
safe.

## References
- Ruff TRY400, TRY401, G201, LOG007
)md";

const RuleMeta kMeta{
    .id = "exception-logged-without-stacktrace",
    .category = core::Category::Observability,
    .severity = core::Severity::Low,
    .confidence = core::Confidence::High,
    .languages = {Lang::Python, Lang::JavaScript, Lang::TypeScript, Lang::Tsx},
    .roles = kServiceCode,
    .summary = "Caught exception logged by its message only: the stack trace is lost",
    .docs = kDocs,
    .fix = core::Applicability::Safe,
    .mode = ScoreMode::Density,
};

class ExceptionLoggedWithoutStacktrace final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Python) return {"call"};
    return {"call_expression"};
  }

  void visit(ts::Node call, RuleContext& ctx) const override {
    if (ctx.facts().isTestOrGenerated()) return;
    auto src = ctx.source();
    auto callee = calleeText(call, src);
    auto parts = methodCallParts(call, src);
    if (!parts) return;
    auto recv = parts->receiver;
    auto method = parts->method;
    bool py = ctx.lang() == Lang::Python;
    if (py ? !(isLoggerReceiver(recv) && (method == "error" || method == "critical"))
           : !((recv == "console" && method == "error") || (isLoggerReceiver(recv) && method == "error")))
      return;
    // The innermost handler within the same function.
    ts::Node handler;
    auto anc = ctx.ancestors();
    for (std::size_t i = anc.size(); i-- > 0;) {
      if (isFunctionNode(anc[i], ctx.lang())) return;
      if (anc[i].type() == "except_clause" || anc[i].type() == "catch_clause") {
        handler = anc[i];
        break;
      }
    }
    if (!handler) return;
    std::string_view errName = caughtName(handler, src);
    if (errName.empty()) return;
    ctx.countSite();
    ts::Node args = call.field("arguments");
    if (!args) return;
    auto argText = args.text(src);
    if (!mentionsIdentifier(argText, errName)) return;
    if (stackKeptOrNotNeeded(handler, call, errName, ctx)) return;
    if (py) {
      if (argText.find("exc_info") != std::string_view::npos || argText.find("stack_info") != std::string_view::npos)
        return;
      core::Finding& f = ctx.report(call.field("function"),
                                    "`" + std::string(callee) + "` logs only the message of `" + std::string(errName) +
                                        "`: use `" + std::string(recv) + ".exception(...)` to keep the traceback");
      pythonFix(f, call, args, recv, errName, src);
    } else {
      // Passing the error object itself keeps the stack.
      for (std::uint32_t i = 0; i < args.namedChildCount(); ++i) {
        ts::Node a = args.namedChild(i);
        if (a.text(src) == errName) return;
        if (a.type() == "object")
          for (std::uint32_t k = 0; k < a.namedChildCount(); ++k) {
            ts::Node p = a.namedChild(k);
            if (p.type() == "shorthand_property_identifier" && p.text(src) == errName) return;
            if (p.type() == "pair" && p.field("value").text(src) == errName) return;
          }
      }
      core::Finding& f = ctx.report(call.field("function"),
                                    "`" + std::string(callee) + "` logs only the message of `" + std::string(errName) +
                                        "`: pass the error object so the stack is kept");
      jsFix(f, ctx, call, args, recv, errName);
    }
  }

 private:
  /// The handler keeps the stack elsewhere (another log call passes the error or its `.stack`, the
  /// same error is re-raised or forwarded to `next`/`done`), or needs none: the error is expected and
  /// answered as a client error (4xx), or answered 503 / caught in a health or readiness probe by a
  /// narrow `except` (the database being down is the answer), or the log sits in the `else` of `if
  /// (err instanceof Error)`, where the value has no stack.
  static bool stackKeptOrNotNeeded(ts::Node handler, ts::Node call, std::string_view err, const RuleContext& ctx) {
    auto src = ctx.source();
    bool py = ctx.lang() == Lang::Python;
    ts::Node body = py ? handlerBlock(handler) : handler.field("body");
    if (!body) return false;
    if (keepsStack(body, err, src, ctx.lang())) return true;
    auto bodyText = body.text(src);
    if (handlerIntent(body, err, src, ctx.lang()).clientError && !mentions5xx(bodyText)) return true;
    if (py && !broadExcept(handler, src) && (isProbe(ctx) || bodyText.find("503") != std::string_view::npos ||
                                             bodyText.find("SERVICE_UNAVAILABLE") != std::string_view::npos))
      return true;
    for (ts::Node n = call.parent(); n && n != handler; n = n.parent()) {
      ts::Node p = n.parent();
      if (n.type() == "else_clause" && p.type() == "if_statement" &&
          p.field("condition").text(src).find("instanceof Error") != std::string_view::npos)
        return true;
    }
    return false;
  }

  /// A 5xx status anywhere in the handler (`ApiError(500, …)`, `HTTP_503_…`): some path of it
  /// is a server failure, whose stack matters.
  static bool mentions5xx(std::string_view t) {
    for (std::size_t i = 0; i + 3 <= t.size(); ++i) {
      bool boundL = i == 0 || !std::isalnum(static_cast<unsigned char>(t[i - 1]));
      bool boundR = i + 3 == t.size() || !std::isalnum(static_cast<unsigned char>(t[i + 3]));
      if (boundL && boundR && t[i] == '5' && std::isdigit(static_cast<unsigned char>(t[i + 1])) &&
          std::isdigit(static_cast<unsigned char>(t[i + 2])))
        return true;
    }
    return t.find("HTTP_5") != std::string_view::npos || t.find("INTERNAL_SERVER_ERROR") != std::string_view::npos ||
           t.find("StatusInternalServerError") != std::string_view::npos;
  }

  /// A health or readiness probe: its expected failure (the database is down) is the answer.
  static bool isProbe(const RuleContext& ctx) {
    std::string name(functionName(enclosingFunction(ctx), ctx.source()));
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return name.find("health") != std::string::npos || name.find("ready") != std::string::npos ||
           name.find("readiness") != std::string::npos || name.find("liveness") != std::string::npos;
  }

  static ts::Node handlerBlock(ts::Node clause) {
    for (std::uint32_t i = 0; i < clause.namedChildCount(); ++i)
      if (clause.namedChild(i).type() == "block") return clause.namedChild(i);
    return {};
  }

  static bool broadExcept(ts::Node clause, std::string_view src) {
    for (std::uint32_t i = 0; i < clause.namedChildCount(); ++i) {
      ts::Node c = clause.namedChild(i);
      if (c.type() == "block" || c.type() == "comment") continue;
      ts::Node t = c.type() == "as_pattern" ? c.namedChild(0) : c;
      auto name = t.text(src);
      return name == "Exception" || name == "BaseException";
    }
    return true;  // bare except
  }

  static void pythonFix(core::Finding& f, ts::Node call, ts::Node args, std::string_view recv, std::string_view err,
                        std::string_view src) {
    core::Fix fix{.title = "Use " + std::string(recv) + ".exception(...)", .applicability = core::Applicability::Safe};
    ts::Node fn = call.field("function");
    ts::Node attr = fn.field("attribute");
    core::TextEdit e;
    e.range = {attr.startByte(), attr.endByte()};
    e.text = "exception";
    fix.edits.push_back(e);
    // f"charge failed: {e}" -> "charge failed"; str(e) as the only argument -> "<recv> failed".
    ts::Node first = args.namedChildCount() > 0 ? args.namedChild(0) : ts::Node();
    if (first && first.type() == "string") {
      std::string text(first.text(src));
      std::string needle = "{" + std::string(err) + "}";
      auto p = text.find(needle);
      if (p != std::string::npos && text.find('{') == p && text.find('{', p + 1) == std::string::npos) {
        std::string rest = text.substr(0, p) + text.substr(p + needle.size());
        // Trim a dangling separator before the closing quote: "failed: " -> "failed"
        auto q = rest.find_last_of("\"'");
        std::size_t end = q;
        while (end > 0 && (rest[end - 1] == ' ' || rest[end - 1] == ':' || rest[end - 1] == '-' || rest[end - 1] == ','))
          --end;
        rest = rest.substr(0, end) + rest.substr(q);
        if (!rest.empty() && (rest[0] == 'f' || rest[0] == 'F')) rest.erase(0, 1);
        core::TextEdit m;
        m.range = {first.startByte(), first.endByte()};
        m.text = rest;
        fix.edits.push_back(m);
      }
    }
    f.fixes.push_back(fix);
  }

  static void jsFix(core::Finding& f, RuleContext& ctx, ts::Node call, ts::Node args, std::string_view recv,
                    std::string_view err) {
    auto src = ctx.source();
    (void)call;
    // The message: the literal part of the first argument, or "<function> failed".
    std::string label;
    ts::Node first = args.namedChildCount() > 0 ? args.namedChild(0) : ts::Node();
    if (first && first.type() == "string") label = std::string(first.text(src).substr(1, first.text(src).size() - 2));
    if (first && first.type() == "template_string") {
      for (std::uint32_t i = 0; i < first.namedChildCount(); ++i)
        if (first.namedChild(i).type() == "string_fragment") label += std::string(first.namedChild(i).text(src));
    }
    if (first && first.type() == "binary_expression") {
      ts::Node l = first.field("left");
      if (l.type() == "string") label = std::string(l.text(src).substr(1, l.text(src).size() - 2));
    }
    while (!label.empty() && (label.back() == ' ' || label.back() == ':' || label.back() == '-')) label.pop_back();
    if (label.empty() || label.find('"') != std::string::npos || label.find('\\') != std::string::npos) {
      std::string fn(functionName(enclosingFunction(ctx), src));
      label = (fn.empty() ? std::string("operation") : fn) + " failed";
    }
    core::Fix fix{.title = "Log the error object", .applicability = core::Applicability::Safe};
    core::TextEdit e;
    e.range = {args.startByte(), args.endByte()};
    e.text = recv == "console" ? "(\"" + label + "\", " + std::string(err) + ")"
                               : "({ err: " + std::string(err) + " }, \"" + label + "\")";
    if (recv != "console" && err == "err") e.text = "({ err }, \"" + label + "\")";
    fix.edits.push_back(e);
    f.fixes.push_back(fix);
  }
};

}  // namespace

const Rule& exceptionLoggedWithoutStacktrace() {
  static const ExceptionLoggedWithoutStacktrace rule;
  return rule;
}

}  // namespace agentlens::rules
