// Another plugin, but nothing sets security headers.
import fp from "fastify-plugin";
import cors from "@fastify/cors";

export default fp(async (app) => {
  await app.register(cors, { origin: ["https://app.example.com"] });
});
