// shallow-readiness-check: the health/readiness endpoint answers "ok" without checking the
// dependencies the app needs.
#include <cctype>
#include <map>

#include "rules/common/handler_scope.hpp"
#include "rules/common/imports.hpp"
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

## Fix safety
When the file has a recognisable database handle (Flask-SQLAlchemy `db`, a SQLAlchemy `engine`, a
node-postgres `pool`, a Prisma client, a Go `db *sql.DB`), the fix adds a `/ready` route next to the
health route that runs `SELECT 1` (or `PingContext`) and answers 503 on failure. It adds an
endpoint and its probe behaviour: unsafe, point your orchestrator's readiness probe at it.

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
    .fix = core::Applicability::Unsafe,
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
  core::ByteRange stmt;     ///< the whole registration (decorated function / call statement)
  core::ByteRange pathLit;  ///< the path string literal (with quotes)
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
      HealthRoute r{std::string(path), *kind, {node.field("name").startByte(), node.field("name").endByte()},
                    {node.startByte(), node.endByte()}, "", {parent.startByte(), parent.endByte()}, {}};
      auto deco = src.substr(parent.startByte(), node.startByte() - parent.startByte());
      auto q = deco.find(path);
      if (q != std::string_view::npos && q > 0)
        r.pathLit = {parent.startByte() + static_cast<std::uint32_t>(q) - 1,
                     parent.startByte() + static_cast<std::uint32_t>(q + path.size()) + 1};
      st.routes.push_back(r);
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
    HealthRoute r{std::string(path), *kind, {first.startByte(), first.endByte()}, {}, "", {}, {first.startByte(), first.endByte()}};
    if (parent && parent.type() == "expression_statement") r.stmt = {parent.startByte(), parent.endByte()};
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
      auto& f = ctx.report(r.at, msg);
      if (r.kind == Kind::Generic && !hasReadiness) addReadyRoute(f, r, ctx);
    }
  }

 private:
  static bool hasWord(std::string_view src, std::string_view w) {
    for (std::size_t at = src.find(w); at != std::string_view::npos; at = src.find(w, at + 1)) {
      bool before = at == 0 || !(std::isalnum(static_cast<unsigned char>(src[at - 1])) || src[at - 1] == '_');
      std::size_t e = at + w.size();
      bool after = e >= src.size() || !(std::isalnum(static_cast<unsigned char>(src[e])) || src[e] == '_');
      if (before && after) return true;
    }
    return false;
  }

  /// Adds a `/ready` route after the health route that probes the file's database handle.
  static void addReadyRoute(core::Finding& f, const HealthRoute& r, RuleContext& ctx) {
    auto src = ctx.source();
    if (r.stmt.end == 0 || r.pathLit.end == 0) return;
    std::string indent(lineIndent(src, r.stmt.start));
    std::string unit = indentUnit(src, ctx.lang());
    // The registration with "/ready" in place of the health path, up to the handler.
    std::string quote(1, src[r.pathLit.start]);
    std::string litText(src.substr(r.pathLit.start, r.pathLit.end - r.pathLit.start));
    auto slash = litText.find('/');
    std::string readyLit = quote + litText.substr(1, slash - 1) + "/ready" + quote;
    std::string head = std::string(src.substr(r.stmt.start, r.pathLit.start - r.stmt.start)) + readyLit;
    std::string text;
    std::vector<core::TextEdit> imports;
    if (ctx.lang() == Lang::Python) {
      // `@app.get(` + "/ready" + `)` then the function.
      auto closeDeco = src.find(')', r.pathLit.end);
      if (closeDeco == std::string_view::npos) return;
      head += std::string(src.substr(r.pathLit.end, closeDeco + 1 - r.pathLit.end));
      std::string probe;
      if (hasWord(src, "db") && src.find("db.session") != std::string_view::npos)
        probe = unit + unit + "db.session.execute(sqlalchemy.text(\"SELECT 1\"))\n";
      else if (hasWord(src, "engine"))
        probe = unit + unit + "with engine.connect() as conn:\n" + unit + unit + unit +
                "conn.execute(sqlalchemy.text(\"SELECT 1\"))\n";
      else
        return;
      bool fastapi = ctx.facts().usesFramework("fastapi");
      std::string fail = fastapi ? "return fastapi.responses.JSONResponse({\"status\": \"unavailable\"}, status_code=503)"
                                 : "return {\"status\": \"unavailable\"}, 503";
      text = "\n\n\n" + head + "\ndef ready():\n" + unit + "try:\n" + probe + unit + "except Exception:\n" + unit + unit +
             fail + "\n" + unit + "return {\"status\": \"ok\"}";
      imports = pythonEnsureImport(ctx.file(), "sqlalchemy");
      if (fastapi)
        for (auto& e : pythonEnsureImport(ctx.file(), "fastapi.responses")) imports.push_back(e);
    } else if (core::isJsFamily(ctx.lang())) {
      std::string probe;
      if (hasWord(src, "pool")) probe = "await pool.query(\"SELECT 1\");";
      else if (hasWord(src, "prisma")) probe = "await prisma.$queryRaw`SELECT 1`;";
      else return;
      std::string i1 = indent + unit, i2 = i1 + unit;
      text = "\n" + indent + head + ", async (req, res) => {\n" + i1 + "try {\n" + i2 + probe + "\n" + i2 +
             "res.json({ status: \"ok\" });\n" + i1 + "} catch (err) {\n" + i2 +
             "res.status(503).json({ status: \"unavailable\" });\n" + i1 + "}\n" + indent + "});";
    } else {
      if (!hasWord(src, "db") || src.find("*sql.DB") == std::string_view::npos) return;
      std::string i1 = indent + "\t", i2 = i1 + "\t";
      text = "\n" + indent + head + ", func(w http.ResponseWriter, r *http.Request) {\n" + i1 +
             "ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)\n" + i1 + "defer cancel()\n" + i1 +
             "if err := db.PingContext(ctx); err != nil {\n" + i2 +
             "http.Error(w, \"database unavailable\", http.StatusServiceUnavailable)\n" + i2 + "return\n" + i1 + "}\n" +
             i1 + "w.WriteHeader(http.StatusOK)\n" + indent + "})";
      imports = goEnsureImport(ctx.file(), "context");
      for (auto& e : goEnsureImport(ctx.file(), "time")) imports.push_back(e);
    }
    core::Fix fix{.title = "Add a /ready route that checks the database", .applicability = core::Applicability::Unsafe};
    fix.edits = imports;
    core::TextEdit e;
    e.range = {r.stmt.end, r.stmt.end};
    e.text = text;
    fix.edits.push_back(e);
    mergeInsertions(fix.edits);
    f.fixes.push_back(fix);
  }

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
