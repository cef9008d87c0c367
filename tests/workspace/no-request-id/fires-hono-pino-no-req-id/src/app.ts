import { Hono } from "hono";
import { logging } from "./middlewares/logging";
import { db } from "./db";

const app = new Hono();
app.use(logging());

app.get("/notes", async (c) => c.json(await db.notes.findMany()));

export default app;
