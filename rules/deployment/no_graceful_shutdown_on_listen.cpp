// no-graceful-shutdown-on-listen: a server started without SIGTERM handling that drains it.
#include "rules/common/imports.hpp"
#include "rules/common/syntax.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds HTTP servers started without a graceful shutdown:
- Go: `http.ListenAndServe`, `srv.ListenAndServe()` or gin's `r.Run()` in a `package main` file that
  never calls `signal.Notify`/`signal.NotifyContext` and `Shutdown`;
- JavaScript/TypeScript: `app.listen(…)` / `server.listen(…)` in a file that never registers a
  `process.on("SIGTERM", …)` handler (or uses `http-terminator`, `stoppable`, `@godaddy/terminus`,
  `lightship`).

## Why is this bad?
Every deploy, scale-in and node drain sends SIGTERM. Without a handler the process dies at once:
in-flight requests are cut off mid-write, clients see connection resets and 502s, and half-done
work is lost. A graceful shutdown stops accepting connections, lets running requests finish, then
exits — before the orchestrator's grace period runs out.

Not flagged: Python (gunicorn, uvicorn and hypercorn handle signals), `next start`, lifecycle
frameworks (Uber fx), tests.

## Example
```go
func main() {
	mux := http.NewServeMux()
	log.Fatal(http.ListenAndServe(":8080", mux))
}
```

Use instead:
```go
func main() {
	mux := http.NewServeMux()
	srv := &http.Server{Addr: ":8080", Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Fatal(err)
		}
	}()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	<-ctx.Done()
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		log.Printf("shutdown: %v", err)
	}
}
```

## Fix safety
Both fixes restructure startup (Go: the server runs in a goroutine and `main` waits for a signal;
Node: the listen result is kept and closed on SIGTERM). A Node server with keep-alive connections
may wait for them until the platform's grace period ends. Unsafe: review them.

## References
- The Twelve-Factor App, IX. Disposability
- Go `net/http` docs: `Server.Shutdown`; `os/signal.NotifyContext`
- Node.js docs: `server.close()`; Kubernetes docs: pod termination
)md";

const RuleMeta kMeta{
    .id = "no-graceful-shutdown-on-listen",
    .category = core::Category::Deployment,
    .severity = core::Severity::Medium,
    .confidence = core::Confidence::High,
    .languages = {core::Lang::JavaScript, core::Lang::TypeScript, core::Lang::Tsx, core::Lang::Go},
    .summary = "HTTP server started without graceful shutdown on SIGTERM",
    .docs = kDocs,
    .fix = core::Applicability::Unsafe,
    .mode = ScoreMode::Presence,
    .planTitle = "Shut down gracefully on SIGTERM",
    .effort = core::Effort::S,
};

struct State final : RuleState {
  std::vector<ts::Node> listens;
};

bool contains(std::string_view s, std::string_view t) { return s.find(t) != std::string_view::npos; }

class NoGracefulShutdownOnListen final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::unique_ptr<RuleState> makeState() const override { return std::make_unique<State>(); }
  std::vector<std::string_view> nodeTypes(Lang) const override { return {"call_expression"}; }

  void visit(ts::Node call, RuleContext& ctx) const override {
    const auto& facts = ctx.facts();
    if (facts.isTestOrGenerated()) return;
    auto src = ctx.source();
    ts::Node fn = call.field("function");
    if (!fn) return;
    auto name = calleeName(call, src);
    if (ctx.lang() == Lang::Go) {
      if (!facts.hasMainGuard) return;
      auto callee = calleeText(call, src);
      bool serve = name == "ListenAndServe" || name == "ListenAndServeTLS" ||
                   (name == "Run" && facts.usesFramework("gin") && fn.type() == "selector_expression" &&
                    call.field("arguments").namedChildCount() <= 1);
      if (!serve || callee.starts_with("httptest.")) return;
      ctx.state<State>().listens.push_back(call);
      return;
    }
    if (name != "listen" || fn.type() != "member_expression") return;
    auto recv = fn.field("object").text(src);
    bool server = !facts.frameworks.empty() || recv == "app" || recv == "server" || recv == "httpServer" ||
                  facts.imports_("http") || facts.imports_("node:http") || facts.imports_("https");
    if (!server || facts.usesFramework("nextjs")) return;
    ctx.state<State>().listens.push_back(call);
  }

  void finish(RuleContext& ctx) const override {
    auto& st = ctx.state<State>();
    if (st.listens.empty()) return;
    auto src = ctx.source();
    if (ctx.lang() == Lang::Go) {
      bool signals = contains(src, "signal.Notify");
      bool shutdown = contains(src, ".Shutdown(") || contains(src, "fx.New(");
      if (signals && shutdown) return;
      for (ts::Node call : st.listens) {
        auto& f = ctx.report(call, signals ? "server is never shut down on SIGTERM: call `srv.Shutdown(ctx)` after the signal"
                                           : "server stops abruptly on SIGTERM: in-flight requests are cut off; handle the "
                                             "signal and call `srv.Shutdown(ctx)`");
        goFix(f, call, ctx);
      }
      return;
    }
    for (auto lib : {"http-terminator", "stoppable", "@godaddy/terminus", "lightship"})
      if (ctx.facts().imports_(lib)) return;
    if (contains(src, "\"SIGTERM\"") || contains(src, "'SIGTERM'")) return;
    for (ts::Node call : st.listens) {
      auto& f = ctx.report(call, "server never closes on SIGTERM: in-flight requests are cut off on every deploy; "
                                 "add `process.on(\"SIGTERM\", () => server.close(...))`");
      jsFix(f, call, ctx);
    }
  }

 private:
  static ts::Node statementOf(ts::Node n) {
    ts::Node p = n.parent();
    while (p && p.type() != "expression_statement" && p.type() != "lexical_declaration" &&
           p.type() != "variable_declaration" && p.type() != "short_var_declaration")
      p = p.parent();
    return p;
  }

  static void jsFix(core::Finding& f, ts::Node call, RuleContext& ctx) {
    auto src = ctx.source();
    ts::Node stmt = statementOf(call);
    if (!stmt || stmt.parent().type() != "program") return;  // top-level only: a closure would hide `server`
    std::string indent(lineIndent(src, stmt.startByte()));
    std::string server;
    core::Fix fix{.title = "Close the server on SIGTERM", .applicability = core::Applicability::Unsafe};
    if (stmt.type() == "expression_statement") {
      if (!(stmt.namedChild(0) == call)) return;
      server = contains(src, "server") ? "httpServer" : "server";
      if (contains(src, server + " ")) return;
      core::TextEdit decl;
      decl.range = {call.startByte(), call.startByte()};
      decl.text = "const " + server + " = ";
      fix.edits.push_back(decl);
    } else {
      ts::Node d = stmt.namedChild(0);
      if (!d || d.type() != "variable_declarator" || !(d.field("value") == call)) return;
      server = std::string(d.field("name").text(src));
    }
    std::string unit = indentUnit(src, ctx.lang());
    core::TextEdit handler;
    handler.range = {stmt.endByte(), stmt.endByte()};
    handler.text = "\n" + indent + "process.on(\"SIGTERM\", () => {\n" + indent + unit + server +
                   ".close(() => process.exit(0));\n" + indent + "});";
    fix.edits.push_back(handler);
    f.fixes.push_back(fix);
  }

  static void goFix(core::Finding& f, ts::Node call, RuleContext& ctx) {
    auto src = ctx.source();
    // Only the canonical `log.Fatal(http.ListenAndServe(addr, h))` / `http.ListenAndServe(addr, h)` statement.
    if (calleeText(call, src) != "http.ListenAndServe") return;
    ts::Node args = call.field("arguments");
    if (!args || args.namedChildCount() != 2) return;
    ts::Node stmt = call.parent();
    bool wrapped = false;
    if (stmt.type() == "argument_list") {
      ts::Node outer = stmt.parent();
      auto c = calleeText(outer, src);
      if (c != "log.Fatal" && c != "log.Fatalln") return;
      stmt = outer.parent();
      wrapped = true;
    }
    if (stmt.type() != "expression_statement") return;
    ts::Node fn = stmt.parent();
    while (fn && fn.type() != "function_declaration") fn = fn.parent();
    if (!fn || fn.field("name").text(src) != "main") return;
    auto body = fn.text(src);
    for (auto name : {"srv", "ctx", "stop", "cancel", "shutdownCtx"})
      if (contains(body, std::string(name) + " :=") || contains(body, std::string(name) + ",")) return;
    std::string in(lineIndent(src, stmt.startByte()));
    std::string h(args.namedChild(1).text(src));
    std::string addr(args.namedChild(0).text(src));
    std::string block;
    block += "srv := &http.Server{Addr: " + addr + ", Handler: " + h + ", ReadHeaderTimeout: 10 * time.Second}\n";
    block += in + "go func() {\n";
    block += in + "\tif err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {\n";
    block += in + "\t\tlog.Fatal(err)\n" + in + "\t}\n" + in + "}()\n";
    block += in + "ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)\n";
    block += in + "defer stop()\n" + in + "<-ctx.Done()\n";
    block += in + "shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)\n";
    block += in + "defer cancel()\n";
    block += in + "if err := srv.Shutdown(shutdownCtx); err != nil {\n" + in + "\tlog.Printf(\"shutdown: %v\", err)\n" + in + "}";
    (void)wrapped;
    core::Fix fix{.title = "Shut the server down gracefully on SIGTERM", .applicability = core::Applicability::Unsafe};
    for (auto imp : {"context", "errors", "log", "os", "os/signal", "syscall", "time"})
      for (auto& e : goEnsureImport(ctx.file(), imp)) fix.edits.push_back(e);
    core::TextEdit e;
    e.range = {stmt.startByte(), stmt.endByte()};
    e.text = block;
    fix.edits.push_back(e);
    mergeInsertions(fix.edits);
    f.fixes.push_back(fix);
  }
};

}  // namespace

const Rule& noGracefulShutdownOnListen() {
  static const NoGracefulShutdownOnListen rule;
  return rule;
}

}  // namespace agentlens::rules
