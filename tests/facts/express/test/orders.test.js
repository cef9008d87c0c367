const request = require("supertest");
const app = require("../src/app");

test("lists products", async () => {
  const res = await request(app).get("/products");
  expect(res.status).toBe(200);
});

test("creates an order", async () => {
  await request(app).post("/orders").send({ item: "a" }).expect(201);
});
