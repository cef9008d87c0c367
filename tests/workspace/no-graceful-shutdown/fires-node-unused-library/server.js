const express = require("express");
const app = express();

app.get("/results", (req, res) => res.json({ a: 1, b: 2 }));

app.listen(process.env.PORT || 4000);
