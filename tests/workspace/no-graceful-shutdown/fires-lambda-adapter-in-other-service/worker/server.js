const express = require("express");

const app = express();

app.get("/jobs", (_req, res) => res.json([]));

app.listen(Number(process.env.PORT || 8080));
