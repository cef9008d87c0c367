import Fastify from "fastify";
import closeWithGrace from "close-with-grace";

const app = Fastify({ logger: true });
app.get("/orders", async () => []);

closeWithGrace({ delay: 500 }, async ({ err }) => {
  if (err) app.log.error(err);
  await app.close();
});

await app.listen({ port: 3000, host: "0.0.0.0" });
