// hardcoded-operational-limit: pool sizes, client timeouts and worker counts written as literals.
#include <algorithm>
#include <cctype>

#include "rules/common/externalize.hpp"
#include "rules/common/syntax.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds numeric literals for the knobs operators turn under load, where a connection pool or a
server is configured: SQLAlchemy `create_engine(pool_size=…, max_overflow=…, pool_recycle=…,
pool_timeout=…)`, `asyncpg.create_pool(max_size=…)`, Redis `max_connections=`, MongoDB
`maxPoolSize`, `uvicorn.run(workers=…)`; node-postgres `new Pool({ max, idleTimeoutMillis,
connectionTimeoutMillis })`, mysql `connectionLimit`, Sequelize `pool: { max, … }`; Go
`db.SetMaxOpenConns(25)`, `SetMaxIdleConns`, `SetConnMaxLifetime` and pgx `MaxConns`.

## Why is this bad?
"10 database connections" is right for one load and one database size.
When production needs other values, a literal means a code change and a deploy instead of a
configuration change. This is an info-level hint and is not scored.

Not flagged: values held in a named constant (`DEFAULT_TIMEOUT = 10` is a decision someone
named), HTTP client timeouts (`requests.get(url, timeout=10)`, `httpx.Client(timeout=5)`,
`axios.create({ timeout })`, `&http.Client{Timeout: …}` — exactly what
outbound-call-without-timeout asks for, so flagging them would contradict its fix), server-side
timeouts, client socket timeouts (Redis `socket_timeout=5` is a sane constant, not a capacity
knob), pool sizes of a SQLite file database (Go `gorm.Open("sqlite3", …)` then
`SetMaxIdleConns`: there is no database server whose load it is sized for), tests, and test
helpers in application files (Go `func TestDB() *gorm.DB`, Python
`def test_db()`: a name no production code path calls).

## Example
```python
engine = create_engine(DATABASE_URL, pool_size=10)
```

Use instead:
```python
engine = create_engine(DATABASE_URL, pool_size=int(os.environ.get("DB_POOL_SIZE", "10")))
```

## Fix safety
"Externalize to environment variable" keeps the literal as the default
(`int(os.environ.get("DB_POOL_SIZE", "10"))`, `Number(process.env.DB_POOL_MAX) || 20`,
`envInt("DB_MAX_OPEN_CONNS", 25)` with a helper added once per Go file) and appends the variable
with its current value to `.env.example`. Unsafe only in that a variable of that name, if already
set, now takes effect.

## References
- The Twelve-Factor App, III. Config
- SQLAlchemy pooling, node-postgres Pool and Go database/sql connection-pool documentation
)md";

const RuleMeta kMeta{
    .id = "hardcoded-operational-limit",
    .category = core::Category::Configuration,
    .severity = core::Severity::Info,
    .confidence = core::Confidence::Medium,
    .languages = kAllCode,
    .summary = "Pool size, client timeout or worker count hardcoded instead of configurable",
    .docs = kDocs,
    .fix = core::Applicability::Unsafe,
    .mode = ScoreMode::Presence,
};

bool in(std::string_view s, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), s) != set.end();
}

bool isNumber(ts::Node n, Lang lang) {
  auto t = n.type();
  if (lang == Lang::Python) return t == "integer" || t == "float";
  if (lang == Lang::Go) return t == "int_literal";
  return t == "number";
}

/// Go: `25`, or the count in `5 * time.Minute`.
ts::Node goCount(ts::Node v) {
  if (!v) return v;
  if (v.type() == "literal_element" && v.namedChildCount() == 1) v = v.namedChild(0);
  if (v.type() == "int_literal") return v;
  if (v.type() == "binary_expression") {
    ts::Node l = v.field("left"), r = v.field("right");
    if (l.type() == "int_literal" && r.type() == "selector_expression") return l;
    if (r.type() == "int_literal" && l.type() == "selector_expression") return r;
  }
  return ts::Node();
}

/// Inside a function named as a test helper: Go `TestDB`/`TestDBInit` (outside _test.go files a
/// `Test…` function only serves tests), Python `test_…`.
bool inTestHelper(std::span<const ts::Node> anc, std::string_view src, Lang lang) {
  for (const auto& a : anc) {
    auto t = a.type();
    if (t != "function_declaration" && t != "function_definition") continue;
    std::string_view name = a.field("name").text(src);
    if (lang == Lang::Go && name.starts_with("Test") && (name.size() == 4 || std::isupper(static_cast<unsigned char>(name[4]))))
      return true;
    if (lang == Lang::Python && name.starts_with("test_")) return true;
  }
  return false;
}

/// The Go file opens a SQLite database (`gorm.Open("sqlite3", …)`, `sql.Open("sqlite", …)`,
/// `sqlite.Open(…)`).
bool opensSqlite(std::string_view src) {
  for (auto needle : {"Open(\"sqlite3\"", "Open(\"sqlite\"", "sqlite.Open("})
    if (src.find(needle) != std::string_view::npos) return true;
  return false;
}

class HardcodedOperationalLimit final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Python) return {"keyword_argument"};
    if (lang == Lang::Go) return {"call_expression", "assignment_statement"};
    return {"pair"};
  }

  void visit(ts::Node node, RuleContext& ctx) const override {
    if (ctx.facts().isTestOrGenerated()) return;
    auto src = ctx.source();
    Lang lang = ctx.lang();
    auto anc = ctx.ancestors();
    if (inTestHelper(anc, src, lang)) return;
    auto t = node.type();
    if (t == "keyword_argument") {
      ts::Node value = node.field("value");
      if (!value || !isNumber(value, lang) || anc.size() < 2) return;
      std::string_view key = node.field("name").text(src);
      ts::Node call = anc[anc.size() - 2];
      if (call.type() != "call") return;
      std::string_view callee = calleeText(call, src);
      std::string_view last = calleeName(call, src);
      bool pool = in(last, {"create_engine", "create_async_engine", "create_pool", "ConnectionPool", "Redis",
                            "from_url", "MongoClient", "AsyncIOMotorClient", "StrictRedis"}) &&
                  in(key, {"pool_size", "max_overflow", "pool_recycle", "pool_timeout", "max_connections", "max_size",
                           "min_size", "maxPoolSize", "minPoolSize"});
      bool workers = callee == "uvicorn.run" && key == "workers";
      if (pool || workers) report(value, ctx, key);
      return;
    }
    if (t == "pair") {
      ts::Node value = node.field("value");
      if (!value || !isNumber(value, lang)) return;
      std::string_view key = node.field("key").text(src);
      if (!in(key, {"max", "min", "idleTimeoutMillis", "connectionTimeoutMillis", "connectionLimit", "maxPoolSize",
                    "minPoolSize", "acquire", "idle", "timeout", "queueLimit", "acquireTimeout"}))
        return;
      // object → arguments → call, or object → pair(pool:) → object → arguments → call
      std::size_t i = anc.size();
      if (i < 3 || anc[i - 1].type() != "object") return;
      std::size_t k = i - 2;
      bool nested = false;
      if (anc[k].type() == "pair" && k >= 2 && anc[k].field("key").text(src) == "pool" && anc[k - 1].type() == "object") {
        nested = true;
        k -= 2;
      }
      if (anc[k].type() != "arguments" || k == 0) return;
      ts::Node call = anc[k - 1];
      std::string_view callee = call.type() == "new_expression" ? call.field("constructor").text(src)
                                                                : calleeText(call, src);
      auto dot = callee.find_last_of('.');
      std::string_view last = dot == std::string_view::npos ? callee : callee.substr(dot + 1);
      bool pool = (in(last, {"Pool", "createPool", "createPoolCluster", "MongoClient", "connect", "createConnection"}) ||
                   (nested && in(last, {"Sequelize", "knex", "Knex"}))) &&
                  key != "timeout";
      if (last == "connect" && !(callee == "mongoose.connect" || callee.ends_with("MongoClient.connect"))) pool = false;
      if (pool) report(value, ctx, key);
      return;
    }
    if (t == "call_expression") {
      std::string_view name = calleeName(node, src);
      if (!in(name, {"SetMaxOpenConns", "SetMaxIdleConns", "SetConnMaxLifetime", "SetConnMaxIdleTime"})) return;
      if (opensSqlite(src)) return;  // a local file database: no server whose load the pool is sized for
      ts::Node args = callArguments(node);
      if (!args || args.namedChildCount() != 1) return;
      if (ts::Node lit = goCount(args.namedChild(0))) report(lit, ctx, name);
      return;
    }
    if (t == "assignment_statement") {  // cfg.MaxConns = 10 (pgxpool)
      ts::Node l = node.field("left"), r = node.field("right");
      if (!l || !r || l.namedChildCount() != 1 || r.namedChildCount() != 1) return;
      ts::Node target = l.namedChild(0);
      if (target.type() != "selector_expression" || !in(target.field("field").text(src), {"MaxConns", "MinConns"}))
        return;
      if (ts::Node n = goCount(r.namedChild(0))) report(n, ctx, target.field("field").text(src));
    }
  }

 private:
  static void report(ts::Node lit, RuleContext& ctx, std::string_view knob) {
    std::string name = deriveEnvName(ctx.file(), lit, EnvValueKind::Tunable);
    core::Finding& f = ctx.report(lit, "`" + std::string(knob) + "` is hardcoded to " +
                                           std::string(lit.text(ctx.source())) + ": make it configurable (" + name +
                                           ") so production can tune it without a deploy");
    if (auto fix = externalizeFix(ctx.file(), lit, EnvValueKind::Tunable, {name, false}))
      f.fixes.push_back(std::move(*fix));
  }
};

}  // namespace

const Rule& hardcodedOperationalLimit() {
  static const HardcodedOperationalLimit rule;
  return rule;
}

}  // namespace agentlens::rules
