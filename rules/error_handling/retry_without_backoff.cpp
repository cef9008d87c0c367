// retry-without-backoff: a bounded retry loop around an outbound call that never waits.
#include <algorithm>

#include "rules/common/imports.hpp"
#include "rules/common/syntax.hpp"
#include "rules/common/web.hpp"
#include "rules/error_handling/poll_loop.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds bounded retry loops (`for _ in range(N)`, `while attempts < N`, `for (let i = 0; i < N; i++)`,
`for i := 0; i < N; i++`) that wrap an outbound call (HTTP, database) in `try`/`catch` or an
`err != nil` check, go round again on error, and never sleep (`time.sleep`, `asyncio.sleep`,
`setTimeout`, `time.Sleep`, a `backoff`/`delay`/`sleep` helper) inside the loop.

Also flagged: a poll loop in a request handler (`while (!result) { fetch(…); await sleep(1000) }`)
whose only exit is the job's state: no attempt counter, clock or deadline bounds it.

Not flagged: retry libraries (tenacity, backoff, p-retry, axios-retry, cenkalti/backoff,
go-retryablehttp), loops over hosts or items (`for host in hosts`) and pagination loops.

## Why is this bad?
Retrying immediately turns one failure into N simultaneous requests against a service that is
already struggling (a retry storm), and the retries fail for the same reason within
milliseconds. Retries need exponential backoff, ideally with jitter.

## Example
```python
for attempt in range(3):
    try:
        return requests.post(URL, json=payload, timeout=5)
    except requests.RequestException:
        continue
```

Use instead:
```python
for attempt in range(3):
    try:
        return requests.post(URL, json=payload, timeout=5)
    except requests.RequestException:
        time.sleep(min(2 ** attempt, 30))
```

## Fix safety
Inserts an exponential sleep using the loop counter at the start of the error branch
(`time.sleep(min(2 ** attempt, 30))`, `await new Promise((r) => setTimeout(r, 2 ** attempt * 100))`,
`time.Sleep(time.Duration(1<<attempt) * 100 * time.Millisecond)`). The loop now takes longer:
unsafe. Offered only when the counter has a name (not `_`).

## References
- AWS Architecture Blog, "Exponential Backoff And Jitter"
- Google Cloud, "Retry strategy"
)md";

const RuleMeta kMeta{
    .id = "retry-without-backoff",
    .category = core::Category::ErrorHandling,
    .severity = core::Severity::Low,
    .confidence = core::Confidence::Medium,
    .languages = kAllCode,
    .summary = "Retry loop around an outbound call without any sleep or backoff",
    .docs = kDocs,
    .fix = core::Applicability::Unsafe,
};

bool isSleep(std::string_view callee) {
  std::string l;
  for (char c : callee) l += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return l.find("sleep") != std::string::npos || l.find("settimeout") != std::string::npos ||
         l.find("backoff") != std::string::npos || l.find("delay") != std::string::npos ||
         l.find("wait") != std::string::npos;
}

bool isOutbound(std::string_view callee, Lang lang) {
  if (lang == Lang::Python)
    return callee.starts_with("requests.") || callee.starts_with("httpx.") || callee.ends_with("urlopen") ||
           callee.ends_with(".execute") || callee.ends_with(".post") || callee.ends_with(".get") ||
           callee.ends_with(".connect");
  if (lang == Lang::Go)
    return callee.starts_with("http.") || callee.ends_with(".Do") || callee.ends_with(".Get") ||
           callee.ends_with(".Post") || callee.ends_with("Context") || callee.ends_with(".Exec") ||
           callee.ends_with(".Query") || callee.ends_with(".Ping");
  return callee == "fetch" || callee.starts_with("axios") || callee.ends_with(".query") ||
         callee.ends_with(".post") || callee.ends_with(".get") || callee.ends_with(".request") ||
         callee.ends_with(".send");
}

class RetryWithoutBackoff final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Python) return {"for_statement", "while_statement"};
    if (lang == Lang::Go) return {"for_statement"};
    return {"for_statement", "while_statement"};
  }

  void visit(ts::Node loop, RuleContext& ctx) const override {
    if (ctx.facts().isTestOrGenerated()) return;
    auto src = ctx.source();
    auto lang = ctx.lang();
    std::string counter;
    if (!boundedCounter(loop, src, lang, counter)) return pollloop::check(loop, ctx, isOutbound, isSleep);
    ts::Node body = loop.field("body");
    if (!body) return;
    // An outbound call, an error branch that goes round again, and no sleep.
    bool outbound = false, sleeps = false;
    ts::Node errBranch;
    ts::walk(body, [&](ts::Node n) {  // sleeps may sit in a callback: new Promise(r => setTimeout(r, ms))
      if (n.type() == "call" || n.type() == "call_expression")
        if (isSleep(calleeText(n, src))) sleeps = true;
      return true;
    });
    walkSameFunction(body, lang, [&](ts::Node n) {
      auto t = n.type();
      if (t == "call" || t == "call_expression") {
        auto c = calleeText(n, src);
        if (isOutbound(c, lang)) outbound = true;
      }
      if (!errBranch) {
        if (t == "except_clause" || t == "catch_clause") errBranch = n;
        if (lang == Lang::Go && t == "if_statement" &&
            n.field("condition").text(src).find("err != nil") != std::string_view::npos)
          errBranch = n;
      }
    });
    if (!outbound || sleeps || !errBranch) return;
    // The error branch must not leave the loop for good (raise/return/break/throw).
    ts::Node branchBody = lang == Lang::Go ? errBranch.field("consequence")
                          : errBranch.type() == "catch_clause" ? errBranch.field("body")
                                                               : ts::Node();
    if (!branchBody)
      for (std::uint32_t i = 0; i < errBranch.namedChildCount(); ++i)
        if (errBranch.namedChild(i).type() == "block") branchBody = errBranch.namedChild(i);
    if (!branchBody) return;
    bool leaves = false;
    walkSameFunction(branchBody, lang, [&](ts::Node n) {
      auto t = n.type();
      if (t == "raise_statement" || t == "throw_statement" || t == "break_statement") leaves = true;
      if (t == "return_statement" && lang != Lang::Go) leaves = true;
      if (t == "if_statement" || t == "conditional_expression") leaves = false;  // conditional give-up: still a retry
    });
    // Go retries usually `continue` on error and `return` on the last attempt; a plain return ends it.
    if (lang == Lang::Go) {
      auto t = branchBody.text(src);
      if (t.find("continue") == std::string_view::npos) return;
    } else if (leaves) {
      return;
    }
    core::Finding& f = ctx.report(core::ByteRange{loop.startByte(), body.startByte()},
                                  "retry loop retries immediately: add exponential backoff (with jitter) between "
                                  "attempts");
    while (f.range.end > f.range.start && (std::isspace(static_cast<unsigned char>(src[f.range.end - 1])) ||
                                           src[f.range.end - 1] == '{' || src[f.range.end - 1] == ':'))
      --f.range.end;
    addBackoffFix(f, ctx, branchBody, counter);
  }

 private:
  /// Sleeps `2 ** attempt` (capped) at the top of the error branch: time.sleep / asyncio.sleep,
  /// time.Sleep, or an awaited setTimeout in an async JS function.
  static void addBackoffFix(core::Finding& f, RuleContext& ctx, ts::Node branchBody, const std::string& counter) {
    auto src = ctx.source();
    auto lang = ctx.lang();
    if (counter.empty() || counter == "_") return;
    auto stmts = statements(branchBody);
    if (stmts.empty()) return;
    ts::Node first = stmts.front();
    std::string indent(lineIndent(src, first.startByte()));
    core::Fix fix{.title = "Sleep with exponential backoff before retrying", .applicability = core::Applicability::Unsafe};
    core::TextEdit e;
    e.range = {first.startByte(), first.startByte()};
    if (lang == Lang::Python) {
      bool async = false;
      ts::Node fn = enclosingFunction(ctx);
      if (fn && fn.text(src).starts_with("async")) async = true;
      fix.edits = pythonEnsureImport(ctx.file(), async ? "asyncio" : "time");
      e.text = (async ? "await asyncio.sleep(min(2 ** " : "time.sleep(min(2 ** ") + counter + ", 30))\n" + indent;
    } else if (lang == Lang::Go) {
      fix.edits = goEnsureImport(ctx.file(), "time");
      e.text = "time.Sleep(time.Duration(1<<" + counter + ") * 100 * time.Millisecond)\n" + indent;
    } else {
      ts::Node fn = enclosingFunction(ctx);
      if (!fn || !fn.text(src).starts_with("async")) return;
      e.text = "await new Promise((r) => setTimeout(r, 2 ** " + counter + " * 100));\n" + indent;
    }
    fix.edits.push_back(e);
    f.fixes.push_back(fix);
  }

  /// A counted loop bounded by a small constant: range(N), `while attempt < N`, `i < N`.
  static bool boundedCounter(ts::Node loop, std::string_view src, Lang lang, std::string& counter) {
    if (lang == Lang::Python) {
      if (loop.type() == "for_statement") {
        ts::Node right = loop.field("right");
        if (!right || right.type() != "call" || calleeText(right, src) != "range") return false;
        counter = std::string(loop.field("left").text(src));
        return true;
      }
      ts::Node cond = loop.field("condition");
      if (!cond || cond.type() != "comparison_operator") return false;
      auto t = cond.text(src);
      if (t.find("attempt") == std::string_view::npos && t.find("retr") == std::string_view::npos &&
          t.find("tries") == std::string_view::npos)
        return false;
      counter = std::string(cond.namedChild(0).text(src));
      return true;
    }
    if (lang == Lang::Go) {
      ts::Node clause;
      for (std::uint32_t i = 0; i < loop.namedChildCount(); ++i)
        if (loop.namedChild(i).type() == "for_clause") clause = loop.namedChild(i);
      if (!clause) return false;
      ts::Node cond = clause.field("condition");
      if (!cond || cond.type() != "binary_expression") return false;
      auto op = cond.field("operator").text(src);
      if (op != "<" && op != "<=") return false;
      counter = std::string(cond.field("left").text(src));
      return cond.field("right").type() == "int_literal" || cond.field("right").text(src).find("etr") != std::string_view::npos ||
             cond.field("right").text(src).find("ttempt") != std::string_view::npos;
    }
    ts::Node cond = loop.field("condition");
    if (!cond) return false;
    auto t = cond.text(src);
    if (loop.type() == "for_statement") {
      // for (let i = 0; i < 3; i++): condition is an expression_statement
      ts::Node expr = cond.type() == "expression_statement" ? cond.namedChild(0) : cond;
      if (!expr || expr.type() != "binary_expression") return false;
      auto op = expr.field("operator").text(src);
      if (op != "<" && op != "<=") return false;
      ts::Node right = expr.field("right");
      auto r = right.text(src);
      if (right.type() != "number" && r.find("etr") == std::string_view::npos && r.find("ttempt") == std::string_view::npos)
        return false;
      counter = std::string(expr.field("left").text(src));
      return true;
    }
    if (t.find("attempt") == std::string_view::npos && t.find("retr") == std::string_view::npos &&
        t.find("tries") == std::string_view::npos)
      return false;
    ts::Node expr = cond.type() == "parenthesized_expression" ? cond.namedChild(0) : cond;
    if (expr && expr.type() == "binary_expression") counter = std::string(expr.field("left").text(src));
    return true;
  }
};

}  // namespace

const Rule& retryWithoutBackoff() {
  static const RetryWithoutBackoff rule;
  return rule;
}

}  // namespace agentlens::rules
