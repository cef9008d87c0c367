// unbounded-metric-labels: metric labels (Prometheus label values, OpenTelemetry metric
// attributes) fed with values that have no bound: raw request paths and URLs, query and path
// parameters, user/request ids, emails, client IPs.
#include <algorithm>

#include "rules/common/security.hpp"
#include "rules/common/syntax.hpp"
#include "rules/observability/metric_label_values.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds metric labels whose value can take an unbounded number of values:
- Prometheus client label values: prom-client `metric.labels(…)` and the label object of
  `inc/dec/observe/startTimer({…})` (and `set({…})` on a receiver named as a metric or in a file
  importing prom-client), Python prometheus_client
  `metric.labels(…)` (positional or keyword), Go `WithLabelValues(…)` and `prometheus.Labels{…}`;
- OpenTelemetry metric attributes: `counter.add(n, {…})` / `histogram.record(v, {…})` in
  JavaScript and Python (`attributes={…}` included) when the file uses OpenTelemetry or the
  receiver is named as a metric and the first argument is not a string, and Go `metric.WithAttributes(attribute.String(k, v), …)`.

A value is reported when it is the raw request path or URL (`req.url`, `req.originalUrl`,
`req.path`, hono `c.req.path`, `request.path`, `request.url`, Django `request.get_full_path()`, `r.URL.Path`, `c.Request.URL.Path`, and
`c.Path()`/`c.OriginalURL()` in files importing gofiber) — including a fallback to it when no
route matched (`req.route ? req.route.path : req.path`) —
other request input (query and path parameters, body fields, headers, the client IP: `req.params.id`,
`request.args`, `c.Param(…)`, `chi.URLParam(…)`), or a value named as an id of a user, customer,
account, member, session, request, trace, order, device, payment, … , an email, a user name or a
client IP (`user.id`, `userId`, `email`, `clientIp`) — directly, through
`String()`/`str()`/`fmt.Sprint` and similar, in a concatenation, or through a local variable.
A key named that way (`user_id`, `"user.id"`, `url.full`) holding a non-constant value is reported
too. Request values are reported with high confidence, names with medium confidence.

Not reported: the route template (`req.route.path`, `req.route?.path`, FastAPI/Starlette
`request.scope["route"].path`, Flask `request.url_rule.rule`, Django
`request.resolver_match.route`, gin `c.FullPath()`, chi
`chi.RouteContext(r).RoutePattern()`, gorilla `GetPathTemplate()`, echo `c.Path()`, fiber `c.Route().Path`, `r.Pattern`), the method, the
status code, constants and other values with a fixed set of values, lookups in an allowlist
map, and attributes on trace spans or log lines (high cardinality is fine there). Test code is
skipped.

## Why is this bad?
Every distinct label value is a new time series. A label fed with raw paths, ids or emails grows
with traffic (and with every scanner probing random URLs): the metrics library's memory grows
without bound, scrapes slow down, and the monitoring backend drops or bills the series.

## Example
```js
httpRequests.labels(req.method, req.originalUrl, res.statusCode).inc();
```

Use instead:
```js
httpRequests.labels(req.method, req.route?.path ?? "unmatched", res.statusCode).inc();
```

## References
- Prometheus: Instrumentation best practices, "Do not overuse labels"; Metric and label naming
- OpenTelemetry semantic conventions for HTTP metrics (`http.route`, not the URL)
)md";

const RuleMeta kMeta{
    .id = "unbounded-metric-labels",
    .category = core::Category::Observability,
    .severity = core::Severity::Medium,
    .confidence = core::Confidence::High,
    .languages = kAllCode,
    .summary = "Metric label built from an unbounded value (raw path, user id, email, request input)",
    .docs = kDocs,
    .mode = ScoreMode::Presence,
};

bool metricReceiver(std::string_view callee) {
  std::string r = sec::lowerCopy(callee);
  for (std::string_view m : {"counter", "histogram", "gauge", "meter", "metric", "requests", "latency", "duration"})
    if (r.find(m) != std::string::npos) return true;
  return false;
}

std::string_view keyText(ts::Node k, std::string_view src) {
  std::string_view t = k.text(src);
  if (t.size() >= 2 && (t.front() == '"' || t.front() == '\'' || t.front() == '`')) t = t.substr(1, t.size() - 2);
  return t;
}

class UnboundedMetricLabels final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Python) return {"call"};
    if (lang == Lang::Go) return {"call_expression", "composite_literal"};
    return {"call_expression"};
  }

  void visit(ts::Node n, RuleContext& ctx) const override {
    if (ctx.facts().isTestOrGenerated()) return;
    if (n.type() == "composite_literal") {
      if (n.field("type").text(ctx.source()).ends_with("prometheus.Labels")) pairs(n.field("body"), ctx);
      return;
    }
    auto src = ctx.source();
    std::string_view callee = calleeText(n, src);
    std::string_view name = calleeName(n, src);
    ts::Node args = callArguments(n);
    if (!args || callee.find('.') == std::string_view::npos) return;
    Lang lang = ctx.lang();
    if (name == "labels" || name == "WithLabelValues" || name == "GetMetricWithLabelValues") {
      for (std::uint32_t i = 0; i < args.namedChildCount(); ++i) {
        ts::Node a = args.namedChild(i);
        if (a.type() == "object" || a.type() == "dictionary") pairs(a, ctx);
        else if (a.type() == "keyword_argument") check(a.field("name").text(src), a.field("value"), ctx);
        else if (a.type() != "comment") check("", a, ctx);
      }
      return;
    }
    if (lang == Lang::Go) {
      if (callee == "metric.WithAttributes") goAttributes(args, ctx);
      return;
    }
    ts::Node first = sec::positionalArg(args, 0);
    if ((name == "inc" || name == "dec" || name == "observe" || name == "startTimer" ||
         (name == "set" && (metricReceiver(callee) || ctx.facts().imports_("prom-client")))) &&
        first && first.type() == "object" && lang != Lang::Python) {
      pairs(first, ctx);
      return;
    }
    // OpenTelemetry instruments: add(n, attrs) / record(v, attrs); a string first argument is not
    // a measurement (an audit log's record("event", {…})).
    bool measured = first && first.type() != "string" && first.type() != "template_string";
    if ((name == "add" || name == "record") && measured && (usesOtel(ctx) || metricReceiver(callee))) {
      ts::Node attrs = sec::positionalArg(args, 1);
      if (!attrs && lang == Lang::Python) attrs = sec::keywordArg(args, "attributes", src);
      if (attrs && (attrs.type() == "object" || attrs.type() == "dictionary")) pairs(attrs, ctx);
    }
  }

 private:
  static bool usesOtel(const RuleContext& ctx) {
    return std::any_of(ctx.facts().imports.begin(), ctx.facts().imports.end(), [](const core::Import& i) {
      return i.module.starts_with("@opentelemetry") || i.module.starts_with("opentelemetry");
    });
  }

  /// Key/value pairs of a JS object, a Python dict or a Go `prometheus.Labels{…}` body.
  static void pairs(ts::Node obj, RuleContext& ctx) {
    if (!obj) return;
    auto src = ctx.source();
    for (std::uint32_t i = 0; i < obj.namedChildCount(); ++i) {
      ts::Node e = obj.namedChild(i);
      if (e.type() == "shorthand_property_identifier") check(e.text(src), e, ctx);
      else if (e.type() == "pair") check(keyText(e.field("key"), src), e.field("value"), ctx);
      else if (e.type() == "keyed_element" && e.namedChildCount() == 2)
        check(keyText(sec::unwrap(e.namedChild(0)), src), e.namedChild(1), ctx);
    }
  }

  /// Go `metric.WithAttributes(attribute.String("user.id", id), …)`.
  static void goAttributes(ts::Node args, RuleContext& ctx) {
    auto src = ctx.source();
    for (std::uint32_t i = 0; i < args.namedChildCount(); ++i) {
      ts::Node a = args.namedChild(i);
      if (a.type() != "call_expression" || !calleeText(a, src).starts_with("attribute.")) continue;
      ts::Node inner = callArguments(a);
      ts::Node k = inner ? sec::positionalArg(inner, 0) : ts::Node();
      ts::Node v = inner ? sec::positionalArg(inner, 1) : ts::Node();
      if (k && v) check(keyText(k, src), v, ctx);
    }
  }

  static void check(std::string_view key, ts::Node value, RuleContext& ctx) {
    auto src = ctx.source();
    Lang lang = ctx.lang();
    ts::Node v = sec::unwrap(value);
    if (!v || sec::isConstant(v, src, lang)) return;
    ts::Node fn = enclosingFunction(ctx);
    ts::Node scope = fn ? fn : ctx.file().tree.root();
    bool fiber = lang == Lang::Go && std::any_of(ctx.facts().imports.begin(), ctx.facts().imports.end(),
                                                 [](const core::Import& i) { return i.module.find("gofiber") != std::string::npos; });
    auto u = metrics::unboundedValue(v, scope, src, lang, fiber);
    if (!u && !key.empty() && !metrics::routeTemplate(v.text(src))) u = metrics::unboundedKey(key);
    if (!u) return;
    std::string text(v.text(src));
    if (text.size() > 60) text = text.substr(0, 57) + "...";
    std::string label = key.empty() ? "Metric label value `" + text + "`" : "Metric label `" + std::string(key) + "` (`" + text + "`)";
    std::string advice;
    if (u->path) {
      advice = lang == Lang::Python ? "label with the route template (`request.url_rule.rule`, `request.scope[\"route\"].path`)"
               : lang == Lang::Go  ? "label with the route template (gin `c.FullPath()`, chi `RoutePattern()`)"
                                   : "label with the route template (`req.route?.path`)";
    } else {
      advice = "keep labels to bounded values (route template, method, status) and put " + u->what +
               " in logs or trace attributes";
    }
    auto& f = ctx.report(v, label + " is " + u->what + ": every distinct value is a new time series, so metric memory "
                                                     "and storage grow without bound; " + advice);
    if (!u->fromRequest) f.confidence = core::Confidence::Medium;
  }
};

}  // namespace

const Rule& unboundedMetricLabels() {
  static const UnboundedMetricLabels rule;
  return rule;
}

}  // namespace agentlens::rules
