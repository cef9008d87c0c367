#include "core/facts/facts.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace agentlens::core {

std::string_view fileRoleName(FileRole r) {
  static constexpr std::array<std::string_view, kFileRoleCount> kNames = {
      "server", "test", "script", "config", "migration", "frontend", "generated", "infra", "library", "tooling"};
  return kNames[static_cast<std::size_t>(r)];
}

std::string_view authStatusName(AuthStatus a) {
  switch (a) {
    case AuthStatus::Explicit: return "explicit";
    case AuthStatus::Inherited: return "inherited";
    case AuthStatus::None: return "none";
    case AuthStatus::Unknown: return "unknown";
  }
  return "unknown";
}

const Route* Facts::routeAt(std::uint32_t byte) const {
  const Route* best = nullptr;
  for (const auto& r : routes)
    if (r.handlerStart <= byte && byte < r.handlerEnd &&
        (!best || r.handlerEnd - r.handlerStart < best->handlerEnd - best->handlerStart))
      best = &r;
  return best;
}

FileRole Facts::roleAt(std::uint32_t byte) const {
  const RoleSpan* best = nullptr;
  for (const auto& s : functionRoles)
    if (s.start <= byte && byte < s.end && (!best || s.end - s.start < best->end - best->start)) best = &s;
  return best ? best->role : role;
}

bool Facts::inHandler(std::uint32_t byte) const {
  if (routeAt(byte)) return true;
  return std::any_of(handlerSpans.begin(), handlerSpans.end(),
                     [&](const HandlerSpan& h) { return h.start <= byte && byte < h.end; });
}

std::vector<const Route*> Facts::healthRoutes() const {
  std::vector<const Route*> out;
  for (const auto& r : routes)
    if (isHealthPath(r.path)) out.push_back(&r);
  return out;
}

namespace {
std::string normalizedHealthPath(std::string_view path) {
  std::string p;
  for (char c : path) p += static_cast<char>((c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c);
  if (auto sp = p.find(' '); sp != std::string::npos) p = p.substr(sp + 1);  // "GET /health"
  if (p.size() > 1 && p.back() == '/') p.pop_back();
  if (p.starts_with("/api/")) p = p.substr(4);
  return p;
}
}  // namespace

bool isHealthPath(std::string_view path) {
  auto p = normalizedHealthPath(path);
  for (auto h : {"/health", "/healthz", "/live", "/livez", "/ready", "/readyz", "/ping", "/status", "/_health"})
    if (p == h) return true;
  return false;
}

bool isReadinessPath(std::string_view path) {
  auto p = normalizedHealthPath(path);
  return p == "/ready" || p == "/readyz";
}

bool Facts::imports_(std::string_view module) const {
  return std::any_of(imports.begin(), imports.end(), [&](const Import& i) { return i.module == module; });
}

bool Facts::usesFramework(std::string_view name) const {
  return std::find(frameworks.begin(), frameworks.end(), name) != frameworks.end();
}

namespace {
bool hasSegment(std::string_view path, std::string_view seg) {
  // seg matches a whole directory component anywhere in the path.
  std::size_t pos = 0;
  while (pos <= path.size()) {
    auto next = path.find('/', pos);
    auto comp = path.substr(pos, next == std::string_view::npos ? std::string_view::npos : next - pos);
    if (comp == seg && next != std::string_view::npos) return true;
    if (next == std::string_view::npos) break;
    pos = next + 1;
  }
  return false;
}
bool endsWith(std::string_view s, std::string_view t) {
  return s.size() >= t.size() && s.substr(s.size() - t.size()) == t;
}
}  // namespace

namespace {
/// The file name without its extensions, split at `_`, `-`, `.` and lower-to-upper case changes
/// (`seed_database` -> seed, database; `seedData.ts` -> seed, Data).
std::vector<std::string_view> nameWords(std::string_view name) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= name.size(); ++i) {
    bool end = i == name.size() || name[i] == '_' || name[i] == '-' || name[i] == '.';
    bool camel = !end && i > start && std::isupper(static_cast<unsigned char>(name[i])) &&
                 std::islower(static_cast<unsigned char>(name[i - 1]));
    if (end || camel) {
      if (i > start) out.push_back(name.substr(start, i - start));
      start = end ? i + 1 : i;
    }
  }
  return out;
}

bool isSeedFile(std::string_view path, std::string_view name) {
  for (auto seg : {"seeds", "seed", "seeders", "seed-data", "seed_data", "seeding"})
    if (hasSegment(path, seg)) return true;
  auto dot = name.find('.');
  for (auto w : nameWords(name.substr(0, dot))) {
    std::string lw;
    for (char c : w) lw += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lw == "seed" || lw == "seeds" || lw == "seeder" || lw == "seeding" || lw == "devdata") return true;
  }
  return false;
}

/// Build, lint, test-runner and editor/agent tool configuration: never part of the service.
bool isToolingFile(std::string_view path, std::string_view name) {
  for (auto seg : {".claude", ".cursor", ".vscode", ".husky", ".devcontainer"})
    if (hasSegment(path, seg)) return true;
  // Storybook and Storybook-like preview tools (`.storybook/`, `cmd/wtf-storybook/`): a local
  // component/template preview, not the deployed service.
  auto dir = path.substr(0, path.size() - name.size());
  if (dir.find("storybook/") != std::string_view::npos) return true;
  if (name.starts_with("eslint-plugin") || name.starts_with(".eslintrc") || name.starts_with(".prettierrc") ||
      name == "Gruntfile.js" || name.starts_with("gulpfile."))
    return true;
  auto dot = name.find(".config.");
  if (dot == std::string_view::npos) return false;
  auto tool = name.substr(0, dot);
  for (auto t : {"vite", "vitest", "jest", "playwright", "cypress", "webpack", "rollup", "esbuild", "tsup", "eslint",
                 "prettier", "postcss", "tailwind", "babel", "next", "nuxt", "svelte", "astro", "drizzle",
                 "commitlint", "stylelint", "lint-staged", "vue", "remix", "karma", "nodemon", "turbo", "metro"})
    if (tool == t) return true;
  return false;
}
}  // namespace

FileRole roleFromPath(std::string_view path) {
  auto slash = path.find_last_of('/');
  std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);

  for (auto seg : {"node_modules", "vendor", "third_party", "dist", "build", ".venv", "venv",
                   "site-packages", "__generated__", "generated"})
    if (hasSegment(path, seg)) return FileRole::Generated;
  if (endsWith(name, ".min.js") || endsWith(name, ".pb.go") || endsWith(name, "_pb2.py") ||
      endsWith(name, ".gen.go") || endsWith(name, ".generated.ts"))
    return FileRole::Generated;

  for (auto seg : {"tests", "test", "__tests__", "testing", "e2e", "cypress", "playwright", "fixtures",
                   "testdata", "spec"})
    if (hasSegment(path, seg)) return FileRole::Test;
  if (endsWith(name, "_test.go") || endsWith(name, "_test.py") ||
      (name.starts_with("test_") && endsWith(name, ".py")) || name == "conftest.py")
    return FileRole::Test;
  for (auto mid : {".test.", ".spec."})
    if (name.find(mid) != std::string_view::npos) return FileRole::Test;
  if (isToolingFile(path, name)) return FileRole::Tooling;

  for (auto seg : {"migrations", "migration", "alembic", "migrate"})
    if (hasSegment(path, seg)) return FileRole::Migration;
  // Seed scripts are one-off scripts (not migrations: they do not version the schema).
  if (isSeedFile(path, name)) return FileRole::Script;
  for (auto seg : {"scripts", "script", "bin", "tools"})
    if (hasSegment(path, seg)) return FileRole::Script;
  // Django management commands: `python manage.py <name>`.
  if (path.find("management/commands/") != std::string_view::npos) return FileRole::Script;
  if (name == "manage.py" || name == "setup.py" || name == "noxfile.py" || name == "fabfile.py")
    return FileRole::Script;
  return FileRole::Library;
}

}  // namespace agentlens::core
