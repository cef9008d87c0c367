// Entry point: configuration from the environment, graceful shutdown on SIGTERM/SIGINT.
const Sentry = require("@sentry/node");
const logger = require("./logger");
const { loadConfig } = require("./config");
const { buildApp } = require("./app");
const { createRepo } = require("./repo");
const { createNotifier } = require("./notifier");

Sentry.init({ tracesSampleRate: 0.1 });
const config = loadConfig();
const repo = createRepo(config.databaseUrl);
const app = buildApp({ apiToken: config.apiToken, repo, notifier: createNotifier(config) });
const server = app.listen(config.port, () => logger.info({ port: config.port }, "listening"));
server.requestTimeout = 30_000;

function shutdown(signal) {
  logger.info({ signal }, "shutting down");
  server.close(async (err) => {
    await repo.close();
    process.exit(err ? 1 : 0);
  });
  setTimeout(() => process.exit(1), 20_000).unref();
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
