// no-health-endpoint: a service with routes but no /health (or /healthz, /ready, /ping…).
#include <algorithm>

#include "rules/workspace/no_health_anchor.hpp"
#include "rules/workspace/stack.hpp"
#include "rules/workspace/workspace_check.hpp"

namespace agentlens::rules {
namespace {

constexpr std::string_view kDocs = R"md(## What it does
Reports an HTTP service (routes are registered somewhere in the workspace) with no health
endpoint: no route matching `/health`, `/healthz`, `/live(z)`, `/ready(z)`, `/ping`, `/status` or
`/_health` (optionally under `/api`), and no health library (`django-health-check`,
`@godaddy/terminus`, the gRPC health service, `@fastify/under-pressure` configured with a
`healthCheck`, which answers 503 on every route while the check fails). Workers and cron jobs without routes are not
judged, nor are serverless deployments where the platform checks health. A repository whose
services are deployed from their own Dockerfiles (`services/auth-api/Dockerfile`) is judged per
service: one service's `/healthz` does not answer for another, reported after that service's last
route registration. Routes include NestJS
controllers and Hono sub-apps (`app.route("/users", users)`, @hono/zod-openapi `createRoute`): the
finding points at the root NestJS controller, or at the Hono app's first sub-app mount, where the
health route belongs.

## Why is this bad?
Load balancers, Kubernetes and PaaS platforms decide whether to send traffic to an instance, or to
restart it, by probing a health endpoint. Without one a hung process keeps receiving requests and
a deploy cannot tell a broken release from a healthy one.

## Example
A Flask app with `/orders` routes and nothing else.

Use instead:
```python
@app.get("/health")
def health():
    return {"status": "ok"}
```
plus a `/ready` endpoint that checks the database (see `shallow-readiness-check`).

## Fix safety
Inserts a `/health` route next to the app object for Flask, FastAPI, Express, gin or a Go
`ServeMux`. Safe: it only adds a route.

## References
- Google SRE book, launch checklist: "how to detect when backends die"
- Kubernetes liveness and readiness probes
)md";

const RuleMeta kMeta{
    .id = "no-health-endpoint",
    .category = core::Category::Deployment,
    .severity = core::Severity::High,
    .confidence = core::Confidence::High,
    .languages = kAllCode,
    .summary = "The service exposes no health endpoint",
    .docs = kDocs,
    .fix = core::Applicability::Safe,
    .planTitle = "Add a /health endpoint",
    .effort = core::Effort::S,
};

std::string indentOf(const std::string& text, std::uint32_t line) {
  std::size_t pos = 0;
  for (std::uint32_t i = 0; i < line && pos != std::string::npos; ++i) {
    pos = text.find('\n', pos);
    if (pos != std::string::npos) ++pos;
  }
  if (pos == std::string::npos) return "";
  std::size_t e = pos;
  while (e < text.size() && (text[e] == ' ' || text[e] == '\t')) ++e;
  return text.substr(pos, e - pos);
}

std::uint32_t endOfLine(const std::string& text, std::uint32_t line) {
  std::size_t pos = 0;
  for (std::uint32_t i = 0; i <= line; ++i) {
    pos = text.find('\n', pos);
    if (pos == std::string::npos) return static_cast<std::uint32_t>(text.size());
    ++pos;
  }
  return static_cast<std::uint32_t>(pos);
}

/// `@fastify/under-pressure` with a `healthCheck`: the plugin runs it on an interval and answers
/// 503 on every route while it fails, so a load balancer's probe of any route sees the outage.
bool underPressureHealthCheck(const WorkspaceView& v) {
  for (const auto* f : v.files()) {
    if (f->facts.isTestOrGenerated() || !core::isJsFamily(f->lang)) continue;
    bool plugin = std::any_of(f->facts.imports.begin(), f->facts.imports.end(), [](const core::Import& i) {
      return i.module == "@fastify/under-pressure" || i.module == "under-pressure";
    });
    if (!plugin) continue;
    auto text = v.read(f->path);
    if (text && text->find("healthCheck") != std::string::npos) return true;
  }
  return false;
}

class NoHealthEndpoint final : public WorkspaceCheck {
 public:
  const RuleMeta& meta() const override { return kMeta; }

  void check(WorkspaceContext& ctx) const override {
    const WorkspaceView& v = ctx.view();
    const auto& idx = v.index();
    auto routes = idx.routes();
    if (routes.empty()) return;  // no HTTP service here
    // Serverless: every route is a Next.js file route, or a serverless descriptor exists.
    bool allNext = true;
    for (const auto& r : routes) allNext &= r.route.framework == "nextjs";
    if (allNext || v.exists("serverless.yml") || v.exists("vercel.json") || v.exists("netlify.toml")) return;
    ctx.applicable();
    if (v.uses({"django-health-check", "health_check", "@godaddy/terminus", "@nestjs/terminus",
                "google.golang.org/grpc/health"}) ||
        underPressureHealthCheck(v))
      return;
    if (idx.hasHealthEndpoint()) {
      // One service's /healthz does not answer for another deployed from its own Dockerfile.
      for (const UnitAnchor& u : unitsWithoutHealth(routes, v.files()))
        ctx.report(u.at.path, u.at.line,
                   "no health endpoint in the service under " + u.unit +
                       " (deployed from its own Dockerfile; the health route belongs to another service): add "
                       "`/health` (liveness) and `/ready` (checks dependencies) next to its routes");
      return;
    }
    // Probes declared in Kubernetes manifests but not served is k8s-manifest-gaps' business.
    Anchor a = healthRouteAnchor(routes, v.files());
    if (!a.valid()) a = appAnchor(v);
    const core::FileResult* entry = v.entryModule();
    std::string fw = entry && !entry->facts.frameworks.empty() ? entry->facts.frameworks.back() : "";
    core::Finding& f = ctx.report(a.path, a.line,
                                  "no health endpoint: add `/health` (liveness) and `/ready` (checks dependencies) so "
                                  "load balancers and orchestrators can tell when this service is down");
    if (!entry || entry->path != a.path) return;
    auto text = v.read(a.path);
    if (!text) return;
    std::string indent = indentOf(*text, a.line);
    std::string lineText = text->substr(0, endOfLine(*text, a.line));
    lineText = lineText.substr(lineText.rfind('\n', lineText.size() >= 2 ? lineText.size() - 2 : 0) + 1);
    std::string snippet;
    auto lhs = [&](std::string_view line) {  // `app = Flask(...)` -> "app"
      auto eq = line.find('=');
      if (eq == std::string_view::npos) return std::string();
      std::string name(line.substr(0, eq));
      name.erase(0, name.find_first_not_of(" \t"));
      if (name.starts_with("const ") || name.starts_with("let ") || name.starts_with("var ")) name = name.substr(name.find(' ') + 1);
      name.erase(name.find_last_not_of(" \t:") + 1);
      return name;
    };
    std::string obj = lhs(lineText);
    if (obj.empty() || obj.find_first_of("({[,") != std::string::npos) return;
    if ((fw == "flask" || fw == "fastapi") && indent.empty())
      snippet = "\n\n@" + obj + ".get(\"/health\")\ndef health():\n    return {\"status\": \"ok\"}\n";
    else if (fw == "express" || fw == "koa" || fw == "fastify")
      snippet = indent + obj + ".get(\"/health\", (_req, res) => res.json({ status: \"ok\" }));\n";
    else if (fw == "gin")
      snippet = indent + obj + ".GET(\"/health\", func(c *gin.Context) { c.JSON(http.StatusOK, gin.H{\"status\": \"ok\"}) })\n";
    else if (fw == "net/http" && lineText.find("NewServeMux") != std::string::npos)
      snippet = indent + obj + ".HandleFunc(\"GET /health\", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusOK) })\n";
    if (snippet.empty()) return;
    if (obj.find(' ') != std::string::npos) return;
    if (fw == "gin" && text->find("\"net/http\"") == std::string::npos) return;  // needs http.StatusOK
    core::Fix fix{.title = "Add a /health route", .applicability = core::Applicability::Safe};
    core::TextEdit e;
    std::uint32_t at = endOfLine(*text, a.line);
    e.range = {at, at};
    e.text = snippet;
    fix.edits.push_back(e);
    f.fixes.push_back(fix);
  }
};

}  // namespace

const WorkspaceCheck& noHealthEndpoint() {
  static const NoHealthEndpoint check;
  return check;
}

}  // namespace agentlens::rules
