// rate-limit-fails-open: a rate limiter that exists only when its configuration is present, so a
// deployment without it serves every request unlimited, silently.
#include <string>

#include "rules/common/syntax.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds a rate limiter created only when a condition holds — `const ratelimit = redis ? new
Ratelimit({…}) : undefined` — with nothing in its place otherwise (`undefined`, `null`, `false`),
so the code that uses it (`if (ratelimit) { … }`) skips the limit whenever the condition fails.
Limiters: `@upstash/ratelimit` `Ratelimit`, `rate-limiter-flexible` `RateLimiter*`,
`express-rate-limit` `rateLimit(…)`, `@fastify/rate-limit`, `hono-rate-limiter`.

Not flagged: a condition about tests or local development (`NODE_ENV === "test"`), an explicit
kill switch (`RATE_LIMIT_DISABLED`), a limiter
with a fallback in the other branch (`redis ? new RateLimiterRedis(…) : new
RateLimiterMemory(…)`), browser code, tests and scripts.

## Why is this bad?
The condition is usually "the Redis/Upstash variables are set". A deployment that forgets them —
a new environment, a renamed secret, an expired token — starts normally and runs with no limit at
all: the expensive endpoint the limiter was protecting (an LLM call, a paid image generation, a
login form) is open to unlimited use, and nothing tells anyone. A protection that can disappear
must fail loudly: refuse to start without its configuration, or fall back to a local limiter.

## Example
```typescript
const ratelimit = redis
  ? new Ratelimit({ redis, limiter: Ratelimit.fixedWindow(5, "1 d") })
  : undefined;
```

Use instead:
```typescript
if (!redis) throw new Error("UPSTASH_REDIS_REST_URL/TOKEN are required: rate limiting is mandatory");
const ratelimit = new Ratelimit({ redis, limiter: Ratelimit.fixedWindow(5, "1 d") });
```

## References
- OWASP API Security Top 10: API4:2023 Unrestricted Resource Consumption
- OWASP: Fail securely (security controls must not fail open)
)md";

const RuleMeta kMeta{
    .id = "rate-limit-fails-open",
    .category = core::Category::Configuration,
    .severity = core::Severity::Medium,
    .confidence = core::Confidence::High,
    .languages = {Lang::JavaScript, Lang::TypeScript, Lang::Tsx},
    .roles = kServiceCode,
    .summary = "Rate limiter exists only when its configuration is present (fails open)",
    .docs = kDocs,
    .planTitle = "Make rate limiting fail closed",
    .effort = core::Effort::S,
};

/// A limiter construction: `new Ratelimit(…)`, `new RateLimiterRedis(…)`, `rateLimit(…)`.
bool limiterExpr(ts::Node n, std::string_view src) {
  while (n && n.type() == "parenthesized_expression" && n.namedChildCount() == 1) n = n.namedChild(0);
  if (!n) return false;
  std::string_view name;
  if (n.type() == "new_expression") name = n.field("constructor").text(src);
  else if (n.type() == "call_expression") name = calleeText(n, src);
  else return false;
  if (auto dot = name.find_last_of('.'); dot != std::string_view::npos) name = name.substr(dot + 1);
  return name == "Ratelimit" || name == "RateLimit" || name.starts_with("RateLimiter") || name == "rateLimit" ||
         name == "rateLimiter";
}

bool nothing(ts::Node n, std::string_view src) {
  auto t = n.text(src);
  return t == "undefined" || t == "null" || t == "false" || t == "void 0";
}

bool devOrTestCondition(std::string_view cond) {
  for (auto w : {"test", "Test", "TEST", "development", "DEV", "isDev", "local", "Local", "LOCAL", "mock", "Mock", "DISABLE",
                 "Disable", "disable"})
    if (cond.find(w) != std::string_view::npos) return true;
  return false;
}

class RateLimitFailsOpen final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::vector<std::string_view> nodeTypes(Lang) const override { return {"ternary_expression"}; }

  void visit(ts::Node node, RuleContext& ctx) const override {
    auto src = ctx.source();
    ts::Node cond = node.field("condition"), yes = node.field("consequence"), no = node.field("alternative");
    if (!cond || !yes || !no) return;
    bool limiterWhenTrue = limiterExpr(yes, src) && nothing(no, src);
    bool limiterWhenFalse = limiterExpr(no, src) && nothing(yes, src);
    if (!limiterWhenTrue && !limiterWhenFalse) return;
    if (devOrTestCondition(cond.text(src))) return;
    std::string c(cond.text(src));
    if (c.size() > 60) c = c.substr(0, 57) + "...";
    ctx.report(node, "the rate limiter exists only when `" + c + "` " + (limiterWhenTrue ? "holds" : "fails") +
                         ": a deployment without that configuration serves every request with no limit and no "
                         "warning; fail at start-up instead (or fall back to an in-memory limiter)");
  }
};

}  // namespace

const Rule& rateLimitFailsOpen() {
  static const RateLimitFailsOpen rule;
  return rule;
}

}  // namespace agentlens::rules
