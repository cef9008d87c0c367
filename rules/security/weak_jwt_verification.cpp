// weak-jwt-verification: JWTs decoded without verifying the signature, or with the "none" algorithm.
#include <algorithm>

#include "rules/common/security.hpp"
#include "rules/common/syntax.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds JSON Web Tokens accepted without a signature check: PyJWT
`jwt.decode(t, options={"verify_signature": False})` or `verify=False`; `algorithms=["none"]`
(any quoting, Python and jsonwebtoken `verify` options); jsonwebtoken `jwt.decode(token)` (which
never verifies) in server code and `verify` with `ignoreExpiration: true`; jwt-simple
`decode(token, key, true)`; Go
`jwt.ParseUnverified` and `jwt.Parse` key functions that never look at `t.Method` (with no
`jwt.WithValidMethods` option). Critical when the result decides who the caller is (assigned to
`req.user`, inside middleware, or in an auth/current-user function); high otherwise. Across
files: a `jwt.decode`/`jwt.verify` whose key is a setting that falls back to a literal
(`config["SECRET_KEY"]` with `SECRET_KEY = os.environ.get("SECRET_KEY") or "…"`, as
secret-env-default reports it), at medium confidence.

Not flagged: front-end code that decodes a token only to show its claims, a `jwt.decode`
whose function also calls `jwt.verify` on the token, and an OpenID Connect `id_token` the server
fetched itself from the provider's token endpoint (OIDC Core 3.1.3.7 lets a client skip the
signature check for a token received directly over TLS); an `id_token` taken from the request is
still reported.

## Why is this bad?
Anyone can write a JWT: without the signature check, `{"sub": "admin"}` is accepted as is. A
key function that does not pin the algorithm accepts tokens signed with `none`, or with the
public key used as an HMAC secret.

## Example
```javascript
const user = jwt.decode(req.headers.authorization.slice(7));
```

Use instead:
```javascript
const user = jwt.verify(token, JWT_SECRET, { algorithms: ["HS256"] });
```

## Fix safety
Python: drops the `verify_signature: False` option or `verify=False`. JavaScript: `jwt.decode(t)`
becomes `jwt.verify(t, <secret>, { algorithms: ["HS256"] })`, offered only when a secret binding
(`JWT_SECRET`, `jwtSecret`, …) exists in the file. Unsafe: tokens that were never valid are now
rejected, and the algorithm must match the issuer's.

## References
- RFC 8725, JSON Web Token Best Current Practices; CWE-347
- semgrep python/jwt/security/unverified-jwt-decode, javascript/jsonwebtoken/security/audit/jwt-decode-without-verify, go/jwt-go/security/audit/jwt-parse-unverified
)md";

const RuleMeta kMeta{
    .id = "weak-jwt-verification",
    .category = core::Category::Security,
    .severity = core::Severity::High,
    .confidence = core::Confidence::High,
    .languages = kAllCode,
    .summary = "JWT accepted without signature verification",
    .docs = kDocs,
    .fix = core::Applicability::Unsafe,
    .mode = ScoreMode::Presence,
    .gate = true,
};

bool authish(std::string_view name) {
  std::string n = sec::lowerCopy(name);
  for (std::string_view w : {"auth", "user", "verify", "token", "login", "require", "identity", "principal", "session",
                             "middleware", "guard", "protect"})
    if (n.find(w) != std::string::npos) return true;
  return false;
}

/// True when a list of algorithms names "none" in any quoting ("none", 'none', `none`).
bool allowsNone(ts::Node algs, std::string_view src, Lang lang) {
  if (!algs) return false;
  bool none = false;
  ts::walk(algs, [&](ts::Node n) {
    auto v = stringLiteralValue(n, src, lang);
    if (v && sec::lowerCopy(*v) == "none") none = true;
    return !none;
  });
  return none;
}

/// An OpenID Connect id_token that the server fetched itself from the provider's token endpoint
/// (over TLS, with its client secret) may be decoded without checking the signature (OIDC Core
/// 3.1.3.7). One the caller sent (`request.data["id_token"]`) must be verified.
bool idTokenFromProvider(const RuleContext& ctx, ts::Node token) {
  if (!token) return false;
  auto src = ctx.source();
  auto named = [&](ts::Node n) {
    std::string l = sec::lowerCopy(n.text(src));
    return l.find("id_token") != std::string::npos || l.find("idtoken") != std::string::npos;
  };
  ts::Node fn = enclosingFunction(ctx);
  ts::Node source = token;
  if (sec::unwrap(token).type() == "identifier" && fn) {
    ts::Node rhs = sec::localAssignment(fn, sec::unwrap(token).text(src), token.startByte(), src, ctx.lang());
    if (rhs) source = rhs;
  }
  if (!named(token) && !named(source)) return false;
  bool handler = fn && ctx.facts().routeAt(fn.startByte()) != nullptr;
  auto tainted = sec::taintedNames(fn, src, ctx.lang(), handler);
  return !sec::exprTainted(token, src, ctx.lang(), tainted) && !sec::exprTainted(source, src, ctx.lang(), tainted) &&
         !sec::mentionsRequestSource(source.text(src), ctx.lang());
}

class WeakJwtVerification final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Python) return {"call"};
    return {"call_expression"};
  }

  void visit(ts::Node call, RuleContext& ctx) const override {
    auto role = ctx.facts().role;
    if (role == core::FileRole::Test || role == core::FileRole::Generated || role == core::FileRole::Frontend) return;
    switch (ctx.lang()) {
      case Lang::Python: python(call, ctx); break;
      case Lang::Go: go(call, ctx); break;
      default: js(call, ctx); break;
    }
  }

 private:
  static bool gatesAuth(const RuleContext& ctx, ts::Node call) {
    auto src = ctx.source();
    ts::Node fn = enclosingFunction(ctx);
    if (!fn) return false;
    if (authish(functionName(fn, src))) return true;
    // Express middleware (req, res, next) or the result stored on the request.
    ts::Node params = fn.field("parameters");
    if (params && params.text(src).find("next") != std::string_view::npos) return true;
    ts::Node p = call.parent();
    for (int i = 0; i < 3 && p; ++i, p = p.parent()) {
      std::string_view t = p.text(src);
      if ((p.type() == "assignment_expression" || p.type() == "assignment") &&
          (t.starts_with("req.user") || t.starts_with("request.user") || t.starts_with("g.user")))
        return true;
    }
    return false;
  }

  static core::Finding& flag(RuleContext& ctx, ts::Node at, ts::Node call, const std::string& what) {
    bool gate = gatesAuth(ctx, call);
    core::Finding& f = ctx.report(at, what + (gate ? ", and the result decides who the caller is: anyone can forge "
                                                     "a token; verify the signature and pin the algorithm"
                                                   : ": anyone can forge a token; verify the signature and pin the "
                                                     "algorithm"));
    if (gate) f.severity = core::Severity::Critical;
    return f;
  }

  static void python(ts::Node call, RuleContext& ctx) {
    auto src = ctx.source();
    std::string_view callee = calleeText(call, src);
    if (callee != "jwt.decode" && callee != "decode") return;
    if (callee == "decode" && !ctx.facts().imports_("jwt")) return;
    ts::Node args = callArguments(call);
    ts::Node token = sec::positionalArg(args, 0);
    if (!token) token = sec::keywordArg(args, "jwt", src);
    ts::Node algs = sec::keywordArg(args, "algorithms", src);
    if (allowsNone(algs, src, Lang::Python)) {
      flag(ctx, algs.parent(), call, "`algorithms` allows \"none\"");
      return;
    }
    if (idTokenFromProvider(ctx, token)) return;
    ts::Node opts = sec::unwrap(sec::keywordArg(args, "options", src));
    if (opts && opts.type() == "dictionary") {
      for (std::uint32_t i = 0; i < opts.namedChildCount(); ++i) {
        ts::Node p = opts.namedChild(i);
        if (p.type() != "pair" || !sec::isFalse(p.field("value"))) continue;
        auto k = stringLiteralValue(p.field("key"), src, Lang::Python);
        if (!k || *k != "verify_signature") continue;
        auto& f = flag(ctx, p, call, "`jwt.decode` with `verify_signature: False` skips the signature check");
        // Verifying needs the key and the algorithms: offer the fix only when both are there.
        if (sec::positionalCount(args) < 2 || !sec::keywordArg(args, "algorithms", src)) return;
        core::Fix fix{.title = "Verify the signature", .applicability = core::Applicability::Unsafe};
        fix.edits.push_back(opts.namedChildCount() == 1 ? sec::removeListItem(opts.parent()) : sec::removeListItem(p));
        f.fixes.push_back(std::move(fix));
        return;
      }
    }
    ts::Node verify = sec::keywordArg(args, "verify", src);
    if (sec::isFalse(verify)) {
      auto& f = flag(ctx, verify.parent(), call, "`jwt.decode(…, verify=False)` skips the signature check");
      core::Fix fix{.title = "Verify the signature", .applicability = core::Applicability::Unsafe};
      fix.edits.push_back(sec::removeListItem(verify.parent()));
      f.fixes.push_back(std::move(fix));
      return;
    }
  }

  static std::string secretSymbol(const RuleContext& ctx) {
    auto src = ctx.source();
    ts::Node root = ctx.file().tree.root();
    for (std::uint32_t i = 0; i < root.namedChildCount(); ++i) {
      ts::Node n = root.namedChild(i);
      if (n.type() == "export_statement" && n.namedChildCount()) n = n.namedChild(0);
      if (n.type() != "lexical_declaration" && n.type() != "variable_declaration") continue;
      for (std::uint32_t k = 0; k < n.namedChildCount(); ++k) {
        ts::Node d = n.namedChild(k);
        if (d.type() != "variable_declarator" || d.field("name").type() != "identifier") continue;
        std::string_view name = d.field("name").text(src);
        std::string l = sec::lowerCopy(name);
        if (l.find("secret") != std::string::npos || l.find("jwtkey") != std::string::npos ||
            l.find("jwt_key") != std::string::npos)
          return std::string(name);
      }
    }
    return "";
  }

  static void js(ts::Node call, RuleContext& ctx) {
    auto src = ctx.source();
    std::string_view callee = calleeText(call, src);
    ts::Node args = callArguments(call);
    if (!args || args.type() != "arguments") return;
    // jwt-simple: decode(token, key, noVerify) with noVerify true skips the check.
    if (ctx.facts().imports_("jwt-simple") && calleeName(call, src) == "decode" &&
        sec::isTrue(sec::positionalArg(args, 2))) {
      flag(ctx, sec::positionalArg(args, 2), call, "`decode(token, key, true)` skips the signature check");
      return;
    }
    bool jwtLib = ctx.facts().imports_("jsonwebtoken");
    if (!jwtLib) return;
    if (callee == "jwt.verify") {
      ts::Node opts = sec::unwrap(sec::positionalArg(args, 2));
      if (!opts || opts.type() != "object") return;
      ts::Node algs = sec::objectProp(opts, "algorithms", src);
      if (allowsNone(algs, src, ctx.lang())) {
        flag(ctx, algs.parent(), call, "`algorithms` allows \"none\"");
        return;
      }
      ts::Node exp = sec::objectProp(opts, "ignoreExpiration", src);
      if (exp && sec::isTrue(exp))
        ctx.report(exp.parent(), "`ignoreExpiration: true` accepts expired tokens forever: a leaked token never "
                                 "stops working; remove the option");
      return;
    }
    if (callee != "jwt.decode") return;
    if (idTokenFromProvider(ctx, sec::positionalArg(args, 0))) return;
    ts::Node fn = enclosingFunction(ctx);
    if (fn && fn.text(src).find("jwt.verify(") != std::string_view::npos) return;  // verified here too
    ts::Node token = sec::positionalArg(args, 0);
    auto& f = flag(ctx, call, call, "`jwt.decode` does not verify the signature");
    std::string secret = secretSymbol(ctx);
    if (secret.empty() || !token || sec::positionalCount(args) != 1) return;
    core::Fix fix{.title = "Use jwt.verify with " + secret, .applicability = core::Applicability::Unsafe};
    fix.edits.push_back(sec::replaceNode(call, "jwt.verify(" + std::string(token.text(src)) + ", " + secret +
                                                   ", { algorithms: [\"HS256\"] })"));
    f.fixes.push_back(std::move(fix));
  }

  static void go(ts::Node call, RuleContext& ctx) {
    auto src = ctx.source();
    std::string_view name = calleeName(call, src);
    std::string_view callee = calleeText(call, src);
    if (name == "ParseUnverified") {
      flag(ctx, call, call, "`ParseUnverified` does not check the signature");
      return;
    }
    if (callee != "jwt.Parse" && callee != "jwt.ParseWithClaims") return;
    ts::Node args = callArguments(call);
    if (args.text(src).find("WithValidMethods") != std::string_view::npos) return;
    ts::Node keyFn = sec::positionalArg(args, callee == "jwt.Parse" ? 1 : 2);
    if (!keyFn || keyFn.type() != "func_literal") return;  // a named keyfunc: cannot see it here
    if (keyFn.text(src).find("Method") != std::string_view::npos) return;
    flag(ctx, keyFn, call, "the key function accepts any signing algorithm (it never checks `t.Method`)");
  }
};

}  // namespace

const Rule& weakJwtVerification() {
  static const WeakJwtVerification rule;
  return rule;
}

}  // namespace agentlens::rules
