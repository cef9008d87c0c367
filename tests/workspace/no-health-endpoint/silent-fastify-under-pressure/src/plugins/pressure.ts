import underPressure from "@fastify/under-pressure";
import fp from "fastify-plugin";

// Every route answers 503 while the database check fails: the load balancer's probe sees it.
export default fp(async (fastify) => {
  fastify.register(underPressure, {
    maxEventLoopDelay: 1000,
    healthCheck: async () => {
      await fastify.knex.raw("SELECT 1");
      return true;
    },
    healthCheckInterval: 5000,
  });
});
