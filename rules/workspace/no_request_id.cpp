// no-request-id: nothing assigns or propagates a request/correlation id.
#include <algorithm>

#include "core/text/path_text.hpp"
#include "rules/workspace/stack.hpp"
#include "rules/workspace/workspace_check.hpp"

namespace agentlens::rules {
namespace {

constexpr std::string_view kDocs = R"md(## What it does
Reports an HTTP service where no request or correlation id exists anywhere: no handling of
`X-Request-ID`, `X-Correlation-ID` or `traceparent`, no library for it (asgi-correlation-id,
flask-request-id, django-guid, express-request-id, pino-http, cls-rtracer, chi's `RequestID`,
gin-contrib/requestid, hono's `requestId`), and no OpenTelemetry instrumentation. Fastify with its logger on (every
request gets an id, logged as `reqId`), django-structlog's `RequestMiddleware` and Azure
Application Insights (per-request operation id) count as request ids. A Next.js app deployed on Vercel
(`vercel.json`, a `vercel-build` script, or a README deploy button or Vercel section) whose every
route is a Next.js route handler is not reported: the platform tags each invocation and its log
lines with an id (`x-vercel-id`). A service whose every route only serves a page or a file
(`res.sendFile`, `render_template`, `FileResponse`, `http.ServeFile`) and reads no input, queries no
database and calls no other service is not reported either: no request does work whose log lines
need correlating.

## Why is this bad?
When a user reports an error you need to find that request's log lines among thousands. A request
id in every log line and in error responses makes that one search.

## Example
An Express app that logs with `logger.info("order created")` and never sets `req.id`.

Use instead: middleware that takes `X-Request-ID` from the request or generates one, stores it in
the request/log context (a contextvar, `req.id`, `context.WithValue`), returns it in the response
header and includes it in error bodies.

## References
- W3C Trace Context (`traceparent`)
- The Twelve-Factor App, XI. Logs
)md";

const RuleMeta kMeta{
    .id = "no-request-id",
    .category = core::Category::Observability,
    .severity = core::Severity::Medium,
    .confidence = core::Confidence::Medium,
    .languages = kAllCode,
    .summary = "No request id: log lines of one request cannot be correlated",
    .docs = kDocs,
    .planTitle = "Tag every request and log line with a request id",
    .effort = core::Effort::M,
};

/// Every route is a Next.js route handler (pages/api, app router): on Vercel the app runs as
/// functions the platform tags, with their log lines, by an invocation id.
bool nextjsOnly(const WorkspaceView& v) {
  bool any = false;
  for (const auto* f : v.files()) {
    if (f->facts.isTestOrGenerated()) continue;
    for (const auto& r : f->facts.routes) {
      if (r.framework != "nextjs") return false;
      any = true;
    }
  }
  return any;
}

/// Every route of the file only serves a page or a file (`res.sendFile(…)`,
/// `render_template("index.html")`, `FileResponse`, `http.ServeFile`) and reads no input, queries no
/// database and calls no other service: no request does work whose log lines need correlating.
bool staticPagesOnly(const WorkspaceView& v, const core::FileResult& f) {
  auto text = v.read(f.path);
  if (!text) return false;
  for (const auto& r : f.facts.routes) {
    if (r.readsInput || r.callsDb || r.callsHttp || r.handlerEnd <= r.handlerStart || r.handlerEnd > text->size())
      return false;
    std::string h = core::text::asciiLower(std::string_view(*text).substr(r.handlerStart, r.handlerEnd - r.handlerStart));
    bool page = false;
    for (auto w : {"sendfile(", "send_file(", "send_from_directory(", "render_template(", "fileresponse(",
                   "htmlresponse(", "http.servefile(", "c.file(", ".render("})
      page = page || h.find(w) != std::string::npos;
    for (auto w : {"log", "query", "fetch(", "axios", "request.", "req.params", "req.query", "req.body", "db.", "redis"})
      if (h.find(w) != std::string::npos) return false;
    if (!page) return false;
  }
  return true;
}

/// The service's route files that do request work (not static pages only).
std::vector<const core::FileResult*> workingRouteFiles(const WorkspaceView& v) {
  std::vector<const core::FileResult*> out;
  for (const auto* f : v.files())
    if (!f->facts.isTestOrGenerated() && !f->facts.routes.empty() && !staticPagesOnly(v, *f)) out.push_back(f);
  return out;
}

/// The app anchor, moved off a static-pages module (a repository with a static page server beside
/// a working service reports on the working one).
Anchor anchorFor(const WorkspaceView& v, const std::vector<const core::FileResult*>& working) {
  Anchor a = appAnchor(v);
  const core::FileResult* at = v.find(a.path);
  if (working.empty() || !at || at->facts.routes.empty() ||
      std::find(working.begin(), working.end(), at) != working.end())
    return a;
  WorkspaceView one({working.front()}, [&v](const std::string& p) { return v.read(p); });
  return appAnchor(one);
}

/// hono-pino configured with a request id (`http: { reqId: () => crypto.randomUUID() }`): every
/// request's log lines carry it, as pino-http's do.
bool honoPinoRequestIds(const WorkspaceView& v) {
  if (!v.index().importsModule("hono-pino")) return false;
  for (const auto* f : v.files()) {
    if (!core::isJsFamily(f->lang) || f->facts.isTestOrGenerated()) continue;
    bool imports = std::any_of(f->facts.imports.begin(), f->facts.imports.end(),
                               [](const core::Import& i) { return i.module == "hono-pino"; });
    if (!imports) continue;
    auto text = v.read(f->path);
    if (text && text->find("reqId") != std::string::npos) return true;
  }
  return false;
}

class NoRequestId final : public WorkspaceCheck {
 public:
  const RuleMeta& meta() const override { return kMeta; }

  void check(WorkspaceContext& ctx) const override {
    const WorkspaceView& v = ctx.view();
    if (v.index().routes().empty()) return;
    ctx.applicable();
    if (v.uses({"asgi_correlation_id", "asgi-correlation-id", "flask_request_id", "flask-request-id", "django_guid",
                "django-guid", "express-request-id", "pino-http", "cls-rtracer", "@fastify/request-context",
                "github.com/gin-contrib/requestid", "github.com/go-chi/chi/v5/middleware", "github.com/go-chi/chi/middleware",
                "opentelemetry", "@opentelemetry/api", "@opentelemetry/sdk-node", "go.opentelemetry.io/otel",
                // Fastify gives every request an id and binds it (reqId) into every request log line;
                // django-structlog's RequestMiddleware binds request_id; Application Insights correlates
                // each request's telemetry by operation id (W3C traceparent).
                "django_structlog", "django-structlog", "applicationinsights", "hono/request-id"}))
      return;
    if (fastifyLoggerEnabled(v)) return;
    if (honoPinoRequestIds(v)) return;
    if (nextjsOnly(v) && vercelDeployedNextApp(v)) return;
    auto working = workingRouteFiles(v);
    if (working.empty()) return;
    // A hand-written middleware: the header names appear in server code.
    for (const auto* f : v.serverModules()) {
      auto text = v.read(f->path);
      if (!text) continue;
      for (std::string_view h : {"X-Request-ID", "X-Request-Id", "x-request-id", "X-Correlation-ID", "x-correlation-id",
                                 "traceparent", "request_id", "requestId", "RequestID"})
        if (text->find(h) != std::string::npos) return;
    }
    Anchor a = anchorFor(v, working);
    ctx.report(a.path, a.line,
               "no request id: add middleware that reads or generates X-Request-ID, puts it in every log line and "
               "returns it in responses");
  }
};

}  // namespace

const WorkspaceCheck& noRequestId() {
  static const NoRequestId check;
  return check;
}

}  // namespace agentlens::rules
