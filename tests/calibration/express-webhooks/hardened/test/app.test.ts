import { test } from "node:test";
import assert from "node:assert/strict";
import request from "supertest";
import Stripe from "stripe";
import { buildApp } from "../src/app.js";

const orders = {
  ping: async () => {},
  find: async (id: string) => (id === "a".repeat(24) ? { id, intent: "pi_1", paid: false } : null),
  markPaid: async () => {},
  close: async () => {},
};
const stripe = new Stripe("sk_test_placeholder");
const token = "t".repeat(16);
const app = buildApp({ apiToken: token, webhookSecret: "whsec_test", stripe, orders });
const auth = { authorization: `Bearer ${token}` };

test("healthz is public", async () => {
  assert.equal((await request(app).get("/healthz")).status, 200);
});

test("readyz pings the database", async () => {
  assert.equal((await request(app).get("/readyz")).status, 200);
});

test("orders need a token", async () => {
  assert.equal((await request(app).get(`/orders/${"a".repeat(24)}`)).status, 401);
});

test("a missing order is 404", async () => {
  assert.equal((await request(app).get(`/orders/${"b".repeat(24)}`).set(auth)).status, 404);
});

test("an unsigned webhook is 400", async () => {
  assert.equal((await request(app).post("/webhooks/stripe").set("content-type", "application/json").send("{}")).status, 400);
});

test("an invalid refund is 400", async () => {
  assert.equal((await request(app).post("/refunds").set(auth).send({})).status, 400);
});
