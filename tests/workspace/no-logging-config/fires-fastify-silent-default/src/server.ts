import Fastify from "fastify";

function loggerOptions() {
  if (process.stdout.isTTY) {
    return { level: "debug", transport: { target: "pino-pretty" } };
  }
  return { level: process.env.LOG_LEVEL ?? 'silent' };
}

const app = Fastify({ logger: loggerOptions() });

app.get("/orders", async () => []);

await app.listen({ port: Number(process.env.PORT ?? 3000), host: "0.0.0.0" });
