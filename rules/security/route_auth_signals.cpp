// route-without-auth: path, handler and registration signals (see route_auth_signals.hpp).
#include "rules/security/route_auth_signals.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

#include "core/facts/route_public.hpp"
#include "core/text/path_text.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules::route_auth {

using core::Lang;

bool isSensitivePath(std::string_view path) {
  for (const auto& s : core::routeSegments(path))
    for (auto w : {"admin", "user", "users", "account", "accounts", "settings", "billing", "order", "orders",
                   "internal", "payments", "payment", "refund", "refunds", "me", "profile", "invoices"})
      if (s == w) return true;
  return false;
}

bool verifiesSignature(std::string_view handler) {
  for (auto w : {"construct_event", "constructEvent", "compare_digest", "timingSafeEqual", "hmac.Equal",
                 "verify_signature", "verifySignature", "verifyWebhook", "verify_webhook", "Webhook(", "svix",
                 "ValidateSignature", "validate_signature", "X-Hub-Signature", "x-hub-signature"})
    if (handler.find(w) != std::string_view::npos) return true;
  return false;
}

std::string registrationText(const RuleContext& ctx, const core::Route& route) {
  const auto& lines = ctx.file().lines;
  auto src = ctx.source();
  std::string out;
  std::uint32_t last = std::min(lines.lineCount(), route.line + 12);
  for (std::uint32_t l = route.line; l < last; ++l) {
    std::string_view t = lines.lineText(l);
    std::uint32_t start = lines.lineStart(l);
    if (l > route.line) {
      auto f = t.find_first_not_of(" \t");
      std::string_view body = f == std::string_view::npos ? std::string_view() : t.substr(f);
      if (ctx.lang() != Lang::Python) break;
      if (!body.starts_with("@") && !body.starts_with("def ") && !body.starts_with("async def ")) break;
      if (!body.starts_with("@")) break;
    }
    if (route.handlerStart > start && route.handlerStart < start + t.size() && ctx.lang() != Lang::Python)
      t = t.substr(0, route.handlerStart - start);
    out += std::string(t);
    out += '\n';
  }
  (void)src;
  for (std::size_t at = out.find(route.path); !route.path.empty() && at != std::string::npos;
       at = out.find(route.path, at + 1))
    out.replace(at, route.path.size(), std::string(route.path.size(), ' '));
  return out;
}

/// True when the registration text names an auth guard the registry did not recognise
/// (`@require_admin`, `s.requireToken(h)`, `ensureSignedIn,`).
bool guardInRegistration(std::string_view text) {
  std::string l = core::text::asciiLower(text);
  for (auto w : {"require", "auth", "token", "login", "admin", "permission", "role", "jwt", "protect", "guard",
                 "verify", "signed_in", "signedin", "authenticated", "apikey", "api_key"})
    if (l.find(w) != std::string::npos) return true;
  return false;
}

bool setupOnlyEvidence(std::string_view authBy) {
  std::string l = core::text::asciiLower(authBy);
  return l.find("passport.initialize()") != std::string::npos || l.find("passport.session()") != std::string::npos;
}

bool publicFlowPath(std::string_view path) {
  auto segs = core::routeSegments(path);
  if (segs.empty()) return false;
  if (segs.front() == "forgot" || segs.back() == "forgot") return segs.size() <= 2;
  if (segs.front() == "reset" && segs.size() == 2) return segs[1].find_first_of(":{<") == 0;  // /reset/:token
  return segs.size() == 1 && segs.front() == "contact";
}

bool redirectOnly(std::string_view handler) {
  if (handler.size() > 160 || handler.find("redirect(") == std::string_view::npos) return false;
  return std::count(handler.begin(), handler.end(), '(') <= 2;
}

bool credentialCheckEndpoint(std::string_view path) {
  auto segs = core::routeSegments(path);
  return !segs.empty() && (segs.back() == "introspect" || segs.back() == "introspection");
}

namespace {

bool identChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'; }

/// Cookie names the handler reads and sets: a string literal (or `cookies.name`) right after a
/// cookie accessor; a setter (`set_cookie(`, `res.cookie(`, `cookies.set(`, Go `Name:`) sets it.
void cookieNames(std::string_view h, std::vector<std::string>& read, std::vector<std::string>& set) {
  std::string l = core::text::asciiLower(h);
  for (std::size_t i = 0; i < h.size(); ++i) {
    char q = h[i];
    bool dotted = l.compare(i, 8, "cookies.") == 0 && i + 8 < h.size() && l.compare(i + 8, 4, "get(") != 0 &&
                  l.compare(i + 8, 4, "set(") != 0;
    if (q != '"' && q != '\'' && !dotted) continue;
    std::size_t b = dotted ? i + 8 : i + 1, e = b;
    while (e < h.size() && identChar(h[e])) ++e;
    if (e == b || (!dotted && (e >= h.size() || h[e] != q))) continue;
    std::string name(h.substr(b, e - b));
    std::string before = l.substr(i >= 24 ? i - 24 : 0, dotted ? 24 : std::min<std::size_t>(i, 24));
    if (dotted) {
      read.push_back(name);
    } else if (before.ends_with("set_cookie(") || before.ends_with(".cookie(") || before.ends_with("cookies.set(") ||
               before.ends_with("setcookie(") || before.find("name:") != std::string::npos) {
      set.push_back(name);
    } else if (before.find("cookie") != std::string::npos) {
      read.push_back(name);
    }
    i = e;
  }
}

}  // namespace

bool anonymousVisitor(std::string_view handler) {
  std::string l = core::text::asciiLower(handler);
  bool mints = false;
  for (auto w : {"uuid", "random", "nanoid", "token_hex", "token_urlsafe", "rand.read", "crypto.rand"})
    mints = mints || l.find(w) != std::string::npos;
  if (!mints) return false;
  std::vector<std::string> read, set;
  cookieNames(handler, read, set);
  for (const auto& n : read)
    if (std::find(set.begin(), set.end(), n) != set.end()) return true;
  return false;
}

bool touchesNoStoredData(std::string_view handler) {
  static const std::vector<std::string_view> kWords = {
      "db", "database", "repo", "repository", "store", "model", "models", "query", "queries", "cursor", "prisma",
      "collection", "objects", "find", "select", "execute", "exec", "redis", "cache", "user", "users", "account",
      "accounts", "order", "orders", "secret", "token", "password", "key", "cookie", "cookies", "sql", "table",
      "orm", "entity", "dao", "knex", "sequelize", "mongoose", "supabase", "firestore", "file", "open", "read"};
  std::size_t i = 0;
  while (i < handler.size()) {
    if (!std::isalpha(static_cast<unsigned char>(handler[i])) && handler[i] != '_') { ++i; continue; }
    std::size_t b = i;
    while (i < handler.size() && (std::isalnum(static_cast<unsigned char>(handler[i])) || handler[i] == '_')) ++i;
    std::string_view tok = handler.substr(b, i - b);
    if (core::text::asciiLower(tok) == "session") return false;
    // Words of the identifier: snake_case and camelCase parts.
    std::size_t w = 0;
    for (std::size_t k = 1; k <= tok.size(); ++k) {
      bool cut = k == tok.size() || tok[k] == '_' ||
                 (std::isupper(static_cast<unsigned char>(tok[k])) && std::islower(static_cast<unsigned char>(tok[k - 1])));
      if (!cut) continue;
      std::string word = core::text::asciiLower(tok.substr(w, k - w));
      if (std::find(kWords.begin(), kWords.end(), word) != kWords.end()) return false;
      w = k < tok.size() && tok[k] == '_' ? k + 1 : k;
    }
  }
  return true;
}

}  // namespace agentlens::rules::route_auth
