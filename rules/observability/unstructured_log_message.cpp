// unstructured-log-message: log messages built by interpolation instead of structured fields.
#include <algorithm>

#include "rules/common/syntax.hpp"
#include "rules/common/web.hpp"
#include "rules/observability/unstructured_log_message.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds log calls whose message is built eagerly from values: a Python f-string, `.format()`, `%`
or `+` as the message; a JavaScript/TypeScript template literal with substitutions passed to a
logger (pino, winston, bunyan); a Go `log.Printf` with formatting verbs, or `slog.*` given a
`fmt.Sprintf` message. Messages without variables, calls that already pass structured fields
(`extra={...}`, key/value arguments) and `console.*` (see `print-instead-of-logging`) are left
alone.

## Why is this bad?
Each distinct value makes a distinct message, so log search, grouping and alerting cannot tell
that "Processing order 41" and "Processing order 42" are the same event, and the values cannot be
queried as fields. Python also formats the string even when the level is disabled.

## Example
```python
logger.info(f"Processing order {order_id}")
```

Use instead:
```python
logger.info("Processing order", extra={"order_id": order_id})
```

## Fix safety
The fix moves simple interpolated names into fields (`extra=` for the standard library, keyword
arguments for structlog/loguru, a leading object for pino, key/value pairs for slog). The text of
the message changes, which can break a saved search or an alert on the old text: unsafe.

## References
- Ruff G001–G004, pylint W1201/W1203, sloglint
- The Twelve-Factor App, XI. Logs
)md";

const RuleMeta kMeta{
    .id = "unstructured-log-message",
    .category = core::Category::Observability,
    .severity = core::Severity::Low,
    .confidence = core::Confidence::High,
    .languages = kAllCode,
    .summary = "Log message built by interpolation instead of structured fields",
    .docs = kDocs,
    .fix = core::Applicability::Unsafe,
    .mode = ScoreMode::Density,
};

bool isLevel(std::string_view m) {
  for (auto l : {"debug", "info", "warning", "warn", "error", "exception", "critical", "fatal", "trace"})
    if (m == l) return true;
  return false;
}

class UnstructuredLogMessage final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Python) return {"call"};
    return {"call_expression"};
  }

  void visit(ts::Node call, RuleContext& ctx) const override {
    if (ctx.facts().isTestOrGenerated()) return;
    auto src = ctx.source();
    auto parts = methodCallParts(call, src);
    if (!parts) return;
    auto recv = parts->receiver;
    auto method = parts->method;
    ts::Node args = call.field("arguments");
    if (!args || args.namedChildCount() == 0) return;
    switch (ctx.lang()) {
      case Lang::Python:
        if (!isLoggerReceiver(recv) || !isLevel(method)) return;
        ctx.countSite();
        unstructured_log::python(args, ctx);
        return;
      case Lang::Go: unstructured_log::go(call, args, recv, method, ctx); return;
      default:
        if (recv == "console" || !isLoggerReceiver(recv) || !isLevel(method)) return;
        ctx.countSite();
        unstructured_log::js(args, ctx);
        return;
    }
  }
};

}  // namespace

namespace unstructured_log {

core::Severity severityFor(const RuleContext& ctx) {
  return ctx.facts().role == core::FileRole::Server ? core::Severity::Low : core::Severity::Info;
}

}  // namespace unstructured_log

const Rule& unstructuredLogMessage() {
  static const UnstructuredLogMessage rule;
  return rule;
}

}  // namespace agentlens::rules
