const express = require("express");
const { requireSession } = require("./session");
const app = express();
app.use(express.json());

app.post("/api/signin", (req, res) => res.json({}));
app.post("/api/otp/verify", (req, res) => res.json({}));
app.post("/api/signout", (req, res) => res.json({}));
app.post("/api/tokens", requireSession, (req, res) => res.status(201).json({}));
app.delete("/api/session/token", (req, res) => res.status(204).end());

app.listen(3000);
