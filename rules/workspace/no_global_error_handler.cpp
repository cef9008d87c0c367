// no-global-error-handler: no app-level error handler, so unexpected errors get the framework's
// default page (with a stack trace in Express's development mode) and no log.
#include <algorithm>

#include "rules/workspace/stack.hpp"
#include "rules/workspace/workspace_check.hpp"

namespace agentlens::rules {
namespace {

constexpr std::string_view kDocs = R"md(## What it does
Reports a Flask, FastAPI, Express or gin service with no app-level error handler: Flask without
`@app.errorhandler(Exception)`/`(500)`/`register_error_handler`, FastAPI without
`exception_handler(Exception)` or error middleware, Express without a 4-argument
`(err, req, res, next)` middleware, Fastify without `setErrorHandler` (its default handler sends
the raw `error.message` of unexpected 500s to the client), gin built with `gin.New()` and no `Recovery` middleware
(`gin.Default()` includes it). Next.js and Django have framework error pages and are not judged.
While it fails, `unhandled-async-error` findings are grouped under it.

## Why is this bad?
Unexpected errors then produce the framework's default response — HTML instead of JSON, a stack
trace in Express's default development mode, a dropped connection in Go after a panic — and often
no log line with the request id. One handler turns them into a consistent 500 with logging.

## Example
An Express app with routes and no error middleware.

Use instead:
```js
app.use((err, req, res, _next) => {
  logger.error({ err, reqId: req.id }, "unhandled error");
  res.status(err.status ?? 500).json({ error: "Internal Server Error", requestId: req.id });
});
```

## References
- Express guide: error handling; Flask: handling application errors; gin: Recovery middleware
)md";

const RuleMeta kMeta{
    .id = "no-global-error-handler",
    .category = core::Category::ErrorHandling,
    .severity = core::Severity::Medium,
    .confidence = core::Confidence::High,
    .languages = kAllCode,
    .summary = "No app-level error handler: unexpected errors get the framework default",
    .docs = kDocs,
    .planTitle = "Add one global error handler that logs and returns JSON",
    .effort = core::Effort::M,
    .subsumes = {"unhandled-async-error"},
};

// Fastify apps register their routes as plugins (`fastify.register(AutoLoad, …)`, often in an
// app.ts that server.ts loads): the handler belongs where the plugins are registered.
Anchor fastifyAnchor(const WorkspaceView& v) {
  for (const auto* f : v.files()) {
    if (f->facts.isTestOrGenerated()) continue;
    if (std::find(f->facts.frameworks.begin(), f->facts.frameworks.end(), "fastify") == f->facts.frameworks.end()) continue;
    auto text = v.read(f->path);
    if (text && text->find("AutoLoad") != std::string::npos && text->find(".register(") != std::string::npos)
      return {f->path, v.lineOfAny(f->path, {".register("})};
  }
  Anchor a = appAnchor(v);
  if (a.path.empty()) return a;
  if (std::uint32_t l = v.lineOfAny(a.path, {"Fastify(", "fastify("}); l) a.line = l;
  return a;
}

class NoGlobalErrorHandler final : public WorkspaceCheck {
 public:
  const RuleMeta& meta() const override { return kMeta; }

  void check(WorkspaceContext& ctx) const override {
    const WorkspaceView& v = ctx.view();
    const core::FileResult* entry = v.entryModule();
    if (!entry) return;
    std::string fw;
    for (const auto& f : entry->facts.frameworks)
      if (f == "flask" || f == "fastapi" || f == "express" || f == "fastify" || f == "gin") fw = f;
    if (fw.empty()) return;  // Next.js, Django, plain net/http, …: not judged
    ctx.applicable();
    bool handled = false;
    for (const auto* f : v.files()) {
      if (f->facts.isTestOrGenerated()) continue;
      for (const auto& h : f->facts.errorHandlers) {
        if (fw == "express" && h.what.find(".use(") == std::string::npos) continue;  // process.on(…) is not enough
        if (fw == "fastify" && h.what.find(".setErrorHandler(") == std::string::npos) continue;
        handled = true;
      }
      for (const auto& m : f->facts.middleware)
        if (m.what.find("ServerErrorMiddleware") != std::string::npos || m.what.find("Recovery") != std::string::npos)
          handled = true;
    }
    if (handled) return;
    Anchor a = fw == "fastify" ? fastifyAnchor(v) : appAnchor(v);
    std::string how = fw == "flask"     ? "add @app.errorhandler(Exception) that logs with logger.exception and returns JSON 500"
                      : fw == "fastapi" ? "add @app.exception_handler(Exception) that logs and returns JSONResponse(status_code=500)"
                      : fw == "express" ? "add a final app.use((err, req, res, next) => …) that logs and responds with JSON"
                      : fw == "fastify" ? "Fastify's default handler sends the raw error message of unexpected 500s to clients; add fastify.setErrorHandler(…) that logs and returns a generic JSON 500"
                                        : "add r.Use(gin.Recovery()) (or build the router with gin.Default())";
    ctx.report(a.path, a.line, "no global error handler: " + how);
  }
};

}  // namespace

const WorkspaceCheck& noGlobalErrorHandler() {
  static const NoGlobalErrorHandler check;
  return check;
}

}  // namespace agentlens::rules
