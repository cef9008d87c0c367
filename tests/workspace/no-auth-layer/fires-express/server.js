const express = require("express");
const app = express();
app.use(express.json());

app.get("/orders", (req, res) => res.json([]));
app.post("/orders", (req, res) => res.status(201).json(req.body));

app.listen(3000);
