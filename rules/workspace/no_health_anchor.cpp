#include "rules/workspace/no_health_anchor.hpp"

#include <algorithm>
#include <map>

#include "core/text/path_text.hpp"

namespace agentlens::rules {
namespace {

/// "src/modules/users/users.index.ts" -> "users.index"; "./v1" -> "v1".
std::string stemOf(std::string_view path) {
  auto name = core::text::baseName(path);
  for (std::string_view ext : {".ts", ".js", ".mjs", ".tsx"})
    if (name.ends_with(ext)) return std::string(name.substr(0, name.size() - ext.size()));
  return std::string(name);
}

/// NestJS: the first route of the root controller (`@Controller()` serving `GET /`), where a
/// `@Get('health')` goes.
Anchor nestAnchor(const std::vector<core::RouteRef>& routes) {
  for (const auto& r : routes)
    if (r.route.framework == "nestjs" &&
        (r.route.path == "/" || std::find(r.testPaths.begin(), r.testPaths.end(), "/") != r.testPaths.end()))
      return {r.file->path, r.route.line};  // "/" before a setGlobalPrefix("api")
  return {};
}

/// Hono: the first `app.route("/users", users)` of the file that mounts sub-apps and is not
/// mounted itself (the root app), where `app.get("/health", …)` goes.
Anchor honoAnchor(const std::vector<const core::FileResult*>& files) {
  std::vector<std::string> mountedStems;
  for (const auto* f : files)
    for (const auto& m : f->facts.mounts)
      if (!m.module.empty()) mountedStems.push_back(stemOf(m.module));
  for (const auto* f : files) {
    if (f->facts.isTestOrGenerated() || !core::isJsFamily(f->lang)) continue;
    if (std::find(mountedStems.begin(), mountedStems.end(), stemOf(f->path)) != mountedStems.end()) continue;
    for (const auto& m : f->facts.mounts)
      if (!m.prefix.empty() && m.owner != "openapi") return {f->path, m.line};
  }
  return {};
}

std::string dirOf(std::string_view path) {
  auto slash = path.find_last_of('/');
  return slash == std::string_view::npos ? std::string() : std::string(path.substr(0, slash));
}

}  // namespace

std::vector<UnitAnchor> unitsWithoutHealth(const std::vector<core::RouteRef>& routes,
                                       const std::vector<const core::FileResult*>& files) {
  std::vector<std::string> units;  // folders with their own Dockerfile, not the repository root
  for (const auto* f : files)
    if (core::text::baseName(f->path) == "Dockerfile" && !dirOf(f->path).empty()) units.push_back(dirOf(f->path));
  struct Unit {
    bool health = false;
    const core::RouteRef* last = nullptr;  ///< last route of the file registering the most routes
    std::map<std::string, int> perFile;
  };
  std::map<std::string, Unit> byUnit;
  for (const auto& r : routes) {
    if (r.file->facts.isTestOrGenerated() || r.file->facts.role == core::FileRole::Tooling) continue;
    std::string unit;
    for (const auto& u : units)
      if (r.file->path.starts_with(u + "/") && u.size() > unit.size()) unit = u;
    if (unit.empty()) continue;
    Unit& x = byUnit[unit];
    x.health = x.health || core::isHealthPath(r.route.path);
    int n = ++x.perFile[r.file->path];
    if (!x.last || (r.file == x.last->file && r.route.line > x.last->route.line) ||
        (r.file != x.last->file && n > x.perFile[x.last->file->path]))
      x.last = &r;
  }
  std::vector<UnitAnchor> out;
  for (const auto& [unit, x] : byUnit)
    if (!x.health && x.last) out.push_back({unit, {x.last->file->path, x.last->route.line}});
  return out;
}

Anchor healthRouteAnchor(const std::vector<core::RouteRef>& routes, const std::vector<const core::FileResult*>& files) {
  bool nest = false, hono = false;
  for (const auto& r : routes) {
    nest = nest || r.route.framework == "nestjs";
    hono = hono || r.route.framework == "hono";
  }
  if (nest)
    if (Anchor a = nestAnchor(routes); a.valid()) return a;
  if (hono) return honoAnchor(files);
  return {};
}

}  // namespace agentlens::rules
