// tls-verification-disabled: certificate or hostname verification switched off for outbound TLS.
#include <algorithm>

#include "rules/common/security.hpp"
#include "rules/common/syntax.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds TLS certificate verification switched off: Python `verify=False` on requests/httpx calls
and clients, `ssl._create_unverified_context()`, process-wide
`ssl._create_default_https_context = ssl._create_unverified_context`, `ssl.CERT_NONE`,
`cert_reqs='NONE'`, `check_hostname = False`; JavaScript `rejectUnauthorized: false` (https.Agent,
tls, pg/mysql `ssl` options) and `NODE_TLS_REJECT_UNAUTHORIZED = "0"` (or the number `0`); Go
`tls.Config{InsecureSkipVerify: true}`, `cfg.InsecureSkipVerify = true` set after construction,
`grpc.WithInsecure()` and `insecure.NewCredentials()`.

Not flagged: tests, `verify="/path/ca.pem"` (a pinned CA), `rejectUnauthorized: true`, and
verification turned off only inside a branch on a per-target option (`if config.verify: … else:
unverified context`, `if cfg.Insecure { … }`): an explicit opt-in like `curl -k`, off by default. The
managed-Postgres quickstart `ssl: { rejectUnauthorized: false }` is reported at medium severity
with a hint to use the provider's CA bundle.

## Why is this bad?
Without verification anyone on the network path (a compromised proxy, Wi-Fi, a cloud neighbour)
can present any certificate, read the traffic and change it — including credentials and tokens
sent to the upstream.

## Example
```python
requests.get(url, verify=False)
```

Use instead:
```python
requests.get(url)  # or verify="/etc/ssl/certs/internal-ca.pem"
```

## Fix safety
Removes `verify=False` / `InsecureSkipVerify: true`, or sets `rejectUnauthorized: true`. Unsafe:
a server with a self-signed or private-CA certificate now fails the handshake until its CA is
configured.

## References
- OWASP Transport Layer Security Cheat Sheet; CWE-295
- Bandit B501, Ruff S501, gosec G402
)md";

const RuleMeta kMeta{
    .id = "tls-verification-disabled",
    .category = core::Category::Security,
    .severity = core::Severity::High,
    .confidence = core::Confidence::High,
    .languages = kAllCode,
    .summary = "TLS certificate verification disabled",
    .docs = kDocs,
    .fix = core::Applicability::Unsafe,
    .mode = ScoreMode::Presence,
};

/// Verification turned off only when a per-target setting asks for it (`if config.verify: … else:
/// unverified`, `if cfg.InsecureSkipVerify {…}`): an opt-in like `curl -k`, not a default.
bool gatedByVerifyOption(const RuleContext& ctx) {
  auto src = ctx.source();
  for (ts::Node a : ctx.ancestors()) {
    auto t = a.type();
    if (t != "if_statement" && t != "conditional_expression" && t != "ternary_expression") continue;
    ts::Node cond = a.field("condition");
    if (!cond && t == "conditional_expression" && a.namedChildCount() == 3) cond = a.namedChild(1);
    if (!cond) continue;
    std::string l = sec::lowerCopy(cond.text(src));
    for (std::string_view w : {"verify", "insecure", "skip_tls", "skiptls", "tls_skip", "self_signed", "selfsigned"})
      if (l.find(w) != std::string::npos) return true;
  }
  return false;
}

class TlsVerificationDisabled final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Python) return {"keyword_argument", "call", "attribute", "assignment"};
    if (lang == Lang::Go) return {"keyed_element", "call_expression", "assignment_statement"};
    return {"pair", "assignment_expression"};
  }

  void visit(ts::Node node, RuleContext& ctx) const override {
    if (ctx.facts().isTestOrGenerated()) return;
    if (gatedByVerifyOption(ctx)) return;
    auto src = ctx.source();
    auto type = node.type();
    if (type == "keyword_argument" && node.field("name").text(src) == "cert_reqs") {
      auto v = stringLiteralValue(node.field("value"), src, ctx.lang());
      if (v && (*v == "NONE" || *v == "CERT_NONE"))
        ctx.report(node, "`cert_reqs='NONE'` accepts any certificate: use 'CERT_REQUIRED'");
      return;
    }
    if (type == "assignment_statement") {  // Go: tlsConfig.InsecureSkipVerify = true after construction
      ts::Node l = node.field("left"), r = node.field("right");
      if (l && r && l.text(src).ends_with(".InsecureSkipVerify") && sec::isTrue(r.namedChild(0) ? r.namedChild(0) : r))
        ctx.report(node, "`InsecureSkipVerify = true` accepts any certificate: set RootCAs to the CA you trust "
                         "instead");
      return;
    }
    if (type == "keyword_argument") return verifyFalse(node, ctx);
    if (type == "call" || type == "call_expression") {
      auto callee = calleeText(node, src);
      if (callee == "ssl._create_unverified_context")
        ctx.report(node, "an unverified SSL context accepts any certificate: use ssl.create_default_context()");
      else if (callee == "grpc.WithInsecure" || callee == "insecure.NewCredentials")
        ctx.report(node, "gRPC connection without TLS: use credentials.NewTLS(…) or NewClientTLSFromCert");
      return;
    }
    if (type == "attribute") return certNone(node, ctx);
    if (type == "assignment" || type == "assignment_expression") return assignment(node, ctx);
    if (type == "pair") return rejectUnauthorized(node, ctx);
    if (type == "keyed_element" && node.namedChildCount() == 2) insecureSkipVerify(node, ctx);
  }

 private:
  /// Python `verify=False` on an HTTP client call or constructor.
  static void verifyFalse(ts::Node node, RuleContext& ctx) {
    auto src = ctx.source();
    if (node.field("name").text(src) != "verify" || !sec::isFalse(node.field("value"))) return;
    // Only HTTP client calls and constructors: a method that merely forwards a flag is not a client.
    ts::Node call = node.parent() ? node.parent().parent() : ts::Node();
    if (!call || call.type() != "call") return;
    std::string_view callee = calleeText(call, src), name = calleeName(call, src);
    static constexpr std::string_view kHttp[] = {"get", "post", "put", "patch", "delete", "head", "options",
                                                 "request", "send", "stream", "Client", "AsyncClient", "Session",
                                                 "urlopen", "build_opener"};
    bool http = callee.starts_with("requests.") || callee.starts_with("httpx.") ||
                std::find(std::begin(kHttp), std::end(kHttp), name) != std::end(kHttp);
    if (!http) return;
    auto& f = ctx.report(node, "`verify=False` turns off certificate checks: anyone on the path can read and "
                               "change this traffic; pin a CA bundle instead");
    fix(f, "Remove verify=False", sec::removeListItem(node));
  }

  /// Python `ssl.CERT_NONE` assigned or passed as it is.
  static void certNone(ts::Node node, RuleContext& ctx) {
    auto src = ctx.source();
    if (node.text(src) != "ssl.CERT_NONE") return;
    // Assigned or passed as it is: `ctx.verify_mode = ssl.CERT_NONE`, `cert_reqs=ssl.CERT_NONE`
    // (comparisons, lookup tables and conditional expressions are library plumbing).
    ts::Node p = node.parent();
    bool assigned = p && ((p.type() == "assignment" && p.field("right") == node) ||
                          (p.type() == "keyword_argument" && p.field("value") == node));
    if (!assigned) return;
    ctx.report(node, "`ssl.CERT_NONE` accepts any certificate: use ssl.CERT_REQUIRED");
  }

  /// Python `ssl._create_default_https_context = …`, `check_hostname = False`; JS
  /// `NODE_TLS_REJECT_UNAUTHORIZED = "0"`.
  static void assignment(ts::Node node, RuleContext& ctx) {
    auto src = ctx.source();
    ts::Node l = node.field("left"), r = node.field("right");
    if (!l || !r) return;
    std::string_view lt = l.text(src);
    if (ctx.lang() == Lang::Python) {
      if (lt == "ssl._create_default_https_context" && r.text(src).ends_with("_create_unverified_context"))
        ctx.report(node, "every HTTPS connection of the process now accepts any certificate: remove this "
                         "override and configure the CA instead");
      else if (lt.ends_with(".check_hostname") && sec::isFalse(r))
        ctx.report(node, "`check_hostname = False` accepts certificates for any host: keep it on");
      return;
    }
    if (lt.ends_with("NODE_TLS_REJECT_UNAUTHORIZED") || lt.ends_with("NODE_TLS_REJECT_UNAUTHORIZED\"]") ||
        lt.ends_with("NODE_TLS_REJECT_UNAUTHORIZED']")) {
      auto v = stringLiteralValue(r, src, ctx.lang());
      if ((v && *v == "0") || r.text(src) == "0")
        ctx.report(node, "NODE_TLS_REJECT_UNAUTHORIZED=0 disables certificate checks for every TLS connection "
                         "of the process: configure the CA instead");
    }
  }

  /// JS `rejectUnauthorized: false` (medium inside a database client's `ssl` options).
  static void rejectUnauthorized(ts::Node node, RuleContext& ctx) {
    auto src = ctx.source();
    ts::Node k = node.field("key");
    if (!k || (k.text(src) != "rejectUnauthorized" && k.text(src) != "\"rejectUnauthorized\"") ||
        !sec::isFalse(node.field("value")))
      return;
    // Inside `ssl: {…}` of a database client: the managed-Postgres quickstart.
    bool dbSsl = false;
    auto anc = ctx.ancestors();
    if (anc.size() >= 2 && anc[anc.size() - 2].type() == "pair") {
      std::string_view pk = anc[anc.size() - 2].field("key").text(src);
      dbSsl = pk == "ssl" || pk == "dialectOptions";
    }
    auto& f = ctx.report(node, dbSsl ? std::string("`rejectUnauthorized: false` on the database connection accepts any "
                                                   "certificate: pass the provider's CA bundle (`ca: …`) instead")
                                     : std::string("`rejectUnauthorized: false` turns off certificate checks: "
                                                   "configure the CA (`ca: …`) instead"));
    if (dbSsl) f.severity = core::Severity::Medium;
    fix(f, "Set rejectUnauthorized: true", sec::replaceNode(node.field("value"), "true"));
  }

  /// Go `InsecureSkipVerify: true` in a tls.Config literal.
  static void insecureSkipVerify(ts::Node node, RuleContext& ctx) {
    auto src = ctx.source();
    if (sec::unwrap(node.namedChild(0)).text(src) != "InsecureSkipVerify" || !sec::isTrue(node.namedChild(1))) return;
    auto& f = ctx.report(node, "`InsecureSkipVerify: true` accepts any certificate: set RootCAs to the CA you "
                               "trust instead");
    fix(f, "Remove InsecureSkipVerify", sec::removeListItem(node));
  }

  static void fix(core::Finding& f, std::string title, core::TextEdit e) {
    core::Fix fx{.title = std::move(title), .applicability = core::Applicability::Unsafe};
    fx.edits.push_back(std::move(e));
    f.fixes.push_back(std::move(fx));
  }
};

}  // namespace

const Rule& tlsVerificationDisabled() {
  static const TlsVerificationDisabled rule;
  return rule;
}

}  // namespace agentlens::rules
