// hardcoded-listen-port: a server started on a literal port instead of the platform's PORT.
#include <algorithm>
#include <cctype>
#include <map>

#include "rules/common/externalize.hpp"
#include "rules/common/launch.hpp"
#include "rules/common/shutdown.hpp"
#include "rules/common/syntax.hpp"
#include "rules/common/urls.hpp"
#include "rules/configuration/listen_port_shapes.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds servers started on a literal port with no environment lookup: Flask/FastAPI
`app.run(port=5000)`, `uvicorn.run(app, port=8000)`, aiohttp `web.run_app(app, port=8080)`,
waitress `serve(app, port=8080)`, Express/Koa/Node `app.listen(3000)`, Fastify
`listen({ port: 3000 })`, Go `http.ListenAndServe(":8080", h)`, `&http.Server{Addr: ":8080"}`,
gin `r.Run(":8080")`, echo `e.Start(":8080")`, fiber `app.Listen(":3000")` and
`net.Listen("tcp", ":8080")` — also when the literal sits in a constant the call uses
(`PORT = 5000` … `app.run(port=PORT)`).

## Why is this bad?
Heroku, Render, Cloud Run, Railway, Fly and most container platforms tell the process which port
to listen on through the `PORT` environment variable (Twelve-Factor VII, port binding). A server
that ignores it is not reachable there, and two services with the same hardcoded port cannot run
side by side.

Not flagged: ports read from the environment, gin's `r.Run()` without an argument (it reads
`PORT`), port 0 (an ephemeral port, as tests use), listeners bound to localhost (`127.0.0.1:6060`
for pprof or admin endpoints; the service's own echo/gin server started from `main` on
`127.0.0.1:…` is reported: it is unreachable from outside the host or container), a literal that is only a default (`addr := ":8081"` then
`if v := os.Getenv("ADDR"); v != "" { addr = v }`), Python's `app.run(port=…)` under `if __name__ == "__main__":`
(the framework's dev server; production runs gunicorn or uvicorn, and dev-server-entrypoint reports
`python app.py` in production; `uvicorn.run` there is still reported), an HTTP-to-HTTPS redirect listener (port 80 by protocol), a Go debug listener serving
`net/http/pprof` on the default mux (`http.ListenAndServe(":6060", nil)`) or a mux whose only
routes are `/metrics`, `/debug/…` or health probes (a side listener: its port is the scraper's or
the probe's, not the platform's `PORT`), a development tool's preview server (a Storybook
binary such as `cmd/app-storybook`), and tests.

## Example
```python
app.run(host="0.0.0.0", port=5000)
```

Use instead:
```python
app.run(host="0.0.0.0", port=int(os.environ.get("PORT", "5000")))
```

## Fix safety
"Externalize to environment variable" keeps the literal as the default and reads `PORT` first:
`int(os.environ.get("PORT", "5000"))`, `Number(process.env.PORT) || 3000`,
`":" + envOr("PORT", "8080")` in Go (a small helper is added once per file), and appends
`PORT=<literal>` to `.env.example`. Unsafe: where `PORT` is already set, the server now listens
on it.

## References
- The Twelve-Factor App, VII. Port binding
- Heroku, Cloud Run and Render runtime contracts (`PORT`)
)md";

const RuleMeta kMeta{
    .id = "hardcoded-listen-port",
    .category = core::Category::Configuration,
    .severity = core::Severity::Medium,
    .confidence = core::Confidence::High,
    .languages = kAllCode,
    .summary = "Server listens on a hardcoded port instead of PORT from the environment",
    .docs = kDocs,
    .fix = core::Applicability::Unsafe,
    .mode = ScoreMode::Presence,
};

struct State final : RuleState {
  std::map<std::string, ts::Node, std::less<>> literalBindings;  ///< name → its literal value
  std::vector<std::string> portIdentifiers;                       ///< identifiers passed as ports
  std::vector<std::string> reassigned;  ///< names assigned again (`if v := os.Getenv("ADDR"); v != "" { addr = v }`)
  std::vector<std::uint32_t> reported;
};

class HardcodedListenPort final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::unique_ptr<RuleState> makeState() const override { return std::make_unique<State>(); }
  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Python) return {"call", "assignment"};
    if (lang == Lang::Go)
      return {"call_expression", "keyed_element", "const_spec", "var_spec", "short_var_declaration", "assignment_statement"};
    return {"call_expression", "variable_declarator", "assignment_expression"};
  }

  void visit(ts::Node node, RuleContext& ctx) const override {
    if (ctx.facts().isTestOrGenerated() || devToolPath(ctx.file().path)) return;
    auto t = node.type();
    if (t == "call" || t == "call_expression") return call(node, ctx);
    if (t == "keyed_element") return goServerAddr(node, ctx);
    binding(node, ctx);
  }

  void finish(RuleContext& ctx) const override {
    auto& st = ctx.state<State>();
    for (const auto& name : st.portIdentifiers) {
      // A literal default that configuration overrides is not hardcoded.
      if (std::find(st.reassigned.begin(), st.reassigned.end(), name) != st.reassigned.end()) continue;
      auto it = st.literalBindings.find(name);
      if (it != st.literalBindings.end()) report(it->second, ctx, "`" + name + "` is the server's hardcoded listen port");
    }
  }

 private:
  static void binding(ts::Node node, RuleContext& ctx) {
    auto src = ctx.source();
    ts::Node name, value;
    auto t = node.type();
    if (t == "assignment" || t == "assignment_statement" || t == "assignment_expression") {
      name = node.field("left");
      value = node.field("right");
    } else if (t == "variable_declarator" || t == "const_spec" || t == "var_spec") {
      name = node.field("name");
      value = node.field("value");
    } else if (t == "short_var_declaration") {
      name = node.field("left");
      value = node.field("right");
    }
    if (!name || !value) return;
    if (name.type() == "expression_list") {
      if (name.namedChildCount() != 1) return;
      name = name.namedChild(0);
    }
    if (value.type() == "expression_list") {
      if (value.namedChildCount() != 1) return;
      value = value.namedChild(0);
    }
    if (name.type() != "identifier") return;
    auto& st = ctx.state<State>();
    if (!isListenPortLiteral(value, src, ctx.lang()) || st.literalBindings.count(name.text(src))) {
      // Any other value bound to the name (or a second binding) makes the literal a default.
      if (t != "variable_declarator" && t != "const_spec" && t != "var_spec") st.reassigned.emplace_back(name.text(src));
      return;
    }
    st.literalBindings.emplace(std::string(name.text(src)), value);
  }

  /// A port argument: report a literal now, remember an identifier for finish().
  static void portArgument(ts::Node arg, RuleContext& ctx) {
    if (!arg) return;
    auto src = ctx.source();
    if (arg.type() == "identifier") {
      ctx.state<State>().portIdentifiers.emplace_back(arg.text(src));
      return;
    }
    if (isListenPortLiteral(arg, src, ctx.lang())) report(arg, ctx, "server listens on a hardcoded port");
  }

  static void report(ts::Node lit, RuleContext& ctx, const std::string& what) {
    auto& st = ctx.state<State>();
    if (std::find(st.reported.begin(), st.reported.end(), lit.startByte()) != st.reported.end()) return;
    st.reported.push_back(lit.startByte());
    std::string env = deriveEnvName(ctx.file(), lit, EnvValueKind::Port);
    core::Finding& f = ctx.report(lit, what + " (" + std::string(lit.text(ctx.source())) + "): read " + env +
                                           " from the environment" +
                                           (env == "PORT" ? ", which PaaS platforms set" : ""));
    if (auto fix = externalizeFix(ctx.file(), lit, EnvValueKind::Port)) f.fixes.push_back(std::move(*fix));
  }

  static ts::Node keyword(ts::Node args, std::string_view src, std::string_view name) {
    for (std::uint32_t i = 0; args && i < args.namedChildCount(); ++i) {
      ts::Node a = args.namedChild(i);
      if (a.type() == "keyword_argument" && a.field("name").text(src) == name) return a.field("value");
    }
    return ts::Node();
  }

  static ts::Node positional(ts::Node args, std::uint32_t index) {
    std::uint32_t k = 0;
    for (std::uint32_t i = 0; args && i < args.namedChildCount(); ++i) {
      ts::Node a = args.namedChild(i);
      if (a.type() == "comment" || a.type() == "keyword_argument") continue;
      if (k++ == index) return a;
    }
    return ts::Node();
  }

  static void call(ts::Node node, RuleContext& ctx) {
    auto src = ctx.source();
    std::string_view callee = calleeText(node, src);
    std::string_view name = calleeName(node, src);
    ts::Node args = callArguments(node);
    if (!args) return;
    Lang lang = ctx.lang();
    if (lang == Lang::Python) {
      // `if __name__ == "__main__": app.run(port=5000)` is the local dev server (production runs
      // gunicorn/uvicorn from a Procfile or Dockerfile); dev-server-entrypoint owns that case.
      bool devServer = name == "run" && callee != "uvicorn.run" && callee != "hypercorn.run";
      if (devServer && inMainGuard(node, src)) return;
      bool server = callee == "uvicorn.run" || callee == "web.run_app" || callee == "aiohttp.web.run_app" ||
                    callee == "waitress.serve" || callee == "serve" || callee == "hypercorn.run" ||
                    ((name == "run") && callee != "run" && !ctx.facts().frameworks.empty() &&
                     callee.find("subprocess") == std::string_view::npos && callee.find("asyncio") == std::string_view::npos);
      if (server) portArgument(keyword(args, src, "port"), ctx);
      if (callee == "run_simple" || callee == "werkzeug.serving.run_simple") portArgument(positional(args, 1), ctx);
      return;
    }
    if (core::isJsFamily(lang)) {
      if (name == "listen") {
        ts::Node first = positional(args, 0);
        if (first && first.type() == "object") {
          for (std::uint32_t i = 0; i < first.namedChildCount(); ++i) {
            ts::Node p = first.namedChild(i);
            if (p.type() == "pair" && p.field("key").text(src) == "port") portArgument(p.field("value"), ctx);
          }
        } else {
          portArgument(first, ctx);
        }
      } else if (callee == "serve" || callee == "Bun.serve" || callee == "Deno.serve") {
        ts::Node first = positional(args, 0);
        for (std::uint32_t i = 0; first && first.type() == "object" && i < first.namedChildCount(); ++i) {
          ts::Node p = first.namedChild(i);
          if (p.type() == "pair" && p.field("key").text(src) == "port") portArgument(p.field("value"), ctx);
        }
      }
      return;
    }
    // Go
    if (callee == "http.ListenAndServe" || callee == "http.ListenAndServeTLS" || name == "Run" || name == "Start" ||
        name == "Listen" || name == "StartTLS" || name == "RunTLS") {
      ts::Node first = positional(args, 0);
      if (name == "Listen" && callee.starts_with("net.")) first = positional(args, 1);
      // A pprof/expvar listener on the default mux, a probe-only side server: not the service port.
      if (callee.starts_with("http.ListenAndServe") && positional(args, 1).text(src) == "nil" &&
          ctx.facts().imports_("net/http/pprof"))
        return;
      if (healthProbeOnly(ctx.facts()) ||
          opsOnlyMux(ctx.nearestAncestor({"function_declaration", "func_literal", "method_declaration"}), src)) return;
      // An HTTP -> HTTPS redirect listener is on port 80 by protocol.
      if (callee.starts_with("http.ListenAndServe") && positional(args, 1).text(src).find("Redirect") != std::string_view::npos)
        return;
      if (first && (first.type() == "interpreted_string_literal" || first.type() == "raw_string_literal" ||
                    first.type() == "identifier"))
        portArgument(first, ctx);
      if (first && (name == "Start" || name == "Run" || name == "StartTLS" || name == "RunTLS")) loopbackMainServer(first, ctx);
    }
  }

  /// Go: the service's own echo/gin server started from `main` on a literal loopback address
  /// (`e.Start("127.0.0.1:8585")`): a side pprof/admin listener uses net/http, not the app's Start/Run.
  static void loopbackMainServer(ts::Node first, RuleContext& ctx) {
    auto src = ctx.source();
    ts::Node fn = ctx.nearestAncestor({"function_declaration", "func_literal", "method_declaration"});
    if (!fn || fn.type() != "function_declaration" || fn.field("name").text(src) != "main") return;
    auto v = stringLiteralValue(first, src, ctx.lang());
    if (!v) return;
    auto colon = v->rfind(':');
    if (colon == std::string_view::npos || colon + 1 >= v->size()) return;
    std::string_view host = v->substr(0, colon);
    if (host != "127.0.0.1" && host != "localhost") return;
    auto& st = ctx.state<State>();
    if (std::find(st.reported.begin(), st.reported.end(), first.startByte()) != st.reported.end()) return;
    st.reported.push_back(first.startByte());
    ctx.report(first, "server binds a hardcoded loopback address and port (" + std::string(first.text(src)) +
                          "): unreachable from outside the host or container; listen on 0.0.0.0 and read PORT "
                          "from the environment");
  }

  /// Go: &http.Server{Addr: ":8080"}.
  static void goServerAddr(ts::Node node, RuleContext& ctx) {
    auto src = ctx.source();
    if (node.namedChildCount() != 2 || node.namedChild(0).text(src) != "Addr") return;
    ts::Node lit = ctx.nearestAncestor({"composite_literal"});
    if (!lit) return;
    auto type = lit.field("type").text(src);
    if (type != "http.Server" && !type.ends_with(".Server")) return;
    ts::Node value = node.namedChild(1);
    if (value.type() == "literal_element" && value.namedChildCount() == 1) value = value.namedChild(0);
    portArgument(value, ctx);
  }
};

}  // namespace

const Rule& hardcodedListenPort() {
  static const HardcodedListenPort rule;
  return rule;
}

}  // namespace agentlens::rules
