import { createRoute, z } from "@hono/zod-openapi";

export const purge = createRoute({
  path: "/cache/purge",
  method: "post",
  responses: { 204: { description: "Purged" } },
});
