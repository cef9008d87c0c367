#include "core/lang.hpp"

#include <array>
#include <string>

namespace agentlens::core {
namespace {

constexpr std::array<std::string_view, kLangCount> kNames = {
    "python", "javascript", "typescript", "tsx", "go", "dockerfile",
    "dotenv", "yaml",       "json",       "toml", "text"};

bool endsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>((c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c);
  return out;
}

}  // namespace

std::string_view langName(Lang l) { return kNames[static_cast<std::size_t>(l)]; }

std::optional<Lang> langFromName(std::string_view name) {
  for (std::size_t i = 0; i < kNames.size(); ++i)
    if (kNames[i] == name) return static_cast<Lang>(i);
  if (name == "py") return Lang::Python;
  if (name == "js") return Lang::JavaScript;
  if (name == "ts") return Lang::TypeScript;
  return std::nullopt;
}

std::optional<Lang> detectLang(std::string_view path) {
  auto slash = path.find_last_of('/');
  std::string name = lower(slash == std::string_view::npos ? path : path.substr(slash + 1));
  std::string_view n = name;
  if (endsWith(n, ".py") || endsWith(n, ".pyi")) return Lang::Python;
  if (endsWith(n, ".js") || endsWith(n, ".jsx") || endsWith(n, ".mjs") || endsWith(n, ".cjs"))
    return Lang::JavaScript;
  if (endsWith(n, ".d.ts")) return std::nullopt;  // declarations: no runtime code
  if (endsWith(n, ".ts") || endsWith(n, ".mts") || endsWith(n, ".cts")) return Lang::TypeScript;
  if (endsWith(n, ".tsx")) return Lang::Tsx;
  if (endsWith(n, ".go")) return Lang::Go;
  if (n == "dockerfile" || n.starts_with("dockerfile.") || endsWith(n, ".dockerfile") ||
      n == "containerfile")
    return Lang::Dockerfile;
  if (n == ".env" || n.starts_with(".env.") || endsWith(n, ".env")) return Lang::DotEnv;
  if (endsWith(n, ".yml") || endsWith(n, ".yaml")) return Lang::Yaml;
  if (endsWith(n, ".json")) return Lang::Json;
  if (endsWith(n, ".toml")) return Lang::Toml;
  if (n == "procfile" || (n.starts_with("requirements") && endsWith(n, ".txt")) || n == "go.mod" ||
      n == "jenkinsfile")
    return Lang::Text;
  // Read for workspace facts: lockfiles (their presence), ignore files, test runner config.
  if (n == "go.sum" || n == "yarn.lock" || n == "poetry.lock" || n == "uv.lock" || n == "pipfile.lock" ||
      n == "pdm.lock" || n == "bun.lock" || n == ".dockerignore" || n == "pytest.ini" || n == "tox.ini" ||
      n == "alembic.ini")
    return Lang::Text;
  // SQL migrations (golang-migrate, goose, Flyway, Prisma): their presence is a fact.
  if (endsWith(n, ".sql")) return Lang::Text;
  return std::nullopt;
}

}  // namespace agentlens::core
