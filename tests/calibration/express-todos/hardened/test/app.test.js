const test = require("node:test");
const assert = require("node:assert");
const request = require("supertest");
const { buildApp } = require("../src/app");

function fakeRepo() {
  const rows = new Map();
  return {
    ping: async () => {},
    list: async () => [...rows.values()],
    create: async (owner, title) => {
      rows.set(rows.size + 1, { id: rows.size + 1, title });
      return rows.size;
    },
    remove: async (owner, id) => rows.delete(id),
  };
}

const app = buildApp({ apiToken: "t", repo: fakeRepo(), notifier: { todoCreated: async () => {} } });
const auth = { authorization: "Bearer t" };

test("healthz is public", async () => {
  assert.strictEqual((await request(app).get("/healthz")).status, 200);
});

test("readyz pings the database", async () => {
  assert.strictEqual((await request(app).get("/readyz")).status, 200);
});

test("todos need a token", async () => {
  assert.strictEqual((await request(app).get("/todos")).status, 401);
});

test("create and list todos", async () => {
  assert.strictEqual((await request(app).post("/todos").set(auth).send({ title: "milk" })).status, 201);
  assert.strictEqual((await request(app).get("/todos").set(auth)).body.length, 1);
});

test("invalid todo is 400", async () => {
  assert.strictEqual((await request(app).post("/todos").set(auth).send({ title: "" })).status, 400);
});

test("delete a missing todo is 404", async () => {
  assert.strictEqual((await request(app).delete("/todos/42").set(auth)).status, 404);
});
