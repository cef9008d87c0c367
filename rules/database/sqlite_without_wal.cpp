// sqlite-without-wal: a Django settings module that runs on SQLite with the default rollback
// journal and deferred transactions (no WAL, no IMMEDIATE): concurrent writers hit
// "database is locked".
#include <string>

#include "rules/common/syntax.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds Django `DATABASES` entries with `"ENGINE": "django.db.backends.sqlite3"` in a settings
module that is not a development or test module (`dev.py`, `local.py`, `test.py`, …) when
nothing in the file turns on WAL (`PRAGMA journal_mode=WAL` through `OPTIONS["init_command"]` or a
`connection_created` hook) or `OPTIONS["transaction_mode"] = "IMMEDIATE"`.

Not flagged: SQLite chosen only in a branch (`… if DEBUG else …`, inside an `if`), development
and test settings, other engines.

## Why is this bad?
With the default rollback journal a writer blocks every reader, and deferred transactions that
upgrade to a write lock fail immediately with "database is locked" instead of waiting. As soon as
the app runs several workers (gunicorn, granian, uvicorn `--workers`) or a background process
writes to the same file, requests start failing under modest load.

## Example
```python
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3"}}
```

Use instead:
```python
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "db.sqlite3",
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
    }
}
```

## References
- Django docs: databases, SQLite notes ("Database is locked" errors, `transaction_mode`, `init_command`)
- SQLite docs: Write-Ahead Logging
)md";

const RuleMeta kMeta{
    .id = "sqlite-without-wal",
    .category = core::Category::Database,
    .severity = core::Severity::Low,
    .confidence = core::Confidence::Medium,
    .languages = {Lang::Python},
    .summary = "Django on SQLite without WAL or IMMEDIATE transactions: concurrent writers get 'database is locked'",
    .docs = kDocs,
    .mode = ScoreMode::Presence,
};

bool devOrTestSettings(std::string_view path) {
  auto slash = path.rfind('/');
  auto name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  for (std::string_view n : {"dev.py", "local.py", "development.py", "test.py", "tests.py", "testing.py", "ci.py",
                             "settings_dev.py", "settings_local.py", "settings_test.py", "local_settings.py"})
    if (name == n) return true;
  return path.find("/tests/") != std::string_view::npos;
}

class SqliteWithoutWal final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::vector<std::string_view> nodeTypes(Lang) const override { return {"pair"}; }

  void visit(ts::Node pair, RuleContext& ctx) const override {
    if (ctx.facts().isTestOrGenerated() || devOrTestSettings(ctx.file().path)) return;
    auto src = ctx.source();
    auto key = stringLiteralValue(pair.field("key"), src, Lang::Python);
    auto value = stringLiteralValue(pair.field("value"), src, Lang::Python);
    if (!key || !value || *key != "ENGINE" || *value != "django.db.backends.sqlite3") return;
    for (std::string_view w : {"journal_mode", "transaction_mode", "IMMEDIATE"})
      if (src.find(w) != std::string_view::npos) return;
    bool databases = false;
    for (ts::Node a : ctx.ancestors()) {
      auto t = a.type();
      if (t == "conditional_expression" || t == "if_statement" || t == "function_definition") return;
      if (t == "assignment" && a.field("left").text(src).find("DATABASES") != std::string_view::npos) databases = true;
    }
    if (!databases) return;
    ctx.report(pair, "SQLite with the default rollback journal and deferred transactions: with several workers or a "
                     "background writer, requests fail with \"database is locked\"; set OPTIONS init_command "
                     "\"PRAGMA journal_mode=WAL\" and transaction_mode \"IMMEDIATE\" (or use a server database)");
  }
};

}  // namespace

const Rule& sqliteWithoutWal() {
  static const SqliteWithoutWal rule;
  return rule;
}

}  // namespace agentlens::rules
