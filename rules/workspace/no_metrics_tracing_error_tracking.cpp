// no-metrics-tracing-error-tracking: no metrics, no tracing, no error tracker (three parts).
#include "rules/workspace/stack.hpp"
#include "rules/workspace/workspace_check.hpp"

namespace agentlens::rules {
namespace {

constexpr std::string_view kDocs = R"md(## What it does
Looks for the three kinds of production telemetry and reports each one that is missing:
- **metrics**: prometheus_client, prometheus-fastapi-instrumentator, django-prometheus, prom-client,
  express-prom-bundle, client_golang, expvar, Datadog (ddtrace / dd-trace);
- **tracing**: any OpenTelemetry package;
- **error tracking**: Sentry, Rollbar, Bugsnag, Honeybadger, New Relic.
The score is the share of the three that are present.

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

class NoMetricsTracingErrorTracking final : public WorkspaceCheck {
 public:
  const RuleMeta& meta() const override { return kMeta; }

  void check(WorkspaceContext& ctx) const override {
    const WorkspaceView& v = ctx.view();
    if (v.serverModules().empty()) return;
    ctx.applicable(3);
    Anchor a = appAnchor(v);
    Stack s = detectStack(v);
    std::string at = !s.manifest.empty() ? s.manifest : a.path;
    std::uint32_t line = !s.manifest.empty() ? 0 : a.line;
    if (!v.uses({"prometheus_client", "prometheus-client", "prometheus_fastapi_instrumentator",
                 "prometheus-fastapi-instrumentator", "django_prometheus", "django-prometheus", "prom-client",
                 "express-prom-bundle", "github.com/prometheus/client_golang", "expvar", "ddtrace", "dd-trace",
                 "statsd", "hot-shots", "@opentelemetry/sdk-metrics"}))
      ctx.report(at, line, "no metrics: expose request rate, errors and latency (e.g. Prometheus /metrics)");
    if (!v.uses({"opentelemetry", "opentelemetry-api", "opentelemetry-sdk", "@opentelemetry/api", "@opentelemetry/sdk-node",
                 "go.opentelemetry.io/otel", "ddtrace", "dd-trace"}))
      ctx.report(at, line, "no tracing: add OpenTelemetry instrumentation to follow requests across services");
    if (!v.uses({"sentry_sdk", "sentry-sdk", "@sentry/node", "@sentry/nextjs", "@sentry/react", "github.com/getsentry/sentry-go",
                 "rollbar", "bugsnag", "@bugsnag/js", "honeybadger", "newrelic", "@honeybadger-io/js"}))
      ctx.report(at, line, "no error tracking: report unhandled exceptions to an error tracker (Sentry, Rollbar, …)");
  }
};

}  // namespace

const WorkspaceCheck& noMetricsTracingErrorTracking() {
  static const NoMetricsTracingErrorTracking check;
  return check;
}

}  // namespace agentlens::rules
