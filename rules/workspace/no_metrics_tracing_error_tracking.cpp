// no-metrics-tracing-error-tracking: no metrics, no tracing, no error tracker (three parts).
#include <algorithm>

#include "rules/workspace/deploy_evidence.hpp"
#include "rules/workspace/stack.hpp"
#include "rules/workspace/workspace_check.hpp"

namespace agentlens::rules {
namespace {

constexpr std::string_view kDocs = R"md(## What it does
Looks for the three kinds of production telemetry and reports each one that is missing:
- **metrics**: prometheus_client, prometheus-fastapi-instrumentator, django-prometheus, prom-client,
  express-prom-bundle, client_golang, expvar, StatsD, Datadog (ddtrace / dd-trace), Azure
  Application Insights, New Relic; a Next.js app deployed on Vercel (`vercel.json`, a
  `vercel-build` script, a README deploy button or Vercel section) has the platform's
  invocation, error and latency metrics;
- **tracing**: any OpenTelemetry package, Datadog APM, Application Insights, or Sentry with
  performance tracing on (`traces_sample_rate` / `traces_sampler` / `tracesSampleRate`). Tracing
  follows requests across services, so it is only asked of a repository that runs several services
  of its own together (a compose file that builds two or more distinct images); a single service
  is not reported for it;
- **error tracking**: Sentry, Rollbar, Bugsnag, Honeybadger, New Relic, Datadog, Application
  Insights (SDKs in Python, Node and Go).
The score is the share of the parts that are present.

## Why is this bad?
Logs tell you what happened to one request; metrics tell you that the error rate doubled, tracing
tells you which dependency is slow, and an error tracker groups and alerts on new exceptions.
Without them you learn about outages from users.

## Example
A FastAPI service with logging only.

Use instead: `prometheus-fastapi-instrumentator` for `/metrics`, OpenTelemetry instrumentation,
and `sentry_sdk.init(dsn=os.environ.get("SENTRY_DSN"))` at start-up.

## References
- Google SRE book, "Monitoring Distributed Systems"
)md";

const RuleMeta kMeta{
    .id = "no-metrics-tracing-error-tracking",
    .category = core::Category::Observability,
    .severity = core::Severity::Medium,
    .confidence = core::Confidence::High,
    .languages = kAllCode,
    .summary = "No metrics, tracing or error tracking",
    .docs = kDocs,
    .planTitle = "Add metrics, tracing and error tracking",
    .effort = core::Effort::M,
};

/// Sentry with performance tracing switched on: it traces requests (and their outbound calls).
bool sentryTracing(const WorkspaceView& v) {
  for (const auto* f : v.files()) {
    bool sentry = std::any_of(f->facts.imports.begin(), f->facts.imports.end(), [](const core::Import& i) {
      return i.module.starts_with("sentry_sdk") || i.module.starts_with("@sentry/") || i.module.starts_with("github.com/getsentry/");
    });
    if (!sentry) continue;
    auto text = v.read(f->path);
    if (!text) continue;
    for (std::string_view k : {"traces_sample_rate", "traces_sampler", "tracesSampleRate", "tracesSampler", "enable_tracing", "EnableTracing"})
      if (text->find(k) != std::string::npos) return true;
  }
  return false;
}

class NoMetricsTracingErrorTracking final : public WorkspaceCheck {
 public:
  const RuleMeta& meta() const override { return kMeta; }

  void check(WorkspaceContext& ctx) const override {
    const WorkspaceView& v = ctx.view();
    if (v.serverModules().empty()) return;
    bool severalServices = runsSeveralOwnServices(v);
    ctx.applicable(severalServices ? 3 : 2);
    Anchor a = appAnchor(v);
    Stack s = detectStack(v);
    std::string at = !s.manifest.empty() ? s.manifest : a.path;
    std::uint32_t line = !s.manifest.empty() ? 0 : a.line;
    if (!v.uses({"prometheus_client", "prometheus-client", "prometheus_fastapi_instrumentator",
                 "prometheus-fastapi-instrumentator", "django_prometheus", "django-prometheus", "prom-client",
                 "express-prom-bundle", "github.com/prometheus/client_golang", "expvar", "ddtrace", "dd-trace",
                 "statsd", "hot-shots", "@opentelemetry/sdk-metrics", "applicationinsights", "newrelic",
                 "gopkg.in/DataDog/dd-trace-go.v1", "github.com/DataDog/dd-trace-go"}) &&
        !vercelDeployedNextApp(v))
      ctx.report(at, line, "no metrics: expose request rate, errors and latency (e.g. Prometheus /metrics)");
    if (severalServices &&
        !v.uses({"opentelemetry", "opentelemetry-api", "opentelemetry-sdk", "@opentelemetry/api", "@opentelemetry/sdk-node",
                 "go.opentelemetry.io/otel", "ddtrace", "dd-trace", "applicationinsights", "gopkg.in/DataDog/dd-trace-go.v1",
                 "github.com/DataDog/dd-trace-go"}) &&
        !sentryTracing(v))
      ctx.report(at, line, "no tracing: add OpenTelemetry instrumentation to follow requests across services");
    if (!v.uses({"sentry_sdk", "sentry-sdk", "@sentry/node", "@sentry/nextjs", "@sentry/react", "github.com/getsentry/sentry-go",
                 "rollbar", "github.com/rollbar/rollbar-go", "bugsnag", "@bugsnag/js", "github.com/bugsnag/bugsnag-go",
                 "honeybadger", "@honeybadger-io/js", "github.com/honeybadger-io/honeybadger-go", "newrelic",
                 "github.com/newrelic/go-agent", "ddtrace", "dd-trace", "gopkg.in/DataDog/dd-trace-go.v1",
                 "github.com/DataDog/dd-trace-go", "applicationinsights"}))
      ctx.report(at, line, "no error tracking: report unhandled exceptions to an error tracker (Sentry, Rollbar, …)");
  }
};

}  // namespace

const WorkspaceCheck& noMetricsTracingErrorTracking() {
  static const NoMetricsTracingErrorTracking check;
  return check;
}

}  // namespace agentlens::rules
