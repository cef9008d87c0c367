// env-file-hygiene: .env files that git would commit, secrets in .env.example, and no
// .env.example for a service that reads many environment variables.
#include <algorithm>
#include <set>
#include <sstream>

#include "core/discovery.hpp"
#include "rules/common/secrets.hpp"
#include "rules/workspace/stack.hpp"
#include "rules/workspace/workspace_check.hpp"

namespace agentlens::rules {
namespace {

constexpr std::string_view kDocs = R"md(## What it does
Checks how environment files are handled:
- a `.env` (or `.env.local`, `.env.production`, …) that `.gitignore` does not exclude, so it will
  be committed — critical when it holds secret-looking values;
- an `.env.example`/`.env.sample`/`.env.template` holding real-looking secrets;
- no `.env.example` (at the root or beside the service's entry module) while the code reads
  several environment variables without a fallback, so nobody knows what the service needs to
  start. A service that declares its settings in a validated schema is not reported for it: the
  schema lists every variable with its type and default (zod `Schema.parse(process.env)`, Nest
  `ConfigModule` `validationSchema`, envalid, `@fastify/env`, `@t3-oss/env-*`, pydantic
  `BaseSettings`, Go viper/envconfig/caarlos0-env), nor one whose README (at the root or beside
  the entry module) names every variable the code needs.
Placeholder example files (values in plain words such as `email-server-password` describe what
goes there), `.env.test` with dummy values and encrypted files are fine.

## Why is this bad?
A committed `.env` leaks every credential in it to everyone with access to the repository, its
forks and CI logs. Without an example file, deploying to a new environment means reading the code
to find out which variables must be set.

## Example
`.env` present and `.gitignore` without an `.env` entry.

Use instead: `.gitignore` contains `.env*` and `!.env.example`; `.env.example` lists every variable
with an empty or placeholder value.

## Fix safety
Appending `.env*` and `!.env.example` to `.gitignore` is safe. If the file was already committed,
run `git rm --cached .env` and rotate the keys it held: that part cannot be automated.

## References
- The Twelve-Factor App, III. Config
- gitleaks, detect-secrets
)md";

const RuleMeta kMeta{
    .id = "env-file-hygiene",
    .category = core::Category::Security,
    .severity = core::Severity::Medium,
    .confidence = core::Confidence::High,
    .languages = kAllCode,
    .summary = ".env files not ignored by git, secrets in .env.example, or no .env.example",
    .docs = kDocs,
    .fix = core::Applicability::Safe,
    .gate = true,
    .planTitle = "Keep .env files out of git",
    .effort = core::Effort::S,
};

/// Secret-looking values in an env file: (line, key) of the first one. In an example file a value
/// in plain words (`email-server-password`, `postgres`) describes what goes there.
std::optional<std::pair<std::uint32_t, std::string>> secretValue(const std::string& text, bool example) {
  std::istringstream in(text);
  std::string line;
  for (std::uint32_t ln = 0; std::getline(in, line); ++ln) {
    auto eq = line.find('=');
    if (eq == std::string::npos || line.starts_with("#")) continue;
    std::string key = line.substr(0, eq), value = line.substr(eq + 1);
    key.erase(0, key.find_first_not_of(" \t"));
    if (key.starts_with("export ")) key = key.substr(7);
    value.erase(value.find_last_not_of(" \t\r") + 1);
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front())
      value = value.substr(1, value.size() - 2);
    if (secrets::findProviderKey(value)) return std::make_pair(ln, key);
    if (example && secrets::isDescriptivePlaceholder(value)) continue;
    if (secrets::isCredentialName(key) && !secrets::notASecret(key, value)) return std::make_pair(ln, key);
  }
  return std::nullopt;
}

/// Names an example env file goes by (dotenv, Next.js, Vite and Symfony conventions).
constexpr std::string_view kExampleNames[] = {".env.example", ".env.sample", ".env.template", ".env.dist",
                                              ".example.env", "env.example", "example.env", ".env.local.example",
                                              ".env.development.example"};

/// An example env file in the folder of `anchor` (the service's entry module) or one of its parents
/// up to the root: in a repository with several services each documents its own variables.
std::string exampleNear(const WorkspaceView& v, std::string_view anchor) {
  std::string dir(anchor);
  while (true) {
    auto slash = dir.find_last_of('/');
    if (slash == std::string::npos) return "";
    dir.resize(slash);
    for (std::string_view name : kExampleNames) {
      std::string path = dir + "/" + std::string(name);
      if (v.exists(path)) return path;
    }
  }
}

/// The service declares its environment in a validated schema, which lists every variable.
bool settingsSchema(const WorkspaceView& v) {
  if (v.uses({"envalid", "@fastify/env", "env-schema", "@t3-oss/env-nextjs", "@t3-oss/env-core", "pydantic_settings",
              "pydantic-settings", "github.com/spf13/viper", "github.com/kelseyhightower/envconfig",
              "github.com/caarlos0/env", "github.com/caarlos0/env/v11", "github.com/ilyakaznacheev/cleanenv"}))
    return true;
  for (const auto* f : v.files()) {
    if (f->facts.isTestOrGenerated() || !core::hasGrammar(f->lang)) continue;
    auto text = v.read(f->path);
    if (!text) continue;
    for (std::string_view k : {".parse(process.env)", ".safeParse(process.env)", "validationSchema:", "(BaseSettings)"})
      if (text->find(k) != std::string::npos) return true;
  }
  return false;
}

/// A README (at the root or beside the entry module) names every variable the code needs: the
/// list an example file would hold is already written down.
bool readmeListsAll(const WorkspaceView& v, const std::set<std::string>& needed, std::string_view anchor) {
  std::vector<std::string> paths = {"README.md"};
  if (auto slash = anchor.find_last_of('/'); slash != std::string_view::npos)
    paths.push_back(std::string(anchor.substr(0, slash)) + "/README.md");
  for (const auto& path : paths) {
    auto text = v.read(path);
    if (!text) continue;
    if (std::all_of(needed.begin(), needed.end(), [&](const std::string& n) { return text->find(n) != std::string::npos; }))
      return true;
  }
  return false;
}

class EnvFileHygiene final : public WorkspaceCheck {
 public:
  const RuleMeta& meta() const override { return kMeta; }

  void check(WorkspaceContext& ctx) const override {
    const WorkspaceView& v = ctx.view();
    bool hasCode = std::any_of(v.files().begin(), v.files().end(),
                               [](const core::FileResult* f) { return core::hasGrammar(f->lang) && !f->facts.isTestOrGenerated(); });
    if (!hasCode) return;
    ctx.applicable(3);
    std::string gitignore = v.read(".gitignore").value_or("");
    core::IgnoreRules ignore;
    ignore.add("", gitignore);

    // Env files at the root: discovery skips ignored files, so look for them directly.
    for (std::string name : {".env", ".env.local", ".env.production", ".env.prod", ".env.development"}) {
      auto text = v.read(name);
      if (!text || ignore.ignored(name, false)) continue;
      auto secret = secretValue(*text, false);
      core::Finding& f = ctx.report(name, secret ? secret->first : 0,
                                    secret ? "`" + name + "` holds secrets (`" + secret->second +
                                                 "`) and is not in .gitignore: ignore it, `git rm --cached " + name +
                                                 "` if committed, and rotate the keys"
                                           : "`" + name + "` is not in .gitignore: it will be committed");
      if (secret) f.severity = core::Severity::Critical;
      core::Fix fix{.title = "Ignore .env files in .gitignore (keep .env.example)", .applicability = core::Applicability::Safe};
      for (const char* entry : {".env*", "!.env.example"}) {
        core::TextEdit e;
        e.kind = core::TextEdit::Kind::AppendLineIfMissing;
        e.path = ".gitignore";
        e.key = entry;
        e.text = entry;
        fix.edits.push_back(e);
      }
      f.fixes.push_back(fix);
    }

    // Example files must hold placeholders only.
    std::string example;
    for (std::string_view exampleName : kExampleNames) {
      std::string name(exampleName);
      auto text = v.read(name);
      if (!text) continue;
      if (example.empty()) example = name;
      if (auto secret = secretValue(*text, true)) {
        core::Finding& f = ctx.report(name, secret->first, "`" + name + "` holds a real-looking value for `" + secret->second +
                                                               "`: example files are committed, use a placeholder");
        f.severity = core::Severity::High;
      }
    }

    // No example file while the code needs several variables set: those it reads without a
    // fallback (a variable with a default starts the service without anyone setting it).
    std::set<std::string> vars, needed;
    for (const auto* f : v.files())
      if (!f->facts.isTestOrGenerated())
        for (const auto& e : f->facts.envReads) {
          vars.insert(e.name);
          if (!e.defaultValue) needed.insert(e.name);
        }
    const core::FileResult* entry = v.entryModule();
    std::string anchor = entry ? entry->path : v.files().front()->path;
    if (example.empty()) example = exampleNear(v, anchor);
    if (example.empty() && needed.size() >= 3 && !settingsSchema(v) && !readmeListsAll(v, needed, anchor)) {
      core::Finding& f = ctx.report(anchor, 0, "the code reads " + std::to_string(vars.size()) +
                                                   " environment variables but there is no .env.example listing them");
      f.severity = core::Severity::Low;
      std::string body = "# Environment variables this service reads (fill in per environment).\n";
      for (const auto& name : vars) body += name + "=\n";
      core::Fix fix{.title = "Create .env.example with the " + std::to_string(vars.size()) + " variables the code reads",
                    .applicability = core::Applicability::Safe};
      core::TextEdit e;
      e.kind = core::TextEdit::Kind::CreateFile;
      e.path = ".env.example";
      e.text = body;
      fix.edits.push_back(e);
      f.fixes.push_back(fix);
    }
  }
};

}  // namespace

const WorkspaceCheck& envFileHygiene() {
  static const EnvFileHygiene check;
  return check;
}

}  // namespace agentlens::rules
