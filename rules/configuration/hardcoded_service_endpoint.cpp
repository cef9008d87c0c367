// hardcoded-service-endpoint: URLs and host:port literals of other services written into code.
// Where a literal sits (client argument, env fallback, binding) is in service_endpoint_site.cpp.
#include <algorithm>
#include <cctype>

#include "core/text/path_text.hpp"
#include "rules/common/externalize.hpp"
#include "rules/common/syntax.hpp"
#include "rules/common/urls.hpp"
#include "rules/configuration/service_endpoint_site.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds absolute URLs and `host:port` literals of other services that are passed to outbound
clients (`requests`/`httpx`/`aiohttp`/`urlopen`, `fetch`/`axios`/`got`, `http.Get`/
`http.NewRequest`, gRPC `Dial`, Redis `host=`/`Addr:`) or bound to names ending in `url`, `uri`,
`endpoint`, `host`, `addr` or `base`.

## Why is this bad?
A service address in code is right in exactly one environment. `localhost` and private IPs are
the worst case: they work on the laptop and fail (or hit the wrong machine) everywhere else.
Cluster-internal names (`http://payments:9000`) tie the code to one deployment. Addresses belong
in configuration, so each environment can point the service at its own dependencies.

Severity: localhost, loopback and private IPs in service code are high (medium in browser code);
cluster-internal names are medium; a localhost fallback of an environment read
(`os.environ.get("API_URL", "http://localhost:8000")`) is low — fine for optional configuration, but
production must set it; in browser code such a fallback is not reported (the bundler fixes the
value at build time: `import.meta.env.VITE_API_URL || "http://localhost:8000"`).
Not flagged: public hosts (SaaS API bases like `https://api.stripe.com`, homepage and
documentation links: the same in every environment), tests, scripts, seeds and CLI commands
(a local setup or seed script points at the developer's machine by design), tool config
(`vite.config.ts` proxies, `playwright.config.ts` base URLs), relative URLs,
URLs in docstrings, bind addresses (`host="0.0.0.0"` in `app.run`, `DEFAULT_HOST = "localhost"`),
OpenAPI metadata, settings modules for tests or local development (`settings/test.py`,
`config/local.py`), and documentation placeholders (`example.com`, `https://your-app-url`).

## Example
```python
PAYMENTS_URL = "http://localhost:9000/charge"
```

Use instead:
```python
PAYMENTS_URL = os.environ["PAYMENTS_URL"]
```

## Fix safety
"Externalize to environment variable" replaces the literal with a required lookup
(`os.environ["PAYMENTS_URL"]`, `requiredEnv(…)`, `mustEnv(…)`), adds the import or helper, and appends the variable (without credentials or query) to
`.env.example`. Unsafe: required variables must now be set at start-up.

## References
- The Twelve-Factor App, III. Config and IV. Backing services
- SonarJS S1313 (hardcoded IP addresses)
)md";

const RuleMeta kMeta{
    .id = "hardcoded-service-endpoint",
    .category = core::Category::Configuration,
    .severity = core::Severity::Medium,
    .confidence = core::Confidence::Medium,
    .languages = kAllCode,
    // Browser bundles are deployed too: a localhost API base there breaks the same way.
    .roles = {core::FileRole::Server, core::FileRole::Library, core::FileRole::Config, core::FileRole::Frontend},
    .summary = "Service URL or host hardcoded instead of read from configuration",
    .docs = kDocs,
    .fix = core::Applicability::Unsafe,
    .mode = ScoreMode::Density,
};

using core::text::asciiLower;
using endpoint::outboundSink;
using endpoint::Site;

bool isUrlScheme(std::string_view scheme) {
  return scheme == "http" || scheme == "https" || scheme == "ws" || scheme == "wss" || scheme == "grpc";
}

/// A bare `host[:port]` (no scheme, no spaces, no path), as passed to Redis `host=` or gRPC Dial.
bool isBareHost(std::string_view v) {
  if (v.empty() || v.size() > 253 || v.find_first_of(" /@") != std::string_view::npos) return false;
  return std::all_of(v.begin(), v.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == ':' || c == '_';
  });
}

bool endpointName(std::string_view name) {
  std::string n = asciiLower(name);
  while (!n.empty() && n.back() == '_') n.pop_back();
  for (auto s : {"url", "uri", "endpoint", "host", "addr", "address", "base"})
    if (n.ends_with(s)) return true;
  return false;
}

/// Bind-address names: `HOST = "0.0.0.0"` configures where this server listens, not a peer.
bool bindName(std::string_view name) {
  std::string n = asciiLower(name);
  if (n.starts_with("default_")) n = n.substr(8);  // DEFAULT_HOST = "localhost"
  return n == "host" || n.find("bind") != std::string::npos || n.find("listen") != std::string::npos ||
         n == "server_host" || n == "addr" || n == "address";
}

/// `settings/test.py`, `config/local.py`, `settings.dev.js`: settings for tests or a developer's
/// machine, where localhost is the point.
bool localOrTestSettings(std::string_view path) {
  std::string p = "/" + asciiLower(path);
  if (p.find("/settings/") == std::string::npos && p.find("/config/") == std::string::npos &&
      p.find("/settings.") == std::string::npos)
    return false;
  auto slash = path.find_last_of('/');
  std::string name = asciiLower(slash == std::string_view::npos ? path : path.substr(slash + 1));
  if (auto dot = name.find_last_of('.'); dot != std::string::npos) name.resize(dot);
  for (std::string_view t : {"test", "tests", "testing", "local", "dev", "development"})
    if (name == t || name.ends_with("." + std::string(t)) || name.ends_with("_" + std::string(t))) return true;
  return false;
}

std::string_view staticPrefix(ts::Node str, std::string_view src, Lang lang) {
  if (auto v = stringLiteralValue(str, src, lang)) return *v;
  if (str.namedChildCount() == 0) return {};
  ts::Node first = str.namedChild(0);
  if (first.type() == "string_start" && str.namedChildCount() > 1) first = str.namedChild(1);
  if (first.type() != "string_content" && first.type() != "string_fragment") return {};
  return first.text(src);
}

class HardcodedServiceEndpoint final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Go) return {"interpreted_string_literal", "raw_string_literal", "call_expression"};
    if (lang == Lang::Python) return {"string", "call"};
    return {"string", "template_string", "call_expression", "new_expression"};
  }

  void visit(ts::Node node, RuleContext& ctx) const override {
    auto src = ctx.source();
    auto t = node.type();
    if (t == "call" || t == "call_expression" || t == "new_expression") {
      std::string callee = t == "new_expression" ? std::string(node.field("constructor").text(src))
                                                 : std::string(calleeText(node, src));
      if (outboundSink(callee, ctx.lang()).isSink) ctx.countSite();
      return;
    }
    literal(node, ctx);
  }

 private:
  /// A URL (or bare host:port) literal that may name another service.
  struct Endpoint {
    std::string_view value;  ///< the literal's value, or its static prefix when interpolated
    bool plain = false;      ///< a plain string (no interpolation): the fix can replace it
    bool url = false;        ///< has a scheme (http, https, ws, wss, grpc)
    UrlParts u;
  };

  static std::optional<Endpoint> endpointLiteral(ts::Node node, const RuleContext& ctx) {
    auto src = ctx.source();
    Endpoint e;
    e.value = staticPrefix(node, src, ctx.lang());
    if (e.value.size() < 4) return std::nullopt;
    e.plain = stringLiteralValue(node, src, ctx.lang()).has_value();
    e.u = parseUrl(e.value);
    const UrlParts& u = e.u;
    e.url = e.value.find("://") != std::string_view::npos && isUrlScheme(u.scheme);
    if (!e.url && !(e.plain && isBareHost(e.value))) return std::nullopt;
    if (e.url && !e.plain && e.value.find('/', e.value.find("://") + 3) == std::string_view::npos && u.port.empty())
      return std::nullopt;  // f"https://{host}…": the host itself is interpolated
    if (u.host.empty() || isPlaceholderHost(u.host) || u.host == "0.0.0.0" || u.host == "::" || u.host == "[::]")
      return std::nullopt;
    if (u.host.find('.') == std::string_view::npos && !isLoopback(u.host) && !e.url) {
      // A bare single word ("redis", "db") is only an endpoint with a port or under an endpoint name.
      if (u.port.empty()) return std::nullopt;
    }
    if (!e.url && !std::isalpha(static_cast<unsigned char>(u.host[0])) && !isLocalOrIp(u.host)) return std::nullopt;
    return e;
  }

  /// The finding's severity and the reason the address is wrong, or nullopt when it is fine.
  struct Verdict {
    core::Severity sev;
    std::string why;
  };
  static std::optional<Verdict> judge(const Endpoint& e, const Site& site, const RuleContext& ctx) {
    bool loop = isLoopback(e.u.host) || isPrivateIp(e.u.host);
    bool internal = isClusterInternal(e.u.host);
    if (site.envFallback) {
      if (!loop) return std::nullopt;  // a public default for optional configuration is fine
      // Browser code: the bundler fixes the value at build time (`import.meta.env.VITE_API_URL ||
      // "http://localhost:8000"`); the dev fallback never reaches a production build that sets it.
      if (ctx.facts().role == core::FileRole::Frontend) return std::nullopt;
      return Verdict{core::Severity::Low, " is the fallback of an environment read: fine for development, but "
                                          "production must set the variable"};
    }
    if (loop) {
      auto sev = ctx.facts().role == core::FileRole::Frontend ? core::Severity::Medium : core::Severity::High;
      return Verdict{sev, isPrivateIp(e.u.host) ? " is a private IP address, valid in one network only"
                                                : " points at this machine, so it breaks once deployed"};
    }
    if (internal) return Verdict{core::Severity::Medium, " ties the code to one deployment"};
    // Public hosts (SaaS API bases such as https://api.stripe.com, documentation and homepage
    // links) are the same in every environment: not reported (the catalog's info level was noise
    // on well-configured apps).
    return std::nullopt;
  }

  static void literal(ts::Node node, RuleContext& ctx) {
    if (localOrTestSettings(ctx.file().path)) return;
    auto src = ctx.source();
    auto anc = ctx.ancestors();
    if (!anc.empty() && anc.back().type() == "expression_statement") return;  // docstring
    auto e = endpointLiteral(node, ctx);
    if (!e) return;
    const UrlParts& u = e->u;
    Site site = endpoint::siteOf(node, ctx);
    if (site.bind) return;
    bool named = !site.name.empty() && endpointName(site.name);
    if (!site.sink && !named && !site.envFallback) return;
    if (!e->url && !site.sink && named && bindName(site.name)) return;  // HOST = "127.0.0.1": a bind address
    if (!e->url && !site.sink && !named) return;
    auto verdict = judge(*e, site, ctx);
    if (!verdict) return;
    std::string_view value = e->value;
    std::string shown(value.substr(0, std::min<std::size_t>(value.size(), 80)));
    if (!u.userinfo.empty() || u.hasQuery) {
      shown = (u.scheme.empty() ? "" : u.scheme + "://") + u.host + (u.port.empty() ? "" : ":" + u.port) + u.path;
    }
    // A password in the URL's userinfo is masked in every output.
    std::optional<core::ByteRange> secret;
    if (auto colon = u.userinfo.find(':'); colon != std::string::npos && e->url) {
      std::uint32_t at = stringContentRange(node, src).start + static_cast<std::uint32_t>(value.find("://") + 3 + colon + 1);
      secret = core::ByteRange{at, at + static_cast<std::uint32_t>(u.userinfo.size() - colon - 1)};
    }
    if (site.envFallback) {
      core::Finding& f = ctx.report(node, "service endpoint `" + shown + "`" + verdict->why);
      f.severity = verdict->sev;
      f.sensitive = secret;
      return;
    }
    std::string name = e->plain ? deriveEnvName(ctx.file(), node, EnvValueKind::Endpoint) : "";
    std::string tail = name.empty() ? ": read the address from configuration" : ": read it from " + name;
    core::Finding& f = ctx.report(node, "hardcoded service endpoint `" + shown + "`" + verdict->why + tail);
    f.severity = verdict->sev;
    f.sensitive = secret;
    if (e->plain)
      if (auto fix = externalizeFix(ctx.file(), node, EnvValueKind::Endpoint, {name, false}))
        f.fixes.push_back(std::move(*fix));
  }
};

}  // namespace

const Rule& hardcodedServiceEndpoint() {
  static const HardcodedServiceEndpoint rule;
  return rule;
}

}  // namespace agentlens::rules
