const express = require("express");
const app = express();
app.use(express.json());

app.post("/auth/signup", (req, res) => res.json([]));

app.listen(3000);
