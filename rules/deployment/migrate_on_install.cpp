// migrate-on-install: a package.json install hook (`preinstall`, `install`, `postinstall`,
// `prepare`) applies database migrations. The scripts come from the facts index
// (Facts::commands), located in the file by rules/common/package_scripts.
#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "rules/common/package_scripts.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

constexpr std::string_view kDocs = R"md(## What it does
Reads the install hooks of `package.json` (`preinstall`, `install`, `postinstall`, `prepare`)
and finds commands that apply database migrations or push a schema: `prisma migrate deploy`,
`prisma migrate dev`, `prisma migrate reset`, `prisma db push`, `knex migrate:latest`,
`sequelize db:migrate`, `typeorm migration:run`, `drizzle-kit migrate`, `drizzle-kit push`.

## Why is this bad?
Install hooks run on every `npm install`/`pnpm install`: on each developer machine, in CI and
while building the image. A migration there changes whatever database `DATABASE_URL` points at
at that moment (possibly production from a laptop), and the install fails when no database is
reachable (image builds, CI without a database). Migrations belong in one explicit release step
that runs once per deploy.

Not flagged: `prisma generate` (generates the client, touches no database), migration commands in
other scripts (`db:migrate`, `start`, `release`).

## Example
```json
"scripts": { "postinstall": "prisma generate && prisma migrate deploy" }
```

Use instead:
```json
"scripts": { "postinstall": "prisma generate", "db:migrate": "prisma migrate deploy" }
```
and run `db:migrate` once per release (a release job, an init container, a pre-deploy command).

## References
- Prisma docs: "Deploying database changes with Prisma Migrate" (run `migrate deploy` in the CI/CD pipeline)
- npm docs: scripts, "Life Cycle Scripts" (`postinstall` and `prepare` run on every install)
)md";

const RuleMeta kMeta{
    .id = "migrate-on-install",
    .category = core::Category::Deployment,
    .severity = core::Severity::Medium,
    .confidence = core::Confidence::High,
    .languages = {core::Lang::Json},
    .summary = "package.json install hook applies database migrations",
    .docs = kDocs,
    .mode = ScoreMode::Presence,
    .planTitle = "Run migrations in a release step, not on install",
    .effort = core::Effort::S,
};

/// The migration command in one script value, if any.
std::optional<std::string_view> migration(std::string_view cmd) {
  static constexpr std::array<std::string_view, 10> kCommands{
      "prisma migrate deploy", "prisma migrate dev", "prisma migrate reset", "prisma db push",
      "knex migrate:latest",   "sequelize db:migrate", "sequelize-cli db:migrate",
      "typeorm migration:run", "drizzle-kit migrate",  "drizzle-kit push"};
  for (auto c : kCommands) {
    auto at = cmd.find(c);
    if (at == std::string_view::npos) continue;
    bool startOk = at == 0 || cmd[at - 1] == ' ' || cmd[at - 1] == '&' || cmd[at - 1] == ';' ||
                   cmd[at - 1] == '/' || cmd[at - 1] == '|' || cmd[at - 1] == '(';
    std::size_t end = at + c.size();
    bool endOk = end == cmd.size() || cmd[end] == ' ' || cmd[end] == '&' || cmd[end] == ';' || cmd[end] == '|' ||
                 cmd[end] == ')';
    if (startOk && endOk) return c;
  }
  return std::nullopt;
}

class MigrateOnInstall final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }

  void finish(RuleContext& ctx) const override {
    auto path = std::string_view(ctx.file().path);
    if (path != "package.json" && !path.ends_with("/package.json")) return;
    if (ctx.facts().isTestOrGenerated()) return;
    auto src = ctx.source();
    for (const auto& s : packageScripts(ctx.facts(), src)) {
      if (s.name != "preinstall" && s.name != "install" && s.name != "postinstall" && s.name != "prepare") continue;
      auto m = migration(src.substr(s.value.start, s.value.end - s.value.start));
      if (!m) continue;
      ctx.report(s.value, "the `" + std::string(s.name) + "` script runs `" + std::string(*m) +
                              "` on every install (dev machines, CI, image builds): it migrates whatever "
                              "database the environment points at and fails without one; run migrations in a "
                              "release step");
    }
  }
};

}  // namespace

const Rule& migrateOnInstall() {
  static const MigrateOnInstall rule;
  return rule;
}

}  // namespace agentlens::rules
