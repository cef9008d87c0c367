import { createRoute, z } from "@hono/zod-openapi";

export const remove = createRoute({
  path: "/{id}",
  method: "delete",
  request: { params: z.object({ id: z.string() }) },
  responses: { 204: { description: "Deleted" } },
});
