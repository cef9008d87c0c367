// no-graceful-shutdown: a long-running Go or Node server that never handles SIGTERM, and
// shell-form container commands that keep SIGTERM from reaching the process.
#include <algorithm>

#include "rules/common/shutdown.hpp"
#include "rules/workspace/stack.hpp"
#include "rules/workspace/deploy_evidence.hpp"
#include "rules/workspace/workspace_check.hpp"

namespace agentlens::rules {
namespace {

constexpr std::string_view kDocs = R"md(## What it does
Reports a Go or Node.js HTTP server that handles SIGTERM nowhere in the workspace (no
`signal.Notify`/`signal.NotifyContext` with `srv.Shutdown`, no `process.on("SIGTERM", …)` calling
`server.close()`, no http-terminator/stoppable/terminus/lightship), and Dockerfiles whose
`CMD`/`ENTRYPOINT` uses the shell form (`CMD npm start`): PID 1 is then `/bin/sh`, which does not
forward SIGTERM. `close-with-grace` and NestJS `app.enableShutdownHooks()` count as handling it.
Python services run by gunicorn, uvicorn, hypercorn, daphne or waitress pass
(those servers handle signals); `tini`/`dumb-init`, `--init` or a custom `STOPSIGNAL` pass too.

## Why is this bad?
Every deploy, scale-down and node drain sends SIGTERM. A process that ignores it is killed after
the grace period with requests in flight: users see errors on every release.

## Example
```go
log.Fatal(http.ListenAndServe(":8080", mux))
```

Use instead: run the server in a goroutine, wait for `signal.NotifyContext(ctx, syscall.SIGTERM)`,
then `srv.Shutdown(ctx)` with a timeout (Node: `process.on("SIGTERM", () => server.close())`).

## Fix safety
Converting a shell-form `CMD` to the JSON exec form is safe when the command has no shell syntax
(pipes, `&&`, variables); other cases are left to you.

The SIGTERM handler is inserted where the server starts, as no-graceful-shutdown-on-listen does:
Go's `http.ListenAndServe(addr, h)` in `main` becomes an `http.Server` served from a goroutine
that `signal.NotifyContext(…, syscall.SIGTERM)` and `srv.Shutdown` stop (imports added); a
top-level Node `app.listen(…)` keeps its server and closes it on SIGTERM. Unsafe: startup
changes shape, and keep-alive connections can hold a Node server open until the grace period
ends. Other shapes (gin's `r.Run()`, a listen inside a function) get no fix. Python services
are not reported here (their production servers handle SIGTERM), so no Python handler is
generated.

## References
- The Twelve-Factor App, IX. Disposability
- hadolint DL3025
)md";

const RuleMeta kMeta{
    .id = "no-graceful-shutdown",
    .category = core::Category::Deployment,
    .severity = core::Severity::Medium,
    .confidence = core::Confidence::High,
    .languages = kAllCode,
    .summary = "The server does not shut down gracefully on SIGTERM",
    .docs = kDocs,
    .fix = core::Applicability::Safe,
    .planTitle = "Finish in-flight requests on SIGTERM",
    .effort = core::Effort::S,
};

/// `CMD python app.py` -> `CMD ["python", "app.py"]` when the command has no shell syntax.
std::optional<std::string> execForm(std::string_view cmdLine) {
  auto sp = cmdLine.find(' ');
  if (sp == std::string_view::npos) return std::nullopt;
  std::string_view kw = cmdLine.substr(0, sp), rest = cmdLine.substr(sp + 1);
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  while (!rest.empty() && (rest.back() == ' ' || rest.back() == '\r')) rest.remove_suffix(1);
  if (rest.empty() || rest.front() == '[' || rest.find_first_of("|&;$<>`'\"\\*") != std::string_view::npos) return std::nullopt;
  std::string out = std::string(kw) + " [";
  std::size_t i = 0;
  bool first = true;
  while (i < rest.size()) {
    auto j = rest.find(' ', i);
    std::string_view w = rest.substr(i, j == std::string_view::npos ? std::string_view::npos : j - i);
    if (!w.empty()) {
      out += (first ? "\"" : ", \"") + std::string(w) + "\"";
      first = false;
    }
    if (j == std::string_view::npos) break;
    i = j + 1;
  }
  return out + "]";
}

/// The server start in `server` and its SIGTERM fix (rules/common/shutdown), parsing the file
/// once: workspace checks see facts, not trees.
std::pair<std::optional<std::uint32_t>, std::optional<core::Fix>> listenFix(const WorkspaceView& v,
                                                                            const core::FileResult& server) {
  auto text = v.read(server.path);
  if (!text) return {std::nullopt, std::nullopt};
  core::ParsedFile file = core::parseFile(server.path, server.lang, std::make_shared<const std::string>(*text));
  if (!file.tree.valid()) return {std::nullopt, std::nullopt};
  ts::Node listen;
  ts::walk(file.tree.root(), [&](ts::Node n) {
    if (listen) return false;
    if (isServerListen(n, file, server.facts)) listen = n;
    return !listen;
  });
  if (!listen) return {std::nullopt, std::nullopt};
  return {listen.startPoint().row, sigtermFix(file, listen)};
}

/// NestJS `app.enableShutdownHooks()`: Nest closes the app and its HTTP server on SIGTERM.
bool nestShutdownHooks(const WorkspaceView& v) {
  if (!v.uses({"@nestjs/core"})) return false;
  for (const auto* f : v.files()) {
    if (!core::isJsFamily(f->lang) || f->facts.isTestOrGenerated()) continue;
    auto text = v.read(f->path);
    if (text && text->find(".enableShutdownHooks(") != std::string::npos) return true;
  }
  return false;
}

/// A shutdown library the code imports (a dependency declared in package.json but never
/// imported shuts nothing down).
bool importsShutdownLibrary(const WorkspaceView& v) {
  const auto& idx = v.index();
  for (auto lib : {"http-terminator", "stoppable", "@godaddy/terminus", "lightship", "close-with-grace"})
    if (idx.importsModule(lib)) return true;
  return v.uses({"go.uber.org/fx", "github.com/aws/aws-lambda-go/lambda"});
}

/// A Go `package main` file that runs a server: it registers routes itself, or imports the
/// package of a module that does (`cmd/api/main.go` importing `…/shop/http`). A CLI client
/// beside it (`cmd/shop/main.go`) does not.
bool goServerMain(const WorkspaceView& v, const core::FileResult& main) {
  if (!main.facts.routes.empty()) return true;
  for (const auto* s : v.serverModules()) {
    if (s->lang != core::Lang::Go || s->facts.hasMainGuard) continue;
    auto slash = s->path.rfind('/');
    if (slash == std::string::npos) continue;
    std::string dir = "/" + s->path.substr(0, slash);
    for (const auto& i : main.facts.imports)
      if (i.module.ends_with(dir)) return true;
  }
  return false;
}

/// The first `signal.Notify(c, os.Interrupt)` in a Go server's `package main` file when no Go
/// code traps SIGTERM: Ctrl-C is handled, the SIGTERM of every deploy is not.
std::optional<std::pair<const core::FileResult*, std::uint32_t>> goInterruptOnly(const WorkspaceView& v) {
  std::optional<std::pair<const core::FileResult*, std::uint32_t>> first;
  for (const auto* f : v.files()) {
    if (f->lang != core::Lang::Go || f->facts.isTestOrGenerated()) continue;
    for (const auto& s : f->facts.signalHandlers) {
      if (s.what != "SIGINT") return std::nullopt;  // SIGTERM or a computed signal list
      if (!first && f->facts.hasMainGuard && goServerMain(v, *f)) first = {f, s.line};
    }
  }
  return first;
}

class NoGracefulShutdown final : public WorkspaceCheck {
 public:
  const RuleMeta& meta() const override { return kMeta; }

  void check(WorkspaceContext& ctx) const override {
    checkServers(ctx);
    checkDockerfiles(ctx);
  }

 private:
  /// Part 1: Go and Node servers. A Go server whose start no-graceful-shutdown-on-listen sees is
  /// left to it (one finding per main package, on the listen line).
  static void checkServers(WorkspaceContext& ctx) {
    const WorkspaceView& v = ctx.view();
    const auto& idx = v.index();
    const core::FileResult* server = nullptr;
    for (const auto* f : v.serverModules())
      if ((f->lang == core::Lang::Go && f->facts.hasMainGuard) ||
          (core::isJsFamily(f->lang) && f->facts.role == core::FileRole::Server && !f->facts.usesFramework("nextjs"))) {
        server = f;
        break;
      }
    auto modules = v.serverModules();
    bool goServes = std::any_of(modules.begin(), modules.end(), [](auto* f) { return f->lang == core::Lang::Go; });
    if (auto only = goServes ? goInterruptOnly(v) : std::nullopt) {
      ctx.applicable();
      ctx.report(only->first->path, only->second,
                 "only os.Interrupt (Ctrl-C) is trapped: the SIGTERM sent by every deploy, systemd stop and "
                 "Kubernetes kills the process without cleanup; add syscall.SIGTERM to signal.Notify");
      return;
    }
    if (!server) return;
    ctx.applicable();
    bool go = server->lang == core::Lang::Go;
    bool handled = idx.handlesSignal("SIGTERM") || idx.handlesSignal("SIGINT") || idx.handlesSignal("signal") ||
                   importsShutdownLibrary(v) || nestShutdownHooks(v) || lambdaDeployed(v, *server);
    for (const auto& c : idx.commands())
      if (c.item->text.find("next start") != std::string::npos) handled = true;
    if (handled) return;
    auto [listenLine, fix] = listenFix(v, *server);
    if (go && listenLine) return;  // reported by no-graceful-shutdown-on-listen
    std::string how = go ? "wait for signal.NotifyContext(ctx, syscall.SIGTERM) and call srv.Shutdown(ctx)"
                         : "add process.on(\"SIGTERM\", () => server.close(() => process.exit(0)))";
    std::string message = "SIGTERM is not handled: in-flight requests are cut off on every deploy; " + how;
    // The DEP2 fix where the server starts: anchor there so the edit applies to the finding's file.
    if (fix) {
      core::Finding& f = ctx.report(server->path, *listenLine, message);
      f.fixes.push_back(*fix);
      return;
    }
    Anchor a = appAnchor(v);
    ctx.report(a.valid() ? a.path : server->path, a.valid() ? a.line : 0, message);
  }

  /// Part 2: shell-form container commands.
  static void checkDockerfiles(WorkspaceContext& ctx) {
    const WorkspaceView& v = ctx.view();
    const auto& idx = v.index();
    for (const auto* f : idx.filesOfKind("dockerfile")) {
      if (!f->facts.dockerfile) continue;
      const auto& d = *f->facts.dockerfile;
      if (!d.hasCmd) continue;
      ctx.applicable();
      if (d.cmdExecForm || d.usesInit || !d.stopSignal.empty()) continue;
      core::Finding& fi = ctx.report(f->path, d.cmdLine,
                                     "shell-form CMD runs under /bin/sh, which does not forward SIGTERM: use the JSON exec form");
      auto text = v.read(f->path);
      if (!text) continue;
      std::size_t start = 0;
      for (std::uint32_t i = 0; i < d.cmdLine && start != std::string::npos; ++i) {
        start = text->find('\n', start);
        if (start != std::string::npos) ++start;
      }
      if (start == std::string::npos) continue;
      std::size_t end = text->find('\n', start);
      if (end == std::string::npos) end = text->size();
      std::string_view line(text->data() + start, end - start);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (auto exec = execForm(line)) {
        core::Fix fix{.title = "Use the exec form: " + *exec, .applicability = core::Applicability::Safe};
        core::TextEdit e;
        e.range = {static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(start + line.size())};
        e.text = *exec;
        fix.edits.push_back(e);
        fi.fixes.push_back(fix);
      }
    }
  }
};

}  // namespace

const WorkspaceCheck& noGracefulShutdown() {
  static const NoGracefulShutdown check;
  return check;
}

}  // namespace agentlens::rules
