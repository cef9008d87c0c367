const express = require("express");
const app = express();
app.use(express.json());

app.get("/api/health", (req, res) => res.json({ ok: true }));
app.get("/orders", (req, res) => res.json([]));

app.listen(3000);
