import { Hono } from "hono";

const home = new Hono();
home.get("/healthz", (c) => c.json({ status: "ok" }));

export default home;
