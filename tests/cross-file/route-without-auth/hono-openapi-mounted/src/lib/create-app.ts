import { OpenAPIHono } from "@hono/zod-openapi";

export function createRouter() {
  return new OpenAPIHono();
}

export default function createApp() {
  return createRouter();
}
