import underPressure from "@fastify/under-pressure";
import fp from "fastify-plugin";

// Load shedding only: no health check runs, nothing tells a probe the database is gone.
export default fp(async (fastify) => {
  fastify.register(underPressure, { maxEventLoopDelay: 1000, maxHeapUsedBytes: 100_000_000 });
});
