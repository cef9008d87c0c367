import { test } from "node:test";
import assert from "node:assert/strict";
import { buildApp } from "../src/app.js";

const rows = new Map<string, number>();
const repo = {
  ping: async () => {},
  search: async () => [...rows.entries()].map(([sku, qty]) => ({ sku, qty })),
  insert: async (sku: string, qty: number) => void rows.set(sku, qty),
  adjust: async (sku: string, delta: number) => rows.has(sku) && (rows.set(sku, (rows.get(sku) ?? 0) + delta), true),
  close: async () => {},
};
const token = "t".repeat(16);
const auth = { authorization: `Bearer ${token}` };
const app = await buildApp({ apiToken: token, repo, pricing: { reprice: async () => 5 }, logLevel: "silent" });

test("healthz is public", async () => {
  assert.equal((await app.inject({ url: "/healthz" })).statusCode, 200);
});

test("readyz pings the database", async () => {
  assert.equal((await app.inject({ url: "/readyz" })).statusCode, 200);
});

test("items need a token", async () => {
  assert.equal((await app.inject({ url: "/items?q=A" })).statusCode, 401);
});

test("create an item and adjust it", async () => {
  assert.equal((await app.inject({ method: "POST", url: "/items", headers: auth, payload: { sku: "ABC-1", qty: 2 } })).statusCode, 201);
  assert.equal((await app.inject({ method: "POST", url: "/items/ABC-1/adjust", headers: auth, payload: { delta: 3 } })).statusCode, 200);
});

test("invalid item is 400", async () => {
  assert.equal((await app.inject({ method: "POST", url: "/items", headers: auth, payload: { sku: "x" } })).statusCode, 400);
});

test("adjusting a missing item is 404", async () => {
  assert.equal((await app.inject({ method: "POST", url: "/items/NOPE-1/adjust", headers: auth, payload: { delta: 1 } })).statusCode, 404);
});
