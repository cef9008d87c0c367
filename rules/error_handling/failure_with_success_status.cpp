// failure-with-success-status: a failure answered with an explicit HTTP 200
// (`res.status(200).json(ok ? result : "Failed to …")`, `c.JSON(http.StatusOK, gin.H{"error": …})`).
#include <cctype>
#include <string>

#include "rules/common/syntax.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds responses sent with an explicit success status whose body is a failure: Express/Next.js
`res.status(200).json(…)`/`.send(…)` where the body (or a branch of a `?:`/`||` in it) is a
literal message starting with "Failed", "Error", "Unable", "Could not" or "Cannot", or an object
with an `error` key; gin/echo `c.JSON(http.StatusOK, …)`/`c.String(http.StatusOK, …)` with the
same bodies.

Not flagged: `error: null`/`nil`/`undefined`/`false` (a success envelope), bodies that are only
data, other status codes, and tests.

## Why is this bad?
Clients, retries, monitoring and error tracking all read the status: a failure answered with 200
is shown to the user as a result (a message string rendered as data), is never retried, never
alerts, and whatever the request consumed (quota, credits) counts as a success.

## Example
```js
res.status(200).json(output ? output : "Failed to process image");
```

Use instead:
```js
if (!output) return res.status(502).json({ error: "Failed to process image" });
res.status(200).json(output);
```

## References
- RFC 9110, section 15 (status codes)
)md";

const RuleMeta kMeta{
    .id = "failure-with-success-status",
    .category = core::Category::ErrorHandling,
    .severity = core::Severity::Medium,
    .confidence = core::Confidence::High,
    .languages = {Lang::JavaScript, Lang::TypeScript, Lang::Tsx, Lang::Go},
    .roles = kServiceCode,
    .summary = "A failure is answered with HTTP 200",
    .docs = kDocs,
    .mode = ScoreMode::Presence,
};

bool failureText(std::string_view v) {
  std::string l;
  for (char c : v.substr(0, 16)) l += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::string_view w : {"failed", "failure", "error", "unable", "could not", "couldn't", "cannot"})
    if (l.starts_with(w)) return true;
  return false;
}

bool emptyValue(std::string_view t) {
  return t == "null" || t == "nil" || t == "undefined" || t == "false" || t == "\"\"" || t == "''";
}

/// The body, a branch of a conditional/`||` in it, a failure literal or an `{ error: … }` object.
bool failureBody(ts::Node n, std::string_view src, Lang lang) {
  if (!n) return false;
  auto t = n.type();
  if (t == "parenthesized_expression") return failureBody(n.namedChild(0), src, lang);
  if (t == "ternary_expression")
    return failureBody(n.field("consequence"), src, lang) || failureBody(n.field("alternative"), src, lang);
  if (t == "binary_expression") return failureBody(n.field("left"), src, lang) || failureBody(n.field("right"), src, lang);
  if (auto v = stringLiteralValue(n, src, lang)) return failureText(*v);
  if (t == "object") {
    for (std::uint32_t i = 0; i < n.namedChildCount(); ++i) {
      ts::Node p = n.namedChild(i);
      if (p.type() != "pair") continue;
      auto key = p.field("key").text(src);
      if ((key == "error" || key == "\"error\"" || key == "'error'") && !emptyValue(p.field("value").text(src))) return true;
    }
  }
  if (t == "composite_literal") {  // gin.H{"error": …}
    ts::Node body = n.field("body");
    for (std::uint32_t i = 0; body && i < body.namedChildCount(); ++i) {
      ts::Node kv = body.namedChild(i);
      if (kv.type() != "keyed_element" || kv.namedChildCount() != 2) continue;
      if (kv.namedChild(0).text(src).find("\"error\"") != std::string_view::npos &&
          !emptyValue(kv.namedChild(1).text(src)))
        return true;
    }
  }
  return false;
}

class FailureWithSuccessStatus final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::vector<std::string_view> nodeTypes(Lang) const override { return {"call_expression"}; }

  void visit(ts::Node call, RuleContext& ctx) const override {
    if (ctx.facts().isTestOrGenerated()) return;
    auto src = ctx.source();
    auto name = calleeName(call, src);
    ts::Node args = callArguments(call);
    if (!args) return;
    ts::Node body;
    if (ctx.lang() == Lang::Go) {
      if (name != "JSON" && name != "String" && name != "IndentedJSON") return;
      if (args.namedChildCount() < 2) return;
      auto status = args.namedChild(0).text(src);
      if (status != "http.StatusOK" && status != "200") return;
      body = args.namedChild(1);
    } else {
      if ((name != "json" && name != "send") || args.namedChildCount() != 1) return;
      ts::Node fn = call.field("function");
      ts::Node recv = fn && fn.type() == "member_expression" ? fn.field("object") : ts::Node();
      if (!recv || recv.type() != "call_expression" || calleeName(recv, src) != "status") return;
      ts::Node sargs = callArguments(recv);
      if (!sargs || sargs.namedChildCount() != 1 || sargs.namedChild(0).text(src) != "200") return;
      body = args.namedChild(0);
    }
    if (!failureBody(body, src, ctx.lang())) return;
    ctx.report(body, "a failure is answered with HTTP 200: clients, retries and monitoring read it as a success; "
                     "send a 4xx/5xx status for the failure");
  }
};

}  // namespace

const Rule& failureWithSuccessStatus() {
  static const FailureWithSuccessStatus rule;
  return rule;
}

}  // namespace agentlens::rules
