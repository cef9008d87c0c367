// Notification routes (Express 4): every async handler forwards its errors to next(err).
const crypto = require("crypto");
const fs = require("fs/promises");
const path = require("path");
const axios = require("axios");
const express = require("express");
const logger = require("./logger");
const telemetry = require("./telemetry");

class ValidationError extends Error {
  constructor(message) {
    super(message);
    this.status = 400;
  }
}

function requireToken(token) {
  return (req, res, next) => {
    const given = Buffer.from(req.get("authorization") || "");
    const expected = Buffer.from(`Bearer ${token}`);
    if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
      return res.status(401).json({ error: "unauthorized" });
    }
    return next();
  };
}

function buildApp({ mailgunKey, apiToken, pricesUrl, templatesDir, mailer }) {
  const mail =
    mailer ||
    axios.create({
      baseURL: "https://api.mailgun.net/v3",
      timeout: 5000,
      auth: { username: "api", password: mailgunKey },
    });

  const app = express();
  app.disable("x-powered-by");
  app.use((req, res, next) => {
    res.set({
      "x-content-type-options": "nosniff",
      "strict-transport-security": "max-age=31536000; includeSubDomains",
      "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
      "referrer-policy": "no-referrer",
    });
    next();
  });
  app.use(express.json({ limit: "100kb" }));
  app.use((req, res, next) => {
    req.id = req.get("x-request-id") || crypto.randomUUID();
    req.log = logger.child({ reqId: req.id });
    res.set("x-request-id", req.id);
    next();
  });

  app.use(telemetry.metricsMiddleware);

  app.get("/healthz", (req, res) => res.json({ status: "ok" }));
  app.get("/metrics", telemetry.metricsHandler);

  app.post("/notify", requireToken(apiToken), async (req, res, next) => {
    try {
      const { to, subject } = req.body || {};
      if (typeof to !== "string" || typeof subject !== "string") throw new ValidationError("to and subject are required");
      await mail.post("/messages", { to, subject });
      req.log.info({ to }, "notification sent");
      res.json({ sent: true });
    } catch (err) {
      next(err);
    }
  });

  app.get("/templates/:name", async (req, res, next) => {
    try {
      const name = path.basename(req.params.name);
      const tpl = await fs.readFile(path.join(templatesDir, `${name}.html`), "utf8");
      const r = await fetch(`${pricesUrl}/prices/${encodeURIComponent(name)}`, { signal: AbortSignal.timeout(5000) });
      if (!r.ok) throw new Error(`prices service answered ${r.status}`);
      const prices = await r.json();
      res.type("html").send(tpl.replace("{{prices}}", JSON.stringify(prices)));
    } catch (err) {
      next(err);
    }
  });

  app.post("/notify/bulk", requireToken(apiToken), async (req, res, next) => {
    try {
      for (let attempt = 0; attempt < 3; attempt++) {
        try {
          await mail.post("/messages", req.body);
          return res.json({ queued: true });
        } catch (err) {
          req.log.warn({ err, attempt }, "bulk send failed, retrying");
          await new Promise((resolve) => setTimeout(resolve, 2 ** attempt * 200));
        }
      }
      return res.status(503).json({ error: "mail provider unavailable" });
    } catch (err) {
      return next(err);
    }
  });

  // Error middleware: known errors keep their 4xx status; everything else is logged and a 500.
  app.use((err, req, res, next) => {
    if (res.headersSent) return next(err);
    const status = err.status || err.statusCode || 500;
    if (status >= 500) {
      (req.log || logger).error({ err }, "request failed");
      telemetry.reportError(err);
    }
    return res.status(status).json({ error: status >= 500 ? "internal error" : err.message });
  });

  return app;
}

module.exports = { buildApp, ValidationError };
