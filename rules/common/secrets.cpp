#include "rules/common/secrets.hpp"

#include <array>
#include <cctype>
#include <cmath>
#include <string>
#include <vector>

namespace agentlens::rules::secrets {
namespace {

enum Charset : unsigned {
  kUpper = 1, kLower = 2, kDigit = 4, kDash = 8, kUnderscore = 16, kSlashPlus = 32, kEq = 64, kDot = 128,
};
constexpr unsigned kAlnum = kUpper | kLower | kDigit;
constexpr unsigned kB64 = kAlnum | kSlashPlus | kEq;
constexpr unsigned kUrlSafe = kAlnum | kDash | kUnderscore;

bool inSet(char c, unsigned set) {
  auto u = static_cast<unsigned char>(c);
  if ((set & kUpper) && std::isupper(u)) return true;
  if ((set & kLower) && std::islower(u)) return true;
  if ((set & kDigit) && std::isdigit(u)) return true;
  if ((set & kDash) && c == '-') return true;
  if ((set & kUnderscore) && c == '_') return true;
  if ((set & kSlashPlus) && (c == '/' || c == '+')) return true;
  if ((set & kEq) && c == '=') return true;
  if ((set & kDot) && c == '.') return true;
  return false;
}

/// A provider key: fixed prefix, then between min and max characters of a set. `boundary`
/// requires that no identifier character precedes the prefix.
struct Pattern {
  std::string_view provider;
  std::string_view prefix;
  unsigned charset;
  std::size_t minLen, maxLen;
  bool publishable = false;
};

// Prefix-anchored patterns modelled on the well-known provider rules of secret scanners.
constexpr std::array<Pattern, 42> kPatterns = {{
    {"AWS access key id", "AKIA", kUpper | kDigit, 16, 16},
    {"AWS access key id", "ASIA", kUpper | kDigit, 16, 16},
    {"AWS access key id", "ABIA", kUpper | kDigit, 16, 16},
    {"AWS access key id", "ACCA", kUpper | kDigit, 16, 16},
    {"AWS access key id", "A3T", kUpper | kDigit, 17, 17},
    {"GitHub token", "ghp_", kAlnum, 36, 36},
    {"GitHub token", "gho_", kAlnum, 36, 36},
    {"GitHub token", "ghu_", kAlnum, 36, 36},
    {"GitHub token", "ghs_", kAlnum, 36, 36},
    {"GitHub token", "ghr_", kAlnum, 36, 36},
    {"GitHub fine-grained token", "github_pat_", kAlnum | kUnderscore, 82, 82},
    {"GitLab token", "glpat-", kUrlSafe, 20, 20},
    {"Anthropic API key", "sk-ant-api03-", kUrlSafe, 90, 100},
    {"Anthropic admin key", "sk-ant-admin01-", kUrlSafe, 90, 100},
    {"OpenAI API key", "sk-proj-", kUrlSafe, 40, 200},
    {"OpenAI API key", "sk-svcacct-", kUrlSafe, 40, 200},
    {"Slack token", "xoxb-", kAlnum | kDash, 20, 120},
    {"Slack token", "xoxp-", kAlnum | kDash, 20, 120},
    {"Slack token", "xoxa-", kAlnum | kDash, 20, 120},
    {"Slack token", "xoxr-", kAlnum | kDash, 20, 120},
    {"Slack token", "xoxs-", kAlnum | kDash, 20, 120},
    {"Slack app token", "xapp-", kAlnum | kDash, 20, 140},
    {"Stripe secret key", "sk_live_", kAlnum, 20, 247},
    {"Stripe restricted key", "rk_live_", kAlnum, 20, 247},
    {"Stripe test secret key", "sk_test_", kAlnum, 20, 247},
    {"Stripe publishable key", "pk_live_", kAlnum, 20, 247, true},
    {"Stripe publishable key", "pk_test_", kAlnum, 20, 247, true},
    {"Google API key", "AIza", kUrlSafe, 35, 35},
    {"SendGrid API key", "SG.", kUrlSafe | kDot, 66, 66},
    {"Twilio API key", "SK", kDigit | kLower, 32, 32},
    {"npm access token", "npm_", kAlnum, 36, 36},
    {"PyPI upload token", "pypi-AgEIcHlwaS5vcmc", kUrlSafe, 50, 300},
    {"Shopify access token", "shpat_", kDigit | kLower, 32, 32},
    {"Shopify shared secret", "shpss_", kDigit | kLower, 32, 32},
    {"DigitalOcean token", "dop_v1_", kDigit | kLower, 64, 64},
    {"Hugging Face token", "hf_", kAlnum, 34, 34},
    {"Django insecure secret key", "django-insecure-", kAlnum | kDash | kUnderscore | kSlashPlus | kEq | kDot, 30, 80},
    {"Mailgun API key", "key-", kDigit | kLower, 32, 32},
    {"Square access token", "sq0atp-", kUrlSafe, 22, 22},
    {"Square OAuth secret", "sq0csp-", kUrlSafe, 43, 43},
    {"Doppler token", "dp.pt.", kAlnum, 43, 43},
    {"Linear API key", "lin_api_", kAlnum, 40, 40},
}};

bool identChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

std::string lower(std::string_view s) {
  std::string out;
  for (char c : s) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

/// Splits an identifier into lower-case words: apiKey, API_KEY, api-key -> {api, key}.
std::vector<std::string> words(std::string_view name) {
  std::vector<std::string> out;
  std::string cur;
  for (std::size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    auto u = static_cast<unsigned char>(c);
    if (!std::isalnum(u)) {
      if (!cur.empty()) out.push_back(lower(cur));
      cur.clear();
      continue;
    }
    if (std::isupper(u) && !cur.empty() &&
        (std::islower(static_cast<unsigned char>(cur.back())) ||
         (i + 1 < name.size() && std::islower(static_cast<unsigned char>(name[i + 1])) &&
          std::isupper(static_cast<unsigned char>(cur.back()))))) {
      out.push_back(lower(cur));
      cur.clear();
    }
    cur += c;
  }
  if (!cur.empty()) out.push_back(lower(cur));
  return out;
}

}  // namespace

std::optional<ProviderMatch> findProviderKey(std::string_view text) {
  // PEM private keys first: the header alone is conclusive.
  auto pem = text.find("-----BEGIN ");
  if (pem != std::string_view::npos) {
    auto end = text.find("-----", pem + 11);
    if (end != std::string_view::npos && text.substr(pem, end - pem).find("PRIVATE KEY") != std::string_view::npos) {
      auto close = text.find("-----END", end);
      std::size_t len = close == std::string_view::npos ? end + 5 - pem : close - pem;
      return ProviderMatch{"private key (PEM)", pem, len, false};
    }
  }
  for (const Pattern& p : kPatterns) {
    for (std::size_t pos = text.find(p.prefix); pos != std::string_view::npos; pos = text.find(p.prefix, pos + 1)) {
      if (pos > 0 && identChar(text[pos - 1]) && p.prefix.size() < 5) continue;
      std::size_t i = pos + p.prefix.size(), n = 0;
      while (i + n < text.size() && n < p.maxLen && inSet(text[i + n], p.charset)) ++n;
      if (n < p.minLen) continue;
      // The key must end there: a longer identifier is something else.
      if (i + n < text.size() && p.minLen == p.maxLen && identChar(text[i + n])) continue;
      std::string_view body = text.substr(i, n);
      // Fixed-shape tokens need some mixture (rejects "AKIAXXXXXXXXXXXXXXXX" examples).
      if (shannonEntropy(body) < 2.5) continue;
      return ProviderMatch{p.provider, pos, p.prefix.size() + n, p.publishable};
    }
  }
  return std::nullopt;
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
      "enabled", "mode", "dir", "scheme", "method", "provider", "strategy", "message", "msg", "error", "size"};
  for (const auto& m : kMeta)
    if (w.back() == m) return false;
  for (std::size_t i = 0; i < w.size(); ++i) {
    const std::string& t = w[i];
    if (t == "password" || t == "passwd" || t == "pwd" || t == "pass" || t == "passphrase" || t == "secret" ||
        t == "token" || t == "apikey" || t == "accesskey" || t == "privatekey" || t == "secretkey" ||
        t == "credential" || t == "credentials" || t == "auth")
      return true;
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
  return false;
}

std::optional<std::string_view> notASecret(std::string_view name, std::string_view value) {
  if (isTemplated(value)) return "template or placeholder syntax";
  if (value.size() < 8) return "too short";
  std::string lv = lower(value);
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
  std::string ln = lower(name);
  auto norm = [](std::string s) {
    std::string o;
    for (char c : s)
      if (std::isalnum(static_cast<unsigned char>(c))) o += c;
    return o;
  };
  if (norm(ln) == norm(lv) || norm(ln).find(norm(lv)) != std::string::npos) return "the key's own name";
  for (char c : value)
    if (c == ' ' || c == '\n' || c == '\t') return "prose, not a credential";
  if (value.front() == '/' || value.find("://") != std::string_view::npos) return "a URL or path";
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
  bool passwordish = lower(name).find("pass") != std::string::npos || lower(name).find("pwd") != std::string::npos;
  double h = shannonEntropy(value);
  if (h < (passwordish ? 2.5 : 3.0)) return "low entropy";
  return std::nullopt;
}

}  // namespace agentlens::rules::secrets
