// hardcoded-connection-string: database/cache/broker URLs and DSNs written into source code.
#include <algorithm>
#include <cctype>

#include "rules/common/externalize.hpp"
#include "rules/common/syntax.hpp"
#include "rules/common/urls.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

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

bool isPlaceholderSecret(std::string_view pw, std::string_view user) {
  std::string p = lower(pw);
  if (p.empty() || p == lower(user)) return true;
  for (auto w : {"password", "pass", "passwd", "pwd", "secret", "changeme", "change-me", "postgres", "root", "example",
                 "test", "mysql", "redis", "guest", "admin", "pw"})
    if (p == w) return true;
  return p.find_first_not_of("x*.") == std::string::npos || p.front() == '<' || p.front() == '$' || p.front() == '{';
}

/// What a candidate literal is, and where its password sits inside the value.
struct Candidate {
  std::string display;  ///< scheme://host[:port][/path], no credentials
  std::string host;
  bool sqlite = false;
  std::size_t pwOffset = 0, pwLength = 0;
  bool realPassword = false;
};

std::optional<Candidate> classify(std::string_view v) {
  auto sep = v.find("://");
  if (sep != std::string_view::npos) {
    std::string scheme = lower(v.substr(0, sep));
    std::string base = scheme.substr(0, scheme.find('+'));
    static constexpr std::string_view kSchemes[] = {"postgres", "postgresql", "mysql", "mariadb", "mongodb",
                                                    "redis", "rediss", "amqp", "amqps", "mssql", "sqlserver",
                                                    "cockroachdb", "sqlite", "oracle", "clickhouse"};
    if (std::find(std::begin(kSchemes), std::end(kSchemes), base) == std::end(kSchemes)) return std::nullopt;
    UrlParts u = parseUrl(v);
    Candidate c;
    if (base == "sqlite") {
      std::string_view path = v.substr(sep + 3);
      if (path.empty() || path == "/" || path.find(":memory:") != std::string_view::npos) return std::nullopt;
      c.sqlite = true;
      c.display = std::string(v.substr(0, std::min<std::size_t>(v.size(), 60)));
      return c;
    }
    if (u.host.empty() || isPlaceholderHost(u.host)) return std::nullopt;
    c.host = u.host;
    c.display = scheme + "://" + u.host + (u.port.empty() ? "" : ":" + u.port) + u.path;
    auto colon = u.userinfo.find(':');
    if (colon != std::string::npos) {
      std::string_view pw = std::string_view(u.userinfo).substr(colon + 1);
      std::string_view user = std::string_view(u.userinfo).substr(0, colon);
      c.pwOffset = sep + 3 + colon + 1;
      c.pwLength = pw.size();
      c.realPassword = !isPlaceholderSecret(pw, user);
    }
    return c;
  }
  std::string l = lower(v);
  // key=value DSNs: libpq ("host=db user=app password=…"), ADO.NET ("Server=db;Password=…").
  bool libpq = l.starts_with("host=") || l.starts_with("dbname=") || l.starts_with("user=") ||
               (l.find(" host=") != std::string::npos && l.find("dbname=") != std::string::npos);
  libpq = libpq && l.find("host=") != std::string::npos &&
          (l.find("dbname=") != std::string::npos || l.find("password=") != std::string::npos);
  bool ado = (l.starts_with("server=") || l.starts_with("data source=")) && l.find(';') != std::string::npos &&
             (l.find("password=") != std::string::npos || l.find("database=") != std::string::npos ||
              l.find("initial catalog=") != std::string::npos);
  if (libpq || ado) {
    Candidate c;
    const char* seps = ado ? ";" : " ";
    for (std::size_t pos = 0; pos < l.size();) {
      auto eq = l.find('=', pos);
      if (eq == std::string::npos) break;
      std::size_t ks = l.find_last_of(seps, eq);
      ks = ks == std::string::npos ? 0 : ks + 1;
      std::string key = l.substr(ks, eq - ks);
      while (!key.empty() && key.front() == ' ') key.erase(0, 1);
      std::size_t ve = l.find_first_of(seps, eq + 1);
      if (ve == std::string::npos) ve = l.size();
      std::string_view val = v.substr(eq + 1, ve - eq - 1);
      if (key == "host" || key == "server" || key == "data source") c.host = lower(val);
      if (key == "password" || key == "pwd") {
        c.pwOffset = eq + 1;
        c.pwLength = val.size();
        c.realPassword = !isPlaceholderSecret(val, "");
      }
      pos = ve + 1;
    }
    if (c.host.empty() || isPlaceholderHost(c.host)) return std::nullopt;
    c.display = std::string(ado ? "Server=" : "host=") + c.host;
    return c;
  }
  // Go MySQL driver DSN: user:password@tcp(host:3306)/db
  auto at = v.find("@tcp(");
  if (at == std::string_view::npos) at = v.find("@unix(");
  if (at != std::string_view::npos && v.find(' ') == std::string_view::npos) {
    Candidate c;
    auto open = v.find('(', at);
    auto close = v.find(')', open);
    if (close == std::string_view::npos) return std::nullopt;
    std::string hp(v.substr(open + 1, close - open - 1));
    c.host = lower(hp.substr(0, hp.rfind(':')));
    c.display = "mysql " + std::string(v.substr(at + 1));
    auto colon = v.find(':');
    if (colon != std::string_view::npos && colon < at) {
      c.pwOffset = colon + 1;
      c.pwLength = at - colon - 1;
      c.realPassword = !isPlaceholderSecret(v.substr(colon + 1, at - colon - 1), v.substr(0, colon));
    }
    return c;
  }
  return std::nullopt;
}

bool isTemplated(std::string_view v) {
  return v.find('{') != std::string_view::npos || v.find("%s") != std::string_view::npos ||
         v.find("%(") != std::string_view::npos || v.find("%v") != std::string_view::npos ||
         v.find('<') != std::string_view::npos || v.find("${") != std::string_view::npos;
}

/// A templated SQLite URL whose file name is written in the code and whose directory is computed
/// from the code's location (`f"sqlite:///{os.path.join(base_dir, 'app.db')}"`), not read from the
/// environment or a settings object.
bool codeRelativeSqlite(std::string_view v) {
  std::string l = lower(v);
  if (!l.starts_with("sqlite:///")) return false;
  bool file = false;
  for (auto ext : {".db", ".sqlite", ".sqlite3"})
    for (auto at = l.find(ext); at != std::string::npos; at = l.find(ext, at + 1)) {
      char next = at + std::string_view(ext).size() < l.size() ? l[at + std::string_view(ext).size()] : '\0';
      if (next == '\0' || next == '"' || next == '\'' || next == '}' || next == ')' || next == '`') file = true;
    }
  if (!file) return false;
  for (auto cfg : {"env", "setting", "config", "conf.", "argv", "args", "path_from", "db_path", "database_path"})
    if (l.find(cfg) != std::string::npos) return false;
  return true;
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
