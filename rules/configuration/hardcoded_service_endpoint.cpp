// hardcoded-service-endpoint: URLs and host:port literals of other services written into code.
#include <algorithm>
#include <cctype>

#include "rules/common/externalize.hpp"
#include "rules/common/syntax.hpp"
#include "rules/common/urls.hpp"
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

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

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

/// Outbound clients: the argument that carries the URL, or -1 for "a `url=`-style keyword only".
struct Sink {
  bool isSink = false;
  int urlArg = 0;
};

Sink outboundSink(std::string_view callee, Lang lang) {
  std::string c = lower(callee);
  auto last = c.substr(c.find_last_of('.') == std::string::npos ? 0 : c.find_last_of('.') + 1);
  static constexpr std::string_view kVerbs[] = {"get", "post", "put", "patch", "delete", "head", "options",
                                                "request", "stream"};
  bool verb = std::find(std::begin(kVerbs), std::end(kVerbs), last) != std::end(kVerbs);
  auto root = c.substr(0, c.find('.'));
  if (lang == Lang::Python) {
    if (verb && (root == "requests" || root == "httpx" || c.find("session.") != std::string::npos ||
                 c.find("client.") != std::string::npos))
      return {true, 0};
    if (last == "urlopen" || c == "urllib.request.request" || c == "request" || c == "websockets.connect" ||
        c == "websocket.create_connection" || c == "grpc.insecure_channel" || c == "grpc.secure_channel" ||
        c == "grpc.aio.insecure_channel")
      return {true, 0};
    if (c == "httpx.client" || c == "httpx.asyncclient" || c == "aiohttp.clientsession" || c == "redis.redis" ||
        c == "redis.strictredis" || c == "redis.asyncio.redis")
      return {true, -1};
    return {};
  }
  if (core::isJsFamily(lang)) {
    if (c == "fetch" || c == "axios" || c == "got" || c == "ky" || c == "websocket" || c == "eventsource" ||
        c == "superagent")
      return {true, 0};
    if (verb && (root == "axios" || root == "got" || root == "ky" || root == "http" || root == "https" ||
                 root == "superagent" || root == "needle"))
      return {true, 0};
    if (c == "axios.create" || c == "got.extend" || c == "ky.create" || c == "new redis" || c == "redis")
      return {true, -1};
    return {};
  }
  if (c == "http.get" || c == "http.post" || c == "http.head" || c == "http.postform") return {true, 0};
  if (c == "http.newrequest") return {true, 1};
  if (c == "http.newrequestwithcontext") return {true, 2};
  if (c == "grpc.dial" || c == "grpc.newclient" || c == "grpc.dialcontext") return {true, c == "grpc.dialcontext" ? 1 : 0};
  if (verb && c.find("client.") != std::string::npos) return {true, 0};
  if (c == "websocket.defaultdialer.dial") return {true, 0};
  return {};
}

bool endpointName(std::string_view name) {
  std::string n = lower(name);
  while (!n.empty() && n.back() == '_') n.pop_back();
  for (auto s : {"url", "uri", "endpoint", "host", "addr", "address", "base"})
    if (n.ends_with(s)) return true;
  return false;
}

/// Bind-address names: `HOST = "0.0.0.0"` configures where this server listens, not a peer.
bool bindName(std::string_view name) {
  std::string n = lower(name);
  if (n.starts_with("default_")) n = n.substr(8);  // DEFAULT_HOST = "localhost"
  return n == "host" || n.find("bind") != std::string::npos || n.find("listen") != std::string::npos ||
         n == "server_host" || n == "addr" || n == "address";
}

/// `settings/test.py`, `config/local.py`, `settings.dev.js`: settings for tests or a developer's
/// machine, where localhost is the point.
bool localOrTestSettings(std::string_view path) {
  std::string p = "/" + lower(path);
  if (p.find("/settings/") == std::string::npos && p.find("/config/") == std::string::npos &&
      p.find("/settings.") == std::string::npos)
    return false;
  auto slash = path.find_last_of('/');
  std::string name = lower(slash == std::string_view::npos ? path : path.substr(slash + 1));
  if (auto dot = name.find_last_of('.'); dot != std::string::npos) name.resize(dot);
  for (std::string_view t : {"test", "tests", "testing", "local", "dev", "development"})
    if (name == t || name.ends_with("." + std::string(t)) || name.ends_with("_" + std::string(t))) return true;
  return false;
}

bool isServerStart(std::string_view callee) {
  std::string c = lower(callee);
  return c.ends_with(".run") || c.ends_with("run_app") || c.ends_with(".listen") || c.ends_with("serve") ||
         c == "run" || c.find("fastapi") != std::string::npos || c.find("openapi") != std::string::npos;
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
  struct Site {
    bool sink = false;        ///< the URL argument of an outbound client
    bool envFallback = false; ///< the default of an environment read
    bool bind = false;        ///< a listen address, or documentation metadata
    std::string name;         ///< the binding / key / keyword name, if any
    bool key = false;         ///< the name is a dict key, object property, keyword or struct field
  };

  static Site siteOf(ts::Node str, const RuleContext& ctx) {
    Site s;
    auto src = ctx.source();
    auto anc = ctx.ancestors();
    ts::Node cur = str;
    for (auto it = anc.rbegin(); it != anc.rend(); ++it) {
      ts::Node p = *it;
      auto t = p.type();
      if (t == "parenthesized_expression" || t == "expression_list" || t == "literal_element") {
        cur = p;
        continue;
      }
      if ((t == "binary_expression" || t == "binary_operator")) {
        auto op = p.field("operator").text(src);
        if ((op == "||" || op == "??" || op == "or") && p.field("right") == cur) {
          auto left = p.field("left").text(src);
          s.envFallback = left.find("env") != std::string_view::npos;
          return s;
        }
        if (op == "+" && p.field("left") == cur) {
          cur = p;
          continue;
        }
        return s;
      }
      if (t == "argument_list" || t == "arguments") {
        if (it + 1 == anc.rend()) return s;
        ts::Node call = *(it + 1);
        std::string callee = call.type() == "new_expression" ? std::string(call.field("constructor").text(src))
                                                             : std::string(calleeText(call, src));
        if (lower(callee).find("env") != std::string::npos) {
          s.envFallback = true;
          return s;
        }
        if (isServerStart(callee)) {
          s.bind = true;
          return s;
        }
        Sink sink = outboundSink(callee, ctx.lang());
        if (sink.isSink && sink.urlArg >= 0) {
          int index = 0;
          for (std::uint32_t i = 0; i < p.namedChildCount(); ++i) {
            ts::Node a = p.namedChild(i);
            if (a.type() == "comment" || a.type() == "keyword_argument") continue;
            if (a == cur) s.sink = index == sink.urlArg;
            ++index;
          }
        }
        return s;
      }
      if (t == "keyword_argument" || t == "pair" || t == "keyed_element") {
        ts::Node key = t == "keyword_argument" ? p.field("name") : t == "pair" ? p.field("key") : p.namedChild(0);
        if (t == "pair" && p.field("value") != cur) return s;
        std::string_view k = key.text(src);
        if (k.size() >= 2 && (k.front() == '"' || k.front() == '\'')) k = k.substr(1, k.size() - 2);
        s.name = std::string(k);
        s.key = true;
        // The call this argument or option object belongs to.
        for (auto up = it + 1; up != anc.rend() && up - it < 6; ++up) {
          auto ut = up->type();
          if (ut == "call" || ut == "call_expression" || ut == "new_expression" || ut == "composite_literal") {
            std::string callee = ut == "new_expression"    ? std::string(up->field("constructor").text(src))
                                 : ut == "composite_literal" ? std::string(up->field("type").text(src))
                                                             : std::string(calleeText(*up, src));
            if (isServerStart(callee) || lower(callee).find("env") != std::string::npos) s.bind = true;
            if (outboundSink(callee, ctx.lang()).isSink || lower(callee).ends_with("options")) s.sink = true;
            break;
          }
        }
        return s;
      }
      if (t == "assignment" || t == "assignment_expression" || t == "variable_declarator" || t == "const_spec" ||
          t == "var_spec" || t == "short_var_declaration" || t == "default_parameter" ||
          t == "typed_default_parameter" || t == "public_field_definition" || t == "assignment_statement") {
        ts::Node n = t == "assignment" || t == "assignment_expression" || t == "short_var_declaration" ||
                             t == "assignment_statement"
                         ? p.field("left")
                         : p.field("name");
        if (n && (n.type() == "expression_list") && n.namedChildCount() == 1) n = n.namedChild(0);
        if (n && n.type() == "attribute") n = n.field("attribute");
        if (n && n.type() == "member_expression") n = n.field("property");
        if (n && n.type() == "selector_expression") n = n.field("field");
        if (n) s.name = std::string(n.text(src));
        return s;
      }
      return s;
    }
    return s;
  }

  static void literal(ts::Node node, RuleContext& ctx) {
    if (localOrTestSettings(ctx.file().path)) return;
    auto src = ctx.source();
    auto anc = ctx.ancestors();
    if (!anc.empty() && anc.back().type() == "expression_statement") return;  // docstring
    std::string_view value = staticPrefix(node, src, ctx.lang());
    if (value.size() < 4) return;
    bool plain = stringLiteralValue(node, src, ctx.lang()).has_value();
    UrlParts u = parseUrl(value);
    bool url = value.find("://") != std::string_view::npos && isUrlScheme(u.scheme);
    if (!url && !(plain && isBareHost(value))) return;
    if (url && !plain && value.find('/', value.find("://") + 3) == std::string_view::npos &&
        u.port.empty())
      return;  // f"https://{host}…": the host itself is interpolated
    if (u.host.empty() || isPlaceholderHost(u.host) || u.host == "0.0.0.0" || u.host == "::" || u.host == "[::]")
      return;
    if (u.host.find('.') == std::string_view::npos && !isLoopback(u.host) && !url) {
      // A bare single word ("redis", "db") is only an endpoint with a port or under an endpoint name.
      if (u.port.empty()) return;
    }
    if (!url && !std::isalpha(static_cast<unsigned char>(u.host[0])) && !isLocalOrIp(u.host)) return;

    Site site = siteOf(node, ctx);
    if (site.bind) return;
    bool named = !site.name.empty() && endpointName(site.name);
    if (!site.sink && !named && !site.envFallback) return;
    if (!url && !site.sink && named && bindName(site.name)) return;  // HOST = "127.0.0.1": a bind address
    if (!url && !site.sink && !named) return;

    bool loop = isLoopback(u.host) || isPrivateIp(u.host);
    bool internal = isClusterInternal(u.host);
    core::Severity sev;
    std::string why;
    if (site.envFallback) {
      if (!loop) return;  // a public default for optional configuration is fine
      // Browser code: the bundler fixes the value at build time (`import.meta.env.VITE_API_URL ||
      // "http://localhost:8000"`); the dev fallback never reaches a production build that sets it.
      if (ctx.facts().role == core::FileRole::Frontend) return;
      sev = core::Severity::Low;
      why = " is the fallback of an environment read: fine for development, but production must set the variable";
    } else if (loop) {
      sev = ctx.facts().role == core::FileRole::Frontend ? core::Severity::Medium : core::Severity::High;
      why = isPrivateIp(u.host) ? " is a private IP address, valid in one network only"
                                : " points at this machine, so it breaks once deployed";
    } else if (internal) {
      sev = core::Severity::Medium;
      why = " ties the code to one deployment";
    } else {
      // Public hosts (SaaS API bases such as https://api.stripe.com, documentation and homepage
      // links) are the same in every environment: not reported (the catalog's info level was noise
      // on well-configured apps).
      return;
    }
    std::string shown(value.substr(0, std::min<std::size_t>(value.size(), 80)));
    if (!u.userinfo.empty() || u.hasQuery) {
      shown = (u.scheme.empty() ? "" : u.scheme + "://") + u.host + (u.port.empty() ? "" : ":" + u.port) + u.path;
    }
    // A password in the URL's userinfo is masked in every output.
    std::optional<core::ByteRange> secret;
    if (auto colon = u.userinfo.find(':'); colon != std::string::npos && url) {
      std::uint32_t at = stringContentRange(node, src).start + static_cast<std::uint32_t>(value.find("://") + 3 + colon + 1);
      secret = core::ByteRange{at, at + static_cast<std::uint32_t>(u.userinfo.size() - colon - 1)};
    }
    if (site.envFallback) {
      core::Finding& f = ctx.report(node, "service endpoint `" + shown + "`" + why);
      f.severity = sev;
      f.sensitive = secret;
      return;
    }
    std::string name = plain ? deriveEnvName(ctx.file(), node, EnvValueKind::Endpoint) : "";
    std::string tail = name.empty() ? ": read the address from configuration" : ": read it from " + name;
    core::Finding& f = ctx.report(node, "hardcoded service endpoint `" + shown + "`" + why + tail);
    f.severity = sev;
    f.sensitive = secret;
    if (plain)
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
