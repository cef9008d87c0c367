const express = require("express");
const { Pool } = require("pg");
const pino = require("pino");
const { requireAuth } = require("./auth");
const { z } = require("zod");

const logger = pino();
const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const PORT = process.env.PORT || 3000;
const app = express();
const api = express.Router();

app.use(express.json());

app.get("/health", (req, res) => res.json({ status: "ok" }));

app.get("/products", async (req, res) => {
  const { rows } = await pool.query("SELECT * FROM products");
  res.json(rows);
});

const OrderSchema = z.object({ item: z.string() });

app.post("/orders", requireAuth, async (req, res) => {
  const parsed = OrderSchema.safeParse(req.body);
  if (!parsed.success) return res.status(400).json({ error: "invalid" });
  const r = await fetch("https://payments.example.com/charge", { method: "POST" });
  res.status(201).json(await r.json());
});

app.delete("/orders/:id", deleteOrder);

async function deleteOrder(req, res) {
  await pool.query("DELETE FROM orders WHERE id = $1", [req.params.id]);
  res.sendStatus(204);
}

app.use(requireAuth);

app.get("/account", (req, res) => res.json(req.user));

api.get("/admin/users", listUsers);
api.put("/admin/users/:id", (req, res) => res.status(200).end());
app.use("/api", api);

function listUsers(req, res) {
  res.json([]);
}

app.use((err, req, res, next) => {
  logger.error({ err });
  res.status(500).json({ error: "internal" });
});

const server = app.listen(PORT, () => logger.info(`listening on ${PORT}`));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
