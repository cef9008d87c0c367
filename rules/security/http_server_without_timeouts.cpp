// http-server-without-timeouts: Go servers that cannot or do not bound header reads; Node servers
// whose built-in request timeouts are switched off.
#include <algorithm>

#include "rules/common/imports.hpp"
#include "rules/common/syntax.hpp"
#include "rules/common/urls.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Go: finds the package-level `http.ListenAndServe`, `http.ListenAndServeTLS`, `http.Serve` and
`http.ServeTLS`, which start a server with no timeouts at all (and cannot be given any), and
`http.Server{…}` literals that set neither `ReadHeaderTimeout` nor `ReadTimeout`; gin's
`r.Run()`/`r.RunTLS()` (a package-level `http.ListenAndServe` underneath) and echo's
`e.Start()`/`e.StartTLS()` when the file never sets `e.Server.ReadTimeout` or
`e.Server.ReadHeaderTimeout` (the engine created in the same file with `gin.Default()`,
`gin.New()` or `echo.New()`).
Node: finds `server.requestTimeout = 0`, `server.headersTimeout = 0` and the same options passed
as `0` to `http.createServer`, which switch off the defaults Node ≥ 18 ships.

## Why is this bad?
A server that waits forever for request headers can be held open by clients that send one byte
a minute (Slowloris): each connection costs a goroutine or socket, and enough of them exhaust the
process. `ReadHeaderTimeout` bounds that; `WriteTimeout` and `IdleTimeout` bound slow readers and
idle keep-alive connections.

Not flagged: `httptest` servers, gRPC servers, listeners bound to localhost (pprof on
`localhost:6060`), tests, scripts, local tooling such as a Storybook or template preview server
(`cmd/wtf-storybook/`), and Node servers that keep the defaults.

## Example
```go
log.Fatal(http.ListenAndServe(":8080", mux))
```

Use instead:
```go
srv := &http.Server{Addr: ":8080", Handler: mux, ReadHeaderTimeout: 5 * time.Second,
	ReadTimeout: 15 * time.Second, WriteTimeout: 15 * time.Second, IdleTimeout: 60 * time.Second}
log.Fatal(srv.ListenAndServe())
```

## Fix safety
Go: replaces the package-level call with the same call on an `http.Server` literal carrying
`ReadHeaderTimeout` 5 s, `ReadTimeout`/`WriteTimeout` 15 s and `IdleTimeout` 60 s (adding the
`time` import), or adds `ReadHeaderTimeout: 5 * time.Second` to an existing literal. Unsafe:
handlers that stream for longer than `WriteTimeout` (downloads, SSE) need a larger value.

## References
- gosec G112 (ReadHeaderTimeout), G114 (net/http serve functions without timeouts)
- Cloudflare, "The complete guide to Go net/http timeouts"
)md";

const RuleMeta kMeta{
    .id = "http-server-without-timeouts",
    .category = core::Category::Security,
    .severity = core::Severity::Medium,
    .confidence = core::Confidence::High,
    .languages = {Lang::Go, Lang::JavaScript, Lang::TypeScript, Lang::Tsx},
    .roles = kServiceCode,
    .summary = "HTTP server without read-header/request timeouts (Slowloris)",
    .docs = kDocs,
    .fix = core::Applicability::Unsafe,
    .mode = ScoreMode::Presence,
};

constexpr std::string_view kTimeouts =
    "ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 15 * time.Second, WriteTimeout: 15 * time.Second, "
    "IdleTimeout: 60 * time.Second";

bool loopbackAddr(ts::Node arg, std::string_view src) {
  if (!arg) return false;
  auto v = stringLiteralValue(arg, src, Lang::Go);
  if (!v) return false;
  auto colon = v->rfind(':');
  std::string_view host = colon == std::string_view::npos ? *v : v->substr(0, colon);
  return !host.empty() && isLoopback(host) && host != "0.0.0.0";
}

class HttpServerWithoutTimeouts final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Go) return {"call_expression", "composite_literal"};
    return {"assignment_expression", "pair"};
  }

  void visit(ts::Node node, RuleContext& ctx) const override {
    if (ctx.facts().isTestOrGenerated()) return;
    if (ctx.lang() == Lang::Go) {
      if (node.type() == "call_expression") serveCall(node, ctx);
      else serverLiteral(node, ctx);
      return;
    }
    node_(node, ctx);
  }

 private:
  static void serveCall(ts::Node call, RuleContext& ctx) {
    auto src = ctx.source();
    auto callee = calleeText(call, src);
    if (frameworkRun(call, callee, ctx)) return;
    bool tls = callee == "http.ListenAndServeTLS" || callee == "http.ServeTLS";
    if (callee != "http.ListenAndServe" && callee != "http.Serve" && !tls) return;
    ts::Node args = callArguments(call);
    if (!args) return;
    std::vector<ts::Node> a;
    for (std::uint32_t i = 0; i < args.namedChildCount(); ++i)
      if (args.namedChild(i).type() != "comment") a.push_back(args.namedChild(i));
    bool listen = callee.starts_with("http.ListenAndServe");
    if (listen && !a.empty() && loopbackAddr(a[0], src)) return;
    core::Finding& f = ctx.report(call, std::string(callee) +
                                            " starts a server with no timeouts: a client that sends headers slowly "
                                            "holds a connection forever; use an http.Server with ReadHeaderTimeout");
    // (&http.Server{Addr: a, Handler: h, …}).ListenAndServe() / .Serve(l) / …TLS(cert, key)
    std::size_t need = listen ? (tls ? 4 : 2) : (tls ? 4 : 2);
    if (a.size() != need) return;
    std::string fields;
    std::string method;
    std::string callArgs;
    if (listen) {
      fields = "Addr: " + std::string(a[0].text(src));
      std::size_t h = tls ? 3 : 1;
      if (a[h].text(src) != "nil") fields += ", Handler: " + std::string(a[h].text(src));
      method = tls ? "ListenAndServeTLS" : "ListenAndServe";
      if (tls) callArgs = std::string(a[1].text(src)) + ", " + std::string(a[2].text(src));
    } else {
      std::size_t h = 1;
      if (a[h].text(src) != "nil") fields = "Handler: " + std::string(a[h].text(src));
      method = tls ? "ServeTLS" : "Serve";
      callArgs = std::string(a[0].text(src));
      if (tls) callArgs += ", " + std::string(a[2].text(src)) + ", " + std::string(a[3].text(src));
    }
    fields += (fields.empty() ? "" : ", ") + std::string(kTimeouts);
    core::Fix fix{.title = "Serve through an http.Server with timeouts", .applicability = core::Applicability::Unsafe};
    fix.edits = goEnsureImport(ctx.file(), "time");
    core::TextEdit e;
    e.range = {call.startByte(), call.endByte()};
    e.text = "(&http.Server{" + fields + "})." + method + "(" + callArgs + ")";
    fix.edits.push_back(e);
    f.fixes.push_back(std::move(fix));
  }

  /// gin `r.Run(addr)` / echo `e.Start(addr)` on an engine made in this file: no timeouts.
  static bool frameworkRun(ts::Node call, std::string_view callee, RuleContext& ctx) {
    auto dot = callee.rfind('.');
    if (dot == std::string_view::npos || dot == 0) return false;
    std::string_view recv = callee.substr(0, dot), method = callee.substr(dot + 1);
    bool gin = method == "Run" || method == "RunTLS";
    bool echo = method == "Start" || method == "StartTLS";
    if ((!gin && !echo) || recv.find_first_of(".()[]") != std::string_view::npos) return false;
    auto src = ctx.source();
    std::string name(recv);
    auto madeBy = [&](std::string_view ctor) {
      for (auto op : {" := ", " = "})
        if (src.find(name + op + std::string(ctor)) != std::string_view::npos) return true;
      return false;
    };
    if (gin && !madeBy("gin.Default(") && !madeBy("gin.New(")) return false;
    if (echo) {
      if (!madeBy("echo.New(")) return false;
      for (auto set : {".Server.ReadTimeout", ".Server.ReadHeaderTimeout", ".Server = "})
        if (src.find(name + set) != std::string_view::npos) return true;
    }
    ts::Node args = callArguments(call);
    if (args && args.namedChildCount() > 0 && loopbackAddr(args.namedChild(0), src)) return true;
    std::string slow = " and no timeouts: a client that sends headers slowly holds a connection forever; ";
    if (gin)
      ctx.report(call, "gin's " + std::string(method) + " serves with http.ListenAndServe" + slow +
                           "serve the router through an http.Server with ReadHeaderTimeout");
    else
      ctx.report(call, "echo's " + std::string(method) + " serves with an http.Server" + slow + "set " + name +
                           ".Server.ReadHeaderTimeout (and ReadTimeout/WriteTimeout) first");
    return true;
  }

  static void serverLiteral(ts::Node lit, RuleContext& ctx) {
    auto src = ctx.source();
    if (lit.field("type").text(src) != "http.Server") return;
    ts::Node body = lit.field("body");
    if (!body) return;
    ts::Node addr;
    for (std::uint32_t i = 0; i < body.namedChildCount(); ++i) {
      ts::Node kv = body.namedChild(i);
      if (kv.type() != "keyed_element" || kv.namedChildCount() != 2) continue;
      auto key = kv.namedChild(0).text(src);
      if (key == "ReadHeaderTimeout" || key == "ReadTimeout") return;
      if (key == "Addr") {
        addr = kv.namedChild(1);
        if (addr.type() == "literal_element" && addr.namedChildCount() == 1) addr = addr.namedChild(0);
      }
    }
    if (loopbackAddr(addr, src)) return;
    core::Finding& f = ctx.report(lit, "http.Server without ReadHeaderTimeout (or ReadTimeout): slow clients can hold "
                                       "connections open forever; set ReadHeaderTimeout");
    core::Fix fix{.title = "Add ReadHeaderTimeout: 5 * time.Second", .applicability = core::Applicability::Unsafe};
    fix.edits = goEnsureImport(ctx.file(), "time");
    // Insert before the closing brace, after the last element.
    std::uint32_t close = body.endByte() - 1;
    ts::Node lastEl;
    for (std::uint32_t i = 0; i < body.namedChildCount(); ++i)
      if (body.namedChild(i).type() != "comment") lastEl = body.namedChild(i);
    core::TextEdit e;
    if (!lastEl) {
      e.range = {close, close};
      e.text = "ReadHeaderTimeout: 5 * time.Second";
    } else {
      // Multi-line literals keep a trailing comma; single-line ones get ", ".
      std::string_view between = src.substr(lastEl.endByte(), close - lastEl.endByte());
      bool multiline = between.find('\n') != std::string_view::npos;
      if (multiline) {
        std::uint32_t at = lastEl.endByte();
        if (!between.empty() && between.front() == ',') ++at;
        e.range = {at, at};
        e.text = "\n" + std::string(lineIndent(src, lastEl.startByte())) + "ReadHeaderTimeout: 5 * time.Second,";
        if (between.empty() || between.front() != ',') e.text = "," + e.text;
      } else {
        e.range = {lastEl.endByte(), lastEl.endByte()};
        e.text = ", ReadHeaderTimeout: 5 * time.Second";
      }
    }
    fix.edits.push_back(e);
    f.fixes.push_back(std::move(fix));
  }

  // Node: server.requestTimeout = 0 / headersTimeout = 0, or { requestTimeout: 0 } to createServer.
  static void node_(ts::Node node, RuleContext& ctx) {
    auto src = ctx.source();
    ts::Node key, value;
    if (node.type() == "assignment_expression") {
      ts::Node left = node.field("left");
      if (!left || left.type() != "member_expression") return;
      key = left.field("property");
      value = node.field("right");
    } else {
      key = node.field("key");
      value = node.field("value");
      auto anc = ctx.ancestors();
      if (anc.size() < 3 || anc[anc.size() - 2].type() != "arguments") return;
      auto callee = calleeText(anc[anc.size() - 3], src);
      if (!callee.ends_with("createServer")) return;
    }
    if (!key || !value || value.type() != "number" || value.text(src) != "0") return;
    auto k = key.text(src);
    if (k != "requestTimeout" && k != "headersTimeout") return;
    core::Finding& f = ctx.report(node, std::string(k) + " = 0 switches off Node's protection against slow clients: "
                                                          "keep the default (or set a bound)");
    (void)f;
  }
};

}  // namespace

const Rule& httpServerWithoutTimeouts() {
  static const HttpServerWithoutTimeouts rule;
  return rule;
}

}  // namespace agentlens::rules
