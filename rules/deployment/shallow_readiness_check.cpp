// shallow-readiness-check: the health/readiness endpoint answers "ok" without checking the
// dependencies the app needs.
#include <cctype>
#include <map>

#include "rules/common/handler_scope.hpp"
#include "rules/common/syntax.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds health endpoints that cannot report a broken dependency: in a file that uses a database,
cache or queue, a readiness route (`/ready`, `/readyz`, `/readiness`) — or, when there is no
separate readiness route, the single `/health`/`/healthz`/`/status` route — whose handler returns
a constant without touching any dependency (no query, no ping, no check call).

## Why is this bad?
Load balancers and Kubernetes route traffic to an instance because its readiness probe says "ok".
If that probe never checks the database, an instance whose connection pool is broken keeps
receiving requests and fails every one of them, and a rolling deploy happily replaces healthy pods
with broken ones. A readiness check should run something like `SELECT 1` (with a short timeout)
and answer 503 when it fails.

Not flagged: liveness routes (`/live`, `/livez`, `/ping`) and a shallow `/health` when a separate
readiness route exists (liveness *should* be shallow), apps without backing services.

## Example
```python
@app.get("/health")
def health():
    return {"status": "ok"}
```

Use instead:
```python
@app.get("/health")
def health():
    return {"status": "ok"}

@app.get("/ready")
def ready():
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:
        return {"status": "unavailable"}, 503
    return {"status": "ok"}
```

## References
- Kubernetes docs: "Configure Liveness, Readiness and Startup Probes"
- Google SRE book, chapter 22 (health checking and load balancing)
)md";

const RuleMeta kMeta{
    .id = "shallow-readiness-check",
    .category = core::Category::Deployment,
    .severity = core::Severity::Low,
    .confidence = core::Confidence::Medium,
    .languages = kAllCode,
    .summary = "Health/readiness endpoint does not check the app's dependencies",
    .docs = kDocs,
    .fix = std::nullopt,
    .mode = ScoreMode::Presence,
    .planTitle = "Make the readiness check probe the database",
    .effort = core::Effort::S,
};

enum class Kind { Readiness, Liveness, Generic };

struct HealthRoute {
  std::string path;
  Kind kind;
  core::ByteRange at;
  core::ByteRange body;  ///< handler function (empty when defined elsewhere)
  std::string handlerName;
};

struct State final : RuleState {
  std::vector<HealthRoute> routes;
  std::map<std::string, core::ByteRange> functions;  // name -> body range (for named handlers)
};

std::optional<Kind> kindOf(std::string_view path) {
  while (!path.empty() && path.front() == '/') path.remove_prefix(1);
  if (auto slash = path.find_last_of('/'); slash != std::string_view::npos) path = path.substr(slash + 1);
  if (path == "ready" || path == "readyz" || path == "readiness") return Kind::Readiness;
  if (path == "live" || path == "livez" || path == "liveness" || path == "ping") return Kind::Liveness;
  if (path == "health" || path == "healthz" || path == "healthcheck" || path == "status" || path == "_health")
    return Kind::Generic;
  return std::nullopt;
}

bool usesBackingService(const core::Facts& f) {
  if (!f.dbClients.empty()) return true;
  for (const auto& imp : f.imports) {
    std::string_view m = imp.module;
    for (auto p : {"sqlalchemy", "flask_sqlalchemy", "psycopg2", "psycopg", "pymysql", "redis", "pymongo", "motor",
                   "asyncpg", "django.db", "sqlmodel", "pg", "mysql2", "@prisma/client", "mongoose", "ioredis",
                   "sequelize", "typeorm", "knex", "mongodb", "database/sql", "gorm.io/gorm", "github.com/jackc/pgx",
                   "github.com/redis/go-redis", "go.mongodb.org/mongo-driver", "github.com/jmoiron/sqlx"})
      if (m == p || m.starts_with(std::string(p) + ".") || m.starts_with(std::string(p) + "/")) return true;
    // Local modules that hold the database handle.
    auto last = m.substr(m.find_last_of("./") == std::string_view::npos ? 0 : m.find_last_of("./") + 1);
    if (last == "db" || last == "database" || last == "models" || last == "prisma" || last == "store") return true;
  }
  return false;
}

bool probes(std::string_view body) {
  std::string l(body);
  for (char& c : l) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (auto k : {"execute", "query", "select 1", "ping", "connect", "cursor", "check", "db.", "redis", "pool",
                 "session", "getconn", "sql", "$queryraw", "exec("})
    if (l.find(k) != std::string::npos) return true;
  return false;
}

class ShallowReadinessCheck final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::unique_ptr<RuleState> makeState() const override { return std::make_unique<State>(); }
  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Python) return {"function_definition"};
    if (lang == Lang::Go) return {"function_declaration", "call_expression"};
    return {"call_expression", "function_declaration"};
  }

  void visit(ts::Node node, RuleContext& ctx) const override {
    if (ctx.facts().isTestOrGenerated()) return;
    auto src = ctx.source();
    auto& st = ctx.state<State>();
    auto anc = ctx.ancestors();
    ts::Node parent = anc.empty() ? ts::Node() : anc.back();
    if (node.type() == "function_definition" || node.type() == "function_declaration") {
      auto name = functionName(node, src);
      if (!name.empty()) st.functions[std::string(name)] = {node.startByte(), node.endByte()};
      if (ctx.lang() != Lang::Python) return;
      auto path = routePathOf(node, parent, src, ctx.lang());
      auto kind = kindOf(path);
      if (!kind) return;
      st.routes.push_back({std::string(path), *kind, {node.field("name").startByte(), node.field("name").endByte()},
                           {node.startByte(), node.endByte()}, ""});
      return;
    }
    // Registration calls: app.get("/health", handler) / mux.HandleFunc("/healthz", h).
    ts::Node args = call(node);
    if (!args || args.namedChildCount() < 2) return;
    ts::Node first = args.namedChild(0);
    auto v = stringLiteralValue(first, src, ctx.lang());
    if (!v) return;
    std::string_view path = *v;
    if (auto sp = path.find(' '); sp != std::string_view::npos) path = path.substr(sp + 1);  // "GET /health"
    auto kind = kindOf(path);
    if (!kind) return;
    auto verb = calleeName(node, src);
    if (verb != "get" && verb != "GET" && verb != "HandleFunc" && verb != "Handle" && verb != "Get" && verb != "all" &&
        verb != "route")
      return;
    ts::Node h = args.namedChild(args.namedChildCount() - 1);
    HealthRoute r{std::string(path), *kind, {first.startByte(), first.endByte()}, {}, ""};
    if (isFunctionNode(h, ctx.lang())) r.body = {h.startByte(), h.endByte()};
    else r.handlerName = std::string(h.text(src));
    st.routes.push_back(r);
  }

  void finish(RuleContext& ctx) const override {
    auto& st = ctx.state<State>();
    if (st.routes.empty() || !usesBackingService(ctx.facts())) return;
    auto src = ctx.source();
    bool hasReadiness = false;
    for (const auto& r : st.routes) hasReadiness = hasReadiness || r.kind == Kind::Readiness;
    for (auto& r : st.routes) {
      if (r.kind == Kind::Liveness || (r.kind == Kind::Generic && hasReadiness)) continue;
      core::ByteRange body = r.body;
      if (body.end == 0) {
        auto it = st.functions.find(r.handlerName);
        if (it == st.functions.end()) continue;  // defined elsewhere: cannot judge
        body = it->second;
      }
      if (probes(src.substr(body.start, body.end - body.start))) continue;
      std::string msg = r.kind == Kind::Readiness
                            ? "`" + r.path + "` reports ready without checking the database or cache: run a cheap "
                                             "query (e.g. `SELECT 1`) and answer 503 when it fails"
                            : "`" + r.path + "` is the only health check and probes nothing while the app uses a "
                                             "database: add a `/ready` route that checks it and answers 503";
      ctx.report(r.at, msg);
    }
  }

 private:
  static ts::Node call(ts::Node n) {
    if (n.type() != "call_expression") return ts::Node();
    return n.field("arguments");
  }
};

}  // namespace

const Rule& shallowReadinessCheck() {
  static const ShallowReadinessCheck rule;
  return rule;
}

}  // namespace agentlens::rules
