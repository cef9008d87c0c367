// Provider key patterns and the scan that finds them (see secrets.hpp): prefix-anchored tokens,
// PEM private keys and signed JSON Web Tokens.
#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <vector>

#include "core/text/path_text.hpp"
#include "rules/common/secrets.hpp"

namespace agentlens::rules::secrets {
namespace {

bool identChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

enum Charset : unsigned {
  kUpper = 1, kLower = 2, kDigit = 4, kDash = 8, kUnderscore = 16, kSlashPlus = 32, kEq = 64, kDot = 128,
  kHex = 256,  ///< 0-9 a-f only (lower-case hex)
  kTilde = 512,
};
constexpr unsigned kAlnum = kUpper | kLower | kDigit;
constexpr unsigned kB64 = kAlnum | kSlashPlus | kEq;
constexpr unsigned kUrlSafe = kAlnum | kDash | kUnderscore;

bool inSet(char c, unsigned set) {
  auto u = static_cast<unsigned char>(c);
  if ((set & kUpper) && std::isupper(u)) return true;
  if ((set & kLower) && std::islower(u)) return true;
  if ((set & kDigit) && std::isdigit(u)) return true;
  if ((set & kHex) && (std::isdigit(u) || (c >= 'a' && c <= 'f'))) return true;
  if ((set & kDash) && c == '-') return true;
  if ((set & kUnderscore) && c == '_') return true;
  if ((set & kSlashPlus) && (c == '/' || c == '+')) return true;
  if ((set & kEq) && c == '=') return true;
  if ((set & kDot) && c == '.') return true;
  if ((set & kTilde) && c == '~') return true;
  return false;
}

/// A provider key: fixed prefix, then between min and max characters of a set. Prefixes shorter
/// than 5 characters must not follow an identifier character. `contains` (if set) must occur in
/// the body (OpenAI's legacy keys carry a fixed marker).
struct Pattern {
  std::string_view provider;
  std::string_view prefix;
  unsigned charset;
  std::size_t minLen, maxLen;
  bool publishable = false;
  std::string_view contains = {};
};

// Prefix-anchored patterns modelled on the well-known provider rules of secret scanners
// (gitleaks' default configuration and the providers' own token formats). Patterns that need a
// keyword nearby rather than a prefix are covered by the credential-name check instead.
constexpr Pattern kPatterns[] = {
    // Cloud providers
    {"AWS access key id", "AKIA", kUpper | kDigit, 16, 16},
    {"AWS access key id", "ASIA", kUpper | kDigit, 16, 16},
    {"AWS access key id", "ABIA", kUpper | kDigit, 16, 16},
    {"AWS access key id", "ACCA", kUpper | kDigit, 16, 16},
    {"AWS access key id", "A3T", kUpper | kDigit, 17, 17},
    {"Google API key", "AIza", kUrlSafe, 35, 35},
    {"Google OAuth client secret", "GOCSPX-", kUrlSafe, 28, 28},
    {"Google OAuth access token", "ya29.", kUrlSafe, 30, 300},
    {"Azure storage account key", "AccountKey=", kB64, 86, 88},
    {"Alibaba Cloud access key id", "LTAI", kAlnum, 20, 20},
    {"DigitalOcean token", "dop_v1_", kHex, 64, 64},
    {"DigitalOcean OAuth token", "doo_v1_", kHex, 64, 64},
    {"DigitalOcean refresh token", "dor_v1_", kHex, 64, 64},
    {"Cloudflare origin CA key", "v1.0-", kHex | kDash, 160, 180},
    {"Fly.io token", "fo1_", kUrlSafe, 43, 43},
    {"Fly.io token", "fm2_", kB64 | kUrlSafe, 40, 800},
    {"Heroku API key", "HRKU-", kUrlSafe, 60, 60},
    {"Render API key", "rnd_", kAlnum, 32, 32},
    {"Supabase access token", "sbp_", kHex, 40, 40},
    {"Supabase secret key", "sb_secret_", kUrlSafe, 30, 60},
    {"Supabase publishable key", "sb_publishable_", kUrlSafe, 30, 60, true},
    {"Databricks token", "dapi", kHex, 32, 32},
    {"HashiCorp Vault token", "hvs.", kUrlSafe, 90, 120},
    {"HashiCorp Vault batch token", "hvb.", kUrlSafe, 138, 300},
    {"Pulumi access token", "pul-", kHex, 40, 40},
    {"Doppler token", "dp.pt.", kAlnum, 43, 43},
    {"Doppler service token", "dp.st.", kAlnum | kDot | kUnderscore, 40, 80},
    {"Doppler service account token", "dp.sa.", kAlnum, 40, 50},
    {"Doppler CLI token", "dp.ct.", kAlnum, 40, 50},
    {"Tailscale key", "tskey-", kUrlSafe, 20, 100},
    {"Scalingo token", "tk-us-", kUrlSafe, 48, 48},
    {"PlanetScale token", "pscale_tkn_", kUrlSafe | kDot | kEq, 32, 64},
    {"PlanetScale password", "pscale_pw_", kUrlSafe | kDot | kEq, 32, 64},
    {"PlanetScale OAuth token", "pscale_oauth_", kUrlSafe | kDot | kEq, 32, 64},
    {"Dynatrace token", "dt0c01.", kAlnum | kDot, 89, 89},
    {"New Relic user API key", "NRAK-", kUpper | kDigit, 27, 27},
    {"New Relic insert key", "NRII-", kUrlSafe, 32, 32},
    {"New Relic browser key", "NRJS-", kHex, 19, 19},
    {"Grafana Cloud token", "glc_", kB64, 32, 400},
    {"Grafana service account token", "glsa_", kAlnum | kUnderscore, 41, 41},
    {"Sentry user token", "sntryu_", kHex, 64, 64},
    {"Sentry org token", "sntrys_", kB64 | kUrlSafe, 60, 400},
    {"1Password service account token", "ops_eyJ", kB64, 250, 2000},
    // Source control and CI
    {"GitHub token", "ghp_", kAlnum, 36, 36},
    {"GitHub OAuth token", "gho_", kAlnum, 36, 36},
    {"GitHub user-to-server token", "ghu_", kAlnum, 36, 36},
    {"GitHub server-to-server token", "ghs_", kAlnum, 36, 36},
    {"GitHub refresh token", "ghr_", kAlnum, 36, 36},
    {"GitHub fine-grained token", "github_pat_", kAlnum | kUnderscore, 82, 82},
    {"GitLab token", "glpat-", kUrlSafe, 20, 20},
    {"GitLab deploy token", "gldt-", kUrlSafe, 20, 20},
    {"GitLab pipeline trigger token", "glptt-", kHex, 40, 40},
    {"GitLab runner token", "glrt-", kUrlSafe, 20, 20},
    {"GitLab runner registration token", "GR1348941", kUrlSafe, 20, 20},
    {"GitLab CI job token", "glcbt-", kUrlSafe, 20, 40},
    {"GitLab feed token", "glft-", kUrlSafe, 20, 20},
    {"GitLab OAuth secret", "gloas-", kUrlSafe, 64, 64},
    {"Atlassian API token", "ATATT3", kUrlSafe | kEq, 180, 200},
    {"Buildkite token", "bkua_", kHex, 40, 40},
    {"Sourcegraph token", "sgp_", kHex | kUnderscore, 40, 60},
    {"SonarQube token", "squ_", kHex, 40, 40},
    {"SonarQube project token", "sqp_", kHex, 40, 40},
    {"SonarQube analysis token", "sqa_", kHex, 40, 40},
    {"Clojars token", "CLOJARS_", kLower | kDigit, 60, 60},
    {"Artifactory API key", "AKCp", kAlnum, 69, 69},
    {"npm access token", "npm_", kAlnum, 36, 36},
    {"PyPI upload token", "pypi-AgEIcHlwaS5vcmc", kUrlSafe, 50, 300},
    {"RubyGems API key", "rubygems_", kHex, 48, 48},
    {"NuGet API key", "oy2", kLower | kDigit, 43, 43},
    {"Prefect API key", "pnu_", kAlnum, 36, 36},
    {"ReadMe API key", "rdme_", kLower | kDigit, 70, 70},
    {"Postman API key", "PMAK-", kHex | kDash, 59, 59},
    {"Infracost API key", "ico-", kAlnum, 32, 32},
    {"Typeform token", "tfp_", kUrlSafe | kDot | kEq, 59, 59},
    {"Frame.io token", "fio-u-", kUrlSafe | kEq, 64, 64},
    {"Contentful token", "CFPAT-", kUrlSafe | kEq, 43, 43},
    {"Linear API key", "lin_api_", kAlnum, 40, 40},
    {"Notion token", "secret_", kAlnum, 43, 43},
    {"Notion token", "ntn_", kAlnum, 46, 46},
    {"Airtable token", "pat", kAlnum | kDot, 79, 79},
    // AI providers
    {"Anthropic API key", "sk-ant-api03-", kUrlSafe, 90, 100},
    {"Anthropic admin key", "sk-ant-admin01-", kUrlSafe, 90, 100},
    {"OpenAI API key", "sk-proj-", kUrlSafe, 40, 200},
    {"OpenAI API key", "sk-svcacct-", kUrlSafe, 40, 200},
    {"OpenAI admin key", "sk-admin-", kUrlSafe, 40, 200},
    {"OpenAI API key", "sk-", kAlnum, 48, 48, false, "T3BlbkFJ"},
    {"OpenRouter API key", "sk-or-v1-", kHex, 64, 64},
    {"Groq API key", "gsk_", kAlnum, 52, 52},
    {"xAI API key", "xai-", kAlnum, 80, 80},
    {"Perplexity API key", "pplx-", kAlnum, 48, 48},
    {"Replicate API token", "r8_", kAlnum, 37, 37},
    {"Hugging Face token", "hf_", kAlnum, 34, 34},
    {"Hugging Face org token", "api_org_", kAlnum, 34, 34},
    {"LangSmith API key", "lsv2_pt_", kHex | kUnderscore, 43, 43},
    {"LangSmith service key", "lsv2_sk_", kHex | kUnderscore, 43, 43},
    // Messaging, payments, commerce
    {"Slack bot token", "xoxb-", kAlnum | kDash, 20, 120},
    {"Slack user token", "xoxp-", kAlnum | kDash, 20, 120},
    {"Slack token", "xoxa-", kAlnum | kDash, 20, 120},
    {"Slack refresh token", "xoxr-", kAlnum | kDash, 20, 120},
    {"Slack token", "xoxs-", kAlnum | kDash, 20, 120},
    {"Slack config token", "xoxe.xox", kAlnum | kDash | kDot, 20, 200},
    {"Slack app token", "xapp-", kAlnum | kDash, 20, 140},
    {"Slack webhook", "https://hooks.slack.com/services/", kAlnum | kSlashPlus, 40, 50},
    {"Stripe secret key", "sk_live_", kAlnum, 20, 247},
    {"Stripe restricted key", "rk_live_", kAlnum, 20, 247},
    {"Stripe test secret key", "sk_test_", kAlnum, 20, 247},
    {"Stripe test restricted key", "rk_test_", kAlnum, 20, 247},
    {"Stripe webhook secret", "whsec_", kAlnum, 32, 64},
    {"Stripe publishable key", "pk_live_", kAlnum, 20, 247, true},
    {"Stripe publishable key", "pk_test_", kAlnum, 20, 247, true},
    {"SendGrid API key", "SG.", kUrlSafe | kDot, 66, 66},
    {"Brevo (Sendinblue) API key", "xkeysib-", kHex | kDash | kLower, 81, 81},
    {"Mailgun API key", "key-", kDigit | kLower, 32, 32},
    {"Mailgun public key", "pubkey-", kHex, 32, 32, true},
    {"Twilio API key", "SK", kHex, 32, 32},
    {"Shopify access token", "shpat_", kHex, 32, 32},
    {"Shopify shared secret", "shpss_", kHex, 32, 32},
    {"Shopify custom app token", "shpca_", kHex, 32, 32},
    {"Shopify private app token", "shppa_", kHex, 32, 32},
    {"Square access token", "sq0atp-", kUrlSafe, 22, 22},
    {"Square OAuth secret", "sq0csp-", kUrlSafe, 43, 43},
    {"Shippo token", "shippo_live_", kHex, 40, 40},
    {"Shippo test token", "shippo_test_", kHex, 40, 40},
    {"Duffel token", "duffel_live_", kUrlSafe | kEq, 43, 43},
    {"Duffel test token", "duffel_test_", kUrlSafe | kEq, 43, 43},
    {"EasyPost API key", "EZAK", kAlnum, 54, 54},
    {"EasyPost test key", "EZTK", kAlnum, 54, 54},
    {"Flutterwave secret key", "FLWSECK_TEST-", kHex | kDash | kUpper, 34, 34},
    {"Flutterwave secret key", "FLWSECK-", kHex | kDash | kUpper, 34, 34},
    {"Plaid access token", "access-production-", kHex | kDash, 36, 36},
    {"Plaid access token", "access-development-", kHex | kDash, 36, 36},
    {"Mapbox secret token", "sk.eyJ", kUrlSafe | kDot, 80, 300},
    {"Mapbox public token", "pk.eyJ", kUrlSafe | kDot, 80, 300, true},
    {"age secret key", "AGE-SECRET-KEY-1", kUpper | kDigit, 58, 58},
    {"Django insecure secret key", "django-insecure-", kAlnum | kDash | kUnderscore | kSlashPlus | kEq | kDot, 30, 80},
};

/// Patterns indexed by the first byte of their prefix: one table lookup per text position.
struct PatternIndex {
  std::array<std::vector<const Pattern*>, 256> byFirst;
  PatternIndex() {
    for (const Pattern& p : kPatterns) byFirst[static_cast<unsigned char>(p.prefix[0])].push_back(&p);
  }
};
const PatternIndex& patternIndex() {
  static const PatternIndex idx;
  return idx;
}

/// Documentation values every scanner knows (AWS's and jwt.io's examples, runs of one letter).
bool isExampleValue(std::string_view body) {
  std::string l = core::text::asciiLower(body);
  for (std::string_view w : {"example", "sample", "dummy", "placeholder", "xxxxxx", "000000", "123456", "abcdef0",
                             "sflkxwrjsmekkf2qt4fwpmejf36pok6yjv_adqssw5c", "fake", "your"})
    if (l.find(w) != std::string::npos) return true;
  return false;
}

bool b64urlChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'; }

/// A signed JSON Web Token: eyJ<header>.eyJ<payload>.<signature>.
std::optional<ProviderMatch> findJwt(std::string_view text) {
  for (std::size_t pos = text.find("eyJ"); pos != std::string_view::npos; pos = text.find("eyJ", pos + 1)) {
    if (pos > 0 && b64urlChar(text[pos - 1])) continue;
    std::size_t i = pos, parts = 0, partLen = 0;
    std::size_t lens[3] = {0, 0, 0};
    while (i < text.size() && parts < 3) {
      if (b64urlChar(text[i])) {
        ++partLen;
      } else if (text[i] == '.' && parts < 2) {
        lens[parts++] = partLen;
        partLen = 0;
      } else {
        break;
      }
      ++i;
    }
    if (parts != 2) continue;
    lens[2] = partLen;
    if (lens[0] < 10 || lens[1] < 10 || lens[2] < 16) continue;
    if (text.substr(pos + lens[0] + 1, 3) != "eyJ") continue;
    std::string_view tok = text.substr(pos, i - pos);
    if (isExampleValue(tok)) continue;
    return ProviderMatch{"JSON Web Token", pos, tok.size(), false};
  }
  return std::nullopt;
}

}  // namespace

std::optional<ProviderMatch> findProviderKey(std::string_view text) {
  // PEM private keys first: the header alone is conclusive.
  // PEM private keys: a header followed by a key body (a header alone is a parser's constant).
  for (auto pem = text.find("-----BEGIN "); pem != std::string_view::npos; pem = text.find("-----BEGIN ", pem + 1)) {
    auto end = text.find("-----", pem + 11);
    if (end == std::string_view::npos || text.substr(pem, end - pem).find("PRIVATE KEY") == std::string_view::npos)
      continue;
    auto close = text.find("-----END", end);
    std::string_view body = text.substr(end + 5, (close == std::string_view::npos ? text.size() : close) - end - 5);
    std::size_t b64 = 0;
    for (char c : body)
      if (std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '/' || c == '=') ++b64;
    if (b64 < 16) continue;
    std::size_t len = close == std::string_view::npos ? text.size() - pem : close - pem;
    auto closeEnd = close == std::string_view::npos ? std::string_view::npos : text.find("-----", close + 8);
    if (closeEnd != std::string_view::npos) len = closeEnd + 5 - pem;
    return ProviderMatch{"private key (PEM)", pem, len, false};
  }
  const auto& idx = patternIndex();
  for (std::size_t pos = 0; pos < text.size(); ++pos) {
    const auto& candidates = idx.byFirst[static_cast<unsigned char>(text[pos])];
    for (const Pattern* pp : candidates) {
      const Pattern& p = *pp;
      if (text.compare(pos, p.prefix.size(), p.prefix) != 0) continue;
      if (pos > 0 && identChar(text[pos - 1]) && p.prefix.size() < 5) continue;
      std::size_t i = pos + p.prefix.size(), n = 0;
      while (i + n < text.size() && n < p.maxLen && inSet(text[i + n], p.charset)) ++n;
      if (n < p.minLen) continue;
      // The key must end there: a longer identifier is something else.
      if (i + n < text.size() && p.minLen == p.maxLen && identChar(text[i + n])) continue;
      std::string_view body = text.substr(i, n);
      if (!p.contains.empty() && body.find(p.contains) == std::string_view::npos) continue;
      // Fixed-shape tokens need some mixture (rejects "AKIAXXXXXXXXXXXXXXXX" examples).
      if (shannonEntropy(body) < 2.5) continue;
      if (isExampleValue(body)) continue;
      return ProviderMatch{p.provider, pos, p.prefix.size() + n, p.publishable};
    }
  }
  if (auto jwt = findJwt(text)) return jwt;
  return std::nullopt;
}

}  // namespace agentlens::rules::secrets
