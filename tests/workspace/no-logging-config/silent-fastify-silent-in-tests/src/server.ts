import Fastify from "fastify";

const app = Fastify({
  logger: { level: process.env.NODE_ENV === "test" ? "silent" : (process.env.LOG_LEVEL ?? "info") },
});

app.get("/orders", async () => []);

await app.listen({ port: Number(process.env.PORT ?? 3000), host: "0.0.0.0" });
