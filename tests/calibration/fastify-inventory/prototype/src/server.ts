import Fastify from "fastify";
import { Pool } from "pg";

const app = Fastify();
const pool = new Pool({ connectionString: "postgres://inventory:pr0dPassw0rd2024@10.0.0.5:5432/inventory" });
const ADMIN_KEY = "admin-key-7f3c9a1e5b2d4f6a8c0e";

app.get("/items", async (req: any) => {
  const { rows } = await pool.query(`SELECT * FROM items WHERE sku LIKE '%${req.query.q}%'`);
  return rows;
});

app.post("/items", async (req: any, reply) => {
  try {
    await pool.query("INSERT INTO items (sku, qty) VALUES ($1, $2)", [req.body.sku, req.body.qty]);
  } catch (err) {
    console.error(err);
  }
  reply.send({ ok: true });
});

app.post("/items/:sku/adjust", async (req: any) => {
  if (req.headers["x-admin"] != ADMIN_KEY) return { error: "no" };
  const res = await fetch("http://pricing/reprice/" + req.params.sku);
  const data = await res.json();
  await pool.query("UPDATE items SET qty = qty + " + req.body.delta + " WHERE sku = '" + req.params.sku + "'");
  return data;
});

app.listen({ port: 8080, host: "0.0.0.0" });
