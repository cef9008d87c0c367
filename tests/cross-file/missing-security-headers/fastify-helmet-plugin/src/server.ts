import Fastify from "fastify";
import autoload from "@fastify/autoload";

const app = Fastify({ logger: true });
app.register(autoload, { dir: new URL("./plugins", import.meta.url).pathname });
await app.listen({ port: 3000 });
