// token-in-query-string: a bearer token also accepted from the URL's query string.
#include <algorithm>

#include "rules/common/security.hpp"
#include "rules/common/syntax.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds code that reads the caller's credential from the Authorization header and also accepts it
from the query string (`?token=…`, `?access_token=…`, `?jwt=…`): Hono `c.req.query("token")`,
Express `req.query.token`, `url.searchParams.get("token")`, Flask `request.args.get("token")`,
Starlette `request.query_params.get("token")`, Django `request.GET.get("token")`, Go
`r.URL.Query().Get("token")`, gin `c.Query("token")`, echo `c.QueryParam("token")`.

Not flagged: one-time tokens of a link (`/reset-password?token=…`, `/verify-email?token=…`) read by
code that takes no Authorization header, and query parameters with other names.

## Why is this bad?
URLs are written to access logs (the framework's request logger, proxies, load balancers, CDNs),
browser history and the `Referer` header of every link on the page. A session token in a URL
leaks to everyone who reads those, and stays valid until it expires.

## Example
```typescript
const token = c.req.query("token") ?? c.req.header("authorization")?.slice(7);
```

Use instead:
```typescript
const token = c.req.header("authorization")?.slice(7);
```

## Fix safety
No automatic fix: clients that send the token in the URL must move it to the header (or, for a
WebSocket or an EventSource that cannot set headers, to a short-lived single-use ticket).

## References
- OWASP Session Management Cheat Sheet (session ID in the URL); CWE-598
- RFC 6750 §2.3 and §5.3 (bearer tokens in the URI query: not recommended)
)md";

const RuleMeta kMeta{
    .id = "token-in-query-string",
    .category = core::Category::Security,
    .severity = core::Severity::Medium,
    .confidence = core::Confidence::Medium,
    .languages = kAllCode,
    .summary = "Bearer token accepted from the URL query string",
    .docs = kDocs,
    .mode = ScoreMode::Presence,
};

bool tokenParam(std::string_view n) {
  std::string l = sec::lowerCopy(n);
  for (std::string_view k : {"token", "access_token", "accesstoken", "jwt", "auth_token", "authtoken", "bearer",
                             "id_token", "session_token"})
    if (l == k) return true;
  return false;
}

/// The query-string read of a token parameter at `n`, or an empty view: the parameter name.
std::string_view queryTokenRead(ts::Node n, std::string_view src, Lang lang) {
  auto t = n.type();
  if (t == "call" || t == "call_expression") {
    std::string_view callee = calleeText(n, src);
    std::string_view name = calleeName(n, src);
    ts::Node args = callArguments(n);
    auto key = args ? stringLiteralValue(sec::positionalArg(args, 0), src, lang) : std::nullopt;
    if (!key || !tokenParam(*key)) return {};
    bool query = false;
    if (lang == Lang::Go) query = callee.ends_with("URL.Query().Get") || name == "Query" || name == "QueryParam" ||
                                  name == "DefaultQuery" || name == "GetQuery";
    else if (lang == Lang::Python)
      query = name == "get" && (callee.ends_with("args.get") || callee.ends_with("query_params.get") ||
                                callee.ends_with("GET.get"));
    else
      query = (name == "query" && callee.ends_with("req.query")) || callee.ends_with("searchParams.get") ||
              callee.ends_with("query.get");
    return query ? *key : std::string_view();
  }
  if (t == "member_expression" && core::isJsFamily(lang)) {  // req.query.token
    ts::Node obj = n.field("object"), prop = n.field("property");
    if (obj && prop && obj.text(src).ends_with("query") && tokenParam(prop.text(src))) return prop.text(src);
  }
  if (t == "subscript" && lang == Lang::Python) {  // request.args["token"]
    ts::Node obj = n.field("value");
    auto key = stringLiteralValue(n.field("subscript"), src, lang);
    if (obj && key && tokenParam(*key) && (obj.text(src).ends_with("args") || obj.text(src).ends_with("GET")))
      return *key;
  }
  return {};
}

class TokenInQueryString final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Python) return {"call", "subscript"};
    if (lang == Lang::Go) return {"call_expression"};
    return {"call_expression", "member_expression"};
  }

  void visit(ts::Node n, RuleContext& ctx) const override {
    auto role = ctx.facts().role;
    if (ctx.facts().isTestOrGenerated() || role == core::FileRole::Frontend) return;
    auto src = ctx.source();
    std::string_view param = queryTokenRead(n, src, ctx.lang());
    if (param.empty()) return;
    // The same function takes the credential from the Authorization header: the query string is
    // an alternative way in for the bearer token, not a one-time link token.
    ts::Node fn = enclosingFunction(ctx);
    if (!fn) return;
    std::string body = sec::lowerCopy(fn.text(src));
    if (body.find("authorization") == std::string::npos) return;
    ctx.report(n, "the bearer token is also accepted from the `?" + std::string(param) +
                      "=` query string: URLs end up in access logs, proxies and browser history; accept it from "
                      "the Authorization header (or a cookie) only");
  }
};

}  // namespace

const Rule& tokenInQueryString() {
  static const TokenInQueryString rule;
  return rule;
}

}  // namespace agentlens::rules
