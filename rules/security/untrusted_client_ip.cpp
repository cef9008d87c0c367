// untrusted-client-ip: the client's address read from X-Forwarded-For as sent, or an Express rate
// limiter keyed on req.ip in an app that never configures `trust proxy`.
#include <cctype>
#include <string>

#include "core/text/path_text.hpp"
#include "rules/common/syntax.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
- Finds code that reads the `X-Forwarded-For` header itself (`request.headers.get("x-forwarded-for")`,
  `req.headers["x-forwarded-for"]`, `c.req.header("x-forwarded-for")`, `r.Header.Get("X-Forwarded-For")`,
  `request.META["HTTP_X_FORWARDED_FOR"]`) to learn the client's address, when neither the function
  nor the file takes the right-most entry or checks the peer against trusted proxies.
- Express: an app file (`express()`) that mounts a rate limiter (`express-rate-limit`) and never sets
  `app.set("trust proxy", …)` (nor does any other JS file of the workspace).
- gin: `c.ClientIP()` used in a rate-limiting function of a file that never calls
  `SetTrustedProxies` (gin trusts every proxy by default, so the header picks the address).

## Why is this bad?
`X-Forwarded-For` is a request header: any client can send `X-Forwarded-For: 1.2.3.4` and pick
the address that rate limits, audit logs, lockouts and allowlists see. Only the entries appended
by your own proxies can be trusted, which is what `trust proxy` (Express), `--proxy-headers
--forwarded-allow-ips` (uvicorn), `ProxyFix` (Werkzeug) and `SetTrustedProxies` (gin) work out.
The other way round, a rate limiter behind a load balancer that does not trust it keys every
client on the balancer's address: one busy user locks everybody out.

Not flagged: code that sets the header on outgoing requests, reads the right-most entry, or
mentions a trusted-proxy list; tests.

## Example
```js
keyGenerator: (c) => c.req.header("x-forwarded-for") ?? "",
```

Use instead: let the framework resolve the address from trusted hops (`app.set("trust proxy", 1)`
then `req.ip`; hono's `getConnInfo` behind a proxy that overwrites the header).

## References
- OWASP: "IP address spoofing via X-Forwarded-For"
- Express docs: "Express behind proxies"; express-rate-limit: `ERR_ERL_UNEXPECTED_X_FORWARDED_FOR`
)md";

const RuleMeta kMeta{
    .id = "untrusted-client-ip",
    .category = core::Category::Security,
    .severity = core::Severity::Medium,
    .confidence = core::Confidence::Medium,
    .languages = kAllCode,
    .roles = kServiceCode,
    .summary = "Client IP taken from a spoofable header, or rate-limited without trusting the proxy",
    .docs = kDocs,
    .planTitle = "Resolve client IPs through trusted proxies",
    .effort = core::Effort::S,
};

bool forwardedFor(std::string_view v) {
  auto l = core::text::asciiLower(v);
  return l == "x-forwarded-for" || l == "http_x_forwarded_for";
}

bool has(std::string_view s, std::string_view t) { return s.find(t) != std::string_view::npos; }

/// The code takes the right-most hop or knows its proxies.
bool handlesHops(std::string_view text) {
  auto l = core::text::asciiLower(text);
  return has(l, "trusted") || has(l, ".pop()") || has(l, "[-1]") || has(l, ".at(-1)") || has(l, "rsplit") ||
         has(l, "lastindexof") || has(l, "len(parts)-1") || has(l, "len(ips)-1") || has(l, "proxyfix") ||
         has(l, "trust proxy");
}

class UntrustedClientIp final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Python) return {"string"};
    if (lang == Lang::Go) return {"interpreted_string_literal", "call_expression"};
    return {"string", "call_expression"};
  }

  void visit(ts::Node node, RuleContext& ctx) const override {
    if (ctx.facts().isTestOrGenerated()) return;
    if (node.type() == "call_expression") {
      if (ctx.lang() == Lang::Go) return ginLimiterKey(node, ctx);
      return expressLimiter(node, ctx);
    }
    headerRead(node, ctx);
  }

 private:
  static void headerRead(ts::Node lit, RuleContext& ctx) {
    auto src = ctx.source();
    auto raw = lit.text(src);
    if (raw.size() > 24 || (raw.find("orwarded") == std::string_view::npos && raw.find("ORWARDED") == std::string_view::npos))
      return;  // cheap filter: most strings are not this header
    auto v = stringLiteralValue(lit, src, ctx.lang());
    if (!v || !forwardedFor(*v)) return;
    auto anc = ctx.ancestors();
    if (anc.empty()) return;
    ts::Node parent = anc.back();
    // A read: the only argument of a header getter, or a subscript that is not assigned to.
    bool read = false;
    if (parent.type() == "argument_list" || parent.type() == "arguments") {
      if (anc.size() < 2) return;
      auto name = core::text::asciiLower(calleeName(anc[anc.size() - 2], src));
      read = name == "get" || name == "header" || name == "getheader" || name == "get_header";
      if (!read || parent.namedChildCount() != 1) return;
    } else if (parent.type() == "subscript" || parent.type() == "subscript_expression") {
      read = true;
      if (anc.size() >= 2) {
        auto gt = anc[anc.size() - 2].type();
        if ((gt == "assignment" || gt == "assignment_expression") && anc[anc.size() - 2].field("left") == parent) return;
      }
    }
    if (!read) return;
    ts::Node fn = enclosingFunction(ctx);
    if (handlesHops(fn ? fn.text(src) : src) || handlesHops(src)) return;
    ctx.report(lit, "the client address is read from `X-Forwarded-For` as the client sent it: anyone can pick the IP "
                    "that rate limits and logs see; resolve it through trusted proxies (`trust proxy`, "
                    "`--proxy-headers`, `ProxyFix`, `SetTrustedProxies`)");
  }

  // gin: `c.ClientIP()` as a rate-limit key while gin trusts every proxy (no SetTrustedProxies).
  static void ginLimiterKey(ts::Node call, RuleContext& ctx) {
    auto src = ctx.source();
    auto callee = calleeText(call, src);
    if (!callee.ends_with(".ClientIP") || !has(src, "github.com/gin-gonic/gin")) return;
    if (has(src, "SetTrustedProxies") || has(src, "TrustedPlatform")) return;
    ts::Node fn;  // the outermost function: middleware factories return the handler closure
    for (ts::Node a : ctx.ancestors())
      if (a.type() == "function_declaration" || a.type() == "method_declaration" || a.type() == "func_literal") {
        fn = a;
        break;
      }
    auto l = core::text::asciiLower(fn ? fn.text(src) : std::string_view());
    if (!has(l, "limiter") && !has(l, "ratelimit") && !has(l, "rate.")) return;
    ctx.report(call, "`ClientIP()` keys this rate limit, and gin trusts X-Forwarded-For from every client unless "
                     "`SetTrustedProxies` names your proxies: anyone can send a new address per request and bypass "
                     "the limit; call `router.SetTrustedProxies([...])`");
  }

  // app.use([path,] limiter) in a file that creates the Express app and never sets trust proxy.
  static void expressLimiter(ts::Node call, RuleContext& ctx) {
    auto src = ctx.source();
    auto callee = calleeText(call, src);
    if (!callee.ends_with(".use")) return;
    ts::Node args = callArguments(call);
    if (!args || args.namedChildCount() == 0) return;
    ts::Node last = args.namedChild(args.namedChildCount() - 1);
    if (last.type() != "identifier" && last.type() != "call_expression") return;
    auto text = core::text::asciiLower(last.text(src));
    if (!has(text, "limiter") && !has(text, "ratelimit")) return;
    if (!has(src, "express()") || has(src, "trust proxy") || has(src, "trustProxy")) return;
    ctx.report(call, "this rate limiter keys on `req.ip`, but the app never sets `trust proxy`: behind a load "
                     "balancer every client shares the balancer's address and one user locks out everyone; "
                     "`app.set(\"trust proxy\", 1)` (the number of proxies)");
  }
};

}  // namespace

const Rule& untrustedClientIp() {
  static const UntrustedClientIp rule;
  return rule;
}

}  // namespace agentlens::rules
