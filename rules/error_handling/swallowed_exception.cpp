// swallowed-exception: an except/catch whose body discards the error.
#include <algorithm>

#include "rules/common/error_intent.hpp"
#include "rules/error_handling/swallowed_exception.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds exception handlers that throw the error away: a Python `except` whose body is only `pass`,
`...`, `continue` or `return`/`return None`; an empty JavaScript/TypeScript `catch {}` or a
`.catch(() => {})` that drops a rejection; and in Go an empty `if err != nil {}`, an error result
assigned to `_` from a call that is known to fail (`json.Unmarshal`, `strconv.Atoi`, `rows.Scan`, …),
or a write through a context-taking API called as a bare statement (`store.DeleteSession(ctx, id)`,
`rdb.Expire(ctx, key, ttl)`: medium confidence, the signature is in another file).

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

class SwallowedException final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }

  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Python) return {"except_clause"};
    if (lang == Lang::Go) return {"if_statement", "assignment_statement", "short_var_declaration", "expression_statement"};
    return {"catch_clause", "call_expression"};
  }

  void visit(ts::Node node, RuleContext& ctx) const override {
    switch (ctx.lang()) {
      case Lang::Python: swallowed::python(node, ctx); break;
      case Lang::Go:
        if (node.type() == "expression_statement") swallowed::goDropped(node, ctx);
        else swallowed::go(node, ctx);
        break;
      default: swallowed::js(node, ctx); break;
    }
  }
};

}  // namespace

namespace swallowed {

/// Deliberate handling (error_intent.hpp): an expected, narrowly caught error turned into a
/// sentinel for a caller that checks it (`except jwt.InvalidTokenError: return None`), a
/// best-effort cleanup (`conn.close()`), or a comment that explains the choice.
bool handledDeliberately(const std::vector<ts::Node>& body, ts::Node tryStmt,
                         const std::vector<std::string_view>& comments, bool narrow, std::string_view src,
                         Lang lang) {
  if (std::any_of(comments.begin(), comments.end(), commentExplainsChoice)) return true;
  if (tryStmt && isBestEffortCleanup(tryStmt.field("body"), src, lang)) return true;
  return narrow && !body.empty() &&
         std::all_of(body.begin(), body.end(), [&](ts::Node s) { return isSentinelReturn(s, src); });
}

}  // namespace swallowed

const Rule& swallowedException() {
  static const SwallowedException rule;
  return rule;
}

}  // namespace agentlens::rules
