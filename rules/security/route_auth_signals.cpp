// route-without-auth: path, handler and registration signals (see route_auth_signals.hpp).
#include "rules/security/route_auth_signals.hpp"

#include <algorithm>

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

}  // namespace agentlens::rules::route_auth
