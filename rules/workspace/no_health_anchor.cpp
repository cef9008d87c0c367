#include "rules/workspace/no_health_anchor.hpp"

#include <algorithm>

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

}  // namespace

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
