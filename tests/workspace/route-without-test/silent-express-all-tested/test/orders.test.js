const request = require("supertest");
const { app } = require("../src/app");

test("reads an order", async () => {
  const id = 7;
  const res = await request(app).get(`/orders/${id}`);
  expect(res.status).toBe(200);
});

test("creates an order", async () => {
  const res = await request(app).post("/orders").send({ sku: "A1" });
  expect(res.status).toBe(201);
});
