import { Hono } from "hono";

const links = new Hono();
links.get("/", (c) => c.json([]));

export default links;
