// Todo routes (Express 4): auth on every route except the public allowlist.
const crypto = require("crypto");
const express = require("express");
const helmet = require("helmet");
const rateLimit = require("express-rate-limit");
const Sentry = require("@sentry/node");
const client = require("prom-client");
const { z } = require("zod");
const logger = require("./logger");
const { ValidationError, NotFoundError } = require("./errors");

const PUBLIC = new Set(["/healthz", "/readyz", "/metrics"]);
const TodoIn = z.object({ title: z.string().min(1).max(200) });

function requireToken(token) {
  const expected = Buffer.from(`Bearer ${token}`);
  return (req, res, next) => {
    if (PUBLIC.has(req.path)) return next();
    const given = Buffer.from(req.get("authorization") || "");
    if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
      return res.status(401).json({ error: "unauthorized" });
    }
    req.user = "service";
    return next();
  };
}

function buildApp({ apiToken, repo, notifier }) {
  const app = express();
  client.collectDefaultMetrics();
  app.disable("x-powered-by");
  app.use(helmet());
  app.use(express.json({ limit: "50kb" }));
  app.use(rateLimit({ windowMs: 60_000, limit: 300 }));
  app.use((req, res, next) => {
    req.id = req.get("x-request-id") || crypto.randomUUID();
    req.log = logger.child({ reqId: req.id });
    res.set("x-request-id", req.id);
    next();
  });
  app.use(requireToken(apiToken));

  app.get("/healthz", (req, res) => res.json({ status: "ok" }));
  app.get("/readyz", async (req, res, next) => {
    try {
      await repo.ping();
      res.json({ status: "ready" });
    } catch (err) {
      next(err);
    }
  });
  app.get("/metrics", async (req, res) => res.type(client.register.contentType).send(await client.register.metrics()));

  app.get("/todos", async (req, res, next) => {
    try {
      res.json(await repo.list(req.user, 100));
    } catch (err) {
      next(err);
    }
  });

  app.post("/todos", async (req, res, next) => {
    try {
      const parsed = TodoIn.safeParse(req.body);
      if (!parsed.success) throw new ValidationError("title must be 1 to 200 characters");
      const id = await repo.create(req.user, parsed.data.title);
      await notifier.todoCreated(parsed.data.title);
      req.log.info({ id }, "todo created");
      res.status(201).json({ id });
    } catch (err) {
      next(err);
    }
  });

  app.delete("/todos/:id", async (req, res, next) => {
    try {
      const id = Number.parseInt(req.params.id, 10);
      if (!Number.isInteger(id)) throw new ValidationError("id must be an integer");
      if (!(await repo.remove(req.user, id))) throw new NotFoundError("todo not found");
      res.status(204).end();
    } catch (err) {
      next(err);
    }
  });

  Sentry.setupExpressErrorHandler(app);
  // Error middleware: typed errors keep their 4xx status; anything else is logged and a 500.
  app.use((err, req, res, next) => {
    if (res.headersSent) return next(err);
    const status = err.status || 500;
    if (status >= 500) (req.log || logger).error({ err }, "request failed");
    return res.status(status).json({ error: status >= 500 ? "internal error" : err.message });
  });
  return app;
}

module.exports = { buildApp };
