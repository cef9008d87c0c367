// The headers are set by a plugin in its own file, loaded by autoload.
import fp from "fastify-plugin";
import helmet from "@fastify/helmet";

export default fp(async (app) => {
  await app.register(helmet);
});
