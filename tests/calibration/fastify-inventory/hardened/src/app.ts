// Inventory API (Fastify 5): schema validation on every route, bearer auth on every route but the
// public allowlist, typed errors to 4xx, unexpected errors logged and answered 500.
import { timingSafeEqual, randomUUID } from "node:crypto";
import Fastify, { FastifyInstance } from "fastify";
import rateLimit from "@fastify/rate-limit";
import metrics from "fastify-metrics";
import { Type } from "@sinclair/typebox";
import type { Repo } from "./repo.js";

export class HttpError extends Error {
  constructor(public statusCode: number, message: string) {
    super(message);
  }
}

const PUBLIC = new Set(["/healthz", "/readyz", "/metrics"]);
const Item = Type.Object({ sku: Type.String({ pattern: "^[A-Z0-9-]{3,32}$" }), qty: Type.Integer({ minimum: 0 }) });
const Adjust = Type.Object({ delta: Type.Integer({ minimum: -1000, maximum: 1000 }) });
const SkuParams = Type.Object({ sku: Type.String({ pattern: "^[A-Z0-9-]{3,32}$" }) });
const Search = Type.Object({ q: Type.String({ maxLength: 32 }) });

export interface Deps {
  apiToken: string;
  repo: Repo;
  pricing: { reprice(sku: string): Promise<number> };
  logLevel?: string;
}

export async function buildApp(deps: Deps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: deps.logLevel ?? "info" },
    genReqId: (req) => (req.headers["x-request-id"] as string) || randomUUID(),
    bodyLimit: 64 * 1024,
  });
  await app.register(rateLimit, { max: 300, timeWindow: "1 minute" });
  await app.register(metrics, { endpoint: "/metrics" });
  const expected = Buffer.from(`Bearer ${deps.apiToken}`);

  app.addHook("onRequest", async (req, reply) => {
    reply.header("x-request-id", req.id);
    if (PUBLIC.has(req.routeOptions.url ?? "")) return;
    const given = Buffer.from(req.headers.authorization ?? "");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return reply.code(401).send({ error: "unauthorized" });
    }
  });

  app.setErrorHandler((err, req, reply) => {
    const status = err instanceof HttpError ? err.statusCode : err.validation ? 400 : 500;
    if (status >= 500) req.log.error({ err }, "request failed");
    return reply.code(status).send({ error: status >= 500 ? "internal error" : err.message });
  });

  app.get("/healthz", async () => ({ status: "ok" }));
  app.get("/readyz", async () => {
    await deps.repo.ping();
    return { status: "ready" };
  });

  app.get("/items", { schema: { querystring: Search } }, async (req) => {
    const { q } = req.query as { q: string };
    return deps.repo.search(q, 100);
  });

  app.post("/items", { schema: { body: Item } }, async (req, reply) => {
    const item = req.body as { sku: string; qty: number };
    await deps.repo.insert(item.sku, item.qty);
    req.log.info({ sku: item.sku }, "item created");
    return reply.code(201).send({ sku: item.sku });
  });

  app.post("/items/:sku/adjust", { schema: { body: Adjust, params: SkuParams } }, async (req) => {
    const { sku } = req.params as { sku: string };
    const { delta } = req.body as { delta: number };
    if (!(await deps.repo.adjust(sku, delta))) throw new HttpError(404, "item not found");
    return { sku, price: await deps.pricing.reprice(sku) };
  });

  return app;
}
