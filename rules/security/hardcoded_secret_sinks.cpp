// hardcoded-secret: literals given to framework sinks (jwt.encode/sign, jose, password hashers)
// and literals compared with a credential name (see hardcoded_secret_sinks.hpp).
#include "rules/security/hardcoded_secret_sinks.hpp"

#include "rules/common/secrets.hpp"
#include "rules/common/security.hpp"
#include "rules/common/syntax.hpp"
#include "rules/security/hardcoded_secret_report.hpp"
#include "rules/security/hardcoded_secret_shapes.hpp"

namespace agentlens::rules::secretsinks {

using core::Lang;
using secretreport::bindingName;
using secretreport::envNameFor;
using secretreport::reportBinding;

/// Framework sinks: jwt.encode(payload, "lit"), jwt.sign(p, "lit"), session({secret: "lit"}).
/// The string literal a local name is bound to once in the enclosing function (or the module, at
/// top level): `key = "…"` / `const key = "…"`. Null when it is bound to anything else, or twice.
ts::Node localStringBinding(ts::Node ident, const RuleContext& ctx) {
  auto src = ctx.source();
  std::string_view name = ident.text(src);
  ts::Node scope = enclosingFunction(ctx);
  if (!scope) scope = ctx.ancestors().empty() ? ts::Node() : ctx.ancestors().front();
  if (!scope) return ts::Node();
  ts::Node found;
  int bindings = 0;
  ts::walk(scope, [&](ts::Node n) {
    auto t = n.type();
    ts::Node l, r;
    if (t == "assignment" || t == "assignment_expression") {
      l = n.field("left");
      r = n.field("right");
    } else if (t == "variable_declarator") {
      l = n.field("name");
      r = n.field("value");
    }
    if (l && l.type() == "identifier" && l.text(src) == name) {
      ++bindings;
      if (r && stringLiteralValue(r, src, ctx.lang())) found = r;
    }
    return true;
  });
  return bindings == 1 ? found : ts::Node();
}

void sinkCall(ts::Node call, RuleContext& ctx) {
  if (ctx.facts().role == core::FileRole::Test) return;  // a test signs its own tokens with a fixture key
  auto src = ctx.source();
  auto callee = calleeText(call, src);
  ts::Node args = callArguments(call);
  if (!args) return;
  ts::Node value;
  std::string envName;
  // A default account created at start-up (server code); seed and maintenance scripts are the
  // development set-up (the DEBATABLE class) and are left out.
  ts::Node pw = ctx.facts().role != core::FileRole::Script
                    ? secretshapes::hashedLiteralPassword(call, src, ctx.lang())
                    : ts::Node();
  if (pw) {
    auto v = stringLiteralValue(pw, src, ctx.lang());
    if (!v || v->size() < 4 || secrets::isTemplated(*v)) return;
    auto why = secrets::notASecret("password", *v);
    if (why && *why != "low entropy" && *why != "too short" && *why != "a word (label or translation)" &&
        *why != "the key's own name")
      return;
    reportBinding(ctx, pw, "a password hashed from a literal (an account anyone who reads the code can log in to)",
                  "ADMIN_PASSWORD", true);
    return;
  }
  // jose: new SignJWT(p).sign(new TextEncoder().encode("…")) / jwtVerify(t, Buffer.from("…"))
  std::string_view last = calleeName(call, src);
  if (core::isJsFamily(ctx.lang()) && (last == "sign" || last == "jwtVerify")) {
    for (std::uint32_t i = 0; i < args.namedChildCount() && !value; ++i) {
      ts::Node a = args.namedChild(i);
      bool encoder = a.type() == "call_expression" && calleeName(a, src) == "encode" &&
                     calleeText(a, src).find("TextEncoder") != std::string_view::npos;
      bool buffer = a.type() == "call_expression" && calleeText(a, src) == "Buffer.from";
      if (!encoder && !buffer) continue;
      ts::Node inner = callArguments(a);
      if (inner && inner.namedChildCount() == 1) value = inner.namedChild(0);
    }
    if (value) envName = "JWT_SECRET";
  }
  if (callee == "jwt.encode" || callee == "jwt.decode" || callee == "jwt.sign" || callee == "jwt.verify") {
    std::uint32_t positional = 0;
    for (std::uint32_t i = 0; i < args.namedChildCount(); ++i) {
      ts::Node a = args.namedChild(i);
      if (a.type() == "keyword_argument") {
        if (a.field("name").text(src) == "key") value = a.field("value");
        continue;
      }
      if (a.type() == "comment") continue;
      if (++positional == 2) value = a;
    }
    envName = "JWT_SECRET";
  }
  if (!value) return;
  // The key held in one local first: `key = "…"` then `jwt.encode(p, key)`.
  if (value.type() == "identifier") value = localStringBinding(value, ctx);
  if (!value) return;
  auto lit = stringLiteralValue(value, src, ctx.lang());
  if (!lit || secrets::isTemplated(*lit)) return;
  reportBinding(ctx, value, "the JWT signing key", envName, true);
}

/// `password == "literal"`: a fixed password (or token) accepted by the code itself.
void comparison(ts::Node node, RuleContext& ctx) {
  auto role = ctx.facts().role;
  if (role == core::FileRole::Test || role == core::FileRole::Frontend) return;
  auto src = ctx.source();
  ts::Node nameSide, lit;
  if (!secretshapes::literalComparison(node, src, ctx.lang(), nameSide, lit)) return;
  ts::Node nameNode = nameSide;
  if (nameSide.type() == "selector_expression") nameNode = nameSide.field("field");
  std::string name = bindingName(nameNode, src, ctx.lang());
  auto value = stringLiteralValue(lit, src, ctx.lang());
  if (name.empty() || !value || value->size() < 4 || !secrets::isCredentialName(name)) return;
  auto why = secrets::notASecret(name, *value);
  if (why && *why != "low entropy" && *why != "too short") return;
  std::string lv = sec::lowerCopy(*value);
  for (std::string_view k : {"null", "undefined", "none", "true", "false", "bearer", "basic", "string", "object"})
    if (lv == k) return;
  reportBinding(ctx, lit, "the comparison with `" + name + "`", envNameFor(name), true);
}

}  // namespace agentlens::rules::secretsinks
