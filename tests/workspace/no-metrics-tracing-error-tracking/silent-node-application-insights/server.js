const express = require("express");
const app = express();
app.use(express.json());

app.get("/orders", (req, res) => res.json([]));

app.listen(3000);
