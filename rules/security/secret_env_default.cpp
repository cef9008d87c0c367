// secret-env-default: a secret read from the environment with a literal fallback, so the
// service starts (with a known secret) when the variable is missing.
#include <algorithm>

#include "rules/common/externalize.hpp"
#include "rules/common/imports.hpp"
#include "rules/common/secrets.hpp"
#include "rules/common/security.hpp"
#include "rules/common/syntax.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds environment reads of secret-named variables (password, secret, token, api key, private
key, … and `DATABASE_URL`/`DSN` when the fallback carries credentials) that fall back to a
non-empty literal: Python `os.environ.get("JWT_SECRET", "dev")`, `os.getenv("X", "…")` and
pydantic `BaseSettings` fields such as `secret_key: str = "…"`; JavaScript
`os.environ.get("X") or "…"`; JavaScript
`process.env.X || "…"`, `process.env.X ?? "…"`, `const { X = "…" } = process.env` and env schemas
(`SESSION_SECRET: Joi.string().default("…")`, zod/yup `.default`); Go `getEnv("X", "…")`-style
helpers and viper `SetDefault("jwt.secret", "…")`.

Not flagged: non-secret variables (`PORT`, `TIMEOUT`, `LOG_LEVEL`), empty or `None` fallbacks,
test settings, defaults inside a development-only branch, binding calls that name the variable
(viper's `BindEnv("jwt.secret", "JWT_SECRET")`), and a fallback that only describes what belongs
there (`your-app-password`) for a password or key presented to another service (SMTP, database,
API), which refuses it; a database password whose fallback is the password the repository's
local compose or example env file gives the development database (production's database has its
own and refuses it). Signing keys and passwords the service checks itself (admin, metrics) are
flagged whatever their fallback: any value the repository shows opens them.

## Why is this bad?
When the variable is missing — a typo in the deployment, a new environment — the service starts
anyway and signs sessions or tokens with a secret that is in the repository. Nothing fails, so
nobody notices. A required secret should stop the service at start-up.

## Example
```python
JWT_SECRET = os.environ.get("JWT_SECRET", "dev-secret")
```

Use instead:
```python
JWT_SECRET = os.environ["JWT_SECRET"]
```

## Fix safety
Python: `os.environ["X"]` (raises at start-up when missing); pydantic: the default is removed
(the field becomes required). JavaScript: `requiredEnv("X")` and a small `requiredEnv` helper
appended to the file. Go: `mustEnv("X")` and a `mustEnv` helper. Unsafe: environments that relied
on the fallback must now set the variable.

## References
- The Twelve-Factor App, III. Config
- OWASP Secrets Management Cheat Sheet
)md";

const RuleMeta kMeta{
    .id = "secret-env-default",
    .category = core::Category::Security,
    .severity = core::Severity::High,
    .confidence = core::Confidence::High,
    .languages = kAllCode,
    .summary = "Secret read from the environment with a hardcoded fallback",
    .docs = kDocs,
    .fix = core::Applicability::Unsafe,
    .mode = ScoreMode::Presence,
};

bool secretVar(std::string_view name, std::string_view fallback) {
  if (secrets::isCredentialName(name)) return true;
  std::string n = sec::lowerCopy(name);
  bool url = n == "database_url" || n.ends_with("_dsn") || n == "dsn" || n.ends_with("database_url") ||
             n == "redis_url" || n == "mongo_url" || n == "mongodb_uri" || n == "amqp_url";
  if (!url) return false;
  // A connection URL is a secret when it carries a password: scheme://user:pass@host
  auto scheme = fallback.find("://");
  auto at = fallback.find('@');
  if (scheme == std::string_view::npos || at == std::string_view::npos || at < scheme) return false;
  return fallback.substr(scheme + 3, at - scheme - 3).find(':') != std::string_view::npos;
}

/// A fallback that only describes what belongs there (`your-app-password`, `<smtp password>`) for
/// a credential this service presents to another one (SMTP, a database, an API): with it the
/// other side refuses the login, so the fallback grants nothing. Keys the service signs with and
/// passwords it checks itself (admin, metrics) are exploitable with any value the repository shows.
bool describesOutboundCredential(std::string_view name, std::string_view fallback) {
  if (secrets::isSigningKeyName(name)) return false;
  std::string n = sec::lowerCopy(name);
  for (std::string_view inbound : {"admin", "root", "metrics", "basic", "superuser", "master", "default", "initial"})
    if (n.find(inbound) != std::string::npos) return false;
  std::string v = sec::lowerCopy(fallback);
  if (v.starts_with("your") || (v.starts_with("<") && v.ends_with(">"))) return true;
  for (std::string_view w : {"placeholder", "replace", "example", "xxxx", "insert-"})
    if (v.find(w) != std::string::npos) return true;
  return false;
}

class SecretEnvDefault final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Python) return {"call", "assignment", "boolean_operator"};
    if (lang == Lang::Go) return {"call_expression"};
    return {"binary_expression", "object_assignment_pattern", "call_expression"};
  }

  void visit(ts::Node node, RuleContext& ctx) const override {
    if (ctx.facts().isTestOrGenerated() || sec::inDevelopmentOnlyCode(ctx)) return;
    switch (ctx.lang()) {
      case Lang::Python: python(node, ctx); break;
      case Lang::Go: go(node, ctx); break;
      default: js(node, ctx); break;
    }
  }

 private:
  static std::optional<std::string_view> nonEmptyLiteral(ts::Node n, const RuleContext& ctx) {
    auto v = stringLiteralValue(sec::unwrap(n), ctx.source(), ctx.lang());
    if (!v || v->empty()) return std::nullopt;
    return v;
  }

  /// A secret-named variable whose literal fallback matters (see describesOutboundCredential).
  static bool reportable(std::string_view var, std::string_view fallback) {
    // A number or a switch (`ACCESS_TOKEN_MINUTES … or "15"`, `… or "yes"`) is a setting about a
    // credential, not one.
    bool digits = std::all_of(fallback.begin(), fallback.end(), [](char c) { return c >= '0' && c <= '9'; });
    std::string l = sec::lowerCopy(fallback);
    if (digits || l == "yes" || l == "no" || l == "true" || l == "false" || l == "on" || l == "off") return false;
    return secretVar(var, fallback) && !describesOutboundCredential(var, fallback);
  }

  static core::Finding& flag(RuleContext& ctx, ts::Node at, std::string_view var, ts::Node fallback) {
    auto src = ctx.source();
    core::ByteRange content = stringContentRange(sec::unwrap(fallback), src);
    std::string_view value = src.substr(content.start, content.end - content.start);
    core::Finding& f = ctx.report(at, "`" + std::string(var) + "` falls back to a hardcoded value (`" +
                                          core::maskSecret(value) +
                                          "`): require it, so a missing secret stops the service at start-up");
    f.sensitive = content;
    return f;
  }

  /// `os.environ.get("X") or "fallback"`: the same fallback written with `or`.
  static void pythonOr(ts::Node node, RuleContext& ctx) {
    auto src = ctx.source();
    ts::Node op = node.child(1);
    if (!op || op.text(src) != "or") return;
    ts::Node left = sec::unwrap(node.field("left")), right = node.field("right");
    if (!left || left.type() != "call" || !right) return;
    std::string_view callee = calleeText(left, src);
    if (callee != "os.environ.get" && callee != "os.getenv" && callee != "getenv" && callee != "environ.get") return;
    ts::Node args = callArguments(left);
    if (sec::positionalCount(args) != 1) return;
    auto var = stringLiteralValue(sec::positionalArg(args, 0), src, Lang::Python);
    auto v = nonEmptyLiteral(right, ctx);
    if (!var || !v || !reportable(*var, *v)) return;
    flag(ctx, node, *var, right);
  }

  /// Env schemas: `SESSION_SECRET: Joi.string().default("secret")`, zod `.default("…")`.
  static void schemaDefault(ts::Node call, RuleContext& ctx) {
    auto src = ctx.source();
    if (calleeName(call, src) != "default") return;
    std::string_view callee = calleeText(call, src);
    if (!callee.starts_with("Joi.") && !callee.starts_with("z.") && !callee.starts_with("yup.")) return;
    ts::Node p = call.parent();
    if (!p || p.type() != "pair") return;
    ts::Node key = p.field("key");
    std::string var(key ? key.text(src) : "");
    if (auto k = stringLiteralValue(key, src, ctx.lang())) var = *k;
    ts::Node def = sec::positionalArg(callArguments(call), 0);
    auto v = def ? nonEmptyLiteral(def, ctx) : std::nullopt;
    if (var.empty() || !v || !reportable(var, *v)) return;
    flag(ctx, call, var, def);
  }

  static void python(ts::Node node, RuleContext& ctx) {
    auto src = ctx.source();
    if (node.type() == "boolean_operator") {
      pythonOr(node, ctx);
      return;
    }
    if (node.type() == "assignment") {
      // pydantic BaseSettings field: `secret_key: str = "…"` in a class deriving from BaseSettings.
      ts::Node type = node.field("type");
      if (!type) return;
      ts::Node cls = ctx.nearestAncestor({"class_definition", "function_definition"});
      if (!cls || cls.type() != "class_definition") return;
      ts::Node bases = cls.field("superclasses");
      if (!bases || bases.text(src).find("BaseSettings") == std::string_view::npos) return;
      std::string_view name = node.field("left").text(src);
      ts::Node right = node.field("right");
      auto v = right ? nonEmptyLiteral(right, ctx) : std::nullopt;
      if (!v || !reportable(name, *v)) return;
      auto& f = flag(ctx, node, name, right);
      core::Fix fix{.title = "Make " + std::string(name) + " required (no default)",
                    .applicability = core::Applicability::Unsafe};
      core::TextEdit e;
      e.range = {type.endByte(), right.endByte()};
      fix.edits.push_back(e);
      f.fixes.push_back(std::move(fix));
      return;
    }
    std::string_view callee = calleeText(node, src);
    if (callee != "os.environ.get" && callee != "os.getenv" && callee != "getenv" && callee != "environ.get" &&
        callee != "os.environ.setdefault")
      return;
    ts::Node args = callArguments(node);
    ts::Node nameArg = sec::positionalArg(args, 0);
    ts::Node def = sec::positionalArg(args, 1);
    if (!def) def = sec::keywordArg(args, "default", src);
    if (!nameArg || !def) return;
    auto var = stringLiteralValue(nameArg, src, Lang::Python);
    auto v = nonEmptyLiteral(def, ctx);
    if (!var || !v || !reportable(*var, *v)) return;
    auto& f = flag(ctx, node, *var, def);
    if (auto fix = requiredEnvFix(ctx.file(), node, std::string(*var))) f.fixes.push_back(std::move(*fix));
  }

  static std::string_view processEnvName(ts::Node n, std::string_view src) {
    n = sec::unwrap(n);
    if (!n) return "";
    std::string_view t = n.text(src);
    if (n.type() == "member_expression" && t.starts_with("process.env.")) return t.substr(12);
    if (n.type() == "subscript_expression" && t.starts_with("process.env[")) {
      ts::Node idx = n.field("index");
      auto v = idx ? stringLiteralValue(idx, src, core::Lang::JavaScript) : std::nullopt;
      return v ? *v : "";
    }
    return "";
  }

  static void js(ts::Node node, RuleContext& ctx) {
    auto src = ctx.source();
    if (node.type() == "call_expression") {
      schemaDefault(node, ctx);
      return;
    }
    std::string_view var;
    ts::Node def;
    ts::Node at = node;
    if (node.type() == "binary_expression") {
      ts::Node op = node.child(1);
      if (!op || (op.text(src) != "||" && op.text(src) != "??")) return;
      var = processEnvName(node.field("left"), src);
      def = node.field("right");
    } else {
      // const { X = "…" } = process.env
      ts::Node pattern = ctx.ancestors().empty() ? ts::Node() : ctx.ancestors().back();
      if (!pattern || pattern.type() != "object_pattern" || ctx.ancestors().size() < 2) return;
      ts::Node decl = ctx.ancestors()[ctx.ancestors().size() - 2];
      if (decl.type() != "variable_declarator" || decl.field("value").text(src) != "process.env") return;
      ts::Node left = node.field("left");
      if (!left) return;
      var = left.text(src);
      def = node.field("right");
    }
    if (var.empty() || !def) return;
    auto v = nonEmptyLiteral(def, ctx);
    if (!v || !reportable(var, *v)) return;
    auto& f = flag(ctx, at, var, def);
    if (node.type() != "binary_expression") return;
    if (auto fix = requiredEnvFix(ctx.file(), node, std::string(var))) f.fixes.push_back(std::move(*fix));
  }

  static void go(ts::Node call, RuleContext& ctx) {
    auto src = ctx.source();
    std::string_view name = calleeName(call, src);
    std::string lname = sec::lowerCopy(name);
    if ((lname.find("env") == std::string::npos && name != "SetDefault") || name == "Getenv" || name == "LookupEnv" || name == "Setenv") return;
    // viper's BindEnv("jwt.secret", "JWT_SECRET") names the variable a key reads: no value there.
    // SetDefault("jwt.secret", "…") is the value used when neither the file nor the env sets it.
    bool viperDefault = name == "SetDefault" && calleeText(call, src).find('.') != std::string_view::npos;
    if (!viperDefault && (name.starts_with("Bind") || name.starts_with("Set"))) return;
    ts::Node args = callArguments(call);
    if (sec::positionalCount(args) != 2) return;
    ts::Node nameArg = sec::positionalArg(args, 0), def = sec::positionalArg(args, 1);
    auto var = stringLiteralValue(nameArg, src, Lang::Go);
    auto v = nonEmptyLiteral(def, ctx);
    if (!var || !v || !reportable(*var, *v)) return;
    auto& f = flag(ctx, call, *var, def);
    if (auto fix = requiredEnvFix(ctx.file(), call, std::string(*var))) f.fixes.push_back(std::move(*fix));
  }
};

}  // namespace

const Rule& secretEnvDefault() {
  static const SecretEnvDefault rule;
  return rule;
}

}  // namespace agentlens::rules
