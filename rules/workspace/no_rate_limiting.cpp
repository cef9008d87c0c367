// no-rate-limiting: login, signup, password-reset or token endpoints with no rate limiter.
#include <algorithm>
#include <cctype>
#include <regex>
#include <set>
#include <vector>
#include <string>

#include "rules/workspace/stack.hpp"
#include "rules/workspace/workspace_check.hpp"

namespace agentlens::rules {
namespace {

constexpr std::string_view kDocs = R"md(## What it does
Reports authentication endpoints (login, signup/register, password reset, OTP, token) when the
workspace has no rate limiter: the first authentication route, then the first unauthenticated
`POST` route of each other kind (login, signup, password reset, OTP/verification); logout and
token-refresh routes are not guessing targets and are left out. Public tRPC procedures
(`login: publicProcedure`), Next.js server actions (`export const signIn = …` in a
`'use server'` file, not the `…WithUser` ones) and NestJS `@Post('login')` handlers without a
guard other than `LocalAuthGuard` count as endpoints too, except sign-ins through an identity
provider (`signInWithGithub`) and files that call Supabase Auth, which throttles its own
endpoints. A one-time code compared directly (`storedOtp === otp`) in a file that never counts
attempts is reported where it is compared.

Rate limiters recognised: flask-limiter, slowapi, fastapi-limiter, DRF throttling,
django-ratelimit, express-rate-limit, rate-limiter-flexible, @upstash/ratelimit,
`golang.org/x/time/rate`, ulule/limiter, tollbooth, httprate, @nestjs/throttler and
hono-rate-limiter, and ingress rate-limit annotations. Rate limiting done upstream (Cloudflare,
an API gateway) is invisible here: suppress the finding with that reason.

## Why is this bad?
An unthrottled login endpoint is a password-guessing oracle; an unthrottled signup or reset
endpoint is a spam and cost amplifier.

## Example
`@app.post("/login")` with nothing limiting attempts.

Use instead: `@limiter.limit("5/minute")` (flask-limiter/slowapi), `rateLimit({ windowMs: 60_000,
limit: 5 })` on the route (express-rate-limit), or `rate.NewLimiter` middleware in Go.

## References
- OWASP API Security Top 10: API4 Unrestricted Resource Consumption
- Google SRE book, launch checklist: "rate-limiting"
)md";

const RuleMeta kMeta{
    .id = "no-rate-limiting",
    .category = core::Category::Security,
    .severity = core::Severity::Medium,
    .confidence = core::Confidence::Medium,
    .languages = kAllCode,
    .summary = "Authentication endpoints without any rate limiting",
    .docs = kDocs,
    .planTitle = "Rate-limit login and signup",
    .effort = core::Effort::S,
};

bool authPath(std::string p) {
  for (char& c : p) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (auto s : {"login", "signin", "sign-in", "signup", "sign-up", "register", "password", "reset", "otp", "/token", "verify"})
    if (p.find(s) != std::string::npos) return true;
  return false;
}

/// The kind of guessing or spam an authentication path invites; "" when it is none of them.
std::string_view authKind(std::string p) {
  for (char& c : p) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto has = [&](std::string_view s) { return p.find(s) != std::string::npos; };
  if (has("password") || has("reset") || has("forgot")) return "reset";
  if (has("otp") || has("verify")) return "otp";
  if (has("signup") || has("sign-up") || has("register")) return "signup";
  if (has("login") || has("signin") || has("sign-in") || has("/token")) return "login";
  return "";
}

/// Logout and refresh are not guessing or spam targets: a caller needs a valid token already.
bool sessionUpkeep(std::string p) {
  for (char& c : p) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return p.find("logout") != std::string::npos || p.find("signout") != std::string::npos ||
         p.find("sign-out") != std::string::npos || p.find("refresh") != std::string::npos;
}

/// An authentication endpoint that is not a route: a public tRPC procedure
/// (`login: publicProcedure`) or a Next.js server action (`export const signIn = …` in a
/// 'use server' file). `line` is 0-based.
struct RpcEndpoint {
  std::string file;
  std::uint32_t line = 0;
  std::string name;
  std::string_view what;  ///< "tRPC procedure", "server action" or "route POST" (NestJS)
};

/// `signInWithGithub`: the identity provider checks the password, and throttles it.
bool identityProvider(std::string n) {
  for (char& c : n) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (auto p : {"github", "google", "oauth", "apple", "discord", "microsoft", "sso"})
    if (n.find(p) != std::string::npos) return true;
  return false;
}

std::string_view leadingIdentifier(std::string_view s) {
  std::size_t n = 0;
  while (n < s.size() && (std::isalnum(static_cast<unsigned char>(s[n])) || s[n] == '_')) ++n;
  return s.substr(0, n);
}

std::vector<std::string_view> splitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  for (std::size_t at = 0; at <= text.size();) {
    auto nl = text.find('\n', at);
    if (nl == std::string_view::npos) nl = text.size();
    lines.push_back(text.substr(at, nl - at));
    at = nl + 1;
  }
  return lines;
}

/// NestJS: `@Post('login')` handlers of a controller, unless a guard other than the credential
/// check itself (`LocalAuthGuard`) protects them. The route index does not know Nest routes.
void nestPosts(const std::string& path, std::string_view text, std::vector<RpcEndpoint>& out) {
  auto lines = splitLines(text);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    auto l = lines[i].substr(std::min(lines[i].size(), lines[i].find_first_not_of(" \t")));
    if (!l.starts_with("@Post(")) continue;
    auto q = l.find_first_of("'\"`");
    auto e = q == std::string_view::npos ? q : l.find(l[q], q + 1);
    if (e == std::string_view::npos) continue;
    std::string name(l.substr(q + 1, e - q - 1));
    // The decorator block around it: guards may come before or after.
    bool guarded = false;
    std::size_t from = i, to = std::min(lines.size(), i + 12);
    while (from > 0 && i - from < 8) {  // back to the end of the previous member
      auto prev = lines[from - 1];
      auto last = prev.find_last_not_of(" \t\r");
      if (last == std::string_view::npos || prev[last] == '{' || prev[last] == '}' || prev[last] == ';') break;
      --from;
    }
    for (std::size_t k = from; k < to; ++k) {
      auto g = lines[k].find("UseGuards(");
      if (g != std::string_view::npos && lines[k].find("Local", g) == std::string_view::npos) guarded = true;
      if (k > i && lines[k].find(") {") != std::string_view::npos) break;  // the method's signature
    }
    if (!guarded) out.push_back({path, static_cast<std::uint32_t>(i), name, "route POST"});
  }
}

std::vector<RpcEndpoint> rpcEndpoints(const WorkspaceView& v) {
  std::vector<RpcEndpoint> out;
  for (const auto* f : v.files()) {
    if (!core::isJsFamily(f->lang) || f->facts.isTestOrGenerated()) continue;
    auto text = v.read(f->path);
    if (!text) continue;
    bool trpc = text->find("publicProcedure") != std::string::npos;
    if (text->find("@nestjs/common") != std::string::npos) nestPosts(f->path, *text, out);
    auto firstCode = text->find_first_not_of(" \t\r\n");
    bool actions = firstCode != std::string::npos &&
                   (text->compare(firstCode, 12, "'use server'") == 0 || text->compare(firstCode, 12, "\"use server\"") == 0);
    if (!trpc && !actions) continue;
    // Supabase Auth rate-limits sign-in, sign-up and reset emails itself.
    if (text->find("supabase.auth.") != std::string::npos) continue;
    std::uint32_t line = 0;
    for (std::size_t at = 0; at < text->size(); ++line) {
      auto nl = text->find('\n', at);
      std::string_view l(text->data() + at, (nl == std::string::npos ? text->size() : nl) - at);
      at = nl == std::string::npos ? text->size() : nl + 1;
      auto b = l.find_first_not_of(" \t");
      if (b == std::string_view::npos) continue;
      l = l.substr(b);
      if (trpc) {
        auto name = leadingIdentifier(l);
        auto rest = l.substr(name.size());
        if (!name.empty() && rest.starts_with(": publicProcedure"))
          out.push_back({f->path, line, std::string(name), "tRPC procedure"});
      }
      if (actions && l.find("WithUser") == std::string_view::npos) {
        for (std::string_view p : {"export const ", "export async function "})
          if (l.starts_with(p)) out.push_back({f->path, line, std::string(leadingIdentifier(l.substr(p.size()))), "server action"});
      }
    }
  }
  return out;
}

bool containsNoCase(std::string_view text, std::string_view word) {
  auto it = std::search(text.begin(), text.end(), word.begin(), word.end(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
  });
  return it != text.end();
}

/// Cheap pre-filter: `otp`, `Otp` or `OTP` anywhere.
bool containsOtpWord(std::string_view text) {
  return text.find("otp") != std::string_view::npos || text.find("Otp") != std::string_view::npos ||
         text.find("OTP") != std::string_view::npos;
}

/// `storedOtp === otp`: a one-time code checked in a file that never counts attempts.
std::vector<RpcEndpoint> otpComparisons(const WorkspaceView& v) {
  // `otp`, `storedOtp`, `user_otp`, `OTP_CODE`: the word, not letters inside `footprint`.
  static const std::regex cmp(
      R"((\b(\w*(Otp|OTP|_otp)\w*|otp\w*)\s*[!=]==?\s*\w)|([!=]==?\s*(\w*(Otp|OTP|_otp)\w*|otp\w*)\b))");
  std::vector<RpcEndpoint> out;
  for (const auto* f : v.files()) {
    if (!core::hasGrammar(f->lang) || f->facts.isTestOrGenerated() || f->facts.role == core::FileRole::Script) continue;
    auto text = v.read(f->path);
    if (!text || !containsOtpWord(*text) || containsNoCase(*text, "attempt")) continue;
    auto lines = splitLines(*text);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (!containsOtpWord(lines[i]) || (lines[i].find("==") == std::string_view::npos && lines[i].find("!=") == std::string_view::npos))
        continue;
      std::string l(lines[i]);
      if (!std::regex_search(l, cmp)) continue;
      for (char& c : l) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      bool existence = false;
      for (auto w : {"null", "undefined", "none", "nil", "''", "\"\""})
        if (l.find(w) != std::string::npos) existence = true;
      if (!existence) out.push_back({f->path, static_cast<std::uint32_t>(i), "otp", "one-time code check"});
    }
  }
  return out;
}

bool limiterInUse(const WorkspaceView& v) {
  if (v.uses({"flask_limiter", "flask-limiter", "slowapi", "fastapi_limiter", "fastapi-limiter", "django_ratelimit",
              "django-ratelimit", "express-rate-limit", "rate-limiter-flexible", "@upstash/ratelimit", "express-slow-down",
              "@fastify/rate-limit", "golang.org/x/time/rate", "github.com/ulule/limiter/v3", "github.com/didip/tollbooth/v7",
              "github.com/go-chi/httprate", "@nestjs/throttler", "hono-rate-limiter"}))
    return true;
  for (const auto* f : v.index().filesOfKind("k8s"))
    for (const auto& o : f->facts.k8s)
      for (const auto& ann : o.annotations)
        if (ann.find("limit-rps") != std::string::npos || ann.find("rate-limit") != std::string::npos) return true;
  for (const auto* f : v.files())
    for (const auto& m : f->facts.middleware)
      if (m.what.find("Throttle") != std::string::npos || m.what.find("RateLimit") != std::string::npos ||
          m.what.find("rateLimit") != std::string::npos || m.what.find("limiter") != std::string::npos)
        return true;
  return false;
}

class NoRateLimiting final : public WorkspaceCheck {
 public:
  const RuleMeta& meta() const override { return kMeta; }

  void check(WorkspaceContext& ctx) const override {
    const WorkspaceView& v = ctx.view();
    const core::RouteRef* first = nullptr;
    auto routes = v.index().routes();
    for (const auto& r : routes)
      if (authPath(r.route.path) && r.route.method != "GET") {
        first = &r;
        break;
      }
    std::vector<RpcEndpoint> rpc;
    for (auto& e : rpcEndpoints(v))
      if (!authKind(e.name).empty() && !sessionUpkeep(e.name) && !identityProvider(e.name)) rpc.push_back(std::move(e));
    auto otps = otpComparisons(v);
    if (!first && rpc.empty() && otps.empty()) return;
    ctx.applicable();
    if (limiterInUse(v)) return;
    // The first authentication route, then the first POST route of each other kind (login,
    // signup, reset, OTP) that a caller reaches without a session; then procedures and actions.
    std::set<std::string_view> seen;
    if (first) seen.insert(authKind(first->route.path));
    for (const auto& r : routes) {
      if (&r != first) {
        if (r.route.method != "POST" || sessionUpkeep(r.route.path)) continue;
        if (r.route.auth == core::AuthStatus::Explicit || r.route.auth == core::AuthStatus::Inherited) continue;
        auto kind = authKind(r.route.path);
        if (kind.empty() || !seen.insert(kind).second) continue;
      }
      ctx.report(r.file->path, r.route.line,
                 "`" + r.route.method + " " + r.route.path +
                     "` has no rate limit and nothing in the service limits requests: throttle authentication endpoints");
    }
    for (const auto& e : otps)
      ctx.report(e.file, e.line,
                 "a one-time code is checked with no attempt limit and nothing in the service limits requests: a "
                 "6-digit code falls to brute force within its lifetime; count failed attempts or throttle the endpoint");
    for (const auto& e : rpc) {
      if (!seen.insert(authKind(e.name)).second) continue;
      ctx.report(e.file, e.line,
                 (e.what == "route POST" ? "the `@Post('" + e.name + "')` handler" : "the " + std::string(e.what) + " `" + e.name + "`") +
                     " has no rate limit and nothing in the service limits requests: throttle authentication endpoints");
    }
  }
};

}  // namespace

const WorkspaceCheck& noRateLimiting() {
  static const NoRateLimiting check;
  return check;
}

}  // namespace agentlens::rules
