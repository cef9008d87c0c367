// Entry point: configuration, Sentry, graceful shutdown on SIGTERM/SIGINT.
import * as Sentry from "@sentry/node";
import { loadConfig } from "./config.js";
import { buildApp } from "./app.js";
import { createRepo } from "./repo.js";
import { createPricing } from "./pricing.js";

Sentry.init({ tracesSampleRate: 0.1 });
const config = loadConfig();
const repo = createRepo(config.DATABASE_URL, Number(process.env.DB_POOL_MAX ?? "10"));
const app = await buildApp({
  apiToken: config.INVENTORY_API_TOKEN,
  repo,
  pricing: createPricing(config.PRICING_URL, Number(config.PRICING_TIMEOUT_MS)),
  logLevel: config.LOG_LEVEL,
});

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, async () => {
    app.log.info({ signal }, "shutting down");
    await app.close();
    await repo.close();
    process.exit(0);
  });
}

await app.listen({ port: Number(config.PORT), host: "0.0.0.0" });
