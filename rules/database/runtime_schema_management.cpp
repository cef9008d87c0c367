// runtime-schema-management: the app creates or alters its schema at startup instead of through
// migrations.
#include <cctype>

#include "rules/common/imports.hpp"
#include "rules/common/syntax.hpp"
#include "rules/database/schema_sources.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds schema management done by the running application:
- Python: `db.create_all()`, `Base.metadata.create_all(…)`, `SQLModel.metadata.create_all(…)`;
- JavaScript/TypeScript: Sequelize `sync()` (`sync({ alter: true })` and `sync({ force: true })` are
  destructive: high severity), TypeORM `synchronize: true` (high), and a `*SYNCHRONIZE` env flag
  parsed with `z.coerce.boolean()` (the string "false" is true);
- Go: GORM `db.AutoMigrate(…)`, and an embedded schema file (`//go:embed sql/schema.sql` into a
  `var schema string`) passed to `Exec`;
- any language: a `CREATE TABLE` statement executed from application code.

## Why is this bad?
`create_all` only creates missing tables: it never adds a column, changes a type or drops anything,
so production silently drifts from the models. `sync({ force: true })` drops every table on boot,
and `synchronize`/`alter` rewrite live tables without review. None of them can be rolled back.
Production schemas change through versioned, reviewed, reversible migrations run as a release step.

Not flagged: tests, fixtures and conftest files; migration files; a migration runner's own
tracking table (`CREATE TABLE IF NOT EXISTS migrations`); calls to the project's own
`AutoMigrate` wrapper in another package (its gorm call is reported there). Scripts run by hand
(`scripts/init_db.py`, management commands) and small SQLite tools are reported with low severity;
scripts that load sample or test data (`setup_test_data.py`, `seed_demo.py`) are not reported.

## Example
```python
app = Flask(__name__)
db.init_app(app)
with app.app_context():
    db.create_all()
```

Use instead: a migration tool (`flask db init && flask db migrate`, `alembic revision
--autogenerate`, `prisma migrate`, golang-migrate), run as a release step, not at app start.

## Fix safety
Python: the call is put behind an explicit opt-in (`if os.environ.get("AUTO_CREATE_SCHEMA") == "1":`)
so that production no longer changes the schema on boot; the app no longer creates tables unless the
flag is set: unsafe. Sequelize: `force: true` is removed (no more dropped tables on boot): unsafe.

## References
- Flask-SQLAlchemy docs: "create_all does not update tables"; Alembic tutorial
- Sequelize docs: model synchronization ("not recommended for production")
- TypeORM docs: `synchronize` ("shouldn't be used in production")
- The Twelve-Factor App, XII. Admin processes
)md";

const RuleMeta kMeta{
    .id = "runtime-schema-management",
    .category = core::Category::Database,
    .severity = core::Severity::Medium,
    .confidence = core::Confidence::High,
    .languages = kAllCode,
    .summary = "Schema created or altered by the running app instead of migrations",
    .docs = kDocs,
    .fix = core::Applicability::Unsafe,
    .mode = ScoreMode::Presence,
    .planTitle = "Manage the schema with migrations, not at startup",
    .effort = core::Effort::M,
};

bool createsTable(std::string_view sql) {
  std::string l;
  for (char c : sql.substr(0, 200)) l += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (l.find("CREATE TABLE") == std::string::npos) return false;
  // A migration runner's own bookkeeping table is how migrations work, not a bypass of them.
  for (auto t : {"SCHEMA_MIGRATIONS", "SCHEMA_VERSION", "ALEMBIC_VERSION", "GOOSE_DB_VERSION", "FLYWAY_SCHEMA_HISTORY",
                 "_MIGRATIONS"})
    if (l.find(t) != std::string::npos) return false;
  // ... also when it is called plainly `migrations` (an embedded runner's tracking table).
  auto at = l.find("CREATE TABLE") + 12;
  std::string_view rest = std::string_view(l).substr(at);
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  if (rest.starts_with("IF NOT EXISTS")) rest.remove_prefix(13);
  while (!rest.empty() && (rest.front() == ' ' || rest.front() == '"' || rest.front() == '`')) rest.remove_prefix(1);
  if (rest.starts_with("MIGRATIONS") &&
      (rest.size() == 10 || rest[10] == ' ' || rest[10] == '(' || rest[10] == '"' || rest[10] == '`'))
    return false;
  return true;
}

/// `X.AutoMigrate(…)` where X is an imported package (`db.AutoMigrate(d)` with `…/db` imported):
/// the project's own wrapper, whose gorm call is reported where it is made.
bool packageWrapper(ts::Node call, const RuleContext& ctx) {
  auto src = ctx.source();
  ts::Node fn = call.field("function");
  if (!fn || fn.type() != "selector_expression") return false;
  ts::Node operand = fn.field("operand");
  if (!operand || operand.type() != "identifier") return false;
  auto recv = operand.text(src);
  for (const auto& imp : ctx.facts().imports) {
    std::string_view m = imp.module;
    auto slash = m.find_last_of('/');
    if (slash != std::string_view::npos) m.remove_prefix(slash + 1);
    if (m == recv && m != "gorm") return true;
  }
  return false;
}

/// Migration tooling (`migrate.py`, `run_migrations.go`): applies migrations, it is not the app.
bool migrationTooling(std::string_view path) {
  auto slash = path.find_last_of('/');
  auto name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  return name.find("migrat") != std::string_view::npos;
}

class RuntimeSchemaManagement final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Python) return {"call"};
    if (lang == Lang::Go) return {"call_expression"};
    return {"call_expression", "pair"};
  }

  void visit(ts::Node node, RuleContext& ctx) const override {
    const auto& facts = ctx.facts();
    if (facts.isTestOrGenerated() || facts.role == core::FileRole::Migration) return;
    if (migrationTooling(ctx.file().path)) return;
    auto src = ctx.source();
    bool script = facts.role == core::FileRole::Script && ctx.lang() != Lang::Go;
    if (script && schemasrc::dataSetupScript(ctx.file().path)) return;
    if (ctx.lang() == Lang::Python) {
      python(node, ctx, script);
      return;
    }
    if (node.type() == "pair") {
      // TypeORM `synchronize: true`; an env flag parsed with `z.coerce.boolean()` ("false" is true).
      if (node.field("key").text(src).find("SYNCHRONIZE") != std::string_view::npos &&
          node.field("value").text(src).find("coerce.boolean") != std::string_view::npos)
        return void(ctx.report(node, "`z.coerce.boolean()` makes every non-empty string true: `" +
                                         std::string(node.field("key").text(src)) +
                                         "=false` still turns schema synchronize on; parse 'true'/'false' explicitly"));
      if (node.field("key").text(src) != "synchronize" || node.field("value").text(src) != "true") return;
      auto& f = ctx.report(node, "`synchronize: true` rewrites the live schema from the entities on every boot: use TypeORM migrations");
      f.severity = core::Severity::High;
      return;
    }
    auto name = calleeName(node, src);
    ts::Node args = node.field("arguments");
    if (ctx.lang() == Lang::Go) {
      if (name == "AutoMigrate") {
        if (packageWrapper(node, ctx)) return;
        ctx.report(node, "`AutoMigrate` changes the schema at startup, with no history and no rollback: use versioned migrations (golang-migrate, goose)");
        return;
      }
      sqlExec(node, ctx, false);
      return;
    }
    if (name == "sync" && node.field("function").type() == "member_expression") {
      std::string recv(node.field("function").field("object").text(src));
      auto argText = args ? args.text(src) : std::string_view();
      bool seq = recv.find("sequelize") != std::string::npos || recv.find("Sequelize") != std::string::npos ||
                 argText.find("force") != std::string_view::npos ||
                 argText.find("alter") != std::string_view::npos;
      if (!seq) return;
      bool force = argText.find("force: true") != std::string_view::npos;
      bool alter = argText.find("alter: true") != std::string_view::npos;
      std::string what = force ? "`sync({ force: true })` drops every table on boot"
                       : alter ? "`sync({ alter: true })` rewrites live tables on boot"
                               : "`sync()` creates tables at startup";
      auto& f = ctx.report(node, what + ": use Sequelize migrations (sequelize-cli) run as a release step");
      if (force || alter) f.severity = core::Severity::High;
      if (script && !force) f.severity = core::Severity::Low;
      if (force) {
        // Remove the `force: true` property (and its separator).
        ts::walk(args, [&](ts::Node n) {
          if (n.type() != "pair" || n.field("key").text(src) != "force") return true;
          std::uint32_t s = n.startByte(), e = n.endByte();
          ts::Node obj = n.parent();
          ts::Node next = n.nextSibling(), prev = n.prevSibling();
          if (obj && obj.namedChildCount() == 1 && args.namedChildCount() == 1) {
            s = obj.startByte();  // `sync({ force: true })` -> `sync()`
            e = obj.endByte();
          } else if (next && next.type() == ",") {
            e = next.endByte();
            while (e < src.size() && src[e] == ' ') ++e;
          } else if (prev && prev.type() == ",") {
            s = prev.startByte();
          }
          core::Fix fix{.title = "Remove `force: true`", .applicability = core::Applicability::Unsafe};
          core::TextEdit edit;
          edit.range = {s, e};
          fix.edits.push_back(edit);
          f.fixes.push_back(fix);
          return false;
        });
      }
      return;
    }
    sqlExec(node, ctx, script);
  }

 private:
  static void sqlExec(ts::Node call, RuleContext& ctx, bool script) {
    auto src = ctx.source();
    auto name = calleeName(call, src);
    if (name != "execute" && name != "query" && name != "exec" && name != "Exec" && name != "ExecContext" &&
        name != "run" && name != "raw" && name != "executescript")
      return;
    ts::Node args = call.field("arguments");
    if (!args) return;
    for (std::uint32_t i = 0; i < args.namedChildCount() && i < 2; ++i) {
      ts::Node a = args.namedChild(i);
      if (a.type() == "call" && calleeName(a, src) == "text" && a.field("arguments").namedChildCount() > 0)
        a = a.field("arguments").namedChild(0);
      if (auto file = schemasrc::embeddedSchema(a, src); !file.empty()) {
        ctx.report(call, "the embedded `" + file + "` is executed by the application: the whole schema is applied at "
                         "startup with no version history or rollback; use versioned migrations (golang-migrate, goose)");
        return;
      }
      auto v = stringLiteralValue(a, src, ctx.lang());
      if (!v || !createsTable(*v)) continue;
      auto& f = ctx.report(call, "`CREATE TABLE` executed by the application: keep schema changes in versioned migrations");
      if (script || src.find("sqlite") != std::string_view::npos) f.severity = core::Severity::Low;
      return;
    }
  }

  static void python(ts::Node call, RuleContext& ctx, bool script) {
    auto src = ctx.source();
    auto name = calleeName(call, src);
    if (name != "create_all") {
      sqlExec(call, ctx, script);
      return;
    }
    auto callee = calleeText(call, src);
    if (!(callee.ends_with("metadata.create_all") || callee == "db.create_all" || callee.ends_with(".db.create_all")))
      return;
    bool sqliteTool = src.find("sqlite") != std::string_view::npos && ctx.facts().role != core::FileRole::Server;
    if (sqliteTool && ctx.facts().role == core::FileRole::Script) return;
    auto& f = ctx.report(call, "`" + std::string(callee) +
                                   "()` manages the schema from the app: it never alters existing tables and cannot be "
                                   "rolled back; use migrations (Alembic, Flask-Migrate)");
    if (script || sqliteTool) {
      f.severity = core::Severity::Low;
      return;
    }
    // Fix: guard the statement behind an explicit opt-in flag.
    auto anc = ctx.ancestors();
    if (anc.empty() || anc.back().type() != "expression_statement") return;
    ts::Node stmt = anc.back();
    std::string indent(lineIndent(src, stmt.startByte()));
    if (lineStartOf(src, stmt.startByte()) + indent.size() != stmt.startByte()) return;
    core::Fix fix{.title = "Create the schema only when AUTO_CREATE_SCHEMA=1", .applicability = core::Applicability::Unsafe};
    fix.edits = pythonEnsureImport(ctx.file(), "os");
    core::TextEdit e;
    e.range = {stmt.startByte(), stmt.startByte()};
    e.text = "if os.environ.get(\"AUTO_CREATE_SCHEMA\") == \"1\":\n" + indent + indentUnit(src, ctx.lang());
    fix.edits.push_back(e);
    mergeInsertions(fix.edits);
    f.fixes.push_back(fix);
  }
};

}  // namespace

const Rule& runtimeSchemaManagement() {
  static const RuntimeSchemaManagement rule;
  return rule;
}

}  // namespace agentlens::rules
