// sensitive-data-logged: passwords, tokens, keys, cookies and whole request headers/bodies
// passed to log or print calls.
#include <algorithm>

#include "rules/common/security.hpp"
#include "rules/common/syntax.hpp"
#include "rules/rule.hpp"
#include "rules/security/sensitive_hits.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds log and print calls whose arguments carry credentials or personal data: variables,
attributes, keyword arguments and dict/object keys named like a password, secret, token, API
key, authorization header, cookie, SSN, card number or CVV; whole request objects
(`request.headers`, `request.json`, `req.body`, `req.headers`, `r.Header`); structured
key/value pairs (`slog.Info("login", "password", pw)`); format strings that name a
secret right before a placeholder (`"token=%s"`); database connection strings (`DATABASE_URL`,
`dbURL`, `mongoUri`: they carry the password); and a headers object logged whole in code that
puts an Authorization header in it (`headers["Authorization"] = …` then `console.log(headers)`).
ORM statement logging switched on with a literal (GORM `db.LogMode(true)`, SQLAlchemy
`create_engine(url, echo=True)`) is reported too: every query goes to the log with its values.

Not flagged: logging only the presence or the name (`"token missing"`, `bool(token)`,
`token is None`, `len(token)`), masked or hashed values (`mask(t)`, `t[:4]`, `hash(t)`, also as
a field: `token=mask_token(t)`), words of a Go log message (zap's first argument, "login with
invalid password", is not a key), and LLM token counters (`max_tokens`, `token_count`, `tokens`). Also not: a connection string's host
(`u.Hostname()`, `u.Redacted()`), a bare `dsn` (SQLite's is a file path), one field of a headers
object, a response's headers, and headers in code that sets no Authorization header.

## Why is this bad?
Logs are copied to log stores, dashboards, support tickets and third-party services, kept for
months and readable by far more people than the database. A password or session token in a log
line is a credential leak that nobody notices.

## Example
```python
logger.info("login attempt for %s with %s", email, password)
```

Use instead:
```python
logger.info("login attempt for %s", email)
```

## Fix safety
Replaces a directly logged secret value with `"[REDACTED]"`. Unsafe only in the sense that the
log line carries less information; program behaviour is unchanged. Whole request objects have
no automatic fix: log the fields you need, or configure the logger's redaction (pino `redact`).

## References
- OWASP Logging Cheat Sheet (data to exclude); CWE-532
- CodeQL py/clear-text-logging-sensitive-data, js/clear-text-logging, go/clear-text-logging
)md";

const RuleMeta kMeta{
    .id = "sensitive-data-logged",
    .category = core::Category::Security,
    .severity = core::Severity::Medium,
    .confidence = core::Confidence::Medium,
    .languages = kAllCode,
    .summary = "Secret or personal data written to logs",
    .docs = kDocs,
    .fix = core::Applicability::Unsafe,
    .mode = ScoreMode::Presence,
};

/// A log or print call (Python logging/print, Go log/slog/zap/logrus/fmt.Print, JS console/loggers).
bool isLogCall(ts::Node call, std::string_view src, Lang lang) {
  std::string_view callee = calleeText(call, src);
  std::string_view name = calleeName(call, src);
  auto dot = callee.find_last_of('.');
  std::string obj = sec::lowerCopy(dot == std::string_view::npos ? "" : callee.substr(0, dot));
  bool logObj = obj.ends_with("log") || obj.ends_with("logger") || obj.ends_with("logging") ||
                obj.ends_with("console") || obj == "slog" || obj.ends_with("sugar") || obj.ends_with("zap.l()") ||
                obj.ends_with("logrus");
  if (lang == Lang::Python) {
    if (callee == "print") return true;
    static constexpr std::string_view kM[] = {"debug", "info", "warning", "warn", "error", "exception", "critical",
                                              "log", "msg", "fatal"};
    return logObj && std::find(std::begin(kM), std::end(kM), name) != std::end(kM);
  }
  if (lang == Lang::Go) {
    if (callee.starts_with("fmt.Print")) return true;
    std::string lname = sec::lowerCopy(name);
    return logObj && (lname.starts_with("print") || lname.starts_with("info") || lname.starts_with("error") ||
                      lname.starts_with("warn") || lname.starts_with("debug") || lname.starts_with("fatal") ||
                      lname.starts_with("panic") || lname == "log" || lname == "logattrs");
  }
  static constexpr std::string_view kM[] = {"log", "info", "warn", "error", "debug", "trace", "fatal"};
  return logObj && std::find(std::begin(kM), std::end(kM), name) != std::end(kM);
}

/// ORM statement logging switched on in code: GORM `db.LogMode(true)`, SQLAlchemy
/// `create_engine(…, echo=True)`. Every query is logged with its values. A test database helper
/// (`func TestDBInit()`, `def test_engine()`) is left alone; a value from configuration is not a literal.
std::optional<std::string> statementLogging(ts::Node call, const RuleContext& ctx) {
  auto src = ctx.source();
  std::string_view name = calleeName(call, src);
  ts::Node args = callArguments(call);
  if (!args) return std::nullopt;
  std::string what;
  if (ctx.lang() == Lang::Go && name == "LogMode" && sec::positionalCount(args) == 1 &&
      sec::positionalArg(args, 0).text(src) == "true")
    what = "`LogMode(true)`";
  if (ctx.lang() == Lang::Python && (name == "create_engine" || name == "create_async_engine") &&
      sec::isTrue(sec::keywordArg(args, "echo", src)))
    what = "`" + std::string(name) + "(…, echo=True)`";
  if (what.empty()) return std::nullopt;
  ts::Node fn = enclosingFunction(ctx);
  ts::Node fname = fn ? fn.field("name") : ts::Node();
  std::string lname = sec::lowerCopy(fname ? fname.text(src) : "");
  if (lname.starts_with("test") || lname.find("_test") != std::string::npos) return std::nullopt;
  return what + " logs every SQL statement with its values (emails, password hashes, tokens): enable it from "
                "configuration in development only";
}

class SensitiveDataLogged final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Python) return {"call"};
    return {"call_expression"};
  }

  void visit(ts::Node call, RuleContext& ctx) const override {
    if (ctx.facts().isTestOrGenerated()) return;
    auto src = ctx.source();
    if (auto msg = statementLogging(call, ctx)) {
      ctx.report(call, *msg);
      return;
    }
    if (!isLogCall(call, src, ctx.lang())) return;
    // A command-line tool printing a value to its user (a generated key, say) is its output.
    std::string_view callee = calleeText(call, src);
    bool stdoutPrint = callee == "print" || callee.starts_with("fmt.Print") || callee == "console.log";
    if (stdoutPrint && ctx.facts().role == core::FileRole::Script) return;
    ts::Node args = callArguments(call);
    if (!args) return;
    ts::Node at;
    sensitive::Hit hit;
    if (!sensitive::findSensitiveArgument(args, ctx, at, hit)) return;
    core::Finding& f = ctx.report(at, hit.message);
    if (hit.fixable) {
      core::Fix fix{.title = "Redact the value", .applicability = core::Applicability::Unsafe};
      fix.edits.push_back(sec::replaceNode(at, "\"[REDACTED]\""));
      f.fixes.push_back(std::move(fix));
    }
  }
};

}  // namespace

const Rule& sensitiveDataLogged() {
  static const SensitiveDataLogged rule;
  return rule;
}

}  // namespace agentlens::rules
