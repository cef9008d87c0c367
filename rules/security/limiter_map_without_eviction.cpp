// limiter-map-without-eviction: Go per-client rate limiters kept in a map that only grows.
#include <string>

#include "rules/common/syntax.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds the per-client limiter pattern of `golang.org/x/time/rate` — a `map[string]*rate.Limiter`
(or `map[string]*visitor`-style struct holding one) filled with `m[key] = rate.NewLimiter(…)` — in
a file that never removes an entry (`delete(m, key)`), and reports the function that adds them.

Not flagged: maps cleaned up anywhere in the file (a janitor goroutine calling `delete`), an LRU
or expiring cache (`lru.New`, `expirable`, `ttlcache`, `go-cache`), limiters keyed by a fixed set
(a map filled at start-up, outside any function that takes a key).

## Why is this bad?
Every new key — each client IP, and with a spoofable `X-Forwarded-For` each forged value — adds a
limiter that stays for the life of the process. Memory grows without bound under normal traffic
and can be driven up on purpose: a few million forged addresses exhaust the process, and the rate
limiter meant to protect the service becomes the way to take it down.

## Example
```go
func (l *Limiter) get(ip string) *rate.Limiter {
	l.mu.Lock()
	defer l.mu.Unlock()
	lim, ok := l.byIP[ip]
	if !ok {
		lim = rate.NewLimiter(l.r, l.b)
		l.byIP[ip] = lim
	}
	return lim
}
```

Use instead: keep a last-seen time per entry and delete idle entries from a background goroutine
(`for ip, v := range l.byIP { if time.Since(v.seen) > 3*time.Minute { delete(l.byIP, ip) } }`), or
use an expiring cache.

## References
- golang.org/x/time/rate; "Rate limiting HTTP requests in Go based on IP address" (visitor cleanup)
- CWE-770: Allocation of Resources Without Limits or Throttling
)md";

const RuleMeta kMeta{
    .id = "limiter-map-without-eviction",
    .category = core::Category::Security,
    .severity = core::Severity::Medium,
    .confidence = core::Confidence::High,
    .languages = {Lang::Go},
    .roles = kServiceCode,
    .summary = "Per-client rate limiters kept in a map that is never cleaned up",
    .docs = kDocs,
    .planTitle = "Evict idle per-client rate limiters",
    .effort = core::Effort::S,
};

bool has(std::string_view s, std::string_view t) { return s.find(t) != std::string_view::npos; }

class LimiterMapWithoutEviction final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::vector<std::string_view> nodeTypes(Lang) const override { return {"assignment_statement"}; }

  void visit(ts::Node assign, RuleContext& ctx) const override {
    auto src = ctx.source();
    if (ctx.facts().isTestOrGenerated() || !has(src, "golang.org/x/time/rate") || !has(src, "*rate.Limiter")) return;
    if (has(src, "delete(") || has(src, "lru.") || has(src, "expirable") || has(src, "ttlcache") || has(src, "go-cache"))
      return;
    ts::Node left = assign.field("left");
    if (!left || left.namedChildCount() != 1 || left.namedChild(0).type() != "index_expression") return;
    // The stored value is a limiter (or a struct built around one) made here.
    ts::Node right = assign.field("right");
    if (!right) return;
    auto value = right.text(src);
    bool limiter = has(value, "rate.NewLimiter(");
    if (!limiter && right.namedChildCount() == 1 && right.namedChild(0).type() == "identifier") {
      // `m[ip] = lim` where lim was made with rate.NewLimiter in the same function.
      ts::Node fn = enclosingFunction(ctx);
      auto body = fn ? fn.text(src) : std::string_view{};
      limiter = has(body, std::string(value) + " = rate.NewLimiter(") || has(body, std::string(value) + " := rate.NewLimiter(");
    }
    if (!limiter) return;
    ts::Node fn = enclosingFunction(ctx);
    if (!fn || fn.type() == "func_literal" || !fn.field("parameters") || fn.field("parameters").namedChildCount() == 0) return;
    std::string map(left.namedChild(0).field("operand").text(src));
    ctx.report(fn.field("name") ? fn.field("name") : fn,
               "`" + std::string(functionName(fn, src)) + "` adds a rate limiter to `" + map +
                   "` for every new key and nothing in this file ever deletes one: memory grows with every client "
                   "address (and every forged X-Forwarded-For); evict idle entries");
  }
};

}  // namespace

const Rule& limiterMapWithoutEviction() {
  static const LimiterMapWithoutEviction rule;
  return rule;
}

}  // namespace agentlens::rules
