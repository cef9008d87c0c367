// Secret detection: credential names, entropy and the placeholder filters (provider key patterns
// live in secret_providers.cpp).
#include "core/text/path_text.hpp"
#include "rules/common/secrets.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <string>
#include <vector>

namespace agentlens::rules::secrets {
namespace {

bool identChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

/// Splits an identifier into lower-case words: apiKey, API_KEY, api-key -> {api, key}.
std::vector<std::string> words(std::string_view name) {
  std::vector<std::string> out;
  std::string cur;
  for (std::size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    auto u = static_cast<unsigned char>(c);
    if (!std::isalnum(u)) {
      if (!cur.empty()) out.push_back(core::text::asciiLower(cur));
      cur.clear();
      continue;
    }
    if (std::isupper(u) && !cur.empty() &&
        (std::islower(static_cast<unsigned char>(cur.back())) ||
         (i + 1 < name.size() && std::islower(static_cast<unsigned char>(name[i + 1])) &&
          std::isupper(static_cast<unsigned char>(cur.back()))))) {
      out.push_back(core::text::asciiLower(cur));
      cur.clear();
    }
    cur += c;
  }
  if (!cur.empty()) out.push_back(core::text::asciiLower(cur));
  return out;
}


/// A dotted path of identifiers: `package.module.ClassName` (Django/DRF settings name classes
/// this way), at least three parts, or two when the last is a class (`models.User`).
bool isDottedPath(std::string_view v) {
  std::size_t parts = 0;
  std::string_view last;
  for (std::size_t start = 0; start <= v.size();) {
    auto dot = v.find('.', start);
    std::string_view part = v.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (part.empty() || !(std::isalpha(static_cast<unsigned char>(part.front())) || part.front() == '_')) return false;
    for (char c : part)
      if (!identChar(c)) return false;
    ++parts;
    last = part;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  bool className = std::isupper(static_cast<unsigned char>(last.front())) &&
                   std::any_of(last.begin(), last.end(), [](char c) { return std::islower(static_cast<unsigned char>(c)); });
  return parts >= 3 || (parts == 2 && className);
}

}  // namespace

bool isDescriptivePlaceholder(std::string_view value) {
  if (value.empty()) return false;
  for (char c : value)
    if (!(std::isalpha(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) return false;
  return !words(value).empty();
}

bool isSigningKeyName(std::string_view name) {
  for (const auto& w : words(name))
    for (std::string_view k : {"secret", "jwt", "signing", "signature", "encryption", "hmac", "session", "cookie",
                               "private", "privatekey", "secretkey"})
      if (w == k) return true;
  return false;
}

bool isCredentialName(std::string_view name) {
  auto w = words(name);
  if (w.empty()) return false;
  // Metadata about a credential, not the credential itself.
  static const std::vector<std::string> kMeta = {
      "url",  "uri",   "endpoint", "path",    "file",  "filename", "header", "field", "name",   "type",
      "id",   "length", "len",     "timeout", "expires", "expiry", "ttl",   "env",   "var",    "key_name",
      "prefix", "format", "regex",  "pattern", "label", "placeholder", "hint", "policy", "count",
      "min",  "max",   "required", "reset",   "hash",  "hashed",  "salt",  "rounds", "algorithm", "algo",
      "enabled", "mode", "dir", "scheme", "method", "provider", "strategy", "message", "msg", "error", "size",
      "domain", "host", "hostname", "realm", "issuer", "audience", "scope", "scopes", "callback", "redirect",
      "server", "service", "route", "page", "status", "state", "flow", "config", "options", "handler",
      "middleware", "user", "username", "email", "location", "storage", "store", "source", "kind",
      "seconds", "minutes", "hours", "days", "lifetime", "cookie", "body", "secure"};
  for (const auto& m : kMeta)
    if (w.back() == m) return false;
  for (std::size_t i = 0; i < w.size(); ++i) {
    const std::string& t = w[i];
    if (t == "password" || t == "passwd" || t == "pwd" || t == "pw" || t == "pass" || t == "passphrase" || t == "secret" ||
        t == "token" || t == "apikey" || t == "accesskey" || t == "privatekey" || t == "secretkey" ||
        t == "credential" || t == "credentials")
      return true;
    // `auth` names a credential only as the last word (`basic_auth`, `httpAuth`); before another
    // word it qualifies that word (`authFailure`, `authMethod`, `auth_status`).
    if (t == "auth" && i + 1 == w.size()) return true;
    if (i + 1 < w.size()) {
      const std::string& n = w[i + 1];
      if ((t == "api" && n == "key") || (t == "access" && n == "key") || (t == "private" && n == "key") ||
          (t == "client" && n == "secret") || (t == "signing" && n == "key") || (t == "encryption" && n == "key"))
        return true;
    }
  }
  return false;
}

double shannonEntropy(std::string_view s) {
  if (s.empty()) return 0;
  std::array<std::size_t, 256> counts{};
  for (unsigned char c : s) ++counts[c];
  double h = 0;
  for (auto c : counts) {
    if (!c) continue;
    double p = static_cast<double>(c) / static_cast<double>(s.size());
    h -= p * std::log2(p);
  }
  return h;
}

bool isTemplated(std::string_view v) {
  if (v.empty()) return true;
  if (v.find("${") != std::string_view::npos || v.find("{{") != std::string_view::npos) return true;
  if (v.size() >= 3 && v.front() == '%' && v.back() == '%') return true;
  if (v.front() == '$' && v.size() > 1 && (std::isupper(static_cast<unsigned char>(v[1])) || v[1] == '_')) return true;
  if (v.front() == '<' && v.back() == '>') return true;
  if (v.front() == '{' && v.back() == '}') return true;
  // configparser interpolation (`%(here)s`, `%(DB_PASSWORD)s`) reads another key or the environment.
  if (auto p = v.find("%("); p != std::string_view::npos && v.find(")s", p) != std::string_view::npos) return true;
  return false;
}

std::optional<std::string_view> notASecret(std::string_view name, std::string_view value) {
  if (isTemplated(value)) return "template or placeholder syntax";
  if (value.size() < 8) return "too short";
  std::string lv = core::text::asciiLower(value);
  static constexpr std::string_view kPlaceholders[] = {
      "changeme", "change-me", "change_me", "your-", "your_", "yourapikey", "placeholder", "example",
      "dummy",    "fake",      "sample",    "redacted", "xxxx", "****", "todo", "replace", "insert",
      "test",     "mock",      "secret123", "notasecret", "not-a-secret", "lorem", "<", "foobar"};
  for (auto p : kPlaceholders)
    if (lv.find(p) != std::string::npos) return "placeholder";
  bool allUpperSnake = true;
  for (char c : value)
    if (!(std::isupper(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_'))
      allUpperSnake = false;
  if (allUpperSnake) return "an environment variable name";
  // Value equal to (a form of) the key name: PASSWORD_FIELD = "password".
  std::string ln = core::text::asciiLower(name);
  auto norm = [](std::string s) {
    std::string o;
    for (char c : s)
      if (std::isalnum(static_cast<unsigned char>(c))) o += c;
    return o;
  };
  if (norm(ln) == norm(lv) || norm(ln).find(norm(lv)) != std::string::npos) return "the key's own name";
  for (char c : value)
    if (c == ' ' || c == '\n' || c == '\t') return "prose, not a credential";
  // A capitalised word ("Passwort", "Contrasena"): a label or a translation, not a credential.
  bool word = std::isupper(static_cast<unsigned char>(value.front()));
  for (std::size_t i = 1; i < value.size() && word; ++i)
    if (!std::islower(static_cast<unsigned char>(value[i]))) word = false;
  if (word) return "a word (label or translation)";
  if (value.front() == '/' || value.find("://") != std::string_view::npos) return "a URL or path";
  if (isDottedPath(value)) return "a dotted import path";
  for (std::string_view re : {"\\w", "\\d", "\\s", "[A-Z", "[a-z", "[0-9", ".*", ".+", "(?", "[^"})
    if (value.find(re) != std::string_view::npos) return "a regular expression";
  if (value.starts_with("$2a$") || value.starts_with("$2b$") || value.starts_with("$2y$") ||
      value.starts_with("$argon2"))
    return "a password hash";
  static constexpr std::string_view kHeaders[] = {"authorization", "bearer", "x-api-key", "x-auth-token",
                                                  "access_token", "refresh_token", "client_credentials",
                                                  "password", "id_token"};
  for (auto h : kHeaders)
    if (lv == h) return "a protocol keyword";
  // UUID: 8-4-4-4-12 hex.
  if (value.size() == 36 && value[8] == '-' && value[13] == '-' && value[18] == '-' && value[23] == '-')
    return "a UUID";
  // Sequential or repeated characters ("12345678", "aaaaaaaa", "abcdefgh").
  bool sequential = true, repeated = true;
  for (std::size_t i = 1; i < value.size(); ++i) {
    if (value[i] != value[i - 1] + 1) sequential = false;
    if (value[i] != value[i - 1]) repeated = false;
  }
  if (sequential || repeated) return "a sequence";
  // Entropy: passwords chosen by people are lower-entropy than generated tokens.
  auto nameWords = words(name);
  bool passwordish = core::text::asciiLower(name).find("pass") != std::string::npos || core::text::asciiLower(name).find("pwd") != std::string::npos ||
                     std::find(nameWords.begin(), nameWords.end(), "pw") != nameWords.end();
  double h = shannonEntropy(value);
  if (h < (passwordish ? 2.5 : 3.0)) return "low entropy";
  return std::nullopt;
}

}  // namespace agentlens::rules::secrets
