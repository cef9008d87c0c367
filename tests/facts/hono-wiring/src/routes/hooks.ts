import { Hono } from "hono";
import { db } from "../db";

const hooks = new Hono();

hooks.post("/deploy", async (c) => c.json(await db.deploys.create(await c.req.json())));

export default hooks;
