// hardcoded-secret: provider keys, private keys and credential-named literals in source code.
#include <algorithm>
#include <cctype>

#include "rules/common/externalize.hpp"
#include "rules/common/imports.hpp"
#include "rules/common/secrets.hpp"
#include "rules/common/security.hpp"
#include "rules/common/syntax.hpp"
#include "rules/security/hardcoded_secret_config.hpp"
#include "rules/security/hardcoded_secret_report.hpp"
#include "rules/security/hardcoded_secret_shapes.hpp"
#include "rules/security/hardcoded_secret_sinks.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;
using secretreport::addEnvFix;
using secretreport::bindingName;
using secretreport::envNameFor;
using secretreport::reportBinding;

constexpr std::string_view kDocs = R"md(## What it does
Finds credentials written into source code: provider keys recognised by their prefix and shape
(AWS, GitHub, GitLab, Slack, Stripe, OpenAI, Anthropic, Google, SendGrid, npm, PEM private keys,
Django's generated `django-insecure-` key, …), string literals bound to credential-like names
(`password`, `secret`, `token`, `api_key`, `client_secret`, …) whose value looks generated, and
literals passed to framework secret sinks (Flask `secret_key`, Django `SECRET_KEY`, `jwt.encode`,
`jwt.sign`, jose `sign(new TextEncoder().encode("…"))`/`sign(Buffer.from("…"))`/`jwtVerify`,
`express-session`'s `secret`), also through one local bound once (`key = "…"` then
`jwt.encode(p, key)`, `connect(password=p)`, `session({ secret: s })`). A credential-named literal that signs tokens in the same
file (Go `var jwtKey = []byte("…")`, a `const` later passed to `[]byte(…)`, `SignedString`,
`jwt.sign`/`jwt.encode`) is reported whatever it looks like (a phrase, low entropy), and so is a
literal compared with a credential name (`password == "…"`, `apiKey === "…"`), and a literal
given to a password hasher (`generate_password_hash("admin123")`, `bcrypt.hash("…", 10)`) outside
seed and maintenance scripts: an account created at start-up with a known password. Configuration files are scanned too: YAML, JSON,
TOML, `.env`, and INI-style files (`alembic.ini`, `setup.cfg`, `tox.ini`, app `*.ini`/`*.cfg`).
The value is never printed in full: at most its first 4 characters appear in any output.

## Why is this bad?
Anything committed is readable by everyone with access to the repository, its forks, CI logs and
backups, forever: removing it later does not un-leak it. Keys in code also cannot differ between
environments or be rotated without a deploy.

Not flagged: placeholders (`changeme`, `your-api-key`, `<token>`, `${VAR}`), configparser
interpolations (`%(here)s`, `%(DB_PASSWORD)s`), environment variable
names, values equal to their key, header names, URLs, dotted import paths
(`rest_framework_simplejwt.serializers.TokenObtainPairSerializer`), UUIDs, password hashes and
low-entropy strings; names where `auth` qualifies another word (`authFailure`); in example files,
values in plain words that say what goes there (`email-server-password`); sample payloads under
OpenAPI `example:` keys; an access key id in a docstring; settings inside a CI-only branch
(`if os.environ.get("GITHUB_WORKFLOW"):`). In tests, fixture values bound to credential names
(`password: "Password123!"`, a test's JWT key) are not flagged: only provider-shaped keys and
private keys are, at low severity. Publishable keys (`pk_live_…`) are info. A `SECRET_KEY` in a
split-settings base module (`settings/base.py`) whose sibling `production.py` sets its own is
still reported, at medium confidence (it does not gate the score), when an entry point loads
the base settings; not when every `wsgi.py`/`asgi.py` defaults to another module.

Development set-up is not flagged: values in a development config file (`config/development.yaml`,
`settings.local.json`; provider keys still are), database container passwords in a local compose
file (`POSTGRES_PASSWORD` in `docker-compose.yml`; the service's own `JWT_SECRET` there still is),
a database password equal to the one the local compose or example env file gives the development
database, private keys in tests, and the passwords of demo users in seed scripts (an administrator
account a seed creates — `admin_password`, `is_admin=True`, `role: "admin"` — still is). Files that
deploy (Helm `values.yaml`, `docker-stack.yml`, `docker-compose.prod.yml`) are the reverse: a
signing key or database password there is what every install runs with, so well-known and
placeholder-like values (`postgres`, `your-secret-key-change-in-production`) are flagged too.

## Example
```python
STRIPE_KEY = "sk_live_51H8xQ2eZvKYlo2C8Nv3mR7tY"
```

Use instead:
```python
STRIPE_KEY = os.environ["STRIPE_KEY"]
```

## Fix safety
Replaces the literal with a required environment lookup (`os.environ["NAME"]`, `process.env.NAME`,
`os.Getenv("NAME")`), adds the import and appends `NAME=` (never the value) to `.env.example`.
Unsafe: the program now needs the variable set at start-up. Rotate the leaked key: the fix cannot
un-publish it.

## References
- gitleaks, detect-secrets, Ruff S105–S107, Bandit B105–B107, gosec G101
- The Twelve-Factor App, III. Config
)md";

const RuleMeta kMeta{
    .id = "hardcoded-secret",
    .category = core::Category::Security,
    .severity = core::Severity::Critical,
    .confidence = core::Confidence::High,
    .languages = {Lang::Python, Lang::JavaScript, Lang::TypeScript, Lang::Tsx, Lang::Go, Lang::Yaml, Lang::Json,
                  Lang::Toml, Lang::DotEnv, Lang::Ini},
    .summary = "Credential or API key hardcoded in source code",
    .docs = kDocs,
    .fix = core::Applicability::Unsafe,
    .mode = ScoreMode::Presence,
    .gate = true,
    .planTitle = "Secrets out of code",
};

using secretreport::State;

class HardcodedSecret final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::unique_ptr<RuleState> makeState() const override { return std::make_unique<State>(); }

  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    switch (lang) {
      case Lang::Python:
        return {"assignment", "keyword_argument", "pair", "default_parameter", "typed_default_parameter", "string",
                "call", "comparison_operator"};
      case Lang::Go:
        return {"const_spec", "var_spec", "short_var_declaration", "assignment_statement", "keyed_element",
                "interpreted_string_literal", "raw_string_literal", "binary_expression", "call_expression"};
      default:
        return {"variable_declarator", "assignment_expression", "pair", "public_field_definition",
                "assignment_pattern", "string", "template_string", "call_expression", "binary_expression"};
    }
  }

  /// Configuration files (YAML, JSON, TOML, INI, .env) have no syntax tree: a line scanner reads
  /// `key: value`, `key = value`, `KEY=value` and `"key": "value"` forms.
  void finish(RuleContext& ctx) const override {
    if (!core::hasGrammar(ctx.lang())) scanConfigForSecrets(ctx);
  }

  void visit(ts::Node node, RuleContext& ctx) const override {
    if (ctx.facts().role == core::FileRole::Generated) return;
    auto type = node.type();
    if (type == "string" || type == "template_string" || type == "interpreted_string_literal" ||
        type == "raw_string_literal") {
      literal(node, ctx);
      return;
    }
    if (type == "call" || type == "call_expression") {
      secretsinks::sinkCall(node, ctx);
      return;
    }
    if (type == "comparison_operator" || type == "binary_expression") {
      secretsinks::comparison(node, ctx);
      return;
    }
    binding(node, ctx);
  }

 private:
  // A provider key anywhere in a string literal.
  static void literal(ts::Node str, RuleContext& ctx) {
    auto& st = ctx.state<State>();
    if (std::find(st.reported.begin(), st.reported.end(), str.startByte()) != st.reported.end()) return;
    auto src = ctx.source();
    core::ByteRange content = stringContentRange(str, src);
    std::string_view text = src.substr(content.start, content.end - content.start);
    auto m = secrets::findProviderKey(text);
    if (!m) return;
    // An access key id alone names a key (the secret half signs); in a docstring it shows the
    // shape of a request, as AWS's own documentation does.
    if (m->provider.ends_with("key id") && isDocstring(ctx)) return;
    // A private key in a test is the fixture of a TLS or signing test (a key made for it, paired
    // with the certificate beside it); provider keys work wherever they leak and stay reported.
    if (m->provider == "private key (PEM)" && ctx.facts().role == core::FileRole::Test) return;
    std::string_view key = text.substr(m->offset, m->length);
    core::ByteRange keyRange{content.start + static_cast<std::uint32_t>(m->offset),
                             content.start + static_cast<std::uint32_t>(m->offset + m->length)};
    core::Finding& f = ctx.report(str, std::string(m->provider) + " hardcoded (`" + core::maskSecret(key) +
                                           "`): move it to the environment and rotate it");
    f.sensitive = keyRange;
    if (m->publishable) {
      f.severity = core::Severity::Info;
      f.message = std::string(m->provider) + " in code (`" + core::maskSecret(key) +
                  "`): publishable keys are meant to be public, but keep them in configuration";
    } else if (m->provider == "Google API key" && ctx.facts().role == core::FileRole::Frontend) {
      // Firebase web config: the key identifies the project and ships to every browser.
      f.severity = core::Severity::Info;
      f.message = "Google API key in front-end code (`" + core::maskSecret(key) +
                  "`): browser keys are public by design; restrict it by HTTP referrer and API in the console";
      return;
    } else if (ctx.facts().role == core::FileRole::Test) {
      f.severity = core::Severity::Low;
    } else if (m->provider == "JSON Web Token") {
      f.severity = core::Severity::High;
    }
    // The binding name, when the literal is the whole value of one, names the variable.
    if (!m->publishable && m->offset == 0 && m->length == text.size()) {
      std::string name = secretreport::bindingNameFor(ctx);
      if (name.empty()) name = secretreport::envNameForProvider(m->provider);
      addEnvFix(f, ctx, str, name);
    }
  }

  /// A Python string that is a statement of its own: a docstring.
  static bool isDocstring(const RuleContext& ctx) {
    return ctx.lang() == Lang::Python && !ctx.ancestors().empty() &&
           ctx.ancestors().back().type() == "expression_statement";
  }

  static void binding(ts::Node node, RuleContext& ctx) {
    auto src = ctx.source();
    auto type = node.type();
    auto [nameNode, valueNode] = secretshapes::bindingParts(node);
    if (!nameNode || !valueNode) return;
    // Go `[]byte("…")`: the usual shape of an HMAC / JWT signing key.
    bool byteKey = false;
    if (ts::Node lit = ctx.lang() == Lang::Go ? secretshapes::byteSliceLiteral(valueNode, src) : ts::Node()) {
      valueNode = lit;
      byteKey = true;
    }
    std::string name = bindingName(nameNode, src, ctx.lang());
    if (name.empty()) return;
    // One local in between (`p = "…"; connect(password=p)`), for credential names only: the walk costs.
    if (valueNode.type() == "identifier" && type != "assignment_pattern" &&
        (secrets::isCredentialName(name) || secrets::isSigningKeyName(name)))
      if (ts::Node lit = secretsinks::localStringBinding(valueNode, ctx)) valueNode = lit;
    auto value = stringLiteralValue(valueNode, src, ctx.lang());
    if (!value) return;

    // Framework sinks flagged regardless of entropy: SECRET_KEY / app.secret_key / config["SECRET_KEY"].
    std::string_view full = nameNode.text(src);
    bool sink = name == "SECRET_KEY" || name == "secret_key" || full == "app.secret_key" ||
                (full.find("config[") != std::string_view::npos && name == "SECRET_KEY") ||
                (type == "pair" && name == "secret" && secretshapes::inSessionCall(ctx));
    if (secrets::findProviderKey(*value)) return;  // the literal walk reports it as a provider key
    // In tests a value bound to a credential name is a fixture (`password: "Password123!"` logs a
    // test user in), and a CI-only branch configures throwaway service containers: only
    // provider-shaped keys, which work anywhere they leak, are reported there.
    if (ctx.facts().role == core::FileRole::Test || secretshapes::inCiOnlyBranch(ctx)) return;
    // A credential-named literal that signs tokens or sessions in this file (`[]byte(KEY)`,
    // `jwt.sign(p, KEY)`): whatever it looks like, it is the key.
    // Its look (a phrase, low entropy) does not matter then; a placeholder still says "fill me in".
    bool keyName = secrets::isCredentialName(name) || secrets::isSigningKeyName(name);
    if (!sink && keyName && (byteKey || secretshapes::usedAsSigningKey(name, src))) {
      auto why = secrets::notASecret(name, *value);
      sink = !why || *why == "low entropy" || *why == "prose, not a credential" || *why == "too short" ||
             *why == "a word (label or translation)" || *why == "the key's own name";
      if (value->size() < 6) sink = false;
    }
    if (sink) {
      if (secrets::isTemplated(*value)) return;
      reportBinding(ctx, valueNode, "`" + name + "`", envNameFor(name), true);
      return;
    }
    if (!secrets::isCredentialName(name)) return;
    if (secrets::notASecret(name, *value)) return;
    // A seed or maintenance script creates demo data: its users' passwords are development
    // set-up, unless the account it creates is an administrator (the default admin of every
    // deployment the script is run against).
    if (ctx.facts().role == core::FileRole::Script && !secretshapes::createsPrivilegedAccount(ctx, name)) return;
    reportBinding(ctx, valueNode, "`" + name + "`", envNameFor(name), false);
  }
};

}  // namespace

const Rule& hardcodedSecret() {
  static const HardcodedSecret rule;
  return rule;
}

}  // namespace agentlens::rules
