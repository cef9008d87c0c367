// error-tracker-global-user: the error tracker's user set on its process-wide client from code
// that handles one request (Go rollbar.SetPerson, raven.SetUserContext).
#include <string>

#include "rules/common/syntax.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds Go code that sets the user of the error tracker's package-level client —
`rollbar.SetPerson(…)`/`rollbar.ClearPerson()` (rollbar-go) and `raven.SetUserContext(…)`
(raven-go) — inside a function that works for one request: it takes a `context.Context`, an
`*http.Request`, a `*gin.Context`, an `echo.Context` or a `*fiber.Ctx`.

Judged in any Go file but tests (a daemon's `cmd/…/main.go` reports its request errors too).

Not flagged: the same calls in `main` or other functions without request data (a CLI or a worker
that reports as one identity), per-request clients (`client.SetPerson` on a client you built for
the request), and `rollbar.NewPersonContext(ctx, …)`.

## Why is this bad?
The package-level client is shared by every goroutine. Two requests that fail at the same time
race on it: request A sets its user, request B sets its own, and A's error is reported under B's
user (or under nobody, after a `ClearPerson`). Error reports then point at the wrong account —
misleading during an incident, and a privacy problem when the tracker shows user details.

## Example
```go
func reportError(ctx context.Context, err error) {
	if u := UserFromContext(ctx); u != nil {
		rollbar.SetPerson(u.ID, u.Name, u.Email)
	}
	rollbar.Error(err)
}
```

Use instead:
```go
func reportError(ctx context.Context, err error) {
	if u := UserFromContext(ctx); u != nil {
		ctx = rollbar.NewPersonContext(ctx, &rollbar.Person{Id: u.ID, Username: u.Name, Email: u.Email})
	}
	rollbar.ErrorWithExtrasAndContext(ctx, rollbar.ERR, err, nil)
}
```

## References
- rollbar-go docs: `SetPerson` (sets the person on the std client), `NewPersonContext`
- Go memory model: data races on shared state
)md";

const RuleMeta kMeta{
    .id = "error-tracker-global-user",
    .category = core::Category::Observability,
    .severity = core::Severity::Medium,
    .confidence = core::Confidence::High,
    .languages = {Lang::Go},
    .summary = "Error tracker user set on the process-wide client per request",
    .docs = kDocs,
    .planTitle = "Attach the user to each error report, not to the global client",
    .effort = core::Effort::XS,
};

bool requestParam(ts::Node fn, std::string_view src) {
  ts::Node params = fn.field("parameters");
  for (std::uint32_t i = 0; params && i < params.namedChildCount(); ++i) {
    auto type = params.namedChild(i).field("type").text(src);
    if (type == "context.Context" || type == "*http.Request" || type == "*gin.Context" || type == "echo.Context" ||
        type == "*fiber.Ctx")
      return true;
  }
  return false;
}

class ErrorTrackerGlobalUser final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::vector<std::string_view> nodeTypes(Lang) const override { return {"call_expression"}; }

  void visit(ts::Node call, RuleContext& ctx) const override {
    if (ctx.facts().isTestOrGenerated()) return;
    auto src = ctx.source();
    auto callee = calleeText(call, src);
    if (callee != "rollbar.SetPerson" && callee != "raven.SetUserContext") return;
    bool perRequest = false;
    for (ts::Node fn : ctx.ancestors())
      if ((fn.type() == "function_declaration" || fn.type() == "method_declaration" || fn.type() == "func_literal") &&
          requestParam(fn, src))
        perRequest = true;
    if (!perRequest) return;
    ctx.report(call, "`" + std::string(callee) + "` sets the user on the tracker's process-wide client from "
                     "per-request code: concurrent failures are reported under each other's user; attach the user "
                     "to the report instead" +
                         std::string(callee.starts_with("rollbar") ? " (rollbar.NewPersonContext + ErrorWithExtrasAndContext)"
                                                                    : " (a per-request client or packet)"));
  }
};

}  // namespace

const Rule& errorTrackerGlobalUser() {
  static const ErrorTrackerGlobalUser rule;
  return rule;
}

}  // namespace agentlens::rules
