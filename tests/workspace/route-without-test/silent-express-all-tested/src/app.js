const express = require("express");

const app = express();
app.use(express.json());

app.get("/orders/:id", (req, res) => res.json({ id: req.params.id }));
app.post("/orders", (req, res) => res.status(201).json(req.body));
app.get("/healthz", (req, res) => res.send("ok"));

module.exports = { app };
