// migrate-on-install: a package.json install hook (`preinstall`, `install`, `postinstall`,
// `prepare`) applies database migrations. Small text scan of the scripts object, no parser.
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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

struct Script {
  std::string name;
  core::ByteRange value;
};

/// The string entries of the top-level "scripts" object.
std::vector<Script> scripts(std::string_view src) {
  std::vector<Script> out;
  int depth = 0, scriptsDepth = -1;
  std::string lastKey;
  bool expectValue = false;
  for (std::uint32_t i = 0; i < src.size(); ++i) {
    char c = src[i];
    if (c == '"') {
      std::uint32_t s = i + 1, k = s;
      while (k < src.size() && src[k] != '"') k += src[k] == '\\' ? 2 : 1;
      if (k > src.size()) k = static_cast<std::uint32_t>(src.size());
      if (expectValue) {
        if (depth == scriptsDepth) out.push_back({lastKey, {s, k}});
        expectValue = false;
      } else {
        lastKey = std::string(src.substr(s, k - s));
      }
      i = k;
    } else if (c == ':') {
      expectValue = true;
    } else if (c == '{' || c == '[') {
      ++depth;
      if (expectValue && depth == 2 && lastKey == "scripts") scriptsDepth = depth;
      expectValue = false;
    } else if (c == '}' || c == ']') {
      if (depth == scriptsDepth) scriptsDepth = -1;
      --depth;
    } else if (c == ',') {
      expectValue = false;
    }
  }
  return out;
}

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
    for (const auto& s : scripts(src)) {
      if (s.name != "preinstall" && s.name != "install" && s.name != "postinstall" && s.name != "prepare") continue;
      auto m = migration(src.substr(s.value.start, s.value.end - s.value.start));
      if (!m) continue;
      ctx.report(s.value, "the `" + s.name + "` script runs `" + std::string(*m) +
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
