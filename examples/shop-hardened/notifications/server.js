// Entry point: configuration from the environment, graceful shutdown on SIGTERM/SIGINT.
const logger = require("./logger");
const { buildApp } = require("./app");
const { initErrorTracking } = require("./telemetry");

initErrorTracking();

function required(name) {
  const value = process.env[name];
  if (!value) {
    logger.fatal({ name }, "missing required environment variable");
    process.exit(1);
  }
  return value;
}

const app = buildApp({
  mailgunKey: required("MAILGUN_API_KEY"),
  apiToken: required("NOTIFY_API_TOKEN"),
  pricesUrl: required("PRICES_URL"),
  templatesDir: process.env.TEMPLATES_DIR || "templates",
});

const server = app.listen(Number(process.env.PORT || 3000), () => logger.info({ port: server.address().port }, "listening"));
server.requestTimeout = 30_000;
server.headersTimeout = 10_000;

function shutdown(signal) {
  logger.info({ signal }, "shutting down");
  server.close((err) => {
    if (err) logger.error({ err }, "close failed");
    process.exit(err ? 1 : 0);
  });
  setTimeout(() => process.exit(1), 20_000).unref();
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
