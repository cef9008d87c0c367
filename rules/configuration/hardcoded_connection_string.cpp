// hardcoded-connection-string: database/cache/broker URLs and DSNs written into source code.
#include <algorithm>
#include <cctype>

#include "rules/common/externalize.hpp"
#include "rules/common/syntax.hpp"
#include "rules/common/urls.hpp"
#include "rules/configuration/connection_string_shapes.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;
using connstr::Candidate;
using connstr::classify;
using connstr::codeRelativeSqlite;
using connstr::isTemplated;

constexpr std::string_view kDocs = R"md(## What it does
Finds database, cache and message-broker connection strings written as literals: URLs with a
`postgres(ql)`, `mysql`, `mariadb`, `mongodb(+srv)`, `redis(s)`, `amqp(s)`, `mssql`/`sqlserver` or
`sqlite` scheme (SQLAlchemy's `dialect+driver://` included), libpq key/value DSNs
(`host=… password=…`), ADO.NET strings (`Server=…;Password=…`) and Go MySQL DSNs
(`user:pw@tcp(host:3306)/db`).

## Why is this bad?
The connection string is the one setting that must differ between a laptop, CI and production. In
code it ties the program to one database, and when it carries a password, everyone who can read
the repository can log in to that database. The Twelve-Factor App keeps it in the environment.

A SQLite URL built from the code's own directory and a file name written in the code
(`f"sqlite:///{os.path.join(base_dir, 'app.db')}"`, `` `sqlite://${path.join(__dirname, "app.db")}` ``)
is reported too: the database lives inside the deployed code tree. Templates that read the path
from the environment, a settings object or arguments are not.

Severity follows what leaks: a password for a non-local host is critical, any other non-local
host is high, and localhost, SQLite files and dev settings modules (`dev.py`, `local.py`,
`development.py`) are low. Not flagged: tests, scripts and CLIs (an interactive setup script that
writes the local Docker database URL into `.env` points at the developer's machine by design),
in-memory SQLite, scheme prefixes used in string
checks (`url.startswith("postgres://")`), templates (`"postgresql://{user}:{pw}@{host}/db"`,
f-strings, `%s`), fallbacks of environment reads (`os.getenv("X", …)`, `env("X", default=…)`,
viper `SetDefault("database.url", …)`; secret-env-default covers secret ones) and
documentation placeholders (`user:password@host/dbname`). The password is never printed.

## Example
```python
engine = create_engine("postgresql://shop:S3cr3t-pw@db.prod.internal:5432/shop")
```

Use instead:
```python
engine = create_engine(os.environ["DATABASE_URL"])
```

## Fix safety
"Externalize to environment variable" replaces the literal with a required lookup
(`os.environ["DATABASE_URL"]`, a `requiredEnv("DATABASE_URL")` helper in JavaScript, a `mustEnv`
helper in Go), adds the import or helper, and appends a redacted example
(`DATABASE_URL=postgresql://user:password@db.prod.internal:5432/shop`) to `.env.example`. Unsafe:
the program now needs the variable at start-up. Rotate a leaked password.

## References
- The Twelve-Factor App, III. Config
- gitleaks database rules; detect-secrets BasicAuthDetector; semgrep `detected-username-and-password-in-uri`
)md";

const RuleMeta kMeta{
    .id = "hardcoded-connection-string",
    .category = core::Category::Configuration,
    .severity = core::Severity::High,
    .confidence = core::Confidence::High,
    .languages = kAllCode,
    // Not scripts and CLIs: a local setup script writes the developer's local database URL by design.
    .roles = {core::FileRole::Server, core::FileRole::Library, core::FileRole::Config, core::FileRole::Migration},
    .summary = "Database or broker connection string hardcoded in source code",
    .docs = kDocs,
    .fix = core::Applicability::Unsafe,
    .mode = ScoreMode::Presence,
};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool isDevSettings(std::string_view path) {
  auto slash = path.find_last_of('/');
  std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  for (auto n : {"dev.py", "local.py", "development.py", "settings_dev.py", "settings_local.py", "local_settings.py",
                 "dev.ts", "dev.js", "development.ts", "development.js"})
    if (name == n) return true;
  return false;
}

/// True when the literal is the fallback of an environment read (`os.getenv("X", lit)`,
/// `env("X", default=lit)`, `process.env.X || lit`, `getEnv("X", lit)`, viper
/// `SetDefault("database.url", lit)`): secret-env-default and CFG2 judge those.
bool isEnvFallback(const RuleContext& ctx) {
  auto anc = ctx.ancestors();
  auto src = ctx.source();
  for (auto it = anc.rbegin(); it != anc.rend() && it - anc.rbegin() < 3; ++it) {
    auto t = it->type();
    if (t == "call" || t == "call_expression") {
      std::string callee = lower(calleeText(*it, src));
      // env("X", default="…") (django-environ), viper's SetDefault("database.url", "…")
      return callee.find("env") != std::string::npos || callee.ends_with("setdefault");
    }
    if (t == "keyword_argument" && it->field("name").text(src) == "default") continue;
    if (t == "binary_expression" || t == "boolean_operator") {
      auto left = it->field("left").text(src);
      return left.find("process.env") != std::string_view::npos || left.find("environ") != std::string_view::npos ||
             left.find("getenv") != std::string_view::npos;
    }
    if (t != "argument_list" && t != "arguments" && t != "parenthesized_expression") return false;
  }
  return false;
}

class HardcodedConnectionString final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Go) return {"interpreted_string_literal", "raw_string_literal"};
    if (lang == Lang::Python) return {"string"};
    return {"string", "template_string"};
  }

  void visit(ts::Node node, RuleContext& ctx) const override {
    if (ctx.facts().isTestOrGenerated()) return;
    auto src = ctx.source();
    auto value = stringLiteralValue(node, src, ctx.lang());
    bool sqliteTemplate = false;
    if (!value) {  // f-string / template literal: only the code-relative SQLite file shape
      core::ByteRange content = stringContentRange(node, src);
      if (content.end <= content.start) return;
      value = src.substr(content.start, content.end - content.start);
      sqliteTemplate = codeRelativeSqlite(*value);
      if (!sqliteTemplate) return;
    }
    if (value->size() < 8) return;
    if (!sqliteTemplate) sqliteTemplate = isTemplated(*value) && codeRelativeSqlite(*value);
    if (isTemplated(*value) && !sqliteTemplate) return;
    auto anc = ctx.ancestors();
    if (!anc.empty() && anc.back().type() == "expression_statement") return;  // docstring / bare string
    auto c = sqliteTemplate ? std::optional<Candidate>(Candidate{.display = "sqlite:///…", .sqlite = true}) : classify(*value);
    if (!c) return;
    if (isEnvFallback(ctx)) return;

    core::Severity sev = core::Severity::High;
    std::string why;
    if (c->sqlite) {
      sev = core::Severity::Low;
      why = sqliteTemplate ? ", a SQLite file inside the code directory (lost on every container deploy)"
                           : ", a SQLite file (lost on every container deploy)";
    } else if (isLoopback(c->host) || isDevSettings(ctx.file().path)) {
      sev = core::Severity::Low;
      why = ", pointing at this machine";
    } else if (c->realPassword) {
      sev = core::Severity::Critical;
      why = " with its password";
    }
    std::string name = deriveEnvName(ctx.file(), node, EnvValueKind::ConnectionString);
    core::Finding& f = ctx.report(node, "hardcoded connection string `" + c->display + "`" + why +
                                            ": read it from the environment variable " + name);
    f.severity = sev;
    if (c->pwLength > 0) {
      core::ByteRange content = stringContentRange(node, src);
      f.sensitive = core::ByteRange{content.start + static_cast<std::uint32_t>(c->pwOffset),
                                    content.start + static_cast<std::uint32_t>(c->pwOffset + c->pwLength)};
    }
    if (auto fix = externalizeFix(ctx.file(), node, EnvValueKind::ConnectionString, {name, false}))
      f.fixes.push_back(std::move(*fix));
  }
};

}  // namespace

const Rule& hardcodedConnectionString() {
  static const HardcodedConnectionString rule;
  return rule;
}

}  // namespace agentlens::rules
