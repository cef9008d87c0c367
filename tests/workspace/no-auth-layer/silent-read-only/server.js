const express = require("express");
const app = express();
app.use(express.json());

app.get("/products", (req, res) => res.json([]));

app.listen(3000);
