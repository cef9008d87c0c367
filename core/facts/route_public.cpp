#include "core/facts/route_public.hpp"
#include "core/text/path_text.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

namespace agentlens::core {
namespace {

bool versionSegment(std::string_view s) {
  return s.size() > 1 && s.size() <= 3 && s[0] == 'v' && std::isdigit(static_cast<unsigned char>(s[1]));
}

bool oneOf(std::string_view s, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), s) != set.end();
}

/// First segments that make a whole area public (infrastructure, docs, auth flows).
std::string publicArea(const std::vector<std::string>& segs) {
  const std::string& first = segs.front();
  for (std::string_view p : {"health", "healthz", "ready", "readyz", "readiness", "live", "livez", "liveness", "ping",
                             "metrics", "status", "version"})
    if (first == p || first.starts_with(std::string(p) + "-") || first.starts_with(std::string(p) + "_"))
      return segs.size() <= 2 ? "health" : "";
  if (oneOf(first, {"login", "logout", "signin", "signout", "sign-in", "sign-out"})) return "login";
  if (oneOf(first, {"signup", "sign-up", "register"})) return "registration";
  if (oneOf(first, {"auth", "oauth", "oauth2", "callback", "token", "sso"})) return "authentication flow";
  if (oneOf(first, {"forgot-password", "reset-password", "password-reset", "verify-email"})) return "password reset";
  if (oneOf(first, {"docs", "redoc", "openapi.json", "swagger", "swagger.json"})) return "API docs";
  if (oneOf(first, {"static", "assets", "public", "favicon.ico", "robots.txt", ".well-known", "sitemap.xml"}))
    return "static files";
  return "";
}

/// Last segments of the endpoints a caller reaches before it has credentials (`/users/login`,
/// `/auth/refresh-token`): the refresh token or the credentials in the body authenticate them.
std::string publicEndpoint(const std::vector<std::string>& segs) {
  const std::string& last = segs.back();
  if (oneOf(last, {"login", "logout", "signin", "sign-in"})) return "login";
  if (oneOf(last, {"signup", "sign-up", "register", "registration"})) return "registration";
  if (oneOf(last, {"refresh", "refresh-token", "refresh_token", "refresh-tokens", "refresh_tokens", "token"}))
    return "token refresh";
  if (oneOf(last, {"forgot-password", "reset-password", "password-reset", "forgot_password", "reset_password"}))
    return "password reset";
  return "";
}

/// A handler or route name that registers new accounts (`register`, `signup`, `auth:register`).
bool registrationName(std::string_view handler, std::string_view name) {
  for (auto s : {text::asciiLower(handler), text::asciiLower(name)})
    for (std::string_view w : {"register", "registration", "signup", "sign_up"})
      if (s.find(w) != std::string::npos) return true;
  return false;
}

/// `POST /users` whose handler creates the account (`new`, `create`, `CreateUser`): sign-up.
bool accountCreation(std::string_view method, const std::vector<std::string>& segs, std::string_view handler) {
  if (method != "POST" || segs.size() != 1 || !oneOf(segs.front(), {"users", "accounts"})) return false;
  std::string h = text::asciiLower(handler.substr(handler.rfind('.') == std::string_view::npos ? 0 : handler.rfind('.') + 1));
  return oneOf(h, {"new", "create", "createuser", "create_user", "createaccount", "create_account", "new_user"});
}

}  // namespace

std::vector<std::string> routeSegments(std::string_view path) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos < path.size()) {
    auto slash = path.find('/', pos);
    std::string seg = text::asciiLower(path.substr(pos, slash == std::string_view::npos ? std::string_view::npos : slash - pos));
    if (!seg.empty()) out.push_back(seg);
    if (slash == std::string_view::npos) break;
    pos = slash + 1;
  }
  while (!out.empty() && (out.front() == "api" || versionSegment(out.front()))) out.erase(out.begin());
  return out;
}

std::string publicByDesign(std::string_view method, std::string_view path, std::string_view handler,
                           std::string_view name) {
  if (method == "OPTIONS") return "CORS preflight";
  auto segs = routeSegments(path);
  if (method == "POST" && registrationName(handler, name)) return "registration";
  if (segs.empty()) return method == "GET" || method == "HEAD" ? "landing page" : "";
  if (auto area = publicArea(segs); !area.empty()) return area;
  if (segs.size() == 2 || (segs.size() >= 2 && segs.back().find("refresh") != std::string::npos))
    if (auto e = publicEndpoint(segs); !e.empty()) return e;
  if (segs.size() == 1 && segs.front().find("refresh") != std::string::npos) return "token refresh";
  if (accountCreation(method, segs, handler)) return "registration";
  return "";
}

}  // namespace agentlens::core
