// no-graceful-shutdown-on-listen: a server started without SIGTERM handling that drains it.
#include "rules/common/launch.hpp"
#include "rules/common/shutdown.hpp"
#include "rules/common/syntax.hpp"
#include "rules/deployment/sigterm_close_only.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds Go HTTP servers started without a graceful shutdown: `http.ListenAndServe`,
`srv.ListenAndServe()`, gin's `r.Run()` or echo's `e.Start()` in a `package main` file that never
calls `signal.Notify`/`signal.NotifyContext` and `Shutdown`. Each Go binary is its own process, so
each `main` package is judged on its own. A server that only answers health probes
(`/healthz`) beside a signal-aware worker loop is not reported: it has nothing in flight to drain; nor is a
development tool's preview server (a Storybook binary such as `cmd/app-storybook`).

Node.js servers are judged by no-graceful-shutdown, once per service and on the same listen line:
their SIGTERM handler often lives in another module than `app.listen(…)`. In JavaScript and
TypeScript this rule reports a `process.on('SIGTERM', …)` handler that only closes the HTTP server
(and logs) while the same module opens a database or cache connection (`mongoose.connect`,
`new Pool`, `redis.createClient`, `new PrismaClient`, …): the open connection keeps the process
alive until the orchestrator kills it. Handlers that exit, disconnect or call a helper are not judged.

## Why is this bad?
Every deploy, scale-in and node drain sends SIGTERM. Without a handler the process dies at once:
in-flight requests are cut off mid-write, clients see connection resets and 502s, and half-done
work is lost. A graceful shutdown stops accepting connections, lets running requests finish, then
exits — before the orchestrator's grace period runs out.

Not flagged: Python (gunicorn, uvicorn and hypercorn handle signals), lifecycle frameworks
(Uber fx), tests.

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
The fix restructures startup (the server runs in a goroutine and `main` waits for a signal).
Unsafe: review it.

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
    .languages = {core::Lang::Go, core::Lang::JavaScript, core::Lang::TypeScript},
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
    if (ctx.lang() != Lang::Go) {
      ts::Node close = sigterm::closeOnlyHandler(call, ctx.source(), ctx.lang());
      auto conn = close ? sigterm::openConnection(ctx.source()) : std::string_view{};
      if (!conn.empty())
        ctx.report(close, "on SIGTERM only the HTTP server is closed: the connection opened with `" + std::string(conn) +
                              "` keeps the process alive until it is killed; close it and exit once the server has "
                              "drained");
      return;
    }
    if (isServerListen(call, ctx.file(), facts)) ctx.state<State>().listens.push_back(call);
  }

  void finish(RuleContext& ctx) const override {
    auto& st = ctx.state<State>();
    if (st.listens.empty() || ctx.lang() != Lang::Go || devToolPath(ctx.file().path)) return;
    auto src = ctx.source();
    bool signals = contains(src, "signal.Notify");
    bool shutdown = contains(src, ".Shutdown(") || contains(src, "fx.New(");
    if (signals && shutdown) return;
    if (signals && healthProbeOnly(ctx.facts())) return;
    for (ts::Node call : st.listens) {
      auto& f = ctx.report(call, signals ? "server is never shut down on SIGTERM: call `srv.Shutdown(ctx)` after the signal"
                                         : "server stops abruptly on SIGTERM: in-flight requests are cut off; handle the "
                                           "signal and call `srv.Shutdown(ctx)`");
      if (auto fix = sigtermFix(ctx.file(), call)) f.fixes.push_back(*fix);
    }
  }
};

}  // namespace

const Rule& noGracefulShutdownOnListen() {
  static const NoGracefulShutdownOnListen rule;
  return rule;
}

}  // namespace agentlens::rules
