const express = require("express");
const app = express();
app.use(express.json());

const { requireAuth } = require("./auth");
app.post("/orders", requireAuth, (req, res) => res.status(201).json(req.body));

app.listen(3000);
