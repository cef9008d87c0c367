import Fastify from "fastify";
import pressure from "./plugins/pressure";

const app = Fastify({ logger: true });
app.register(pressure);
app.get("/items", async () => []);

await app.listen({ port: Number(process.env.PORT ?? 3000), host: "0.0.0.0" });
