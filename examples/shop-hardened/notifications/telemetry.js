// Production telemetry: Prometheus metrics (request rate, errors, latency) on /metrics and
// Sentry error tracking when SENTRY_DSN is set.
const Sentry = require("@sentry/node");
const client = require("prom-client");

const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry });
const requestSeconds = new client.Histogram({
  name: "http_request_duration_seconds",
  help: "HTTP request latency by route and status",
  labelNames: ["method", "route", "status"],
  registers: [registry],
});

function initErrorTracking() {
  if (process.env.SENTRY_DSN) Sentry.init({ dsn: process.env.SENTRY_DSN, tracesSampleRate: 0.1 });
}

// Times every request; the route label is the matched route pattern, never the raw path.
function metricsMiddleware(req, res, next) {
  const end = requestSeconds.startTimer();
  res.on("finish", () => end({ method: req.method, route: req.route ? req.route.path : "unmatched", status: res.statusCode }));
  next();
}

async function metricsHandler(req, res) {
  res.set("content-type", registry.contentType);
  res.send(await registry.metrics());
}

function reportError(err) {
  Sentry.captureException(err);
}

module.exports = { initErrorTracking, metricsMiddleware, metricsHandler, reportError };
