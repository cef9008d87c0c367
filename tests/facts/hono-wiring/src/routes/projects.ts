import { Hono } from "hono";
import { db } from "../db";

const projects = new Hono();

projects.post("/", async (c) => c.json(await db.projects.create(await c.req.json()), 201));
projects.delete("/:id", async (c) => c.json(await db.projects.delete(c.req.param("id"))));

export default projects;
