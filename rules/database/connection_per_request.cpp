// connection-per-request: a database connection, client or engine created inside a request
// handler (or a helper the handler calls), instead of once at startup.
#include <map>
#include <set>

#include "rules/common/web.hpp"
#include "rules/database/engine_factories.hpp"
#include "rules/common/syntax.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds database connections, clients and engines created while serving a request: inside a route
handler, or inside a function of the same file that a handler calls (one hop).
- Python: `psycopg2.connect`, `psycopg.connect`, `pymysql.connect`, `mysql.connector.connect`,
  `asyncpg.connect`, `sqlite3.connect`, `create_engine`, `MongoClient`, `redis.Redis`;
- JavaScript/TypeScript: `new Client()` (pg), `mysql.createConnection`, `new PrismaClient()`,
  `mongoose.connect`, `new MongoClient`, `new Redis()`;
- Go: `sql.Open`, `sqlx.Open`, `pgx.Connect`, `pgxpool.New`, `gorm.Open`, `mongo.Connect`,
  `redis.NewClient`.

## Why is this bad?
Opening a connection costs a TCP (often TLS) handshake and authentication: tens of milliseconds
on every request, and one server-side process per connection for PostgreSQL. Under load the
database hits `max_connections` and starts refusing everyone. An engine or pool created per
request is worse: each one is a new pool that is never reused. Create one pool or client at
startup and check connections out of it.

Not flagged: pool checkouts (`pool.connect()`, `pool.getconn()`, `engine.connect()`,
`db.Conn(ctx)`), module-level clients, lazily cached singletons (`globalThis.prisma ??= …`,
`if _engine is None:`, `sync.Once`, `@lru_cache`), scripts and CLIs, and tests.
Also flagged: a session generator (`def get_db(): … yield session`, the FastAPI dependency shape)
that builds a new SQLAlchemy engine each time, directly or through uncached helpers of the same
file (`get_session_local()` → `get_engine()` → `create_engine`); lifespan generators run once
and are not flagged. SQLite connections
are cheap and reported with low severity.

## Example
```python
@app.get("/orders")
def list_orders():
    conn = psycopg2.connect(os.environ["DATABASE_URL"])
    ...
```

Use instead:
```python
pool = ThreadedConnectionPool(1, 20, os.environ["DATABASE_URL"])

@app.get("/orders")
def list_orders():
    conn = pool.getconn()
    try:
        ...
    finally:
        pool.putconn(conn)
```

## References
- PostgreSQL docs: connection limits (`max_connections`); psycopg2 docs: `psycopg2.pool`
- Prisma docs: "Best practice for instantiating PrismaClient"
- Go `database/sql` docs: "Open … should be called just once"
)md";

const RuleMeta kMeta{
    .id = "connection-per-request",
    .category = core::Category::Database,
    .severity = core::Severity::High,
    .confidence = core::Confidence::High,
    .languages = kAllCode,
    .summary = "Database connection or client created on every request",
    .docs = kDocs,
    .fix = std::nullopt,
    .mode = ScoreMode::Density,
    .planTitle = "Reuse one connection pool instead of connecting per request",
    .effort = core::Effort::M,
};

struct Creation {
  ts::Node node;
  std::string what;
  bool sqlite = false;
};

struct State final : RuleState {
  std::vector<std::pair<Creation, std::string>> inHandlers;       // creation, handler name
  std::map<std::string, Creation> helpers;                        // function name -> creation
  std::vector<std::tuple<std::string, std::string, std::uint32_t>> handlerCalls;  // callee, handler, handler start
  std::set<std::uint32_t> dbHandlers;                             // handlers (start byte) that use the DB
};

constexpr std::string_view kPy[] = {"psycopg2.connect", "psycopg.connect", "pymysql.connect", "mysql.connector.connect",
                                    "asyncpg.connect", "sqlite3.connect", "create_engine", "create_async_engine",
                                    "MongoClient", "pymongo.MongoClient", "redis.Redis", "redis.StrictRedis",
                                    "redis.from_url", "MySQLdb.connect"};
constexpr std::string_view kGo[] = {"sql.Open", "sqlx.Open", "sqlx.Connect", "pgx.Connect", "pgxpool.New",
                                    "pgxpool.Connect", "gorm.Open", "mongo.Connect", "redis.NewClient"};

std::string verb(const std::string& what) {
  bool pool = what.find("engine") != std::string::npos || what.find("pool") != std::string::npos ||
              what == "sql.Open" || what == "sqlx.Open" || what == "gorm.Open";
  return pool ? "creates a new connection pool" : "opens a new connection";
}

bool dbish(std::string_view callee) {
  for (auto m : {".execute", ".cursor", ".query", ".Query", ".Exec", ".QueryRow", ".Find", ".First", ".session",
                 "prisma.", ".findMany", ".findUnique", ".find(", ".getconn", ".connect", ".Conn", ".Begin"})
    if (callee.find(m) != std::string_view::npos) return true;
  return false;
}

class ConnectionPerRequest final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::unique_ptr<RuleState> makeState() const override { return std::make_unique<State>(); }
  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Python) return {"call"};
    if (lang == Lang::Go) return {"call_expression"};
    return {"call_expression", "new_expression"};
  }

  void visit(ts::Node node, RuleContext& ctx) const override {
    const auto& facts = ctx.facts();
    if (facts.isTestOrGenerated() || facts.role == core::FileRole::Script || facts.role == core::FileRole::Migration)
      return;
    auto src = ctx.source();
    auto& st = ctx.state<State>();
    ts::Node handler = enclosingHandler(ctx).fn;
    std::string callee(node.type() == "new_expression" ? node.field("constructor").text(src) : calleeText(node, src));
    if (handler) {
      if (dbish(callee + (node.type() == "new_expression" ? "" : "(")) || dbish(callee)) st.dbHandlers.insert(handler.startByte());
      if (node.type() != "new_expression" && node.field("function").type() == "identifier")
        st.handlerCalls.emplace_back(callee, std::string(functionName(handler, src)), handler.startByte());
    }
    auto what = creation(node, callee, ctx);
    if (!what) return;
    ts::Node fn = enclosingFunction(ctx);
    if (!fn || cached(fn, ctx)) return;
    Creation c{node, *what, what->find("sqlite") != std::string::npos};
    if (handler) {
      st.dbHandlers.insert(handler.startByte());
      std::string name(functionName(handler, src));
      st.inHandlers.emplace_back(c, name.empty() ? "this handler" : "`" + name + "`");
    } else if (auto name = functionName(fn, src); !name.empty()) {
      st.helpers.emplace(std::string(name), c);
    }
  }

  void finish(RuleContext& ctx) const override {
    auto& st = ctx.state<State>();
    std::set<std::uint32_t> reported;
    for (auto& [c, handler] : st.inHandlers) {
      auto& f = ctx.report(c.node, "`" + c.what + "` " + verb(c.what) + " on every request in " + handler +
                                       ": create one pool or client at startup and reuse it");
      if (c.sqlite) f.severity = core::Severity::Low;
    }
    for (auto& [callee, handler, start] : st.handlerCalls) {
      auto it = st.helpers.find(callee);
      if (it == st.helpers.end()) continue;
      st.dbHandlers.insert(start);
      if (!reported.insert(it->second.node.startByte()).second) continue;
      auto& f = ctx.report(it->second.node, "`" + it->second.what + "` in `" + callee +
                                                "()` " + verb(it->second.what) + " on every request (called from handler `" +
                                                handler + "`): create one pool or client at startup and reuse it");
      if (it->second.sqlite) f.severity = core::Severity::Low;
    }
    const auto& facts = ctx.facts();
    bool requestCode = !facts.isTestOrGenerated() && facts.role != core::FileRole::Script &&
                       facts.role != core::FileRole::Migration;
    if (ctx.lang() == Lang::Python && requestCode) reportPerUseEngines(ctx, reported);
    ctx.countSite(static_cast<std::uint32_t>(st.dbHandlers.size()));
  }

 private:
  /// A session generator (`def get_db(): ... yield session`) that builds a new engine each time.
  static void reportPerUseEngines(RuleContext& ctx, std::set<std::uint32_t>& reported) {
    for (const auto& e : perUseEngines(ctx.file().tree.root(), ctx.source())) {
      if (!reported.insert(e.creation.startByte()).second) continue;
      ctx.report(e.call, "`" + e.generator + "()` builds a new engine (`" + e.chain +
                             "`) every time it yields a session, i.e. per request: each engine is a new pool "
                             "that is never reused or disposed; create the engine once at module level");
    }
  }

  static std::optional<std::string> creation(ts::Node node, const std::string& callee, RuleContext& ctx) {
    if (ctx.lang() == Lang::Python) {
      for (auto c : kPy)
        if (callee == c || (callee.ends_with("." + std::string(c)))) return callee;
      if (callee == "Redis" || callee == "StrictRedis") return callee;
      return std::nullopt;
    }
    if (ctx.lang() == Lang::Go) {
      for (auto c : kGo)
        if (callee == c) return callee;
      return std::nullopt;
    }
    const auto& facts = ctx.facts();
    if (node.type() == "new_expression") {
      if (callee == "PrismaClient" || callee == "MongoClient" || callee == "pg.Client") return "new " + callee + "()";
      if (callee == "Client" && (facts.imports_("pg") || facts.imports_("postgres"))) return "new Client()";
      if (callee == "Redis" && facts.imports_("ioredis")) return "new Redis()";
      return std::nullopt;
    }
    if (callee == "mongoose.connect" || callee == "mongoose.createConnection") return callee;
    if (callee.ends_with(".createConnection") && (facts.imports_("mysql") || facts.imports_("mysql2") ||
                                                  facts.imports_("mysql2/promise")))
      return callee;
    return std::nullopt;
  }

  /// Lazily cached singletons: a guard, `??=`, a module-level cache, sync.Once, @lru_cache.
  static bool cached(ts::Node fn, RuleContext& ctx) {
    auto src = ctx.source();
    auto anc = ctx.ancestors();
    for (std::size_t i = anc.size(); i-- > 0;) {
      ts::Node a = anc[i];
      if (a == fn) break;
      auto t = a.type();
      if (t == "if_statement") {
        // Lazy init guard: `if _engine is None:`, `if (!client)`, `if db == nil`.
        auto cond = a.field("condition").text(src);
        for (auto g : {"None", "not ", "!", "nil", "undefined", "null"})
          if (cond.find(g) != std::string_view::npos) return true;
      }
      if (t == "augmented_assignment_expression" || t == "assignment_expression") {
        auto left = a.field("left").text(src);
        if (left.starts_with("globalThis.") || left.starts_with("global.") || a.text(src).find("?\?=") != std::string_view::npos ||
            a.text(src).find("||=") != std::string_view::npos)
          return true;
      }
      if (t == "binary_expression" && (a.text(src).find("?\?") != std::string_view::npos)) return true;
    }
    auto body = fn.text(src);
    if (ctx.lang() == Lang::Python) {
      if (body.find("global ") != std::string_view::npos) return true;
      for (std::size_t i = anc.size(); i-- > 0;)
        if (anc[i] == fn && i > 0 && anc[i - 1].type() == "decorated_definition") {
          auto deco = anc[i - 1].text(src).substr(0, fn.startByte() - anc[i - 1].startByte());
          if (deco.find("cache") != std::string_view::npos) return true;
        }
    }
    if (ctx.lang() == Lang::Go && body.find(".Do(func") != std::string_view::npos) return true;
    return false;
  }
};

}  // namespace

const Rule& connectionPerRequest() {
  static const ConnectionPerRequest rule;
  return rule;
}

}  // namespace agentlens::rules
