import { testClient } from "hono/testing";
import { expect, it } from "vitest";
import app from "../app";

const client = testClient(app);

it("lists notes", async () => {
  const res = await client.notes.index.$get();
  expect(res.status).toBe(200);
});

it("reads and deletes a note", async () => {
  expect((await client.notes[":id"].$get({ param: { id: "1" } })).status).toBe(200);
  expect((await client.notes[":id"].$delete({ param: { id: "1" } })).status).toBe(204);
});
