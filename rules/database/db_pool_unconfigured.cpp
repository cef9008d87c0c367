// db-pool-unconfigured: connection pools left at defaults that break under production load.
#include "rules/common/imports.hpp"
#include "rules/common/syntax.hpp"
#include "rules/database/engine_factories.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds connection pools left at settings that fail in production:
- Go: a `sql.Open` / `sqlx.Open` / `sqlx.Connect` handle on which the file never calls
  `SetMaxOpenConns`, `SetMaxIdleConns` or `SetConnMaxLifetime`;
- Python: SQLAlchemy `create_engine(…)` for a server database without `pool_pre_ping=True` or
  `pool_recycle=…`; psycopg2 `SimpleConnectionPool` in server code; `asyncpg.create_pool(…)`
  without `command_timeout` (or a `statement_timeout` in `server_settings`).

## Why is this bad?
`database/sql` defaults to unlimited open connections and 2 idle ones: a traffic spike opens
hundreds of connections until the database refuses more, then every request fails. SQLAlchemy
hands out pooled connections that the server (or a proxy, or a failover) closed long ago, and the
request fails with "server closed the connection unexpectedly" / "connection already closed".
`SimpleConnectionPool` is not thread-safe, and threaded servers share it between threads.
asyncpg has no query timeout by default: one slow or locked query keeps its pooled connection
until the pool is exhausted.

Not flagged: SQLite URLs and drivers, engines created with `NullPool` (serverless), engines built
anew by a per-request session generator (connection-per-request reports those), and Node
`pg.Pool` (its defaults are sane).

## Example
```python
engine = create_engine(os.environ["DATABASE_URL"])
```

Use instead:
```python
engine = create_engine(os.environ["DATABASE_URL"], pool_pre_ping=True)
```

## Fix safety
`pool_pre_ping=True` only adds a cheap liveness check when a connection is checked out, and
`SimpleConnectionPool` → `ThreadedConnectionPool` keeps the same API: safe. The asyncpg fix adds
`command_timeout=30`: unsafe, queries that legitimately run longer now fail. The Go fix caps the
pool (25 open, 25 idle, 5 minutes lifetime): the numbers must fit your database's
`max_connections` across all replicas, so it is unsafe; review them.

## References
- Go `database/sql` docs: `DB.SetMaxOpenConns`, "Managing connections"
- SQLAlchemy docs: "Dealing with Disconnects", `pool_pre_ping`
- psycopg2 docs: `psycopg2.pool`
)md";

const RuleMeta kMeta{
    .id = "db-pool-unconfigured",
    .category = core::Category::Database,
    .severity = core::Severity::Low,
    .confidence = core::Confidence::Medium,
    .languages = {core::Lang::Python, core::Lang::Go},
    .summary = "Database connection pool left at defaults (unbounded, no liveness check)",
    .docs = kDocs,
    .fix = core::Applicability::Safe,
    .mode = ScoreMode::Presence,
    .planTitle = "Configure the database connection pool",
    .effort = core::Effort::XS,
};

bool mentionsSqlite(std::string_view s) { return s.find("sqlite") != std::string_view::npos; }

class DbPoolUnconfigured final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Python) return {"call"};
    return {"short_var_declaration", "assignment_statement", "var_spec"};
  }

  void visit(ts::Node node, RuleContext& ctx) const override {
    if (ctx.facts().isTestOrGenerated() || ctx.facts().role == core::FileRole::Migration) return;
    if (ctx.lang() == Lang::Python) python(node, ctx);
    else go(node, ctx);
  }

 private:
  static void python(ts::Node call, RuleContext& ctx) {
    auto src = ctx.source();
    auto name = calleeName(call, src);
    ts::Node args = call.field("arguments");
    if (!args) return;
    if (name == "SimpleConnectionPool") {
      if (ctx.facts().role != core::FileRole::Server) return;
      ts::Node fn = call.field("function");
      ts::Node id = fn.type() == "attribute" ? fn.field("attribute") : fn;
      auto& f = ctx.report(call, "`SimpleConnectionPool` is not thread-safe and this server shares it between threads: use `ThreadedConnectionPool`");
      core::Fix fix{.title = "Use ThreadedConnectionPool", .applicability = core::Applicability::Safe};
      core::TextEdit e;
      e.range = {id.startByte(), id.endByte()};
      e.text = "ThreadedConnectionPool";
      fix.edits.push_back(e);
      // `from psycopg2.pool import SimpleConnectionPool` must import the new name too.
      if (fn.type() == "identifier") {
        auto imp = src.find("import SimpleConnectionPool");
        if (imp == std::string_view::npos) return;
        core::TextEdit ie;
        ie.range = {static_cast<std::uint32_t>(imp + 7), static_cast<std::uint32_t>(imp + 7 + 20)};
        ie.text = "ThreadedConnectionPool";
        fix.edits.push_back(ie);
      }
      f.fixes.push_back(fix);
      return;
    }
    if (name == "create_pool" && calleeText(call, src) == "asyncpg.create_pool") return asyncpgPool(call, args, ctx);
    if (name != "create_engine" && name != "create_async_engine") return;
    if (args.namedChildCount() == 0) return;
    ts::Node url = args.namedChild(0);
    if (mentionsSqlite(url.text(src))) return;
    for (std::uint32_t i = 0; i < args.namedChildCount(); ++i) {
      ts::Node a = args.namedChild(i);
      if (a.type() == "dictionary_splat") return;  // settings come from elsewhere
      if (a.type() != "keyword_argument") continue;
      auto k = a.field("name").text(src);
      if (k == "pool_pre_ping" || k == "pool_recycle") return;
      if (k == "poolclass" && a.field("value").text(src).find("NullPool") != std::string_view::npos) return;
    }
    // An engine built per use (reported by connection-per-request) has no long-lived pool to ping.
    for (const auto& e : perUseEngines(ctx.file().tree.root(), src))
      if (e.creation == call) return;
    // A URL variable defined with a sqlite literal in this file.
    if (url.type() == "identifier" && mentionsSqlite(src) && src.find("postgres") == std::string_view::npos &&
        src.find("mysql") == std::string_view::npos)
      return;
    auto& f = ctx.report(call, "engine without `pool_pre_ping=True`: connections the database closed are handed out "
                               "and fail with \"connection already closed\"");
    core::Fix fix{.title = "Add `pool_pre_ping=True`", .applicability = core::Applicability::Safe};
    core::TextEdit e;
    ts::Node last = args.namedChild(args.namedChildCount() - 1);
    e.range = {last.endByte(), last.endByte()};
    e.text = ", pool_pre_ping=True";
    fix.edits.push_back(e);
    f.fixes.push_back(fix);
  }

  /// asyncpg pools default to no command timeout: a slow query holds a pooled connection forever.
  static void asyncpgPool(ts::Node call, ts::Node args, RuleContext& ctx) {
    auto src = ctx.source();
    for (std::uint32_t i = 0; i < args.namedChildCount(); ++i) {
      ts::Node a = args.namedChild(i);
      if (a.type() == "dictionary_splat") return;
      if (a.type() != "keyword_argument") continue;
      auto k = a.field("name").text(src);
      if (k == "command_timeout" && a.field("value").text(src) != "None") return;
      if (k == "server_settings" && a.field("value").text(src).find("statement_timeout") != std::string_view::npos)
        return;
    }
    auto& f = ctx.report(call, "asyncpg pool without `command_timeout` (or a `statement_timeout` server setting): a "
                               "slow query holds a pooled connection indefinitely");
    core::Fix fix{.title = "Add `command_timeout=30`", .applicability = core::Applicability::Unsafe};
    core::TextEdit e;
    ts::Node last = args.namedChild(args.namedChildCount() - 1);
    if (!last) return;
    e.range = {last.endByte(), last.endByte()};
    e.text = ", command_timeout=30";
    fix.edits.push_back(e);
    f.fixes.push_back(fix);
  }

  static void go(ts::Node decl, RuleContext& ctx) {
    auto src = ctx.source();
    ts::Node lhs = decl.type() == "var_spec" ? decl.field("name") : decl.field("left");
    ts::Node rhs = decl.type() == "var_spec" ? decl.field("value") : decl.field("right");
    if (!lhs || !rhs || rhs.namedChildCount() != 1) return;
    ts::Node call = rhs.namedChild(0);
    if (call.type() != "call_expression") return;
    auto callee = calleeText(call, src);
    if (callee != "sql.Open" && callee != "sqlx.Open" && callee != "sqlx.Connect") return;
    ts::Node args = call.field("arguments");
    if (!args || args.namedChildCount() == 0 || mentionsSqlite(args.namedChild(0).text(src))) return;
    std::string db(lhs.type() == "identifier" ? lhs.text(src) : lhs.namedChild(0).text(src));
    if (db == "_") return;
    // Configured anywhere in the file (often in a helper next to Open).
    for (auto m : {".SetMaxOpenConns(", ".SetConnMaxLifetime(", ".SetMaxIdleConns("})
      if (src.find(m) != std::string_view::npos) return;
    auto& f = ctx.report(call, "`" + std::string(callee) + "` pool is never sized: the default is unlimited open "
                               "connections; call `" + db + ".SetMaxOpenConns`, `SetMaxIdleConns` and `SetConnMaxLifetime`");
    if (decl.type() == "var_spec") return;  // package-level var: no statement to insert after
    std::string indent(lineIndent(src, decl.startByte()));
    core::Fix fix{.title = "Size the connection pool", .applicability = core::Applicability::Unsafe};
    fix.edits = goEnsureImport(ctx.file(), "time");
    core::TextEdit e = goInsertAfterErrCheck(decl, src, db + ".SetMaxOpenConns(25)");
    e.text += "\n" + indent + db + ".SetMaxIdleConns(25)\n" + indent + db + ".SetConnMaxLifetime(5 * time.Minute)";
    fix.edits.push_back(e);
    f.fixes.push_back(fix);
  }
};

}  // namespace

const Rule& dbPoolUnconfigured() {
  static const DbPoolUnconfigured rule;
  return rule;
}

}  // namespace agentlens::rules
