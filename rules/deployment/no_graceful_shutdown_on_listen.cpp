// no-graceful-shutdown-on-listen: a server started without SIGTERM handling that drains it.
#include <cctype>

#include "rules/common/shutdown.hpp"
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
  `lightship`, `close-with-grace`, or NestJS `app.enableShutdownHooks()`). Local development entry
  points (`local-dev.ts`, `dev-server.js`) are not reported.

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

/// `local-dev.ts`, `dev-server.js`, `server.dev.ts`: a local development entry point (production
/// runs another entry, e.g. a Lambda handler); nothing is deployed with it.
bool localDevEntry(std::string_view path) {
  auto slash = path.find_last_of('/');
  std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  std::string token;
  for (std::size_t i = 0; i <= name.size(); ++i) {
    char c = i < name.size() ? static_cast<char>(std::tolower(static_cast<unsigned char>(name[i]))) : '.';
    if (c == '.' || c == '-' || c == '_') {
      if (token == "dev" || token == "local") return true;
      token.clear();
    } else {
      token += c;
    }
  }
  return false;
}

class NoGracefulShutdownOnListen final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::unique_ptr<RuleState> makeState() const override { return std::make_unique<State>(); }
  std::vector<std::string_view> nodeTypes(Lang) const override { return {"call_expression"}; }

  void visit(ts::Node call, RuleContext& ctx) const override {
    const auto& facts = ctx.facts();
    if (facts.isTestOrGenerated()) return;
    if (isServerListen(call, ctx.file(), facts)) ctx.state<State>().listens.push_back(call);
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
        if (auto fix = sigtermFix(ctx.file(), call)) f.fixes.push_back(*fix);
      }
      return;
    }
    for (auto lib : {"http-terminator", "stoppable", "@godaddy/terminus", "lightship", "close-with-grace"})
      if (ctx.facts().imports_(lib)) return;
    if (contains(src, "\"SIGTERM\"") || contains(src, "'SIGTERM'")) return;
    // NestJS: `app.enableShutdownHooks()` closes the app (and its HTTP server) on SIGTERM.
    if (contains(src, ".enableShutdownHooks(")) return;
    if (localDevEntry(ctx.file().path)) return;
    for (ts::Node call : st.listens) {
      auto& f = ctx.report(call, "server never closes on SIGTERM: in-flight requests are cut off on every deploy; "
                                 "add `process.on(\"SIGTERM\", () => server.close(...))`");
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
