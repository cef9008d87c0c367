// schema-without-migrations: ORM models or a schema, and no migration system.
#include <algorithm>

#include "rules/workspace/stack.hpp"
#include "rules/workspace/workspace_check.hpp"

namespace agentlens::rules {
namespace {

constexpr std::string_view kDocs = R"md(## What it does
Reports a workspace that defines a database schema — SQLAlchemy or SQLModel models, Django
models, a Prisma schema, Sequelize, TypeORM or GORM models — but has no migration system:
no Alembic (`alembic.ini`, `versions/`), Django `migrations/`, `prisma/migrations/`, golang-migrate
or goose files, Flyway `V1__*.sql`, or a `migrations/`/`db/migrate/` directory. Schemaless stores
(MongoDB with Mongoose, DynamoDB) are not judged. While it fails, `runtime-schema-management`
findings (`create_all()`, `sync()`, `AutoMigrate`) are grouped under it.

## Why is this bad?
Without migrations the production schema is whatever `create_all()` made on the first start:
adding a column, renaming a field or rolling back a release means hand-written SQL under pressure.

## Example
`models.py` with `class Order(Base)` and `Base.metadata.create_all(engine)` at start-up.

Use instead: `alembic init migrations` + `alembic revision --autogenerate -m "initial"`, applied by
a release step (`alembic upgrade head`); `prisma migrate dev --name init`; `migrate create -ext sql
-dir db/migrations init`.

## References
- The Twelve-Factor App, XII. Admin processes
)md";

const RuleMeta kMeta{
    .id = "schema-without-migrations",
    .category = core::Category::Database,
    .severity = core::Severity::High,
    .confidence = core::Confidence::High,
    .languages = kAllCode,
    .summary = "Database models exist but there is no migration system",
    .docs = kDocs,
    .planTitle = "Manage the schema with migrations",
    .effort = core::Effort::L,
    .subsumes = {"runtime-schema-management"},
};

class SchemaWithoutMigrations final : public WorkspaceCheck {
 public:
  const RuleMeta& meta() const override { return kMeta; }

  void check(WorkspaceContext& ctx) const override {
    const WorkspaceView& v = ctx.view();
    const core::FileResult* models = nullptr;
    std::string stack;
    for (const auto* f : v.files()) {
      if (f->facts.isTestOrGenerated() || f->facts.role == core::FileRole::Migration) continue;
      for (const auto& i : f->facts.imports) {
        const std::string& m = i.module;
        bool orm = m == "sqlalchemy.orm" || m == "sqlalchemy.ext.declarative" || m == "sqlmodel" || m == "django.db" ||
                   m == "django.db.models" || m == "typeorm" || m == "sequelize" || m == "gorm.io/gorm" ||
                   m == "flask_sqlalchemy" || m == "@prisma/client";
        if (!orm || models) continue;
        // An ORM import is not a schema: require a model definition in the file.
        auto text = v.read(f->path);
        if (!text) continue;
        for (std::string_view marker : {"declarative_base", "DeclarativeBase", "(db.Model)", "(models.Model)", "table=True",
                                        "@Entity", ".define(", "extends Model", "AutoMigrate(", "Model.init", "__tablename__"})
          if (text->find(marker) != std::string::npos) {
            models = f;
            stack = m;
            break;
          }
      }
    }
    bool prismaSchema = v.exists("prisma/schema.prisma") || v.exists("schema.prisma");
    if (!models && !prismaSchema) return;
    ctx.applicable();
    bool migrations = v.exists("alembic.ini") || v.exists("prisma/migrations/migration_lock.toml");
    for (const auto* f : v.files()) migrations |= f->facts.role == core::FileRole::Migration;
    if (migrations) return;
    std::string how = stack.starts_with("django")  ? "run `python manage.py makemigrations` and commit migrations/"
                      : stack == "@prisma/client" || (!models && prismaSchema) ? "run `prisma migrate dev --name init` and deploy with `prisma migrate deploy`"
                      : stack == "gorm.io/gorm" ? "use golang-migrate or goose (`migrate create -ext sql -dir db/migrations init`)"
                      : stack == "typeorm" || stack == "sequelize" ? "generate migrations with the ORM's CLI and run them on release"
                                               : "set up Alembic: `alembic init migrations` then `alembic revision --autogenerate -m initial`";
    if (models)
      ctx.report(models->path, 0, "database models but no migrations: " + how);
    else
      ctx.report(v.exists("prisma/schema.prisma") ? "prisma/schema.prisma" : "schema.prisma", 0, "Prisma schema but no migrations: " + how);
  }
};

}  // namespace

const WorkspaceCheck& schemaWithoutMigrations() {
  static const SchemaWithoutMigrations check;
  return check;
}

}  // namespace agentlens::rules
