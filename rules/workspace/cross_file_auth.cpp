// Cross-file knowledge for the authorization rules (see cross_file_auth.hpp).
#include "rules/workspace/cross_file_auth.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <optional>
#include <string>

#include "core/facts/route_public.hpp"
#include "core/text/path_text.hpp"
#include "rules/security/object_access_paths.hpp"
#include "rules/security/route_auth_drf.hpp"
#include "rules/security/route_auth_signals.hpp"
#include "rules/security/route_public_handlers.hpp"

namespace agentlens::rules {

namespace {

/// A non-test module of the route's language that compares the request path with the route's full
/// path (`if request.url.path != "/api/v1/purchase"`, `require_payment(path="/api/v1/purchase")`):
/// a middleware gates this route, so its auth cannot be decided statically (unknown, not none).
bool gatedByMiddleware(const core::RouteRef& r, const WorkspaceView& view,
                       std::map<std::string, std::optional<std::string>>& texts) {
  const std::string& path = r.route.path;
  if (path.size() < 2 || path.find_first_of("<{:*") != std::string::npos) return false;
  for (const auto* f : view.files()) {
    if (f == r.file || f->lang != r.file->lang || f->facts.isTestOrGenerated()) continue;
    auto it = texts.find(f->path);
    if (it == texts.end()) it = texts.emplace(f->path, view.read(f->path)).first;
    if (!it->second) continue;
    const std::string& t = *it->second;
    for (char q : {'"', '\''}) {
      std::string lit = q + path + q;
      for (auto at = t.find(lit); at != std::string::npos; at = t.find(lit, at + 1)) {
        auto ls = t.rfind('\n', at);
        std::string before = t.substr(ls == std::string::npos ? 0 : ls + 1, at - (ls == std::string::npos ? 0 : ls + 1));
        if (before.find("path") != std::string::npos || before.find("Path") != std::string::npos) return true;
      }
    }
  }
  return false;
}

/// A JS route whose handler is a reference to another module (`apiController.postStripe`): the
/// exported function's text, when exactly one non-test module of the workspace defines it.
/// Only state-changing routes with a `module.handler` reference are looked up, once per name.
std::optional<std::string> handlerElsewhere(const core::RouteRef& r, const WorkspaceView& view,
                                            std::map<std::string, std::optional<std::string>>& texts,
                                            std::map<std::string, std::optional<std::string>>& memo) {
  const std::string& ref = r.route.handler;
  if (!core::isJsFamily(r.file->lang) || ref.find('.') == std::string::npos || r.route.handlerEnd > r.route.handlerStart ||
      r.route.method == "GET" || r.route.method == "HEAD")
    return std::nullopt;
  std::string name = ref.substr(ref.rfind('.') + 1);
  if (auto m = memo.find(name); m != memo.end()) return m->second;
  auto& found = memo[name];
  for (const auto* f : view.files()) {
    if (f == r.file || !core::isJsFamily(f->lang) || f->facts.isTestOrGenerated()) continue;
    auto it = texts.find(f->path);
    if (it == texts.end()) it = texts.emplace(f->path, view.read(f->path)).first;
    if (!it->second) continue;
    auto text = route_auth::exportedFunctionText(*it->second, name);
    if (!text) continue;
    if (found) return found = std::nullopt;  // two candidates: do not guess
    found = std::move(text);
  }
  return found;
}

/// A settings module sets REST_FRAMEWORK's DEFAULT_PERMISSION_CLASSES to something other than
/// AllowAny: DRF views without their own permission_classes inherit it.
bool drfDefaultPermission(const WorkspaceView& view, std::map<std::string, std::optional<std::string>>& texts) {
  for (const auto* f : view.files()) {
    if (f->lang != core::Lang::Python || f->facts.isTestOrGenerated()) continue;
    auto it = texts.find(f->path);
    if (it == texts.end()) it = texts.emplace(f->path, view.read(f->path)).first;
    if (!it->second) continue;
    const std::string& t = *it->second;
    auto at = t.find("DEFAULT_PERMISSION_CLASSES");
    if (at == std::string::npos) continue;
    auto close = t.find_first_of(")]", at);
    std::string value = t.substr(at, close == std::string::npos ? std::string::npos : close - at);
    if (value.find("AllowAny") == std::string::npos) return true;  // IsAuthenticated, a custom permission, …
  }
  return false;
}

}  // namespace

// ---- route-without-auth: auth and public reasons seen from the whole service -------------------

/// Drops the findings of routes that the workspace shows protected (a mount after `app.use(auth)`,
/// a Go group handed to the registering function after `Use(auth)`, a Fastify autohooks file) or
/// public by design once mounted (`/auth` + `/register`): every route on the finding's line must be.
void routeAuthAcrossFiles(std::vector<core::FileResult>& files, const WorkspaceView& view) {
  std::map<std::pair<std::string, std::uint32_t>, bool> open;  // (path, line) -> some route still open
  std::map<std::string, std::optional<std::string>> texts, handlers;
  for (const auto& r : view.index().routes()) {
    bool setupOnly = r.route.auth == core::AuthStatus::Inherited && route_auth::setupOnlyEvidence(r.route.authBy);
    bool covered = (r.route.auth != core::AuthStatus::None && !setupOnly) || !r.route.publicReason.empty();
    if (!covered) covered = gatedByMiddleware(r, view, texts);
    if (!covered)
      if (auto h = handlerElsewhere(r, view, texts, handlers))
        covered = route_auth::chargesCallersCard(*h) || route_auth::ownSessionStateOnly(*h);
    auto key = std::make_pair(r.file->path, r.route.line);
    open[key] = open[key] || !covered;
  }
  // A read-only service (no state-changing route that is not public by design) serves public
  // reads: its plain GET routes are not forgotten guards (sensitive paths stay reported).
  bool writes = false;
  for (const auto& r : view.index().routes()) {
    const std::string& m = r.route.method;
    if (r.file->facts.isTestOrGenerated() || !r.route.publicReason.empty() ||
        !core::publicByDesign(m, r.route.path, r.route.handler, r.route.name).empty())
      continue;
    writes = writes || m == "POST" || m == "PUT" || m == "PATCH" || m == "DELETE" || m == "*";
  }
  bool drfDefault = drfDefaultPermission(view, texts);
  for (auto& fr : files)
    std::erase_if(fr.findings, [&](const core::Finding& f) {
      if (f.ruleId != "route-without-auth") return false;
      if (f.message.find(route_auth::kDrfViewTag) != std::string::npos) return drfDefault;
      if (!writes && f.message.starts_with("GET ") && f.message.find(" has no authentication: ") != std::string::npos)
        return true;
      auto it = open.find({fr.path, f.start.line});
      return it != open.end() && !it->second;
    });
}

void objectAccessAcrossFiles(std::vector<core::FileResult>& files, const WorkspaceView& view) {
  // routes() answers by value: keep the list alive while pointers into it are used.
  const auto allRoutes = view.index().routes();
  std::map<std::pair<std::string, std::uint32_t>, const core::RouteRef*> routes;
  for (const auto& r : allRoutes) routes[{r.file->path, r.route.line}] = &r;
  for (auto& fr : files) {
    // Lines route-without-auth reports as open, collected before the erase below moves findings.
    std::set<std::uint32_t> openLines;
    for (const auto& f : fr.findings)
      if (f.ruleId == "route-without-auth") openLines.insert(f.start.line);
    std::erase_if(fr.findings, [&](const core::Finding& f) {
      if (f.ruleId != "object-access-without-ownership-check") return false;
      if (openLines.count(f.start.line)) return true;
      auto it = routes.find({fr.path, f.start.line});
      if (it == routes.end()) return false;
      const auto& m = it->second->route.method;
      return (m == "GET" || m.empty()) && object_access::catalogPath(it->second->route.path);
    });
  }
}

void securityHeadersElsewhere(std::vector<core::FileResult>& files, const WorkspaceView::Reader& read) {
  auto ours = [](const core::Finding& f) {
    return f.ruleId == "missing-security-headers" && f.message.starts_with("Fastify app");
  };
  bool any = std::any_of(files.begin(), files.end(), [&](const core::FileResult& fr) {
    return std::any_of(fr.findings.begin(), fr.findings.end(), ours);
  });
  if (!any || !read) return;
  bool set = std::any_of(files.begin(), files.end(), [&](const core::FileResult& fr) {
    if (!core::isJsFamily(fr.lang) || fr.facts.isTestOrGenerated()) return false;
    auto text = read(fr.path);
    if (!text) return false;
    std::string l = core::text::asciiLower(*text);
    for (auto h : {"helmet", "x-content-type-options", "strict-transport-security", "content-security-policy"})
      if (l.find(h) != std::string::npos) return true;
    return false;
  });
  if (set)
    for (auto& fr : files) std::erase_if(fr.findings, ours);
}

void corsOverriddenByProduction(std::vector<core::FileResult>& files, const WorkspaceView::Reader& read) {
  auto ours = [](const core::Finding& f) {
    return f.ruleId == "permissive-cors" && (f.message.starts_with("`CORS_ALLOW_ALL_ORIGINS = True`") ||
                                             f.message.starts_with("`CORS_ORIGIN_ALLOW_ALL = True`"));
  };
  bool any = std::any_of(files.begin(), files.end(), [&](const core::FileResult& fr) {
    return std::any_of(fr.findings.begin(), fr.findings.end(), ours);
  });
  if (!any || !read) return;
  bool overridden = std::any_of(files.begin(), files.end(), [&](const core::FileResult& fr) {
    auto slash = fr.path.find_last_of('/');
    std::string name = slash == std::string::npos ? fr.path : fr.path.substr(slash + 1);
    if (fr.lang != core::Lang::Python || (name != "production.py" && name != "prod.py")) return false;
    auto text = read(fr.path);
    if (!text) return false;
    std::string squashed = "\n";
    for (char c : *text)
      if (c != ' ' && c != '\t') squashed += c;
    return squashed.find("\nCORS_ALLOW_ALL_ORIGINS=False") != std::string::npos ||
           squashed.find("\nCORS_ORIGIN_ALLOW_ALL=False") != std::string::npos;
  });
  if (overridden)
    for (auto& fr : files) std::erase_if(fr.findings, ours);
}

/// untrusted-client-ip judges one file alone: Express's `app.set("trust proxy", …)` or gin's
/// `SetTrustedProxies` may sit in another module (the file that builds the app or router).
void trustProxyElsewhere(std::vector<core::FileResult>& files, const WorkspaceView::Reader& read) {
  struct Kind {
    std::string_view message;  ///< identifies the finding
    bool (*lang)(core::Lang);
    std::initializer_list<std::string_view> settings;
  };
  static constexpr auto isGo = [](core::Lang l) { return l == core::Lang::Go; };
  static constexpr auto isJs = [](core::Lang l) { return core::isJsFamily(l); };
  for (const Kind& k : {Kind{"never sets `trust proxy`", +isJs, {"trust proxy", "trustProxy"}},
                        Kind{"`SetTrustedProxies` names your proxies", +isGo, {"SetTrustedProxies", "TrustedPlatform"}}}) {
    auto ours = [&](const core::Finding& f) {
      return f.ruleId == "untrusted-client-ip" && f.message.find(k.message) != std::string::npos;
    };
    bool any = std::any_of(files.begin(), files.end(), [&](const core::FileResult& fr) {
      return std::any_of(fr.findings.begin(), fr.findings.end(), ours);
    });
    if (!any) continue;
    bool trusted = std::any_of(files.begin(), files.end(), [&](const core::FileResult& fr) {
      if (!k.lang(fr.lang)) return false;
      auto text = read ? read(fr.path) : std::nullopt;
      return text && std::any_of(k.settings.begin(), k.settings.end(),
                                 [&](std::string_view s) { return text->find(s) != std::string::npos; });
    });
    if (trusted)
      for (auto& fr : files) std::erase_if(fr.findings, ours);
  }
}

}  // namespace agentlens::rules
