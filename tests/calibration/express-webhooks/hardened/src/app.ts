// Payment webhooks and order lookups (Express 4, TypeScript).
import { randomUUID, timingSafeEqual } from "node:crypto";
import express, { NextFunction, Request, Response } from "express";
import helmet from "helmet";
import rateLimit from "express-rate-limit";
import * as Sentry from "@sentry/node";
import client from "prom-client";
import type Stripe from "stripe";
import { z } from "zod";
import { logger } from "./logger.js";
import type { Orders } from "./orders.js";

export class HttpError extends Error {
  constructor(public status: number, message: string) {
    super(message);
  }
}

const PUBLIC = new Set(["/healthz", "/readyz", "/metrics", "/webhooks/stripe"]);
const RefundIn = z.object({ orderId: z.string().regex(/^[a-f0-9]{24}$/) });

/** Bearer auth on every route except the public allowlist (the webhook verifies its signature). */
function requireToken(apiToken: string) {
  const expected = Buffer.from(`Bearer ${apiToken}`);
  return (req: Request, res: Response, next: NextFunction) => {
    if (PUBLIC.has(req.path)) return next();
    const given = Buffer.from(req.get("authorization") ?? "");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return res.status(401).json({ error: "unauthorized" });
    return next();
  };
}

export interface Deps {
  apiToken: string;
  webhookSecret: string;
  stripe: Stripe;
  orders: Orders;
}

export function buildApp({ apiToken, webhookSecret, stripe, orders }: Deps) {
  const app = express();
  client.collectDefaultMetrics();
  app.disable("x-powered-by");
  app.use(helmet());
  app.use(rateLimit({ windowMs: 60_000, limit: 600 }));
  app.use((req: Request, res: Response, next: NextFunction) => {
    const id = req.get("x-request-id") ?? randomUUID();
    res.locals.log = logger.child({ reqId: id });
    res.set("x-request-id", id);
    next();
  });
  app.use(requireToken(apiToken));

  app.get("/healthz", (_req, res) => res.json({ status: "ok" }));
  app.get("/readyz", async (_req, res, next) => {
    try {
      await orders.ping();
      res.json({ status: "ready" });
    } catch (err) {
      next(err);
    }
  });
  app.get("/metrics", async (_req, res) => res.type(client.register.contentType).send(await client.register.metrics()));

  // Stripe signs the raw body: verify it before trusting the event; replays are idempotent by event id.
  app.post("/webhooks/stripe", express.raw({ type: "application/json", limit: "256kb" }), async (req, res, next) => {
    try {
      let event: Stripe.Event;
      try {
        event = stripe.webhooks.constructEvent(req.body, req.get("stripe-signature") ?? "", webhookSecret);
      } catch {
        throw new HttpError(400, "invalid signature");
      }
      if (event.type === "payment_intent.succeeded") await orders.markPaid(event.id, event.data.object.id);
      res.locals.log.info({ eventId: event.id, type: event.type }, "webhook processed");
      res.json({ received: true });
    } catch (err) {
      next(err);
    }
  });

  app.get("/orders/:id", async (req, res, next) => {
    try {
      const order = await orders.find(req.params.id);
      if (!order) throw new HttpError(404, "order not found");
      res.json(order);
    } catch (err) {
      next(err);
    }
  });

  app.post("/refunds", express.json({ limit: "10kb" }), async (req, res, next) => {
    try {
      const parsed = RefundIn.safeParse(req.body);
      if (!parsed.success) throw new HttpError(400, "orderId is required");
      const order = await orders.find(parsed.data.orderId);
      if (!order) throw new HttpError(404, "order not found");
      const refund = await stripe.refunds.create({ payment_intent: order.intent }, { idempotencyKey: `refund-${order.id}` });
      res.status(201).json({ id: refund.id, status: refund.status });
    } catch (err) {
      next(err);
    }
  });

  Sentry.setupExpressErrorHandler(app);
  app.use((err: Error & { status?: number }, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    const status = err instanceof HttpError ? err.status : 500;
    if (status >= 500) (res.locals.log ?? logger).error({ err }, "request failed");
    return res.status(status).json({ error: status >= 500 ? "internal error" : err.message });
  });
  return app;
}
