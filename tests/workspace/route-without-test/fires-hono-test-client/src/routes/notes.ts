import { Hono } from "hono";

const notes = new Hono();

notes.get("/", (c) => c.json([]));
notes.get("/:id", (c) => c.json({ id: c.req.param("id") }));
notes.post("/:id/archive", (c) => c.json({ archived: true }));
notes.delete("/:id", (c) => c.body(null, 204));

export default notes;
