// Entry point: configuration, Sentry, graceful shutdown on SIGTERM/SIGINT.
import * as Sentry from "@sentry/node";
import Stripe from "stripe";
import { loadConfig } from "./config.js";
import { buildApp } from "./app.js";
import { createOrders } from "./orders.js";
import { logger } from "./logger.js";

Sentry.init({ tracesSampleRate: 0.1 });
const config = loadConfig();
const orders = createOrders(config.MONGODB_URI);
const stripe = new Stripe(config.STRIPE_API_KEY, { timeout: 10_000, maxNetworkRetries: 2 });
const app = buildApp({ apiToken: config.API_TOKEN, webhookSecret: config.STRIPE_WEBHOOK_SECRET, stripe, orders });
const server = app.listen(config.PORT, () => logger.info({ port: config.PORT }, "listening"));

function shutdown(signal: string) {
  logger.info({ signal }, "shutting down");
  server.close(async (err) => {
    await orders.close();
    process.exit(err ? 1 : 0);
  });
  setTimeout(() => process.exit(1), 20_000).unref();
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
