// outbound-call-without-timeout: HTTP client calls that can wait forever. The per-language checks
// live in outbound_timeout_{python,js,node_http,go}.cpp.
#include <algorithm>

#include "rules/error_handling/outbound_timeout.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {

namespace outbound_timeout {

namespace {
constexpr std::string_view kRequestsVerbs[] = {"get", "post", "put", "patch", "delete", "head", "options", "request"};
}  // namespace

bool isRequestsVerb(std::string_view m) {
  return std::find(std::begin(kRequestsVerbs), std::end(kRequestsVerbs), m) != std::end(kRequestsVerbs);
}

void soften(core::Finding& f, const RuleContext& ctx) {
  auto role = ctx.facts().role;
  if (role == core::FileRole::Test || role == core::FileRole::Script) f.severity = core::Severity::Low;
}

bool jsObjectHas(ts::Node obj, std::string_view key, std::string_view src) {
  if (!obj || obj.type() != "object") return false;
  for (std::uint32_t i = 0; i < obj.namedChildCount(); ++i) {
    ts::Node p = obj.namedChild(i);
    if (p.type() == "spread_element") return true;
    if (p.type() == "shorthand_property_identifier" && p.text(src) == key) return true;
    if (p.type() == "pair") {
      auto k = p.field("key").text(src);
      if (k == key || k == "\"" + std::string(key) + "\"" || k == "'" + std::string(key) + "'") return true;
    }
  }
  return false;
}

}  // namespace outbound_timeout

namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds outbound HTTP calls without a timeout:
- Python: `requests.get/post/…/request(...)` without `timeout=` or with `timeout=None` (and
  without `**kwargs` that could carry one); `httpx` calls or clients with `timeout=None`; `urllib.request.urlopen(url)` without a
  timeout; `aiohttp.ClientSession()` without `timeout=` (its default is 5 minutes).
- JavaScript/TypeScript: `fetch(url[, opts])` without a `signal`; `axios.get/post/…(...)`,
  `axios(...)` and `axios.create({...})` without `timeout` (axios waits forever by default);
  Node's `http.request`/`https.request`/`http.get`/`https.get` (also through a local such as
  `const mod = secure ? https : http`, and with an options object declared earlier in the
  function) without a `timeout` or `signal`
  option and without `req.setTimeout(…)`.
- Go: `http.Get/Post/Head/PostForm` (the default client has no timeout), `http.Client{}`
  literals without a `Timeout` field, and `http.DefaultClient.Do(req)` where `req` comes from
  `http.NewRequest` or from `http.NewRequestWithContext` with a context that has no deadline
  (`context.Background()`, `r.Context()`).

Not flagged: `httpx` with its default (5 s), an axios instance created with a timeout, Go clients
whose `Transport` sets `ResponseHeaderTimeout`, a Go request whose context comes from
`context.WithTimeout`/`WithDeadline` or from a parameter (the caller owns the deadline), a file
that sets `http.DefaultClient.Timeout`, Node request options passed as a variable we cannot see,
a `requests` session mounted with an adapter that
sets a default timeout. Only service code is judged: not browser code (the page bounds a
`fetch`), scripts, seeds, tests or tool config.

## Why is this bad?
A slow or stuck upstream holds the request, its worker and its connection for as long as the
TCP connection lives, often many minutes. A few such calls exhaust the worker pool and the whole
service stops answering, including health checks.

## Example
```python
resp = requests.post(PAYMENTS_URL, json=payload)
```

Use instead:
```python
resp = requests.post(PAYMENTS_URL, json=payload, timeout=10)
```

## Fix safety
Adds a timeout (a module constant whose name contains `TIMEOUT` when one exists, else 10 seconds;
`signal: AbortSignal.timeout(10_000)` for fetch and Node's `http.request` (the `timeout` option
alone only emits an event, it does not abort); `timeout: 10_000` for axios; a package-level
`http.Client` with `Timeout: 10 * time.Second` in Go, also in place of `http.DefaultClient`). Calls slower than the limit now fail, which
is the point but changes behaviour: unsafe.

## References
- Ruff S113, Bandit B113, golangci-lint `noctx`
- Google SRE book, "Handling Overload"
)md";

const RuleMeta kMeta{
    .id = "outbound-call-without-timeout",
    .category = core::Category::ErrorHandling,
    .severity = core::Severity::High,
    .confidence = core::Confidence::High,
    .languages = kAllCode,
    .roles = kServiceCode,
    .summary = "Outbound HTTP call or client without a timeout",
    .docs = kDocs,
    .fix = core::Applicability::Unsafe,
    .mode = ScoreMode::Density,
};

class OutboundCallWithoutTimeout final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Python) return {"call"};
    if (lang == Lang::Go) return {"call_expression", "composite_literal"};
    return {"call_expression"};
  }

  void visit(ts::Node node, RuleContext& ctx) const override {
    switch (ctx.lang()) {
      case Lang::Python: outbound_timeout::python(node, ctx); break;
      case Lang::Go: outbound_timeout::go(node, ctx); break;
      default: outbound_timeout::js(node, ctx); break;
    }
  }
};

}  // namespace

const Rule& outboundCallWithoutTimeout() {
  static const OutboundCallWithoutTimeout rule;
  return rule;
}

}  // namespace agentlens::rules
