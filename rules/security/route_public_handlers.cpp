#include "rules/security/route_public_handlers.hpp"

#include <cctype>

namespace agentlens::rules::route_auth {
namespace {

bool has(std::string_view text, std::string_view w) { return text.find(w) != std::string_view::npos; }

/// Index just past the brace block that starts at or after `from`, skipping strings and
/// template literals; npos when it does not close.
std::size_t blockEnd(std::string_view s, std::size_t from) {
  std::size_t open = s.find('{', from);
  if (open == std::string_view::npos) return open;
  int depth = 0;
  for (std::size_t i = open; i < s.size(); ++i) {
    char c = s[i];
    if (c == '"' || c == '\'' || c == '`') {
      for (++i; i < s.size() && s[i] != c; ++i)
        if (s[i] == '\\') ++i;
      continue;
    }
    if (c == '{') ++depth;
    if (c == '}' && --depth == 0) return i + 1;
  }
  return std::string_view::npos;
}

bool identChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; }

}  // namespace

bool chargesCallersCard(std::string_view h) {
  bool charge = has(h, "charges.create(") || has(h, "paymentIntents.create(");
  if (!charge || has(h, "customer:") || has(h, "customer =")) return false;
  bool fromBody = has(h, "req.body") || has(h, "request.body") || has(h, "ctx.request.body");
  bool token = has(h, "source:") || has(h, "payment_method:") || has(h, "source,") || has(h, "payment_method,");
  return fromBody && token;
}

bool ownSessionStateOnly(std::string_view h) {
  if (!(has(h, "req.sessionID") || has(h, "req.session.id") || has(h, "request.sessionID"))) return false;
  for (std::string_view input : {"req.body", "req.query", "req.params", "req.file", "req.headers", "req.get(",
                                 "request.body", "request.query", "request.params"})
    if (has(h, input)) return false;
  return true;
}

std::optional<std::string> exportedFunctionText(std::string_view s, std::string_view name) {
  std::string n(name);
  for (const std::string& def : {"exports." + n + " =", "exports." + n + "=", "export async function " + n + "(",
                                 "export function " + n + "(", "export const " + n + " =", "async function " + n + "(",
                                 "function " + n + "("}) {
    for (auto at = s.find(def); at != std::string_view::npos; at = s.find(def, at + 1)) {
      if (at > 0 && identChar(s[at - 1]) && s[at - 1] != '.') continue;
      auto end = blockEnd(s, at + def.size());
      if (end == std::string_view::npos) continue;
      return std::string(s.substr(at, end - at));
    }
  }
  return std::nullopt;
}

}  // namespace agentlens::rules::route_auth
